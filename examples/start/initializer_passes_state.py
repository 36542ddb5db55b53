"""Pass the parent's settings to each worker with initializer=.

It works under every start method.
"""

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

# the defaults, as importing this module sets them
SETTINGS = {"units": "metres"}
worker_settings = None  # set in each worker process by configure()


# runs once in each worker process, before its first task
def configure(settings):
    global worker_settings
    worker_settings = settings


def from_global(length):  # relies on the parent's global reaching the worker
    return f"{length} {SETTINGS['units']}"


def from_initializer(length):  # uses what the initializer received
    return f"{length} {worker_settings['units']}"


if __name__ == "__main__":
    # the parent's configuration, e.g. from the command line
    SETTINGS = {"units": "feet"}
    print(f"start method: {multiprocessing.get_start_method()}")
    print(f"parent's settings: {SETTINGS}")

    # initargs are pickled and sent to each worker when it starts
    # (fork: inherited).
    with ProcessPoolExecutor(
        max_workers=2, initializer=configure, initargs=(SETTINGS,)
    ) as pool:
        print(
            "relying on the global:     "
            f"{list(pool.map(from_global, [2, 3], timeout=20))}"
        )
        print(
            "passed with initializer=:  "
            f"{list(pool.map(from_initializer, [2, 3], timeout=20))}"
        )
