"""Claims about the examples in examples/stop/, shown on stopping.md."""

import re

from example_runner.claims import Run, claim


def _counts(text: str) -> dict[str, int]:
    """'6 cancelled, 2 finished' (a line's part, read through run) -> {'cancelled': 6,
    'finished': 2}"""
    return {what: int(n) for n, what in re.findall(r"(\d+) (\w+)", text)}


def _shutdown_blocks(
    run: Run,
) -> dict[tuple[str, bool], tuple[dict[str, int], dict[str, int], float]]:
    blocks = run.findall(
        r"^(\w+), cancel_futures=(True|False)\n"
        r"  at shutdown:\s+(.*)\n"
        r"  afterwards:\s+(.*)\n"
        r"  shutdown\(\) returned after ([\d.]+) s"
    )
    return {
        (pool, cancel == "True"): (_counts(before), _counts(after), float(took))
        for pool, cancel, before, after, took in blocks
    }


@claim("stop/shutdown_cancel_futures.py")
def cancel_futures_drops_queued_tasks_and_finishes_running_ones(run: Run) -> dict[str, int]:
    """Shutting down with futures cancelled drops exactly the tasks still queued and lets
    the running ones finish; without it, all eight tasks finish, in both pools."""
    blocks = _shutdown_blocks(run)
    run.expect(len(blocks) == 4, "four shutdowns: two pools, with and without cancel_futures")
    for (pool, cancel), (before, after, _) in blocks.items():
        run.expect(sum(before.values()) == 8, f"{pool}: the 8 tasks are counted at shutdown")
        if cancel:
            # Exactly the tasks not yet started are cancelled; every running one finishes.
            run.expect(
                after.get("cancelled") == before.get("queued"),
                f"{pool}: the tasks queued at shutdown, and they alone, are cancelled",
            )
            run.expect(
                after.get("finished") == before.get("running"),
                f"{pool}: the tasks running at shutdown, and they alone, finish",
            )
        else:
            run.expect(after == {"finished": 8}, f"{pool}: without cancel_futures, 8 finish")
    # A process pool counts as running the tasks it has sent towards its workers:
    # at least its 2 workers' tasks.
    running = blocks["ProcessPoolExecutor", True][0]["running"]
    run.expect(running >= 2, "the process pool counts at least its 2 workers' tasks as running")
    return {"processes_running": running}


@claim("stop/shutdown_cancel_futures.py", timing=True)
def cancel_futures_makes_shutdown_faster(run: Run) -> dict[str, float]:
    """Shutting down 0.2 s in, the thread pool has 2 tasks running and 6 queued, and both
    pools return much sooner when they cancel the queued tasks than when they run them."""
    blocks = _shutdown_blocks(run)
    # 2 threads, tasks of 0.5 s, shutdown 0.2 s in: the first 2 run, 6 wait.
    run.expect(
        blocks["ThreadPoolExecutor", True][0] == {"queued": 6, "running": 2},
        "at the thread pool's shutdown 2 tasks run and 6 are queued",
    )
    values: dict[str, float] = {}
    for pool in ("ThreadPoolExecutor", "ProcessPoolExecutor"):
        dropped, kept = blocks[pool, True][2], blocks[pool, False][2]
        # Without cancel_futures, shutdown waits for 0.3 s + 3 more rounds of 0.5 s
        # (1.8 s); with it, for the running tasks only: 0.3 s with threads, and
        # 0.8 s with processes when 4 were sent to the 2 workers. Bound: 2.25x
        # faster at worst; claim 1.5x.
        run.expect(
            dropped * 1.5 < kept,
            f"{pool}: shutdown with cancel_futures ({dropped} s) is more than 1.5x faster "
            f"than without ({kept} s)",
        )
        # Upper bound: at best 1.8 s against 0.3 s, 6x; both are printed to 0.1 s, so at
        # most 1.85 / 0.25 (7.4x). More means a shutdown that came late, or a disturbed one.
        run.within(
            f"{pool} shutdown, without / with cancel_futures",
            kept / dropped if dropped else float("inf"),
            at_most=(1.8 + 0.05) / (0.3 - 0.05),
        )
        kind = "threads" if pool.startswith("Thread") else "processes"
        values[f"{kind}_without_cancel"] = kept
        values[f"{kind}_with_cancel"] = dropped
    return values


def _tasks(run: Run) -> dict[str, str]:
    return dict(run.findall(r"^  task (\d): (.*)$"))


@claim("stop/first_exception.py")
def first_exception_stops_the_rest(run: Run) -> None:
    """Task 3 fails, the two tasks before it finished, and no task after it runs to its end:
    each is cancelled before it starts or stops early."""
    tasks = _tasks(run)
    run.expect(len(tasks) == 8, "one line for each of the 8 tasks")
    run.expect(
        tasks["3"] == "failed: ValueError('bad record 3')",
        "task 3 failed with ValueError('bad record 3')",
    )
    run.expect(tasks["0"] == tasks["1"] == "finished", "tasks 0 and 1 finished")
    # After the failure nothing runs to its end: each later task is cancelled or stops.
    for n in "4567":
        run.expect(
            tasks[n] in ("cancelled before it started", "stopped early"),
            f"task {n} was cancelled before it started or stopped early",
        )


@claim("stop/first_exception.py", timing=True)
def first_exception_returns_well_before_the_batch_ends(run: Run) -> dict[str, float]:
    """The running task stops early and the queued ones are cancelled, and both the wait and
    the block end well before the whole batch would have."""
    tasks = _tasks(run)
    # Task 3 fails 0.2 s after it starts at 0.5 s; task 2 (started at 0.5 s, due to end
    # at 1.0 s) is stopped at its next step; tasks 5-7 are still queued. Task 4 may have
    # been taken by the thread task 3 freed, before the cancel loop: either outcome.
    run.expect(tasks["2"] == "stopped early", "task 2 stopped early")
    for n in "567":
        run.expect(
            tasks[n] == "cancelled before it started", f"task {n} was cancelled before it started"
        )
    waited = run.number(r"wait\(\) returned after ([\d.]+) s")
    took = run.number(r"exited after ([\d.]+) s")
    # wait() returns at about 0.7 s and the block exits at about 0.8 s; running all
    # 8 tasks would take 2.0 s. Claim under 1.5 s, room for a busy machine.
    run.expect(waited < 1.5, f"wait() returned in under 1.5 s, not {waited} s")
    run.expect(took < 1.5, f"the with block exited in under 1.5 s, not {took} s")
    return {"waited": waited, "took": took, "all_tasks": run.number(r"would take ([\d.]+) s")}


@claim("stop/terminate_workers.py")
def terminate_and_kill_workers_end_a_stuck_task(run: Run) -> None:
    """A running task cannot be cancelled; ending its worker by SIGTERM, then by SIGKILL,
    fails the task and leaves the pool unusable."""
    # a running task cannot be cancelled
    run.expect(
        len(run.findall(r"cancel\(\) returns False")) == 2,
        "cancel() returns False for both stuck tasks",
    )
    # the task fails, and the pool is unusable
    run.expect(
        len(run.findall("BrokenProcessPool")) == 4,
        "BrokenProcessPool four times: each task fails and each pool refuses work",
    )
    for signal in ("SIGTERM", "SIGKILL"):
        run.expect(
            run.contains(f"its worker process was ended by {signal}"),
            f"a worker process was ended by {signal}",
        )
    run.expect(
        run.search(r"terminate_workers\(\)").start()
        < run.search("SIGTERM").start()
        < run.search(r"kill_workers\(\)").start(),
        "terminate_workers() comes first, and its worker's SIGTERM before kill_workers()",
    )


@claim("stop/terminate_workers.py", timing=True)
def a_stuck_task_fails_at_once(run: Run) -> dict[str, int]:
    """The stuck task fails within a second of its worker being ended, for both ways of
    ending it."""
    # A signal ends the worker at once; the pool notices it through the process's
    # sentinel: milliseconds. Claim under 1 s.
    ms = [int(n) for n in run.findall(r"the task failed (\d+) ms later")]
    for n in ms:
        run.expect(n < 1000, f"the task failed in under 1000 ms, not {n} ms")
    return dict(zip(("terminate_ms", "kill_ms"), ms))


def _exits(run: Run) -> dict[str, tuple[float, dict[str, int]]]:
    return {
        label.strip(): (float(took), _counts(ended))
        for label, took, ended in run.findall(r"^(\S.{23}) +([\d.]+) s +(\d.*)$")
    }


_ENDING = "every variant exited by SIGINT; stderr: 1 traceback(s), ending: KeyboardInterrupt"


@claim("stop/ctrl_c_thread_pool.py")
def ctrl_c_leaves_a_thread_pool_running_its_queue(run: Run) -> dict[str, float]:
    """Ctrl-C interrupts the main thread only: leaving a with block, or shutting down
    without waiting, still runs all ten tasks, seconds long; cancelling futures drops some."""
    exits = _exits(run)
    run.expect(
        list(exits)
        == ["with block", "shutdown(wait=False)", "+ cancel_futures=True", "+ a stop event"],
        "the four variants, in order",
    )
    # Ctrl-C raised KeyboardInterrupt in the main thread only: each child exited by it.
    run.expect(run.text.rstrip().endswith(_ENDING), f"the last line says {_ENDING!r}")
    # Neither a with block nor shutdown(wait=False) cancels anything: at exit the
    # interpreter joins the pool's threads, which first run every queued task.
    for variant in ("with block", "shutdown(wait=False)"):
        took, ended = exits[variant]
        run.expect(ended == {"finished": 10}, f"{variant}: all 10 tasks finished")
        # Ctrl-C 0.2 s into the first round of 5 rounds of 0.5 s: at least 2.3 s of
        # sleeping is left, whatever the load. Claim 2 s.
        run.within(f"{variant}: seconds to exit", took, at_least=2.0)
    run.expect(
        exits["+ cancel_futures=True"][1].get("cancelled", 0) >= 1,
        "cancel_futures=True cancelled at least one task",
    )
    return {
        "with_block": exits["with block"][0],
        "shutdown_no_wait": exits["shutdown(wait=False)"][0],
    }


@claim("stop/ctrl_c_thread_pool.py", timing=True)
def cancel_futures_and_a_stop_event_end_a_thread_pool_quickly(run: Run) -> dict[str, float]:
    """Ctrl-C lands while two tasks run: cancelling futures drops the other eight and the
    program exits within a second; a stop event also ends the two running ones at once."""
    exits = _exits(run)
    # Ctrl-C lands while tasks 0 and 1 run: the other 8 are queued.
    run.expect(
        exits["+ cancel_futures=True"][1] == {"cancelled": 8, "finished": 2},
        "cancel_futures=True: 8 cancelled, 2 finished",
    )
    run.expect(
        exits["+ a stop event"][1] == {"cancelled": 8, "stopped": 2},
        "a stop event: 8 cancelled, 2 stopped",
    )
    # cancel_futures: the 2 running tasks finish (0.3 s left); with the stop event
    # they return at their next 0.05 s step. Claim 1 s and 0.5 s.
    cancel, stop = exits["+ cancel_futures=True"][0], exits["+ a stop event"][0]
    run.expect(cancel < 1.0, f"with cancel_futures it exits in under 1 s, not {cancel} s")
    run.expect(stop < 0.5, f"with a stop event it exits in under 0.5 s, not {stop} s")
    return {"cancel_futures": cancel, "stop_event": stop}


@claim("stop/ctrl_c_process_pool.py")
def ctrl_c_reaches_the_workers_of_a_process_pool(run: Run) -> dict[str, float]:
    """In a with block, Ctrl-C fails the tasks running in the workers, which then run the
    queued ones; workers that ignore it see no interrupt, and the queued tasks are
    cancelled."""
    exits = _exits(run)
    run.expect(list(exits) == ["with block", "workers ignore SIGINT"], "the two variants, in order")
    run.expect(run.text.rstrip().endswith(_ENDING), f"the last line says {_ENDING!r}")
    took, ended = exits["with block"]
    # The workers got the SIGINT too: a running task failed with KeyboardInterrupt in its
    # worker, and the worker went on with the queued tasks.
    run.expect(
        ended.get("KeyboardInterrupt", 0) >= 1 and ended.get("finished", 0) >= 1,
        "with block: some tasks failed with KeyboardInterrupt and others finished",
    )
    run.expect("cancelled" not in ended, "with block: no task was cancelled")
    # Ctrl-C 0.2 s into the first round: 4 more rounds of 0.5 s run after it. Claim 1.5 s.
    run.within("with block: seconds to exit", took, at_least=1.5)
    ignored = exits["workers ignore SIGINT"][1]
    # the workers ignored it
    run.expect("KeyboardInterrupt" not in ignored, "workers ignoring SIGINT: no interrupt")
    run.expect(
        ignored.get("cancelled", 0) >= 1, "workers ignoring SIGINT: some tasks were cancelled"
    )
    return {"with_block": took}


@claim("stop/ctrl_c_process_pool.py", timing=True)
def workers_that_ignore_ctrl_c_let_main_stop_quickly(run: Run) -> dict[str, float]:
    """Both workers were inside a task when Ctrl-C came; when they ignore it, only the tasks
    running or already in the pool's call queue finish, and the program exits soon after."""
    exits = _exits(run)
    # Both workers were inside a task when the SIGINT came.
    run.expect(
        exits["with block"][1] == {"KeyboardInterrupt": 2, "finished": 8},
        "with block: 2 KeyboardInterrupt, 8 finished",
    )
    # Only the tasks already marked running finish: 2 in the workers, plus those waiting
    # in the pool's call queue, which holds max_workers + 1 tasks (EXTRA_QUEUED_CALLS = 1
    # in concurrent/futures/process.py) and whose tasks can no longer be cancelled: 2 to
    # 5 in all. The exit waits for them: at most 3 rounds of 0.5 s from the start, 1.3 s
    # after a Ctrl-C at 0.2 s; not for the 4 more rounds (2.3 s) of the rest. Claim 1.5 s.
    took, ended = exits["workers ignore SIGINT"]
    finished = ended.get("finished", 0)
    run.expect(2 <= finished <= 5, f"2 to 5 tasks finished, not {finished}")
    run.expect(took < 1.5, f"the exit took under 1.5 s, not {took} s")
    return {"workers_ignore": took, "finished": finished}


@claim("stop/logging_from_workers.py")
def every_process_logs_whole_lines_to_one_file(run: Run) -> dict[str, int]:
    """All 41 lines of the log file are whole, written by the main process and one or two
    workers named by the start method in effect."""
    run.expect(
        run.contains(f"start method: {run.start_method}"),
        f"it names the start method in effect, {run.start_method}",
    )
    # 1 + 8 tasks x 5 lines
    run.expect(run.contains("app.log: 41 lines, 41 of them whole"), "41 lines, all whole")
    names = run.search(r"^processes that logged: (.*)$")[1].split(", ")
    prefix = {"fork": "ForkProcess", "spawn": "SpawnProcess", "forkserver": "ForkServerProcess"}
    workers = [n for n in names if n != "MainProcess"]
    method = str(run.start_method)
    run.expect(
        "MainProcess" in names and 1 <= len(workers) <= 2,
        "the main process and one or two workers logged",
    )
    run.expect(
        all(n.startswith(prefix.get(method, "?") + "-") for n in workers),
        f"the workers are named {prefix.get(method, '?')}-N",
    )
    return {"lines": 41, "processes": len(names)}


def _progress(run: Run) -> list[tuple[int, int, int, float]]:
    return [
        (int(done), int(total), int(task), float(t))
        for done, total, task, t in run.findall(r"^(\d+)/(\d+) done \(task (\d+)\), ([\d.]+) s$")
    ]


@claim("stop/progress_as_completed.py")
def progress_counts_results_as_they_finish(run: Run) -> dict[str, float]:
    """The count goes from 1 to 10 as each task finishes, at times that only grow, and the
    last comes no sooner than two workers allow."""
    lines = _progress(run)
    run.expect([done for done, *_ in lines] == list(range(1, 11)), "the count goes 1 to 10")
    run.expect({total for _, total, *_ in lines} == {10}, "every line counts out of 10")
    run.expect(sorted(task for _, _, task, _ in lines) == list(range(10)), "each task 0-9 once")
    times = [t for *_, t in lines]
    run.expect(times == sorted(times), "the times only grow")
    # 5.2 s of sleeping on 2 processes cannot end before 2.6 s, whatever the load.
    run.within("seconds to the last result", times[-1], at_least=2.6 - 0.05)
    return {"last": times[-1], "least": run.number(r"at least ([\d.]+) s in all")}


@claim("stop/progress_as_completed.py", timing=True)
def tasks_finish_in_order_of_their_ends(run: Run) -> None:
    """The tasks finish in the order their lengths give on two workers, 1, 0, 3, 2 and so
    on, not in the order they were submitted, and the last one close to the least time
    two workers need."""
    # Greedy scheduling of the durations on 2 workers: finish times 0.2 s apart,
    # in this order, not the order of submission.
    lines = _progress(run)
    order = [task for _, _, task, _ in lines]
    run.expect(
        order == [1, 0, 3, 2, 5, 4, 7, 6, 9, 8],
        f"the tasks finish in the order 1, 0, 3, 2, 5, 4, 7, 6, 9, 8, not {order}",
    )
    # The greedy schedule packs the work on both workers: the last task ends at the least
    # time two workers need, plus the pool's start and the messages back, a few tenths of
    # a second. Claim within 25 % of the least time; the shape claim gives the lower bound.
    least = run.number(r"at least ([\d.]+) s in all")
    run.within("seconds to the last result", lines[-1][3], at_most=least * 1.25)
