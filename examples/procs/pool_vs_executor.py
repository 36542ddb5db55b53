"""The same job on multiprocessing.Pool and on ProcessPoolExecutor, and where they differ."""

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
    # Under fork, Python 3.12+ warns when a process that has threads forks; the first pool's
    # threads may linger for a moment after it closes. Fork and threads: see start-methods.md.
    warnings.filterwarnings("ignore", "This process .* is multi-threaded", DeprecationWarning)
    print(f"a plain loop         sum of the cubes {sum(cube(n) for n in NUMBERS):,}")
    with multiprocessing.Pool(WORKERS) as pool:
        print(f"Pool.map             sum of the cubes {sum(pool.map(cube, NUMBERS)):,}")
        unordered = list(pool.imap_unordered(cube, NUMBERS))  # in the order they finish
        print(f"Pool.imap_unordered  sum of the cubes {sum(unordered):,}")
        print(f"Pool.starmap         {pool.starmap(power, zip(BASES, EXPONENTS))}")
        print(f"Pool workers are daemons:      {set(pool.map(is_daemon, range(4)))}")
        # The chunk size Pool.map picks, read from a private attribute as a check.
        picked = pool.map_async(cube, NUMBERS)._chunksize
        late = pool.apply_async(time.sleep, (5,))
    # Leaving `with Pool(...)` calls terminate(): the unfinished task is dropped.
    print(f"after the with block, the 5 s task is ready: {late.ready()}")

    with ProcessPoolExecutor(WORKERS) as executor:
        print(f"Executor.map         sum of the cubes {sum(executor.map(cube, NUMBERS)):,}")
        print(f"Executor.map         {list(executor.map(power, BASES, EXPONENTS))}")
        print(f"Executor workers are daemons:  {set(executor.map(is_daemon, range(4)))}")
    # Leaving `with ProcessPoolExecutor(...)` calls shutdown(wait=True): tasks finish first.

    formula = math.ceil(len(NUMBERS) / (4 * WORKERS))
    print(
        f"Pool.map chunksize for {len(NUMBERS)} items on {WORKERS} workers: "
        f"ceil({len(NUMBERS)} / (4 * {WORKERS})) = {formula}, picked {picked}; "
        "Executor.map chunksize: 1"
    )
