"""Queue: many producers, one consumer, a sentinel each.

Pipe: two ends, one on each side.
"""

import multiprocessing
import queue

PRODUCERS = 3
ITEMS = 5
DONE = None  # the sentinel: "this producer has nothing more to send"


def produce(name, q):
    for i in range(ITEMS):
        q.put((name, i))
    q.put(DONE)


def echo(conn):
    # The child's end of the pipe:
    # answer every message until the sentinel arrives.
    while (message := conn.recv()) is not DONE:
        conn.send(message.upper())
    conn.close()


if __name__ == "__main__":
    q = multiprocessing.Queue()
    producers = [
        multiprocessing.Process(target=produce, args=(f"p{n}", q))
        for n in range(PRODUCERS)
    ]
    for p in producers:
        p.start()
    received, finished = {}, 0
    # one sentinel per producer, or the loop would stop early
    while finished < PRODUCERS:
        item = q.get(timeout=10)
        if item is DONE:
            finished += 1
        else:
            received.setdefault(item[0], []).append(item[1])
    for p in producers:
        p.join(timeout=10)
    counts = {name: len(items) for name, items in sorted(received.items())}
    print(f"queue: {sum(counts.values())} items, per producer {counts}")
    # Producers interleave, but each one's items keep their order
    # (the docs guarantee it).
    in_order = all(items == list(range(ITEMS)) for items in received.values())
    print(
        "queue: each producer's items arrived "
        f"in the order it sent them: {in_order}"
    )
    try:
        q.get(timeout=0.2)
    except queue.Empty:
        # multiprocessing.Queue raises the queue module's Empty
        print(
            "queue: get(timeout=0.2) on the drained queue raised queue.Empty"
        )

    # duplex: both ends send and receive
    parent_end, child_end = multiprocessing.Pipe()
    child = multiprocessing.Process(target=echo, args=(child_end,))
    child.start()
    child_end.close()  # the parent keeps only its own end
    for word in ("ping", "pong"):
        parent_end.send(word)
        # poll() is the pipe's way to wait with a timeout
        if parent_end.poll(timeout=10):
            print(f"pipe:  sent {word!r}, received {parent_end.recv()!r}")
    print(
        "pipe:  poll(timeout=0.2) with nothing sent: "
        f"{parent_end.poll(timeout=0.2)}"
    )
    parent_end.send(DONE)
    child.join(timeout=10)
    print(f"pipe:  child exitcode after the sentinel: {child.exitcode}")
