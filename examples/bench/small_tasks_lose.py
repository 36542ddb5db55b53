"""The same work as 5,000 tiny tasks or 4 big ones.

On threads and processes, against serial.
"""

# /// example
# timing_sensitive = true
# timeout = 120
# ///

import multiprocessing
import os
import platform
import statistics
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

TOTAL = 4_000_000  # loop iterations in all, however they are split
ROUNDS = 5


def work(span):
    start, stop = span
    total = 0
    for i in range(start, stop):  # pure Python: holds the GIL
        total += i % 7
    return total


def split(parts):
    step = TOTAL // parts
    return [(k * step, (k + 1) * step) for k in range(parts)]


def seconds(fn, spans, expected):
    start = time.perf_counter()
    result = sum(fn(work, spans))
    assert result == expected  # same work, same answer
    return time.perf_counter() - start


if __name__ == "__main__":
    cores = (
        len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count()
    )
    workers = max(2, cores)
    print(
        f"Python {platform.python_version()}, {cores} usable cores, "
        f"start method {multiprocessing.get_start_method()}, "
        f"{workers} workers, median of {ROUNDS} rounds"
    )
    expected = work((0, TOTAL))
    times = {}
    with (
        ThreadPoolExecutor(workers) as threads,
        ProcessPoolExecutor(workers) as processes,
    ):
        # warm-up: start the workers before timing
        list(processes.map(work, split(workers)))
        ways = {"serial, 1 call": (map, 1)}
        for name, pool in (("threads", threads), ("processes", processes)):
            for parts in (5_000, 4):
                ways[f"{name}, {parts:,} tasks"] = (pool.map, parts)
        # Every round times every way,
        # so a slow moment of the machine hurts them alike.
        for _ in range(ROUNDS):
            for label, (fn, parts) in ways.items():
                times.setdefault(label, []).append(
                    seconds(fn, split(parts), expected)
                )
    serial = statistics.median(times["serial, 1 call"])
    print(f"\n{'how':26} {'time':>9}   vs serial")
    for label, runs in times.items():
        elapsed = statistics.median(runs)
        print(
            f"{label:26} {elapsed:7.3f} s   {elapsed / serial:.2f}x the time"
        )
