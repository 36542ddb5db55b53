"""python -m example_runner run [PATHS] [--start-method M|all] [--python P] [--fresh]

Runs examples (files or folders; default: all) through the runner, exactly as the build
and the tests do, and prints one status line per run, then what it printed.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..batch import Batch
from ..interpreters import page_interpreter, probe
from ..jobs import Job
from ..metadata import Example, load_example
from ..plan import all_examples, example_job, page_job, test_jobs
from ..settings import Settings


def chosen_examples(settings: Settings, paths: list[str]) -> list[Example]:
    root = settings.examples_dir
    if not paths:
        return all_examples(settings)
    chosen: list[Example] = []
    for raw in paths:
        path = Path(raw).resolve()
        if path.is_dir():
            chosen += [e for e in all_examples(settings) if e.path.is_relative_to(path)]
        else:
            chosen.append(load_example(path, root))
    return chosen


def main(settings: Settings, args: argparse.Namespace) -> int:
    interp = probe(args.python) if args.python else page_interpreter(settings)
    jobs: list[Job] = []
    for example in chosen_examples(settings, args.paths):
        if args.start_method == "all":
            jobs += test_jobs(example, settings, interp)
        elif args.start_method:
            jobs.append(example_job(example, settings, interp, args.start_method))
        else:
            jobs.append(page_job(example, settings, interp))
    batch = Batch(jobs, settings, progress="off").start()
    failed = 0
    for job in jobs:
        result = batch.result(job)
        cached = " (cached)" if result.cached else ""
        print(
            f"=== {job}: {result.status.value}{cached} in {result.duration:.2f} s, "
            f"{result.interpreter}, start method {result.start_method}"
        )
        if result.reason:
            print(f"    {result.reason}")
        if not args.quiet:
            if result.stdout:
                print(result.stdout.rstrip())
            if result.stderr.strip():
                print("--- stderr ---\n" + result.stderr.rstrip())
        failed += result.status.is_failure
    print(batch.summary())
    return 1 if failed else 0
