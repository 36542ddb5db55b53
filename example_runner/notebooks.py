"""Benchmark notebooks: executed through the runner, cached like examples.

A notebook's cache key covers its bytes, the modules next to it that its cells import, the
runner code, the interpreter and whether it ran in fast mode (BENCH_FAST=1: smaller sizes,
same code). A warm build reuses the executed copy and executes nothing. Notebooks are
benchmarks: the build runs them one at a time, before any example, with nothing else running.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from .cache import _RUNNER, default_cache_dir
from .execute import run_process
from .interpreters import probe
from .metadata import local_modules

NOTEBOOK_TIMEOUT = 900.0
_ANSI_COLOUR = re.compile(r"\x1b\[[0-9;]*m")  # the kernel colours its tracebacks


@dataclass
class NotebookRun:
    notebook: str
    status: str  # "ok" | "failed" | "timeout"
    reason: str
    duration: float
    executed: str  # path of the executed copy ("" if it failed)
    stderr: str = ""
    cached: bool = False


def _code_cells_as_module(path: Path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")


def notebook_key(path: Path, python: str, fast: bool) -> str:
    interp = probe(python)
    digest = hashlib.sha256(_RUNNER)
    digest.update((Path(__file__).parent / "nbexec.py").read_bytes())
    digest.update(path.read_bytes())
    for module in local_modules(path, path.parent, source=_code_cells_as_module(path)):
        digest.update(module.name.encode() + b"\0" + module.read_bytes())
    for part in (interp.full_version, interp.platform, str(interp.cores), str(fast)):
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()[:32]


def forget_notebook(path: Path, project: Path, *, python: str = sys.executable) -> None:
    """Drop the cached run of a notebook (full size), so the next build executes it again."""
    cache = default_cache_dir(project).parent / "notebooks"
    key = notebook_key(path, python, fast=False)
    (cache / f"{key}.json").unlink(missing_ok=True)


def execute_notebook(
    path: Path,
    project: Path,
    *,
    python: str = sys.executable,
    fast: bool = False,
    fresh: bool = False,
    timeout: float = NOTEBOOK_TIMEOUT,
) -> NotebookRun:
    cache = default_cache_dir(project).parent / "notebooks"
    cache.mkdir(parents=True, exist_ok=True)
    key = notebook_key(path, python, fast)
    # The executed copy keeps the notebook's file name: the site offers it for download.
    executed, record = cache / key / path.name, cache / f"{key}.json"
    rel = path.relative_to(project).as_posix()
    if not fresh and executed.is_file() and record.is_file():
        return NotebookRun(**{**json.loads(record.read_text()), "cached": True})
    package_home = (
        Path(__file__).resolve().parent.parent
    )  # so that -m example_runner.nbexec imports
    env = {"PYTHONPATH": os.pathsep.join([str(package_home), str(path.parent)])}
    if fast:
        env["BENCH_FAST"] = "1"
    tmp_out = cache / f"{key}.{os.getpid()}.tmp.ipynb"
    executed.parent.mkdir(exist_ok=True)
    run = run_process(
        [python, "-m", "example_runner.nbexec", str(path), str(tmp_out)], env, timeout
    )
    status, reason = "ok", ""
    if run.timed_out:
        status, reason = (
            "timeout",
            f"{rel}: timed out after {timeout:g} s; killed its process group",
        )
    elif run.exit_code != 0:
        last = run.stderr.strip().splitlines()[-1] if run.stderr.strip() else ""
        status, reason = "failed", f"{rel}: a cell raised ({last})"
    elif run.leftovers:
        status, reason = "failed", f"{rel}: left {run.leftovers} process(es) running (killed)"
    stderr, reason = _ANSI_COLOUR.sub("", run.stderr), _ANSI_COLOUR.sub("", reason)
    result = NotebookRun(rel, status, reason, run.duration, "", stderr[-5000:])
    if status == "ok":
        os.replace(tmp_out, executed)
        result.executed = str(executed)
        record.write_text(json.dumps(asdict(result) | {"cached": False}), encoding="utf-8")
    else:
        tmp_out.unlink(missing_ok=True)
    return result
