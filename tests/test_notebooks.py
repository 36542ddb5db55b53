"""Benchmark notebooks execute through the runner; a broken or hanging one fails clearly."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from example_runner import Batch, NotebookJob, Status, probe

from .support import ROOT

NOTEBOOKS = sorted((ROOT / "docs").rglob("*.ipynb"))


def execute(path, settings, *, fast=False, timeout=900.0):
    """Run a notebook as the build does (one batch, stored): its result and executed copy."""
    toolchain = probe(settings.toolchain_python)
    job = NotebookJob(path, settings.docs_dir, toolchain, fast=fast, timeout=timeout)
    batch = Batch([job], settings, progress="off").start()
    result = batch.result(job)
    return result, batch.artifact(job)


def outputs(path: str) -> tuple[str, int]:
    """All text a notebook printed, and how many images it made."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    text, images = [], 0
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                text.append("".join(out["text"]))
            images += bool({"image/png", "image/svg+xml"} & set(out.get("data", {})))
    return "".join(text), images


def test_notebooks_are_stored_without_outputs():
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        stored = [c for c in nb.cells if c.cell_type == "code" and (c.outputs or c.execution_count)]
        assert not stored, (
            f"{path.name}: clear the outputs before committing (they are made at build time)"
        )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_in_fast_mode(path, settings):
    run, executed = execute(path, settings, fast=True)
    assert run.status is Status.OK, f"{run.reason}\n{run.stderr}"
    text, images = outputs(executed)
    assert "usable cores" in text and "[fast mode]" in text  # it says what machine it measured
    assert images >= 4


def _notebook(tmp_path, source: str):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path = tmp_path / "docs" / "broken.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def test_failing_notebook_is_reported_with_its_error(tmp_path, settings):
    local = settings.replace(project=tmp_path, cache_dir=tmp_path / "cache")
    run, _ = execute(_notebook(tmp_path, "1 / 0"), local)
    assert run.status is Status.FAILED
    assert run.reason.startswith("docs/broken.ipynb: a cell raised")
    assert "ZeroDivisionError" in run.stderr


def test_hanging_notebook_times_out(tmp_path, settings):
    local = settings.replace(project=tmp_path, cache_dir=tmp_path / "cache")
    run, _ = execute(_notebook(tmp_path, "import time\ntime.sleep(600)"), local, timeout=15)
    assert run.status is Status.TIMEOUT
    assert run.reason == "docs/broken.ipynb: timed out after 15 s; killed its process group"
    assert run.duration < 30
