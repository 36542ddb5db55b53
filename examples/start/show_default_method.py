"""Which start method this Python uses by default, and which ones the platform offers."""

# /// example
# start_methods = []             # the default is the point: impose none
# ///

import multiprocessing
import platform
import sys
from concurrent.futures import ProcessPoolExecutor

if __name__ == "__main__":
    print(f"Python {platform.python_version()} on {platform.system()} ({sys.platform})")
    # Without allow_none=True, get_start_method() also fixes the default for this program.
    print(f"multiprocessing default start method: {multiprocessing.get_start_method()}")
    print(f"start methods available here:         {multiprocessing.get_all_start_methods()}")

    # No worker starts until the first submit(); _mp_context is private, fine for a look.
    with ProcessPoolExecutor() as pool:
        print(f"ProcessPoolExecutor() start method:   {pool._mp_context.get_start_method()}")
