"""TaskGroup.cancel() stops the other tasks once one mirror has answered.

It is new in Python 3.15.
"""

# /// example
# requires_python = "3.15"
# ///

import asyncio
import time


async def ask_mirror(name, seconds, tg, answers, cancelled):
    try:
        await asyncio.sleep(seconds)  # mirrors answer at different speeds
    except asyncio.CancelledError:
        cancelled.append(name)
        raise
    answers.append(name)
    # The goal is met: cancel the rest of the group and its body. The
    # `async with` block then ends normally, with no CancelledError.
    tg.cancel()


async def main():
    answers, cancelled = [], []
    start = time.perf_counter()
    async with asyncio.TaskGroup() as tg:
        for name, seconds in [
            ("mirror-a", 2.0),
            ("mirror-b", 0.1),
            ("mirror-c", 3.0),
        ]:
            tg.create_task(ask_mirror(name, seconds, tg, answers, cancelled))
        await asyncio.sleep(10)  # the body is cancelled too
        print("not reached")
    elapsed = time.perf_counter() - start
    print(f"answered: {answers}")
    print(f"cancelled while waiting: {sorted(cancelled)}")
    print(f"group finished after {elapsed:.1f} s, without an exception")


if __name__ == "__main__":
    asyncio.run(main())
