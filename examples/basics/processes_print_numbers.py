"""The article's multiprocessing example.

The same function, run by two processes.
"""

# /// example
# volatile = [  # varies from run to run (see example_runner/shapes.py)
#     '(?:^(?:[^\n]*process-\d[^\n]*)?\n)+',
# ]
# ///

import multiprocessing


def print_numbers():
    name = multiprocessing.current_process().name
    for i in range(5):
        print(f"{name}: Number: {i}")


# The guard is required, not style: under the spawn and
# forkserver start methods each child imports this file again,
# and without it the child would start processes too.
if __name__ == "__main__":
    process1 = multiprocessing.Process(target=print_numbers, name="process-1")
    process2 = multiprocessing.Process(target=print_numbers, name="process-2")

    process1.start()
    process2.start()

    process1.join()
    process2.join()
    print(
        "both processes finished, start method:",
        multiprocessing.get_start_method(),
    )
