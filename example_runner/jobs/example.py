"""An example under an interpreter, with a start method imposed or not.

The interpreter it runs on and the versions of the packages it imports are resolved when
the job is planned (plan.example_job), so nothing here installs or probes anything.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ..interpreters import Interpreter, InterpreterId
from ..judge import Expectations
from ..metadata import Example
from ..outcome import Result, Status
from ..settings import Settings
from . import Launch, warning_options

SHIM_DIR = Path(__file__).resolve().parent.parent / "shim"


@dataclasses.dataclass(frozen=True)
class ExampleJob:
    """An example under an interpreter; made by plan.example_job, which resolves where
    it runs (`runs_on`: the interpreter, or its example environment) and which versions of
    the packages it declares are there (`packages`: name -> version, or None if missing)."""

    example: Example
    interpreter: Interpreter  # the base interpreter: its version gates and start methods
    runs_on: Interpreter  # the interpreter, or its environment's Python
    start_method: str | None = None  # imposed, or None: the interpreter's default
    # On the page interpreter every package an example needs must be there: a missing one
    # fails the run. Elsewhere (the matrix, another Python's tests) it skips the run.
    packages_required: bool = False
    packages: tuple[tuple[str, str | None], ...] = ()
    environment_problem: str = ""  # why its environment could not be made, or ""

    runner_files = (
        "jobs/example.py",
        "metadata.py",
        "shim/sitecustomize.py",
    )
    kind = "examples"

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.example.rel + (f"[{self.start_method}]" if self.start_method else "")

    @property
    def file(self) -> str:
        return self.example.rel

    @property
    def claim_target(self) -> str:
        return self.example.rel

    @property
    def timing_sensitive(self) -> bool:
        return self.example.meta.timing_sensitive

    @property
    def interpreters(self) -> tuple[Interpreter, Interpreter]:
        return self.interpreter, self.runs_on

    @property
    def python(self) -> InterpreterId:
        return self.runs_on.id

    @property
    def effective_start_method(self) -> str | None:
        if self.start_method:
            return self.start_method
        uses = self.example.uses_multiprocessing
        return self.interpreter.default_start_method if uses else None

    @property
    def start_method_imposed(self) -> bool:
        return self.start_method is not None

    def contribution(self) -> list[str | bytes]:
        parts: list[str | bytes] = [str(self.start_method), self.example.rel, self.example.source]
        for distribution, version in self.packages:  # the installed version of each
            parts += [distribution, version or "(missing)"]
        for module in self.example.local_modules:
            parts += [module.name, module.read_bytes()]
        return parts

    def missing_packages(self) -> str | None:
        """Why the example cannot have its packages here, or None."""
        missing = [name for name, version in self.packages if version is None]
        if not missing:
            return None
        why = f": {self.environment_problem}" if self.environment_problem else ""
        return (
            f"needs {', '.join(missing)}, not installed for {self.interpreter.label} "
            f"(see examples/requirements.txt){why}"
        )

    def not_run(self, settings: Settings) -> tuple[Status, str] | None:
        """(SKIPPED, why) when this machine or the settings rule the run out; (FAILED, why)
        when the page interpreter lacks a package; None when it runs."""
        meta, base = self.example.meta, self.interpreter
        need = meta.requires_python
        if need and base.version_info[: len(need)] < need:
            version = ".".join(map(str, need))
            return Status.SKIPPED, f"needs Python {version} or newer; this run used {base.label}"
        if meta.platforms and not any(base.sys_platform.startswith(p) for p in meta.platforms):
            return (
                Status.SKIPPED,
                f"runs only on {', '.join(meta.platforms)}; this is {base.sys_platform}",
            )
        if self.start_method and self.start_method not in base.start_methods:
            return (
                Status.SKIPPED,
                f"start method {self.start_method!r} is not available on {base.sys_platform}",
            )
        allowed = settings.start_methods
        if self.start_method and allowed is not None and self.start_method not in allowed:
            return (
                Status.SKIPPED,
                f"start method {self.start_method!r} is not tested here ({','.join(allowed)} only)",
            )
        missing = self.missing_packages()
        if missing and self.packages_required:
            return (
                Status.FAILED,
                f"{self.example.rel}: {missing}; the Python the pages show must have it",
            )
        if missing:
            return Status.SKIPPED, missing
        return None

    def launch(self, settings: Settings, staging: Path) -> Launch:
        meta = self.example.meta
        env = dict(settings.child_env)
        if self.start_method:
            env.update(PYTHONPATH=str(SHIM_DIR), EXAMPLE_START_METHOD=self.start_method)
        options = warning_options(self.runs_on)
        cmd = [self.runs_on.executable, "-X", "utf8", "-u", *options, str(self.example.path)]
        expect = Expectations(
            timeout=meta.timeout,
            exit_code=meta.exit_code,
            stderr="required"
            if meta.expect_stderr
            else ("allowed" if meta.exit_code != 0 else "forbidden"),
            readable_output=True,
        )
        # Memory is sampled every 0.2 s, and only every second for a timing-sensitive run,
        # whose numbers the sampling (a /proc scan in this process) must not disturb.
        every = 1.0 if self.timing_sensitive else 0.2
        return Launch(cmd, env, expect, sample_every=every)

    def claim_text(self, result: Result, artifact: Path | None) -> str:
        return result.stdout
