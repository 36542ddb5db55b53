"""asyncio.Semaphore caps how many tasks are inside the slow section at once.

Here 50 tasks share it.
"""

import asyncio
import time

TASKS, LIMIT, DELAY = 50, 5, 0.05


class Gauge:
    """Counts tasks inside a section and remembers the highest count seen."""

    def __init__(self):
        self.now = self.peak = 0


async def fetch(gauge, semaphore):
    # Without a semaphore all 50 would hit the server at once.
    async with semaphore:
        gauge.now += 1  # no lock needed: no await between read and write
        gauge.peak = max(gauge.peak, gauge.now)
        await asyncio.sleep(DELAY)  # the request
        gauge.now -= 1


async def run(limit):
    gauge = Gauge()
    semaphore = asyncio.Semaphore(limit)
    start = time.perf_counter()
    await asyncio.gather(*(fetch(gauge, semaphore) for _ in range(TASKS)))
    return gauge.peak, time.perf_counter() - start


async def main():
    print(f"{TASKS} tasks, each {DELAY} s inside the section")
    for limit in (TASKS, LIMIT):
        peak, elapsed = await run(limit)
        print(
            f"Semaphore({limit:2}): "
            f"at most {peak:2} at once, total {elapsed:.2f} s"
        )


if __name__ == "__main__":
    asyncio.run(main())
