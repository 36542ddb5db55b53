"""Python 3.14: InterpreterPoolExecutor runs pure-Python CPU work in parallel.

It does so in one process.
"""

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

# The task lives in a module of its own:
# each worker interpreter imports it by name when it unpickles the call;
# a function defined in the script's __main__ is not reliably found.
from _primes import count_primes


def seconds(run):
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


if __name__ == "__main__":
    cores = os.process_cpu_count()
    workers = max(2, cores)
    tasks = [150_000] * workers
    print(f"Python {platform.python_version()}, {cores} usable cores")
    print(
        f"{len(tasks)} tasks of count_primes({tasks[0]:,}), "
        "median of 3 rounds\n"
    )
    expected = [count_primes(n) for n in tasks]
    times = {"serial": [], "threads": [], "interpreters": []}
    # One interpreter per worker thread, each with its own GIL.
    # The function and its arguments are pickled into the worker's interpreter;
    # the result is pickled back.
    with (
        ThreadPoolExecutor(workers) as threads,
        InterpreterPoolExecutor(workers) as interpreters,
    ):
        # starts the workers
        assert list(interpreters.map(count_primes, tasks)) == expected
        # every round times all three: a busy moment hits them alike
        for _ in range(3):
            times["serial"].append(
                seconds(lambda: [count_primes(n) for n in tasks])
            )
            times["threads"].append(
                seconds(lambda: list(threads.map(count_primes, tasks)))
            )
            times["interpreters"].append(
                seconds(lambda: list(interpreters.map(count_primes, tasks)))
            )
    serial, threads, interpreters = (
        statistics.median(t) for t in times.values()
    )
    for label, seconds in (
        ("serial", serial),
        (f"{workers} threads", threads),
        (f"{workers} interpreters", interpreters),
    ):
        print(
            f"{label:16} {seconds:6.2f} s   speedup {serial / seconds:4.2f}x"
        )
