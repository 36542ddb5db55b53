"""The article's threading example.

Unchanged, except that each line names its thread.
"""

# /// example
# volatile = [  # varies from run to run (see example_runner/shapes.py)
#     '(?:^(?:[^\n]*thread-\d[^\n]*)?\n)+',
# ]
# ///

import threading


def print_numbers():
    for i in range(5):
        print(f"{threading.current_thread().name}: Number: {i}")


thread1 = threading.Thread(target=print_numbers, name="thread-1")
thread2 = threading.Thread(target=print_numbers, name="thread-2")

thread1.start()
thread2.start()

# join() waits for each thread to finish;
# without it the main thread could move on first.
thread1.join()
thread2.join()
print("both threads finished")
