from __future__ import annotations

import functools
import sys

import pytest

from example_runner import Batch, Job

from . import support


def pytest_addoption(parser):
    group = parser.getgroup("examples")
    group.addoption(
        "--fresh-examples",
        action="store_true",
        help="run every example again instead of using cached results",
    )
    group.addoption(
        "--example-python",
        default=sys.executable,
        help="interpreter that runs the examples (default: this one)",
    )


SNAPSHOT = pytest.StashKey[dict]()
_NOT_PROJECT = {
    ".git",
    ".cache",
    "site",
    ".venv",
    "venv",
    ".nox",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    "build-artifacts",
}


def tree_snapshot() -> dict[str, tuple[int, int]]:
    """Every project file with its size and modification time (caches and builds excluded)."""
    snapshot = {}
    for path in support.ROOT.rglob("*"):
        parts = path.relative_to(support.ROOT).parts
        if path.is_file() and not _NOT_PROJECT.intersection(parts):
            stat = path.stat()
            snapshot["/".join(parts)] = (stat.st_size, stat.st_mtime_ns)
    return snapshot


def pytest_configure(config):
    support.PYTHON = config.getoption("--example-python")
    config.stash[SNAPSHOT] = tree_snapshot()


class ExampleRuns:
    """Runs every example job the selected tests need, in one batch, on first use."""

    def __init__(self, fresh: bool):
        self.fresh = fresh
        self.jobs: list[Job] = []
        self.batch: Batch | None = None

    def result(self, job: Job):
        if self.batch is None:
            self.batch = Batch(self.jobs or [job], support.ROOT, fresh=self.fresh).start()
            # Finish every run before any test goes on: a build or a benchmark started while
            # examples still run in the background would measure a busy machine.
            self.batch.results()
        if job not in self.batch.jobs:  # not collected up front (e.g. built inside a test)
            return Batch([job], support.ROOT, fresh=self.fresh).start().result(job)
        return self.batch.result(job)


def pytest_collection_modifyitems(session, config, items):
    runs = ExampleRuns(config.getoption("--fresh-examples"))
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        runs.jobs += [value for value in params.values() if isinstance(value, Job)]
    config.stash[_RUNS] = runs


_RUNS = pytest.StashKey[ExampleRuns]()


@pytest.fixture(scope="session")
def example_runs(request) -> ExampleRuns:
    return request.config.stash[_RUNS]


def pytest_terminal_summary(terminalreporter, config):
    runs = config.stash.get(_RUNS, None)
    if runs is not None and runs.batch is not None:
        terminalreporter.write_line(runs.batch.summary())


@pytest.fixture
def result(job, example_runs):
    """The run of `job`, which must have passed (a version gate skips the test)."""
    return support.passing(example_runs, job)


@pytest.fixture
def timing(job, example_runs):
    """`timing(check)`: check a claim about measured times on the run of `job`."""
    return functools.partial(support.timing_claim, example_runs, job)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The real site, built once per session with `mkdocs build --strict`: (result, folder)."""
    from .test_build import mkdocs_build

    site = tmp_path_factory.mktemp("built") / "site"
    return mkdocs_build(support.ROOT, site), site
