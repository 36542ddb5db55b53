"""A fork child that only reads Python objects copies the pages they are in."""

# /// example
# start_methods = []               # fork is the point: it asks for it
# platforms = ["linux", "darwin"]  # fork exists only there
# requires = ["psutil"]
# timeout = 120
# ///

import multiprocessing
import os
import platform

import psutil

ITEMS = 500_000
MIB = 1024 * 1024


def uss():
    return psutil.Process().memory_full_info().uss


def reader(items, results):
    start = uss()
    found = 0
    # Nothing is changed, but each step takes a reference to the item and
    # drops it: two writes to its reference count, in the page it is in.
    for item in items:
        found += item.count(item[:1])  # reads every character
    results.send((start, uss(), found))
    results.close()


def child_reads(ctx, items, size):
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=reader, args=(items, send))
    child.start()
    send.close()  # the parent keeps only the receiving end
    start, end, _ = receive.recv() if receive.poll(60) else (0, 0, 0)
    child.join(timeout=60)
    copied = end - start
    print(f"  right after fork  {start / MIB:6.1f}")
    print(
        f"  after reading     {end / MIB:6.1f}   copied "
        f"{copied / MIB:.1f} MiB, {copied / size:.0%} of the data"
    )


def usable_cores():
    if hasattr(os, "process_cpu_count"):  # 3.13+
        return os.process_cpu_count()
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count()


if __name__ == "__main__":
    ctx = multiprocessing.get_context("fork")
    print(
        f"Python {platform.python_version()}, {usable_cores()} usable cores, "
        f"start method {ctx.get_start_method()}"
    )
    before = uss()
    strings = [f"{i:0100}" for i in range(ITEMS)]  # small objects, many
    size = uss() - before
    what = f"{ITEMS:,} strings of 100 characters"
    print(f"the parent builds {what}: +{size / MIB:.1f} MiB")
    print("a fork child reads every character of every string; its USS, MiB:")
    child_reads(ctx, strings, size)
    del strings
    blob = b"0" * size  # one object of the same size
    print("a fork child reads every byte of one bytes object that size:")
    child_reads(ctx, [blob], size)
