"""The GIL does not make `counter += 1` safe.

A call between read and write loses updates.
"""

# /// example
# volatile = [  # varies from run to run (see example_runner/shapes.py)
#     'made +[\d,]+ increments, counter +[\d,]+',
#     'lost [1-9][\d,]*',
# ]
# ///

import platform
import sys
import threading
import time

# each thread increments for 0.2 s: many switch intervals
THREADS, DURATION = 4, 0.2
counter = 0


def do_nothing():
    pass  # stands for any call: a log line, a check, a property getter...


def add(start, made, i, lock):
    global counter
    start.wait()  # all threads begin together, so they really compete
    deadline = time.perf_counter() + DURATION
    n = 0
    while time.perf_counter() < deadline:
        if lock is None:
            tmp = counter  # read
            do_nothing()  # the interpreter may switch threads here...
            # ...and this write then overwrites their updates
            counter = tmp + 1
        else:
            with lock:  # read, call and write now happen as one step
                tmp = counter
                do_nothing()
                counter = tmp + 1
        n += 1
    made[i] = n  # each thread also counts its own increments, in its own slot


def run(lock):
    global counter
    counter = 0
    start, made = threading.Barrier(THREADS), [0] * THREADS
    threads = [
        threading.Thread(target=add, args=(start, made, i, lock))
        for i in range(THREADS)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(made), counter


if __name__ == "__main__":
    print(
        f"Python {platform.python_version()}, "
        f"switch interval {sys.getswitchinterval()} s"
    )
    print(
        f"{THREADS} threads, "
        f"each incrementing a shared counter for {DURATION} s"
    )
    for label, lock in (
        ("without a lock", None),
        ("with a Lock", threading.Lock()),
    ):
        made, got = run(lock)
        print(
            f"{label + ':':15} made {made:>9,} increments, counter {got:>9,}, "
            f"lost {made - got:,} updates"
        )
