"""shutdown(cancel_futures=True) drops queued tasks; running ones finish."""

# /// example
# volatile = [  # varies from run to run (see example_runner/shapes.py)
#     '\d+ queued, \d+ running',
#     '\d+ cancelled, \d+ finished',
# ]
# ///

import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

TASKS = 8


def task(seconds):
    time.sleep(seconds)
    return "finished"


def states(futures):
    counts = Counter(
        "running" if f.running() else "done" if f.done() else "queued"
        for f in futures
    )
    return ", ".join(f"{n} {state}" for state, n in sorted(counts.items()))


def ended(futures):
    counts = Counter(
        "cancelled" if f.cancelled() else f.result() for f in futures
    )
    return ", ".join(f"{n} {how}" for how, n in sorted(counts.items()))


def demo(pool_class, cancel_futures):
    pool = pool_class(max_workers=2)
    pool.submit(task, 0).result(timeout=30)  # the workers are up
    futures = [pool.submit(task, 0.5) for _ in range(TASKS)]
    time.sleep(0.2)  # the first two tasks are running
    before = states(futures)
    start = time.perf_counter()
    pool.shutdown(wait=True, cancel_futures=cancel_futures)
    took = time.perf_counter() - start
    print(f"{pool_class.__name__}, cancel_futures={cancel_futures}")
    print(f"  at shutdown:  {before}")
    print(f"  afterwards:   {ended(futures)}")
    print(f"  shutdown() returned after {took:.1f} s")


if __name__ == "__main__":
    print(f"{TASKS} tasks of 0.5 s on 2 workers; shutdown after 0.2 s\n")
    for pool_class in (ThreadPoolExecutor, ProcessPoolExecutor):
        for cancel_futures in (False, True):
            demo(pool_class, cancel_futures)
