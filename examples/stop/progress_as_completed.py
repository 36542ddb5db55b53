"""as_completed() hands over results as they finish: count them as you go."""

import time
from concurrent.futures import ProcessPoolExecutor, as_completed

# Each task's run time, in seconds: the order they finish in is not this one.
DURATIONS = [0.8, 0.4, 0.8, 0.2, 0.6, 0.2, 0.8, 0.4, 0.8, 0.2]


def work(n):
    time.sleep(DURATIONS[n])  # stands in for a computation of that length
    return n


if __name__ == "__main__":
    total = len(DURATIONS)
    with ProcessPoolExecutor(max_workers=2) as pool:
        # Start both workers first: their start-up is not progress.
        list(pool.map(time.sleep, [0.2, 0.2], timeout=30))
        start = time.perf_counter()
        futures = [pool.submit(work, n) for n in range(total)]
        for done, future in enumerate(as_completed(futures, timeout=60), 1):
            n = future.result()  # raises here if the task failed
            elapsed = time.perf_counter() - start
            print(f"{done}/{total} done (task {n}), {elapsed:.1f} s")
    work_time = sum(DURATIONS)
    print(
        f"{work_time:.1f} s of tasks on 2 processes: at least "
        f"{work_time / 2:.1f} s in all"
    )
