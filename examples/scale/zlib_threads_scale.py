"""zlib.compress releases the GIL while it works.

So two threads compress in parallel.
"""

# /// example
# timing_sensitive = true
# timeout = 120
# ///

import os
import platform
import random
import statistics
import time
import zlib
from concurrent.futures import ThreadPoolExecutor

CHUNK = 2 << 20  # 2 MiB per chunk


def make_text(size, seed):
    """Text-like bytes: random words from a small vocabulary.

    So it compresses like logs do.
    """
    rng = random.Random(seed)
    words = [
        bytes(rng.choices(b"abcdefghijklmnopqrstuvwxyz", k=rng.randint(2, 9)))
        for _ in range(2000)
    ]
    return b" ".join(rng.choices(words, k=size // 5))[:size]


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
    chunks = [make_text(CHUNK, seed) for seed in range(8)]
    ratio = len(zlib.compress(chunks[0])) / CHUNK
    print(
        f"{len(chunks)} chunks of {CHUNK >> 20} MiB, "
        f"compressed to {ratio:.0%} of their size,"
        " median of 5 runs\n"
    )

    with ThreadPoolExecutor(2) as pool:
        # The same call from two threads:
        # zlib drops the GIL around each deflate() step.
        serial, threads = median_times(
            lambda: [zlib.compress(c) for c in chunks],
            lambda: list(pool.map(zlib.compress, chunks)),
        )
    print(f"serial     {serial:5.2f} s")
    print(f"2 threads  {threads:5.2f} s   speedup {serial / threads:4.2f}x")
