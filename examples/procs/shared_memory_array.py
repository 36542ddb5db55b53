"""SharedMemory: children attach to one block by name; nothing is copied.

Each child fills its own slice.
"""

import array
import multiprocessing
from multiprocessing import shared_memory

CHILDREN = 4
PER_CHILD = 5
ITEMSIZE = array.array("q").itemsize  # a C long long, 8 bytes


def fill(name, index):
    # attach: only the name was sent, not the data
    shm = shared_memory.SharedMemory(name=name)
    try:
        # view the raw bytes as 64-bit integers
        with shm.buf.cast("q") as numbers:
            start = index * PER_CHILD
            for i in range(start, start + PER_CHILD):
                numbers[i] = i * i
    finally:
        # every process closes its own mapping; only the creator unlinks
        shm.close()


if __name__ == "__main__":
    shm = shared_memory.SharedMemory(
        create=True, size=CHILDREN * PER_CHILD * ITEMSIZE
    )
    try:
        children = [
            multiprocessing.Process(target=fill, args=(shm.name, n))
            for n in range(CHILDREN)
        ]
        for child in children:
            child.start()
        for child in children:
            child.join(timeout=10)
        print(f"exit codes: {[child.exitcode for child in children]}")
        # release the view before close(), or BufferError
        with shm.buf.cast("q") as numbers:
            # a copy, kept after close()
            result = array.array("q", numbers[: CHILDREN * PER_CHILD])
        print(f"{len(result)} squares written by {CHILDREN} children:")
        print(result.tolist())
    finally:
        shm.close()
        shm.unlink()  # once, by the creator: frees the block for good
    print(f"sum of the squares: {sum(result)}")
