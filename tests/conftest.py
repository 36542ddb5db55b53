"""Session setup: the settings, the example jobs of the collected tests, the built site."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from example_runner import (
    Interpreter,
    Settings,
    all_examples,
    example,
    find,
    page_interpreter,
    page_job,
    probe,
    test_jobs,
)
from example_runner.jobs import ExampleJob
from tools.sitecheck import mkdocs_build

from . import support

SETTINGS = pytest.StashKey[Settings]()
INTERPRETER = pytest.StashKey[Interpreter]()
SNAPSHOT = pytest.StashKey[dict[str, tuple[int, int]]]()
RUNS = pytest.StashKey[support.ExampleRuns]()
TREE_CHECK = "test_repository_tree_is_unchanged_by_the_test_run"
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
    ".mypy_cache",
    "build-artifacts",
    "node_modules",
}


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("examples")
    group.addoption(
        "--fresh-examples",
        action="store_true",
        help="run every example and notebook again instead of using cached results",
    )
    group.addoption(
        "--example-python",
        default=None,
        help="interpreter that runs the examples (default: the one the pages use)",
    )


def tree_snapshot() -> dict[str, tuple[int, int]]:
    """Every project file with its size and modification time (caches and builds excluded)."""
    snapshot = {}
    for path in support.ROOT.rglob("*"):
        parts = path.relative_to(support.ROOT).parts
        if path.is_file() and not _NOT_PROJECT.intersection(parts):
            stat = path.stat()
            snapshot["/".join(parts)] = (stat.st_size, stat.st_mtime_ns)
    return snapshot


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "examples(*paths): a claim test, run once per job of these examples"
    )
    settings = Settings.from_env(support.ROOT)
    if config.getoption("--fresh-examples"):
        settings = settings.replace(fresh=True)
    python = config.getoption("--example-python")
    config.stash[SETTINGS] = settings
    config.stash[INTERPRETER] = probe(python) if python else page_interpreter(settings)
    config.stash[SNAPSHOT] = tree_snapshot()


def pytest_report_header(config: pytest.Config) -> str:
    interp = config.stash[INTERPRETER]
    return f"examples run on: {interp.label} ({interp.executable})"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    settings, interp = metafunc.config.stash[SETTINGS], metafunc.config.stash[INTERPRETER]
    marker = metafunc.definition.get_closest_marker("examples")
    if marker is not None:
        examples = [example(settings, rel) for rel in marker.args]
        jobs = [job for e in examples for job in _jobs(e, settings, interp)]
        metafunc.parametrize("job", jobs, ids=_job_id)
    elif "any_job" in metafunc.fixturenames:
        jobs = [job for e in all_examples(settings) for job in _jobs(e, settings, interp)]
        metafunc.parametrize("any_job", jobs, ids=_job_id)


def _jobs(e: Any, settings: Settings, interp: Interpreter) -> list[ExampleJob]:
    """One job per start method under the session's interpreter; and when that is the page
    interpreter, the runs the example's version tabs show (the interpreters found)."""
    jobs = test_jobs(e, settings, interp)
    if interp == page_interpreter(settings):
        for tag in e.meta.compare:
            other = find(settings, tag)
            if other is not None and other.tag != interp.tag:
                jobs.append(page_job(e, settings, other))
    return jobs


def _job_id(job: ExampleJob) -> str:
    return str(job) if job.packages_required else f"{job}@{job.interpreter.tag}"


def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    runs = support.ExampleRuns(config.stash[SETTINGS])
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        runs.jobs += [value for value in params.values() if isinstance(value, ExampleJob)]
    config.stash[RUNS] = runs
    # The tree check looks at what the whole session did: it runs last, wherever it is.
    items.sort(key=lambda item: item.name == TREE_CHECK)


@pytest.fixture(scope="session")
def settings(request: pytest.FixtureRequest) -> Settings:
    return request.config.stash[SETTINGS]


@pytest.fixture(scope="session")
def build_settings(settings: Settings) -> Settings:
    """Settings that read the cache as the site build did, so a test compares a page with the
    very run it shows. Under --fresh-examples the session's own settings would run the example
    again, and a second run prints other timings than the page holds."""
    return settings.replace(fresh=False)


@pytest.fixture(scope="session")
def example_python(request: pytest.FixtureRequest) -> Interpreter:
    """The interpreter the session runs examples with."""
    return request.config.stash[INTERPRETER]


@pytest.fixture(scope="session")
def example_runs(request: pytest.FixtureRequest) -> support.ExampleRuns:
    return request.config.stash[RUNS]


@pytest.fixture
def result(job: ExampleJob, example_runs: support.ExampleRuns) -> Any:
    """The run of `job`, which must have passed (a version gate skips the test)."""
    return support.passing(example_runs, job)


@pytest.fixture
def timing(job: ExampleJob, example_runs: support.ExampleRuns) -> Any:
    """`timing(check)`: check a claim about measured times on the run of `job`."""
    return functools.partial(support.timing_claim, example_runs, job)


@pytest.fixture
def snapshot_before(request: pytest.FixtureRequest) -> dict[str, tuple[int, int]]:
    return request.config.stash[SNAPSHOT]


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    runs = config.stash.get(RUNS, None)
    if runs is not None and runs.batch is not None:
        for line in runs.batch.summary().splitlines():
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def built_site(
    tmp_path_factory: pytest.TempPathFactory, settings: Settings
) -> Iterator[tuple[Any, Path]]:
    """The real site, built once per session with `mkdocs build --strict`: (result, folder).
    The build runs the examples on the same interpreter as the tests (and so reuses their
    cached runs)."""
    site = tmp_path_factory.mktemp("built") / "site"
    yield mkdocs_build(support.ROOT, site, settings.tool_env()), site
