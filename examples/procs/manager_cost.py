"""Each operation on a Manager dict is a round trip to the manager's process.

Here it is timed per call.
"""

# /// example
# timing_sensitive = true
# ///

import multiprocessing
import os
import platform
import statistics
import time

OPS = 2_000


def per_call_us(operation):
    """Median over 5 runs of OPS calls, in microseconds per call."""
    times = []
    for _ in range(5):
        start = time.perf_counter()
        for i in range(OPS):
            operation(i)
        times.append((time.perf_counter() - start) / OPS * 1e6)
    return statistics.median(times)


def queue_round_trip(q):
    def op(i):
        q.put(i)
        q.get(timeout=10)  # through the queue's feeder thread and its pipe

    return op


if __name__ == "__main__":
    cores = (
        len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count()
    )
    print(
        f"Python {platform.python_version()}, {cores} usable cores, "
        f"start method {multiprocessing.get_start_method()}"
    )
    print(f"{OPS:,} calls each, median of 5 runs\n")

    plain = {}
    batch = {k: k for k in range(100)}
    times = {
        "dict, d[k] = v": per_call_us(lambda i: plain.__setitem__(i % 100, i))
    }
    # starts the manager's server process
    with multiprocessing.Manager() as manager:
        shared = manager.dict()
        # warm-up: the connection to the server is made on first use
        shared[0] = 0
        times["Manager dict, d[k] = v"] = per_call_us(
            lambda i: shared.__setitem__(i % 100, i)
        )
        times["Manager dict, d[k]"] = per_call_us(lambda i: shared[i % 100])
        # One call, one round trip, shared by all the keys of the batch.
        per_key = per_call_us(lambda i: shared.update(batch)) / len(batch)
        times[f"Manager dict, update() of {len(batch)} keys, per key"] = (
            per_key
        )
    q = multiprocessing.Queue()
    times["Queue, put() then get()"] = per_call_us(queue_round_trip(q))
    q.close()
    q.join_thread()

    base = times["dict, d[k] = v"]
    for label, us in times.items():
        print(f"{label:42} {us:9.3f} µs   {us / base:6,.0f}x the dict")
