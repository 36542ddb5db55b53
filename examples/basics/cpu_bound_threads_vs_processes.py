"""Pure-Python CPU work: serial vs threads vs processes.

Timed in five interleaved rounds; the median is reported.
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


def count_primes(limit):
    """Deliberately naive: all Python bytecode, so a thread holds the GIL."""
    return sum(
        all(n % d for d in range(2, int(n**0.5) + 1)) for n in range(2, limit)
    )


def seconds(run):
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


if __name__ == "__main__":
    cores = (
        len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count()
    )
    workers = max(2, cores)
    tasks = [150_000] * workers
    print(
        f"Python {platform.python_version()}, {cores} usable cores, "
        f"start method {multiprocessing.get_start_method()}"
    )
    print(
        f"{len(tasks)} tasks of count_primes({tasks[0]:,}), "
        "median of 5 rounds\n"
    )

    # --8<-- [start:measure]
    times = {"serial": [], "threads": [], "processes": []}
    with (
        ThreadPoolExecutor(workers) as threads,
        ProcessPoolExecutor(workers) as processes,
    ):
        # warm-up: start every worker
        list(processes.map(count_primes, [20_000] * workers))
        # Each round times all three, so a busy moment hurts them alike.
        for _ in range(5):
            times["serial"].append(
                seconds(lambda: [count_primes(n) for n in tasks])
            )
            times["threads"].append(
                seconds(lambda: list(threads.map(count_primes, tasks)))
            )
            times["processes"].append(
                seconds(lambda: list(processes.map(count_primes, tasks)))
            )
    serial, threaded, parallel = (statistics.median(t) for t in times.values())
    # --8<-- [end:measure]

    print(f"serial              {serial:6.2f} s")
    print(
        f"{workers} threads           {threaded:6.2f} s   "
        f"speedup {serial / threaded:4.2f}x"
    )
    print(
        f"{workers} processes         {parallel:6.2f} s   "
        f"speedup {serial / parallel:4.2f}x"
    )
