"""asyncio.to_thread runs blocking calls in threads.

So the event loop keeps ticking.
"""

# /// example
# timing_sensitive = true
# volatile = [  # varies from run to run (see example_runner/shapes.py)
#     '\d+ ticks',
# ]
# ///

import asyncio
import threading
import time

CALLS, BLOCK = 5, 0.5


def blocking_read(seconds):
    """A library call with no async version (a driver, a file API...)."""
    time.sleep(seconds)
    return threading.current_thread().name


async def ticker(gaps, stop):
    # Should wake every 10 ms;
    # a late wake-up means the loop was busy or blocked.
    last = time.perf_counter()
    while not stop.is_set():
        await asyncio.sleep(0.01)
        now = time.perf_counter()
        gaps.append(now - last)
        last = now


async def main():
    gaps, stop = [], asyncio.Event()
    tick = asyncio.create_task(ticker(gaps, stop))
    start = time.perf_counter()
    # Each call runs in a worker thread of the loop's default executor.
    names = await asyncio.gather(
        *(asyncio.to_thread(blocking_read, BLOCK) for _ in range(CALLS))
    )
    elapsed = time.perf_counter() - start
    stop.set()
    await tick
    print(
        f"{CALLS} blocking calls of {BLOCK} s through to_thread: "
        f"{elapsed:.2f} s in total"
    )
    print(f"ran in {len(set(names))} worker threads, not in the loop's thread")
    print(f"ticker: {len(gaps)} ticks, longest gap {max(gaps) * 1000:.0f} ms")


if __name__ == "__main__":
    asyncio.run(main())
