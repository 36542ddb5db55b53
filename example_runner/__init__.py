"""The one runner behind both the site build and the tests.

load_example / all_examples   read examples and their metadata
page_job / test_jobs          what to run for a page, and for the tests
Batch / run_all               run many (cached, timing-sensitive ones alone, the rest in parallel)
run_job                       run one, as a real subprocess
render                        the Markdown a page shows for one example
"""

from __future__ import annotations

import sys
from pathlib import Path

from .batch import Batch, run_all
from .execute import Job, Result, run_job
from .interpreters import probe
from .metadata import Example, ExampleError, load_example, start_methods_for
from .render import render

__all__ = [
    "Batch",
    "Example",
    "ExampleError",
    "Job",
    "Result",
    "all_examples",
    "examples_root",
    "load_example",
    "page_job",
    "probe",
    "render",
    "run_all",
    "run_job",
    "test_jobs",
]


def examples_root(repo_root: Path) -> Path:
    return repo_root / "examples"


def all_examples(repo_root: Path) -> list[Example]:
    """Every example file; modules whose name starts with '_' are helpers, not examples."""
    root = examples_root(repo_root)
    paths = sorted(
        p
        for p in root.rglob("*.py")
        if not any(part.startswith(("_", ".")) for part in p.relative_to(root).parts)
    )
    return [load_example(p, root) for p in paths]


def page_job(example: Example, python: str = sys.executable) -> Job:
    """The run a page shows: the interpreter's default start method when the example allows it."""
    methods = start_methods_for(example)
    if methods == (None,):
        return Job(example, None, python)
    default = probe(python).default_start_method
    return Job(example, default if default in methods else methods[0], python)


def test_jobs(example: Example, python: str = sys.executable) -> list[Job]:
    """The runs the tests make: one per start method the example supports."""
    return [Job(example, method, python) for method in start_methods_for(example)]
