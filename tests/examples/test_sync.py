"""The claims of the synchronization page, checked on the output of its examples."""

import re

from ..support import examples_of


def _num(text):
    return int(text.replace(",", ""))


@examples_of("sync/lock_counter.py")
def test_locked_counter_is_exact(result):
    out = result.stdout
    assert "counter = 400,000 (expected 400,000): exact = True" in out
    assert "lock held after the threads finished: False" in out


@examples_of("sync/rlock_reentry.py")
def test_rlock_reenters_where_lock_blocks(result):
    out = result.stdout
    assert "RLock: inner acquire(timeout=0.5) -> True, balance 125" in out
    assert "Lock : inner acquire(timeout=0.5) -> False, balance 100" in out


@examples_of("sync/condition_wait_for.py")
def test_condition_wakes_each_waiter_when_its_predicate_holds(result):
    out = result.stdout
    found = re.findall(r"waiter-(\d): wanted (\d) dishes, got (\d) -> (\w+)", out)
    assert len(found) == 3
    for _, wanted, got, ok in found:
        assert ok == "True" and int(got) >= int(wanted)
    assert "wait_for 6 dishes with timeout=0.2 -> False" in out


@examples_of("sync/bounded_semaphore_rate_limit.py")
def test_semaphore_caps_concurrency_and_bounded_catches_extra_release(result):
    out = result.stdout
    m = re.search(r"(\d+) workers, limit (\d+): at most (\d+) inside at once", out)
    assert int(m[3]) <= int(m[2]) and int(m[3]) >= 1
    assert "two holders at once = True" in out
    assert (
        "BoundedSemaphore(1) extra release(): ValueError: Semaphore released too many times" in out
    )


@examples_of("sync/event_start_signal.py")
def test_event_releases_all_waiters(result):
    out = result.stdout
    assert "before set(): 3 threads waiting, is_set = False" in out
    assert len(re.findall(r"runner-\d saw stop after \d+ laps", out)) == 3
    assert "go.wait(timeout=0.1) when already set -> True" in out
    assert "go.wait(timeout=0.1) after clear() -> False" in out


@examples_of("sync/barrier_phases.py")
def test_barrier_separates_phases(result):
    out = result.stdout
    lines = re.findall(r"^(.*)  -> all arrived$", out, re.M)
    assert len(lines) == 3
    for line, phase in zip(lines, ("load", "compute", "save")):
        assert sorted(line.split()) == [f"{phase}:t{i}" for i in range(3)]
    assert "BrokenBarrierError, broken = True" in out


@examples_of("sync/producer_consumer_queue.py")
def test_queue_hands_each_item_to_one_consumer(result):
    out = result.stdout
    assert "handled 20 items, each exactly once: True" in out
    assert "consumers still running: 0" in out


@examples_of("sync/queue_shutdown.py")
def test_queue_shutdown_drains_then_stops_consumers(result):
    out = result.stdout
    assert "items handled: [0, 1, 2, 3, 4, 5]" in out
    assert "consumers that saw ShutDown: 2" in out
    assert "put() after shutdown(): queue.ShutDown" in out
    assert "shutdown(immediate=True): qsize = 0" in out


FOOBAR = ("sync/foobar_semaphores.py", "sync/foobar_condition.py", "sync/foobar_event.py")


@examples_of(*FOOBAR)
def test_foobar_alternates(result):
    out = result.stdout
    assert "n=4: foobarfoobarfoobarfoobar  correct = True" in out
    assert "n=10000: 60000 characters, correct = True" in out


@examples_of("sync/deadlock_lock_order.py")
def test_opposite_lock_order_deadlocks_and_one_order_does_not(result):
    out = result.stdout
    opposite, same = out.split("same order")
    assert len(re.findall(r"thread-\d: timed out after 0.5 s waiting", opposite)) == 2
    assert len(re.findall(r"thread-\d: got both locks, done", same)) == 2
    assert "got both" not in opposite and "timed out" not in same


def _starvation(out):
    """{label: ({thread: acquisitions}, median wait in ms)} for both locks."""
    rows = {}
    for label in ("threading.Lock", "TicketLock"):
        line = re.search(rf"^{label}: acquisitions.*$", out, re.M)[0]
        counts = {name: int(n) for name, n in re.findall(r"(greedy|polite-\d) (\d+)", line)}
        wait = re.search(
            rf"^{label}: polite threads waited for the lock: median ([\d.]+) ms", out, re.M
        )
        rows[label] = (counts, float(wait[1]))
    return rows


@examples_of("sync/starvation_unfair_lock.py")
def test_ticket_lock_is_fair_to_polite_threads(timing):
    def check(result):
        rows = _starvation(result.stdout)
        fair_counts, fair_wait = rows["TicketLock"]
        unfair_counts, unfair_wait = rows["threading.Lock"]
        polite = [v for k, v in fair_counts.items() if k.startswith("polite")]
        assert len(polite) == 3 and min(polite) > 0
        # FIFO: the polite threads are served alike, within a generous margin.
        assert max(polite) <= 1.5 * min(polite), result.stdout
        # They wait much less for the fair lock than for the unfair one.
        assert 2 * fair_wait < unfair_wait, result.stdout
        assert len(unfair_counts) == 4

    timing(check)


@examples_of("sync/atomicity.py")
def test_read_call_write_loses_updates_lock_does_not(timing):
    def check(result):
        out = result.stdout
        assert "list.append from 4 threads: 800,000 of 800,000 items kept" in out
        assert re.search(r"with a Lock: 800,000 of 800,000, lost 0 updates", out)
        lost = _num(re.search(r"no lock: [\d,]+ of [\d,]+, lost ([\d,]+) updates", out)[1])
        assert lost > 0, out

    timing(check)


@examples_of("sync/immutable_snapshot.py")
def test_swapped_frozen_snapshot_is_never_torn(timing):
    def check(result):
        out = result.stdout
        swapped = re.search(r"frozen snapshot swapped: ([\d,]+) torn reads out of ([\d,]+)", out)
        assert _num(swapped[1]) == 0 and _num(swapped[2]) > 0
        assert "TypeError: 'mappingproxy' object does not support item assignment" in out
        in_place = re.search(r"dict updated in place: +([\d,]+) torn reads", out)
        assert _num(in_place[1]) > 0, out

    timing(check)
