"""Two threads take two locks in opposite order and deadlock.

One global lock order fixes it.
"""

import threading

TIMEOUT = 0.5  # acquire(timeout=) turns a hang into a report


def transfer(name, first, second, both_hold_first, log):
    with first:
        if both_hold_first:
            # make sure the other thread holds its first lock too
            both_hold_first.wait()
        got = second.acquire(timeout=TIMEOUT)
        if got:
            log.append(f"{name}: got both locks, done")
            second.release()
        else:
            log.append(
                f"{name}: timed out after {TIMEOUT} s "
                "waiting for its second lock"
            )
        if both_hold_first:
            # keep the first lock until the other thread gave up too
            both_hold_first.wait()


def run(order_a, order_b, both_hold_first):
    log = []
    threads = [
        threading.Thread(
            target=transfer, args=("thread-1", *order_a, both_hold_first, log)
        ),
        threading.Thread(
            target=transfer, args=("thread-2", *order_b, both_hold_first, log)
        ),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sorted(log)


if __name__ == "__main__":
    lock_a, lock_b = threading.Lock(), threading.Lock()
    print("opposite order (thread-1: a then b, thread-2: b then a):")
    for line in run((lock_a, lock_b), (lock_b, lock_a), threading.Barrier(2)):
        print(f"  {line}")
    print("=> deadlock: each thread holds the lock the other one needs")

    # The fix: every thread takes the locks in one global order
    # (here: a before b).
    # The barrier is gone, since with one order a thread cannot
    # hold b while waiting for a.
    print("same order (both: a then b):")
    for line in run((lock_a, lock_b), (lock_a, lock_b), None):
        print(f"  {line}")
