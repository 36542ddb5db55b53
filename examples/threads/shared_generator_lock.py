"""Threads sharing a generator get "generator already executing".

A lock around next() fixes it.
"""

# /// example
# volatile = [  # varies from run to run (see example_runner/shapes.py)
#     '\d+ errors',
# ]
# ///

import threading
import time

ITEMS, THREADS = 40, 4


def read_records(n):
    for i in range(n):
        # like reading the next line of a file: other threads run meanwhile
        time.sleep(0.001)
        yield i


class LockedIterator:
    """Several threads take items from one iterator, one next() at a time."""

    def __init__(self, iterable):
        self._it = iter(iterable)
        self._lock = threading.Lock()

    def __iter__(self):
        return self

    def __next__(self):
        with self._lock:
            return next(self._it)


def consume(source, got, errors):
    while True:
        try:
            item = next(source)
        except StopIteration:
            return
        except ValueError as exc:
            # another thread is inside the generator right now
            errors.append(str(exc))
            time.sleep(0.001)  # then try again
            continue
        got.append(item)


def run(source):
    got, errors = [], []
    threads = [
        threading.Thread(target=consume, args=(source, got, errors))
        for _ in range(THREADS)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return got, errors


if __name__ == "__main__":
    for label, source in [
        ("shared generator", read_records(ITEMS)),
        ("LockedIterator", LockedIterator(read_records(ITEMS))),
    ]:
        got, errors = run(source)
        each_once = sorted(got) == list(range(ITEMS))
        example = f', e.g. ValueError("{errors[0]}")' if errors else ""
        print(f"{label}: {len(got)} of {ITEMS} items, each once: {each_once}")
        print(f"{label}: {len(errors)} errors{example}")
