"""Dask's Client speaks the futures API, at a higher cost per task."""

# /// example
# timing_sensitive = true
# timeout = 180
# requires = ["dask", "distributed"]
# ///

import logging
import os
import platform
import statistics
import time
import warnings
from concurrent.futures import ProcessPoolExecutor

import distributed
from distributed import Client, LocalCluster

# Quiet, in this process and in the workers (they import this file too).
# Each Dask server times the making of its scratch folder and, past 1 s,
# warns that the disk may be a network file system: on a busy machine a
# local disk can take that long. And silence_logs below lasts only while
# the cluster is open: what Dask logs as it shuts down would reach stderr.
warnings.filterwarnings(
    "ignore",
    message="Creating scratch directories is taking",
    category=UserWarning,
)
logging.getLogger("distributed").setLevel(logging.ERROR)
# Dask's own shutdown race (dask/distributed issue 7105): a worker that
# closes while its heartbeat is in flight logs this one error; nothing is
# lost, since the worker is closing anyway.
HEARTBEAT_ERROR = "Failed to communicate with scheduler during heartbeat."
logging.getLogger("distributed.worker").addFilter(
    lambda record: record.getMessage() != HEARTBEAT_ERROR
)

TINY = 500
MEDIUM = [500_000] * 16  # 16 tasks; the output says how long each takes


def square(x):
    return x * x


def burn(n):
    return sum(i * i for i in range(n))  # pure Python: holds the GIL


def burn_all(ns):
    return [burn(n) for n in ns]


def measure(pool, client):
    """Each job on each runner, in rounds: a busy moment hits them alike."""
    runs = {
        "tiny": {
            "ProcessPoolExecutor": lambda: list(pool.map(square, range(TINY))),
            "Dask": lambda: client.gather(
                client.map(square, range(TINY), pure=False)
            ),
        },
        "medium": {
            # One after another, in one of the pool's processes: here in the
            # main process, the client's event loop thread would take turns
            # with the loop (the GIL) and slow it down.
            "serial": lambda: pool.submit(burn_all, MEDIUM).result(),
            "ProcessPoolExecutor": lambda: list(pool.map(burn, MEDIUM)),
            "Dask": lambda: client.gather(
                client.map(burn, MEDIUM, pure=False)
            ),
        },
    }
    times = {job: {label: [] for label in r} for job, r in runs.items()}
    for _ in range(3):
        for job, labelled in runs.items():
            for label, run in labelled.items():
                start = time.perf_counter()
                run()
                times[job][label].append(time.perf_counter() - start)
    return {
        job: {label: statistics.median(t) for label, t in labelled.items()}
        for job, labelled in times.items()
    }


if __name__ == "__main__":
    cores = (
        len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count()
    )
    print(
        f"Python {platform.python_version()}, distributed "
        f"{distributed.__version__}, {cores} usable cores"
    )
    # The pool's workers start first: forking once Dask's threads run warns.
    with ProcessPoolExecutor(max_workers=2) as pool:
        pool.submit(abs, 0).result(timeout=30)
        start = time.perf_counter()
        cluster = LocalCluster(
            n_workers=2,  # worker processes...
            threads_per_worker=1,  # ...of one thread each, like the pool
            processes=True,
            host="127.0.0.1",  # listen on loopback only
            dashboard_address=None,  # no web dashboard
            # its small HTTP server (health checks) on loopback, on a free port
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
            silence_logs=logging.ERROR,
        )
        client = Client(cluster, timeout=30)
        try:
            future = client.submit(square, 7)  # like Executor.submit
            print(
                f"cluster up after {time.perf_counter() - start:.1f} s; "
                f"submit(square, 7).result() = {future.result(timeout=30)}"
            )
            futures = client.map(square, range(5))  # like Executor.map
            print(f"gather(map(square, range(5))) = {client.gather(futures)}")
            times = measure(pool, client)  # the timings below
        finally:
            client.close(timeout=30)
            cluster.close(timeout=30)
    print(f"\n{TINY:,} tiny tasks, time per task (median of 3):")
    for label, t in times["tiny"].items():
        print(f"  {label:20} {t / TINY * 1e3:6.2f} ms")
    medium = times["medium"]
    each = medium["serial"] / len(MEDIUM) * 1e3
    print(f"{len(MEDIUM)} tasks of {each:.0f} ms each (median of 3):")
    for label, t in medium.items():
        speedup = medium["serial"] / t
        print(f"  {label:20} {t:6.2f} s   speedup {speedup:4.2f}x")
