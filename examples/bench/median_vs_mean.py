"""30 timings of a function, alone and beside a busy thread.

The median holds, the mean moves.
"""

# /// example
# timing_sensitive = true
# ///

import os
import platform
import statistics
import threading
import time


def job():
    # A millisecond or two of pure-Python work; the same work every call.
    return sorted(str(i * 7919 % 10_007) for i in range(5_000))


def busy_neighbour(stop):
    # A periodic background task (a metrics reporter, a cache refresher):
    # now and then it wants the GIL for a short burst of Python work,
    # and job() has to wait for it.
    while not stop.wait(0.01):
        deadline = time.perf_counter() + 0.002
        while time.perf_counter() < deadline:
            pass


def timings(runs=30):
    job()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        job()
        times.append((time.perf_counter() - start) * 1000)  # milliseconds
    return sorted(times)


if __name__ == "__main__":
    cores = (
        len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count()
    )
    print(f"Python {platform.python_version()}, {cores} usable cores")
    print("30 timings of job() each way, in ms\n")
    quiet = timings()
    stop = threading.Event()
    neighbour = threading.Thread(target=busy_neighbour, args=(stop,))
    neighbour.start()
    try:
        busy = timings()
    finally:
        stop.set()
        neighbour.join(timeout=5)
    print(f"{'':20} {'min':>7} {'median':>7} {'mean':>7} {'max':>7}")
    for name, times in (("alone", quiet), ("beside a busy thread", busy)):
        row = (
            times[0],
            statistics.median(times),
            statistics.mean(times),
            times[-1],
        )
        print(f"{name:20} " + " ".join(f"{value:7.3f}" for value in row))
