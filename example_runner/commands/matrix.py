"""Compatibility matrix: every example x start method x local Python, as a data file.

    python -m example_runner matrix                 # the newest of each CPython 3.10+ found
    python -m example_runner matrix --python /usr/bin/python3.12 --python python3.13

writes docs/data/compatibility.json, which the site renders on its compatibility page.
Free-threaded builds found are included; the GitHub workflow covers the ones this machine
does not have.
"""

from __future__ import annotations

import argparse
import json
import platform
from datetime import datetime, timezone
from typing import Any

from ..batch import Batch
from ..interpreters import Interpreter, discover, newest_per_tag, probe
from ..plan import all_examples, test_jobs
from ..settings import Settings
from ..tables import MATRIX_FILE, check_matrix


def build_matrix(settings: Settings, pythons: list[Interpreter]) -> dict[str, Any]:
    examples = all_examples(settings)
    jobs = [job for interp in pythons for e in examples for job in test_jobs(e, settings, interp)]
    batch = Batch(jobs, settings, honest_timing=False).start()
    rows = []
    for job in jobs:
        result = batch.result(job)
        rows.append(
            {
                "example": job.example.rel,
                "python": job.interpreter.version + ("t" if job.interpreter.free_threaded else ""),
                "start_method": job.start_method,
                "status": result.status.value,
                "reason": result.reason,
                "duration": result.duration,
            }
        )
    this = probe(settings.toolchain_python)
    return {
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


def main(settings: Settings, args: argparse.Namespace) -> int:
    pythons = [probe(p) for p in args.python] if args.python else newest_per_tag(discover(settings))
    print("interpreters:", ", ".join(p.label for p in pythons), flush=True)
    data = build_matrix(settings, pythons)
    check_matrix(data)  # what the site renders must follow the schema
    target = settings.project / MATRIX_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    bad = [r for r in data["results"] if r["status"] in ("failed", "timeout")]
    print(f"wrote {MATRIX_FILE}: {len(data['results'])} runs, {len(bad)} failed")
    for row in bad:
        print(f"  {row['example']} [{row['python']}, {row['start_method']}]: {row['reason']}")
    return 1 if bad else 0
