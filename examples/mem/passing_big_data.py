"""Big data reaches a worker pickled, through shared memory, or by fork."""

# /// example
# timing_sensitive = true
# start_methods = []               # the last row needs fork: it asks for it
# platforms = ["linux", "darwin"]  # fork exists only there
# requires = ["psutil"]
# timeout = 120
# ///

import multiprocessing
import os
import pickle
import platform
import statistics
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import shared_memory

import psutil

MIB = 1024 * 1024
SIZE = 64 * MIB
PAGE = 4096
INHERITED = None  # set by the parent before it forks the worker


def read(buffer):
    """Read one byte per page; return their sum and the worker's USS."""
    total = sum(memoryview(buffer)[::PAGE])
    return total, psutil.Process().memory_full_info().uss


def from_argument(data):
    return read(data)  # data arrived pickled: this worker's own copy


def from_shared_memory(name):
    shm = shared_memory.SharedMemory(name=name)  # only the name arrived
    try:
        return read(shm.buf)
    finally:
        shm.close()


def from_fork():
    return read(INHERITED)  # the parent's pages, shared until written


def per_task(ctx, task, *args):
    """Median time from submit() to result(), the worker already started."""
    times = []
    with ProcessPoolExecutor(1, mp_context=ctx) as pool:
        pool.submit(int).result(timeout=60)  # the worker starts here
        for _ in range(5):
            start = time.perf_counter()
            total, uss = pool.submit(task, *args).result(timeout=60)
            times.append(time.perf_counter() - start)
    return len(pickle.dumps(args)), statistics.median(times), uss, total


def show(label, sent, seconds, uss, total):
    print(f"{label:20} {sent:13,} {seconds * 1000:8.1f} {uss / MIB:11.1f}")
    return total


def usable_cores():
    if hasattr(os, "process_cpu_count"):  # 3.13+
        return os.process_cpu_count()
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count()


if __name__ == "__main__":
    default = multiprocessing.get_context()
    print(
        f"Python {platform.python_version()}, {usable_cores()} usable cores, "
        f"start method {default.get_start_method()} (fork for the last row)"
    )
    data = bytes(range(256)) * (SIZE // 256)
    print(f"{SIZE // MIB} MiB of bytes for one worker; median of 5 tasks\n")
    print("the worker gets it   bytes pickled  ms/task  worker USS")
    totals = [show("as an argument", *per_task(default, from_argument, data))]
    shm = shared_memory.SharedMemory(create=True, size=SIZE)
    try:
        shm.buf[:SIZE] = data  # one copy, made once, by the parent
        row = per_task(default, from_shared_memory, shm.name)
        totals.append(show("in shared_memory", *row))
    finally:
        shm.close()
        shm.unlink()
    if "fork" in multiprocessing.get_all_start_methods():
        INHERITED = data  # before the pool forks its worker
        fork = multiprocessing.get_context("fork")
        totals.append(show("inherited by fork", *per_task(fork, from_fork)))
    print(f"\nevery worker read the same bytes: {len(set(totals)) == 1}")
