"""gc.freeze() before fork stops the collector, not reading, from copying."""

# /// example
# start_methods = []               # fork is the point: it asks for it
# platforms = ["linux", "darwin"]  # fork exists only there
# requires = ["psutil"]
# timeout = 120
# ///

import gc
import multiprocessing
import os
import platform

import psutil

ITEMS = 1_000_000
MIB = 1024 * 1024


class Point:
    __slots__ = ("x", "y")  # a small object that the collector tracks

    def __init__(self, x, y):
        self.x, self.y = x, y


def uss():
    return psutil.Process().memory_full_info().uss


def collect(points):
    gc.collect()  # a full collection writes to every object it examines


def read(points):
    # Each point visited: a write to its reference count, in its page.
    return sum(point.x for point in points)


def child(task, points, results):
    start = uss()
    task(points)
    results.send(uss() - start)
    results.close()


def copied_by_child(ctx, task, points):
    receive, send = ctx.Pipe(duplex=False)
    worker = ctx.Process(target=child, args=(task, points, send))
    worker.start()
    send.close()  # the parent keeps only the receiving end
    grown = receive.recv() if receive.poll(60) else float("nan")
    worker.join(timeout=60)
    return grown


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
    points = [Point(i % 100, i % 7) for i in range(ITEMS)]
    size = uss() - before
    print(f"the parent builds {ITEMS:,} Points: +{size / MIB:.1f} MiB")
    print("what a fork child copies of them (the growth of its USS):")
    for label, freeze, task in (
        ("gc.collect(), no gc.freeze()", False, collect),
        ("gc.collect(), after gc.freeze()", True, collect),
        ("reads them, after gc.freeze()", True, read),
    ):
        if freeze:  # every tracked object leaves the collector's generations
            gc.freeze()
        grown = copied_by_child(ctx, task, points)
        print(f"  {label:32} {grown / MIB:5.1f} MiB  {grown / size:4.0%}")
    gc.unfreeze()  # back into the oldest generation, collectable again
