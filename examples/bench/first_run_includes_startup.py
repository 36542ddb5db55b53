"""The first map() on a new ProcessPoolExecutor pays for more than its tasks.

It also pays for starting its worker processes.
"""

# /// example
# timing_sensitive = true
# timeout = 60
# ///

import multiprocessing
import os
import platform
import statistics
import time
from concurrent.futures import ProcessPoolExecutor


def work(n):
    return sum(i * i for i in range(n))  # a little pure-Python work


def timed_map(pool, tasks):
    start = time.perf_counter()
    results = list(pool.map(work, tasks))
    elapsed = time.perf_counter() - start
    assert results == [work(n) for n in tasks]
    return elapsed


if __name__ == "__main__":
    cores = (
        len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count()
    )
    workers = max(2, cores)
    print(
        f"Python {platform.python_version()}, {cores} usable cores, "
        f"start method {multiprocessing.get_start_method()}, {workers} workers"
    )
    tasks = [2_000] * (4 * workers)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        # The same call five times on the same pool.
        # No warm-up: that is the point.
        times = [timed_map(pool, tasks) for _ in range(5)]
    first, rest = times[0], statistics.median(times[1:])
    print(f"run 1 (starts the workers)  {first:.4f} s")
    low, high = min(times[1:]), max(times[1:])
    print(
        f"runs 2-5, median            {rest:.4f} s   "
        f"(min {low:.4f}, max {high:.4f})"
    )
    print(f"run 1 took {first / rest:.1f}x the median of the later runs")
