"""A child Process sends its result through a Queue.

The parent sees failures as exit codes.
"""

# /// example
# expect_stderr = true  # the failing child prints its own traceback on stderr
# platforms = ["linux", "darwin"]  # exit code -15 is SIGTERM: POSIX only
# ///

import multiprocessing
import signal
import time


def square(n, results):
    # The target's return value is thrown away: send the result back instead.
    results.put((multiprocessing.current_process().name, n * n))


def fail():
    raise ValueError("bad input")


def sleep_long():
    time.sleep(60)


if __name__ == "__main__":
    results = multiprocessing.Queue()
    child = multiprocessing.Process(
        target=square, args=(7, results), name="squarer"
    )
    print(
        "before start():   "
        f"alive={child.is_alive()}, exitcode={child.exitcode}"
    )
    child.start()
    # get() before join(): see queue_join_deadlock.py
    name, value = results.get(timeout=10)
    child.join(timeout=10)
    print(
        f"child {name!r} sent {value}; after join(): exitcode={child.exitcode}"
    )

    failing = multiprocessing.Process(target=fail)
    failing.start()
    failing.join(timeout=10)
    # Nothing is raised in the parent:
    # the child printed its traceback and exited with 1.
    print(f"{failing.name} raised ValueError: exitcode={failing.exitcode}")

    stuck = multiprocessing.Process(target=sleep_long)
    stuck.start()
    stuck.terminate()  # SIGTERM on POSIX
    stuck.join(timeout=10)
    signame = signal.Signals(-stuck.exitcode).name
    print(
        f"{stuck.name} was terminated: exitcode={stuck.exitcode} (-{signame})"
    )
