"""np.sort releases the GIL while it sorts: on big arrays, threads scale."""

# /// example
# timing_sensitive = true
# timeout = 120
# requires = ["numpy"]
# ///

import os
import platform
import statistics
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np

JOBS = {1_000_000: 6, 16: 50_000}  # array size -> sorts per job


def make_job(size, seed):
    array = np.random.default_rng(seed).random(size)
    return [array] * JOBS[size]  # np.sort returns a copy: the input is reused


def sort_all(job):
    for array in job:
        np.sort(array)  # one call: the GIL is released inside the sort


def median_times(*runs, rounds=7):
    """Median time of each run; the runs take turns, so a busy moment hits
    them alike."""
    times = [[] for _ in runs]
    for _ in range(rounds):
        for fn, samples in zip(runs, times):
            start = time.perf_counter()
            fn()
            samples.append(time.perf_counter() - start)
    return [statistics.median(samples) for samples in times]


if __name__ == "__main__":
    cores = (
        len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count()
    )
    print(
        f"Python {platform.python_version()}, NumPy {np.__version__}, "
        f"{cores} usable cores"
    )
    print("2 jobs of np.sort calls, serial and on 2 threads, median of 7\n")
    with ThreadPoolExecutor(2) as pool:
        for size, sorts in JOBS.items():
            jobs = [make_job(size, seed) for seed in (1, 2)]
            serial, threads = median_times(
                lambda: [sort_all(job) for job in jobs],
                lambda: list(pool.map(sort_all, jobs)),
            )
            label = f"{sorts:,} x {size:,} values"
            print(
                f"{label:22} serial {serial:5.2f} s   2 threads "
                f"{threads:5.2f} s   speedup {serial / threads:4.2f}x"
            )
