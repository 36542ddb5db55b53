"""A small timing harness.

Report the environment, warm up, repeat, keep the median and spread.
"""

# /// example
# timing_sensitive = true
# start_methods = []  # no processes here:
#                     # the header only reports the default start method
# ///

import multiprocessing
import os
import platform
import statistics
import sys
import sysconfig
import time
from concurrent.futures import ThreadPoolExecutor


# --8<-- [start:environment]
# what a reader needs before comparing your numbers with theirs
def print_environment():
    print(
        f"Python        {platform.python_implementation()} "
        f"{platform.python_version()}"
    )
    print(f"platform      {platform.platform()}")
    cores = f"os.cpu_count() {os.cpu_count()}"
    # Linux: the CPUs this process may run on
    if hasattr(os, "sched_getaffinity"):
        cores += f", usable (sched_getaffinity) {len(os.sched_getaffinity(0))}"
    if hasattr(os, "process_cpu_count"):  # Python 3.13+
        cores += f", os.process_cpu_count() {os.process_cpu_count()}"
    print(f"cores         {cores}")
    # allow_none: do not fix it
    method = multiprocessing.get_start_method(allow_none=True)
    if method is None:  # not set: the first one listed is the default
        method = multiprocessing.get_all_start_methods()[0] + " (default)"
    print(f"start method  {method}")
    build = (
        "free-threaded"
        if sysconfig.get_config_var("Py_GIL_DISABLED")
        else "default"
    )
    # 3.13+
    gil_on = sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else True
    print(f"GIL           {build} build, GIL enabled: {gil_on}")
    # --8<-- [end:environment]


# --8<-- [start:measure]
def measure(fn, repeats=5, warmup=1):
    """Time fn() `repeats` times after `warmup` untimed calls.

    Return (median, min, max) in seconds.
    """
    for _ in range(warmup):
        fn()  # first calls pay for imports, caches, thread or process start-up
    times = []
    for _ in range(repeats):
        # a monotonic clock with the best available resolution
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), max(times)
    # --8<-- [end:measure]


def fetch(_):
    # stands in for a network call: the thread waits, the CPU is free
    time.sleep(0.02)


def serial():
    return [fetch(i) for i in range(8)]


def thread_pool():
    # pool start-up is part of the cost
    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(fetch, range(8)))


if __name__ == "__main__":
    print_environment()
    print("\n8 fetches of 0.02 s each; 5 timed runs after 1 warm-up run")
    results = {
        name: measure(fn)
        for name, fn in [("serial", serial), ("thread pool", thread_pool)]
    }
    for name, (median, low, high) in results.items():
        print(
            f"{name:12} median {median:.4f} s   "
            f"min {low:.4f} s   max {high:.4f} s"
        )
    speedup = results["serial"][0] / results["thread pool"][0]
    print(f"speedup (ratio of the medians): {speedup:.1f}x")
