"""The claims of the multiprocessing page, checked on the output of its examples."""

import re

from ..support import examples_of


def _num(text):
    return int(text.replace(",", ""))


@examples_of("procs/process_basics.py")
def test_child_results_come_by_queue_and_failures_as_exit_codes(result):
    out = result.stdout
    assert "before start():   alive=False, exitcode=None" in out
    assert "child 'squarer' sent 49; after join(): exitcode=0" in out
    assert "Process-2 raised ValueError: exitcode=1" in out
    assert "Process-3 was terminated: exitcode=-15 (-SIGTERM)" in out
    # The child printed its own traceback; the parent raised nothing.
    assert "Process Process-2:" in result.stderr
    assert result.stderr.rstrip().endswith("ValueError: bad input")


@examples_of("procs/queue_and_pipe.py")
def test_queue_collects_from_many_producers_and_pipe_answers(result):
    out = result.stdout
    assert "queue: 15 items, per producer {'p0': 5, 'p1': 5, 'p2': 5}" in out
    assert "arrived in the order it sent them: True" in out
    assert "get(timeout=0.2) on the drained queue raised queue.Empty" in out
    assert "pipe:  sent 'ping', received 'PING'" in out
    assert "pipe:  sent 'pong', received 'PONG'" in out
    assert "poll(timeout=0.2) with nothing sent: False" in out
    assert "child exitcode after the sentinel: 0" in out


@examples_of("procs/pool_vs_executor.py")
def test_pool_and_executor_agree_on_results_and_differ_in_workers(result):
    out = result.stdout
    sums = re.findall(r"^(.+?)\s+sum of the cubes ([\d,]+)$", out, re.M)
    assert [label for label, _ in sums] == [
        "a plain loop",
        "Pool.map",
        "Pool.imap_unordered",
        "Executor.map",
    ]
    assert {_num(total) for _, total in sums} == {sum(n**3 for n in range(1, 101))}
    assert "Pool.starmap         [1024, 81, 1000]" in out
    assert "Executor.map         [1024, 81, 1000]" in out
    assert "Pool workers are daemons:      {True}" in out
    assert "Executor workers are daemons:  {False}" in out
    assert "the 5 s task is ready: False" in out  # `with Pool` terminated it
    # The documented-by-source formula and the chunk size Pool.map really picked agree.
    assert "ceil(100 / (4 * 2)) = 13, picked 13" in out


@examples_of("procs/value_array.py")
def test_value_loses_updates_without_its_lock(timing):
    def check(result):
        out = result.stdout
        rows = {
            label.strip(): (_num(total), _num(expected))
            for label, total, expected in re.findall(r"^(.+?)\s+([\d,]+) of ([\d,]+)", out, re.M)
        }
        total, expected = rows["Value, no lock"]
        assert rows["Value, with get_lock()"] == (expected, expected)
        assert rows["Array, one slot per child"] == (expected, expected)
        if result.cores >= 2:  # processes that really overlap lose updates
            assert total < expected, out

    timing(check)


@examples_of("procs/shared_memory_array.py")
def test_children_fill_one_shared_block(result):
    out = result.stdout  # passing() also means: no leak warning
    assert "exit codes: [0, 0, 0, 0]" in out
    assert "20 squares written by 4 children:" in out
    assert str([i * i for i in range(20)]) in out
    assert f"sum of the squares: {sum(i * i for i in range(20))}" in out


@examples_of("procs/leaked_shared_memory.py")
def test_missing_unlink_makes_the_tracker_warn(result):
    out = result.stdout
    assert result.stderr == ""  # the warnings were the child programs' stderr, captured
    assert re.search(
        r"no unlink\(\)\s*: exit code 0, 1 warning\(s\) on stderr\n"
        r"    resource_tracker: There appear to be 1 leaked shared_memory objects",
        out,
    )
    assert "the segment still exists afterwards: False" in out  # the tracker removed it
    assert re.search(r"with unlink\(\)\s*: exit code 0, 0 warning\(s\)", out)
    assert "1 leaked semaphore objects" in out


@examples_of("procs/manager_cost.py")
def test_manager_calls_cost_a_round_trip_each(timing):
    def check(result):
        out = result.stdout
        times = {
            label.strip(): float(us) for label, us in re.findall(r"^(.+?)\s+([\d.]+) µs", out, re.M)
        }
        plain = times["dict, d[k] = v"]
        # A dict store is well under 1 us. A Manager call pickles, crosses a pipe to the
        # manager's process and back, and wakes two processes: tens of us at least, 100x
        # or more by design. Claim 20x, which a busy machine slowing one side cannot undo.
        assert times["Manager dict, d[k] = v"] >= 20 * plain, out
        assert times["Manager dict, d[k]"] >= 20 * plain, out
        # A Queue put/get crosses a feeder thread and a pipe: the same order of cost.
        assert times["Queue, put() then get()"] >= 20 * plain, out
        # update() of 100 keys is one round trip shared by 100 keys: up to 100x cheaper per
        # key than one call per key. Claim 5x.
        per_key = times["Manager dict, update() of 100 keys, per key"]
        assert per_key * 5 <= times["Manager dict, d[k] = v"], out

    timing(check)


@examples_of("procs/queue_join_deadlock.py")
def test_join_before_get_hangs_only_for_a_large_payload(result, timing):
    out = result.stdout
    assert "1 KiB payload: after join(timeout=2): alive=False, exitcode=0" in out
    assert "1 MiB payload: after join(timeout=2): alive=True, exitcode=None" in out
    assert "1 MiB payload: after get() (1,048,576 bytes) and join(): alive=False, exitcode=0" in out

    def check(result):
        # One join() waits out its 2 s timeout; the rest takes well under a second. Over
        # 15 s would mean a wait that did not end at its timeout.
        assert result.duration < 15, result.stdout

    timing(check)


@examples_of("procs/pool_hangs_on_worker_death.py")
def test_pool_waits_for_a_lost_task_executor_breaks(result, timing):
    out = result.stdout
    assert "a built-in TimeoutError: False" in out
    assert "Pool:     live worker processes: 2" in out  # the dead worker was replaced
    assert "terminated abruptly" in out
    assert "leftover child processes: 0" in out

    def check(result):
        out = result.stdout
        pool = re.search(r"Pool:\s+multiprocessing\.context\.TimeoutError after ([\d.]+) s", out)
        # Pool never notices the lost task: it waits out the whole 2 s timeout, a lower
        # bound no load can break (1.9 for the clock's rounding).
        assert pool and float(pool[1]) >= 1.9, out
        # The executor notices the dead worker at once (milliseconds): well under 2 s.
        executor = re.search(r"Executor: BrokenProcessPool after ([\d.]+) s", out)
        assert executor and float(executor[1]) < float(pool[1]), out

    timing(check)


@examples_of("procs/nested_pool_daemonic.py")
def test_pool_workers_cannot_have_children_executor_workers_can(result):
    out = result.stdout
    assert (
        "Pool in a Pool worker:         "
        "AssertionError: daemonic processes are not allowed to have children"
    ) in out
    assert "Executor in an Executor worker: [1, 4, 9]" in out
