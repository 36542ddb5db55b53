"""Claims about the examples in examples/futures/, shown on futures.md."""

import re

from example_runner.claims import Run, claim, parallel_bound


def _arrivals(run: Run, label: str) -> list[tuple[str, float]]:
    line = run.search(rf"^{label} order:\s+(.*)$")[1]
    return [(name, float(t)) for name, t in re.findall(r"(\w)@([\d.]+)s", line)]


@claim("futures/threadpool_as_completed.py")
def map_yields_in_input_order(run: Run) -> dict[str, float]:
    """The pool's map hands out the four results in input order, and none before the
    slowest first task has finished."""
    mapped = _arrivals(run, "map")
    names = "".join(name for name, _ in mapped)
    # Input order, whatever the timing.
    run.expect(names == "abcd", f"map yields a, b, c, d in input order, not {names!r}")
    # map hands out nothing before the first item's 0.45 s sleep is over: a lower bound
    # that no load can break (0.4 allows for the clock's rounding).
    first = min(t for _, t in mapped)
    run.within("map's first arrival (s)", first, at_least=0.4)
    return {"map_first_arrival": first, "map_last_arrival": max(t for _, t in mapped)}


@claim("futures/threadpool_as_completed.py", timing=True)
def as_completed_yields_in_completion_order(run: Run) -> dict[str, float | str]:
    """Collected as they complete, the results come shortest sleep first: b, d, c, a, each
    just after its own sleep ends. map hands out all four at the same moment, and both ways
    end with the slowest task."""
    arrivals = _arrivals(run, "as_completed")
    order = "".join(name for name, _ in arrivals)
    # The sleeps differ by 0.1 s or more, and the four threads start within a millisecond
    # or two: completion order is the order of the sleeps, unless a thread starts over
    # 0.1 s late on a busy machine.
    run.expect(order == "bdca", f"as_completed yields b, d, c, a, not {order!r}")
    delays = {"a": 0.45, "b": 0.05, "c": 0.30, "d": 0.15}  # the example's DELAYS
    for name, arrival in arrivals:
        # No result can come before its sleep ends (0.005 s for the printed rounding);
        # handing it over takes well under a millisecond: claim within 0.05 s of the
        # end, room for a thread that starts or wakes late on a busy machine.
        run.within(
            f"{name}'s arrival (s)",
            arrival,
            at_least=delays[name] - 0.005,
            at_most=delays[name] + 0.05,
        )
    mapped = [t for _, t in _arrivals(run, "map")]
    # map yields b, c and d right after a (their sleeps ended earlier): microseconds
    # apart, so at most one step of the printed rounding, 0.01 s (and at least 0).
    run.within("spread of map's arrivals (s)", max(mapped) - min(mapped), at_most=0.01)
    # Both ways end when the slowest sleep (a, 0.45 s) does: their last arrivals lie
    # within the 0.05 s allowed above of each other.
    run.within(
        "difference of the two ways' last arrivals (s)",
        abs(max(mapped) - arrivals[-1][1]),
        at_most=0.05,
    )
    return {
        "as_completed_order": " ".join(order),
        "as_completed_first_arrival": arrivals[0][1],
        "as_completed_last_arrival": arrivals[-1][1],
    }


@claim("futures/exceptions_surface_on_result.py")
def exceptions_surface_only_on_result_or_iteration(run: Run) -> dict[str, int]:
    """A failed task's error is raised only when its result is asked for, or when map
    reaches it, and one never asked for is reported nowhere. A process pool attaches the
    worker's traceback as the cause."""
    run.expect(
        run.contains("done=True, nothing raised yet"),
        "the failed task is done, and nothing was raised yet",
    )
    run.expect(run.contains("result() raised: ValueError"), "result() raises the ValueError")
    frames = run.search(r"^traceback frames: (.*)$")[1].split(" > ")
    # From the caller's frame to the worker's frame.
    run.expect(
        frames[0] == "main" and frames[-1] == "parse",
        f"the traceback runs from main to parse, not {' > '.join(frames)}",
    )
    # map yields the results before the failed item, then raises.
    yielded = run.findall(r"map yielded (\d)")
    run.expect(yielded == ["1", "2"], f"map yielded 1 and 2 before raising, not {yielded}")
    returned = run.search(r"map\(\) returned without raising").start()
    raised = run.search(r"map raised while iterating").start()
    run.expect(returned < raised, "map() returned first, and raised only while iterating")
    run.expect(run.contains("with-block exited normally"), "the with block exited normally")
    run.expect(
        run.contains("its __cause__ is _RemoteTraceback, worker frames:"),
        "the process pool's exception has a _RemoteTraceback as its __cause__",
    )
    run.expect(
        run.text.rstrip().endswith("> parse"),
        "the worker frames of the process pool end in parse",
    )
    # The never-consumed error was reported nowhere.
    run.expect(run.stderr == "", "nothing was written to stderr")
    return {"results_before_the_failure": len(yielded), "traceback_frames": len(frames)}


@claim("futures/max_workers_defaults.py")
def max_workers_defaults_follow_the_cpu_count(run: Run) -> dict[str, int]:
    """The thread pool defaults to the CPU count plus 4 workers (at most 32), the process
    pool to the CPU count. From 3.13 on it is the count of usable CPUs, which a command-
    line option overrides: restricted to one core, 3.12 still counts every core of the
    machine, 3.13 and later count the one core."""
    cpu_count = int(run.number(r"os\.cpu_count\(\)\s+(\d+)"))
    if run.version[:2] >= (3, 13):
        n = int(run.number(r"os\.process_cpu_count\(\)\s+(\d+)"))
    else:
        run.expect(
            run.find(r"os\.process_cpu_count\(\)\s+(\d+)") is None,
            "before 3.13 there is no os.process_cpu_count() to print",
        )
        n = cpu_count
    threads = int(run.number(r"ThreadPoolExecutor\(\) workers\s+(\d+)"))
    processes = int(run.number(r"ProcessPoolExecutor\(\) workers\s+(\d+)"))
    run.expect(threads == min(32, n + 4), f"ThreadPoolExecutor() has min(32, {n} + 4) workers")
    run.expect(processes == n, f"ProcessPoolExecutor() has {n} workers")
    if run.version[:2] >= (3, 13):
        run.expect(
            run.contains("with -X cpu_count=1: ThreadPoolExecutor 5, ProcessPoolExecutor 1"),
            "with -X cpu_count=1 the defaults are 5 threads and 1 process",
        )
        # The option overrides os.cpu_count() itself too, not only process_cpu_count().
        run.expect(
            run.contains("ProcessPoolExecutor 1, os.cpu_count() 1"),
            "with -X cpu_count=1, os.cpu_count() is 1",
        )
    else:
        # Before 3.13 the option is accepted and ignored: the defaults stay.
        run.expect(
            run.contains(
                f"with -X cpu_count=1: ThreadPoolExecutor {threads}, "
                f"ProcessPoolExecutor {processes}, os.cpu_count() {cpu_count}"
            ),
            "before 3.13, -X cpu_count=1 changes nothing",
        )
    values = {
        "cpu_count": cpu_count,
        "cpu_count_used": n,
        "thread_workers": threads,
        "process_workers": processes,
    }
    pinned = run.find(
        r"^os\.sched_setaffinity\(0, \{\d+\}\): restricted to core \d+, 1 of the (\d+)"
    )
    if pinned is None:  # no sched_setaffinity(): the defaults use every core
        run.expect(
            run.contains("could not be restricted to one core"), "it says it could not restrict"
        )
        return values
    # Restricted to one core, the process may run on 1 core of the machine's cpu_count.
    usable = int(run.number(r"len\(os\.sched_getaffinity\(0\)\)\s+(\d+)"))
    run.expect(usable == 1, f"after the restriction 1 core is usable, not {usable}")
    if run.version[:2] >= (3, 13):
        # 3.13+: the defaults follow the one usable core.
        run.expect(n == 1, f"os.process_cpu_count() is 1 on one core, not {n}")
        run.expect((threads, processes) == (5, 1), "on one core: 5 threads, 1 process")
    else:
        # 3.12: the defaults still follow os.cpu_count(), every core of the machine.
        run.expect(
            processes == cpu_count,
            f"3.12 ignores the restriction: {cpu_count} processes, not {processes}",
        )
    values["cores_before"] = int(pinned[1])
    values["usable_cores"] = usable
    return values


@claim("futures/processpool_primes.py", timing=True)
def process_pool_speeds_up_pure_python_cpu_work(run: Run) -> dict[str, float]:
    """A process pool with one worker per core counts primes faster than a plain loop, up
    to the number of usable cores."""
    workers = int(run.number(r"^(\d+) processes\s"))
    speedup = run.number(r"processes\s+[\d.]+ s\s+speedup ([\d.]+)x")
    # 16 pieces on W = cores workers, serial and pooled runs alternated: at most Wx (2x
    # here). On a shared 2-core machine the second core is often partly taken (1.5-1.9x
    # typical); claim 1.2x.
    # Bound: W workers run on min(W, cores) cores, so at most min(W, cores)x (1.1 for
    # timer noise); on one core, no speedup at all.
    run.within(
        "speedup",
        speedup,
        at_least=1.2 if run.cores >= 2 else None,
        at_most=parallel_bound(run, workers),
    )
    return {
        "speedup": speedup,
        "serial": run.number(r"^serial\s+([\d.]+) s"),
        "pooled": run.number(r"^\d+ processes\s+([\d.]+) s"),
        "startup_ms": run.number(r"^pool start-up\s+(\d+) ms"),
        "workers": workers,
        "usable_cores": int(run.number(r"(\d+) usable cores")),
        "primes": int(run.search(r"^([\d,]+) primes below")[1].replace(",", "")),
    }


def _chunk_times(run: Run) -> tuple[float, dict[int, float]]:
    serial = run.number(r"serial loop\s+([\d.]+) s")
    chunks = {
        int(size.replace(",", "")): float(t)
        for size, t in run.findall(r"chunksize ([\d,]+)\s+([\d.]+) s")
    }
    return serial, chunks


@claim("futures/chunksize_effect.py")
def it_times_chunksizes_1_100_and_10000(run: Run) -> None:
    """The process pool's map is timed at chunk sizes 1, 100 and 10,000."""
    sizes = set(_chunk_times(run)[1])
    run.expect(sizes == {1, 100, 10_000}, f"chunk sizes 1, 100 and 10,000, not {sizes}")


@claim("futures/chunksize_effect.py", timing=True)
def chunksize_one_is_slow_for_tiny_tasks(run: Run) -> dict[str, float]:
    """One task per message makes the pool many times slower than a plain loop; bigger
    chunks close most of the gap, but even the biggest does not beat the loop."""
    serial, chunks = _chunk_times(run)
    # 10,000 squares. chunksize 1: 10,000 pickled round trips of 50-100 us each, about
    # 0.5-1 s; chunksize 10,000: 1 round trip of a list. The ratio is 50x or more by
    # design, and a busy machine slows both alike. Claim 5x.
    # (No upper bound, here or for chunksize 100 below: the ratio of messages, 10,000x
    # and 100x, is no bound, as a tiny message costs more than its share when 10,000 of
    # them queue up through the executor's threads: 103x was seen for chunksize 100.)
    run.within("chunksize 1 / chunksize 10,000", chunks[1] / chunks[10_000], at_least=5)
    # chunksize 100: 100 round trips instead of 10,000; claim 3x.
    run.within("chunksize 1 / chunksize 100", chunks[1] / chunks[100], at_least=3)
    # A square takes well under 1 us in the loop, 10,000 of them a few ms: one round trip
    # per square costs 100x that or more. Claim 10x.
    # (No upper bound: nothing in the design limits how much slower a round trip between
    # processes can be than a multiplication.)
    run.expect(
        serial * 10 < chunks[1],
        f"chunksize 1 is over 10x slower than the loop ({chunks[1]:.4f} s vs {serial:.4f} s)",
    )
    # Pickling 10,000 numbers each way costs more than squaring them (about 2x here).
    run.expect(
        serial < chunks[10_000],
        f"even chunksize 10,000 is slower than the loop ({chunks[10_000]:.4f} s vs {serial:.4f} s)",
    )
    return {
        "serial": serial,
        "chunksize_1": chunks[1],
        "chunksize_100": chunks[100],
        "chunksize_10000": chunks[10_000],
        **{
            f"chunksize_{size.replace(',', '')}_slowdown": int(times)
            for size, times in run.findall(r"chunksize ([\d,]+)\s+[\d.]+ s\s+(\d+)x the serial")
        },
    }


@claim("futures/broken_process_pool.py")
def a_dead_worker_breaks_the_whole_pool(run: Run) -> dict[str, int]:
    """When task 3's worker dies, every task not yet finished fails with BrokenProcessPool
    and the pool refuses new work. The message is the same on every version; from 3.15 on,
    its __cause__ names the dead worker's PID and exit code."""
    # Finished before the crash.
    run.expect(run.contains("task 0: 0"), "task 0 finished with its result, 0")
    for n in (3, 4, 5):  # the crashed task and every task after it
        run.expect(
            run.contains(f"task {n}: BrokenProcessPool"), f"task {n} fails with BrokenProcessPool"
        )
    run.expect(
        run.contains("submit() afterwards: BrokenProcessPool"),
        "submit() afterwards raises BrokenProcessPool",
    )
    run.expect(run.contains("terminated abruptly"), "the message says a process terminated")
    # The message is the same on every version; 3.15 adds only the __cause__.
    run.expect(
        run.contains(
            "the message: A process in the process pool was terminated abruptly while the "
            "future was running or pending."
        ),
        "the message is 'A process in the process pool was terminated abruptly ...'",
    )
    values = {
        "tasks_finished": len(run.findall(r"^task \d+: \d+$")),
        "tasks_broken": len(run.findall(r"^task \d+: BrokenProcessPool$")),
    }
    if not run.contains("__cause__: None"):  # 3.15+: the cause names the worker's exit code
        cause = run.search(r"__cause__: .*exit code (\d+)\b")
        run.expect(cause[1] == "1", f"the __cause__ names exit code 1, not {cause[1]}")
        # It names the dead worker, and the line ends at the exit code: the triple quotes
        # CPython wraps the cause's text in are not printed.
        run.search(r"^__cause__: Process <pid> terminated abruptly with exit code \d+$")
        values["exit_code"] = int(cause[1])
    return values


@claim("futures/max_tasks_per_child.py")
def max_tasks_per_child_replaces_workers(run: Run) -> dict[str, float]:
    """Without a limit, two worker processes run all eight tasks; with a limit of one task
    per child, each task runs in a fresh process. A fork context is refused, and spawn
    used instead."""
    free = run.search(r"no limit:\s+(\d+) tasks ran in (\d+) worker processes")
    limited = run.search(r"max_tasks_per_child=1:\s+(\d+) tasks ran in (\d+) worker processes")
    # Two workers, reused.
    run.expect(int(free[2]) <= 2, f"no limit: at most 2 worker processes, not {free[2]}")
    # One fresh process per task.
    run.expect(
        limited[1] == limited[2],
        f"max_tasks_per_child=1: one process per task ({limited[1]} tasks, {limited[2]})",
    )
    run.expect(run.contains("at most 1 in one"), "with the limit, at most 1 task per process")
    if run.start_method == "fork":
        run.expect(
            run.contains("ValueError: max_tasks_per_child is incompatible with the 'fork'"),
            "a fork context is refused with a ValueError",
        )
        run.expect(run.contains("start method: spawn"), "the example falls back to spawn")
    else:
        run.expect(
            run.contains(f"start method: {run.start_method}"),
            f"the pool uses the start method in effect, {run.start_method}",
        )
    return {
        "tasks": int(free[1]),
        "processes_without_limit": int(free[2]),
        "processes_with_limit": int(limited[2]),
        "seconds_without_limit": run.number(r"no limit:.*\(([\d.]+) s\)"),
        "seconds_with_limit": run.number(r"max_tasks_per_child=1:.*\(([\d.]+) s\)"),
    }


@claim("futures/nested_future_deadlock.py")
def waiting_on_the_same_full_pool_deadlocks(run: Run) -> None:
    """A task that waits on another task of its own one-worker pool deadlocks until its
    timeout, and the inner task is cancelled. A separate pool, or a caller that waits on
    both tasks, gets the results."""
    run.expect(
        run.contains("same pool:       deadlock detected (inner task cancelled: True)"),
        "the same pool deadlocks, and the inner task is cancelled",
    )
    run.expect(run.contains("separate pool:   49"), "a separate pool returns 49")
    run.expect(run.contains("caller waits:    [49, 64]"), "the waiting caller gets [49, 64]")


@claim("futures/nested_future_deadlock.py", timing=True)
def the_deadlocked_wait_ends_at_its_timeout(run: Run) -> dict[str, float]:
    """The whole run takes about the deadlocked wait's one-second timeout: nothing hung."""
    # The deadlocked wait ends at its timeout (about 1 s; see the example); the two fixed
    # designs take milliseconds. Over 10 s would mean something hung until killed.
    # Lower bound: the deadlocked wait alone lasts its whole 1 s timeout.
    run.within("run time (s)", run.duration, at_least=1.0, at_most=10)
    return {"run_seconds": run.duration}
