"""The habits CI keeps: ruff's lint rules, ruff's formatting and a strict type check of the
runner package, each run as the README's test command runs the rest (any finding fails)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .support import ROOT


def _tool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600
    )


@pytest.mark.parametrize(
    "command",
    [
        ("ruff", "check", "--no-cache", "."),
        ("ruff", "format", "--no-cache", "--check", "."),
        ("mypy", "--no-incremental", "--cache-dir", "/dev/null"),  # config: pyproject.toml
    ],
    ids=["ruff check", "ruff format --check", "mypy --strict example_runner claims"],
)
def test_no_findings(command):
    done = _tool(*command)
    assert done.returncode == 0, f"{' '.join(command)}:\n{done.stdout[-6000:]}{done.stderr[-2000:]}"


def test_the_checks_can_fail(tmp_path):
    """Each tool reports a planted problem (so a passing run above means something)."""
    bad = tmp_path / "bad.py"
    bad.write_text("import os\ndef f(x):\n    return x+1\n")
    assert _tool("ruff", "check", "--no-cache", "--isolated", str(bad)).returncode == 1
    assert _tool("ruff", "format", "--no-cache", "--check", "--isolated", str(bad)).returncode == 1
    typed = _tool("mypy", "--strict", "--no-incremental", "--cache-dir", "/dev/null", str(bad))
    assert typed.returncode == 1 and "Function is missing a type annotation" in typed.stdout
