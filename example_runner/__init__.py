"""The one runner behind both the site build and the tests.

Anything that runs is a job (an example under an interpreter and a start method, or a
benchmark notebook) and goes one way: run -> judge -> cache -> result.

Settings                      every setting, read from the environment in one place
all_examples / page_job / tab_jobs / test_jobs   what to run, for a page or for the tests
ExampleJob / NotebookJob      the two kinds of job
Batch                         runs many: cached ones not at all, timing-sensitive ones alone
Cache                         results keyed by a hash of everything that can change them
Result / Status               what a run produced
render / render_tabs          the Markdown a page shows for one example

Developer commands (run, new, review, matrix, bench, flake) live in `commands/`.
"""

from __future__ import annotations

from .batch import Batch
from .cache import Cache
from .interpreters import Interpreter, discover, find, page_interpreter, probe
from .jobs import ExampleJob, Job, NotebookJob
from .metadata import Example, ExampleError, load_example
from .outcome import Result, Status
from .plan import all_examples, example, page_job, tab_jobs, test_jobs
from .render import render, render_output, render_tabs
from .settings import Settings

__all__ = [
    "Batch",
    "Cache",
    "Example",
    "ExampleError",
    "ExampleJob",
    "Interpreter",
    "Job",
    "NotebookJob",
    "Result",
    "Settings",
    "Status",
    "all_examples",
    "discover",
    "example",
    "find",
    "load_example",
    "page_interpreter",
    "page_job",
    "probe",
    "render",
    "render_output",
    "render_tabs",
    "tab_jobs",
    "test_jobs",
]
