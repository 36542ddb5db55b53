"""Claims about the examples in examples/decide/, shown on index.md (and on concepts.md)."""

from example_runner.claims import Run, claim


def _row(run: Run, name: str) -> tuple[dict[str, float], str]:
    """The wall time and CPU time (s) and the CPU share (%) of one function's line, and the
    kind of work the line names."""
    found = run.search(
        rf"^{name}\s+wall ([\d.]+) s\s+cpu ([\d.]+) s\s+cpu/wall\s+(\d+)%\s+-> (.*)$"
    )
    times = {"wall": float(found[1]), "cpu": float(found[2]), "share": float(found[3])}
    return times, found[4]


@claim("decide/classify_workload.py")
def sleeping_is_io_bound(run: Run) -> dict[str, float]:
    """A function that sleeps uses almost no CPU time, and is classified I/O-bound."""
    # Sleeping uses no CPU at all: a share under 20% holds whatever the load.
    row, kind = _row(run, "waits")
    run.expect(kind.startswith("I/O-bound"), "the sleeping function is classified I/O-bound")
    return {"waits_wall": row["wall"], "waits_cpu": row["cpu"], "waits_share": row["share"]}


@claim("decide/classify_workload.py", timing=True)
def a_busy_loop_is_cpu_bound(run: Run) -> dict[str, float]:
    """A busy loop uses the CPU for nearly all of its wall time, and is classified
    CPU-bound."""
    # A busy loop uses the CPU for all of its wall time (the bound is 100%), unless
    # another process takes its core; run alone, it stays above the 80% the example
    # calls CPU-bound.
    row, kind = _row(run, "computes")
    run.expect(kind.startswith("CPU-bound"), "the busy loop is classified CPU-bound (over 80%)")
    # Upper bound: that 100% (one thread's CPU time cannot exceed its wall time; 110 for
    # the two clocks ticking separately).
    run.within("cpu/wall of the busy loop, %", row["share"], at_most=110)
    return {
        "computes_wall": row["wall"],
        "computes_cpu": row["cpu"],
        "computes_share": row["share"],
    }
