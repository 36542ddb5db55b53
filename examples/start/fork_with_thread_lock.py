"""Fork while another thread holds a lock.

The child's copy of the lock is held forever.
"""

# /// example
# start_methods = []             # it picks each start method itself
# platforms = ["linux", "darwin"]  # uses fork; Windows has only spawn
# ///

import multiprocessing
import sys
import threading
import warnings

# each spawn or forkserver child creates its own when it imports this
lock = threading.Lock()


def hold_lock(holding, done):
    with lock:
        holding.set()
        # keeps the lock while the main thread starts children
        done.wait(timeout=30)


def try_lock(results):
    # without a timeout, a fork child would wait forever
    got = lock.acquire(timeout=2)
    results.put(got)


if __name__ == "__main__":
    holding, done = threading.Event(), threading.Event()
    holder = threading.Thread(target=hold_lock, args=(holding, done))
    holder.start()
    holding.wait(timeout=10)

    for method in ("fork", "spawn", "forkserver"):
        context = multiprocessing.get_context(method)
        results = context.Queue()
        child = context.Process(target=try_lock, args=(results,))
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", DeprecationWarning)
            child.start()
        got = results.get(timeout=20)
        child.join(timeout=10)
        print(f"{method:<10} child: lock.acquire(timeout=2) returned {got}")
        # Python 3.12+ warns when it sees threads at fork()
        for warning in caught:
            print(
                f"{'':<10} warning: "
                f"{warning.category.__name__}: {warning.message}"
            )

    done.set()
    holder.join()
    if sys.version_info < (3, 12):
        print(
            "(Python before 3.12 forks a "
            "multi-threaded process without a warning)"
        )
