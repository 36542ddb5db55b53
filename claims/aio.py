"""Claims about the examples in examples/aio/, shown on asyncio.md (and
blocking_call_stalls_loop.py on troubleshooting.md)."""

import re

from example_runner.claims import Run, claim


@claim("aio/gather_loopback.py")
def every_connection_answers_on_one_thread(run: Run) -> dict[str, int]:
    """All 200 clients get their own request echoed back, and the server, its handlers and
    the clients all run on the process's one thread."""
    run.expect(run.contains("correct echoes       200 of 200"), "all 200 echoes are correct")
    serial = run.number(r"one at a time \(est\.\)\s+([\d.]+) s")
    # 200 requests x 0.1 s, the printed estimate
    run.expect(serial == 20.0, "the serial estimate is 200 requests x 0.1 s = 20 s")
    threads = int(run.number(r"threads in process\s+(\d+)"))
    run.expect(threads == 1, "one thread in the process")
    connections = int(run.number(r"^(\d+) connections, each waiting"))
    return {"connections": connections, "threads": threads}


@claim("aio/gather_loopback.py", timing=True)
def many_waits_overlap_on_one_thread(run: Run) -> dict[str, float]:
    """The 200 waits of 0.1 s overlap: the whole batch takes little more than one wait, at
    least ten times faster than one request at a time."""
    serial = run.number(r"one at a time \(est\.\)\s+([\d.]+) s")
    gathered = run.number(r"asyncio\.gather\s+([\d.]+) s")
    # All 200 waits overlap, so the design's bound is one wait plus the CPU time of 200
    # connect/echo/close cycles on one thread (a few ms each): about 0.2-0.6 s, a 30-100x
    # speedup. Claim 10x (gathered under 2 s): room for a machine several times slower.
    run.expect(gathered < 2.0, f"asyncio.gather took under 2 s, not {gathered} s")
    # Upper bound: every client waits 0.1 s on the server, so the batch takes at least one
    # wait: at most 20 s / 0.1 s = 200x (1.1 for timer noise).
    run.within("speedup", serial / gathered, at_least=10, at_most=200 * 1.1)
    return {
        "speedup": run.number(r"asyncio\.gather .*speedup\s+([\d.]+)x"),
        "gathered": gathered,
        "serial": serial,
    }


@claim("aio/taskgroup.py")
def a_failing_task_cancels_the_others(run: Run) -> None:
    """The parser's ValueError reaches the caller inside an ExceptionGroup, and both slow
    downloads are cancelled while they wait."""
    for line in (
        "caught ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)",
        "  contains ValueError: file-3: bad header",
        "cancelled while running: ['file-1', 'file-2']",
        "slow tasks cancelled: [True, True]",
    ):
        run.expect(run.contains(line), f"it prints {line.strip()!r}")
    run.expect(not run.contains("not reached"), "the line after the group is never reached")


@claim("aio/taskgroup.py", timing=True)
def the_group_ends_right_after_the_failure(run: Run) -> dict[str, float]:
    """The group ends soon after the failure at 0.1 s, not after the slow tasks' 2 s."""
    elapsed = run.number(r"group finished after ([\d.]+) s")
    # The failing task raises after 0.1 s and the group then cancels the 2 s tasks: the
    # group ends at about 0.1 s. Under 1.5 s still tells "cancelled" from "waited 2 s".
    run.expect(elapsed < 1.5, f"the group finished in under 1.5 s, not {elapsed} s")
    # Lower bound: the group cannot end before the failure at 0.1 s (0.08: a timer may
    # fire up to one tick of a coarse clock early, 16 ms on Windows before 3.13).
    run.within("group time", elapsed, at_least=0.08)
    return {"elapsed": elapsed}


@claim("aio/taskgroup_cancel.py")
def cancel_ends_the_group_without_an_error(run: Run) -> None:
    """The fastest mirror answers, TaskGroup.cancel() cancels the two others while they
    wait, and the block ends without an exception."""
    for line in ("answered: ['mirror-b']", "cancelled while waiting: ['mirror-a', 'mirror-c']"):
        run.expect(run.contains(line), f"it prints {line!r}")
    run.expect(not run.contains("not reached"), "the body after the cancel is never reached")


@claim("aio/taskgroup_cancel.py", timing=True)
def the_group_ends_when_the_first_mirror_answers(run: Run) -> dict[str, float]:
    """The group ends right after the first answer at 0.1 s, not when the slower mirrors
    would have answered."""
    elapsed = run.number(r"group finished after ([\d.]+) s")
    # The fastest mirror answers after 0.1 s and cancels the group; the next mirror
    # would answer after 2 s. Under 1.5 s tells "cancelled" from "waited".
    run.expect(elapsed < 1.5, f"the group finished in under 1.5 s, not {elapsed} s")
    # Lower bound: the group cannot end before the first answer at 0.1 s (0.08: a timer
    # may fire up to one tick of a coarse clock early, 16 ms on Windows before 3.13).
    run.within("group time", elapsed, at_least=0.08)
    return {"elapsed": elapsed}


@claim("aio/timeout.py")
def the_query_sees_the_cancellation(run: Run) -> None:
    """The slow query sees a CancelledError at the deadline, and a fast operation under the
    same kind of deadline finishes without an error."""
    for line in (
        "the query saw: ['cancelled']",
        "a fast operation inside the same kind of block: no error",
    ):
        run.expect(run.contains(line), f"it prints {line!r}")


@claim("aio/timeout.py", timing=True)
def the_timeout_cuts_the_operation_short(run: Run) -> dict[str, float]:
    """The TimeoutError arrives at the 0.2 s deadline, long before the 10 s the query would
    have taken."""
    waited = run.number(r"caught TimeoutError after ([\d.]+) s")
    # The deadline is 0.2 s: the loop cannot wake earlier (0.15 allows the clock's
    # rounding), and the operation would take 10 s. Under 5 s tells "cut short" apart.
    run.within("time to the TimeoutError", waited, at_least=0.15)
    run.expect(waited < 5, f"the TimeoutError came in under 5 s, not {waited} s")
    return {"waited": waited}


@claim("aio/semaphore_cap.py")
def the_semaphore_caps_the_tasks_inside(run: Run) -> dict[str, int]:
    """With Semaphore(50) all 50 tasks are inside at once; with Semaphore(5), never more
    than five."""
    peaks = dict(run.findall(r"Semaphore\(\s*(\d+)\): at most\s+(\d+) at once"))
    run.expect(
        peaks == {"50": "50", "5": "5"},
        f"peaks of 50 under Semaphore(50) and 5 under Semaphore(5), not {peaks}",
    )
    return {"peak_uncapped": int(peaks["50"]), "peak_capped": int(peaks["5"])}


@claim("aio/semaphore_cap.py", timing=True)
def the_capped_run_takes_rounds_of_five(run: Run) -> dict[str, float]:
    """Capped at five, the 50 tasks take at least ten rounds of 0.05 s."""
    capped = run.number(r"Semaphore\( 5\).* total ([\d.]+) s")
    # 50 tasks, 5 at a time: at least 10 rounds of 0.05 s. A lower bound that no load
    # can break (5% for the clock's rounding of each sleep).
    run.within("capped total", capped, at_least=10 * 0.05 * 0.95)
    return {
        "capped_total": capped,
        "uncapped_total": run.number(r"Semaphore\(50\).* total ([\d.]+) s"),
    }


def _gap_seconds(run: Run, label: str) -> float:
    return run.number(rf"{re.escape(label)}\s+longest gap ([\d.]+) s")


def _ticks(run: Run, label: str) -> int:
    return int(run.number(rf"{re.escape(label)}\s+longest gap [\d.]+ s\s+\((\d+) ticks\)"))


@claim("aio/blocking_call_stalls_loop.py", timing=True)
def a_blocking_call_stalls_the_loop(run: Run) -> dict[str, float]:
    """While time.sleep(0.5) blocks the loop's thread the ticker stops for the whole wait;
    while the handler awaits asyncio.sleep(0.5) it keeps ticking."""
    blocked = _gap_seconds(run, "time.sleep(0.5)")
    awaited = _gap_seconds(run, "await asyncio.sleep(0.5)")
    # time.sleep(0.5) blocks the loop's thread: the ticker cannot run for 0.5 s, a
    # lower bound no load can break (claim 0.3 s: any gap that long is a stall).
    run.within("longest gap during time.sleep", blocked, at_least=0.3)
    # With await, the ticker wakes every 10 ms: a gap of 0.2 s would be 20 missed ticks.
    run.expect(awaited < 0.2, f"the longest gap during the await is under 0.2 s, not {awaited}")
    return {
        "blocked_gap": blocked,
        "awaited_gap": awaited,
        "blocked_ticks": _ticks(run, "time.sleep(0.5)"),
        "awaited_ticks": _ticks(run, "await asyncio.sleep(0.5)"),
    }


@claim("aio/to_thread.py")
def each_call_runs_in_its_own_worker_thread(run: Run) -> dict[str, int]:
    """The five blocking calls run in five worker threads of the loop's default executor,
    none in the loop's thread."""
    # Five calls that each block 0.5 s, handed out at once: each takes a thread of its own
    # (the default pool has at least 5 workers).
    run.expect(run.contains("ran in 5 worker threads"), "the calls ran in 5 worker threads")
    return {"worker_threads": int(run.number(r"ran in (\d+) worker threads"))}


@claim("aio/to_thread.py", timing=True)
def to_thread_keeps_the_loop_responsive(run: Run) -> dict[str, float]:
    """The five 0.5 s calls overlap, taking about one call's time, and the loop's ticker
    keeps its 10 ms pace meanwhile."""
    total = run.number(r"through to_thread: ([\d.]+) s in total")
    # Five 0.5 s calls in five threads overlap: 0.5 s at best (a bound no load breaks),
    # 2.5 s one after another. Under 1.5 s leaves 1 s for thread starts on a busy machine.
    run.within("total time", total, at_least=0.45)
    run.expect(total < 1.5, f"the five calls took under 1.5 s in all, not {total} s")
    # The loop's thread only waits: its ticker wakes every 10 ms; 200 ms = 20 missed ticks.
    gap = int(run.number(r"longest gap (\d+) ms"))
    run.expect(gap < 200, f"the ticker's longest gap is under 200 ms, not {gap} ms")
    return {
        "total": total,
        "longest_gap_ms": gap,
        "ticks": int(run.number(r"ticker: (\d+) ticks")),
    }


def _pool_rows(run: Run) -> dict[str, tuple[float, float]]:
    """Row label -> (time, longest tick gap), in seconds."""
    return {
        label: (float(elapsed), float(gap))
        for label, elapsed, gap in run.findall(
            r"^(in the loop|in the process pool)\s+([\d.]+) s\s+longest tick gap ([\d.]+) s"
        )
    }


@claim("aio/cpu_in_process_pool.py")
def the_pool_computes_the_same_results(run: Run) -> None:
    """The process pool returns the same results as the computation inside the coroutine,
    under the start method in effect."""
    run.expect(
        run.contains(f"start method {run.start_method}"),
        f"it names the start method in effect, {run.start_method}",
    )
    run.expect(run.contains("same results both ways: True"), "the same results both ways")
    run.expect(
        set(_pool_rows(run)) == {"in the loop", "in the process pool"},
        "a row for the loop and one for the process pool",
    )


@claim("aio/cpu_in_process_pool.py", timing=True)
def a_process_pool_keeps_the_loop_responsive(run: Run) -> dict[str, float]:
    """Computing inside a coroutine stalls the loop for the whole computation (the longest
    gap spans the computation's time); in a process pool the loop keeps ticking."""
    rows = _pool_rows(run)
    (loop_time, in_loop), (pool_time, in_pool) = rows["in the loop"], rows["in the process pool"]
    # Computing in a coroutine stalls the loop for the whole computation: four
    # count_primes(100,000) calls without an await, about 0.8 s here and never faster
    # than one of them; claim 0.15 s. In the pool the loop's thread only waits and its
    # ticker wakes every 10 ms: a gap under 0.2 s, and under half the stalled one.
    run.within("longest gap computing in the loop", in_loop, at_least=0.15)
    run.expect(in_pool < 0.2, f"the longest gap with the pool is under 0.2 s, not {in_pool}")
    run.expect(
        in_pool < in_loop / 2,
        f"the gap with the pool ({in_pool} s) is under half the stalled one ({in_loop} s)",
    )
    # The ticker cannot run while the coroutine computes: its last tick came before the
    # computation started and its next one after it ended, so the stalled gap is at least
    # the computation's time (-0.01 s for the rounding of the two printed numbers). At
    # most that time plus the ticker's 10 ms period before the start and the loop's next
    # turn after the end, a few ms: 0.1 s leaves room for a busy machine.
    run.within("stalled gap - computation time", in_loop - loop_time, at_least=-0.01, at_most=0.1)
    return {
        "loop_time": loop_time,
        "loop_gap": in_loop,
        "pool_time": pool_time,
        "pool_gap": in_pool,
    }
