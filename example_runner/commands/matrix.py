"""Compatibility matrix: every example x start method x local Python, as data files.

    python -m example_runner matrix                 # the newest of each CPython 3.10+ found
    python -m example_runner matrix --python /usr/bin/python3.12 --python python3.13

Runs every example under every start method it supports, and once more with none imposed
(what `python file.py` does after an upgrade), on each Python; writes one row per run to
docs/data/compatibility.json (the compatibility page) and what each run printed, once per
distinct output, to docs/data/outputs.json (the upgrade page compares them). Runs are made
beside each other (a pass/fail survey): claims about times are judged by the build and the
tests, which run those examples alone; every other claim is judged here too.

When it finishes it compares the outputs (example_runner/upgrades.py) and exits non-zero,
listing them, if the runs show a difference that docs/data/upgrade-notes.toml does not
explain, or a note whose difference is gone. Free-threaded builds found are included; the
GitHub workflow covers the ones this machine does not have.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
from datetime import datetime, timezone
from typing import Any

from ..batch import Batch
from ..interpreters import Interpreter, discover, newest_per_tag, probe
from ..jobs.example import ExampleJob
from ..plan import all_examples, example_job, test_jobs
from ..settings import Settings
from ..tables import MATRIX_FILE, check_matrix
from ..upgrades import (
    NOTES_FILE,
    OUTPUTS_FILE,
    Patterns,
    find_changes,
    load_notes,
    load_runs,
    unexplained,
)


def matrix_jobs(settings: Settings, pythons: list[Interpreter]) -> list[ExampleJob]:
    jobs: list[ExampleJob] = []
    for interp in pythons:
        for e in all_examples(settings):
            per_method = test_jobs(e, settings, interp)
            jobs += per_method
            if any(job.start_method for job in per_method):  # and the default, not imposed
                jobs.append(example_job(e, settings, interp))
    return jobs


def build_matrix(
    settings: Settings, pythons: list[Interpreter]
) -> tuple[dict[str, Any], dict[str, dict[str, str]]]:
    jobs = matrix_jobs(settings, pythons)
    batch = Batch(jobs, settings, honest_timing=False).start()
    rows, outputs = [], {}
    for job in jobs:
        result = batch.result(job)
        output = ""
        if result.stdout or result.stderr:
            text = json.dumps([result.stdout, result.stderr])
            output = hashlib.sha256(text.encode()).hexdigest()[:12]
            outputs[output] = {"stdout": result.stdout, "stderr": result.stderr}
        rows.append(
            {
                "example": job.example.rel,
                "python": job.interpreter.version + ("t" if job.interpreter.free_threaded else ""),
                "start_method": job.start_method,
                "method": job.effective_start_method,
                "status": result.status.value,
                "reason": result.reason,
                "duration": result.duration,
                "platform": result.platform,
                "cores": result.cores,
                "output": output,
            }
        )
    this = probe(settings.toolchain_python)
    data = {
        "generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "command": "python -m example_runner matrix",
        "machine": {
            "platform": this.platform,
            "cores": this.cores,
            "os": platform.platform(terse=True),
        },
        "interpreters": [p.label for p in pythons],
        "results": rows,
    }
    return data, dict(sorted(outputs.items()))


def main(settings: Settings, args: argparse.Namespace) -> int:
    pythons = [probe(p) for p in args.python] if args.python else newest_per_tag(discover(settings))
    print("interpreters:", ", ".join(p.label for p in pythons), flush=True)
    data, outputs = build_matrix(settings, pythons)
    check_matrix(data)  # what the site renders must follow the schema
    for path, content in ((MATRIX_FILE, data), (OUTPUTS_FILE, outputs)):
        target = settings.project / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(content, indent=1) + "\n", encoding="utf-8")
    bad = [r for r in data["results"] if r["status"] in ("failed", "timeout", "claim failed")]
    print(f"wrote {MATRIX_FILE} and {OUTPUTS_FILE}: {len(data['results'])} runs, {len(bad)} failed")
    for row in bad:
        print(f"  {row['example']} [{row['python']}, {row['start_method']}]: {row['reason']}")
    _, runs = load_runs(settings.project)
    changes = find_changes(runs, Patterns.of(all_examples(settings)))
    problems = unexplained(changes, load_notes(settings.project / NOTES_FILE))
    print(
        f"{len(changes.versions)} change(s) between versions, {len(changes.methods)} between "
        f"start methods, {len(changes.new_in)} example(s) new in a version; "
        f"{len(problems)} unexplained"
    )
    for problem in problems:
        print(f"  {problem}")
    return 1 if bad or problems else 0
