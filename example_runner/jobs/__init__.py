"""The kinds of job, and the one way any job runs.

A job is something the site shows the output of: an example under an interpreter (and a
start method), a benchmark notebook, the benchmark kit. Each kind lives in a module of its
own and says:

- `runner_files`: the runner's files whose code shapes its runs (the cache key hashes
  them, so editing one kind's module reruns only that kind);
- `contribution()`: what the job itself adds to its key (an example's source...);
- `not_run(settings)`: (SKIPPED or FAILED, why) if it must not run here, or None;
- `launch(settings, staging)`: the command that runs it, what its run must do to pass,
  and the file in the folder `staging` it writes, if any;
- `claim_text(result, artifact)`: the text its claims read (what it printed).

`run_job()` is the rest, the same for every kind: run the command as a real process,
build the Result, normalize what it printed, judge it.

Adding a kind of job: a module here with a class that has those members, and a place in
SiteBuild's planning that makes its jobs. Nothing else changes.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import Protocol

from ..execute import run_process
from ..interpreters import Interpreter, InterpreterId
from ..judge import Expectations, judge
from ..normalize import normalize, strip_colours
from ..outcome import Result, Status
from ..settings import Settings

# Files every kind's runs depend on (paths relative to the package).
COMMON_RUNNER_FILES = ("execute.py", "judge.py", "normalize.py", "settings.py", "jobs/__init__.py")


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


@dataclasses.dataclass(frozen=True)
class Launch:
    """How to run a job, and what its run must do to pass."""

    cmd: list[str]
    env: Mapping[str, str]
    expect: Expectations
    artifact: Path | None = None  # a file the run writes (kept when it passes)
    sample_every: float | None = 0.2  # memory sampling period; None: not sampled


class Job(Protocol):
    @property
    def runner_files(self) -> tuple[str, ...]: ...  # its kind's own files (besides COMMON)

    @property
    def name(self) -> str: ...  # shown in progress lines: "basics/x.py[spawn]"

    @property
    def file(self) -> str: ...  # what ran, as reasons name it: "basics/x.py", "docs/kit.py"

    @property
    def kind(self) -> str: ...  # "examples", "notebooks", "benchmark kit": how summaries count

    @property
    def claim_target(self) -> str: ...  # what its claims name: "basics/x.py", "kit.py"

    @property
    def timing_sensitive(self) -> bool: ...  # run alone, with nothing else running

    @property
    def python(self) -> InterpreterId: ...  # the interpreter it runs on

    @property
    def interpreters(self) -> tuple[Interpreter, Interpreter]: ...  # (base, where it runs)

    @property
    def effective_start_method(self) -> str | None: ...  # imposed, the default, or None

    @property
    def start_method_imposed(self) -> bool: ...

    def contribution(self) -> list[str | bytes]: ...

    def not_run(self, settings: Settings) -> tuple[Status, str] | None: ...

    def launch(self, settings: Settings, staging: Path) -> Launch: ...

    def claim_text(self, result: Result, artifact: Path | None) -> str: ...  # what claims read


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def run_job(job: Job, settings: Settings, staging: Path) -> Result:
    """Run `job` (unless it must not run here) and judge the run. A file the run writes
    (a notebook's executed copy, the kit's JSON) goes into the folder `staging`; the
    result names it."""
    refused = job.not_run(settings)
    if refused is not None:
        status, reason = refused
        return Result(
            name=job.file,
            python=job.python,
            status=status,
            reason=reason,
            start_method=job.effective_start_method,
            start_method_imposed=job.start_method_imposed,
            timing_sensitive=job.timing_sensitive,
        )
    staging.mkdir(parents=True, exist_ok=True)
    launch = job.launch(settings, staging)
    run = run_process(
        launch.cmd, launch.env, launch.expect.timeout, sample_every=launch.sample_every
    )
    replacements = {**run.workdirs, str(settings.project) + os.sep: ""}
    if launch.artifact is not None:
        replacements[str(launch.artifact)] = launch.artifact.name
    result = Result(
        name=job.file,
        python=job.python,
        start_method=job.effective_start_method,
        start_method_imposed=job.start_method_imposed,
        exit_code=run.exit_code,
        stdout=normalize(strip_colours(run.stdout), replacements=replacements),
        stderr=normalize(strip_colours(run.stderr), replacements=replacements),
        duration=run.duration,
        timing_sensitive=job.timing_sensitive,
        finished_at=now(),
        peak_rss=run.peak_rss,
    )
    judge(result, run, launch.expect)
    if result.ok and launch.artifact is not None and launch.artifact.is_file():
        result.artifact = launch.artifact.name
    return result
