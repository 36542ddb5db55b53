"""BLAS already uses every core: more processes on top oversubscribe them."""

# /// example
# timing_sensitive = true
# timeout = 120
# requires = ["numpy", "threadpoolctl"]
# start_methods = ["spawn"]  # see the comment on get_context below
# ///

import multiprocessing
import os
import platform
import statistics
import time
from concurrent.futures import ProcessPoolExecutor

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits

SIZE = 300  # small products: BLAS threads must wait for each other often
PRODUCTS = 96
ROUNDS = 5


def blas():
    """What threadpoolctl finds: the BLAS library NumPy loaded, its pool."""
    found = [p for p in threadpool_info() if p["user_api"] == "blas"]
    return found[0] if found else None


def products(count):
    a = np.random.default_rng(count).random((SIZE, SIZE))
    for _ in range(count):
        a @ a  # NumPy hands this to the BLAS library
    return blas()["num_threads"]


def one_blas_thread():  # the pool's initializer: runs first in each worker
    threadpool_limits(limits=1, user_api="blas")  # stays set in the process


if __name__ == "__main__":
    cores = (
        len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count()
    )
    print(
        f"Python {platform.python_version()}, NumPy {np.__version__}, "
        f"{cores} usable cores"
    )
    library = blas()
    if library is None:
        found = [p["internal_api"] for p in threadpool_info()] or "nothing"
        print(
            "skipped: threadpoolctl finds no BLAS library that it can limit "
            f"in this process (it found: {found})"
        )
        raise SystemExit(0)
    print(
        f"BLAS: {library['internal_api']} {library['version']}, a pool of "
        f"{library['num_threads']} threads in each process that loads it"
    )
    n = max(2, cores)
    print(
        f"{PRODUCTS} products of {SIZE}x{SIZE} matrices "
        f"in each of {ROUNDS} rounds"
    )
    # Spawn: forking a process whose BLAS threads run warns (and has hung).
    spawn = multiprocessing.get_context("spawn")
    runs, pools = {}, []
    for workers in 1, n:
        for init in None, one_blas_thread:
            pool = ProcessPoolExecutor(workers, spawn, initializer=init)
            pools.append(pool)
            # Start the workers, and ask each how many threads its BLAS has.
            each = set(pool.map(products, [1] * workers, timeout=60))
            plural = "es" if workers > 1 else ""
            label = f"{workers} process{plural} x {each.pop()} BLAS"
            runs[label] = pool, [PRODUCTS // workers] * workers
    times = {label: [] for label in runs}
    for _ in range(ROUNDS):  # a busy moment hits every arrangement alike
        for label, (pool, counts) in runs.items():
            start = time.perf_counter()
            list(pool.map(products, counts, timeout=60))
            times[label].append(time.perf_counter() - start)
            time.sleep(0.2)  # let that pool's idle BLAS threads stop spinning
    for pool in pools:
        pool.shutdown()
    # Best: what an arrangement can do. Median: what it usually did.
    # BLAS threads that must meet for every product are at the mercy of
    # the scheduler, so for them the two differ.
    print(f"{'':22} {'best':>7} {'median':>9}")
    for label, samples in times.items():
        best, median = min(samples), statistics.median(samples)
        print(f"{label:22} {best:5.3f} s {median:7.3f} s")
