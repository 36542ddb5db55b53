"""A benchmark notebook, executed by a Jupyter kernel in a real process (nbexec.py)."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from ..interpreters import Interpreter, InterpreterId
from ..judge import Expectations
from ..metadata import local_modules
from ..notebooks import notebook_code, notebook_outputs
from ..outcome import Result, Status
from ..settings import Settings
from . import Launch

PACKAGE_HOME = (
    Path(__file__).resolve().parent.parent.parent
)  # so `-m example_runner.nbexec` imports
NOTEBOOK_TIMEOUT = 900.0


@dataclasses.dataclass(frozen=True)
class NotebookJob:
    """A benchmark notebook, executed by a kernel on the toolchain's interpreter (it needs
    the Jupyter stack). Like a timing-sensitive example, it runs alone."""

    path: Path  # absolute
    docs_dir: Path  # its claims and its page name it relative to docs/
    interpreter: Interpreter
    fast: bool = False  # BENCH_FAST=1: small sizes, same code
    timeout: float = NOTEBOOK_TIMEOUT

    runner_files = ("jobs/notebook.py", "nbexec.py")
    kind = "notebooks"
    timing_sensitive = True
    effective_start_method = None
    start_method_imposed = False

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def file(self) -> str:
        return "docs/" + self.path.relative_to(self.docs_dir).as_posix()

    @property
    def claim_target(self) -> str:
        # Fast mode (BENCH_FAST=1, a preview while editing) measures sizes too small for
        # the claims about the full-size figures: it is another target, with no claims.
        fast = " [fast mode]" if self.fast else ""
        return self.path.relative_to(self.docs_dir).as_posix() + fast

    @property
    def interpreters(self) -> tuple[Interpreter, Interpreter]:
        return self.interpreter, self.interpreter

    @property
    def python(self) -> InterpreterId:
        return self.interpreter.id

    def contribution(self) -> list[str | bytes]:
        code = notebook_code(self.path)
        parts: list[str | bytes] = ["notebook", str(self.fast), code.encode()]
        # Helpers beside the notebook, and what they import from docs/ (the benchmark kit).
        for module in local_modules(self.path, self.path.parent.parent, code):
            parts += [module.name, module.read_bytes()]
        return parts

    def not_run(self, settings: Settings) -> tuple[Status, str] | None:
        return None

    def launch(self, settings: Settings, staging: Path) -> Launch:
        executed = staging / self.path.name  # offered for download under its own name
        # The kernel imports helpers next to the notebook (also in spawned workers), and
        # the notebook's folder's parent (docs/, where the benchmark kit lives).
        path = [str(PACKAGE_HOME), str(self.path.parent), str(self.path.parent.parent)]
        env = dict(settings.child_env) | {"PYTHONPATH": os.pathsep.join(path)}
        if self.fast:
            env["BENCH_FAST"] = "1"
        cmd = [self.interpreter.executable, "-m", "example_runner.nbexec", str(self.path)]
        cmd.append(str(executed))
        # A kernel logs to stderr as it starts and stops: only the exit status counts.
        expect = Expectations(timeout=self.timeout, stderr="allowed", failure="a cell raised")
        return Launch(cmd, env, expect, artifact=executed, sample_every=None)

    def claim_text(self, result: Result, artifact: Path | None) -> str:
        """What the notebook's cells printed (its executed copy holds it)."""
        return notebook_outputs(artifact) if artifact is not None and artifact.is_file() else ""
