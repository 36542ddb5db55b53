"""join() before draining a Queue can deadlock.

A child that put more than the pipe holds cannot exit.
"""

import multiprocessing

TIMEOUT = 2  # seconds: without it, the first join() below would wait forever


def send(q, size):
    # returns at once: a feeder thread writes it into the pipe later
    q.put(b"x" * size)
    # On exit the child waits for that thread,
    # which waits for room in the pipe.


def attempt(size, label):
    q = multiprocessing.Queue()
    child = multiprocessing.Process(target=send, args=(q, size))
    child.start()
    child.join(timeout=TIMEOUT)  # the mistake: join first, get later
    stuck = child.is_alive()
    print(
        f"{label}: after join(timeout={TIMEOUT}): "
        f"alive={stuck}, exitcode={child.exitcode}"
    )
    data = q.get(timeout=10)  # draining the pipe lets the child finish
    child.join(timeout=10)
    print(
        f"{label}: after get() ({len(data):,} bytes) and join(): "
        f"alive={child.is_alive()}, exitcode={child.exitcode}"
    )


if __name__ == "__main__":
    attempt(1024, "1 KiB payload")  # fits in the pipe's buffer: the bug hides
    attempt(1024 * 1024, "1 MiB payload")  # does not fit: join() cannot return
    print("the fix: get() everything the child sends, then join()")
