"""submit + as_completed yields results as tasks finish.

map yields them in input order.
"""

import time
from concurrent.futures import ThreadPoolExecutor, as_completed

# Each "download" waits a different time,
# standing in for a slow or fast server.
DELAYS = {"a": 0.45, "b": 0.05, "c": 0.30, "d": 0.15}


def download(name):
    time.sleep(DELAYS[name])
    return name


if __name__ == "__main__":
    names = list(DELAYS)
    print("input order:         ", " ".join(names))

    with ThreadPoolExecutor(max_workers=len(names)) as pool:
        start = time.perf_counter()
        # submit() returns a Future at once; as_completed() hands each one over
        # the moment it is done, whatever order it was submitted in.
        futures = {pool.submit(download, name): name for name in names}
        arrivals = []
        for future in as_completed(futures):
            arrivals.append(
                f"{future.result()}@{time.perf_counter() - start:.2f}s"
            )
        print("as_completed order:  ", " ".join(arrivals))

        start = time.perf_counter()
        # map() runs the same calls concurrently, but yields results in input
        # order: "a" is slowest, so every other result waits behind it.
        arrivals = []
        for result in pool.map(download, names):
            arrivals.append(f"{result}@{time.perf_counter() - start:.2f}s")
        print("map order:           ", " ".join(arrivals))
