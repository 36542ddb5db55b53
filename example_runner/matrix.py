"""Compatibility matrix: every example x start method x local Python, as a data file.

    python -m example_runner matrix                 # every CPython 3.10+ found by pyenv
    python -m example_runner matrix --python /usr/bin/python3.12 --python python3.13

writes docs/data/compatibility.json, which the site renders on its compatibility page.
"""

from __future__ import annotations

import json
import platform
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

from . import all_examples, test_jobs
from .batch import Batch
from .interpreters import probe

DATA_FILE = Path("docs/data/compatibility.json")
SCHEMA = {
    "type": "object",
    "required": ["generated_at", "command", "machine", "interpreters", "results"],
    "properties": {
        "generated_at": {"type": "string"},
        "command": {"type": "string"},
        "machine": {"type": "object", "required": ["platform", "cores"]},
        "interpreters": {"type": "array", "items": {"type": "string"}},
        "results": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["example", "python", "start_method", "status", "reason", "duration"],
                "properties": {
                    "example": {"type": "string", "pattern": r"^[\w/-]+\.py$"},
                    "python": {"type": "string"},
                    "start_method": {"enum": [None, "fork", "spawn", "forkserver"]},
                    "status": {"enum": ["ok", "skipped", "failed", "timeout"]},
                    "reason": {"type": "string"},
                    "duration": {"type": "number", "minimum": 0},
                },
                "additionalProperties": False,
            },
        },
    },
}


def local_pythons() -> list[str]:
    """This interpreter plus every pyenv CPython 3.10 or newer."""
    found = {probe(sys.executable).version: sys.executable}
    pyenv = shutil.which("pyenv")
    if pyenv:
        root = subprocess.run(
            [pyenv, "root"], capture_output=True, text=True, check=False
        ).stdout.strip()
        for exe in sorted(Path(root, "versions").glob("3.*/bin/python")):
            version = exe.parent.parent.name
            if version.split(".")[1].isdigit() and int(version.split(".")[1]) >= 10:
                found.setdefault(version, str(exe))
    return [found[v] for v in sorted(found, key=lambda v: tuple(int(p) for p in v.split(".")[:3]))]


def build_matrix(root: Path, pythons: list[str]) -> dict:
    examples = all_examples(root)
    jobs = [job for python in pythons for e in examples for job in test_jobs(e, python)]
    results = Batch(jobs, root, honest_timing=False).start().results()
    rows = []
    for job, result in results.items():
        rows.append(
            {
                "example": job.example.rel,
                "python": probe(job.python).version,
                "start_method": job.start_method,
                "status": result.status,
                "reason": result.reason,
                "duration": result.duration,
            }
        )
    this = probe(sys.executable)
    return {
        "generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "command": "python -m example_runner matrix",
        "machine": {
            "platform": this.platform,
            "cores": this.cores,
            "os": platform.platform(terse=True),
        },
        "interpreters": [probe(p).label for p in pythons],
        "results": rows,
    }


def main(pythons: list[str] | None) -> int:
    pythons = pythons or local_pythons()
    print("interpreters:", ", ".join(probe(p).label for p in pythons), flush=True)
    data = build_matrix(Path.cwd(), pythons)
    DATA_FILE.parent.mkdir(parents=True, exist_ok=True)
    DATA_FILE.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    bad = [r for r in data["results"] if r["status"] in ("failed", "timeout")]
    print(f"wrote {DATA_FILE}: {len(data['results'])} runs, {len(bad)} failed")
    for row in bad:
        print(f"  {row['example']} [{row['python']}, {row['start_method']}]: {row['reason']}")
    return 1 if bad else 0


def render_matrix(data: dict) -> str:
    """The compatibility page: one row per example, one column per Python.

    A cell reads "ok ×3 · 1.20 s" when every start method passed (with their total run time),
    or lists each method's outcome ("fork ok · spawn skip") when they differ.
    """
    version = lambda v: tuple(int(p) for p in v.split("."))  # noqa: E731
    pythons = sorted({r["python"] for r in data["results"]}, key=version)
    runs: dict[tuple[str, str], list[dict]] = {}
    for r in data["results"]:
        runs.setdefault((r["example"], r["python"]), []).append(r)
    order = {"fork": 0, "spawn": 1, "forkserver": 2, None: 3}
    lines = [
        f"Produced on {data['generated_at'][:16].replace('T', ' ')} UTC by `{data['command']}` on "
        f"{data['machine']['os']} with {data['machine']['cores']} cores. Interpreters: "
        f"{', '.join(data['interpreters'])}.",
        "",
        "| Example | " + " | ".join(f"Python {p}" for p in pythons) + " |",
        "|---|" + "---|" * len(pythons),
    ]
    for example in sorted({r["example"] for r in data["results"]}):
        cells = []
        for python in pythons:
            cell = sorted(runs.get((example, python), []), key=lambda r: order[r["start_method"]])
            statuses = {r["status"] for r in cell}
            total = sum(r["duration"] for r in cell)
            if not cell:
                cells.append("")
            elif statuses == {"ok"}:
                count = f" ×{len(cell)}" if len(cell) > 1 else ""
                cells.append(f"ok{count} · {total:.2f} s")
            elif statuses == {"skipped"}:
                cells.append("skipped")
            else:
                cells.append(
                    " · ".join(
                        f"{r['start_method'] or ''} {_word(r['status'])}".strip() for r in cell
                    )
                )
        lines.append(f"| `{example}` | " + " | ".join(cells) + " |")
    notes = sorted(
        {
            (r["example"], r["status"], r["reason"].split("; this run used")[0])
            for r in data["results"]
            if r["reason"]
        }
    )
    if notes:
        lines += ["", "Why runs were skipped or failed:", ""]
        lines += [f"- `{example}` ({_word(status)}): {reason}" for example, status, reason in notes]
    return "\n".join(lines) + "\n"


def _word(status: str) -> str:
    return {"ok": "ok", "skipped": "skipped", "failed": "FAILED", "timeout": "TIMED OUT"}[status]
