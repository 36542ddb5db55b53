"""Stored runs are found by a key composed in one place (cache.job_key): what shapes a run
changes the key of every kind of job that it shapes, and nothing else does."""

from __future__ import annotations

import dataclasses
import textwrap
from pathlib import Path

import pytest

from example_runner import (
    KitJob,
    NotebookJob,
    Result,
    Status,
    environments,
    example_job,
    load_example,
    probe,
)
from example_runner import cache as cache_module
from example_runner.cache import Cache, job_key
from example_runner.plan import page_job


def _example(tmp_path: Path, name: str, code: str):
    path = tmp_path / "examples" / "demo" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(code), encoding="utf-8")
    return load_example(path, tmp_path / "examples")


@pytest.fixture
def jobs(tmp_path, settings, example_python):
    """One job of each kind, in a throwaway project."""
    local = settings.replace(project=tmp_path, cache_dir=tmp_path / "cache")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "kit.py").write_text("print('kit')\n")
    notebook = docs / "bench.ipynb"
    notebook.write_text('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}')
    toolchain = probe(settings.toolchain_python)
    example = _example(tmp_path, "hello.py", "print('hello')\n")
    return local, {
        "examples": example_job(example, local, example_python),
        "notebooks": NotebookJob(notebook, docs, toolchain),
        "benchmark kit": KitJob(docs / "kit.py", docs, example_python),
    }


def test_a_result_shaping_variable_changes_every_kinds_key(jobs):
    local, by_kind = jobs
    before = {kind: job_key(job, local) for kind, job in by_kind.items()}
    assert len(set(before.values())) == 3
    tuned = local.replace(environ=(*local.environ, ("OMP_NUM_THREADS", "3")))
    after = {kind: job_key(job, tuned) for kind, job in by_kind.items()}
    changed = [kind for kind in by_kind if before[kind] != after[kind]]
    assert changed == list(by_kind), (
        f"OMP_NUM_THREADS left these keys alone: {set(by_kind) - set(changed)}"
    )
    other = local.replace(environ=(*local.environ, ("SOME_UNRELATED_VARIABLE", "1")))
    assert {kind: job_key(job, other) for kind, job in by_kind.items()} == before


@pytest.mark.parametrize("edited", ["jobs/example.py", "jobs/notebook.py", "jobs/kit.py"])
def test_editing_one_kinds_module_changes_only_that_kinds_key(jobs, monkeypatch, edited):
    local, by_kind = jobs
    before = {kind: job_key(job, local) for kind, job in by_kind.items()}
    read = cache_module._runner_file.__wrapped__

    def with_a_comment(name: str) -> bytes:
        return read(name) + (b"\n# a comment\n" if name == edited else b"")

    monkeypatch.setattr(cache_module, "_runner_file", with_a_comment)
    after = {kind: job_key(job, local) for kind, job in by_kind.items()}
    changed = {kind for kind in by_kind if before[kind] != after[kind]}
    owner = {
        "jobs/example.py": "examples",
        "jobs/notebook.py": "notebooks",
        "jobs/kit.py": "benchmark kit",
    }
    assert changed == {owner[edited]}
    # A module every kind runs through changes them all.
    monkeypatch.setattr(
        cache_module,
        "_runner_file",
        lambda name: read(name) + (b"#" if name == "execute.py" else b""),
    )
    assert all(job_key(job, local) != before[kind] for kind, job in by_kind.items())


def test_a_stored_run_is_found_from_its_recorded_interpreter(jobs, tmp_path):
    """The key is made of the interpreter's recorded identity: a run stored by a job on one
    machine is found by the same job planned elsewhere with the same identity."""
    local, by_kind = jobs
    job = by_kind["examples"]
    cache = Cache(tmp_path / "store")
    result = Result(name="demo/hello.py", python=job.python, stdout="hello\n")
    cache.put(job_key(job, local), result)
    other_machine = dataclasses.replace(job.runs_on, executable="/elsewhere/python3")
    moved = dataclasses.replace(job, interpreter=other_machine, runs_on=other_machine)
    found = cache.get(job_key(moved, local))
    assert found is not None and found.stdout == "hello\n" and found.python == job.python
    more_cores = dataclasses.replace(other_machine, cores=job.python.cores + 1)
    assert cache.get(job_key(dataclasses.replace(job, runs_on=more_cores), local)) is None


def test_environments_are_made_while_planning_once_per_interpreter_and_never_by_a_key(
    tmp_path, settings, example_python, monkeypatch
):
    local = settings.replace(
        project=tmp_path, cache_dir=tmp_path / "cache", env_dir=tmp_path / "envs"
    )
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "requirements.txt").write_text("# nothing to install\n")
    made: list[str] = []
    make = environments._make

    def counting(interp, settings, env):
        made.append(interp.label)
        make(interp, settings, env)

    monkeypatch.setattr(environments, "_make", counting)
    environments.example_interpreter.cache_clear()
    needs = "# /// example\n# requires = ['psutil']\n# ///\nprint(1)\n"
    examples = [_example(tmp_path, f"needs_{n}.py", needs) for n in range(3)]
    plain = _example(tmp_path, "plain.py", "print(2)\n")
    planned = [page_job(e, local, example_python) for e in [*examples, plain]]
    assert made == [example_python.label]  # one environment, made while planning
    assert planned[0].runs_on != example_python and planned[-1].runs_on == example_python
    for _ in range(2):  # keys read what the jobs hold; running them asks for nothing more
        for job in planned:
            job_key(job, local)
    page_job(examples[0], local, example_python)  # planning again: the environment exists
    assert made == [example_python.label]
    assert planned[0].missing_packages() is not None  # psutil is not in that requirements file
    refused = planned[0].not_run(local)  # the page Python must have it; others skip it
    assert refused is not None and refused[0] in (Status.FAILED, Status.SKIPPED)
    environments.example_interpreter.cache_clear()
