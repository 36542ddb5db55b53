"""A worker process dies mid-task.

Every pending future fails with BrokenProcessPool.
"""

# /// example
# compare = ["3.14", "3.15"]     # 3.15 names the dead worker and its exit code
# # ...when it sees the exit code in time: always under forkserver (the
# # server reports it), by a race under fork and spawn
# volatile_across_methods = ['^__cause__: .*$']
# ///

import os
import re
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool


def work(n):
    if n == 3:
        # dies at once, like a crash or the OOM killer:
        # no exception, no cleanup
        os._exit(1)
    time.sleep(0.2)
    return n * 10


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(work, n) for n in range(6)]
        for n, future in enumerate(futures):
            try:
                print(f"task {n}: {future.result(timeout=30)}")
            except BrokenProcessPool as exc:
                print(f"task {n}: {type(exc).__name__}")

        # The pool cannot be used again; a new one must be created.
        try:
            pool.submit(work, 0)
        except BrokenProcessPool as exc:
            print(f"submit() afterwards: {type(exc).__name__}")

    error = futures[3].exception()
    print(f"the message: {error}")
    # Python 3.15+ attaches the dead worker's PID and exit code
    # as the __cause__.
    cause = error.__cause__
    if cause is None:
        print(
            "__cause__: None "
            "(this Python does not say which worker died or why)"
        )
    else:
        # CPython wraps the cause's text in ''' quotes, a frame made for
        # a worker's traceback; the exit-code text does not end in a
        # newline, so the closing ''' lands at the end of its line.
        # The quotes are CPython's wrapper, not part of the message.
        text = str(cause).strip().removeprefix("'''").removesuffix("'''")
        lines = [ln.strip() for ln in text.splitlines() if "exit code" in ln]
        for line in lines or text.strip().splitlines()[-1:]:
            # mask the PID
            print("__cause__:", re.sub(r"\b\d{2,}\b", "<pid>", line))
