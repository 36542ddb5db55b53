"""Claims about the examples in examples/sync/, shown on synchronization.md."""

import re

from example_runner.claims import Run, claim


def _count(run: Run, pattern: str) -> int:
    """The number, with thousands separators, in the first group of `pattern`."""
    return int(run.search(pattern)[1].replace(",", ""))


@claim("sync/lock_counter.py")
def locked_counter_is_exact(run: Run) -> dict[str, int]:
    """Four threads adding under a lock reach exactly 400,000, and the lock is free once they
    have finished."""
    run.expect(
        run.contains("counter = 400,000 (expected 400,000): exact = True"),
        "the counter is exactly 400,000",
    )
    run.expect(
        run.contains("lock held after the threads finished: False"),
        "the lock is free after the threads finished",
    )
    return {"counter": _count(run, r"counter = ([\d,]+)")}


@claim("sync/rlock_reentry.py")
def rlock_reenters_where_lock_blocks(run: Run) -> None:
    """The re-entrant lock lets its owner take it again and the deposit happens; the plain
    lock makes the inner acquire time out, and the balance stays at 100."""
    run.expect(
        run.contains("RLock: inner acquire(timeout=0.5) -> True, balance 125"),
        "with the RLock the inner acquire succeeds and the balance is 125",
    )
    run.expect(
        run.contains("Lock : inner acquire(timeout=0.5) -> False, balance 100"),
        "with the Lock the inner acquire times out and the balance stays 100",
    )


@claim("sync/condition_wait_for.py")
def condition_wakes_each_waiter_when_its_predicate_holds(run: Run) -> None:
    """Each of the three waiters returns only once at least the dishes it wanted are ready,
    and a wait for a sixth dish times out with False."""
    found = run.findall(r"waiter-(\d): wanted (\d) dishes, got (\d) -> (\w+)")
    run.expect(len(found) == 3, "a line for each of the 3 waiters")
    for name, wanted, got, ok in found:
        run.expect(
            ok == "True" and int(got) >= int(wanted),
            f"waiter-{name} returned True with at least the {wanted} dishes it wanted",
        )
    run.expect(
        run.contains("wait_for 6 dishes with timeout=0.2 -> False"),
        "the wait for 6 dishes times out with False",
    )


@claim("sync/bounded_semaphore_rate_limit.py")
def semaphore_caps_concurrency_and_bounded_catches_extra_release(
    run: Run,
) -> dict[str, int | float]:
    """Never more workers are inside than the limit allows; an extra release lets two
    threads hold a plain semaphore, and a bounded one refuses it."""
    m = run.search(r"(\d+) workers, limit (\d+): at most (\d+) inside at once")
    workers, limit, peak = int(m[1]), int(m[2]), int(m[3])
    run.expect(1 <= peak <= limit, f"between 1 and the limit, {limit}, inside at once")
    run.expect(
        run.contains("two holders at once = True"),
        "an extra release lets two threads hold Semaphore(1)",
    )
    run.expect(
        run.contains(
            "BoundedSemaphore(1) extra release(): ValueError: Semaphore released too many times"
        ),
        "BoundedSemaphore(1) refuses the extra release with ValueError",
    )
    return {
        "workers": workers,
        "limit": limit,
        "peak": peak,
        "took": run.number(r"inside at once, took ([\d.]+) s"),
    }


@claim("sync/event_start_signal.py")
def event_releases_all_waiters(run: Run) -> dict[str, int]:
    """All three threads wait until the event is set, all three then run until told to stop,
    and a wait returns True while it is set and False once cleared."""
    run.expect(
        run.contains("before set(): 3 threads waiting, is_set = False"),
        "before set(), 3 threads wait and the event is not set",
    )
    laps = [int(n) for n in run.findall(r"runner-\d saw stop after (\d+) laps")]
    run.expect(len(laps) == 3, "all 3 runners saw the stop")
    run.expect(
        run.contains("go.wait(timeout=0.1) when already set -> True"),
        "wait() returns True when the event is set",
    )
    run.expect(
        run.contains("go.wait(timeout=0.1) after clear() -> False"),
        "wait() returns False after clear()",
    )
    return {"waiting": 3}


@claim("sync/barrier_phases.py")
def barrier_separates_phases(run: Run) -> None:
    """Every thread finishes one phase before any starts the next, the barrier's action runs
    once per phase, and a barrier that never fills breaks at its timeout."""
    lines = run.findall(r"^(.*)  -> all arrived$")
    run.expect(len(lines) == 3, "one line per phase, each ending with the action")
    for line, phase in zip(lines, ("load", "compute", "save")):
        run.expect(
            sorted(line.split()) == [f"{phase}:t{i}" for i in range(3)],
            f"the {phase} line holds the 3 threads' {phase} steps and nothing else",
        )
    run.expect(
        run.contains("BrokenBarrierError, broken = True"),
        "the lonely barrier raises BrokenBarrierError and is broken",
    )


@claim("sync/producer_consumer_queue.py")
def queue_hands_each_item_to_one_consumer(run: Run) -> dict[str, int]:
    """Every one of the 20 items is handled exactly once, and every consumer stops at its
    sentinel."""
    run.expect(
        run.contains("handled 20 items, each exactly once: True"),
        "20 items handled, each exactly once",
    )
    run.expect(run.contains("consumers still running: 0"), "no consumer still runs")
    return {"items": 20}


@claim("sync/queue_shutdown.py")
def queue_shutdown_drains_then_stops_consumers(run: Run) -> None:
    """After shutdown the consumers handle the six queued items and then stop, a put fails,
    and an immediate shutdown drops what is queued."""
    run.expect(run.contains("items handled: [0, 1, 2, 3, 4, 5]"), "items 0 to 5 were handled")
    run.expect(run.contains("consumers that saw ShutDown: 2"), "both consumers saw ShutDown")
    run.expect(
        run.contains("put() after shutdown(): queue.ShutDown"),
        "put() after shutdown() raises queue.ShutDown",
    )
    run.expect(
        run.contains("shutdown(immediate=True): qsize = 0"),
        "shutdown(immediate=True) leaves an empty queue",
    )


@claim("sync/foobar_semaphores.py")
@claim("sync/foobar_condition.py")
@claim("sync/foobar_event.py")
def foobar_alternates(run: Run) -> dict[str, int]:
    """The two threads print foo and bar in turn: correct for 4 pairs, and for 10,000 pairs
    (60,000 characters)."""
    run.expect(
        run.contains("n=4: foobarfoobarfoobarfoobar  correct = True"),
        "n=4 gives foobar four times, correct",
    )
    run.expect(
        run.contains("n=10000: 60000 characters, correct = True"),
        "n=10000 gives 60000 characters, correct",
    )
    return {"characters": 60000}


def _before(marker: str) -> str:
    """A lookahead: what it follows is printed before `marker`."""
    return rf"(?=(?s:.*){re.escape(marker)})"


def _after(marker: str) -> str:
    """A lookahead: what it follows is printed after the one `marker` (none comes later)."""
    return rf"(?!(?s:.*){re.escape(marker)})"


@claim("sync/deadlock_lock_order.py")
def opposite_lock_order_deadlocks_and_one_order_does_not(run: Run) -> None:
    """Taking the two locks in opposite order, both threads time out waiting for their
    second lock; in the same order, both get both locks."""
    marker = "same order"
    run.expect(len(run.findall(marker)) == 1, "one line starts the same-order part")
    opposite, same = _before(marker), _after(marker)
    run.expect(
        len(run.findall(r"thread-\d: timed out after 0.5 s waiting" + opposite)) == 2,
        "in opposite order both threads time out after 0.5 s",
    )
    run.expect(
        len(run.findall(r"thread-\d: got both locks, done" + same)) == 2,
        "in the same order both threads get both locks",
    )
    run.expect(not run.find("got both" + opposite), "in opposite order no thread gets both locks")
    run.expect(not run.find("timed out" + same), "in the same order no thread times out")


def _starvation(run: Run) -> dict[str, tuple[dict[str, int], float]]:
    """{label: ({thread: acquisitions}, median wait in ms)} for both locks."""
    rows: dict[str, tuple[dict[str, int], float]] = {}
    for label in ("threading.Lock", "TicketLock"):
        line = run.search(rf"^{re.escape(label)}: acquisitions.*$")[0]
        counts = {name: int(n) for name, n in re.findall(r"(greedy|polite-\d) (\d+)", line)}
        wait = run.number(
            rf"^{re.escape(label)}: polite threads waited for the lock: median ([\d.]+) ms"
        )
        rows[label] = (counts, wait)
    return rows


@claim("sync/starvation_unfair_lock.py")
def both_locks_are_measured_for_every_thread(run: Run) -> None:
    """The example counts the greedy thread's and the three polite threads' acquisitions,
    and the polite threads' median wait, for each lock."""
    for label, (counts, _) in _starvation(run).items():
        run.expect(
            set(counts) == {"greedy", "polite-1", "polite-2", "polite-3"},
            f"{label}: acquisitions of greedy and polite-1 to polite-3",
        )


@claim("sync/starvation_unfair_lock.py", timing=True)
def ticket_lock_is_fair_to_polite_threads(run: Run) -> dict[str, float]:
    """With the first-come, first-served lock, the polite threads get alike shares of turns
    and wait much less than for the plain lock."""
    rows = _starvation(run)
    fair_counts, fair_wait = rows["TicketLock"]
    unfair_counts, unfair_wait = rows["threading.Lock"]
    polite = [v for k, v in fair_counts.items() if k.startswith("polite")]
    run.expect(min(polite) > 0, "each polite thread got the ticket lock")
    # FIFO: the polite threads are served alike, within a generous margin.
    run.within("ticket lock: most / fewest polite turns", max(polite) / min(polite), at_most=1.5)
    # They wait much less for the fair lock than for the unfair one.
    # No upper bound: a polite thread may wait for the plain lock for most of the run, and
    # for the ticket lock hardly at all; the design bounds neither wait from the other side.
    run.expect(
        2 * fair_wait < unfair_wait,
        f"the median wait for the ticket lock ({fair_wait} ms) is less than half the wait "
        f"for threading.Lock ({unfair_wait} ms)",
    )
    unfair_polite = [v for k, v in unfair_counts.items() if k.startswith("polite")]
    return {
        "lock_greedy": unfair_counts["greedy"],
        "lock_polite": sum(unfair_polite),
        "lock_wait_ms": unfair_wait,
        "ticket_greedy": fair_counts["greedy"],
        "ticket_polite": sum(polite),
        "ticket_wait_ms": fair_wait,
        # a median of 0.00 ms (printed to 0.01 ms) leaves no ratio to quote
        "wait_ratio": unfair_wait / fair_wait if fair_wait else float("inf"),
    }


@claim("sync/atomicity.py")
def append_and_locked_update_keep_every_item(run: Run) -> None:
    """All 800,000 items appended from four threads are kept, and the locked update loses
    none of its 800,000 additions."""
    run.expect(
        run.contains("list.append from 4 threads: 800,000 of 800,000 items kept"),
        "list.append keeps all 800,000 items",
    )
    run.expect(
        run.find(r"with a Lock: 800,000 of 800,000, lost 0 updates"),
        "with a Lock all 800,000 updates count",
    )
    run.expect(
        run.find(r"no lock: [\d,]+ of [\d,]+, lost ([\d,]+) updates"),
        "a line counts the updates lost without a lock",
    )


@claim("sync/atomicity.py", timing=True)
def read_call_write_loses_updates(run: Run) -> dict[str, int]:
    """Without a lock, a read, a call and a write from four threads lose updates."""
    lost = _count(run, r"no lock: [\d,]+ of [\d,]+, lost ([\d,]+) updates")
    run.expect(lost > 0, "the unlocked read-call-write lost updates")
    return {"lost": lost, "kept": _count(run, r"no lock: ([\d,]+) of")}


@claim("sync/immutable_snapshot.py")
def swapped_frozen_snapshot_is_never_torn(run: Run) -> dict[str, int]:
    """Readers of the frozen snapshot, swapped whole, never see a torn read, and the frozen
    mapping refuses writes."""
    swapped = run.search(r"frozen snapshot swapped: ([\d,]+) torn reads out of ([\d,]+)")
    torn, reads = (int(n.replace(",", "")) for n in swapped.groups())
    run.expect(torn == 0 and reads > 0, "no torn read among the snapshot's reads")
    run.expect(
        run.contains("TypeError: 'mappingproxy' object does not support item assignment"),
        "writing to the MappingProxyType raises TypeError",
    )
    return {"swapped_torn": torn, "swapped_reads": reads}


@claim("sync/immutable_snapshot.py", timing=True)
def dict_updated_in_place_tears(run: Run) -> dict[str, int]:
    """Readers of the dict updated in place see torn reads: a new version with the old
    checksum."""
    torn = _count(run, r"dict updated in place: +([\d,]+) torn reads")
    run.expect(torn > 0, "readers of the dict updated in place saw torn reads")
    return {
        "in_place_torn": torn,
        "in_place_reads": _count(run, r"dict updated in place: +[\d,]+ torn reads out of ([\d,]+)"),
    }
