"""Workloads and timing helpers for the benchmark notebook.

They live in a module, not in notebook cells, because worker processes started with
spawn or forkserver must import the function they run: a function defined in a cell
belongs to the kernel's __main__, which a fresh process cannot import.
BENCH_FAST=1 shrinks every size (the tests use it); the code path is the same.

The workloads the kit also measures (pure-Python CPU, sha256, sleep, start-up) are imported
from the benchmark kit, docs/kit.py, so that the notebook and a reader running the kit
time the same code.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import platform
import socket
import statistics
import sys
import sysconfig
import threading
import time
import urllib.request
import zlib
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# The kit lives one folder up (docs/). Worker processes started with spawn or forkserver
# import this module by name to find the functions they run; putting the folder on sys.path
# here, at import, lets them import the kit too, whatever their working directory.
_KIT_FOLDER = str(Path(__file__).resolve().parent.parent)
if _KIT_FOLDER not in sys.path:
    sys.path.insert(0, _KIT_FOLDER)

from kit import cpu_pure, sha256_buffer, sleep_task  # noqa: E402
from kit import nothing as _nothing  # noqa: E402
from kit import payload as _payload  # noqa: E402

FAST = os.environ.get("BENCH_FAST") == "1"
REPEATS = 1 if FAST else 3
CORES = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
WORKER_COUNTS = [1, 2] if FAST else list(range(1, 2 * CORES + 1))
TASKS = 4 if FAST else 8
SLEEP = 0.01 if FAST else 0.02
MIB = 2**20


def machine() -> str:
    gil = "free-threaded" if sysconfig.get_config_var("Py_GIL_DISABLED") else "with the GIL"
    return (
        f"{platform.python_implementation()} {platform.python_version()} ({gil}) on "
        f"{platform.system()} {platform.machine()}, {CORES} usable cores, start method "
        f"{multiprocessing.get_start_method()}, {REPEATS} repeat(s) per point"
        + (" [fast mode]" if FAST else "")
    )


# --- workloads: each takes one task argument and returns something small -------------


def zlib_buffer(data: bytes) -> int:
    return len(zlib.compress(data, 6))  # releases the GIL while compressing


def http_get(url: str) -> int:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback only
    with opener.open(url, timeout=10) as response:
        return len(response.read())


class _SlowHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        time.sleep(SLEEP)  # a slow backend
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


class _Server(ThreadingHTTPServer):
    request_queue_size = 128  # the default (5) drops bursts of connections: 1 s retries


def start_server() -> ThreadingHTTPServer:
    server = _Server(("127.0.0.1", 0), _SlowHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def workloads(server_port: int) -> dict[str, tuple]:
    """name -> (function, list of task arguments)."""
    big = 4 * MIB if FAST else 16 * MIB
    return {
        "pure-Python CPU": (cpu_pure, [200_000 if FAST else 1_000_000] * TASKS),
        "hashlib sha256": (sha256_buffer, [_payload(big)] * TASKS),
        "zlib compress": (zlib_buffer, [_payload(big // 4)] * TASKS),
        "sleep (I/O)": (sleep_task, [SLEEP * 2.5] * TASKS * 2),
        "loopback HTTP": (http_get, [f"http://127.0.0.1:{server_port}/"] * TASKS * 2),
    }


# --- timing -----------------------------------------------------------------------


def _times(run) -> list[float]:
    out = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        run()
        out.append(time.perf_counter() - start)
    return out


def _run_loop(coroutine):
    """asyncio.run in a thread of its own: a Jupyter kernel already runs a loop in this one."""
    box = []
    thread = threading.Thread(target=lambda: box.append(asyncio.run(coroutine)))
    thread.start()
    thread.join()
    return box[0] if box else None


async def _async_all(func, args):
    if func is sleep_task:
        await asyncio.gather(*(asyncio.sleep(a) for a in args))
    elif func is http_get:
        await asyncio.gather(*(_async_get(a) for a in args))
    else:  # CPU work in coroutines: one thread, so it runs one task after another
        for a in args:
            func(a)


async def _async_get(url: str) -> int:
    host, port = url.split("//")[1].rstrip("/").split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    writer.write(b"GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
    await writer.drain()
    data = await reader.read()
    writer.close()
    await writer.wait_closed()
    return len(data)


def measure(func, args) -> dict:
    """Median and spread of serial, asyncio, and threads/processes at each worker count.

    Every pool is started first; then each repeat times every configuration in turn, so a
    busy moment of the machine hits the serial baseline and the pools alike (timing all
    the serial repeats first would let one disturbance inflate every speedup)."""
    runs = {
        "serial": lambda: [func(a) for a in args],
        "asyncio": lambda: _run_loop(_async_all(func, args)),
    }
    with contextlib.ExitStack() as pools:
        for workers in WORKER_COUNTS:
            threads = pools.enter_context(ThreadPoolExecutor(workers))
            processes = pools.enter_context(ProcessPoolExecutor(workers))
            list(processes.map(sleep_task, [0.05] * workers))  # start every worker first
            runs[f"threads {workers}"] = lambda pool=threads: list(pool.map(func, args))
            runs[f"processes {workers}"] = lambda pool=processes: list(pool.map(func, args))
        times: dict[str, list[float]] = {name: [] for name in runs}
        for _ in range(REPEATS):
            for name, run in runs.items():
                start = time.perf_counter()
                run()
                times[name].append(time.perf_counter() - start)
    return {
        "serial": times["serial"],
        "asyncio": times["asyncio"],
        "threads": {w: times[f"threads {w}"] for w in WORKER_COUNTS},
        "processes": {w: times[f"processes {w}"] for w in WORKER_COUNTS},
    }


def speedup(serial: list[float], times: list[float]) -> tuple[float, float, float]:
    """(median, lowest, highest) speedup over the median serial time."""
    base = statistics.median(serial)
    values = sorted(base / t for t in times)
    return statistics.median(values), values[0], values[-1]


# --- process start-up, chunksize, convoy -------------------------------------------


def startup_costs(repeats: int = 5 if FAST else 15) -> dict[str, list[float]]:
    costs = {}
    for method in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context(method)
        samples = []
        for _ in range(repeats + 1):
            start = time.perf_counter()
            p = ctx.Process(target=_nothing)
            p.start()
            p.join(timeout=30)
            samples.append(time.perf_counter() - start)
        costs[method] = samples[1:]  # the first forkserver start also starts the server
    return costs


def square(x: int) -> int:
    return x * x


def chunksize_effect(n: int = 2_000 if FAST else 20_000) -> dict:
    numbers = range(n)
    serial = _times(lambda: [square(x) for x in numbers])
    sizes = [1, 10, 100, 1000] + ([] if FAST else [10_000])
    by_size = {}
    with ProcessPoolExecutor(CORES) as pool:
        list(pool.map(sleep_task, [0.05] * CORES))
        for size in sizes:
            by_size[size] = _times(lambda: list(pool.map(square, numbers, chunksize=size)))
    return {"n": n, "serial": serial, "chunksize": by_size}


def convoy_latency(rounds: int = 200 if FAST else 1000) -> dict[str, list[float]]:
    """Round-trip time of a tiny message between two threads, alone and beside a CPU thread."""

    def echo(sock):
        while data := sock.recv(1):
            sock.sendall(data)

    def ping(sock):
        samples = []
        for _ in range(rounds):
            start = time.perf_counter()
            sock.sendall(b"x")
            sock.recv(1)
            samples.append(time.perf_counter() - start)
        return samples

    results = {}
    for label, busy in (("alone", False), ("beside a CPU-bound thread", True)):
        a, b = socket.socketpair()
        stop = threading.Event()
        echo_thread = threading.Thread(target=echo, args=(b,))
        echo_thread.start()
        spinner = threading.Thread(
            target=lambda: [cpu_pure(10_000) for _ in iter(stop.is_set, True)]
        )
        if busy:
            spinner.start()
        results[label] = ping(a)
        stop.set()
        a.close()
        echo_thread.join(timeout=5)
        if busy:
            spinner.join(timeout=5)
        b.close()
    return results


print_machine = lambda: print(machine(), file=sys.stdout)  # noqa: E731
