"""Python 3.14: InterpreterPoolExecutor runs pure-Python CPU work in parallel, in one process."""

# /// example
# requires_python = "3.14"
# timing_sensitive = true
# timeout = 120
# ///

import os
import platform
import statistics
import time
from concurrent.futures import InterpreterPoolExecutor, ThreadPoolExecutor

# The task lives in a module of its own: each worker interpreter imports it by name when it
# unpickles the call; a function defined in the script's __main__ is not reliably found.
from _primes import count_primes


def median_time(run, repeats=3):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


if __name__ == "__main__":
    cores = os.process_cpu_count()
    workers = max(2, cores)
    tasks = [150_000] * workers
    print(f"Python {platform.python_version()}, {cores} usable cores")
    print(f"{len(tasks)} tasks of count_primes({tasks[0]:,}), median of 3 runs\n")

    expected = [count_primes(n) for n in tasks]
    serial = median_time(lambda: [count_primes(n) for n in tasks])
    with ThreadPoolExecutor(workers) as pool:
        threads = median_time(lambda: list(pool.map(count_primes, tasks)))
    # One interpreter per worker thread, each with its own GIL. The function and its
    # arguments are pickled into the worker's interpreter; the result is pickled back.
    with InterpreterPoolExecutor(workers) as pool:
        assert list(pool.map(count_primes, tasks)) == expected  # also starts every worker
        interpreters = median_time(lambda: list(pool.map(count_primes, tasks)))

    for label, seconds in (
        ("serial", serial),
        (f"{workers} threads", threads),
        (f"{workers} interpreters", interpreters),
    ):
        print(f"{label:16} {seconds:6.2f} s   speedup {serial / seconds:4.2f}x")
