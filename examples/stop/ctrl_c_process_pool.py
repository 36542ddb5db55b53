"""Ctrl-C reaches every worker process too: ignore it there, decide in main."""

# /// example
# platforms = ["linux", "darwin"]
# timeout = 60
# volatile = [  # varies from run to run (see example_runner/shapes.py)
#     '\d+ cancelled, \d+ finished',
# ]
# ///

import atexit
import os
import signal
import sys
import time
from concurrent.futures import ProcessPoolExecutor

from _ctrl_c import outcomes, report

TASKS = 10  # on 2 processes: 5 rounds of 0.5 s


def task(seconds):
    time.sleep(seconds)  # Ctrl-C raises KeyboardInterrupt here, in the worker
    return "finished"


def which_process(seconds):
    time.sleep(seconds)
    return os.getpid()


def ignore_sigint():  # runs first in each worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def wait_for(futures):
    for future in futures:
        future.result(timeout=30)  # Ctrl-C raises KeyboardInterrupt here


def run(variant):
    initializer = ignore_sigint if variant == "workers ignore SIGINT" else None
    pool = ProcessPoolExecutor(max_workers=2, initializer=initializer)
    for _ in range(20):  # until both workers are up and have run a task
        if len(set(pool.map(which_process, [0.1, 0.1], timeout=30))) == 2:
            break
    futures = [pool.submit(task, 0.5) for _ in range(TASKS)]
    atexit.register(lambda: print(outcomes(futures)))
    print("ready", flush=True)
    if variant == "with block":
        with pool:  # leaving it calls pool.shutdown(wait=True)
            wait_for(futures)
        return
    try:
        wait_for(futures)
    except KeyboardInterrupt:
        # Queued tasks never start; the running ones finish.
        pool.shutdown(wait=True, cancel_futures=True)
        raise  # exit by SIGINT, as a shell expects after Ctrl-C


if __name__ == "__main__":
    if len(sys.argv) > 1:  # a child, started by report() below
        run(sys.argv[1])
        sys.exit()
    print(f"{TASKS} tasks of 0.5 s on 2 processes; Ctrl-C while 2 run")
    report(__file__, ["with block", "workers ignore SIGINT"])
