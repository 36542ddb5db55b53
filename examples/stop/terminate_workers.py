"""Python 3.14: terminate_workers() and kill_workers() end a stuck task."""

# /// example
# requires_python = "3.14"
# platforms = ["linux", "darwin"]  # POSIX signals; Windows has neither
# ///

import multiprocessing
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor, TimeoutError
from concurrent.futures.process import BrokenProcessPool


def stuck(ignore_sigterm):
    if ignore_sigterm:  # as a library's own SIGTERM handler might
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    while True:  # waits for an answer that never comes
        time.sleep(0.1)


def wait_for_pool_threads(seconds=10):
    """The broken pool's manager thread reaps the worker, then exits."""
    deadline = time.monotonic() + seconds
    while threading.active_count() > 1 and time.monotonic() < deadline:
        time.sleep(0.01)


def demo(method, ignore_sigterm):
    print(
        f"{method}(), on a task that "
        f"{'ignores' if ignore_sigterm else 'does not ignore'} SIGTERM"
    )
    pool = ProcessPoolExecutor(max_workers=1)
    future = pool.submit(stuck, ignore_sigterm)
    try:
        future.result(timeout=1)
    except TimeoutError:
        print(f"  no result after 1 s; cancel() returns {future.cancel()}")
    workers = multiprocessing.active_children()
    start = time.perf_counter()
    getattr(pool, method)()  # pool.terminate_workers() or pool.kill_workers()
    try:
        future.result(timeout=10)
    except BrokenProcessPool as exc:
        took = time.perf_counter() - start
        print(
            f"  the task failed {took * 1000:.0f} ms later: "
            f"{type(exc).__name__}"
        )
    wait_for_pool_threads()
    for worker in workers:
        name = signal.Signals(-worker.exitcode).name
        print(f"  its worker process was ended by {name}")
    try:
        pool.submit(abs, -1)
    except RuntimeError as exc:  # BrokenProcessPool is a RuntimeError
        print(f"  submit() afterwards: {type(exc).__name__}")


if __name__ == "__main__":
    demo("terminate_workers", ignore_sigterm=False)  # SIGTERM on POSIX
    demo("kill_workers", ignore_sigterm=True)  # SIGKILL cannot be ignored
