"""The claims of the concurrent.futures page, checked on the output of its examples."""

import re

from ..support import examples_of


def _version(result):
    return tuple(int(p) for p in result.python_version.split(".")[:2])


def _arrivals(out, label):
    line = re.search(rf"^{label} order:\s+(.*)$", out, re.M)[1]
    return [(name, float(t)) for name, t in re.findall(r"(\w)@([\d.]+)s", line)]


@examples_of("futures/threadpool_as_completed.py")
def test_as_completed_yields_in_completion_order_map_in_input_order(result, timing):
    mapped = _arrivals(result.stdout, "map")
    assert [name for name, _ in mapped] == list("abcd")  # input order, whatever the timing
    # map hands out nothing before the first item's 0.45 s sleep is over: a lower bound
    # that no load can break (0.4 allows for the clock's rounding).
    assert min(t for _, t in mapped) >= 0.4

    def check(result):
        # The sleeps differ by 0.1 s or more, and the four threads start within a
        # millisecond or two: completion order is the order of the sleeps, unless a thread
        # starts over 0.1 s late on a busy machine.
        order = [name for name, _ in _arrivals(result.stdout, "as_completed")]
        assert order == list("bdca"), result.stdout

    timing(check)


@examples_of("futures/exceptions_surface_on_result.py")
def test_exceptions_surface_only_on_result_or_iteration(result):
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


@examples_of("futures/max_workers_defaults.py")
def test_max_workers_defaults_follow_the_cpu_count(result):
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


@examples_of("futures/processpool_primes.py")
def test_process_pool_speeds_up_pure_python_cpu_work(timing):
    def check(result):
        speedup = float(re.search(r"processes\s+[\d.]+ s\s+speedup ([\d.]+)x", result.stdout)[1])
        # 16 pieces on W = cores workers, serial and pooled runs alternated: at most Wx (2x
        # here). On a shared 2-core machine the second core is often partly taken
        # (1.5-1.9x typical); claim 1.2x.
        if result.cores >= 2:
            assert speedup >= 1.2, result.stdout

    timing(check)


def _chunk_times(out):
    serial = float(re.search(r"serial loop\s+([\d.]+) s", out)[1])
    chunks = {
        int(size.replace(",", "")): float(t)
        for size, t in re.findall(r"chunksize ([\d,]+)\s+([\d.]+) s", out)
    }
    return serial, chunks


@examples_of("futures/chunksize_effect.py")
def test_chunksize_one_is_slow_for_tiny_tasks(result, timing):
    assert set(_chunk_times(result.stdout)[1]) == {1, 100, 10_000}

    def check(result):
        out = result.stdout
        serial, chunks = _chunk_times(out)
        # 20,000 squares. chunksize 1: 20,000 pickled round trips of 50-100 us each, about
        # 1-2 s; chunksize 10,000: 2 round trips of a list. The ratio is 50x or more by
        # design, and a busy machine slows both alike. Claim 5x.
        assert chunks[1] >= 5 * chunks[10_000], out
        # chunksize 100: 200 round trips instead of 20,000; claim 3x.
        assert chunks[1] >= 3 * chunks[100], out
        # A square takes well under 1 us in the loop, 20,000 of them a few ms: one round
        # trip per square costs 100x that or more. Claim 10x.
        assert serial * 10 < chunks[1], out
        # Pickling 20,000 numbers each way costs more than squaring them (about 2x here).
        assert serial < chunks[10_000], out

    timing(check)


@examples_of("futures/broken_process_pool.py")
def test_dead_worker_breaks_the_whole_pool(result):
    out = result.stdout
    assert "task 0: 0" in out  # finished before the crash
    for n in (3, 4, 5):  # the crashed task and every task after it
        assert f"task {n}: BrokenProcessPool" in out
    assert "submit() afterwards: BrokenProcessPool" in out
    assert "terminated abruptly" in out
    if "__cause__: None" not in out:  # 3.15+: the cause names the worker and its exit code
        assert re.search(r"__cause__: .*exit code 1\b", out)


@examples_of("futures/max_tasks_per_child.py")
def test_max_tasks_per_child_replaces_workers(result):
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


@examples_of("futures/nested_future_deadlock.py")
def test_waiting_on_the_same_full_pool_deadlocks(result, timing):
    out = result.stdout
    assert "same pool:       deadlock detected (inner task cancelled: True)" in out
    assert "separate pool:   49" in out
    assert "caller waits:    [49, 64]" in out

    def check(result):
        # The deadlocked wait ends at its timeout (about 1 s; see the example); the two fixed
        # designs take milliseconds. Over 10 s would mean something hung until killed.
        assert result.duration < 10, result.stdout

    timing(check)
