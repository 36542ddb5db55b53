"""print(a, b, c) from many threads can splice lines.

One write() per line, or a lock, cannot.
"""

# /// example
# volatile = [  # varies from run to run (see example_runner/shapes.py)
#     '[1-9]\d* of \d+ lines broken',
# ]
# ///

import contextlib
import io
import re
import sys
import threading

THREADS, LINES = 8, 2000
GOOD_LINE = re.compile(r"t\d+ line \d+")
print_lock = threading.Lock()


def with_print(name):
    for i in range(LINES):
        # writes name, " ", "line", " ", i and "\n" one by one
        print(name, "line", i)


def with_one_write(name):
    for i in range(LINES):
        # the whole line in a single call
        sys.stdout.write(f"{name} line {i}\n")


def with_lock(name):
    for i in range(LINES):
        with print_lock:  # only one thread prints at a time
            print(name, "line", i)


def count_broken(target):
    # An unbuffered text file, like sys.stdout under "python -u": every write()
    # is a system call, and other threads run while it is in progress.
    with open("out.txt", "wb", buffering=0) as raw:
        out = io.TextIOWrapper(raw, write_through=True)
        # Every thread's print() goes to sys.stdout,
        # which is this file while this block runs.
        with contextlib.redirect_stdout(out):
            threads = [
                threading.Thread(target=target, args=(f"t{n}",))
                for n in range(THREADS)
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        out.detach()  # leave closing to the with block
    with open("out.txt") as f:
        lines = f.read().splitlines()
    return sum(not GOOD_LINE.fullmatch(line) for line in lines), len(lines)


if __name__ == "__main__":
    for label, target in [
        ("print(a, b, c)", with_print),
        ("one write() per line", with_one_write),
        ("print() under a lock", with_lock),
    ]:
        broken, total = count_broken(target)
        print(f"{label:<22} {broken:>6} of {total} lines broken")
