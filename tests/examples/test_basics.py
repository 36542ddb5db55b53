"""The claims of the first-look page, checked on the output of its examples."""

import re

from ..support import examples_of


@examples_of("basics/threads_print_numbers.py")
def test_each_thread_prints_every_number(result):
    out = result.stdout
    for name in ("thread-1", "thread-2"):
        assert re.findall(rf"{name}: Number: (\d)", out) == list("01234")
    assert out.rstrip().endswith("both threads finished")


@examples_of("basics/processes_print_numbers.py")
def test_each_process_prints_every_number(result):
    for name in ("process-1", "process-2"):
        # Lines of two processes may be spliced together; each number still appears once per process.
        assert re.findall(rf"{name}: Number: (\d)", result.stdout) == list("01234")
    assert f"start method: {result.start_method}" in result.stdout


@examples_of("basics/print_order_not_guaranteed.py")
def test_blocking_call_lets_threads_interleave(result):
    out = result.stdout
    counts = [int(n) for n in re.findall(r"(\d+) different order", out)]
    assert len(counts) == 2
    # With a pause between lines the other thread gets turns: the strict order "all of a,
    # then all of b" is no longer the only one seen in 200 runs.
    assert counts[1] >= 2 or "a0 b0" in out


def _times(out):
    return {
        label: float(t)
        for label, t in re.findall(r"^(serial|\d+ threads|\d+ processes)\s+([\d.]+) s", out, re.M)
    }


@examples_of("basics/cpu_bound_threads_vs_processes.py")
def test_processes_beat_threads_on_pure_python_cpu_work(timing):
    def check(result):
        times = _times(result.stdout)
        assert len(times) == 3, result.stdout
        serial = times["serial"]
        threads = next(v for k, v in times.items() if k.endswith("threads"))
        processes = next(v for k, v in times.items() if k.endswith("processes"))
        # W = max(2, cores) equal tasks on W workers. Processes: at best W x serial speed
        # (2x here); threads under the GIL: at best 1x, as one thread computes at a time.
        # So threads / processes is at most W. Claim 1.3x: room for a busy second core.
        if result.cores >= 2:
            assert threads / processes >= 1.3, result.stdout
        if "free-threaded" not in result.interpreter:
            # Under the GIL threads cannot beat serial (bound 1x); 1.3x would mean the
            # tasks did run in parallel, which is the claim's opposite, not noise.
            assert serial / threads < 1.3, (
                "threads should not speed up pure-Python work under the GIL"
            )

    timing(check)


@examples_of("basics/io_bound_threads_loopback.py")
def test_threads_overlap_waiting(timing):
    def check(result):
        out = result.stdout
        serial = float(re.search(r"one at a time\s+([\d.]+) s", out)[1])
        threaded = float(re.search(r"10 threads\s+([\d.]+) s", out)[1])
        # Every request waits 0.1 s on the server: 20 in a row take at least 2 s.
        assert serial >= 20 * 0.1, out
        # 10 threads: two rounds of overlapping waits, 0.2 s at best, so a bound of 10x on
        # any number of cores. Claim 3x: the HTTP handling (a few ms a request) may slow
        # down several times on a busy machine before the claim fails.
        assert serial / threaded >= 3, out

    timing(check)
