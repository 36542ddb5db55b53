"""The claims of benchmarking.md, checked on the output of its examples."""

import re

import pytest

from ..support import jobs_of, passing, timing_claim


def _version(result):
    return tuple(int(p) for p in result.python_version.split(".")[:2])


def _harness_rows(out):
    return {
        name.strip(): tuple(map(float, values))
        for name, *values in re.findall(
            r"^(serial|thread pool)\s+median ([\d.]+) s\s+min ([\d.]+) s\s+max ([\d.]+) s$",
            out,
            re.M,
        )
    }


@pytest.mark.parametrize("job", jobs_of("bench/harness.py"), ids=str)
def test_harness_reports_the_environment_and_a_median_with_its_spread(job, example_runs):
    result = passing(example_runs, job)
    out = result.stdout
    assert re.search(rf"^Python\s+\w+ {re.escape(result.python_version)}$", out, re.M), out
    cores = re.search(r"^cores\s+os\.cpu_count\(\) (\d+)(.*)$", out, re.M)
    assert cores, out
    if _version(result) >= (3, 13):
        assert "os.process_cpu_count()" in cores[2], out
    else:
        assert "os.process_cpu_count()" not in out
    assert re.search(r"^start method\s+(fork|spawn|forkserver)\b", out, re.M), out
    gil = re.search(r"^GIL\s+(default|free-threaded) build, GIL enabled: (True|False)$", out, re.M)
    assert gil, out
    if gil[1] == "default":
        assert gil[2] == "True"

    def check(result):
        rows = _harness_rows(result.stdout)
        assert set(rows) == {"serial", "thread pool"}, result.stdout
        for median, low, high in rows.values():
            assert low <= median <= high
        # Eight sleeps of 0.02 s one after another cannot take less than 0.16 s.
        assert rows["serial"][1] >= 0.15, result.stdout
        # On threads the eight waits overlap: ~7x expected, whatever the number of cores.
        assert rows["serial"][0] / rows["thread pool"][0] >= 3, result.stdout

    timing_claim(example_runs, job, check)


@pytest.mark.parametrize("job", jobs_of("bench/first_run_includes_startup.py"), ids=str)
def test_first_map_on_a_new_process_pool_includes_starting_the_workers(job, example_runs):
    result = passing(example_runs, job)
    assert f"start method {result.start_method}" in result.stdout

    def check(result):
        out = result.stdout
        first = float(re.search(r"^run 1 \(starts the workers\)\s+([\d.]+) s", out, re.M)[1])
        rest = float(re.search(r"^runs 2-5, median\s+([\d.]+) s", out, re.M)[1])
        # fork copies the parent: cheap (~4x expected). spawn and forkserver start fresh
        # interpreters that import the main module (~25x expected).
        factor = 1.5 if result.start_method == "fork" else 4
        assert first >= factor * rest, out

    timing_claim(example_runs, job, check)


def _task_times(out):
    rows = re.findall(r"^(\w+), ([\d,]+) (?:call|tasks)\s+([\d.]+) s", out, re.M)
    return {f"{kind} {size}": float(t) for kind, size, t in rows}


@pytest.mark.parametrize("job", jobs_of("bench/small_tasks_lose.py"), ids=str)
def test_tiny_tasks_lose_to_serial_and_big_tasks_win_in_processes(job, example_runs):
    result = passing(example_runs, job)
    assert f"start method {result.start_method}" in result.stdout

    def check(result):
        out = result.stdout
        t = _task_times(out)
        assert set(t) == {
            "serial 1",
            "threads 10,000",
            "threads 4",
            "processes 10,000",
            "processes 4",
        }, out
        serial = t["serial 1"]
        # 10,000 round trips between processes cost far more than the work (~7x expected).
        assert t["processes 10,000"] >= 2 * serial, out
        assert t["processes 10,000"] >= 3 * t["processes 4"], out
        assert t["processes 10,000"] > t["threads 10,000"], out  # pickling and pipes cost most
        if "free-threaded" not in result.python:
            # Under the GIL: per-task overhead and no parallelism (~1.5-3x expected).
            assert t["threads 10,000"] >= 1.1 * serial, out
            assert serial / t["threads 4"] < 1.3, out  # big tasks on threads: no speedup
        if result.cores >= 2:
            assert serial / t["processes 4"] >= 1.3, out  # ~1.6-2x expected on 2 free cores

    timing_claim(example_runs, job, check)


def _summaries(out):
    return {
        name.strip(): tuple(map(float, values))
        for name, *values in re.findall(
            r"^(alone|beside a busy thread)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)$", out, re.M
        )
    }


@pytest.mark.parametrize("job", jobs_of("bench/median_vs_mean.py"), ids=str)
def test_median_and_mean_of_repeated_timings(job, example_runs):
    result = passing(example_runs, job)
    rows = _summaries(result.stdout)
    assert set(rows) == {"alone", "beside a busy thread"}, result.stdout
    for low, median, mean, high in rows.values():
        assert low <= median <= high, result.stdout
        assert low <= mean <= high, result.stdout

    def check(result):
        rows = _summaries(result.stdout)
        # The median barely moves when a few runs are disturbed; a wide margin all the same.
        assert rows["beside a busy thread"][1] <= 1.5 * rows["alone"][1], result.stdout

    timing_claim(example_runs, job, check)


@pytest.mark.parametrize("job", jobs_of("bench/gil_sampling_profiler.py"), ids=str)
def test_gil_mode_profile_shows_the_cpu_thread(job, example_runs):
    out = passing(example_runs, job).stdout  # skipped before Python 3.15
    assert "python -m profiling.sampling run --mode gil -a" in out
    if "no profile: permission denied" in out:
        return  # this machine does not let the profiler read another process's memory
    assert "crunch" in out, out
