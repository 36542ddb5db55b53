"""Run two printing threads many times.

Count the different orders their lines came in.
"""

# /// example
# volatile = [  # varies from run to run (see example_runner/shapes.py)
#     '\d+ different order',
#     '(?:^ +\d+ x +[ab]\d[^\n]*\n?)+',
# ]
# ///

import collections
import threading
import time


def record_numbers(name, lines, pause):
    for i in range(3):
        lines.append(f"{name}{i}")
        if pause:
            time.sleep(pause)  # any blocking call lets the other thread run


def one_run(pause):
    lines = []
    threads = [
        threading.Thread(target=record_numbers, args=(n, lines, pause))
        for n in "ab"
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return " ".join(lines)


for pause in (0, 0.001):
    orders = collections.Counter(one_run(pause) for _ in range(200))
    print(
        f"pause {pause} s between lines: "
        f"{len(orders)} different order(s) in 200 runs"
    )
    for order, count in orders.most_common(3):
        print(f"  {count:3d} x  {order}")
