"""The claims of the asyncio page, checked on the output of its examples."""

import re

import pytest

from ..support import jobs_of, passing, timing_claim


@pytest.mark.parametrize("job", jobs_of("aio/gather_loopback.py"), ids=str)
def test_many_waits_overlap_on_one_thread(job, example_runs):
    def check(result):
        out = result.stdout
        assert "correct echoes       200 of 200" in out
        serial = float(re.search(r"one at a time \(est\.\)\s+([\d.]+) s", out)[1])
        gathered = float(re.search(r"asyncio\.gather\s+([\d.]+) s", out)[1])
        assert serial == 20.0
        # 200 waits of 0.1 s overlap: far below the serial estimate (about 0.15 s when idle).
        assert gathered < 2.0 and serial / gathered >= 10, out
        assert int(re.search(r"threads in process\s+(\d+)", out)[1]) == 1

    timing_claim(example_runs, job, check)


@pytest.mark.parametrize("job", jobs_of("aio/taskgroup.py"), ids=str)
def test_taskgroup_failure_cancels_the_others(job, example_runs):
    out = passing(example_runs, job).stdout
    assert "caught ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)" in out
    assert "  contains ValueError: file-3: bad header" in out
    assert "cancelled while running: ['file-1', 'file-2']" in out
    assert "slow tasks cancelled: [True, True]" in out
    assert "not reached" not in out
    assert float(re.search(r"group finished after ([\d.]+) s", out)[1]) < 1.5


@pytest.mark.parametrize("job", jobs_of("aio/taskgroup_cancel.py"), ids=str)
def test_taskgroup_cancel_ends_group_early(job, example_runs):
    out = passing(example_runs, job).stdout  # skipped below Python 3.15
    assert "answered: ['mirror-b']" in out
    assert "cancelled while waiting: ['mirror-a', 'mirror-c']" in out
    assert "not reached" not in out
    assert float(re.search(r"group finished after ([\d.]+) s", out)[1]) < 1.5


@pytest.mark.parametrize("job", jobs_of("aio/timeout.py"), ids=str)
def test_timeout_cancels_slow_operation(job, example_runs):
    out = passing(example_runs, job).stdout
    waited = float(re.search(r"caught TimeoutError after ([\d.]+) s", out)[1])
    assert 0.15 <= waited < 5  # the deadline is 0.2 s; the operation would take 10 s
    assert "the query saw: ['cancelled']" in out
    assert "a fast operation inside the same kind of block: no error" in out


@pytest.mark.parametrize("job", jobs_of("aio/semaphore_cap.py"), ids=str)
def test_semaphore_caps_concurrency(job, example_runs):
    out = passing(example_runs, job).stdout
    peaks = dict(re.findall(r"Semaphore\(\s*(\d+)\): at most\s+(\d+) at once", out))
    assert peaks == {"50": "50", "5": "5"}
    capped = float(re.search(r"Semaphore\( 5\).* total ([\d.]+) s", out)[1])
    assert capped >= 10 * 0.05 * 0.95  # 50 tasks, 5 at a time: at least 10 rounds


def _gap_seconds(out, label):
    return float(re.search(rf"{re.escape(label)}\s+longest gap ([\d.]+) s", out)[1])


@pytest.mark.parametrize("job", jobs_of("aio/blocking_call_stalls_loop.py"), ids=str)
def test_blocking_call_stalls_the_loop(job, example_runs):
    def check(result):
        out = result.stdout
        assert _gap_seconds(out, "time.sleep(0.5)") >= 0.3, out
        assert _gap_seconds(out, "await asyncio.sleep(0.5)") < 0.2, out

    timing_claim(example_runs, job, check)


@pytest.mark.parametrize("job", jobs_of("aio/to_thread.py"), ids=str)
def test_to_thread_keeps_the_loop_responsive(job, example_runs):
    def check(result):
        out = result.stdout
        total = float(re.search(r"through to_thread: ([\d.]+) s in total", out)[1])
        assert 0.45 <= total < 1.5, out  # five 0.5 s calls overlap (serial would be 2.5 s)
        assert "ran in 5 worker threads" in out
        assert int(re.search(r"longest gap (\d+) ms", out)[1]) < 200, out

    timing_claim(example_runs, job, check)


@pytest.mark.parametrize("job", jobs_of("aio/cpu_in_process_pool.py"), ids=str)
def test_process_pool_keeps_the_loop_responsive(job, example_runs):
    def check(result):
        out = result.stdout
        assert f"start method {result.start_method}" in out
        assert "same results both ways: True" in out
        rows = dict(
            re.findall(
                r"^(in the loop|in the process pool)\s+[\d.]+ s\s+longest tick gap ([\d.]+) s",
                out,
                re.M,
            )
        )
        in_loop, in_pool = float(rows["in the loop"]), float(rows["in the process pool"])
        assert in_loop >= 0.15, out  # the loop was stuck for the whole computation
        assert in_pool < 0.2 and in_pool < in_loop / 2, out

    timing_claim(example_runs, job, check)
