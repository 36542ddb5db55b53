"""A greedy thread re-taking a Lock in a loop starves the others.

A FIFO ticket lock is fair.
"""

# /// example
# timing_sensitive = true
# volatile = [  # varies from run to run (see example_runner/shapes.py)
#     '(?:greedy|polite-\d) \d+',
# ]
# ///

import statistics
import threading
import time

RUN_FOR = 0.5  # seconds per lock


class TicketLock:
    """First come, first served.

    Each acquirer takes a ticket and waits until it is called.
    """

    def __init__(self):
        self._cond = threading.Condition()
        self._next_ticket = self._now_serving = 0

    def __enter__(self):
        with self._cond:
            ticket, self._next_ticket = (
                self._next_ticket,
                self._next_ticket + 1,
            )
            self._cond.wait_for(lambda: self._now_serving == ticket)

    def __exit__(self, *exc):
        with self._cond:
            self._now_serving += 1
            self._cond.notify_all()


def greedy(name, lock, counts, waits, stop):
    while not stop.is_set():
        # releases and re-takes the lock at once, every time round the loop
        with lock:
            counts[name] += 1
            total = 0
            # some pure-Python work while holding the lock
            for i in range(2000):
                total += i


def polite(name, lock, counts, waits, stop):
    while not stop.is_set():
        asked = time.perf_counter()
        with lock:
            waits.append(time.perf_counter() - asked)
            counts[name] += 1
        # does something else before it needs the lock again
        time.sleep(0.0005)


def run(lock):
    counts = dict.fromkeys(["greedy", "polite-1", "polite-2", "polite-3"], 0)
    waits, stop = [], threading.Event()
    threads = [
        threading.Thread(
            target=greedy if name == "greedy" else polite,
            args=(name, lock, counts, waits, stop),
        )
        for name in counts
    ]
    for t in threads:
        t.start()
    time.sleep(RUN_FOR)
    stop.set()
    for t in threads:
        t.join()
    return counts, waits


if __name__ == "__main__":
    for label, lock in (
        ("threading.Lock", threading.Lock()),
        ("TicketLock", TicketLock()),
    ):
        counts, waits = run(lock)
        per_thread = ", ".join(f"{name} {n}" for name, n in counts.items())
        print(f"{label}: acquisitions in {RUN_FOR} s: {per_thread}")
        median_ms, longest_ms = (
            statistics.median(waits) * 1000,
            max(waits) * 1000,
        )
        print(f"{label}: polite threads waited for the lock: ", end="")
        print(f"median {median_ms:.2f} ms, longest {longest_ms:.1f} ms")
