"""Whole-page tables: the run-times page and the compatibility matrix."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema

from .outcome import Result, Status

MATRIX_FILE = Path("docs/data/compatibility.json")
MATRIX_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["generated_at", "command", "machine", "interpreters", "results"],
    "properties": {
        "generated_at": {"type": "string"},
        "command": {"type": "string"},
        "machine": {"type": "object", "required": ["platform", "cores", "os"]},
        "interpreters": {"type": "array", "items": {"type": "string"}},
        "results": {
            "type": "array",
            "items": {
                "type": "object",
                "required": [
                    "example",
                    "python",
                    "start_method",
                    "status",
                    "reason",
                    "duration",
                    "method",
                    "platform",
                    "cores",
                    "output",
                ],
                "properties": {
                    "example": {"type": "string", "pattern": r"^[\w/-]+\.py$"},
                    "python": {"type": "string", "pattern": r"^3\.\d+\.\d+t?$"},
                    "start_method": {"enum": [None, "fork", "spawn", "forkserver"]},
                    "method": {"enum": [None, "fork", "spawn", "forkserver"]},  # in effect
                    "status": {"enum": [s.value for s in Status]},
                    "reason": {"type": "string"},
                    "duration": {"type": "number", "minimum": 0},
                    "platform": {"type": "string"},
                    "cores": {"type": "integer", "minimum": 1},
                    # a key of docs/data/outputs.json, or "" when the run printed nothing
                    "output": {"type": "string", "pattern": r"^([0-9a-f]{12})?$"},
                },
                "additionalProperties": False,
            },
        },
    },
}


class MatrixError(ValueError):
    """The compatibility data cannot be read or does not follow MATRIX_SCHEMA."""


def check_matrix(data: object) -> None:
    """Raise MatrixError (naming the first problem) unless `data` follows MATRIX_SCHEMA."""
    error = jsonschema.exceptions.best_match(
        jsonschema.Draft202012Validator(MATRIX_SCHEMA).iter_errors(data)
    )
    if error is not None:
        where = "/".join(map(str, error.absolute_path)) or "(top level)"
        raise MatrixError(f"{MATRIX_FILE}: {where}: {error.message}")


def compatibility_matrix(project: Path, workflow_runs: str | None) -> str:
    """The compatibility page's table, from the project's data file."""
    try:
        data = json.loads((project / MATRIX_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise MatrixError(
            f"cannot render the compatibility matrix from {MATRIX_FILE}: {exc} "
            "(run: python -m example_runner matrix)"
        ) from None
    check_matrix(data)
    return render_matrix(data, workflow_runs)


def _megabytes(size: int | None) -> str:
    return f"{size / 2**20:,.0f} MB" if size else "–"


def render_run_times(entries: list[tuple[str, str, str, Result]], summary: str) -> str:
    """The run-times page: every run the build made or reused, slowest first (as
    sphinx-gallery does). `entries` holds (what ran, page title, link to where it is shown,
    result); a run's name links to its example on its page, the page's title is the link's
    tooltip (one column fewer keeps a long table light on a phone)."""
    rows = sorted(entries, key=lambda e: e[3].duration, reverse=True)
    total = sum(r.duration for *_, r in rows)
    lines = [
        f"This build: {'; '.join(summary.splitlines())}. {len(rows)} runs; their run "
        f"times add up to {total:.1f} s.",
        "",
        "| Run | Python | Status | Run time | Peak memory | Result from |",
        "|---|---|---|--:|--:|---|",
    ]
    for name, title, link, r in rows:
        origin = f"cache (ran {r.finished_at[:10]})" if r.cached else "this build"
        alone = r.timing_sensitive and r.status is not Status.SKIPPED
        status = r.status.value + (" (ran alone)" if alone else "")
        tooltip = title.replace('"', "'")
        run = f'[`{name}`]({link} "{tooltip}")' if link else f"`{name}`"
        lines.append(
            f"| {run} | {r.interpreter} | {status} | "
            f"{r.duration:.2f} s | {_megabytes(r.peak_rss)} | {origin} |"
        )
    return "\n".join(lines)


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.rstrip("t").split(".")) + (version.endswith("t"),)


def render_matrix(data: dict[str, Any], workflow_runs: str | None = None) -> str:
    """The compatibility page: a table per topic, one row per example, one column per Python.

    A cell reads "ok ×3 · 1.20 s" when every start method passed (with their total run time),
    or lists each method's outcome ("fork ok · spawn skip") when they differ.
    `workflow_runs` links the GitHub workflow that runs what the build machine cannot.
    """
    pythons = sorted({r["python"] for r in data["results"]}, key=_version_key)
    runs: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in data["results"]:
        runs.setdefault((r["example"], r["python"]), []).append(r)
    order = {"fork": 0, "spawn": 1, "forkserver": 2, None: 3}
    total = len(data["results"])
    failed = sum(Status(r["status"]).is_failure for r in data["results"])
    lines = [
        f"Produced on {data['generated_at'][:16].replace('T', ' ')} UTC by `{data['command']}` on "
        f"{data['machine']['os']} with {data['machine']['cores']} cores: {total} runs, "
        f"{failed} failed. Interpreters: {', '.join(data['interpreters'])}.",
        "",
        "Free-threaded builds (3.14t, 3.15t), macOS and Windows are not on that machine: the "
        "project's GitHub workflow runs every example and its claims there, on every push"
        + (
            f" ([its runs]({workflow_runs}), each with a test report to download)."
            if workflow_runs
            else "."
        ),
    ]
    header = [
        "",
        "| Example | " + " | ".join(f"Python {p}" for p in pythons) + " |",
        "|---|" + "---|" * len(pythons),
    ]
    topic = None
    for example in sorted({r["example"] for r in data["results"]}):
        # One table per topic folder, under its own heading: a reader jumps to a topic,
        # and a phone lays out only the tables near the screen (one table of every example
        # was 1,300 elements styled at once, each time the theme restyles the page).
        if example.split("/")[0] != topic:
            topic = example.split("/")[0]
            lines += ["", f"## `{topic}/`", *header]
        cells = []
        for python in pythons:
            cell = sorted(runs.get((example, python), []), key=lambda r: order[r["start_method"]])
            statuses = {r["status"] for r in cell}
            total_time = sum(r["duration"] for r in cell)
            if not cell:
                cells.append("")
            elif statuses == {"ok"}:
                count = f" ×{len(cell)}" if len(cell) > 1 else ""
                cells.append(f"ok{count} · {total_time:.2f} s")
            elif statuses == {"skipped"}:
                cells.append("skipped")
            else:
                cells.append(
                    " · ".join(
                        f"{r['start_method'] or ''} {Status(r['status']).word}".strip()
                        for r in cell
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
        lines += ["", "## Why runs were skipped or failed", ""]
        lines += [
            f"- `{example}` ({Status(status).word}): {reason}" for example, status, reason in notes
        ]
    return "\n".join(lines) + "\n"
