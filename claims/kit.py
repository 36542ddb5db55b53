"""Claims about the benchmark kit's run on the build machine (docs/kit.py, the results page)."""

from example_runner.claims import Run, claim

_ROW = r"^(pure-Python CPU|hashlib sha256|sleep \(I/O\))\s+(\d+)\s+(\S+)\s+(\S+)\s+(\S+)$"


def _speedup(cell: str) -> float | None:
    return None if cell == "-" else float(cell.rstrip("x"))


@claim("kit.py", timing=True)
def kit_speedups_are_possible_and_as_the_page_says(run: Run) -> dict[str, float]:
    """Each speedup lies within what its workers and the usable cores allow; processes
    speed up pure-Python work on two cores and threads do not (with the GIL)."""
    cores = int(run.number(r"^Usable cores\s+(\d+)"))
    gil = run.contains("GIL enabled")
    rows = run.findall(_ROW)
    run.expect(len(rows) >= 5, "a row per workload and worker count")
    best: dict[str, float] = {}
    for name, workers, *cells in rows:
        w = int(workers)
        threads, processes, asyncio = (_speedup(c) for c in cells)
        # CPU work and hashing: at most one worker per usable core (x 1.1 for timer
        # noise). Sleeps overlap on any number of cores: at most one per worker.
        bound = (w if name == "sleep (I/O)" else min(w, cores)) * 1.1
        for kind, value in (("threads", threads), ("processes", processes), ("asyncio", asyncio)):
            if value is not None:
                run.within(f"{name}, {w} workers, {kind}", value, at_most=bound)
        if name == "pure-Python CPU" and w == cores and cores >= 2:
            assert processes is not None
            # W = cores processes: at most W x; 1.5-1.9x typical on two shared cores.
            run.within(f"pure-Python CPU, {w} processes", processes, at_least=1.2)
            if gil:
                assert threads is not None
                # Threads under the GIL: bound 1x; 1.3x would be parallelism, not noise.
                run.within(f"pure-Python CPU, {w} threads", threads, at_most=1.3)
            best["cpu_processes"] = processes
        if name == "sleep (I/O)" and threads is not None:
            best["sleep_threads"] = threads
    return best
