"""Threads share one generator safely with threading.synchronized_iterator.

It is new in Python 3.15.
"""

# /// example
# requires_python = "3.15"
# ///

import threading
import time

ITEMS, THREADS = 40, 4


# Every generator this function returns is wrapped in
# threading.serialize_iterator, so only one thread at a time runs its body.
@threading.synchronized_iterator
def read_records(n):
    for i in range(n):
        time.sleep(0.001)  # like reading the next line of a file
        yield i


def consume(source, got, errors):
    try:
        for item in source:  # several threads iterate over the same object
            got.append(item)
    except ValueError as exc:
        errors.append(exc)


if __name__ == "__main__":
    source = read_records(ITEMS)
    got, errors = [], []
    threads = [
        threading.Thread(target=consume, args=(source, got, errors))
        for _ in range(THREADS)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(
        f"synchronized_iterator: {len(got)} of {ITEMS} items, each once: "
        f"{sorted(got) == list(range(ITEMS))}"
    )
    print(f"synchronized_iterator: {len(errors)} errors")
