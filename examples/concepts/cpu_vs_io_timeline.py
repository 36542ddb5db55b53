"""Two workers on a timeline.

Computing threads take turns, waiting threads overlap.
"""

# /// example
# timing_sensitive = true
# volatile = [  # varies from run to run (see example_runner/shapes.py)
#     '\d+ CPU steps',
#     '(?:^  [AB] \|[^\n]*\n?)+',
# ]
# ///

import multiprocessing
import os
import platform
import queue
import threading
import time

# one CPU step: a loop of this many additions, far shorter than a millisecond
UNIT = 1000
SLOT = 0.001  # one column of the timeline: 1 ms


def cpu_step():
    total = 0
    for i in range(UNIT):
        total += i


def io_step():
    time.sleep(0.0003)  # stands for waiting on a disk or a network


def worker(name, kind, steps, barrier, results):
    """Run the steps and record when each one ended."""
    step = cpu_step if kind == "cpu" else io_step
    barrier.wait(timeout=30)  # both workers start together
    ends = []
    for _ in range(steps):
        step()
        # system-wide: comparable between processes
        ends.append(time.perf_counter())
    results.put((name, ends))


def seconds_per_step():
    start = time.perf_counter()
    for _ in range(50):
        cpu_step()
    return (time.perf_counter() - start) / 50


def run(title, make, barrier, results, kind, steps):
    workers = [
        make(target=worker, args=(n, kind, steps, barrier, results))
        for n in "AB"
    ]
    for w in workers:
        w.start()
    # drain the queue, then join
    ends = dict(results.get(timeout=30) for _ in workers)
    for w in workers:
        w.join(timeout=30)
    # One row per worker:
    # '#' in a column when it finished a step in that millisecond.
    start = min(min(e) for e in ends.values())
    rows = {
        name: {int((t - start) / SLOT) for t in e}
        for name, e in sorted(ends.items())
    }
    width = max(max(cols) for cols in rows.values()) + 1
    print(title)
    for name, cols in rows.items():
        print(
            f"  {name} "
            f"|{''.join('#' if c in cols else '.' for c in range(width))}|"
        )
    a, b = rows.values()
    print(
        f"  {width} ms; both workers busy in "
        f"{len(a & b) / len(a | b):.0%} of the busy columns"
    )


if __name__ == "__main__":
    cores = (
        len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count()
    )
    method = multiprocessing.get_start_method()
    print(
        f"Python {platform.python_version()}, "
        f"{cores} usable cores, start method {method}"
    )
    # about 25 ms of work each
    steps = int(0.025 / min(seconds_per_step() for _ in range(5)))
    print(
        f"each worker runs {steps} CPU steps or 80 waiting steps; "
        "one column = 1 ms"
    )
    thread_args = (threading.Thread, threading.Barrier(2), queue.Queue())
    run("two threads, CPU steps", *thread_args, "cpu", steps)
    run("two threads, waiting steps", *thread_args, "io", 80)
    process_args = (
        multiprocessing.Process,
        multiprocessing.Barrier(2),
        multiprocessing.Queue(),
    )
    run("two processes, CPU steps", *process_args, "cpu", steps)
