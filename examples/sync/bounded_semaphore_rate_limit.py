"""A BoundedSemaphore caps how many threads run at once.

It also catches an extra release().
"""

import threading
import time

LIMIT, WORKERS = 3, 10

slots = threading.BoundedSemaphore(LIMIT)
stats_lock = threading.Lock()
inside = peak = 0


def fetch(i):
    global inside, peak
    with slots:  # at most LIMIT threads get past this line at a time
        with stats_lock:
            inside += 1
            peak = max(peak, inside)
        # the rate-limited call, e.g. a request to a slow server
        time.sleep(0.05)
        with stats_lock:
            inside -= 1


if __name__ == "__main__":
    start = time.perf_counter()
    threads = [
        threading.Thread(target=fetch, args=(i,)) for i in range(WORKERS)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.perf_counter() - start
    print(
        f"{WORKERS} workers, limit {LIMIT}: "
        f"at most {peak} inside at once, took {took:.2f} s"
    )

    # One release() too many: a plain Semaphore quietly grows,
    # a BoundedSemaphore refuses.
    plain = threading.Semaphore(1)
    plain.release()  # a bug: nobody acquired it
    both = plain.acquire(blocking=False) and plain.acquire(blocking=False)
    print(
        f"Semaphore(1) after an extra release(): two holders at once = {both}"
    )
    bounded = threading.BoundedSemaphore(1)
    try:
        bounded.release()
    except ValueError as exc:
        print(f"BoundedSemaphore(1) extra release(): ValueError: {exc}")
