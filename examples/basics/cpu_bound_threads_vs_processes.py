"""Pure-Python CPU work: serial vs threads vs processes, each timed three times (median)."""

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
    """Deliberately naive: every step is Python bytecode, so a thread holds the GIL."""
    return sum(all(n % d for d in range(2, int(n**0.5) + 1)) for n in range(2, limit))


def timed(run):
    times = []
    for _ in range(3):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


if __name__ == "__main__":
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    workers = max(2, cores)
    tasks = [250_000] * workers
    print(
        f"Python {platform.python_version()}, {cores} usable cores, "
        f"start method {multiprocessing.get_start_method()}"
    )
    print(f"{len(tasks)} tasks of count_primes({tasks[0]:,}), median of 3 runs\n")

    # --8<-- [start:measure]
    serial = timed(lambda: [count_primes(n) for n in tasks])
    with ThreadPoolExecutor(workers) as pool:
        threads = timed(lambda: list(pool.map(count_primes, tasks)))
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(count_primes, [20_000] * workers))  # warm-up: start every worker
        processes = timed(lambda: list(pool.map(count_primes, tasks)))
    # --8<-- [end:measure]

    print(f"serial              {serial:6.2f} s")
    print(f"{workers} threads           {threads:6.2f} s   speedup {serial / threads:4.2f}x")
    print(f"{workers} processes         {processes:6.2f} s   speedup {serial / processes:4.2f}x")
