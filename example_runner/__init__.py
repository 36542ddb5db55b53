"""The one runner behind both the site build and the tests.

Anything that runs is a job (an example under an interpreter and a start method, a
benchmark notebook, the benchmark kit) and goes one way: plan -> run -> judge -> store ->
result, with its claims judged on every use.

Settings                      every setting, read from the environment in one place
all_examples / page_job / tab_jobs / test_jobs / example_job   what to run (plan.py)
ExampleJob / NotebookJob / KitJob   the kinds of job (jobs/)
Batch                         runs many: stored ones not at all, timing-sensitive ones alone
Cache / job_key               results stored under a key of everything that can change them
Claims                        what pages say about runs, judged wherever a run is used
Result / Status               what a run produced
SiteBuild                     what the MkDocs hook asks for: plan, then expand each page

Developer commands (run, new, review, matrix, bench, flake) live in `commands/`.
"""

from __future__ import annotations

from .batch import Batch
from .cache import Cache, job_key
from .claims import Claims
from .interpreters import Interpreter, InterpreterId, discover, find, page_interpreter, probe
from .jobs import Job
from .jobs.example import ExampleJob
from .jobs.kit import KitJob
from .jobs.notebook import NotebookJob
from .metadata import Example, ExampleError, load_example
from .outcome import Result, Status
from .plan import all_examples, example, example_job, page_job, tab_jobs, test_jobs
from .settings import Settings

__all__ = [
    "Batch",
    "Cache",
    "Claims",
    "Example",
    "ExampleError",
    "ExampleJob",
    "Interpreter",
    "InterpreterId",
    "Job",
    "KitJob",
    "NotebookJob",
    "Result",
    "Settings",
    "Status",
    "all_examples",
    "discover",
    "example",
    "example_job",
    "find",
    "job_key",
    "load_example",
    "page_interpreter",
    "page_job",
    "probe",
    "tab_jobs",
    "test_jobs",
]
