"""Value and Array: `v.value += 1` in several processes loses updates.

Holding get_lock() around it prevents that.
"""

# /// example
# timing_sensitive = true   # updates are lost only while processes
#                           # really overlap on cores
# volatile = [  # varies from run to run (see example_runner/shapes.py)
#     'no lock +[\d,]+ of [\d,]+ +lost +[\d,]+',
# ]
# ///

import multiprocessing

PROCESSES = 4
ADDS = 40_000  # per process


def add_unlocked(counter, start):
    # all processes begin together, so their loops overlap
    start.wait(timeout=10)
    for _ in range(ADDS):
        # a read, then a write: two steps, each locked on its own
        counter.value += 1


def add_locked(counter, start):
    start.wait(timeout=10)
    for _ in range(ADDS):
        with counter.get_lock():  # one lock held around the read and the write
            counter.value += 1


def add_own_slot(slots, index, start):
    start.wait(timeout=10)
    for _ in range(ADDS):
        slots[index] += 1  # no other process writes this slot: nothing to lose


def run(target, args_of):
    start = multiprocessing.Event()
    procs = [
        multiprocessing.Process(target=target, args=(*args_of(n), start))
        for n in range(PROCESSES)
    ]
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join(timeout=30)


def report(label, total):
    expected = PROCESSES * ADDS
    print(
        f"{label:26} {total:>7,} of {expected:,}   lost {expected - total:>7,}"
    )


if __name__ == "__main__":
    for target, label in (
        (add_unlocked, "Value, no lock"),
        (add_locked, "Value, with get_lock()"),
    ):
        # a C int in shared memory, with a lock
        counter = multiprocessing.Value("i", 0)
        run(target, lambda n: (counter,))
        report(label, counter.value)

    # one slot per process, summed at the end
    slots = multiprocessing.Array("i", PROCESSES)
    run(add_own_slot, lambda n: (slots, n))
    report("Array, one slot per child", sum(slots))
