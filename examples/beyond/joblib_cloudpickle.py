"""joblib's workers run closures and lambdas; ProcessPoolExecutor's cannot."""

# /// example
# requires = ["joblib"]
# ///

from concurrent.futures import ProcessPoolExecutor

from joblib import Parallel, delayed


def make_scaler(factor):
    def scale(x):  # a closure: built at run time, not importable by name
        return x * factor

    return scale


if __name__ == "__main__":
    functions = {
        "a closure": make_scaler(3),
        "a lambda": lambda x: x + 100,  # as typed at a REPL prompt
    }
    # pickle sends a function by name, for the worker to import; these two
    # have no importable name.
    with ProcessPoolExecutor(max_workers=2) as pool:
        for what, fn in functions.items():
            try:
                results = list(pool.map(fn, range(4), timeout=30))
            except Exception as exc:
                results = f"{type(exc).__name__}: {exc}"
            print(f"ProcessPoolExecutor, {what}: {results}")
    # cloudpickle, which joblib's loky backend uses, sends the function's code
    # and the values it closes over (factor=3) instead.
    for what, fn in functions.items():
        results = Parallel(n_jobs=2, timeout=30)(
            delayed(fn)(x) for x in range(4)
        )
        print(f"joblib (loky), {what}: {results}")
