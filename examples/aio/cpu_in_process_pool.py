"""CPU work in a process pool keeps the event loop responsive.

It is awaited through run_in_executor.
"""

# /// example
# timing_sensitive = true
# ///

import asyncio
import multiprocessing
import os
import platform
import time
from concurrent.futures import ProcessPoolExecutor

TASKS, LIMIT = 4, 100_000


def count_primes(limit):
    """Pure-Python CPU work: it holds the GIL the whole time."""
    return sum(
        all(n % d for d in range(2, int(n**0.5) + 1)) for n in range(2, limit)
    )


async def ticker(gaps, stop):
    last = time.perf_counter()  # should wake every 10 ms
    while not stop.is_set():
        await asyncio.sleep(0.01)
        now = time.perf_counter()
        gaps.append(now - last)
        last = now


async def longest_gap(work):
    gaps, stop = [], asyncio.Event()
    tick = asyncio.create_task(ticker(gaps, stop))
    await asyncio.sleep(0.05)  # let the ticker run first
    start = time.perf_counter()
    results = await work()
    elapsed = time.perf_counter() - start
    await asyncio.sleep(0.05)
    stop.set()
    await tick
    return results, elapsed, max(gaps)


async def main():
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor() as pool:
        # start the workers first
        await loop.run_in_executor(pool, count_primes, 10)

        async def in_loop():  # wrong: computes inside a coroutine
            return [count_primes(LIMIT) for _ in range(TASKS)]

        async def in_pool():  # right: each task in a worker process
            jobs = [
                loop.run_in_executor(pool, count_primes, LIMIT)
                for _ in range(TASKS)
            ]
            return await asyncio.gather(*jobs)

        answers = set()
        for label, work in [
            ("in the loop", in_loop),
            ("in the process pool", in_pool),
        ]:
            results, elapsed, gap = await longest_gap(work)
            answers.add(tuple(results))
            print(
                f"{label:19}  {elapsed:4.2f} s   longest tick gap {gap:5.3f} s"
            )
        print(f"same results both ways: {len(answers) == 1}")


if __name__ == "__main__":
    cores = (
        len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count()
    )
    print(
        f"Python {platform.python_version()}, {cores} usable cores, "
        f"start method {multiprocessing.get_start_method()}"
    )
    print(
        f"{TASKS} tasks of count_primes({LIMIT:,}); "
        "a ticker should wake every 10 ms"
    )
    asyncio.run(main())
