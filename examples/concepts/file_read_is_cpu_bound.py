"""Reading a file the OS has cached is CPU work, as much as a Python loop."""

# /// example
# timing_sensitive = true
# ///

import os
import platform
import time

MIB = 1024 * 1024
SIZE = 256 * MIB
ROUNDS = 8


def read_file(path, buffer):
    with open(path, "rb", buffering=0) as f:
        while f.readinto(buffer):  # one reused buffer: no allocation to time
            pass


def python_loop(path, buffer):
    total = 0
    for i in range(1_000_000):  # pure Python: CPU-bound by construction
        total += i


def clocks(task, *args):
    """Wall time, CPU time, and the CPU time's user/system split."""
    wall, cpu, split = time.perf_counter(), time.process_time(), os.times()
    task(*args)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    user = os.times().user - split.user  # in this program's own code
    system = os.times().system - split.system  # in the kernel, for it
    return wall, cpu, user, system


def usable_cores():
    if hasattr(os, "process_cpu_count"):  # 3.13+
        return os.process_cpu_count()
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count()


if __name__ == "__main__":
    print(f"Python {platform.python_version()}, {usable_cores()} usable cores")
    path = "data.bin"  # in the working directory
    buffer = bytearray(MIB)
    with open(path, "wb") as f:
        for _ in range(SIZE // MIB):
            f.write(buffer)
    read_file(path, buffer)  # after this, every page is in the OS cache
    totals = {read_file: [0.0] * 4, python_loop: [0.0] * 4}
    for _ in range(ROUNDS):  # alternated: a busy moment slows both alike
        for task, total in totals.items():
            for i, seconds in enumerate(clocks(task, path, buffer)):
                total[i] += seconds
    os.remove(path)
    print(f"{ROUNDS} rounds, alternated; in seconds, totals:")
    print(f"{'':27}  wall    cpu cpu/wall   user system")
    for task, label in (
        (read_file, f"read a {SIZE // MIB} MiB cached file"),
        (python_loop, "a pure-Python loop"),
    ):
        wall, cpu, user, system = totals[task]
        # cpu/wall near 100%: busy all along (if it had a core to itself)
        clock = f"{wall:5.2f}  {cpu:5.2f}  {cpu / wall:6.0%}"
        print(f"{label:27} {clock}  {user:5.2f}  {system:5.2f}")
