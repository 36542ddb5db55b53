"""list.append is atomic in CPython.

A read, a call, then a write is not, and loses updates.
"""

# /// example
# timing_sensitive = true  # a race:
#                          # how many updates are lost depends on scheduling
# volatile = [  # varies from run to run (see example_runner/shapes.py)
#     'no lock: [\d,]+ of [\d,]+, lost [\d,]+',
# ]
# ///

import threading

THREADS, ADDS = 4, 200_000


def double_check(value):
    # stands for any call: logging, validation, a property getter...
    return value


def append_items(start, items):
    start.wait()
    for i in range(ADDS):
        items.append(i)  # one operation on the list: atomic in CPython


def read_call_write(start, counts, lock):
    start.wait()  # all threads begin together, so they really overlap
    for _ in range(ADDS):
        if lock:
            with lock:
                counts["hits"] = double_check(counts["hits"]) + 1
        else:
            # Read, call, write: another thread can run between the read and
            # the write, and its update is then overwritten with a stale value.
            counts["hits"] = double_check(counts["hits"]) + 1


def run(target, *args):
    start = threading.Barrier(THREADS)
    threads = [
        threading.Thread(target=target, args=(start, *args))
        for _ in range(THREADS)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


if __name__ == "__main__":
    expected = THREADS * ADDS
    items = []
    run(append_items, items)
    print(
        f"list.append from {THREADS} threads: "
        f"{len(items):,} of {expected:,} items kept"
    )
    for label, lock in (("no lock", None), ("with a Lock", threading.Lock())):
        counts = {"hits": 0}
        run(read_call_write, counts, lock)
        lost = expected - counts["hits"]
        hits = counts["hits"]
        print(
            f"d[k] = f(d[k]) + 1, {label}: "
            f"{hits:,} of {expected:,}, lost {lost:,} updates"
        )
