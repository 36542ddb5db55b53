"""Readers of a dict updated in place see half-done updates.

With a swapped frozen snapshot they cannot.
"""

# /// example
# timing_sensitive = true  # a race:
#                          # how many reads are torn depends on scheduling
# volatile = [  # varies from run to run (see example_runner/shapes.py)
#     'in place: +[\d,]+ torn',
#     'out of [\d,]+',
# ]
# ///

import threading
import time
import types

RUN_FOR = 0.3  # seconds per variant


def checksum_of(version):
    # stands for any real computation: a call, so other threads may run here
    return version * 7


# invariant: checksum == checksum_of(version)
config = {"version": 0, "checksum": 0}
frozen = types.MappingProxyType({"version": 0, "checksum": 0})


def update_in_place(stop):
    v = 0
    while not stop.is_set():
        v += 1
        # a reader running between these two lines sees a torn config
        config["version"] = v
        config["checksum"] = checksum_of(v)


def swap_snapshot(stop):
    global frozen
    v = 0
    while not stop.is_set():
        v += 1
        # Build the new object completely, then publish it with one assignment.
        frozen = types.MappingProxyType(
            {"version": v, "checksum": checksum_of(v)}
        )


def read(get, torn, reads, stop):
    while not stop.is_set():
        snap = get()  # take one reference, then read only through it
        if snap["checksum"] != checksum_of(snap["version"]):
            torn.append(1)
        reads.append(1)


def run(writer, get):
    torn, reads, stop = [], [], threading.Event()
    threads = [threading.Thread(target=writer, args=(stop,))]
    threads += [
        threading.Thread(target=read, args=(get, torn, reads, stop))
        for _ in range(2)
    ]
    for t in threads:
        t.start()
    time.sleep(RUN_FOR)
    stop.set()
    for t in threads:
        t.join()
    return len(torn), len(reads)


if __name__ == "__main__":
    torn, reads = run(update_in_place, lambda: config)
    print(f"dict updated in place:   {torn:,} torn reads out of {reads:,}")
    torn, reads = run(swap_snapshot, lambda: frozen)
    print(f"frozen snapshot swapped: {torn:,} torn reads out of {reads:,}")
    try:
        frozen["version"] = -1
    except TypeError as exc:
        print(f"writing to the MappingProxyType: TypeError: {exc}")
