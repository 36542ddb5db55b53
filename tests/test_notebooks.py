"""Benchmark notebooks execute through the runner; a broken or hanging one fails clearly."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from example_runner import Batch, NotebookJob, Status
from example_runner.interpreters import this_interpreter

from .support import ROOT

NOTEBOOKS = sorted((ROOT / "docs").rglob("*.ipynb"))


def execute(path, settings, *, fast=False, timeout=None):
    """Run a notebook as the build does (one batch, cached): its result."""
    job = NotebookJob(path, this_interpreter(), fast=fast)
    if timeout is not None:
        job = NotebookJob(path, this_interpreter(), fast=fast, timeout=timeout)
    return Batch([job], settings, progress="off").start().result(job)


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
    run = execute(path, settings, fast=True)
    assert run.status is Status.OK, f"{run.reason}\n{run.stderr}"
    text, images = outputs(run.artifact)
    assert "usable cores" in text and "[fast mode]" in text  # it says what machine it measured
    assert images >= 4


def test_speedup_notebook_claims_hold_at_full_size(settings):
    """The figures the benchmark page shows, with margins derived from the workloads.

    Like every claim about times, a failed claim reruns the notebook (fresh, alone) up to
    three times in all; a run whose claims failed is not kept for the page.
    """
    path = ROOT / "docs" / "benchmarks" / "speedup.ipynb"

    def check(text):
        cores = int(re.search(r"(\d+) usable cores", text)[1])
        rows = {
            m[1].strip(): (float(m[2]), float(m[3]))
            for m in re.finditer(
                r"^(pure-Python CPU|hashlib sha256|zlib compress|sleep \(I/O\)|loopback HTTP)"
                r"\s+([\d.]+)x\s+([\d.]+)x",
                text,
                re.M,
            )
        }
        assert len(rows) == 5, text
        if cores >= 2:
            threads, processes = rows["pure-Python CPU"]
            # 2 processes: at most 2x, 1.5-1.9x typical on a shared 2-core machine; claim
            # 1.2x. Threads under the GIL: bound 1x; 1.3x would be parallelism.
            assert processes >= 1.2 and threads < 1.3, rows
            # hashlib releases the GIL for whole buffers: at most 2x; claim 1.2x.
            assert rows["hashlib sha256"][0] >= 1.2, rows
        # 16 sleeps on 2 threads overlap in pairs: 2x on any number of cores; claim 1.5x.
        assert rows["sleep (I/O)"][0] >= 1.5, rows
        fork, spawn = (
            float(re.search(rf"^{m}\s+([\d.]+) ms", text, re.M)[1]) for m in ("fork", "spawn")
        )
        # spawn starts a new interpreter (20 ms or more); fork copies one (a few ms).
        assert fork < spawn

    job = NotebookJob(path, this_interpreter())
    batch = Batch([job], settings, progress="off").start()
    run = batch.result(job)
    for attempt in range(1, 4):
        assert run.status is Status.OK, run.reason
        try:
            check(outputs(run.artifact)[0])
        except AssertionError:
            batch.cache.forget(batch.key(job))
            if attempt == 3:
                raise
            run = batch.run_fresh(job)
        else:
            if attempt > 1:
                batch.cache.put(batch.key(job), run)
            return


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
    run = execute(_notebook(tmp_path, "1 / 0"), local)
    assert run.status is Status.FAILED
    assert run.reason.startswith("docs/broken.ipynb: a cell raised")
    assert "ZeroDivisionError" in run.stderr


def test_hanging_notebook_times_out(tmp_path, settings):
    local = settings.replace(project=tmp_path, cache_dir=tmp_path / "cache")
    run = execute(_notebook(tmp_path, "import time\ntime.sleep(600)"), local, timeout=15)
    assert run.status is Status.TIMEOUT
    assert run.reason == "docs/broken.ipynb: timed out after 15 s; killed its process group"
    assert run.duration < 30
