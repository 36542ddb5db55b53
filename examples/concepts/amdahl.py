"""Amdahl's law, measured.

The serial part of a job caps the speedup that more workers can give.
"""

# /// example
# timing_sensitive = true
# ///

import multiprocessing
import os
import platform
import statistics
import time
from concurrent.futures import ProcessPoolExecutor

CHUNKS = 8  # the parallel part: eight equal pieces of work
PIECE = 800_000  # loop length of one piece
PREPARE = 2_000_000  # loop length of the serial part


def crunch(n):
    """Pure-Python CPU work."""
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def job(pool):
    """Time one job: a serial step in this process, then chunks on the pool."""
    start = time.perf_counter()
    # e.g. reading and splitting the input: only one process can do it
    crunch(PREPARE)
    middle = time.perf_counter()
    sum(pool.map(crunch, [PIECE] * CHUNKS))
    return middle - start, time.perf_counter() - middle


if __name__ == "__main__":
    cores = (
        len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count()
    )
    print(
        f"Python {platform.python_version()}, {cores} usable cores, "
        f"start method {multiprocessing.get_start_method()}, median of 3 runs"
    )
    runs = {1: [], 2: []}
    # alternate 1 and 2 workers, so a busy moment hits both alike
    for _ in range(3):
        # one pool at a time: forking beside another pool is unsafe
        for n in (1, 2):
            with ProcessPoolExecutor(n) as pool:
                # warm-up: start the workers first
                list(pool.map(crunch, [1000] * n))
                runs[n].append(job(pool))
    serial, parallel = (statistics.median(part) for part in zip(*runs[1]))
    t1 = serial + parallel  # the 1-worker time, as the sum of its two medians
    t2 = statistics.median(sum(run) for run in runs[2])
    # the share of the 1-worker time that can be split
    p = parallel / (serial + parallel)
    print(
        f"1 worker:  serial part {serial:.2f} s + "
        f"parallel part {parallel:.2f} s = {t1:.2f} s"
    )
    print(f"parallel fraction p = {p:.2f}")
    print(f"2 workers: {t2:.2f} s, measured speedup {t1 / t2:.2f}x")
    print(
        "Amdahl's prediction for 2 workers, 1/((1-p) + p/2):  "
        f"{1 / ((1 - p) + p / 2):.2f}x"
    )
    print(
        "Amdahl's limit for any number of workers, 1/(1-p):   "
        f"{1 / (1 - p):.2f}x"
    )
