"""wait(FIRST_EXCEPTION) returns at the first failure: stop the rest there."""

import threading
import time
from concurrent.futures import (
    FIRST_EXCEPTION,
    CancelledError,
    ThreadPoolExecutor,
    wait,
)

TASKS = 8


def check_record(n, stop):
    for step in range(5):  # 0.5 s of work, in steps of 0.1 s
        if stop.is_set():
            return "stopped early"
        time.sleep(0.1)
        if n == 3 and step == 1:
            raise ValueError(f"bad record {n}")
    return "finished"


def describe(future):
    try:
        return future.result(timeout=0)
    except CancelledError:
        return "cancelled before it started"
    except ValueError as exc:
        return f"failed: {exc!r}"


if __name__ == "__main__":
    print(f"{TASKS} tasks of 0.5 s on 2 threads; task 3 fails after 0.2 s\n")
    stop = threading.Event()
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(check_record, n, stop) for n in range(TASKS)]
        done, not_done = wait(futures, timeout=30, return_when=FIRST_EXCEPTION)
        waited = time.perf_counter() - start
        for future in not_done:
            future.cancel()  # only works for tasks that have not started
        stop.set()  # running tasks check this and return early
    took = time.perf_counter() - start
    print(
        f"wait() returned after {waited:.1f} s: {len(done)} done, "
        f"{len(not_done)} not done"
    )
    for n, future in enumerate(futures):
        print(f"  task {n}: {describe(future)}")
    print(
        f"the with block exited after {took:.1f} s "
        f"(all {TASKS} tasks would take {TASKS // 2 * 0.5:.1f} s)"
    )
