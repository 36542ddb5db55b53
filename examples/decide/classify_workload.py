"""Is a function CPU-bound or waiting?

Compare the CPU time it used with the wall time it took.
"""

# /// example
# timing_sensitive = true       # a busy machine would lend the loop
#                               # only part of a core
# ///

import time


def waits():
    time.sleep(0.3)  # like a network call: the thread sleeps, the CPU is free


def computes():
    total = 0
    deadline = time.perf_counter() + 0.3
    while time.perf_counter() < deadline:
        total += 1


def classify(func):
    wall, cpu = time.perf_counter(), time.process_time()
    func()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    share = cpu / wall
    kind = (
        "CPU-bound"
        if share > 0.8
        else "I/O-bound (waiting)"
        if share < 0.2
        else "mixed"
    )
    print(
        f"{func.__name__:9} wall {wall:.2f} s  cpu "
        f"{cpu:.2f} s  cpu/wall {share:4.0%}  -> {kind}"
    )


classify(waits)
classify(computes)
