"""A worker dies mid-task: Pool waits for its lost task forever.

ProcessPoolExecutor fails fast.
"""

import multiprocessing
import os
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

TIMEOUT = 2  # seconds; without it, the Pool line below would never return


def work(n):
    if n == 3:
        os._exit(1)  # dies at once, like a segfault or the OOM killer
    time.sleep(0.1)
    return n * 10


if __name__ == "__main__":
    # Pool forks the replacement worker from one of its threads;
    # under fork, Python 3.12+ warns about forking a multi-threaded process.
    # That is another topic: silence it here.
    warnings.filterwarnings(
        "ignore", "This process .* is multi-threaded", DeprecationWarning
    )
    pool = multiprocessing.Pool(2)
    start = time.perf_counter()
    try:
        pool.map_async(work, range(6), chunksize=1).get(timeout=TIMEOUT)
    except multiprocessing.TimeoutError as exc:
        waited = time.perf_counter() - start
        # Not the built-in TimeoutError:
        # `except TimeoutError` would not catch it.
        print(
            f"Pool:     {type(exc).__module__}.{type(exc).__name__} "
            f"after {waited:.1f} s "
            f"(a built-in TimeoutError: {isinstance(exc, TimeoutError)})"
        )
    # Pool quietly replaced the dead worker;
    # the task it was running is never finished.
    print(
        "Pool:     live worker processes: "
        f"{len(multiprocessing.active_children())}"
    )
    # close() + join() would wait for the lost task: terminate instead
    pool.terminate()
    pool.join()

    start = time.perf_counter()
    with ProcessPoolExecutor(2) as executor:
        try:
            list(executor.map(work, range(6), timeout=30))
        except BrokenProcessPool as exc:
            waited = time.perf_counter() - start
            print(
                f"Executor: {type(exc).__name__} after {waited:.1f} s: {exc}"
            )
    print(
        f"leftover child processes: {len(multiprocessing.active_children())}"
    )
