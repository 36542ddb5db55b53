"""A blocking call inside a coroutine stalls the whole event loop.

await asyncio.sleep does not.
"""

# /// example
# timing_sensitive = true
# volatile = [  # varies from run to run (see example_runner/shapes.py)
#     '\(\d+ ticks\)',
# ]
# ///

import asyncio
import time


async def ticker(gaps, stop):
    # Should wake every 10 ms; a late wake-up means the loop was blocked.
    last = time.perf_counter()
    while not stop.is_set():
        await asyncio.sleep(0.01)
        now = time.perf_counter()
        gaps.append(now - last)
        last = now


async def blocking_handler():
    time.sleep(0.5)  # blocks the thread, and the loop runs on that thread


async def cooperative_handler():
    await asyncio.sleep(0.5)  # hands control back to the loop while waiting


async def longest_gap(handler):
    gaps, stop = [], asyncio.Event()
    tick = asyncio.create_task(ticker(gaps, stop))
    await asyncio.sleep(0.05)  # let the ticker run first
    await handler()
    await asyncio.sleep(0.05)
    stop.set()
    await tick
    return max(gaps), len(gaps)


async def main():
    print("a ticker that should wake every 10 ms, while a handler waits 0.5 s")
    for label, handler in [
        ("time.sleep(0.5)         ", blocking_handler),
        ("await asyncio.sleep(0.5)", cooperative_handler),
    ]:
        gap, ticks = await longest_gap(handler)
        print(f"{label}  longest gap {gap:5.3f} s  ({ticks} ticks)")


if __name__ == "__main__":
    asyncio.run(main())
