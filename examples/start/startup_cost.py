"""What it costs to start (and join) one process.

Under fork, spawn and forkserver.
"""

# /// example
# timing_sensitive = true
# start_methods = []             # it times each start method itself
# platforms = ["linux", "darwin"]  # uses fork; Windows has only spawn
# ///

import multiprocessing
import os
import platform
import statistics
import time

STARTS = 15  # per method, after one warm-up start


def nothing():
    pass


def start_and_join(context):
    began = time.perf_counter()
    child = context.Process(target=nothing)
    child.start()
    child.join(timeout=30)
    return time.perf_counter() - began


def usable_cores():
    if hasattr(os, "process_cpu_count"):  # 3.13+
        return os.process_cpu_count()
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count()


if __name__ == "__main__":
    print(f"Python {platform.python_version()}, {usable_cores()} usable cores")
    print(
        "start + join of an empty Process: "
        f"the first one, then the median of {STARTS}"
    )
    medians = {}
    for method in ("fork", "spawn", "forkserver"):
        context = multiprocessing.get_context(method)
        # forkserver: includes starting the server
        first = start_and_join(context)
        medians[method] = statistics.median(
            start_and_join(context) for _ in range(STARTS)
        )
        print(
            f"  {method:<10}  first {first * 1000:6.1f} ms   "
            f"then {medians[method] * 1000:6.1f} ms"
        )
    fork, spawn, server = (medians[m] for m in ("fork", "spawn", "forkserver"))
    print(
        f"spawn costs {spawn / fork:.0f}x as much as fork, "
        f"forkserver {server / fork:.0f}x"
    )
