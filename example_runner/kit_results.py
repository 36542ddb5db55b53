"""Results of the benchmark kit (docs/kit.py): their JSON schema, loading, table and plot.

Readers run the kit on their machines and contribute the JSON file it writes (`--json`);
the build machine and the GitHub workflow contribute theirs the same way. SCHEMA describes
exactly what the kit writes, `validate` explains what is wrong with a file in words,
`load_results` reads a folder of them, `render_results` makes a Markdown table and
`plot_results` an SVG of speedup against usable cores.
"""

from __future__ import annotations

import hashlib
import json
import statistics
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema

if TYPE_CHECKING:
    from .outcome import Result

RESULTS_PLOT = "data/results/speedup.svg"  # in the site: made by the build

WORKLOADS = ("pure-Python CPU", "hashlib sha256", "sleep (I/O)")
START_METHODS = ("fork", "spawn", "forkserver")
_SPEEDUP = {"type": ["number", "null"], "exclusiveMinimum": 0}

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Benchmark kit result",
    "type": "object",
    "additionalProperties": False,
    "required": [
        "kit_version",
        "generated_at",
        "source",
        "python",
        "platform",
        "cores",
        "default_start_method",
        "quick",
        "rounds",
        "workloads",
        "startup_ms",
    ],
    "properties": {
        "kit_version": {
            "type": "string",
            "pattern": r"^\d+\.\d+$",
            "description": "a version like 1.0",
        },
        "generated_at": {
            "type": "string",
            "pattern": r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|\+00:00)$",
            "description": "an ISO 8601 time in UTC, like 2025-01-31T12:00:00Z",
        },
        "source": {"enum": ["build machine", "github workflow", "reader"]},
        "source_detail": {"type": "string", "minLength": 1, "maxLength": 200},
        "python": {
            "type": "object",
            "additionalProperties": False,
            "required": ["implementation", "version", "free_threaded", "gil_enabled"],
            "properties": {
                "implementation": {"type": "string", "minLength": 1},
                "version": {
                    "type": "string",
                    "pattern": r"^3\.\d+\.\d+",
                    "description": "a Python version like 3.13.1",
                },
                "free_threaded": {"type": "boolean"},
                "gil_enabled": {"type": "boolean"},
            },
        },
        "platform": {
            "type": "object",
            "additionalProperties": False,
            "required": ["system", "machine"],
            "properties": {
                "system": {"type": "string", "minLength": 1},
                "machine": {"type": "string"},
                "release": {"type": "string"},
            },
        },
        "cores": {"type": "integer", "minimum": 1},
        "default_start_method": {"enum": list(START_METHODS)},
        "quick": {"type": "boolean"},  # small sizes: a test run, not a result to publish
        "rounds": {"type": "integer", "minimum": 1},
        "workloads": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": [
                    "name",
                    "workers",
                    "threads_speedup",
                    "processes_speedup",
                    "asyncio_speedup",
                ],
                "properties": {
                    "name": {"enum": list(WORKLOADS)},
                    "workers": {"type": "integer", "minimum": 1},
                    "threads_speedup": _SPEEDUP,
                    "processes_speedup": _SPEEDUP,
                    "asyncio_speedup": _SPEEDUP,
                },
            },
        },
        "startup_ms": {
            "type": "object",
            "minProperties": 1,
            "propertyNames": {"enum": list(START_METHODS)},
            "additionalProperties": {"type": "number", "exclusiveMinimum": 0},
        },
    },
}


class ResultError(ValueError):
    """A result file that cannot be used; the message names the file and the problem."""


def _where(path: Iterable[Any]) -> str:
    """A JSON location as a reader writes it: workloads[0].threads_speedup."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"  # a list index
        else:
            out += f".{part}" if out else part
    return out or "(top level)"


def validate(data: object) -> list[str]:
    """Every problem with one result, in words ("cores: 0 is less than the minimum of 1")."""
    validator = jsonschema.Draft202012Validator(SCHEMA)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    return [f"{_where(e.absolute_path)}: {_message(e)}" for e in errors]


def _message(error: jsonschema.ValidationError) -> str:
    schema = error.schema if isinstance(error.schema, dict) else {}
    if error.validator == "pattern" and "description" in schema:
        return f"{error.instance!r} is not {schema['description']}"  # not a regex
    return error.message


def load_results(folder: Path | str) -> list[tuple[Path, dict[str, Any]]]:
    """Every *.json result in `folder`, sorted by file name; a bad file raises ResultError."""
    if not Path(folder).is_dir():
        raise ResultError(f"{folder}: no such folder")
    results = []
    for path in sorted(Path(folder).glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ResultError(f"{path}: not a JSON file ({exc})") from exc
        errors = validate(data)
        if errors:
            raise ResultError(f"{path}: not a valid kit result:\n  " + "\n  ".join(errors))
        results.append((path, data))
    return results


def benchmark_results(kit: tuple[Path | None, Result] | None, folder: Path) -> list[dict[str, Any]]:
    """This build's own kit run (its JSON file, and its run; None: no kit), then every
    result file in `folder`; a failed kit run or a bad file raises ResultError."""
    results: list[dict[str, Any]] = []
    if kit is not None:
        path, run = kit
        if path is None:
            raise ResultError(f"{run.name}: {run.reason}\n{run.stderr[-2000:]}")
        data = json.loads(path.read_text(encoding="utf-8"))
        data["source_detail"] = f"this build, {run.finished_at[:10]}"
        results.append(data)
    if folder.is_dir():
        results += [data for _, data in load_results(folder)]
    return results


def results_svg(results: list[dict[str, Any]], cache_dir: Path | None = None) -> bytes:
    """The results as an SVG plot (speedup against usable cores). With `cache_dir`, a plot
    is drawn once per content of the results and of this module (matplotlib takes about
    a second to import: a build where nothing changed needs none)."""
    digest = hashlib.sha256(json.dumps(results, sort_keys=True).encode())
    digest.update(Path(__file__).read_bytes())
    cached = cache_dir / f"results-{digest.hexdigest()[:16]}.svg" if cache_dir else None
    if cached is not None and cached.is_file():
        return cached.read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "plot.svg"
        plot_results(results, target)
        svg = target.read_bytes()
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        for old in cached.parent.glob("results-*.svg"):
            old.unlink(missing_ok=True)
        cached.write_bytes(svg)
    return svg


# --- Presenting results ----------------------------------------------------------------


def _as_dicts(results: Iterable[Any]) -> list[dict[str, Any]]:
    """Accept what load_results returns, (path, data) pairs, or plain result dicts."""
    return [r[1] if isinstance(r, tuple) else r for r in results]


def build_label(data: dict[str, Any]) -> str:
    py = data["python"]
    if not py["free_threaded"]:
        return "GIL"
    return "free-threaded, GIL on" if py["gil_enabled"] else "free-threaded"


def headline(data: dict[str, Any], workload: str) -> dict[str, Any] | None:
    """The row of `workload` with the most workers: N for CPU work, 2N for sleeping."""
    rows = [r for r in data["workloads"] if r["name"] == workload]
    return max(rows, key=lambda r: r["workers"]) if rows else None


# (column title, workload, speedup field)
_COLUMNS = (
    ("CPU threads", "pure-Python CPU", "threads_speedup"),
    ("CPU processes", "pure-Python CPU", "processes_speedup"),
    ("sha256 threads", "hashlib sha256", "threads_speedup"),
    ("sleep threads", "sleep (I/O)", "threads_speedup"),
    ("sleep asyncio", "sleep (I/O)", "asyncio_speedup"),
)


def _speedup_cell(data: dict[str, Any], workload: str, field: str) -> str:
    row = headline(data, workload)
    if row is None or row[field] is None:
        return "-"
    return f"{row[field]:.2f}x ({row['workers']})"


def render_results(results: Iterable[Any]) -> str:
    """A Markdown table, one row per result; a speedup cell says "1.93x (2)": 2 workers."""

    def escape(text: str) -> str:
        return text.replace("|", "\\|")

    head = ["Source", "Python / build", "OS", "Cores"] + [c[0] for c in _COLUMNS]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for data in _as_dicts(results):
        py, plat = data["python"], data["platform"]
        source = data["source"] + (f": {data['source_detail']}" if "source_detail" in data else "")
        cells = [
            source + (" (quick)" if data["quick"] else ""),
            f"{py['implementation']} {py['version']} / {build_label(data)}",
            f"{plat['system']} {plat['machine']}".strip(),
            str(data["cores"]),
        ] + [_speedup_cell(data, workload, field) for _, workload, field in _COLUMNS]
        lines.append("| " + " | ".join(escape(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def plot_results(results: Iterable[Any], path: Path | str) -> None:
    """An SVG of speedup against usable cores, one series per build and OS.

    The background is transparent and every colour is a middle tone, so the figure reads
    on the site's light and dark colour schemes alike.
    """
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    data = _as_dicts(results)
    if not data:
        raise ValueError("no results to plot")
    grey = "#808080"  # contrast of 4:1 or more on white and on the dark scheme's slate
    colours = {"GIL": "#4e8fd6", "free-threaded": "#e8833a", "free-threaded, GIL on": "#b07aa1"}
    markers = {"Linux": "o", "Darwin": "s", "Windows": "^"}
    panels = _COLUMNS[:3]  # the CPU-bound columns: they depend on the core count
    style = {
        "svg.fonttype": "none",  # text stays text: smaller, sharp, selectable
        "font.size": 10,
        "text.color": grey,
        "axes.labelcolor": grey,
        "axes.edgecolor": grey,
        "xtick.color": grey,
        "ytick.color": grey,
        "legend.frameon": False,
    }
    with rc_context(style):  # type: ignore[arg-type]
        fig = Figure(figsize=(3.1 * len(panels) + 1.8, 3.4), layout="constrained")
        FigureCanvasAgg(fig)  # the Agg backend, without pyplot's global state
        axes = fig.subplots(1, len(panels), sharey=True)
        top = max(max(d["cores"] for d in data), 2)
        for ax, (_, workload, field) in zip(axes, panels):
            ax.plot([1, top], [1, top], "--", color=grey, lw=1, label="ideal")
            series: dict[tuple[str, str], list[tuple[int, float]]] = {}
            for d in data:
                row = headline(d, workload)
                if row is not None and row[field] is not None:
                    key = (build_label(d), d["platform"]["system"])
                    series.setdefault(key, []).append((d["cores"], row[field]))
            for (build, system), points in sorted(series.items()):
                # Every result as a faint point; the line joins the medians per core count
                # (several Python versions may have run on the same kind of machine).
                colour, marker = colours[build], markers.get(system, "D")
                xs = sorted({cores for cores, _ in points})
                line = [statistics.median(s for c, s in points if c == x) for x in xs]
                ax.scatter(*zip(*points), color=colour, marker=marker, alpha=0.4, s=18)
                ax.plot(xs, line, marker=marker, color=colour, label=f"{system}, {build}")
            ax.set_title(f"{workload}: {field.split('_')[0]}", color=grey)
            ax.set_xlabel("usable cores")
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            ax.grid(color=grey, alpha=0.25)
        axes[0].set_ylabel("speedup over serial")
        legend: dict[str, Any] = {}  # one entry per series, whichever panels it shows in
        for ax in axes:
            legend.update(zip(*reversed(ax.get_legend_handles_labels())))
        fig.legend(
            list(legend.values()), list(legend.keys()), loc="outside right upper", fontsize=8
        )
        fig.savefig(path, format="svg", transparent=True)
