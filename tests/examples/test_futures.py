"""The claims of the concurrent.futures page, checked on the output of its examples."""

import re

import pytest

from ..support import jobs_of, passing


def _version(result):
    return tuple(int(p) for p in result.python_version.split(".")[:2])


def _arrivals(out, label):
    line = re.search(rf"^{label} order:\s+(.*)$", out, re.M)[1]
    return [(name, float(t)) for name, t in re.findall(r"(\w)@([\d.]+)s", line)]


@pytest.mark.parametrize("job", jobs_of("futures/threadpool_as_completed.py"), ids=str)
def test_as_completed_yields_in_completion_order_map_in_input_order(job, example_runs):
    out = passing(example_runs, job).stdout
    # The sleeps differ by 0.1 s or more: completion order is shortest sleep first.
    assert [name for name, _ in _arrivals(out, "as_completed")] == list("bdca")
    mapped = _arrivals(out, "map")
    assert [name for name, _ in mapped] == list("abcd")
    # map hands out nothing before the slowest first item (0.45 s) is done.
    assert min(t for _, t in mapped) >= 0.4


@pytest.mark.parametrize("job", jobs_of("futures/exceptions_surface_on_result.py"), ids=str)
def test_exceptions_surface_only_on_result_or_iteration(job, example_runs):
    result = passing(example_runs, job)
    out = result.stdout
    assert "done=True, nothing raised yet" in out
    assert "result() raised: ValueError" in out
    frames = re.search(r"^traceback frames: (.*)$", out, re.M)[1].split(" > ")
    assert frames[0] == "main" and frames[-1] == "parse"  # caller's frame to worker's frame
    # map yields the results before the failed item, then raises.
    assert re.findall(r"map yielded (\d)", out) == ["1", "2"]
    assert out.index("map() returned without raising") < out.index("map raised while iterating")
    assert "with-block exited normally" in out
    assert "its __cause__ is _RemoteTraceback, worker frames:" in out
    assert out.rstrip().endswith("> parse")
    assert result.stderr == ""  # the never-consumed error was reported nowhere


@pytest.mark.parametrize("job", jobs_of("futures/max_workers_defaults.py"), ids=str)
def test_max_workers_defaults_follow_the_cpu_count(job, example_runs):
    result = passing(example_runs, job)
    out = result.stdout
    cpu_count = int(re.search(r"os\.cpu_count\(\)\s+(\d+)", out)[1])
    process_count = re.search(r"os\.process_cpu_count\(\)\s+(\d+)", out)
    if _version(result) >= (3, 13):
        n = int(process_count[1])
    else:
        assert process_count is None
        n = cpu_count
    threads = int(re.search(r"ThreadPoolExecutor\(\) workers\s+(\d+)", out)[1])
    processes = int(re.search(r"ProcessPoolExecutor\(\) workers\s+(\d+)", out)[1])
    assert threads == min(32, n + 4)
    assert processes == n
    if _version(result) >= (3, 13):
        assert "with -X cpu_count=1: ThreadPoolExecutor 5, ProcessPoolExecutor 1" in out


@pytest.mark.parametrize("job", jobs_of("futures/processpool_primes.py"), ids=str)
def test_process_pool_speeds_up_pure_python_cpu_work(job, example_runs):
    result = passing(example_runs, job)
    speedup = float(re.search(r"processes\s+[\d.]+ s\s+speedup ([\d.]+)x", result.stdout)[1])
    if result.cores >= 2:
        assert speedup >= 1.3, result.stdout


def _chunk_times(out):
    serial = float(re.search(r"serial loop\s+([\d.]+) s", out)[1])
    chunks = {
        int(size.replace(",", "")): float(t)
        for size, t in re.findall(r"chunksize ([\d,]+)\s+([\d.]+) s", out)
    }
    return serial, chunks


@pytest.mark.parametrize("job", jobs_of("futures/chunksize_effect.py"), ids=str)
def test_chunksize_one_is_slow_for_tiny_tasks(job, example_runs):
    out = passing(example_runs, job).stdout
    serial, chunks = _chunk_times(out)
    assert set(chunks) == {1, 100, 10_000}
    # One message per call: expected about 100x slower than big chunks; 5x is a safe margin.
    assert chunks[1] >= 5 * chunks[10_000], out
    assert chunks[1] >= 3 * chunks[100], out
    # Tiny tasks are not worth sending anywhere: the plain loop wins.
    assert serial * 10 < chunks[1], out
    assert serial < chunks[10_000], out  # even one big chunk costs more than the work


@pytest.mark.parametrize("job", jobs_of("futures/broken_process_pool.py"), ids=str)
def test_dead_worker_breaks_the_whole_pool(job, example_runs):
    out = passing(example_runs, job).stdout
    assert "task 0: 0" in out  # finished before the crash
    for n in (3, 4, 5):  # the crashed task and every task after it
        assert f"task {n}: BrokenProcessPool" in out
    assert "submit() afterwards: BrokenProcessPool" in out
    assert "terminated abruptly" in out
    if "__cause__: None" not in out:  # 3.15+: the cause names the worker and its exit code
        assert re.search(r"__cause__: .*exit code 1\b", out)


@pytest.mark.parametrize("job", jobs_of("futures/max_tasks_per_child.py"), ids=str)
def test_max_tasks_per_child_replaces_workers(job, example_runs):
    result = passing(example_runs, job)
    out = result.stdout
    free = re.search(r"no limit:\s+(\d+) tasks ran in (\d+) worker processes", out)
    limited = re.search(r"max_tasks_per_child=1:\s+(\d+) tasks ran in (\d+) worker processes", out)
    assert int(free[2]) <= 2  # two workers, reused
    assert limited[1] == limited[2]  # one fresh process per task
    assert "at most 1 in one" in out
    if result.start_method == "fork":
        assert "ValueError: max_tasks_per_child is incompatible with the 'fork'" in out
        assert "start method: spawn" in out
    else:
        assert f"start method: {result.start_method}" in out


@pytest.mark.parametrize("job", jobs_of("futures/nested_future_deadlock.py"), ids=str)
def test_waiting_on_the_same_full_pool_deadlocks(job, example_runs):
    result = passing(example_runs, job)
    out = result.stdout
    assert "same pool:       deadlock detected (inner task cancelled: True)" in out
    assert "separate pool:   49" in out
    assert "caller waits:    [49, 64]" in out
    assert result.duration < 10  # the timeout ended the wait; nothing hung
