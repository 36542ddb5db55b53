"""Processes outside, threads inside.

Waits overlap in threads, CPU work spreads over cores.
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

WAIT = 0.06  # seconds of I/O per request: most of its time
# threads per process: one per request of its batch, so all waits overlap
THREADS = 8


def parse():
    # pure-Python CPU work: holds the GIL
    return sum(i * i for i in range(100_000)) % 97


def handle(item):
    """One request: wait for a reply (I/O), then parse it (CPU)."""
    # stands in for a network or database call: the GIL is released
    time.sleep(WAIT)
    return parse() + item


def handle_batch(items, threads):
    # Runs in a worker process (or inline);
    # its own small thread pool overlaps the waits.
    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(handle, items))


def median_time(run, repeats=3):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


if __name__ == "__main__":
    cores = (
        len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count()
    )
    procs = max(2, cores)
    batches = [
        list(range(b * THREADS, (b + 1) * THREADS)) for b in range(procs)
    ]
    items = [i for batch in batches for i in batch]
    cpu = median_time(parse, repeats=5)
    print(
        f"Python {platform.python_version()}, {cores} usable cores, "
        f"start method {multiprocessing.get_start_method()}"
    )
    print(
        f"{len(items)} requests in {len(batches)} batches, "
        f"each {WAIT * 1000:.0f} ms waiting "
        f"+ {cpu * 1000:.0f} ms computing; median of 3 runs\n"
    )

    with ProcessPoolExecutor(procs) as pool:
        # warm-up: start the workers
        list(pool.map(handle_batch, batches, [1] * len(batches)))
        runs = {
            "serial": lambda: handle_batch(items, 1),
            f"{procs * THREADS} threads, 1 process": lambda: handle_batch(
                items, procs * THREADS
            ),
            f"{procs} processes, 1 thread each": lambda: list(
                pool.map(handle_batch, batches, [1] * len(batches))
            ),
            f"{procs} processes x {THREADS} threads": lambda: list(
                pool.map(handle_batch, batches, [THREADS] * len(batches))
            ),
        }
        times = {label: median_time(run) for label, run in runs.items()}
    for label, t in times.items():
        print(f"{label:28} {t:5.2f} s   speedup {times['serial'] / t:4.1f}x")
