"""Claims about the examples in examples/interp/, shown on subinterpreters.md."""

from example_runner.claims import Run, claim, parallel_bound


@claim("interp/interpreters_available.py")
def it_reports_what_this_python_has(run: Run) -> dict[str, str]:
    """Before 3.14 this Python has neither concurrent.interpreters nor
    InterpreterPoolExecutor; from 3.14 on it has both."""
    run.expect(
        run.contains(f"Python {run.python.version}"),
        f"it names the Python that ran it, {run.python.version}",
    )
    module = run.search(r"^concurrent\.interpreters\s+(yes|no)$")[1]
    pool = run.search(r"^concurrent\.futures\.InterpreterPoolExecutor\s+(yes|no)$")[1]
    if run.version[:2] < (3, 14):
        run.expect(module == pool == "no", "before 3.14, neither the module nor the executor")
    else:
        # Part of the 3.14 standard library.
        run.expect(module == "yes", "3.14+ has concurrent.interpreters")
    if module == "yes":
        # CPython 3.14+ standard builds have InterpreterPoolExecutor whenever
        # concurrent.interpreters exists. (A build without subinterpreter support, the
        # one case the example guards against, would fail here: its output is then not
        # what the page shows.)
        run.expect(pool == "yes", "with concurrent.interpreters, InterpreterPoolExecutor too")
    private = run.search(r"^private low-level module\s+(.*)$")[1].strip()
    return {
        "concurrent_interpreters": module,
        "interpreter_pool_executor": pool,
        "private_module": private,
    }


def _speedups(run: Run) -> dict[str, float]:
    return {
        kind: float(x)
        for kind, x in run.findall(r"^\d+ (threads|interpreters)\s.*speedup\s+([\d.]+)x")
    }


@claim("interp/interpreter_pool_primes.py")
def it_times_threads_and_interpreters(run: Run) -> None:
    """The same tasks are timed serially, on a thread pool and on an interpreter pool."""
    kinds = set(_speedups(run))
    run.expect(
        kinds == {"threads", "interpreters"},
        f"a speedup for threads and one for interpreters, not {sorted(kinds)}",
    )


@claim("interp/interpreter_pool_primes.py", timing=True)
def interpreters_run_pure_python_in_parallel(run: Run) -> dict[str, float]:
    """An interpreter pool runs pure-Python work faster than a plain loop, each worker
    with its own GIL; a thread pool, sharing one GIL, does not."""
    speedups = _speedups(run)
    workers = int(run.number(r"^(\d+) interpreters\s"))
    # One GIL per interpreter: W workers can reach Wx (2x here). On a shared 2-core
    # machine the second core is often partly taken (1.5-1.9x typical); claim 1.2x.
    # Bound: W interpreters run on min(W, cores) cores: at most min(W, cores)x (1.1 for
    # timer noise).
    run.within(
        "interpreter speedup",
        speedups["interpreters"],
        at_least=1.2 if run.cores >= 2 else None,
        at_most=parallel_bound(run, workers),
    )
    # Bound, with or without the GIL: W threads on min(W, cores) cores.
    run.within("thread speedup", speedups["threads"], at_most=parallel_bound(run, workers))
    if not run.free_threaded:
        # Threads share one GIL: bound 1x; 1.3x would be parallelism, not noise.
        run.within("thread speedup under the GIL", speedups["threads"], at_most=1.3)
    return {
        "interpreter_speedup": speedups["interpreters"],
        "thread_speedup": speedups["threads"],
        "workers": workers,
        "max_speedup": min(workers, run.cores),  # one worker per usable core at best
        "serial": run.number(r"^serial\s+([\d.]+) s"),
        "threads": run.number(r"^\d+ threads\s+([\d.]+) s"),
        "interpreters": run.number(r"^\d+ interpreters\s+([\d.]+) s"),
        "usable_cores": int(run.number(r"(\d+) usable cores")),
    }
