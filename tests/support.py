"""What the tests share: the project root and the example runs, addressed by example path.

A test asks for the runs of one example (`jobs_of`), and receives each run's result from
the `example_runs` fixture. All runs selected for a session are made in one batch by the
runner, so timing-sensitive examples run alone and the others in parallel.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from example_runner import Job, all_examples, examples_root, load_example, run_job, test_jobs
from example_runner.cache import ResultCache, cache_key, default_cache_dir

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable  # replaced by --example-python in conftest.pytest_configure


def jobs_of(rel: str) -> list[Job]:
    """The runs of examples/<rel> the tests make: one per start method it supports."""
    root = examples_root(ROOT)
    return test_jobs(load_example(root / rel, root), PYTHON)


def examples_of(*rels: str):
    """Decorate a claim test: it runs once per job of these examples (one per start method
    each supports). The test asks for `result` (the run, which must have passed; a version
    gate skips it), `timing` (`timing(check)` checks a claim about times, see timing_claim)
    and `job` as it needs them."""
    jobs = [job for rel in rels for job in jobs_of(rel)]
    return pytest.mark.parametrize("job", jobs, ids=str)


def all_jobs() -> list[Job]:
    return [job for example in all_examples(ROOT) for job in test_jobs(example, PYTHON)]


def passing(example_runs, job: Job):
    """The result of `job`, which must have run as declared; skips only a version gate."""
    result = example_runs.result(job)
    if result.status == "skipped":
        pytest.skip(f"{job}: {result.reason}")
    assert result.ok, f"{result.reason}\n--- stderr ---\n{result.stderr[-4000:]}"
    return result


def timing_claim(example_runs, job: Job, check, attempts: int = 4, pause: float = 3.0):
    """Check a claim about measured times; return what `check` returns.

    Every claim about a time or a speedup goes through here. Its threshold follows from the
    example's design (the bound it cannot exceed), with room for noise, and says so in a
    comment. A timing-sensitive example runs alone within the test session, but the
    machine may still be busy: on a shared 2-core virtual machine the second core is
    sometimes taken by others for seconds at a time, and then no parallel speedup exists
    to measure. If the claim fails, the example runs again (fresh, alone: the session's
    batch has finished) after a growing pause (`pause`, then twice it...), up to `attempts`
    runs in all; the claim must hold once. Any other failure (an error, a wrong count)
    fails at once.

    The pages show the cached run of the same job, so a run whose claim failed must not
    stay in the cache: the rerun whose claim held replaces it, and if none held, it is
    dropped (the next build runs the example again).
    """
    result = passing(example_runs, job)
    cache, key = ResultCache(default_cache_dir(ROOT)), cache_key(job)
    for attempt in range(1, attempts + 1):
        try:
            outcome = check(result)
        except AssertionError:
            cache.forget(key)
            if attempt == attempts:
                raise
            time.sleep(pause * attempt)  # step out of a busy stretch of the machine
            result = run_job(job, ROOT)
            assert result.ok, f"{result.reason}\n--- stderr ---\n{result.stderr[-4000:]}"
        else:
            if attempt > 1:
                cache.put(key, result)
            return outcome
