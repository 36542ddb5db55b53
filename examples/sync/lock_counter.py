"""Four threads add to one counter.

A Lock around each update makes the total exact.
"""

import threading

THREADS, ADDS = 4, 100_000

counter = 0
counter_lock = threading.Lock()


def add_many():
    global counter
    for _ in range(ADDS):
        # Only one thread at a time runs the read-add-write
        # inside the with block.
        # `with` releases the lock even if the body raises.
        with counter_lock:
            counter += 1


if __name__ == "__main__":
    threads = [threading.Thread(target=add_many) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    expected = THREADS * ADDS
    print(
        f"counter = {counter:,} (expected {expected:,}): "
        f"exact = {counter == expected}"
    )
    print(f"lock held after the threads finished: {counter_lock.locked()}")
