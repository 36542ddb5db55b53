"""Pure-Python CPU work split into ranges: serial vs a ProcessPoolExecutor.

The median of 3 runs is reported.
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

LIMIT = 500_000
# more pieces than cores, so a core that finishes early takes another
PIECES = 16


def count_primes(bounds):
    """Naive trial division: all Python bytecode, so it holds the GIL."""
    low, high = bounds
    return sum(
        all(n % d for d in range(2, int(n**0.5) + 1))
        for n in range(max(low, 2), high)
    )


def serial(pieces):
    return sum(map(count_primes, pieces))


def timed(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - start, result


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
    step = LIMIT // PIECES
    pieces = [(i, i + step) for i in range(0, LIMIT, step)]

    with ProcessPoolExecutor(max_workers=workers) as pool:
        # Workers start on demand:
        # time the first tiny round trip on every worker.
        startup, _ = timed(
            lambda: list(pool.map(count_primes, [(0, 10)] * workers))
        )
        # Alternate serial and pooled runs,
        # so a busy moment on the machine hits both.
        serial_times, pooled_times, results = [], [], set()
        for _ in range(3):
            elapsed, primes = timed(serial, pieces)
            serial_times.append(elapsed)
            elapsed, pooled_primes = timed(
                lambda: sum(pool.map(count_primes, pieces))
            )
            pooled_times.append(elapsed)
            results.add((primes, pooled_primes))
    serial_time = statistics.median(serial_times)
    pooled = statistics.median(pooled_times)
    assert len(results) == 1 and primes == pooled_primes
    print(
        f"{primes:,} primes below {LIMIT:,}, {PIECES} pieces, median of 3 runs"
    )
    print(f"pool start-up     {startup * 1000:6.0f} ms  (paid once per pool)")
    print(f"serial            {serial_time:6.2f} s")
    print(
        f"{workers} processes       {pooled:6.2f} s   "
        f"speedup {serial_time / pooled:4.2f}x"
    )
