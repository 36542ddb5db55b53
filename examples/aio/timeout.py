"""asyncio.timeout: a slow operation is cancelled at a deadline.

Then TimeoutError is raised.
"""

# /// example
# requires_python = "3.11"
# ///

import asyncio
import time


async def slow_query(log):
    try:
        await asyncio.sleep(10)  # a server that never answers in time
        log.append("finished")
    except asyncio.CancelledError:
        log.append("cancelled")  # clean up here (close the connection...)
        raise


async def main():
    log = []
    start = time.perf_counter()
    try:
        # At the deadline the block's task is cancelled; on the way out of the
        # block the CancelledError is turned into TimeoutError.
        async with asyncio.timeout(0.2):
            await slow_query(log)
    except TimeoutError:
        print(f"caught TimeoutError after {time.perf_counter() - start:.2f} s")
    print(f"the query saw: {log}")

    # Work that finishes in time is not affected.
    async with asyncio.timeout(0.2):
        await asyncio.sleep(0.01)
    print("a fast operation inside the same kind of block: no error")


if __name__ == "__main__":
    asyncio.run(main())
