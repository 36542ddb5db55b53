"""set_start_method() works once per program.

A library should use get_context() instead.
"""

# /// example
# start_methods = []             # setting the start method is the point:
#                                # impose none
# compare = ["3.13", "3.15"]     # 3.14 stopped other contexts fixing it
# ///

import multiprocessing
from concurrent.futures import ProcessPoolExecutor


def square(x):
    return x * x


def library_function(numbers):
    # A library asks for the start method it needs, locally, with a context.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return list(pool.map(square, numbers, timeout=20))


def program_default():
    # None: not fixed yet
    return multiprocessing.get_start_method(allow_none=True)


if __name__ == "__main__":
    print(f"program's start method at first:  {program_default()}")
    print(f"a library ran a spawn pool:       {library_function(range(5))}")
    # 3.14 and 3.15 leave the program's default alone here; 3.13.0 and older
    # fixed it as a side effect of preparing the spawn child.
    print(f"after the library's pool:         {program_default()}")

    # A child started through the default context fixes the default.
    child = multiprocessing.Process(target=square, args=(7,))
    child.start()
    child.join(timeout=20)
    print(f"after a Process() of the program: {program_default()}")

    try:  # the application chooses too late: the method is already fixed
        multiprocessing.set_start_method("spawn")
    except RuntimeError as exc:
        print(f"set_start_method('spawn'):        RuntimeError: {exc}")

    # force=True overrides it for the whole program:
    # an application's last resort.
    multiprocessing.set_start_method("spawn", force=True)
    print(f"after set_start_method('spawn', force=True): {program_default()}")
