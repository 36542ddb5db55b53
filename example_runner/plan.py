"""What to run: the examples, and the jobs a page or a test session makes of them.

Every example job is made here (`example_job`), which resolves once, when the job is
planned, the interpreter it runs on (its example environment, made now if needed, when the
example imports third-party packages) and the installed version of each package it
declares. Keys and runs then only read what the job holds.
"""

from __future__ import annotations

from . import environments
from .cache import Cache
from .interpreters import Interpreter, find, page_interpreter
from .jobs.example import ExampleJob
from .metadata import Example, load_example, start_methods_for
from .settings import Settings


def all_examples(settings: Settings) -> list[Example]:
    """Every example file; modules whose name starts with '_' are helpers, not examples."""
    root = settings.examples_dir
    paths = sorted(
        p
        for p in root.rglob("*.py")
        if not any(part.startswith(("_", ".")) for part in p.relative_to(root).parts)
    )
    return [load_example(p, root) for p in paths]


def example(settings: Settings, rel: str) -> Example:
    """The example at examples/<rel>."""
    return load_example(settings.examples_dir / rel, settings.examples_dir)


def example_job(
    example: Example,
    settings: Settings,
    interp: Interpreter,
    start_method: str | None = None,
    *,
    packages_required: bool = False,
) -> ExampleJob:
    """The job of `example` under `interp` (and `start_method`, or its default)."""
    runs_on, problem = interp, ""
    if example.meta.requires and interp.recorded:  # as the store recorded it
        runs_on = _recorded_environment(settings, interp) or interp
    elif example.meta.requires:
        try:
            runs_on = environments.example_interpreter(interp, settings)
        except environments.EnvironmentError_ as exc:
            problem = str(exc)
    packages = tuple((name, runs_on.has(name)) for name in example.meta.requires)
    return ExampleJob(
        example,
        interp,
        runs_on,
        start_method,
        packages_required=packages_required,
        packages=packages,
        environment_problem=problem,
    )


def page_job(example: Example, settings: Settings, interp: Interpreter | None = None) -> ExampleJob:
    """The run a page shows: under the page interpreter (or `interp`), with its default
    start method when the example allows it."""
    page = page_interpreter(settings)
    interp = interp or page
    methods = start_methods_for(example)
    method = None
    if methods != (None,):
        default = interp.default_start_method
        method = default if default in methods else methods[0]
    # On the page interpreter every package must be there: a missing one fails the run.
    return example_job(example, settings, interp, method, packages_required=interp == page)


def _recorded_environment(settings: Settings, interp: Interpreter) -> Interpreter | None:
    for base, env in Cache(settings.cache_dir).recorded_interpreters(interp.tag):
        if base.id == interp.id:
            return env
    return None


def find_or_recorded(settings: Settings, tag: str) -> Interpreter | None:
    """The interpreter with this tag on this machine; when runs are not made here
    (EXAMPLES_NO_RUN), else the newest that made stored runs (another machine's)."""
    found = find(settings, tag)
    if found is None and settings.no_run:
        recorded = Cache(settings.cache_dir).recorded_interpreters(tag)
        return recorded[0][0] if recorded else None
    return found


def tab_jobs(example: Example, settings: Settings) -> list[tuple[str, ExampleJob | None]]:
    """One (tag, job) per interpreter the example compares, the page interpreter's first;
    job is None when no such interpreter is on this machine (nor, under EXAMPLES_NO_RUN,
    in the store)."""
    tabs: list[tuple[str, ExampleJob | None]] = []
    page = page_interpreter(settings).tag
    # The page interpreter's tab first (the one a reader sees), then the others as declared.
    for tag in sorted(example.meta.compare, key=lambda t: t != page):
        interp = find_or_recorded(settings, tag)
        tabs.append((tag, page_job(example, settings, interp) if interp else None))
    return tabs


def test_jobs(
    example: Example, settings: Settings, interp: Interpreter | None = None
) -> list[ExampleJob]:
    """The runs the tests make: one per start method the example supports, under the page
    interpreter (or `interp`), so the tests judge the runs the pages show."""
    page = page_interpreter(settings)
    interp = interp or page
    return [
        example_job(example, settings, interp, m, packages_required=interp == page)
        for m in start_methods_for(example)
    ]
