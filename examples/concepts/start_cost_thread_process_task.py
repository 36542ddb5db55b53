"""What it costs to start (and finish) an asyncio task, a thread, a process."""

# /// example
# timing_sensitive = true
# start_methods = []  # the start methods are the point:
#                     # it tries each one itself
# ///

import asyncio
import multiprocessing
import os
import platform
import statistics
import threading
import time


def nothing():
    pass


async def nothing_async():
    pass


def median_seconds(start_and_wait, repeat):
    start_and_wait()  # warm-up: imports, a fork server, a first-time cache
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        start_and_wait()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def thread():
    t = threading.Thread(target=nothing)
    t.start()
    t.join()


def process(ctx):
    p = ctx.Process(target=nothing)
    p.start()
    p.join(timeout=30)


async def tasks(repeat):
    times = []
    for _ in range(repeat + 1):
        start = time.perf_counter()
        await asyncio.create_task(nothing_async())
        times.append(time.perf_counter() - start)
    return statistics.median(times[1:])  # the first one was the warm-up


if __name__ == "__main__":
    cores = (
        len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count()
    )
    print(
        f"Python {platform.python_version()}, {cores} usable cores; "
        "median time to start one worker that does nothing and wait "
        "for it to finish"
    )
    costs = [("asyncio task", asyncio.run(tasks(200)))]
    costs.append(("thread", median_seconds(thread, 200)))
    for method in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context(method)
        costs.append(
            (f"process ({method})", median_seconds(lambda: process(ctx), 5))
        )
    task = costs[0][1]
    for label, seconds in costs:
        print(
            f"  {label:20} {seconds * 1e6:10,.0f} µs  "
            f"({seconds / task:8,.0f} x a task)"
        )
