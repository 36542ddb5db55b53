"""hashlib releases the GIL for data over 2047 bytes.

Then two threads hash in parallel.
"""

# /// example
# timing_sensitive = true
# timeout = 120
# ///

import hashlib
import os
import platform
import statistics
import time
from concurrent.futures import ThreadPoolExecutor

BLOCK = 16 << 20  # 16 MiB per buffer
# SHA-256 costs the same whatever the bytes are,
# so cheap constant buffers will do.
BUFFERS = [bytes([i]) * BLOCK for i in range(4)]
# 32 digests of 16 MiB: the threads share the buffers, nothing is copied
JOBS = BUFFERS * 8


def digest_whole(data):
    # one call: the GIL is released inside
    return hashlib.sha256(data).hexdigest()


def digest_in_1k_pieces(data):
    h = hashlib.sha256()
    view = memoryview(data)
    for i in range(0, len(data), 1024):
        # under 2048 bytes: hashed with the GIL held
        h.update(view[i : i + 1024])
    return h.hexdigest()


def median_times(*runs, repeats=5):
    """Median time of each run.

    The runs take turns, so a busy moment hits them alike.
    """
    times = [[] for _ in runs]
    for _ in range(repeats):
        for run, samples in zip(runs, times):
            start = time.perf_counter()
            run()
            samples.append(time.perf_counter() - start)
    return [statistics.median(samples) for samples in times]


if __name__ == "__main__":
    cores = (
        len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count()
    )
    print(f"Python {platform.python_version()}, {cores} usable cores")
    print(
        f"{len(JOBS)} SHA-256 digests of {BLOCK >> 20} MiB each, "
        "median of 5 runs\n"
    )
    with ThreadPoolExecutor(2) as pool:
        for func in (digest_whole, digest_in_1k_pieces):
            assert list(pool.map(func, JOBS[:4])) == [
                func(b) for b in JOBS[:4]
            ]
            serial, threads = median_times(
                lambda: [func(b) for b in JOBS],
                lambda: list(pool.map(func, JOBS)),
            )
            print(
                f"{func.__name__:20} serial "
                f"{serial:5.2f} s   2 threads {threads:5.2f} s"
                f"   speedup {serial / threads:4.2f}x"
            )
