"""An exception in a task stays inside its Future.

It surfaces when result() is called or map reaches it.
"""

import re
import time
import traceback
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor


def parse(text):
    return int(text)  # int("x") raises ValueError in the worker thread


def main():
    with ThreadPoolExecutor(max_workers=2) as pool:
        future = pool.submit(parse, "x")
        time.sleep(0.2)  # the task has long since failed...
        # ...but nothing was printed and nothing was raised here.
        print(
            f"after the task failed: done={future.done()}, nothing raised yet"
        )
        print(f"future.exception() returns it: {future.exception()!r}")

        # --8<-- [start:result]
        try:
            future.result()  # the stored exception is raised again, here
        except ValueError as exc:
            print(f"result() raised: {exc!r}")
            # Its traceback runs from this call into the worker's frames.
            frames = [
                frame.name for frame in traceback.extract_tb(exc.__traceback__)
            ]
            print("traceback frames:", " > ".join(frames))
        # --8<-- [end:result]

        # map() raises when iteration reaches the failed item, not before;
        # the results before it have been handed out already.
        results = pool.map(parse, ["1", "2", "x", "4"])
        print("map() returned without raising")
        try:
            for value in results:
                print(f"map yielded {value}")
        except ValueError as exc:
            print(f"map raised while iterating: {exc!r}")

        # A future nobody asks for: its error is never reported at all.
        pool.submit(parse, "never seen")
    print("with-block exited normally: the last error was silently dropped")

    # --8<-- [start:process]
    # A traceback cannot be pickled: a process pool sends the worker's
    # traceback back as text and chains it to the exception as __cause__.
    with ProcessPoolExecutor(max_workers=1) as pool:
        try:
            pool.submit(parse, "y").result()
        except ValueError as exc:
            remote = exc.__cause__
            print(f"process pool result() raised: {exc!r}")
            frames = re.findall(r'File ".*", line \d+, in (\w+)', remote.tb)
            print(
                f"its __cause__ is {type(remote).__name__}, worker frames:",
                " > ".join(frames),
            )
    # --8<-- [end:process]


if __name__ == "__main__":
    main()
