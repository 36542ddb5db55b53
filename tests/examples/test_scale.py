"""The claims of threads-that-scale.md, checked on the output of its examples."""

import re

import pytest

from ..support import jobs_of, passing


def _speedups(out):
    return {name: float(x) for name, x in re.findall(r"^(\w+).*speedup\s+([\d.]+)x", out, re.M)}


@pytest.mark.parametrize("job", jobs_of("scale/hashlib_threads_scale.py"), ids=str)
def test_hashlib_scales_on_threads_only_with_big_buffers(job, example_runs):
    result = passing(example_runs, job)
    speedups = _speedups(result.stdout)
    assert set(speedups) == {"digest_whole", "digest_in_1k_pieces"}, result.stdout
    if result.cores >= 2:
        assert speedups["digest_whole"] >= 1.3, result.stdout  # ~1.9x expected
    if "free-threaded" not in result.python:
        # Pieces under 2048 bytes are hashed with the GIL held: no parallelism.
        assert speedups["digest_in_1k_pieces"] < 1.3, result.stdout


@pytest.mark.parametrize("job", jobs_of("scale/zlib_threads_scale.py"), ids=str)
def test_zlib_scales_on_threads(job, example_runs):
    result = passing(example_runs, job)
    speedup = float(re.search(r"2 threads .*speedup\s+([\d.]+)x", result.stdout)[1])
    if result.cores >= 2:
        assert speedup >= 1.3, result.stdout  # ~1.9x expected


@pytest.mark.parametrize("job", jobs_of("scale/hybrid_processes_threads.py"), ids=str)
def test_processes_with_threads_inside_combine_both_gains(job, example_runs):
    result = passing(example_runs, job)
    times = {
        label.strip(): float(t)
        for label, t in re.findall(r"^(\S.*?)\s+([\d.]+) s\s+speedup", result.stdout, re.M)
    }
    assert len(times) == 4, result.stdout
    serial = times.pop("serial")
    threads_only = next(t for k, t in times.items() if k.endswith("1 process"))
    procs_only = next(t for k, t in times.items() if k.endswith("1 thread each"))
    hybrid = next(t for k, t in times.items() if " x " in k)
    assert serial / threads_only >= 1.3, result.stdout  # waits overlap, even on one core
    assert serial / hybrid >= 1.5, result.stdout
    if result.cores >= 2:
        assert serial / procs_only >= 1.1, result.stdout  # ~2x when both cores are free
        # Ideally ~1.8x better than either; only claim it is about as good as the best.
        assert hybrid <= 1.15 * min(threads_only, procs_only), result.stdout
    assert f"start method {result.start_method}" in result.stdout
