"""The two kinds of job: an example under an interpreter (and a start method), and a
benchmark notebook. Each says what identifies it (the cache hashes that), whether it must
be skipped, and how it runs and is judged; everything else is the same path for both.
"""

from __future__ import annotations

import dataclasses
import json
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Protocol

from . import environments
from .execute import run_process
from .interpreters import Interpreter
from .judge import judge_example, judge_process
from .metadata import Example, local_modules
from .normalize import normalize, strip_colours
from .outcome import Result, Status
from .settings import Settings

SHIM_DIR = Path(__file__).parent / "shim"
PACKAGE_HOME = Path(__file__).resolve().parent.parent  # so `-m example_runner.nbexec` imports
NOTEBOOK_TIMEOUT = 900.0
# Warnings: `-W default` shows every warning once, also those a plain `python file.py`
# hides (DeprecationWarnings raised outside __main__, such as the one multiprocessing gives
# when a process with threads forks): a reader's program should know of them, so stderr
# output fails a run that does not declare it. One exception, matched by its exact text and
# module: Python 3.15's linecache warns "Module globals is missing a __spec__.loader" when it
# formats a traceback in a spawn or forkserver child, about the `__mp_main__` module that
# multiprocessing itself created with `__spec__ = None`. It says nothing about the example,
# which cannot avoid it, so it is noise. -W options reach spawn and forkserver children too.
WARNING_OPTIONS = (
    "-W",
    "default",
    "-W",
    "ignore:Module globals is missing a __spec__.loader:DeprecationWarning:linecache",
)
# And on Python 3.12 only: "This process (pid=...) is multi-threaded, use of fork() may
# lead to deadlocks in the child" counts the threads the OS still lists, and 3.12's
# Thread.join() returns before a joined thread has left the OS's list (3.13 waits for it).
# A fork right after a pool has shut down (its threads joined) then warns, now and then.
# From 3.13 the warning is exact and fails the run as above; the pages run 3.13 or newer.
WARNING_OPTIONS_312 = (
    *WARNING_OPTIONS,
    "-W",
    "ignore:This process (pid=:DeprecationWarning:multiprocessing.popen_fork",
)


def warning_options(interp: Interpreter) -> tuple[str, ...]:
    return WARNING_OPTIONS_312 if interp.version_info[:2] == (3, 12) else WARNING_OPTIONS


class Job(Protocol):
    @property
    def name(self) -> str: ...  # shown in progress lines and reports

    @property
    def kind(self) -> str: ...  # "examples", "notebooks": how summaries count it

    @property
    def timing_sensitive(self) -> bool: ...  # run alone, with nothing else running

    def identity(self, settings: Settings) -> list[str | bytes]: ...

    def skip_reason(self, settings: Settings) -> str | None: ...

    def run(self, settings: Settings) -> Result: ...


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _interpreter_identity(interp: Interpreter) -> list[str | bytes]:
    parts: list[str | bytes] = [
        interp.implementation,
        interp.full_version,
        str(interp.free_threaded),
        interp.platform,
        str(interp.cores),
    ]
    return parts


@dataclasses.dataclass(frozen=True)
class ExampleJob:
    """An example under an interpreter, with a start method imposed or not."""

    example: Example
    interpreter: Interpreter  # the base interpreter; see runs_on()
    start_method: str | None = None
    # On the page interpreter every package an example needs must be there: a missing one
    # fails the run. Elsewhere (the matrix, another Python's tests) it skips the run.
    packages_required: bool = False
    kind: str = "examples"

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.example.rel + (f"[{self.start_method}]" if self.start_method else "")

    @property
    def timing_sensitive(self) -> bool:
        return self.example.meta.timing_sensitive

    def runs_on(self, settings: Settings) -> Interpreter:
        """The interpreter itself, or its example environment when the example imports
        third-party packages (when that cannot be made: the interpreter, without them)."""
        if not self.example.meta.requires:
            return self.interpreter
        try:
            return environments.example_interpreter(self.interpreter, settings)
        except environments.EnvironmentError_:
            return self.interpreter

    def missing_packages(self, settings: Settings) -> str | None:
        """Why the example cannot have its packages here, or None."""
        interp = self.runs_on(settings)
        missing = [d for d in self.example.meta.requires if interp.has(d) is None]
        if not missing:
            return None
        why = ""
        try:
            environments.example_interpreter(self.interpreter, settings)
        except environments.EnvironmentError_ as exc:
            why = f": {exc}"
        return (
            f"needs {', '.join(missing)}, not installed for {self.interpreter.label} "
            f"(see examples/requirements.txt){why}"
        )

    def identity(self, settings: Settings) -> list[str | bytes]:
        interp = self.runs_on(settings)
        parts = _interpreter_identity(interp)
        parts += [str(self.start_method), self.example.rel, self.example.source]
        for distribution in self.example.meta.requires:  # the installed version of each
            parts += [distribution, interp.has(distribution) or "(missing)"]
        for module in self.example.local_modules:
            parts += [module.name, module.read_bytes()]
        for name, value in settings.result_env:
            parts += [name, value]
        return parts

    def skip_reason(self, settings: Settings) -> str | None:
        meta, base = self.example.meta, self.interpreter
        need = meta.requires_python
        if need and base.version_info[: len(need)] < need:
            version = ".".join(map(str, need))
            return f"needs Python {version} or newer; this run used {base.label}"
        if meta.platforms and not any(base.sys_platform.startswith(p) for p in meta.platforms):
            return f"runs only on {', '.join(meta.platforms)}; this is {base.sys_platform}"
        if self.start_method and self.start_method not in base.start_methods:
            return f"start method {self.start_method!r} is not available on {base.sys_platform}"
        allowed = settings.start_methods
        if self.start_method and allowed is not None and self.start_method not in allowed:
            return (
                f"start method {self.start_method!r} is not tested here ({','.join(allowed)} only)"
            )
        if not self.packages_required:
            return self.missing_packages(settings)
        return None

    def blank_result(self) -> Result:
        interp, example = self.interpreter, self.example
        return Result(
            name=example.rel,
            status=Status.OK,
            start_method=self.start_method
            or (interp.default_start_method if example.uses_multiprocessing else None),
            start_method_imposed=self.start_method is not None,
            interpreter=interp.label,
            python_version=interp.version,
            platform=interp.platform,
            cores=interp.cores,
            timing_sensitive=example.meta.timing_sensitive,
        )

    def run(self, settings: Settings) -> Result:
        result = self.blank_result()
        reason = self.skip_reason(settings)
        if reason:
            result.status, result.reason = Status.SKIPPED, reason
            return result
        missing = self.missing_packages(settings)
        if missing:  # only where packages are required: the page interpreter
            result.status = Status.FAILED
            result.reason = f"{self.example.rel}: {missing}; the Python the pages show must have it"
            return result
        env = dict(settings.child_env)
        if self.start_method:
            env.update(PYTHONPATH=str(SHIM_DIR), EXAMPLE_START_METHOD=self.start_method)
        interp = self.runs_on(settings)
        options = warning_options(interp)
        cmd = [interp.executable, "-X", "utf8", "-u", *options, str(self.example.path)]
        # Memory is sampled every 0.2 s, and only every second for a timing-sensitive run,
        # whose numbers the sampling (a /proc scan in this process) must not disturb.
        every = 1.0 if self.timing_sensitive else 0.2
        run = run_process(cmd, env, self.example.meta.timeout, sample_every=every)
        result.exit_code, result.duration = run.exit_code, run.duration
        result.finished_at, result.peak_rss = _now(), run.peak_rss
        replacements = {**run.workdirs, str(settings.project) + os.sep: ""}
        result.stdout = normalize(run.stdout, replacements=replacements)
        result.stderr = normalize(run.stderr, replacements=replacements)
        judge_example(result, run, self.example.meta)
        return result


def notebook_code(path: Path) -> str:
    """A notebook's code cells, as one module (what it runs and imports)."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")


@dataclasses.dataclass(frozen=True)
class NotebookJob:
    """A benchmark notebook, executed by a kernel on an interpreter (the toolchain's:
    it needs the Jupyter stack). Like a timing-sensitive example, it runs alone."""

    path: Path  # absolute
    interpreter: Interpreter
    fast: bool = False  # BENCH_FAST=1: small sizes, same code
    timeout: float = NOTEBOOK_TIMEOUT
    timing_sensitive: bool = True
    kind: str = "notebooks"

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.path.name

    def identity(self, settings: Settings) -> list[str | bytes]:
        parts = _interpreter_identity(self.interpreter)
        parts += ["notebook", str(self.fast), notebook_code(self.path).encode()]
        # Helpers beside the notebook, and what they import from docs/ (the benchmark kit).
        code = notebook_code(self.path)
        for module in local_modules(self.path, self.path.parent.parent, code):
            parts += [module.name, module.read_bytes()]
        return parts

    def skip_reason(self, settings: Settings) -> str | None:
        return None

    def run(self, settings: Settings) -> Result:
        interp = self.interpreter
        rel = self.path.relative_to(settings.project).as_posix()
        result = Result(
            name=rel,
            status=Status.OK,
            interpreter=interp.label,
            python_version=interp.version,
            platform=interp.platform,
            cores=interp.cores,
            timing_sensitive=True,
        )
        out = Path(settings.cache_dir) / f"{self.path.stem}.{os.getpid()}.{id(self)}.ipynb"
        out.parent.mkdir(parents=True, exist_ok=True)
        # The kernel imports helpers next to the notebook (also in spawned workers), and
        # the notebook's folder's parent (docs/, where the benchmark kit lives).
        path = [str(PACKAGE_HOME), str(self.path.parent), str(self.path.parent.parent)]
        env = dict(settings.child_env) | {"PYTHONPATH": os.pathsep.join(path)}
        if self.fast:
            env["BENCH_FAST"] = "1"
        cmd = [interp.executable, "-m", "example_runner.nbexec", str(self.path), str(out)]
        run = run_process(cmd, env, self.timeout, sample_every=None)
        result.exit_code, result.duration, result.finished_at = (
            run.exit_code,
            run.duration,
            _now(),
        )
        result.stderr = strip_colours(run.stderr)[-5000:]
        judge_process(result, run, self.timeout, "a cell raised")
        result.reason = strip_colours(result.reason)
        if result.ok:
            result.artifact = str(out)
        else:
            out.unlink(missing_ok=True)
        return result


@dataclasses.dataclass(frozen=True)
class KitJob:
    """The benchmark kit (docs/kit.py), run as a reader runs it, on the page interpreter:
    `python kit.py --json result.json --source "build machine"`. Its result's artifact is
    that JSON file, the build machine's row on the results page. It measures, so it runs
    alone."""

    path: Path  # absolute
    interpreter: Interpreter
    timeout: float = 300.0
    timing_sensitive: bool = True
    kind: str = "benchmark kit"

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.path.name

    def identity(self, settings: Settings) -> list[str | bytes]:
        return [*_interpreter_identity(self.interpreter), "kit", self.path.read_bytes()]

    def skip_reason(self, settings: Settings) -> str | None:
        return None

    def run(self, settings: Settings) -> Result:
        interp = self.interpreter
        result = Result(
            name=self.path.relative_to(settings.project).as_posix(),
            status=Status.OK,
            interpreter=interp.label,
            python_version=interp.version,
            platform=interp.platform,
            cores=interp.cores,
            timing_sensitive=True,
        )
        out = Path(settings.cache_dir) / f"result.{os.getpid()}.{id(self)}.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        options = warning_options(interp)
        cmd = [interp.executable, "-X", "utf8", "-u", *options, str(self.path)]
        cmd += ["--json", str(out), "--source", "build machine"]
        run = run_process(cmd, dict(settings.child_env), self.timeout, sample_every=None)
        result.exit_code, result.duration, result.finished_at = (
            run.exit_code,
            run.duration,
            _now(),
        )
        result.stdout = normalize(run.stdout, replacements={str(out): "result.json"})
        result.stderr = run.stderr
        judge_process(result, run, self.timeout, "the kit failed")
        if result.ok and run.stderr.strip():
            result.status = Status.FAILED
            result.reason = f"{result.name}: wrote to stderr: {run.stderr.strip()[-500:]}"
        if result.ok:
            result.artifact = str(out)
        else:
            out.unlink(missing_ok=True)
        return result
