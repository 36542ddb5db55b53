# /// script
# requires-python = ">=3.10"
# dependencies = []
# ///
"""Benchmark kit: measure threads, processes and asyncio on your own machine.

The guide "Threads vs processes in Python" prints numbers measured on its 2-core build
machine. This script measures the same headline workloads on yours, with the standard
library only:

    python kit.py                       # about half a minute; prints a header and a table
    python kit.py --json result.json    # also writes the result as JSON (to contribute it)
    python kit.py --cores 1             # Linux: use only 1 core (repeat for 2, 4, ...)
    uv run kit.py                       # the same, in an environment uv makes

What it measures, each against a plain serial loop over the same tasks:

- pure-Python CPU work on threads and on processes (under the GIL, only processes scale);
- hashlib sha256 on large buffers on threads (hashlib releases the GIL while it hashes);
- sleep-bound "I/O" on threads and on one asyncio event loop (waiting needs no core);
- the cost of starting one process with each start method this platform offers.

How: every workload runs with 1 worker and with N workers, N being the usable cores (at
least 2); the sleeps also with 2N, since waiting needs no core. Pools are started and
warmed up before timing, so speedups leave start-up out (it is measured on its own). Each
round times every variant once, in a rotating order, and the table shows the median of the
rounds: a busy moment of the machine hurts all variants alike. A speedup is the serial
median divided by the variant's median; above 1 is faster than the plain loop.

`--json` writes the header's facts and the table as JSON; `--source` says who ran it
("reader", the default, or "build machine" / "github workflow", optionally followed by
": some detail"). The site collects such files into a table of machines.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import platform
import statistics
import sys
import sysconfig
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from contextlib import ExitStack
from datetime import datetime, timezone

KIT_VERSION = "1.0"
SOURCES = ("build machine", "github workflow", "reader")
TIMEOUT = 120.0  # seconds for one batch of tasks: far above any normal run, but bounded
MIB = 2**20

# Total work per batch, the same on every machine, split into one equal share per worker:
# a run takes about as long on 16 cores as on 2. (full size, --quick size)
SIZES = {
    "rounds": (5, 3),
    "cpu_iterations": (4_000_000, 400_000),  # about 0.5 s serial on the build machine
    "hash_buffer": (16 * MIB, 4 * MIB),  # hashlib releases the GIL above 2 KiB
    "hash_tasks": (32, 8),
    "sleep_total": (0.16, 0.04),  # seconds of sleeping in a serial batch
    "startup_rounds": (10, 3),
}


# --- Workloads: module-level functions, so that spawn and forkserver can import them ----


def cpu_pure(n: int) -> int:
    """Pure-Python arithmetic: holds the GIL the whole time."""
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def sha256_buffer(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()  # releases the GIL for large buffers


def sleep_task(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def payload(size: int) -> bytes:
    """Compressible but not trivial bytes, like real data."""
    chunk = os.urandom(4096) + bytes(4096)
    return (chunk * (size // len(chunk) + 1))[:size]


def nothing() -> None:
    """The target of a process whose start-up alone is timed."""


async def sleep_all(seconds: list[float], limit: int) -> list[float]:
    """asyncio's version of sleep_task on `limit` workers: at most `limit` sleeps at once."""
    import asyncio  # imported where used: see bench_startup

    gate = asyncio.Semaphore(limit)

    async def one(s: float) -> float:
        async with gate:
            await asyncio.sleep(s)
            return s

    return await asyncio.gather(*(one(s) for s in seconds))


# --- The machine ------------------------------------------------------------------------


def usable_cores() -> int:
    """CPUs this process may run on: what a speedup can approach."""
    if hasattr(os, "process_cpu_count"):  # 3.13+: affinity-aware on every platform
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):  # Linux before 3.13
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1  # the whole machine: may overstate what we can use


def environment() -> dict:
    free_threaded = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
    # A free-threaded build can still run with the GIL (PYTHON_GIL=1, or an extension
    # module that needs it): ask the running interpreter, where it can tell (3.13+).
    gil_enabled = sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else True
    return {
        "python": {
            "implementation": platform.python_implementation(),
            "version": platform.python_version(),
            "free_threaded": free_threaded,
            "gil_enabled": gil_enabled,
        },
        "platform": {
            "system": platform.system(),
            "machine": platform.machine(),
            "release": platform.release(),
        },
        "cores": usable_cores(),
        "default_start_method": multiprocessing.get_start_method(),
    }


# --- Timing -----------------------------------------------------------------------------


def time_variants(variants: dict, rounds: int) -> dict[str, float]:
    """Median seconds of each variant (name -> function running one whole batch).

    Each variant runs once untimed first (threads and processes start, lazy imports
    happen) and must return what the serial one ("serial", listed first) returns.
    """
    names = list(variants)
    expected = variants[names[0]]()
    for name in names[1:]:
        if list(variants[name]()) != list(expected):
            raise RuntimeError(f"{name} returned a different result from the serial loop")
    samples: dict[str, list[float]] = {name: [] for name in names}
    for r in range(rounds):
        # Rotate the order, so no variant always runs right after a heavy one.
        for name in names[r % len(names) :] + names[: r % len(names)]:
            start = time.perf_counter()
            variants[name]()
            samples[name].append(time.perf_counter() - start)
    return {name: statistics.median(times) for name, times in samples.items()}


def on_pool(pool, func, args):
    """A variant: the whole batch on one pool; map's timeout bounds the wait."""
    return lambda: list(pool.map(func, args, timeout=TIMEOUT))


def row(name, workers, medians, serial, threads=None, processes=None, aio=None) -> dict:
    """One table row: each named variant's speedup over serial (None: not measured)."""

    def speedup(variant):
        return None if variant is None else round(serial / medians[variant], 3)

    return {
        "name": name,
        "workers": workers,
        "threads_speedup": speedup(threads),
        "processes_speedup": speedup(processes),
        "asyncio_speedup": speedup(aio),
    }


def batch(workers: int, at_least: int) -> int:
    """Smallest multiple of `workers` that is >= at_least: every worker gets equal shares."""
    return -(-at_least // workers) * workers


# --- The benchmarks ---------------------------------------------------------------------


def bench_cpu(n_workers: int, size: int, rounds: int) -> list[dict]:
    tasks = batch(n_workers, 8)
    args = [SIZES["cpu_iterations"][size] // tasks] * tasks
    with ExitStack() as stack:
        variants = {"serial": lambda: [cpu_pure(a) for a in args]}
        # Process pools first: with fork, fewer threads exist in the parent when it forks.
        for w in (1, n_workers):
            pool = stack.enter_context(ProcessPoolExecutor(w))
            variants[f"processes {w}"] = on_pool(pool, cpu_pure, args)
        for w in (1, n_workers):
            pool = stack.enter_context(ThreadPoolExecutor(w))
            variants[f"threads {w}"] = on_pool(pool, cpu_pure, args)
        m = time_variants(variants, rounds)
    return [
        row("pure-Python CPU", w, m, m["serial"], f"threads {w}", f"processes {w}")
        for w in (1, n_workers)
    ]


def bench_hash(n_workers: int, size: int, rounds: int) -> list[dict]:
    tasks = batch(n_workers, SIZES["hash_tasks"][size])
    args = [payload(SIZES["hash_buffer"][size])] * tasks  # one buffer, hashed `tasks` times
    with ExitStack() as stack:
        variants = {"serial": lambda: [sha256_buffer(a) for a in args]}
        for w in (1, n_workers):
            pool = stack.enter_context(ThreadPoolExecutor(w))
            variants[f"threads {w}"] = on_pool(pool, sha256_buffer, args)
        m = time_variants(variants, rounds)
    return [row("hashlib sha256", w, m, m["serial"], f"threads {w}") for w in (1, n_workers)]


def bench_sleep(n_workers: int, size: int, rounds: int) -> list[dict]:
    import asyncio  # imported where used: see bench_startup

    counts = (1, n_workers, 2 * n_workers)  # waiting needs no core: more workers than cores
    tasks = batch(counts[-1], 8)
    args = [max(0.002, SIZES["sleep_total"][size] / tasks)] * tasks
    with ExitStack() as stack:
        loop = asyncio.new_event_loop()  # one loop for every round, like one pool
        stack.callback(loop.close)
        variants = {"serial": lambda: [sleep_task(a) for a in args]}
        for w in counts:
            pool = stack.enter_context(ThreadPoolExecutor(w))
            variants[f"threads {w}"] = on_pool(pool, sleep_task, args)
            variants[f"asyncio {w}"] = lambda w=w: loop.run_until_complete(
                asyncio.wait_for(sleep_all(args, w), TIMEOUT)
            )
        m = time_variants(variants, rounds)
    return [
        row("sleep (I/O)", w, m, m["serial"], f"threads {w}", aio=f"asyncio {w}") for w in counts
    ]


def bench_startup(rounds: int) -> dict[str, float]:
    """Milliseconds to start a process that does nothing and wait for it, per start method.

    spawn (and forkserver before 3.14) import the main module, this script, again in the
    child: that is why asyncio, the heaviest import, is imported only where it is used.
    """
    methods = multiprocessing.get_all_start_methods()

    def start_one(method: str) -> float:
        start = time.perf_counter()
        process = multiprocessing.get_context(method).Process(target=nothing)
        process.start()
        process.join(timeout=30)
        if process.is_alive():
            process.kill()
            raise RuntimeError(f"a {method} process did not end within 30 s")
        return time.perf_counter() - start

    for method in methods:
        start_one(method)  # untimed: the first forkserver start also starts its server
    samples: dict[str, list[float]] = {m: [] for m in methods}
    for r in range(rounds):
        for method in methods[r % len(methods) :] + methods[: r % len(methods)]:
            samples[method].append(start_one(method))
    return {m: round(statistics.median(s) * 1000, 2) for m, s in samples.items()}


# --- The report -------------------------------------------------------------------------


def header(result: dict) -> str:
    py, plat = result["python"], result["platform"]
    build = "free-threaded build" if py["free_threaded"] else "default build (with a GIL)"
    gil = "enabled" if py["gil_enabled"] else "disabled"
    detail = f": {result['source_detail']}" if "source_detail" in result else ""
    return "\n".join(
        [
            f"Benchmark kit {result['kit_version']}"
            + (" [quick mode: small sizes, not for publishing]" if result["quick"] else ""),
            f"Python        {py['implementation']} {py['version']}, {build}, GIL {gil}",
            f"Platform      {plat['system']} {plat['release']} {plat['machine']}",
            f"Usable cores  {result['cores']} (the machine has {os.cpu_count()})",
            f"Start method  {result['default_start_method']} by default",
            f"Rounds        {result['rounds']} per measurement, variants alternated; medians",
            f"Source        {result['source']}{detail}",
        ]
    )


def table(result: dict) -> str:
    def cell(value, width):
        return f"{'-':>{width}}" if value is None else f"{value:{width - 1}.2f}x"

    lines = [
        f"speedup over serial (median of {result['rounds']} rounds):",
        f"{'workload':18} {'workers':>7} {'threads':>8} {'processes':>10} {'asyncio':>8}",
    ]
    for r in result["workloads"]:
        lines.append(
            f"{r['name']:18} {r['workers']:7} {cell(r['threads_speedup'], 8)} "
            f"{cell(r['processes_speedup'], 10)} {cell(r['asyncio_speedup'], 8)}"
        )
    lines += ["", "process start-up (start + join, median):"]
    lines += [f"{method:11} {ms:7.1f} ms" for method, ms in result["startup_ms"].items()]
    return "\n".join(lines)


def notes(result: dict) -> list[str]:
    """What the numbers say about this machine: read from them, not assumed from the build."""
    if result["cores"] < 2:
        return ["Only 1 usable core: no two tasks could run at the same time."]
    if result["quick"]:
        return ["Quick mode: batches this small say little; run without --quick to measure."]
    cpu = [r for r in result["workloads"] if r["name"] == "pure-Python CPU"][-1]  # N workers
    threads, processes, n = cpu["threads_speedup"], cpu["processes_speedup"], cpu["workers"]
    gil = result["python"]["gil_enabled"]
    if threads >= 1.3 and not gil:
        out = [f"Threads ran pure-Python code in parallel: {threads:.2f}x on {n} threads."]
    elif threads >= 1.3:  # one thread at a time runs Python code: this was noise
        out = [f"Threads showed {threads:.2f}x despite the GIL: a disturbance? Run again."]
    elif gil:
        out = ["Threads did not speed up pure-Python code: the GIL runs one at a time."]
    else:
        out = ["Threads did not speed up pure-Python code, although the GIL is off."]
    if processes < 1.2:
        out.append("Processes barely beat the serial loop: was the machine busy? Run again.")
    elif processes > n * 1.1:  # n processes cannot do more than n times the work
        out.append(
            f"Processes showed {processes:.2f}x on {n} workers, more than {n} can give: the"
            " serial rounds ran slower (a busy moment, a slower core?). Run again."
        )
    return out


# --- Command line -----------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Measure threads, processes and asyncio speedups on this machine.",
        epilog="Standard library only; Python 3.10+. Nothing is sent anywhere.",
    )
    parser.add_argument("--json", metavar="PATH", help="also write the result to PATH as JSON")
    parser.add_argument(
        "--quick", action="store_true", help="small sizes, a few seconds (for tests)"
    )
    parser.add_argument(
        "--cores",
        type=int,
        metavar="N",
        help="run on N cores only (Linux: CPU affinity), to add a row per core count",
    )
    parser.add_argument(
        "--source",
        default="reader",
        metavar="TEXT",
        help=f"where the result comes from: one of {', '.join(SOURCES)}, optionally "
        "followed by ': detail' (default: reader)",
    )
    args = parser.parse_args(argv)
    kind, _, detail = args.source.partition(":")
    if kind.strip() not in SOURCES:
        parser.error(f"--source must start with one of: {', '.join(SOURCES)}")
    args.source, args.source_detail = kind.strip(), detail.strip()
    if args.cores is not None:
        if not hasattr(os, "sched_setaffinity"):
            parser.error("--cores needs os.sched_setaffinity (Linux); this OS has none")
        if not 1 <= args.cores <= len(os.sched_getaffinity(0)):
            parser.error(f"--cores must be between 1 and {len(os.sched_getaffinity(0))}")
    return args


def run(args: argparse.Namespace) -> dict:
    size = 1 if args.quick else 0
    rounds = SIZES["rounds"][size]
    result = {
        "kit_version": KIT_VERSION,
        "generated_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "source": args.source,
        **({"source_detail": args.source_detail} if args.source_detail else {}),
        **environment(),
        "quick": args.quick,
        "rounds": rounds,
    }
    print(header(result), flush=True)
    # N workers: one per usable core, and at least 2 so that a 1-core run shows the cost
    # of trying. Windows allows at most 61 processes in one pool.
    n_workers = max(2, result["cores"])
    if sys.platform == "win32":
        n_workers = min(n_workers, 61)
    # Start-up first, while this process has no other threads (fork copies only the
    # calling thread; Python 3.12+ warns when others exist).
    startup = bench_startup(SIZES["startup_rounds"][size])
    result["workloads"] = (
        bench_cpu(n_workers, size, rounds)
        + bench_hash(n_workers, size, rounds)
        + bench_sleep(n_workers, size, rounds)
    )
    result["startup_ms"] = startup
    return result


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.cores:
        # Now, before any thread or process exists: they all inherit this set of CPUs, and
        # os.process_cpu_count() and sched_getaffinity() report it.
        os.sched_setaffinity(0, sorted(os.sched_getaffinity(0))[: args.cores])
    began = time.perf_counter()
    try:
        result = run(args)
    except (FuturesTimeout, RuntimeError) as exc:
        print(f"kit: {str(exc) or 'a batch did not finish in time'}", file=sys.stderr)
        return 1
    finally:
        for child in multiprocessing.active_children():  # nothing left running, even
            child.kill()  # after an error or Ctrl-C
            child.join(timeout=5)
    print()
    print(table(result))
    print()
    print("\n".join(notes(result)))
    print(f"\nFinished in {time.perf_counter() - began:.0f} s.")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(result, out, indent=2)
            out.write("\n")
        print(f"Wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
