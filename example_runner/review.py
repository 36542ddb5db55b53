"""What CI would say about a change's examples, before pushing.

    python -m example_runner review [--base main]

Finds the examples the change touches (committed since BASE, uncommitted or new; an
edited helper module counts for every example importing it), runs each under every start
method it supports with every local Python 3.10+, and prints one line per run.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from . import all_examples, test_jobs
from .batch import Batch
from .interpreters import probe
from .matrix import local_pythons


def changed_files(project: Path, base: str) -> set[Path]:
    def git(*args: str) -> list[str]:
        out = subprocess.run(
            ["git", *args], cwd=project, capture_output=True, text=True, check=True
        )
        return [line for line in out.stdout.splitlines() if line]

    names = git("diff", "--name-only", f"{base}...HEAD") + git("diff", "--name-only", "HEAD")
    names += git("ls-files", "--others", "--exclude-standard")
    return {(project / name).resolve() for name in names}


def main(base: str) -> int:
    project = Path.cwd()
    changed = changed_files(project, base)
    examples = [
        e
        for e in all_examples(project)
        if e.path in changed or changed.intersection(e.local_modules)
    ]
    if not examples:
        print(f"no example changed since {base}")
        return 0
    pythons = local_pythons()
    jobs = [job for python in pythons for e in examples for job in test_jobs(e, python)]
    print(
        f"{len(examples)} changed example(s) x {len(pythons)} Python(s): {len(jobs)} runs",
        flush=True,
    )
    results = Batch(jobs, project).start().results()
    width = max(len(e.rel) for e in examples)
    bad = 0
    for job, result in results.items():
        method = job.start_method or "-"
        print(
            f"{job.example.rel:{width}}  {probe(job.python).version:8}  {method:10}  "
            f"{result.status:8}  {result.duration:6.2f} s  {result.reason}"
        )
        bad += result.status in ("failed", "timeout")
    print(f"{len(results) - bad} passed, {bad} failed")
    return 1 if bad else 0
