"""joblib keeps its worker processes between calls and batches tiny tasks."""

# /// example
# timing_sensitive = true
# timeout = 180
# requires = ["joblib"]
# ///

import multiprocessing
import os
import platform
import statistics
import time
from concurrent.futures import ProcessPoolExecutor

import joblib
from joblib import Parallel, delayed

TINY = 2_000


def square(x):
    return x * x


def which_process(_):
    time.sleep(0.05)
    return os.getpid()


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def joblib_map(fn, items, **options):
    return Parallel(n_jobs=2, timeout=60, **options)(
        delayed(fn)(x) for x in items
    )


def new_pool_map(fn, items):
    with ProcessPoolExecutor(max_workers=2) as pool:
        return list(pool.map(fn, items, timeout=60))


if __name__ == "__main__":
    cores = (
        len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count()
    )
    print(
        f"Python {platform.python_version()}, joblib {joblib.__version__}, "
        f"{cores} usable cores, ProcessPoolExecutor start method "
        f"{multiprocessing.get_start_method()}\n"
    )
    # Process pools first: forking while joblib's threads run would warn.
    fresh, _ = timed(lambda: new_pool_map(which_process, range(4)))
    pool = ProcessPoolExecutor(max_workers=2)
    pool.submit(abs, 0).result(timeout=60)  # start its workers now
    # A new Parallel(...) call finds the workers of the last one still there.
    first, pids = timed(lambda: joblib_map(which_process, range(4)))
    second, more = timed(lambda: joblib_map(which_process, range(4)))
    print("4 tasks of 50 ms on 2 workers:")
    print(f"  a new ProcessPoolExecutor  {fresh:5.2f} s  (starts 2 processes)")
    print(f"  joblib, first call         {first:5.2f} s  (starts its workers)")
    print(
        f"  joblib, second call        {second:5.2f} s  (2 calls, "
        f"{len(set(pids + more))} worker processes in all)\n"
    )

    with pool:
        runs = {
            "ProcessPoolExecutor.map": lambda: list(
                pool.map(square, range(TINY), timeout=60)
            ),
            "joblib, batch_size=1": lambda: joblib_map(
                square, range(TINY), batch_size=1
            ),
            "joblib, automatic batches": lambda: joblib_map(
                square, range(TINY)
            ),
        }
        times = {label: [] for label in runs}
        for _ in range(3):  # rounds: a busy moment hits every run alike
            for label, run in runs.items():
                elapsed, result = timed(run)
                assert result == [x * x for x in range(TINY)]
                times[label].append(elapsed)
    print(f"{TINY:,} tiny tasks, time per task (median of 3):")
    for label, samples in times.items():
        per_task = statistics.median(samples) / TINY * 1e6
        print(f"  {label:27} {per_task:6.0f} us")
