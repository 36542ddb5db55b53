"""The claims of the concepts page, checked on the output of its examples."""

import re

import pytest

from ..support import jobs_of, passing, timing_claim


def _overlaps(out):
    """Title of each timeline -> share of its busy columns in which both workers were busy."""
    found = re.findall(
        r"^(two \w+, \w+ steps)\n.*?busy in (\d+)% of the busy columns", out, re.M | re.S
    )
    return {title: int(pct) for title, pct in found}


@pytest.mark.parametrize("job", jobs_of("concepts/cpu_vs_io_timeline.py"), ids=str)
def test_threads_interleave_cpu_work_overlap_waits(job, example_runs):
    result = passing(example_runs, job)
    for row in re.findall(r"^  [AB] \|([#.]+)\|$", result.stdout, re.M):
        assert "#" in row  # every worker of the three runs appears on the timeline

    def check(result):
        overlap = _overlaps(result.stdout)
        assert set(overlap) == {
            "two threads, CPU steps",
            "two threads, waiting steps",
            "two processes, CPU steps",
        }, result.stdout
        # Under the GIL two computing threads take turns: they rarely share a millisecond.
        assert overlap["two threads, CPU steps"] <= 40, result.stdout
        # Waiting overlaps, on any number of cores.
        assert overlap["two threads, waiting steps"] >= 70, result.stdout
        if result.cores >= 2:  # processes compute at the same time, given two free cores
            assert overlap["two processes, CPU steps"] >= 60, result.stdout

    timing_claim(example_runs, job, check)


@pytest.mark.parametrize("job", jobs_of("concepts/start_cost_thread_process_task.py"), ids=str)
def test_tasks_start_faster_than_threads_faster_than_processes(job, example_runs):
    def check(result):
        out = result.stdout
        cost = {
            label.strip(): float(us.replace(",", ""))
            for label, us in re.findall(r"^  (\S.*?)\s+([\d,]+) µs", out, re.M)
        }
        processes = [v for k, v in cost.items() if k.startswith("process (")]
        assert processes, out
        assert cost["asyncio task"] < cost["thread"] < min(processes), out
        if "process (fork)" in cost and "process (spawn)" in cost:
            assert cost["process (spawn)"] > 2 * cost["process (fork)"], out

    timing_claim(example_runs, job, check)


@pytest.mark.parametrize("job", jobs_of("concepts/amdahl.py"), ids=str)
def test_speedup_follows_amdahls_law(job, example_runs):
    def check(result):
        out = result.stdout
        p = float(re.search(r"parallel fraction p = ([\d.]+)", out)[1])
        measured = float(re.search(r"measured speedup ([\d.]+)x", out)[1])
        predicted = float(re.search(r"prediction for 2 workers.*?([\d.]+)x$", out, re.M)[1])
        limit = float(re.search(r"limit for any number of workers.*?([\d.]+)x$", out, re.M)[1])
        assert 0.5 < p < 0.95, out  # the job has a real serial part and a real parallel part
        assert predicted < 2 and predicted < limit, out
        assert measured <= predicted * 1.15, out  # Amdahl's law is an upper bound
        if result.cores >= 2:
            assert measured >= 1.2, out

    timing_claim(example_runs, job, check)
