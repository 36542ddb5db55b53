"""Producers put work on a queue.Queue; consumers take it.

One sentinel per consumer stops them.
"""

import queue
import threading
import time

PRODUCERS, CONSUMERS, ITEMS = 2, 3, 10
STOP = object()  # a sentinel: no real item can be this object


def produce(q, pid):
    for i in range(ITEMS):
        # blocks while the queue is full: producers cannot run far ahead
        q.put((pid, i))


def consume(q, done):
    while True:
        item = q.get()
        if item is STOP:
            return
        time.sleep(0.001)  # handling one item
        # list.append is atomic in CPython; no lock needed for this
        done.append(item)


if __name__ == "__main__":
    # bounded: memory stays small however fast the producers are
    q = queue.Queue(maxsize=5)
    done = []
    producers = [
        threading.Thread(target=produce, args=(q, p)) for p in range(PRODUCERS)
    ]
    consumers = [
        threading.Thread(target=consume, args=(q, done))
        for _ in range(CONSUMERS)
    ]
    for t in producers + consumers:
        t.start()
    for t in producers:
        t.join()
    # Every item is in the queue now;
    # the sentinels go in after them, one per consumer.
    for _ in consumers:
        q.put(STOP)
    for t in consumers:
        t.join()
    expected = {(p, i) for p in range(PRODUCERS) for i in range(ITEMS)}
    print(
        f"{PRODUCERS} producers, {CONSUMERS} consumers, "
        f"queue maxsize {q.maxsize}"
    )
    print(
        f"handled {len(done)} items, each exactly once: "
        f"{sorted(done) == sorted(expected)}"
    )
    print(f"consumers still running: {sum(t.is_alive() for t in consumers)}")
