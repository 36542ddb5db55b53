"""Pure-Python CPU work on 2 threads takes as long as doing it twice on one."""

# /// example
# timing_sensitive = true
# ///

import os
import platform
import statistics
import sys
import threading
import time

N = 1_500_000  # one task: about a tenth of a second of pure-Python arithmetic


def task():
    total = 0
    for i in range(N):
        total += i * i % 7
    return total


def serial():
    task()
    task()


def two_threads():
    threads = [threading.Thread(target=task) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def seconds(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


if __name__ == "__main__":
    cores = (
        len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count()
    )
    # 3.13+; before, always on
    gil = getattr(sys, "_is_gil_enabled", lambda: True)()
    print(
        f"Python {platform.python_version()}, "
        f"{cores} usable cores, GIL {'on' if gil else 'off'}"
    )
    task()  # warm-up
    times = {"serial": [], "threads": []}
    for _ in range(3):  # alternate, so a busy moment on the machine hits both
        times["serial"].append(seconds(serial))
        times["threads"].append(seconds(two_threads))
    one, two = (
        statistics.median(times["serial"]),
        statistics.median(times["threads"]),
    )
    print("2 tasks, median of 3 runs")
    print(f"one thread, one after the other  {one:5.2f} s")
    print(
        "two threads at once              "
        f"{two:5.2f} s   speedup {one / two:4.2f}x"
    )
