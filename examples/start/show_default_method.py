"""Which start method this Python uses by default.

Also which ones the platform offers.
"""

# /// example
# start_methods = []             # the default is the point: impose none
# compare = ["3.13", "3.15"]     # 3.14 changed the default on Linux
# ///

import multiprocessing
import platform
import sys
from concurrent.futures import ProcessPoolExecutor

if __name__ == "__main__":
    print(
        f"Python {platform.python_version()} "
        f"on {platform.system()} ({sys.platform})"
    )
    # Without allow_none=True, get_start_method() also fixes the
    # default for this program.
    print(
        "multiprocessing default start method: "
        f"{multiprocessing.get_start_method()}"
    )
    print(
        "start methods available here:         "
        f"{multiprocessing.get_all_start_methods()}"
    )

    # No worker starts until the first submit();
    # _mp_context is private, fine for a look.
    with ProcessPoolExecutor() as pool:
        print(
            "ProcessPoolExecutor() start method:   "
            f"{pool._mp_context.get_start_method()}"
        )
