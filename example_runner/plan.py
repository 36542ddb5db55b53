"""What to run: the examples, and the jobs a page or a test session makes of them."""

from __future__ import annotations

from .interpreters import Interpreter, find, page_interpreter
from .jobs import ExampleJob
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


def page_job(example: Example, settings: Settings, interp: Interpreter | None = None) -> ExampleJob:
    """The run a page shows: under the page interpreter (or `interp`), with its default
    start method when the example allows it."""
    page = page_interpreter(settings)
    interp = interp or page
    required = interp == page  # the page interpreter must have every package
    methods = start_methods_for(example)
    if methods == (None,):
        return ExampleJob(example, interp, None, required)
    default = interp.default_start_method
    method = default if default in methods else methods[0]
    return ExampleJob(example, interp, method, required)


def tab_jobs(example: Example, settings: Settings) -> list[tuple[str, ExampleJob | None]]:
    """One (tag, job) per interpreter the example compares, the page interpreter's first;
    job is None when no such interpreter is on this machine."""
    tabs: list[tuple[str, ExampleJob | None]] = []
    page = page_interpreter(settings).tag
    # The page interpreter's tab first (the one a reader sees), then the others as declared.
    for tag in sorted(example.meta.compare, key=lambda t: t != page):
        interp = find(settings, tag)
        tabs.append((tag, page_job(example, settings, interp) if interp else None))
    return tabs


def test_jobs(
    example: Example, settings: Settings, interp: Interpreter | None = None
) -> list[ExampleJob]:
    """The runs the tests make: one per start method the example supports, under the page
    interpreter (or `interp`), so the tests judge the runs the pages show."""
    page = page_interpreter(settings)
    interp = interp or page
    required = interp == page  # the page interpreter must have every package
    return [ExampleJob(example, interp, m, required) for m in start_methods_for(example)]
