"""Benchmark notebooks execute through the runner; a broken or hanging one fails clearly."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from example_runner import Batch, NotebookJob, Status, probe

from .support import ROOT, passing

NOTEBOOKS = sorted((ROOT / "docs").rglob("*.ipynb"))


def execute(path, settings, *, timeout=900.0):
    """Run a notebook as the build does (one batch, stored): its result and executed copy."""
    toolchain = probe(settings.toolchain_python)
    job = NotebookJob(path, settings.docs_dir, toolchain, timeout=timeout)
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
def test_the_notebook_run_the_page_shows_is_full_and_plotted(path, settings, session_runs):
    """The run the build made and the page shows (the session's, from the same store: a
    notebook takes a minute, so it runs once): a full run, never one in fast mode
    (BENCH_FAST=1, for a contributor's quick look), that says what machine it measured and
    draws its plots."""
    job = NotebookJob(path, settings.docs_dir, probe(settings.toolchain_python))
    run = passing(session_runs, job)
    executed = session_runs.artifact(job)
    assert executed is not None, f"{job}: the run left no executed notebook"
    text, images = outputs(executed)
    assert "usable cores" in text and "repeat(s) per point" in text, text[:500]
    assert "[fast mode]" not in text, f"{job}: the page would show a fast-mode run"
    assert images >= 4, f"{job}: {images} plot(s)"
    assert run.status is Status.OK


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
    run, _ = execute(_notebook(tmp_path, "import time\ntime.sleep(600)"), local, timeout=6)
    assert run.status is Status.TIMEOUT
    assert run.reason == "docs/broken.ipynb: timed out after 6 s; killed its process group"
    assert run.duration < 20
