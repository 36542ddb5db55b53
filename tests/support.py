"""What the tests share: the project root, the claim-test decorator, and the checks on runs.

A claim test says which examples it checks (`@examples_of(...)`); conftest parametrizes it
with one job per start method each supports, under the page interpreter (or
--example-python), and hands it the run's result from one batch made for the whole
session, so timing-sensitive examples run alone and the others in parallel.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from example_runner import Batch, ExampleJob, Result, Status

ROOT = Path(__file__).resolve().parent.parent


def examples_of(*rels: str) -> pytest.MarkDecorator:
    """Decorate a claim test: it runs once per job of these examples (one per start method
    each supports). The test asks for `result` (the run, which must have passed; a version
    gate skips it), `timing` (`timing(check)` checks a claim about times, see timing_claim)
    and `job` as it needs them."""
    return pytest.mark.examples(*rels)


class ExampleRuns:
    """Runs every example job the selected tests need, in one batch, on first use."""

    def __init__(self, settings: Any):
        self.settings = settings
        self.jobs: list[ExampleJob] = []
        self.batch: Batch | None = None

    def result(self, job: ExampleJob) -> Result:
        if self.batch is None:
            self.batch = Batch(self.jobs or [job], self.settings).start()
            # Finish every run before any test goes on: a build or a benchmark started while
            # examples still run in the background would measure a busy machine.
            self.batch.results()
        if job not in self.batch.jobs:  # not collected up front (e.g. built inside a test)
            return Batch([job], self.settings, progress="off").start().result(job)
        return self.batch.result(job)


def passing(example_runs: ExampleRuns, job: ExampleJob) -> Result:
    """The result of `job`, which must have run as declared; skips only a version gate."""
    result = example_runs.result(job)
    if result.status is Status.SKIPPED:
        pytest.skip(f"{job}: {result.reason}")
    assert result.ok, f"{result.reason}\n--- stderr ---\n{result.stderr[-4000:]}"
    return result


def timing_claim(
    example_runs: ExampleRuns,
    job: ExampleJob,
    check: Callable[[Result], Any],
    attempts: int = 4,
    pause: float = 3.0,
) -> Any:
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
    batch = example_runs.batch or Batch([job], example_runs.settings, progress="off")
    key = batch.key(job)
    for attempt in range(1, attempts + 1):
        try:
            outcome = check(result)
        except AssertionError:
            batch.cache.forget(key)
            if attempt == attempts:
                raise
            time.sleep(pause * attempt)  # step out of a busy stretch of the machine
            result = batch.run_fresh(job)
            assert result.ok, f"{result.reason}\n--- stderr ---\n{result.stderr[-4000:]}"
        else:
            if attempt > 1:
                batch.cache.put(key, result)
            return outcome
    raise AssertionError("unreachable")
