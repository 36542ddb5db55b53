"""SharedMemory: children attach to one block by name and fill their own slices; no copies."""

import array
import multiprocessing
from multiprocessing import shared_memory

CHILDREN = 4
PER_CHILD = 5
ITEMSIZE = array.array("q").itemsize  # a C long long, 8 bytes


def fill(name, index):
    shm = shared_memory.SharedMemory(name=name)  # attach: only the name was sent, not the data
    try:
        with shm.buf.cast("q") as numbers:  # view the raw bytes as 64-bit integers
            start = index * PER_CHILD
            for i in range(start, start + PER_CHILD):
                numbers[i] = i * i
    finally:
        shm.close()  # every process closes its own mapping; only the creator unlinks


if __name__ == "__main__":
    shm = shared_memory.SharedMemory(create=True, size=CHILDREN * PER_CHILD * ITEMSIZE)
    try:
        children = [
            multiprocessing.Process(target=fill, args=(shm.name, n)) for n in range(CHILDREN)
        ]
        for child in children:
            child.start()
        for child in children:
            child.join(timeout=10)
        print(f"exit codes: {[child.exitcode for child in children]}")
        with shm.buf.cast("q") as numbers:  # release the view before close(), or BufferError
            result = array.array("q", numbers[: CHILDREN * PER_CHILD])  # a copy, kept after close()
        print(f"{len(result)} squares written by {CHILDREN} children:")
        print(result.tolist())
    finally:
        shm.close()
        shm.unlink()  # once, by the creator: frees the block for good
    print(f"sum of the squares: {sum(result)}")
