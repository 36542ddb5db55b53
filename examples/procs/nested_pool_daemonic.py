"""A Pool inside a Pool worker fails: its workers are daemonic.

Nested executors work.
"""

import multiprocessing
import warnings
from concurrent.futures import ProcessPoolExecutor


def square(n):
    return n * n


def pool_in_pool_worker(numbers):
    with multiprocessing.Pool(2) as inner:  # raises: this process is a daemon
        return inner.map(square, numbers)


def executor_in_executor_worker(numbers):
    with ProcessPoolExecutor(2) as inner:
        return list(inner.map(square, numbers))


if __name__ == "__main__":
    # Under fork, Python 3.12+ warns when a process that has threads forks;
    # the first pool's threads may linger for a moment after it closes.
    # Fork and threads: see start-methods.md.
    warnings.filterwarnings(
        "ignore", "This process .* is multi-threaded", DeprecationWarning
    )
    with multiprocessing.Pool(1) as outer:
        result = outer.apply_async(pool_in_pool_worker, ([1, 2, 3],))
        try:
            print(f"Pool in a Pool worker:         {result.get(timeout=30)}")
        except AssertionError as exc:
            # raised in the worker, re-raised here by get()
            print(
                f"Pool in a Pool worker:         {type(exc).__name__}: {exc}"
            )
        # Let the worker exit normally,
        # so it removes the named semaphores the failed inner Pool had created
        # (leaving the block would terminate() it first).
        outer.close()
        outer.join()

    with ProcessPoolExecutor(1) as outer:
        future = outer.submit(executor_in_executor_worker, [1, 2, 3])
        print(f"Executor in an Executor worker: {future.result(timeout=30)}")
