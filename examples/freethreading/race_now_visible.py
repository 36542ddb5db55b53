"""A plain `counter += 1` from four threads.

Often exact with a GIL; without one, expected to come out short.
"""

import platform
import sys
import sysconfig
import threading

THREADS, ROUNDS = 4, 250_000
counter = 0
lock = threading.Lock()


def add_unlocked():
    global counter
    for _ in range(ROUNDS):
        # read, add, write: three steps, and nothing makes them one
        counter += 1


def add_locked():
    global counter
    for _ in range(ROUNDS):
        with lock:  # the lock turns the three steps into one, on every build
            counter += 1


def run(target):
    global counter
    counter = 0
    threads = [threading.Thread(target=target) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return counter


if __name__ == "__main__":
    free_threaded = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
    gil_on = getattr(sys, "_is_gil_enabled", lambda: True)()
    print(
        f"Python {platform.python_version()}, "
        f"{'free-threaded' if free_threaded else 'default (GIL)'} build, "
        f"GIL {'on' if gil_on else 'off'}"
    )
    expected = THREADS * ROUNDS
    for name, target in (("unlocked", add_unlocked), ("locked", add_locked)):
        total = run(target)
        verdict = (
            "exact"
            if total == expected
            else f"lost {expected - total:,} updates"
        )
        print(f"{name:9} {total:>9,} of {expected:,}: {verdict}")
