"""Pure-Python CPU work on 1 vs 2 threads.

About 1x with a GIL; without one, up to 2x on two free cores.
"""

# /// example
# timing_sensitive = true
# timeout = 120
# compare = ["3.15", "3.15t"]    # the same file, with and without a GIL
# ///

import os
import platform
import statistics
import sys
import sysconfig
import threading
import time

LIMIT = 150_000  # one task: count the primes below this


def count_primes(limit):
    """Naive on purpose: all Python bytecode, nothing releases the GIL."""
    return sum(
        all(n % d for d in range(2, int(n**0.5) + 1)) for n in range(2, limit)
    )


def run_tasks(limits):
    for limit in limits:
        count_primes(limit)


def two_tasks(threads):
    """The same two tasks either way.

    Both on one thread, or one on each of two threads.
    """
    split = [[LIMIT, LIMIT]] if threads == 1 else [[LIMIT], [LIMIT]]
    workers = [
        threading.Thread(target=run_tasks, args=(limits,)) for limits in split
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join()


def median_times(*runs, repeats=5):
    """Median time of each run.

    The runs take turns, so a busy moment hits them alike.
    """
    times = [[] for _ in runs]
    for _ in range(repeats):
        for run, samples in zip(runs, times):
            start = time.perf_counter()
            run()
            samples.append(time.perf_counter() - start)
    return [statistics.median(samples) for samples in times]


if __name__ == "__main__":
    free_threaded = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
    gil_on = getattr(sys, "_is_gil_enabled", lambda: True)()
    cores = (
        len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count()
    )
    build = "free-threaded" if free_threaded else "default (GIL)"
    print(
        f"Python {platform.python_version()}, "
        f"{build} build, GIL {'on' if gil_on else 'off'},"
        f" {cores} usable cores"
    )

    one, two = median_times(
        lambda: two_tasks(threads=1), lambda: two_tasks(threads=2)
    )
    print(f"1 thread   {one:5.2f} s")
    print(f"2 threads  {two:5.2f} s   speedup {one / two:4.2f}x")
    if gil_on:
        print(
            "The GIL is on: one thread runs Python code at a time, "
            "so about 1x is expected."
        )
    else:
        print(
            "The GIL is off: both threads run Python code at once, "
            "on different cores."
        )
