"""Two CPU-bound threads take turns holding the GIL.

The switch interval sets a turn's length.
"""

# /// example
# timing_sensitive = true
# volatile = [  # varies from run to run (see example_runner/shapes.py)
#     'changed hands +\d+ times',
# ]
# ///

import platform
import sys
import threading
import time

DURATION = 0.3  # seconds of spinning per measurement


def spin(name, owner, handoffs, deadline):
    """Pure-Python loop.

    Count the moments this thread finds the other one ran last.
    """
    while time.perf_counter() < deadline:
        # the other thread ran since our last look: a hand-off
        if owner[0] != name:
            owner[0] = name
            # each thread counts in its own slot: no shared counter
            handoffs[name] += 1


def measure(interval):
    sys.setswitchinterval(interval)
    owner, handoffs = ["main"], {"main": 0, "worker": 0}
    deadline = time.perf_counter() + DURATION
    worker = threading.Thread(
        target=spin, args=("worker", owner, handoffs, deadline)
    )
    worker.start()
    # the main thread competes with the worker
    spin("main", owner, handoffs, deadline)
    worker.join()
    return sum(handoffs.values())


if __name__ == "__main__":
    default = sys.getswitchinterval()
    print(
        f"Python {platform.python_version()}, "
        f"sys.getswitchinterval() = {default} s"
    )
    for interval in (default, 0.001):
        turns = measure(interval)
        print(
            f"switch interval {interval * 1000:3.0f} ms: "
            f"the GIL changed hands {turns:4} times in {DURATION} s, "
            f"one turn lasted {DURATION * 1000 / turns:4.1f} ms on average"
        )
    sys.setswitchinterval(default)
