"""Run the tests under every Python on this machine: `nox` (or `nox -s tests-3.12`).

Python 3.11+ get a virtual environment with requirements.txt and the whole suite.
Python 3.10 (end of life, but readers still have it) cannot install the pinned build
tools, so its session runs every example and its claims under 3.10 from this
interpreter's environment (`--example-python`), which is what matters for readers.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import nox

sys.path.insert(0, str(Path(__file__).parent))
from example_runner.interpreters import probe  # noqa: E402
from example_runner.matrix import local_pythons  # noqa: E402

nox.options.default_venv_backend = "none"
PYTHONS = {".".join(map(str, probe(p).version_info[:2])): p for p in local_pythons()}


@nox.session
@nox.parametrize("version", sorted(PYTHONS, key=lambda v: tuple(map(int, v.split(".")))))
def tests(session, version):
    python = PYTHONS[version]
    env = {"NO_MKDOCS_2_WARNING": "1"}
    if probe(python).version_info < (3, 11):
        session.run(
            sys.executable,
            "-m",
            "pytest",
            "tests/test_every_example.py",
            "tests/examples",
            "--example-python",
            python,
            *session.posargs,
            env=env,
        )
        return
    venv = Path(".nox") / f"tests-{version}"
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    if not (bin_dir / "python").exists():
        session.run(python, "-m", "venv", str(venv))
    session.run(str(bin_dir / "python"), "-m", "pip", "install", "-q", "-r", "requirements.txt")
    session.run(str(bin_dir / "python"), "-m", "pytest", *session.posargs, env=env)
