"""A global changed in the parent reaches a fork child only.

A child's changes never come back.
"""

# /// example
# start_methods = []             # it picks each start method itself
# platforms = ["linux", "darwin"]  # uses fork; Windows has only spawn
# ///

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

SETTING = "set at import"  # what importing this module produces


def read_and_change():
    global SETTING
    seen = SETTING
    SETTING = "set by a child"  # changes this child's copy only
    return seen


if __name__ == "__main__":
    # set after import, e.g. from the command line
    SETTING = "set by the parent"
    print(f"the parent set SETTING = {SETTING!r}")
    for method in ("fork", "spawn", "forkserver"):
        context = multiprocessing.get_context(method)
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            seen = pool.submit(read_and_change).result(timeout=20)
        print(
            f"{method:<10}  child saw {seen!r:<20}  "
            f"parent has {SETTING!r} afterwards"
        )
