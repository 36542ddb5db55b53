"""An Event is a flag threads can wait on.

One set() releases every waiter at once.
"""

import threading
import time

go = threading.Event()
stop = threading.Event()


def runner(name, log):
    go.wait()  # blocks until some thread calls go.set()
    laps = 0
    # wait(timeout) doubles as an interruptible sleep:
    # it returns True as soon as stop is set.
    while not stop.wait(timeout=0.01):
        laps += 1
    log.append(f"{name} saw stop after {laps} laps")


if __name__ == "__main__":
    log = []
    threads = [
        threading.Thread(target=runner, args=(f"runner-{i}", log))
        for i in range(3)
    ]
    for t in threads:
        t.start()
    time.sleep(0.1)
    waiting = sum(t.is_alive() for t in threads)
    print(f"before set(): {waiting} threads waiting, is_set = {go.is_set()}")
    go.set()
    time.sleep(0.1)
    stop.set()  # ask every runner to finish; none is killed from outside
    for t in threads:
        t.join()
    for line in sorted(log):
        print(line)
    print(f"go.wait(timeout=0.1) when already set -> {go.wait(timeout=0.1)}")
    go.clear()
    print(f"go.wait(timeout=0.1) after clear() -> {go.wait(timeout=0.1)}")
