"""asyncio.TaskGroup: one failing task cancels the others.

Errors come as an ExceptionGroup.
"""

# /// example
# requires_python = "3.11"
# ///

import asyncio
import time


async def download(name, seconds, cancelled):
    try:
        await asyncio.sleep(seconds)  # a slow transfer
        return f"{name} done"
    except asyncio.CancelledError:
        cancelled.append(name)  # a place to clean up
        raise  # always let CancelledError propagate


async def parse(name):
    await asyncio.sleep(0.1)
    raise ValueError(f"{name}: bad header")


async def main():
    cancelled = []
    start = time.perf_counter()
    try:
        async with asyncio.TaskGroup() as tg:
            slow = [
                tg.create_task(download(f"file-{i}", 2.0, cancelled))
                for i in (1, 2)
            ]
            tg.create_task(parse("file-3"))
        print("not reached: the group raised")
    # except* matches exceptions inside the ExceptionGroup by type.
    except* ValueError as group:
        print(f"caught {type(group).__name__}: {group}")
        for exc in group.exceptions:
            print(f"  contains {type(exc).__name__}: {exc}")
    elapsed = time.perf_counter() - start
    print(f"cancelled while running: {sorted(cancelled)}")
    print(f"slow tasks cancelled: {[t.cancelled() for t in slow]}")
    print(
        f"group finished after {elapsed:.2f} s, "
        "not the 2 s the slow tasks needed"
    )


if __name__ == "__main__":
    asyncio.run(main())
