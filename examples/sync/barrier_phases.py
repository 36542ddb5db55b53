"""A Barrier makes every thread finish one phase before any starts the next."""

# /// example
# volatile = [  # varies from run to run (see example_runner/shapes.py)
#     ':t\d',
# ]
# ///

import random
import threading
import time

PARTIES = 3
log = []  # list.append is safe to call from several threads in CPython


def step(name):
    for phase in ("load", "compute", "save"):
        # threads take different times per phase
        time.sleep(random.uniform(0, 0.03))
        log.append((phase, name))
        barrier.wait()  # nobody moves on until all PARTIES threads are here


if __name__ == "__main__":
    barrier = threading.Barrier(
        PARTIES, action=lambda: log.append(("--", "all arrived"))
    )
    threads = [
        threading.Thread(target=step, args=(f"t{i}",)) for i in range(PARTIES)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    line = []
    for phase, name in log:
        # the action ran once per phase, after all threads arrived
        if phase == "--":
            print(f"{' '.join(line)}  -> {name}")
            line = []
        else:
            line.append(f"{phase}:{name}")

    # A Barrier that never fills: wait(timeout=) breaks it instead of hanging.
    lonely = threading.Barrier(2)
    try:
        lonely.wait(timeout=0.1)
    except threading.BrokenBarrierError:
        print(
            "Barrier(2) with one thread: "
            f"BrokenBarrierError, broken = {lonely.broken}"
        )
