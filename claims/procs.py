"""Claims about the examples in examples/procs/, shown on multiprocessing.md."""

import re

from example_runner.claims import Run, claim


def _num(text: str) -> int:
    return int(text.replace(",", ""))


@claim("procs/process_basics.py")
def child_results_come_by_queue_and_failures_as_exit_codes(run: Run) -> dict[str, int]:
    """The child's result arrives through the queue; a child that raises prints its own
    traceback and exits with 1; a terminated child's exit code is minus SIGTERM."""
    run.expect(
        run.contains("before start():   alive=False, exitcode=None"),
        "before start(), the process is not alive and has no exit code",
    )
    run.expect(
        run.contains("child 'squarer' sent 49; after join(): exitcode=0"),
        "the squarer sent 49 and exited with 0",
    )
    run.expect(
        run.contains("Process-2 raised ValueError: exitcode=1"), "the failing child exited with 1"
    )
    run.expect(
        run.contains("Process-3 was terminated: exitcode=-15 (-SIGTERM)"),
        "the terminated child's exit code is -15 (SIGTERM)",
    )
    # The child printed its own traceback; the parent raised nothing.
    run.expect(
        run.contains("Process Process-2:", stderr=True), "the child's traceback names Process-2"
    )
    run.expect(
        run.stderr.rstrip().endswith("ValueError: bad input"),
        "stderr ends with the child's ValueError: bad input",
    )
    return {
        "exitcode_returned": int(run.number(r"after join\(\): exitcode=(-?\d+)")),
        "exitcode_raised": int(run.number(r"raised ValueError: exitcode=(-?\d+)")),
        "exitcode_terminated": int(run.number(r"was terminated: exitcode=(-?\d+)")),
    }


@claim("procs/queue_and_pipe.py")
def queue_collects_from_many_producers_and_pipe_answers(run: Run) -> dict[str, int]:
    """The queue delivers all 15 items, each producer's in order, and raises Empty when
    drained. The pipe answers each message, and polling says when nothing came."""
    run.expect(
        run.contains("queue: 15 items, per producer {'p0': 5, 'p1': 5, 'p2': 5}"),
        "15 items, 5 from each of the 3 producers",
    )
    run.expect(
        run.contains("arrived in the order it sent them: True"),
        "each producer's items arrived in order",
    )
    run.expect(
        run.contains("get(timeout=0.2) on the drained queue raised queue.Empty"),
        "get() on the drained queue raised queue.Empty",
    )
    run.expect(run.contains("pipe:  sent 'ping', received 'PING'"), "the pipe answered PING")
    run.expect(run.contains("pipe:  sent 'pong', received 'PONG'"), "the pipe answered PONG")
    run.expect(
        run.contains("poll(timeout=0.2) with nothing sent: False"),
        "poll() returned False with nothing sent",
    )
    run.expect(
        run.contains("child exitcode after the sentinel: 0"),
        "the pipe's child exited with 0 after the sentinel",
    )
    return {
        "items": int(run.number(r"queue: (\d+) items")),
        "producers": len(run.findall(r"'p\d+': \d+")),
    }


@claim("procs/pool_vs_executor.py")
def pool_and_executor_agree_on_results_and_differ_in_workers(run: Run) -> dict[str, int]:
    """Every way of running the task gives the same sum. Pool workers are daemons and
    executor workers are not, leaving a Pool's with block drops its running task, and
    Pool's map picks its chunk size by the documented formula."""
    sums = run.findall(r"^(.+?)\s+sum of the cubes ([\d,]+)$")
    labels = [label for label, _ in sums]
    run.expect(
        labels == ["a plain loop", "Pool.map", "Pool.imap_unordered", "Executor.map"],
        f"sums from the loop, Pool.map, Pool.imap_unordered and Executor.map, not {labels}",
    )
    totals = {_num(total) for _, total in sums}
    expected = sum(n**3 for n in range(1, 101))
    run.expect(totals == {expected}, f"every sum is {expected:,}")
    run.expect(
        run.contains("Pool.starmap         [1024, 81, 1000]"), "Pool.starmap gives [1024, 81, 1000]"
    )
    run.expect(
        run.contains("Executor.map         [1024, 81, 1000]"),
        "Executor.map gives [1024, 81, 1000]",
    )
    run.expect(run.contains("Pool workers are daemons:      {True}"), "Pool workers are daemons")
    run.expect(
        run.contains("Executor workers are daemons:  {False}"), "executor workers are not daemons"
    )
    # `with Pool` terminated it.
    run.expect(
        run.contains("the 5 s task is ready: False"), "the 5 s task was dropped by the with block"
    )
    # The documented-by-source formula and the chunk size Pool.map really picked agree.
    run.expect(
        run.contains("ceil(100 / (4 * 2)) = 13, picked 13"),
        "Pool.map picked the chunk size of the formula, 13",
    )
    return {
        "sum_of_cubes": expected,
        "pool_chunksize": int(run.number(r"picked (\d+)")),
        "executor_chunksize": int(run.number(r"Executor\.map chunksize: (\d+)")),
    }


def _value_rows(run: Run) -> dict[str, tuple[int, int]]:
    return {
        label.strip(): (_num(total), _num(expected))
        for label, total, expected in run.findall(r"^(.+?)\s+([\d,]+) of ([\d,]+)")
    }


@claim("procs/value_array.py")
def a_lock_or_one_slot_per_child_keeps_every_update(run: Run) -> None:
    """With the Value's lock held around each update, or with one Array slot per child, the
    total is exact."""
    rows = _value_rows(run)
    _, expected = rows["Value, no lock"]
    run.expect(
        rows["Value, with get_lock()"] == (expected, expected),
        f"with get_lock(), all {expected:,} updates",
    )
    run.expect(
        rows["Array, one slot per child"] == (expected, expected),
        f"with one slot per child, all {expected:,} updates",
    )


@claim("procs/value_array.py", timing=True)
def value_loses_updates_without_its_lock(run: Run) -> dict[str, float]:
    """Without its lock, four processes adding to one Value lose updates."""
    total, expected = _value_rows(run)["Value, no lock"]
    if run.cores >= 2:  # processes that really overlap lose updates
        run.expect(total < expected, f"without the lock, fewer than {expected:,} updates")
    return {
        "total_without_lock": total,
        "expected": expected,
        "lost_without_lock": expected - total,
        "lost_fraction": (expected - total) / expected,
    }


@claim("procs/shared_memory_array.py")
def children_fill_one_shared_block(run: Run) -> dict[str, int]:
    """Four children fill their slices of one shared block with squares, and the parent
    reads all twenty."""
    # The run passing also means: no leak warning.
    run.expect(run.contains("exit codes: [0, 0, 0, 0]"), "the four children exited with 0")
    run.expect(
        run.contains("20 squares written by 4 children:"), "20 squares written by 4 children"
    )
    run.expect(run.contains(str([i * i for i in range(20)])), "the squares of 0 to 19, in order")
    total = sum(i * i for i in range(20))
    run.expect(run.contains(f"sum of the squares: {total}"), f"their sum, {total}")
    written = run.search(r"(\d+) squares written by (\d+) children")
    return {"squares": int(written[1]), "children": int(written[2]), "sum_of_squares": total}


@claim("procs/leaked_shared_memory.py")
def a_missing_unlink_makes_the_tracker_warn(run: Run) -> dict[str, int]:
    """Without unlinking, the resource tracker removes the leaked segment and warns about
    it; with unlinking, nothing is said. A creator killed before its cleanup leaks a
    semaphore."""
    # The warnings were the child programs' stderr, captured.
    run.expect(run.stderr == "", "nothing on the example's own stderr")
    leaked = run.find(
        r"no unlink\(\)\s*: exit code 0, 1 warning\(s\) on stderr\n"
        r"    resource_tracker: There appear to be 1 leaked shared_memory objects"
    )
    run.expect(
        leaked is not None, "without unlink(): 1 warning, about 1 leaked shared_memory object"
    )
    # The tracker removed it.
    run.expect(
        run.contains("the segment still exists afterwards: False"),
        "the segment is gone afterwards",
    )
    run.expect(
        run.find(r"with unlink\(\)\s*: exit code 0, 0 warning\(s\)") is not None,
        "with unlink(): no warning",
    )
    run.expect(run.contains("1 leaked semaphore objects"), "the killed creator leaks a semaphore")
    return {
        "warnings_without_unlink": int(run.number(r"no unlink\(\)\s*: exit code \d+, (\d+)")),
        "warnings_with_unlink": int(run.number(r"with unlink\(\)\s*: exit code \d+, (\d+)")),
        "warnings_killed_creator": int(run.number(r"creator killed\s*: exit code \d+, (\d+)")),
    }


@claim("procs/manager_cost.py", timing=True)
def manager_calls_cost_a_round_trip_each(run: Run) -> dict[str, float]:
    """Each call on a Manager dict, read or write, costs a round trip to the manager's
    process: many times a plain dict's store. A batched update shares one round trip
    among its keys."""
    times = {label.strip(): float(us) for label, us in run.findall(r"^(.+?)\s+([\d.]+) µs")}
    plain = times["dict, d[k] = v"]
    setitem = times["Manager dict, d[k] = v"]
    getitem = times["Manager dict, d[k]"]
    queue = times["Queue, put() then get()"]
    # A dict store is well under 1 us. A Manager call pickles, crosses a pipe to the
    # manager's process and back, and wakes two processes: tens of us at least, 100x
    # or more by design. Claim 20x, which a busy machine slowing one side cannot undo.
    # (No upper bound: nothing in the design limits how much slower a round trip
    # between processes can be than a store into a dict.)
    run.within("Manager d[k] = v / dict", setitem / plain, at_least=20)
    run.within("Manager d[k] / dict", getitem / plain, at_least=20)
    # A Queue put/get crosses a feeder thread and a pipe: the same order of cost.
    run.within("Queue put/get / dict", queue / plain, at_least=20)
    # update() of 100 keys is one round trip shared by 100 keys: up to 100x cheaper per
    # key than one call per key. Claim 5x.
    # Bound: that one round trip costs at least what a one-key call does, so per key
    # at most 100x cheaper (1.1 for timer noise).
    per_key = times["Manager dict, update() of 100 keys, per key"]
    run.within("Manager d[k] = v / update() per key", setitem / per_key, at_least=5, at_most=110)
    return {
        "dict_us": plain,
        "manager_set_us": setitem,
        "manager_get_us": getitem,
        "manager_update_per_key_us": per_key,
        "queue_us": queue,
        # How many times the dict's time, as printed (from the unrounded times).
        **{
            f"{key}_slowdown": _num(run.search(rf"^{re.escape(label)}\s+[\d.]+ µs\s+([\d,]+)x")[1])
            for key, label in (
                ("manager_set", "Manager dict, d[k] = v"),
                ("manager_get", "Manager dict, d[k]"),
                ("update_per_key", "Manager dict, update() of 100 keys, per key"),
                ("queue", "Queue, put() then get()"),
            )
        },
    }


@claim("procs/queue_join_deadlock.py")
def join_before_get_hangs_only_for_a_large_payload(run: Run) -> None:
    """Joining the child before getting its data returns for a 1 KiB payload but not for 1
    MiB, whose child stays alive until the parent drains the queue."""
    run.expect(
        run.contains("1 KiB payload: after join(timeout=2): alive=False, exitcode=0"),
        "with 1 KiB, join() returns and the child exited with 0",
    )
    run.expect(
        run.contains("1 MiB payload: after join(timeout=2): alive=True, exitcode=None"),
        "with 1 MiB, the child is still alive when join() times out",
    )
    run.expect(
        run.contains(
            "1 MiB payload: after get() (1,048,576 bytes) and join(): alive=False, exitcode=0"
        ),
        "after get(), the 1 MiB child exits with 0",
    )


@claim("procs/queue_join_deadlock.py", timing=True)
def the_stuck_join_ends_at_its_timeout(run: Run) -> dict[str, float]:
    """The run takes about the stuck join's two-second timeout: nothing else waited."""
    # One join() waits out its 2 s timeout; the rest takes well under a second. Over
    # 15 s would mean a wait that did not end at its timeout.
    # Lower bound: the stuck join() alone lasts its whole 2 s timeout.
    run.within("run time (s)", run.duration, at_least=2, at_most=15)
    return {"run_seconds": run.duration}


@claim("procs/pool_hangs_on_worker_death.py")
def pool_waits_for_a_lost_task_executor_breaks(run: Run) -> dict[str, float]:
    """Pool waits out its whole timeout for the dead worker's task, with a replacement
    worker in place. The executor raises BrokenProcessPool instead, and no child is left
    over."""
    run.expect(
        run.contains("a built-in TimeoutError: False"),
        "Pool raises multiprocessing's TimeoutError, not the built-in one",
    )
    # The dead worker was replaced.
    run.expect(
        run.contains("Pool:     live worker processes: 2"), "the Pool still has 2 live workers"
    )
    run.expect(run.contains("terminated abruptly"), "the executor says a process terminated")
    run.expect(run.contains("leftover child processes: 0"), "no child process is left over")
    pool = run.number(r"Pool:\s+multiprocessing\.context\.TimeoutError after ([\d.]+) s")
    # Pool never notices the lost task: it waits out the whole 2 s timeout, a lower
    # bound no load can break (1.9 for the clock's rounding).
    run.within("Pool's wait (s)", pool, at_least=1.9)
    return {"pool_seconds": pool}


@claim("procs/pool_hangs_on_worker_death.py", timing=True)
def the_executor_notices_the_dead_worker_at_once(run: Run) -> dict[str, float]:
    """The executor notices the dead worker within a moment, long before Pool's timeout
    ends."""
    pool = run.number(r"Pool:\s+multiprocessing\.context\.TimeoutError after ([\d.]+) s")
    executor = run.number(r"Executor: BrokenProcessPool after ([\d.]+) s")
    # The executor notices the dead worker at once (milliseconds): well under 2 s.
    run.expect(
        executor < pool, f"the executor ({executor} s) fails before Pool's timeout ({pool} s)"
    )
    return {"executor_seconds": executor}


@claim("procs/nested_pool_daemonic.py")
def pool_workers_cannot_have_children_executor_workers_can(run: Run) -> None:
    """A Pool inside a Pool worker fails, as daemonic processes may not have children; an
    executor inside an executor worker works."""
    run.expect(
        run.contains(
            "Pool in a Pool worker:         "
            "AssertionError: daemonic processes are not allowed to have children"
        ),
        "a Pool in a Pool worker raises AssertionError: daemonic processes ...",
    )
    run.expect(
        run.contains("Executor in an Executor worker: [1, 4, 9]"),
        "an executor in an executor worker returns [1, 4, 9]",
    )
