"""The same work as 10,000 tiny tasks or 4 big ones, on threads and processes, against serial."""

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


def work(span):
    start, stop = span
    total = 0
    for i in range(start, stop):  # pure Python: holds the GIL
        total += i % 7
    return total


def split(parts):
    step = TOTAL // parts
    return [(k * step, (k + 1) * step) for k in range(parts)]


def median_time(fn, spans, expected=None, repeats=3):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = sum(fn(work, spans))
        times.append(time.perf_counter() - start)
        assert expected is None or result == expected  # same work, same answer
    return statistics.median(times), result


if __name__ == "__main__":
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    workers = max(2, cores)
    print(
        f"Python {platform.python_version()}, {cores} usable cores, "
        f"start method {multiprocessing.get_start_method()}, {workers} workers, median of 3"
    )
    serial, expected = median_time(map, split(1))
    print(f"\n{'how':26} {'time':>9}   vs serial")
    print(f"{'serial, 1 call':26} {serial:7.3f} s   1.00x the time")
    with ThreadPoolExecutor(workers) as threads, ProcessPoolExecutor(workers) as processes:
        list(processes.map(work, split(workers)))  # warm-up: start the workers before timing
        for name, pool in (("threads", threads), ("processes", processes)):
            for parts in (10_000, 4):
                elapsed, _ = median_time(pool.map, split(parts), expected)
                label = f"{name}, {parts:,} tasks"
                print(f"{label:26} {elapsed:7.3f} s   {elapsed / serial:.2f}x the time")
