"""Run one example as a real script and judge the run against what the example declares.

Each run: the same interpreter (or a given one) with ``-X utf8 -u -W default`` (see
WARNING_OPTIONS), a fresh temporary working directory, its own session and process group,
a timeout after which the whole group is killed, and a check that no process of the run
outlived it.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .interpreters import Interpreter, probe
from .metadata import Example
from .normalize import normalize

SHIM_DIR = Path(__file__).parent / "shim"
_MARKER_VAR = "EXAMPLE_RUN_ID"
# What normalization does not cover and a reader cannot use: a thread ident, an id(), a
# hash of an object, a temporary path outside the run's folder. Printing one is an error.
_RUN_SPECIFIC = re.compile(r"(?<![\d.,])\d{14,}(?![\d.])|/tmp/(?!<)\S+")
_LEAK = re.compile(r"resource_tracker: There appear to be \d+ leaked \w+ objects")
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
_GRACE = 3.0  # seconds for helper processes (forkserver, resource tracker) to exit
_WINDOWS = os.name == "nt"
# Its own session (POSIX) or process group (Windows), so a timeout can kill every descendant.
_NEW_GROUP = (
    {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    if _WINDOWS
    else {"start_new_session": True}
)


@dataclass(frozen=True)
class Job:
    """One run: an example, under an interpreter, with a start method imposed or not."""

    example: Example
    start_method: str | None = None
    python: str = sys.executable

    def __str__(self) -> str:
        return self.example.rel + (f"[{self.start_method}]" if self.start_method else "")


@dataclass
class Result:
    example: str
    status: str  # "ok" | "failed" | "timeout" | "skipped"
    reason: str = ""
    start_method: str | None = None  # the method in effect (imposed, or the interpreter's default)
    start_method_imposed: bool = False
    exit_code: int | None = None
    stdout: str = ""
    stderr: str = ""
    duration: float = 0.0
    python: str = ""  # "CPython 3.12.1"
    python_version: str = ""
    platform: str = ""
    cores: int = 0
    timing_sensitive: bool = False
    finished_at: str = ""
    cached: bool = field(default=False, compare=False)

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def to_json(self) -> dict:
        data = asdict(self)
        data.pop("cached")
        return data


def skip_reason(job: Job, interp: Interpreter) -> str | None:
    meta = job.example.meta
    if (
        meta.requires_python
        and interp.version_info[: len(meta.requires_python)] < meta.requires_python
    ):
        need = ".".join(map(str, meta.requires_python))
        return f"needs Python {need} or newer; this run used {interp.label}"
    if meta.platforms and not any(interp.sys_platform.startswith(p) for p in meta.platforms):
        return f"runs only on {', '.join(meta.platforms)}; this is {interp.sys_platform}"
    missing = [d for d in meta.requires if interp.has(d) is None]
    if missing:
        return (
            f"needs {', '.join(missing)}, not installed for {interp.label} "
            "(see examples/requirements.txt)"
        )
    if job.start_method and job.start_method not in interp.start_methods:
        return f"start method {job.start_method!r} is not available on {interp.sys_platform}"
    allowed = os.environ.get("EXAMPLES_START_METHODS")
    if job.start_method and allowed and job.start_method not in allowed.split(","):
        return f"start method {job.start_method!r} is not tested here ({allowed} only)"
    return None


def run_job(job: Job, repo_root: Path) -> Result:
    example, meta = job.example, job.example.meta
    interp = probe(job.python)
    result = Result(
        example=example.rel,
        status="ok",
        start_method=job.start_method
        or (interp.default_start_method if example.uses_multiprocessing else None),
        start_method_imposed=job.start_method is not None,
        python=interp.label,
        python_version=interp.version,
        platform=interp.platform,
        cores=interp.cores,
        timing_sensitive=meta.timing_sensitive,
    )
    reason = skip_reason(job, interp)
    if reason:
        result.status, result.reason = "skipped", reason
        return result

    env = {}
    if job.start_method:
        env.update(PYTHONPATH=str(SHIM_DIR), EXAMPLE_START_METHOD=job.start_method)
    cmd = [job.python, "-X", "utf8", "-u", *WARNING_OPTIONS, str(example.path)]
    run = run_process(cmd, env, meta.timeout)
    result.exit_code = run.exit_code
    result.duration = run.duration
    result.finished_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    replacements = {**run.workdirs, str(repo_root) + os.sep: ""}
    result.stdout = normalize(run.stdout, replacements=replacements)
    result.stderr = normalize(run.stderr, replacements=replacements)
    _judge(result, job, run.timed_out, run.main_exited, run.leftovers)
    return result


@dataclass
class ProcessRun:
    exit_code: int | None
    stdout: str
    stderr: str
    duration: float
    timed_out: bool
    main_exited: bool  # on a timeout: the main process had exited, its children had not
    leftovers: int  # processes still alive after the main one exited (now killed)
    workdirs: dict[str, str]  # the temporary working directory's path(s) -> "<tmp>"


def run_process(cmd: list[str], env_extra: dict[str, str], timeout: float) -> ProcessRun:
    """Run `cmd` in a fresh temporary directory, in its own session, with a timeout.

    The environment is this one without PYTHON* variables, plus `env_extra`. Every process
    started by the run carries a marker in its environment, so none can be missed: on a
    timeout the whole group is killed, and processes that outlive the main one are counted,
    then killed.
    """
    run_id = uuid.uuid4().hex
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(PYTHONDONTWRITEBYTECODE="1", PYTHONIOENCODING="utf-8", **{_MARKER_VAR: run_id})
    env.update(env_extra)
    with tempfile.TemporaryDirectory(prefix="example-") as workdir:
        # Temporary files of the run (multiprocessing's pymp-* folders, forkserver sockets)
        # go inside its working directory too, and vanish with it.
        env.update(TMPDIR=workdir, TEMP=workdir, TMP=workdir)
        started = time.perf_counter()
        proc = subprocess.Popen(
            cmd,
            cwd=workdir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            **_NEW_GROUP,
        )
        timed_out = main_exited = False
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            main_exited = proc.poll() is not None
            _kill(proc.pid, run_id)
            out, err = proc.communicate()
        duration = round(time.perf_counter() - started, 3)
        leftovers = _wait_for_leftovers(proc.pid, run_id)
        workdirs = {workdir: "<tmp>", os.path.realpath(workdir): "<tmp>"}
    return ProcessRun(
        proc.returncode,
        out.decode("utf-8", "replace"),
        err.decode("utf-8", "replace"),
        duration,
        timed_out,
        main_exited,
        leftovers,
        workdirs,
    )


def _judge(result: Result, job: Job, timed_out: bool, main_exited: bool, leftovers: int) -> None:
    meta = job.example.meta
    name = job.example.rel
    problems: list[str] = []
    if timed_out:
        result.status = "timeout"
        if main_exited:
            problems.append(
                f"{name}: its process exited but child processes kept running; "
                f"killed them after {meta.timeout:g} s"
            )
        else:
            problems.append(f"{name}: timed out after {meta.timeout:g} s; killed its process group")
    else:
        code = result.exit_code
        if code != meta.exit_code:
            problems.append(
                f"{name}: exited with {_describe_exit(code)}, expected {meta.exit_code}"
            )
        if leftovers:
            problems.append(
                f"{name}: left {leftovers} process(es) running after it exited (killed)"
            )
        leak = _LEAK.search(result.stderr)
        if leak:
            problems.append(f"{name}: {leak.group(0)} (close() and unlink() what you create)")
        stderr_allowed = meta.expect_stderr or meta.exit_code != 0
        if result.stderr.strip() and not stderr_allowed and not leak:
            first = result.stderr.strip().splitlines()[-1]
            problems.append(
                f"{name}: wrote to stderr (last line: {first!r}); if that is the point of the "
                "example, declare expect_stderr = true"
            )
        garbage = _RUN_SPECIFIC.search(result.stdout)
        if garbage:
            problems.append(
                f"{name}: prints a value that changes from run to run ({garbage.group(0)!r}: a "
                "thread ident, id() or temporary path?); print something a reader can compare"
            )
        if meta.expect_stderr and not result.stderr.strip():
            problems.append(f"{name}: declares expect_stderr = true but wrote nothing to stderr")
        if problems:
            result.status = "failed"
    result.reason = "; ".join(problems)


def _describe_exit(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return f"signal {signal.Signals(-code).name}"
        except ValueError:
            return f"signal {-code}"
    return f"status {code}"


def _kill(pgid: int, run_id: str) -> None:
    if _WINDOWS:  # no process groups to signal: kill the tree by parent links
        subprocess.run(
            ["taskkill", "/F", "/T", "/PID", str(pgid)], capture_output=True, check=False
        )
        return
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    for pid in _marked_processes(run_id):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _wait_for_leftovers(pgid: int, run_id: str) -> int:
    """Give helper processes a moment to exit, then kill and count what is still alive."""
    alive = _alive_after_grace(pgid, run_id)
    if alive:
        _kill(pgid, run_id)
        _alive_after_grace(pgid, run_id)  # SIGKILL is delivered asynchronously
    return len(alive)


def _alive_after_grace(pgid: int, run_id: str) -> set[int]:
    """Poll until no process of the run is alive or the grace period ends; return the living."""
    deadline = time.monotonic() + _GRACE
    while (alive := _alive(pgid, run_id)) and time.monotonic() < deadline:
        time.sleep(0.02)
    return alive


def _alive(pgid: int, run_id: str) -> set[int]:
    """Live processes of this run: in its process group, or carrying its marker (Linux)."""
    if _WINDOWS:
        return set()  # taskkill /T on timeout is all Windows gets
    if not os.path.isdir("/proc"):
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return set()
        except PermissionError:
            pass
        return {pgid}
    return _marked_processes(run_id) | _group_members(pgid)


def _proc_entries():
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            yield int(entry.name)


def _is_zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[0] == b"Z"
    except (OSError, IndexError):
        return True


def _group_members(pgid: int) -> set[int]:
    members = set()
    for pid in _proc_entries():
        try:
            if os.getpgid(pid) == pgid and not _is_zombie(pid):
                members.add(pid)
        except (ProcessLookupError, PermissionError):
            continue
    return members


def _marked_processes(run_id: str) -> set[int]:
    if not os.path.isdir("/proc"):
        return set()
    needle = f"{_MARKER_VAR}={run_id}".encode()
    found = set()
    for pid in _proc_entries():
        try:
            with open(f"/proc/{pid}/environ", "rb") as fh:
                if needle in fh.read().split(b"\0") and not _is_zombie(pid):
                    found.add(pid)
        except OSError:
            continue
    return found
