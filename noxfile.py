"""Run the tests under every Python on this machine: `nox` (or `nox -s tests-3.12`).

Each session runs the whole test suite from this interpreter's environment, with the
examples (and their claims) run by that Python (--example-python): the toolchain itself
(MkDocs, pytest) installs on 3.11-3.13 only, but the examples must run on 3.10-3.15.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nox

sys.path.insert(0, str(Path(__file__).parent))
from example_runner import Settings, discover  # noqa: E402
from example_runner.interpreters import newest_per_tag  # noqa: E402

nox.options.default_venv_backend = "none"
PYTHONS = {i.tag: i for i in newest_per_tag(discover(Settings.from_env(Path.cwd())))}


@nox.session
@nox.parametrize("version", list(PYTHONS))
def tests(session: nox.Session, version: str) -> None:
    session.run(
        sys.executable,
        "-m",
        "pytest",
        "--example-python",
        PYTHONS[version].executable,
        *session.posargs,
        env={"NO_MKDOCS_2_WARNING": "1"},
    )
