"""What the tests share: the project root, and the session's runs.

conftest makes, from the collected tests, one batch of every job they need (each example
under each start method it supports and under the interpreters of its version tabs, the
benchmark notebook, the benchmark kit), so timing-sensitive jobs run alone and the others
in parallel, and a run whose timing claim fails is run again under the timing policy,
exactly as in a site build.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from example_runner import Batch, Job, Result, Status

ROOT = Path(__file__).resolve().parent.parent
BUILD_LOG = ROOT / "build-artifacts" / "publish.log"  # the session's site build, whole

# The lines of a build log a CI reader wants: each run that needed reruns, each failure,
# and the counts (examples run, cached and failed; claims held, rerun and failed).
_SUMMARY = re.compile(
    r"held on run \d|\bfailed\b|^INFO +- +(?:examples|notebooks|benchmark kit|claims):"
)


def build_summary(log: str) -> list[str]:
    return [
        " ".join(line.split())
        for line in log.splitlines()
        if _SUMMARY.search(line) and not line.lstrip().startswith("running ")
    ]


class SessionRuns:
    """Runs every job the selected tests need, in one batch, on first use."""

    def __init__(self, settings: Any):
        self.settings = settings
        self.jobs: list[Job] = []
        self.batch: Batch | None = None

    def result(self, job: Job) -> Result:
        if self.batch is None:
            self.batch = Batch(self.jobs or [job], self.settings).start()
            # Finish every run before any test goes on: a build or a benchmark started while
            # examples still run in the background would measure a busy machine.
            self.batch.results()
        if job not in self.batch.jobs:  # not collected up front (e.g. built inside a test)
            return Batch([job], self.settings, progress="off").start().result(job)
        return self.batch.result(job)

    def artifact(self, job: Job) -> Path | None:
        self.result(job)
        assert self.batch is not None
        return self.batch.artifact(job) if job in self.batch.jobs else None


def passing(runs: SessionRuns, job: Job) -> Result:
    """The result of `job`, which must have run as declared; skips only a version gate."""
    result = runs.result(job)
    if result.status is Status.SKIPPED:
        pytest.skip(f"{job}: {result.reason}")
    assert result.status in (Status.OK, Status.CLAIM_FAILED), (
        f"{result.reason}\n--- stderr ---\n{result.stderr[-4000:]}"
    )
    return result
