"""Python 3.13's Queue.shutdown() stops consumers without sentinels.

They stop after draining the queue.
"""

# /// example
# requires_python = "3.13"
# ///

import queue
import threading
import time


def consume(q, name, log):
    while True:
        try:
            # after shutdown(), get() drains what is left, then raises ShutDown
            item = q.get()
        except queue.ShutDown:
            log.append(f"{name}: queue.ShutDown, stopping")
            return
        time.sleep(0.001)
        log.append(f"{name}: item {item}")


if __name__ == "__main__":
    q = queue.Queue()
    log = []
    consumers = [
        threading.Thread(target=consume, args=(q, f"c{i}", log))
        for i in range(2)
    ]
    for t in consumers:
        t.start()
    for i in range(6):
        q.put(i)
    # no more puts; waiting get() calls wake up once the queue is empty
    q.shutdown()
    for t in consumers:
        t.join()
    items = sorted(
        int(line.rsplit(" ", 1)[1]) for line in log if "item" in line
    )
    print(f"items handled: {items}")
    print(
        "consumers that saw ShutDown: "
        f"{sum('ShutDown' in line for line in log)}"
    )
    try:
        q.put(99)
    except queue.ShutDown:
        print("put() after shutdown(): queue.ShutDown")
    q2 = queue.Queue()
    q2.put("lost")
    q2.shutdown(immediate=True)  # immediate: pending items are dropped
    print(f"shutdown(immediate=True): qsize = {q2.qsize()}")
