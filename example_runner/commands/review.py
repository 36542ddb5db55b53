"""What CI would say about a change's examples, before pushing.

    python -m example_runner review [--base main]

Finds the examples the change touches (committed since BASE, uncommitted or new; an
edited helper module counts for every example importing it), runs each under every start
method it supports with the newest of every local Python 3.10+, and prints one line per
run.
"""

from __future__ import annotations

import argparse
import subprocess
from pathlib import Path

from ..batch import Batch
from ..interpreters import discover, newest_per_tag
from ..plan import all_examples, test_jobs
from ..settings import Settings


def changed_files(project: Path, base: str) -> set[Path]:
    def git(*args: str) -> list[str]:
        out = subprocess.run(
            ["git", *args], cwd=project, capture_output=True, text=True, check=True
        )
        return [line for line in out.stdout.splitlines() if line]

    names = git("diff", "--name-only", f"{base}...HEAD") + git("diff", "--name-only", "HEAD")
    names += git("ls-files", "--others", "--exclude-standard")
    return {(project / name).resolve() for name in names}


def main(settings: Settings, args: argparse.Namespace) -> int:
    changed = changed_files(settings.project, args.base)
    examples = [
        e
        for e in all_examples(settings)
        if e.path in changed or changed.intersection(e.local_modules)
    ]
    if not examples:
        print(f"no example changed since {args.base}")
        return 0
    pythons = newest_per_tag(discover(settings))
    jobs = [job for interp in pythons for e in examples for job in test_jobs(e, settings, interp)]
    print(
        f"{len(examples)} changed example(s) x {len(pythons)} Python(s): {len(jobs)} runs",
        flush=True,
    )
    batch = Batch(jobs, settings, progress="off").start()
    width = max(len(e.rel) for e in examples)
    bad = 0
    for job in jobs:
        result = batch.result(job)
        method = job.start_method or "-"
        print(
            f"{job.example.rel:{width}}  {job.interpreter.tag:6}  {method:10}  "
            f"{result.status.value:8}  {result.duration:6.2f} s  {result.reason}"
        )
        bad += result.status.is_failure
    print(f"{len(jobs) - bad} passed, {bad} failed")
    return 1 if bad else 0
