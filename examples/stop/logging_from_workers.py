"""Workers log through a queue; one listener in main writes each line whole."""

# /// example
# volatile = [  # varies from run to run (see example_runner/shapes.py)
#     '^processes that logged: .*$',
# ]
# ///

import logging
import logging.handlers
import multiprocessing
import re
import time
from concurrent.futures import ProcessPoolExecutor

WHOLE = re.compile(r"^\w+Process(-\d+)? +INFO +task \d step \d x{200}$")


def log_to_queue(queue):
    """Run first in every worker, whatever the start method: a spawned worker
    has no logging set up at all; a forked one has copies of the parent's
    handlers, which would all write to the same file at once."""
    root = logging.getLogger()
    root.handlers[:] = [logging.handlers.QueueHandler(queue)]
    root.setLevel(logging.INFO)


def task(n):
    log = logging.getLogger("app")
    for step in range(5):  # long lines: where interleaving would show
        log.info("task %d step %d %s", n, step, "x" * 200)
        time.sleep(0.02)


if __name__ == "__main__":
    context = multiprocessing.get_context()
    print(f"start method: {context.get_start_method()}")
    queue = context.Queue()
    to_file = logging.FileHandler("app.log", mode="w")  # in the working dir
    to_file.setFormatter(
        logging.Formatter("%(processName)-18s %(levelname)-7s %(message)s")
    )
    # The listener's thread, in this process, is the only writer.
    listener = logging.handlers.QueueListener(queue, to_file)
    with ProcessPoolExecutor(
        max_workers=2,
        mp_context=context,
        initializer=log_to_queue,
        initargs=(queue,),
    ) as pool:
        # Under fork the workers start at the first submit: let them start
        # before the listener's thread does (forking with threads warns).
        pool.submit(abs, 0).result(timeout=30)
        listener.start()
        try:
            log_to_queue(queue)  # the main process logs through it too
            logging.getLogger("app").info("task 0 step 0 %s", "x" * 200)
            list(pool.map(task, range(1, 9), timeout=60))
        finally:
            pool.shutdown()  # workers flush what they queued as they exit
            listener.stop()  # writes what is still queued, then returns
            to_file.close()
    with open("app.log") as f:
        lines = f.read().splitlines()
    whole = sum(bool(WHOLE.match(line)) for line in lines)
    print(f"app.log: {len(lines)} lines, {whole} of them whole")
    print(
        "processes that logged:",
        ", ".join(sorted({line.split()[0] for line in lines})),
    )
    print("a line:", lines[0][:60], "...")
