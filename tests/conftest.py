"""Session setup: the settings, the example jobs of the collected tests, the built site."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from example_runner import (
    Interpreter,
    Job,
    KitJob,
    NotebookJob,
    Settings,
    all_examples,
    find,
    page_interpreter,
    page_job,
    probe,
    test_jobs,
)
from example_runner import claims as claims_module
from example_runner.claims import Claims
from tools.sitecheck import publish

from . import support

SETTINGS = pytest.StashKey[Settings]()
INTERPRETER = pytest.StashKey[Interpreter]()
SNAPSHOT = pytest.StashKey[dict[str, tuple[int, int]]]()
RUNS = pytest.StashKey[support.SessionRuns]()
CLAIMS = pytest.StashKey[Claims]()
BUILD_LOG = pytest.StashKey[str]()
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
    settings = Settings.from_env(support.ROOT)
    if config.getoption("--fresh-examples"):
        settings = settings.replace(fresh=True)
    python = config.getoption("--example-python")
    config.stash[SETTINGS] = settings
    config.stash[INTERPRETER] = probe(python) if python else page_interpreter(settings)
    config.stash[SNAPSHOT] = tree_snapshot()
    config.stash[CLAIMS] = claims_module.load(settings.claims_dir)


def pytest_report_header(config: pytest.Config) -> str:
    interp = config.stash[INTERPRETER]
    return f"examples run on: {interp.label} ({interp.executable})"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    settings, interp = metafunc.config.stash[SETTINGS], metafunc.config.stash[INTERPRETER]
    if "any_job" in metafunc.fixturenames:
        jobs = [job for e in all_examples(settings) for job in _jobs(e, settings, interp)]
        metafunc.parametrize("any_job", jobs, ids=_job_id)
    if "claim_case" in metafunc.fixturenames:
        claims = metafunc.config.stash[CLAIMS]
        every: list[Job] = [
            job for e in all_examples(settings) for job in _jobs(e, settings, interp)
        ]
        every += _page_only_jobs(settings, interp)
        cases = [(job, c) for job in every for c in claims.of(job.claim_target)]
        metafunc.parametrize(
            "claim_case", cases, ids=[f"{_job_id(job)}::{c.name}" for job, c in cases]
        )


def _jobs(e: Any, settings: Settings, interp: Interpreter) -> list[Job]:
    """One job per start method under the session's interpreter; and when that is the page
    interpreter, the runs the example's version tabs show (the interpreters found)."""
    jobs: list[Job] = list(test_jobs(e, settings, interp))
    if interp == page_interpreter(settings):
        for tag in e.meta.compare:
            other = find(settings, tag)
            if other is not None and other.tag != interp.tag:
                jobs.append(page_job(e, settings, other))
    return jobs


def _page_only_jobs(settings: Settings, interp: Interpreter) -> list[Job]:
    """The runs a page shows that are no example: the benchmark notebooks (on the
    toolchain's Python, which has Jupyter) and the kit (on the page interpreter). Only
    when the session's interpreter is the page's: other Pythons' sessions test examples."""
    if interp != page_interpreter(settings):
        return []
    docs = settings.docs_dir
    toolchain = probe(settings.toolchain_python)
    jobs: list[Job] = [NotebookJob(p, docs, toolchain) for p in sorted(docs.rglob("*.ipynb"))]
    if (docs / "kit.py").is_file():
        jobs.append(KitJob(docs / "kit.py", docs, interp))
    return jobs


def _job_id(job: Job) -> str:
    packages_required = getattr(job, "packages_required", True)
    interp = getattr(job, "interpreter", None)
    return str(job) if packages_required or interp is None else f"{job}@{interp.tag}"


def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    # The tree check looks at what the whole session did: it runs last, wherever it is.
    items.sort(key=lambda item: item.name == TREE_CHECK)


def pytest_collection_finish(session: pytest.Session) -> None:
    """One batch for the jobs of the tests selected (after -k, -m and the rest)."""
    runs = support.SessionRuns(session.config.stash[SETTINGS])
    for item in session.items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        for value in params.values():
            job = value[0] if isinstance(value, tuple) else value
            if hasattr(job, "claim_target") and job not in runs.jobs:
                runs.jobs.append(job)
    session.config.stash[RUNS] = runs


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
def session_runs(request: pytest.FixtureRequest) -> support.SessionRuns:
    return request.config.stash[RUNS]


@pytest.fixture(scope="session")
def claims(request: pytest.FixtureRequest) -> Claims:
    return request.config.stash[CLAIMS]


@pytest.fixture
def snapshot_before(request: pytest.FixtureRequest) -> dict[str, tuple[int, int]]:
    return request.config.stash[SNAPSHOT]


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    log = config.stash.get(BUILD_LOG, None)
    if log is not None:  # what the site build ran, reran and judged (whole log: the file)
        terminalreporter.write_line(f"site build (publish), its log in {support.BUILD_LOG}:")
        for line in support.build_summary(log):
            terminalreporter.write_line(f"  {line}")
    runs = config.stash.get(RUNS, None)
    if runs is not None and runs.batch is not None:
        for line in runs.batch.summary().splitlines():
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def built_site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, settings: Settings
) -> Iterator[tuple[Any, Path]]:
    """The real site, published once per session as readers get it (`python -m
    example_runner publish`: the runs judged, `mkdocs build --strict`, the built site
    checked): (result, folder). It runs the examples on the same interpreter as the tests,
    so it reuses their stored runs; the site tests read this build, not a second one."""
    site = tmp_path_factory.mktemp("built") / "site"
    result = publish(support.ROOT, site, settings.tool_env())
    support.BUILD_LOG.parent.mkdir(exist_ok=True)
    support.BUILD_LOG.write_text(result.stderr, encoding="utf-8")
    request.config.stash[BUILD_LOG] = result.stderr
    yield result, site
