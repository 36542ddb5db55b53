"""An exception in a thread never reaches the main thread.

threading.excepthook sees it instead.
"""

import threading
from concurrent.futures import ThreadPoolExecutor


def parse(text):
    return int(text)  # raises ValueError for "forty-two"


def report(args):
    # Called in the failing thread. The default hook prints a traceback to
    # stderr; this one prints a single line to stdout.
    print(
        f"excepthook: {args.exc_type.__name__}: "
        f"{args.exc_value} in thread {args.thread.name}"
    )


if __name__ == "__main__":
    threading.excepthook = report
    worker = threading.Thread(target=parse, args=("forty-two",), name="parser")
    worker.start()
    # returns normally: join() does not re-raise the thread's exception
    worker.join()
    print("main thread: join() returned, no exception here")
    # put the default hook back
    threading.excepthook = threading.__excepthook__

    with ThreadPoolExecutor() as pool:
        future = pool.submit(parse, "forty-two")
        future.exception(timeout=10)  # wait until it has run
        print("executor: the task failed, nothing was printed")
        try:
            # the exception is raised here, in the caller's thread
            future.result()
        except ValueError as exc:
            print(f"executor: result() raised ValueError: {exc}")
