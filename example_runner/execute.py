"""Run a command as an example runs: a real process, in a fresh temporary working
directory, in its own session and process group, with a timeout after which the whole
group is killed, and a check that no process of the run outlived it.

Every process the run starts carries a marker in its environment, so none can be missed:
on a timeout the whole group is killed, and processes that outlive the main one are
counted, then killed. While it runs, the memory of its processes is sampled (Linux).
"""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator, Mapping
from typing import Any

_MARKER_VAR = "EXAMPLE_RUN_ID"
_GRACE = 3.0  # seconds for helper processes (forkserver, resource tracker) to exit
_WINDOWS = os.name == "nt"
# Its own session (POSIX) or process group (Windows), so a timeout can kill every descendant.
_NEW_GROUP: dict[str, Any] = (
    {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)}
    if _WINDOWS
    else {"start_new_session": True}
)
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclasses.dataclass
class ProcessRun:
    exit_code: int | None
    stdout: str
    stderr: str
    duration: float
    timed_out: bool
    main_exited: bool  # on a timeout: the main process had exited, its children had not
    leftovers: int  # processes still alive after the main one exited (now killed)
    workdirs: dict[str, str]  # the temporary working directory's path(s) -> "<tmp>"
    peak_rss: int | None  # the largest sum of RSS over the run's processes; None: not sampled


def run_process(
    cmd: list[str],
    env: Mapping[str, str],
    timeout: float,
    *,
    sample_every: float | None = 0.2,
) -> ProcessRun:
    """Run `cmd` with exactly the environment `env` (plus the run's marker and temporary
    folder); sample its memory every `sample_every` seconds (None: not at all)."""
    run_id = uuid.uuid4().hex
    environment = dict(env)
    environment.update(
        PYTHONDONTWRITEBYTECODE="1", PYTHONIOENCODING="utf-8", **{_MARKER_VAR: run_id}
    )
    with tempfile.TemporaryDirectory(prefix="example-") as workdir:
        # Temporary files of the run (multiprocessing's pymp-* folders, forkserver sockets)
        # go inside its working directory too, and vanish with it.
        environment.update(TMPDIR=workdir, TEMP=workdir, TMP=workdir)
        started = time.perf_counter()
        proc = subprocess.Popen(
            cmd,
            cwd=workdir,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            **_NEW_GROUP,
        )
        sampler = _MemorySampler(proc.pid, run_id, sample_every)
        timed_out = main_exited = False
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            main_exited = proc.poll() is not None
            _kill(proc.pid, run_id)
            out, err = proc.communicate()
        duration = round(time.perf_counter() - started, 3)
        peak = sampler.stop()
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
        peak,
    )


class _MemorySampler:
    """Samples the summed RSS of the run's processes in a thread of this process.

    A sum of RSS counts pages that processes share (after a fork) once per process, so it
    is an upper bound of what the run used; sampling can miss a short peak."""

    def __init__(self, pgid: int, run_id: str, every: float | None):
        self.peak: int | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        if every is not None and os.path.isdir("/proc"):
            self.peak = 0
            self._thread = threading.Thread(
                target=self._sample, args=(pgid, run_id, every), daemon=True
            )
            self._thread.start()

    def _sample(self, pgid: int, run_id: str, every: float) -> None:
        while not self._stop.wait(every):
            total = sum(_rss(pid) for pid in _alive(pgid, run_id))
            self.peak = max(self.peak or 0, total)

    def stop(self) -> int | None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        return self.peak or None


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            return int(fh.read().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


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


def _proc_entries() -> Iterator[int]:
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
