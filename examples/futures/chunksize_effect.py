"""Many tiny tasks: ProcessPoolExecutor.map against a plain loop.

The map runs at chunksize 1, 100 and 10,000.
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
from concurrent.futures import ProcessPoolExecutor

TASKS = 10_000


def square(n):
    # far less work than pickling n and sending it to another process
    return n * n


def median_time(fn):
    times = []
    for _ in range(3):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    assert result == [n * n for n in range(TASKS)]
    return statistics.median(times)


if __name__ == "__main__":
    cores = (
        len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count()
    )
    workers = max(2, cores)
    print(
        f"Python {platform.python_version()}, {cores} usable cores, "
        f"start method {multiprocessing.get_start_method()}"
    )
    print(f"{TASKS:,} calls of square(n), median of 3 runs\n")

    serial = median_time(lambda: [square(n) for n in range(TASKS)])
    print(f"serial loop         {serial:8.4f} s")
    with ProcessPoolExecutor(max_workers=workers) as pool:
        # warm-up: start the workers before timing
        list(pool.map(square, range(100)))
        # --8<-- [start:measure]
        for chunksize in (1, 100, 10_000):
            elapsed = median_time(
                lambda: list(
                    pool.map(square, range(TASKS), chunksize=chunksize)
                )
            )
            print(
                f"chunksize {chunksize:<6,}    {elapsed:8.4f} s   "
                f"{elapsed / serial:7.0f}x the serial time"
            )
        # --8<-- [end:measure]
