"""Ctrl-C interrupts the thread waiting on a pool, not the pool's tasks."""

# /// example
# platforms = ["linux", "darwin"]
# timeout = 60
# ///

import atexit
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from _ctrl_c import outcomes, report

TASKS = 10  # on 2 threads: 5 rounds of 0.5 s


def task(stop):
    for _ in range(10):  # 0.5 s of work, in steps of 0.05 s
        if stop.is_set():
            return "stopped"
        time.sleep(0.05)
    return "finished"


def wait_for(futures):
    for future in futures:
        future.result(timeout=30)  # Ctrl-C raises KeyboardInterrupt here


def run(variant):
    stop = threading.Event()
    pool = ThreadPoolExecutor(max_workers=2)
    futures = [pool.submit(task, stop) for _ in range(TASKS)]
    # At exit, after the interpreter has joined the pool's threads:
    atexit.register(lambda: print(outcomes(futures)))
    print("ready", flush=True)
    if variant == "with block":
        with pool:  # leaving it calls pool.shutdown(wait=True)
            wait_for(futures)
        return
    try:
        wait_for(futures)
    except KeyboardInterrupt:
        if variant == "shutdown(wait=False)":
            pool.shutdown(wait=False)
        elif variant == "+ cancel_futures=True":
            pool.shutdown(wait=False, cancel_futures=True)
        elif variant == "+ a stop event":
            stop.set()  # running tasks return at their next check
            pool.shutdown(wait=False, cancel_futures=True)
        raise  # exit by SIGINT, as a shell expects after Ctrl-C


VARIANTS = [
    "with block",
    "shutdown(wait=False)",
    "+ cancel_futures=True",
    "+ a stop event",
]

if __name__ == "__main__":
    if len(sys.argv) > 1:  # a child, started by report() below
        run(sys.argv[1])
        sys.exit()
    print(f"{TASKS} tasks of 0.5 s on 2 threads; Ctrl-C while the first 2 run")
    report(__file__, VARIANTS)
