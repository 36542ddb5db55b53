"""Lambdas and nested functions cannot be pickled.

Pools refuse them, even under fork.
"""

# /// example
# start_methods = []             # it picks each start method itself
# platforms = ["linux", "darwin"]  # uses fork; Windows has only spawn
# ///

import functools
import multiprocessing
from concurrent.futures import ProcessPoolExecutor


def power(x, exponent):  # module level: pickled by its name, "__main__.power"
    return x**exponent


def error_line(exc):
    return f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


def make_nested():
    # a nested function: its name, "make_nested.<locals>.cube",
    # cannot be imported
    def cube(x):
        return x**3

    return cube


if __name__ == "__main__":
    # 1. Process(target=...): only spawn and forkserver pickle the target.
    for method in ("fork", "spawn", "forkserver"):
        child = multiprocessing.get_context(method).Process(
            target=lambda: None
        )
        try:
            child.start()
            child.join(timeout=10)
            print(
                f"Process(target=lambda) under {method:<10}: "
                f"ran, exit code {child.exitcode}"
            )
        except Exception as exc:
            print(
                f"Process(target=lambda) under {method:<10}: {error_line(exc)}"
            )

    # 2. A pool pickles every task, whatever the start method: even under fork.
    fork = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=1, mp_context=fork) as pool:
        for label, func in [
            ("lambda", lambda x: x * x),
            ("nested function", make_nested()),
        ]:
            try:
                print(list(pool.map(func, range(5), timeout=20)))
            except Exception as exc:
                print(f"pool.map({label}) under fork: {error_line(exc)}")

    # 3. The fix: a module-level function; functools.partial fixes its
    #    other arguments.
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as pool:
        squares = list(
            pool.map(
                functools.partial(power, exponent=2), range(5), timeout=20
            )
        )
        print(f"pool.map(partial(power, exponent=2)) under spawn: {squares}")
