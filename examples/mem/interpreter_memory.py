"""A subinterpreter costs megabytes, and each imports its modules again."""

# /// example
# requires_python = "3.14"
# requires = ["psutil"]
# ///

import os
import platform
import threading
from concurrent import interpreters

import psutil

WORKERS = 4
MIB = 1024 * 1024


def memory():
    """RSS, USS and PSS of this process; PSS is None off Linux."""
    info = psutil.Process().memory_full_info()
    return info.rss, info.uss, getattr(info, "pss", None)


def per_worker(before, after):
    pairs = zip(after, before)
    return [None if a is None else (a - b) / WORKERS for a, b in pairs]


def threads():
    stop = threading.Event()
    workers = []
    before = memory()
    for _ in range(WORKERS):
        workers.append(threading.Thread(target=stop.wait, args=(60,)))
        workers[-1].start()  # waits, idle, for at most 60 s
    grown = per_worker(before, memory())  # the threads are alive and idle
    stop.set()
    for worker in workers:
        worker.join(timeout=60)
    return grown


def show(label, rss, uss, pss):
    pss = "n/a" if pss is None else f"{pss / MIB:7.2f}"
    print(f"{label:24} {rss / MIB:7.2f} {uss / MIB:7.2f} {pss:>7}")


if __name__ == "__main__":
    cores = os.process_cpu_count()  # 3.13+, and this needs 3.14
    print(f"Python {platform.python_version()}, {cores} usable cores")
    print(f"\nin MiB{'RSS':>25} {'USS':>7} {'PSS':>7}")
    show("this process, alone", *memory())
    print(f"per worker, {WORKERS} of each kind:")
    show("thread", *threads())
    before = memory()
    # Each interpreter gets its own sys, builtins and module objects.
    created = [interpreters.create() for _ in range(WORKERS)]
    try:
        after_create = memory()
        show("interpreter", *per_worker(before, after_create))
        for interp in created:
            interp.exec("import json")  # no sharing: each imports its own copy
        show("  then import json in it", *per_worker(after_create, memory()))
    finally:
        for interp in created:
            interp.close()
