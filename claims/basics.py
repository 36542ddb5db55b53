"""Claims about the examples in examples/basics/, shown on first-look.md."""

from example_runner.claims import Run, claim, parallel_bound


@claim("basics/threads_print_numbers.py")
def each_thread_prints_every_number(run: Run) -> None:
    """Each thread prints Number: 0 to 4, and the main thread waits for both."""
    for name in ("thread-1", "thread-2"):
        numbers = run.findall(rf"{name}: Number: (\d)")
        run.expect(numbers == list("01234"), f"{name} printed 0 to 4 in order, not {numbers}")
    run.expect(
        run.text.rstrip().endswith("both threads finished"),
        "the last line is 'both threads finished' (printed after both joins)",
    )


@claim("basics/processes_print_numbers.py")
def each_process_prints_every_number(run: Run) -> None:
    """Each process prints Number: 0 to 4 once, under the start method in the footer."""
    for name in ("process-1", "process-2"):
        # Lines of two processes may be spliced together; each number still appears once.
        numbers = run.findall(rf"{name}: Number: (\d)")
        run.expect(numbers == list("01234"), f"{name} printed 0 to 4, not {numbers}")
    run.expect(
        run.contains(f"start method: {run.start_method}"),
        f"it names the start method in effect, {run.start_method}",
    )


@claim("basics/print_order_not_guaranteed.py")
def a_pause_lets_threads_interleave(run: Run) -> dict[str, int]:
    """With a pause between lines, more than one order of the two threads' lines is seen."""
    counts = [int(n) for n in run.findall(r"(\d+) different order")]
    run.expect(len(counts) == 2, "two lines count the orders seen")
    # With a pause between lines the other thread gets turns: the strict order "all of a,
    # then all of b" is no longer the only one seen in 200 runs.
    run.expect(counts[1] >= 2 or run.contains("a0 b0"), "the paused threads interleaved")
    return {"orders_without_pause": counts[0], "orders_with_pause": counts[1]}


def _times(run: Run) -> dict[str, float]:
    return {
        label: float(t)
        for label, t in run.findall(r"^(serial|\d+ threads|\d+ processes)\s+([\d.]+) s")
    }


@claim("basics/cpu_bound_threads_vs_processes.py", timing=True)
def processes_beat_threads_on_pure_python(run: Run) -> dict[str, float]:
    """Processes finish pure-Python work faster than threads, which are no faster than a
    plain loop (on two or more cores, in the default build)."""
    times = _times(run)
    run.expect(len(times) == 3, "three timings: serial, threads, processes")
    workers = int(run.number(r"^(\d+) tasks of"))
    serial = times["serial"]
    threads = next(v for k, v in times.items() if k.endswith("threads"))
    processes = next(v for k, v in times.items() if k.endswith("processes"))
    # W = max(2, cores) equal tasks on W workers. Processes: at best min(W, cores) times
    # serial speed; threads under the GIL: at best 1x, as one thread computes at a time.
    # So threads / processes is at most min(W, cores). Claim 1.3x: room for a busy core.
    process_speedup = serial / processes
    run.within("process speedup", process_speedup, at_most=parallel_bound(run, workers))
    if run.cores >= 2:
        run.within(
            "threads / processes",
            threads / processes,
            at_least=1.3,
            at_most=parallel_bound(run, workers) * 1.3,
        )
    if not run.free_threaded:
        # Under the GIL threads cannot beat serial (bound 1x); 1.3x would mean the tasks
        # did run in parallel, which is the claim's opposite, not noise.
        run.within("thread speedup", serial / threads, at_most=1.3)
    # The speedups as printed (from the unrounded times), so the prose quotes the output.
    return {
        "thread_speedup": run.number(r"^\d+ threads .*speedup\s+([\d.]+)x"),
        "process_speedup": run.number(r"^\d+ processes .*speedup\s+([\d.]+)x"),
        "workers": workers,
        "cores": run.cores,
    }


@claim("basics/io_bound_threads_loopback.py", timing=True)
def threads_overlap_waiting(run: Run) -> dict[str, float]:
    """Ten threads overlap the twenty requests' waits: several times faster than one at a
    time, and never faster than two rounds of waiting allow."""
    requests, wait = run.search(r"^(\d+) requests, each waiting ([\d.]+) s").groups()
    serial = run.number(r"one at a time\s+([\d.]+) s")
    threaded = run.number(r"10 threads\s+([\d.]+) s")
    ideal = int(requests) / 10 * float(wait)  # 10 threads: rounds of overlapping waits
    # Every request waits 0.1 s on the server: 20 in a row take at least 2 s.
    run.within("serial time", serial, at_least=20 * 0.1)
    # 10 threads: two rounds of overlapping waits, 0.2 s at least, so a bound of 10x on any
    # number of cores (1.1 for timer noise). Claim 3x: the HTTP handling (a few ms a
    # request) may slow down several times on a busy machine before the claim fails.
    run.within("speedup", serial / threaded, at_least=3, at_most=10 * 1.1)
    return {
        "speedup": run.number(r"10 threads .*speedup\s+([\d.]+)x"),
        "serial": serial,
        "threaded": threaded,
        "ideal": ideal,
        "rounds": int(requests) // 10,
    }
