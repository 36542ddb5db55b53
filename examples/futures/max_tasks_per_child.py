"""max_tasks_per_child replaces each worker process after a number of tasks.

It needs Python 3.11 or newer.
"""

# /// example
# requires_python = "3.11"
# volatile = [  # varies from run to run (see example_runner/shapes.py)
#     'at most \d+ in one',
# ]
# ///

import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor

TASKS = 8


def which_process(_):
    time.sleep(0.05)
    return os.getpid()


def run(**options):
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=2, **options) as pool:
        pids = list(pool.map(which_process, range(TASKS)))
    most = max(pids.count(pid) for pid in pids)
    return len(set(pids)), most, time.perf_counter() - start


if __name__ == "__main__":
    # Without mp_context, max_tasks_per_child silently uses spawn. Passing the
    # context explicitly makes the start method visible (and testable).
    context = multiprocessing.get_context()
    if context.get_start_method() == "fork":
        try:
            ProcessPoolExecutor(max_tasks_per_child=1, mp_context=context)
        except ValueError as exc:
            print(f"with a fork context: ValueError: {exc}")
        context = multiprocessing.get_context("spawn")
    print(f"start method: {context.get_start_method()}")

    count, most, elapsed = run(mp_context=context)
    print(
        "no limit:               "
        f"{TASKS} tasks ran in {count} worker processes, "
        f"at most {most} in one ({elapsed:.2f} s)"
    )
    # 1 task per child: the setting that avoids gh-115634 on unfixed versions.
    count, most, elapsed = run(mp_context=context, max_tasks_per_child=1)
    print(
        "max_tasks_per_child=1:  "
        f"{TASKS} tasks ran in {count} worker processes, "
        f"at most {most} in one ({elapsed:.2f} s)"
    )
