"""The same job on multiprocessing.Pool and on ProcessPoolExecutor.

It shows where they differ.
"""

import math
import multiprocessing
import time
import warnings
from concurrent.futures import ProcessPoolExecutor

WORKERS = 2
NUMBERS = list(range(1, 101))
BASES, EXPONENTS = [2, 3, 10], [10, 4, 3]


def cube(n):
    return n**3


def power(base, exponent):
    return base**exponent


def is_daemon(_):
    return multiprocessing.current_process().daemon


if __name__ == "__main__":
    # Under fork, Python 3.12+ warns when a process that has threads forks;
    # the first pool's threads may linger for a moment after it closes.
    # Fork and threads: see start-methods.md.
    warnings.filterwarnings(
        "ignore", "This process .* is multi-threaded", DeprecationWarning
    )
    print(
        "a plain loop         sum of the cubes "
        f"{sum(cube(n) for n in NUMBERS):,}"
    )
    with multiprocessing.Pool(WORKERS) as pool:
        print(
            "Pool.map             sum of the cubes "
            f"{sum(pool.map(cube, NUMBERS)):,}"
        )
        # in the order they finish
        unordered = list(pool.imap_unordered(cube, NUMBERS))
        print(f"Pool.imap_unordered  sum of the cubes {sum(unordered):,}")
        print(
            "Pool.starmap         "
            f"{pool.starmap(power, zip(BASES, EXPONENTS))}"
        )
        print(
            "Pool workers are daemons:      "
            f"{set(pool.map(is_daemon, range(4)))}"
        )
        # The chunk size Pool.map picks,
        # read from a private attribute as a check.
        picked = pool.map_async(cube, NUMBERS)._chunksize
        late = pool.apply_async(time.sleep, (5,))
    # Leaving `with Pool(...)` calls terminate():
    # the unfinished task is dropped.
    print(f"after the with block, the 5 s task is ready: {late.ready()}")

    with ProcessPoolExecutor(WORKERS) as executor:
        print(
            "Executor.map         sum of the cubes "
            f"{sum(executor.map(cube, NUMBERS)):,}"
        )
        print(
            "Executor.map         "
            f"{list(executor.map(power, BASES, EXPONENTS))}"
        )
        print(
            "Executor workers are daemons:  "
            f"{set(executor.map(is_daemon, range(4)))}"
        )
    # Leaving `with ProcessPoolExecutor(...)` calls shutdown(wait=True):
    # tasks finish first.

    formula = math.ceil(len(NUMBERS) / (4 * WORKERS))
    print(
        f"Pool.map chunksize for {len(NUMBERS)} items on {WORKERS} workers: "
        f"ceil({len(NUMBERS)} / (4 * {WORKERS})) = {formula}, "
        f"picked {picked}; Executor.map chunksize: 1"
    )
