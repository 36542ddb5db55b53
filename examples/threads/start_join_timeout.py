"""join(timeout=) waits at most that long.

is_alive() tells whether the thread finished.
"""

import threading
import time


def slow_task():
    time.sleep(0.5)  # stands in for work that takes a while


if __name__ == "__main__":
    worker = threading.Thread(target=slow_task, name="slow-task")
    print(f"before start(): is_alive() = {worker.is_alive()}")
    worker.start()
    print(f"after start():  is_alive() = {worker.is_alive()}")

    # join(timeout=) never raises: it simply returns,
    # so is_alive() must be checked.
    worker.join(timeout=0.1)
    print(
        "after join(timeout=0.1): "
        f"is_alive() = {worker.is_alive()} -> still running"
    )

    worker.join()  # no timeout: waits for as long as the thread runs
    print(f"after join():   is_alive() = {worker.is_alive()} -> finished")
