"""Results stored under a key made of everything that can change them.

`job_key()` is the one place a key is composed, for every kind of job, from:

- the code of the runner files the job's kind names (its own module, and the modules
  every kind runs through), so editing one kind's module reruns that kind only;
- the identity of the interpreter it runs on, as recorded in every stored run (so a run
  made on another machine is found from the recorded value);
- the variables of the examples' environment that tune what they measure (OMP_* ...);
- what the job itself contributes (an example's source, its helpers, its packages...).

Computing a key reads files and nothing else: the interpreter and its environment were
resolved when the job was planned.

A stored run is exactly what a fresh run of the same inputs would be judged on. Only runs
that passed are stored; their claims are judged again on every use (claims.py), so a
stored verdict is never trusted. A run's artifact (a notebook's executed copy) is kept in
a folder named after its key.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
from pathlib import Path

from .interpreters import Interpreter
from .jobs import COMMON_RUNNER_FILES, Job
from .outcome import Result, Status
from .settings import Settings

RUNNER_HOME = Path(__file__).resolve().parent


@functools.cache
def _runner_file(name: str) -> bytes:
    return (RUNNER_HOME / name).read_bytes()


def job_key(job: Job, settings: Settings) -> str:
    digest = hashlib.sha256()

    def add(part: str | bytes) -> None:
        digest.update((part.encode("utf-8") if isinstance(part, str) else part) + b"\0")

    for name in (*COMMON_RUNNER_FILES, *job.runner_files):
        add(name)
        add(_runner_file(name))
    add(job.kind)
    for identity in job.python.key_parts():
        add(identity)
    for variable, value in settings.result_env:
        add(f"{variable}={value}")
    for part in job.contribution():
        add(part)
    return digest.hexdigest()[:32]


def _write_atomic(path: Path, text: str) -> None:
    """A reader never sees half a file, and two writers never share a temporary one."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


class Cache:
    """Results (JSON) and artifacts under `directory`, one entry per key."""

    def __init__(self, directory: Path):
        self.directory = directory

    def get(self, key: str) -> Result | None:
        try:
            data = json.loads((self.directory / f"{key}.json").read_text(encoding="utf-8"))
            result = Result.from_json(data)
        except (OSError, ValueError, TypeError, KeyError):
            return None
        if result.artifact and not self.artifact(key, result).is_file():
            return None  # the artifact went missing: run again
        return result

    def artifact(self, key: str, result: Result) -> Path:
        """Where the stored run of `key` keeps its artifact (the result names the file)."""
        return self.directory / key / result.artifact

    def staging(self, key: str) -> Path:
        """A fresh folder for the artifact of a run in progress (one per run)."""
        folder = self.directory / "staging" / f"{key}.{os.getpid()}.{os.urandom(4).hex()}"
        folder.mkdir(parents=True)
        return folder

    def put(self, key: str, result: Result, staging: Path | None = None) -> None:
        """Store a passing result, replacing any stored under its key; its artifact moves
        from `staging` into the key's folder."""
        if result.status is not Status.OK:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        if result.artifact and staging is not None:
            target = self.directory / key
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir()
            shutil.move(str(staging / result.artifact), target / result.artifact)
        path = self.directory / f"{key}.json"
        _write_atomic(path, json.dumps(result.to_json(), indent=1))

    def record_interpreter(self, base: Interpreter, runs_on: Interpreter) -> None:
        """Keep what a build needs to plan jobs on an interpreter it does not have: its
        facts, and those of its example environment (whose packages key the runs)."""
        if base.recorded:
            return
        digest = hashlib.sha256(json.dumps(base.id.key_parts()).encode()).hexdigest()[:12]
        folder = self.directory / "interpreters"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{base.tag}-{digest}.json"
        data: dict[str, object] = {"interpreter": base.to_json()}
        if runs_on != base:
            data["environment"] = runs_on.to_json()
        elif path.is_file():  # keep the environment another job recorded
            known = json.loads(path.read_text(encoding="utf-8"))
            if "environment" in known:
                data["environment"] = known["environment"]
        _write_atomic(path, json.dumps(data, indent=1))

    def recorded_interpreters(self, tag: str) -> list[tuple[Interpreter, Interpreter | None]]:
        """The interpreters with this tag ("3.15t") that made stored runs, newest first:
        (the interpreter, its example environment or None)."""
        found = []
        for path in sorted((self.directory / "interpreters").glob(f"{tag}-*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            base = Interpreter.from_record(data["interpreter"])
            env = data.get("environment")
            if base.tag == tag:
                found.append((base, Interpreter.from_record(env) if env else None))
        return sorted(found, key=lambda pair: pair[0].version_info, reverse=True)

    def merge(self, other: Path) -> int:
        """Add the stored runs of another store (a CI job's) that this one lacks; return
        how many. Runs are keyed by content, so a key present in both holds the same run."""
        added = 0
        self.directory.mkdir(parents=True, exist_ok=True)
        for source in sorted(other.glob("*.json")):
            target = self.directory / source.name
            if not target.exists():
                shutil.copy2(source, target)
                artifacts = other / source.stem
                if artifacts.is_dir():
                    shutil.copytree(artifacts, self.directory / source.stem, dirs_exist_ok=True)
                added += 1
        if (other / "interpreters").is_dir():
            shutil.copytree(
                other / "interpreters", self.directory / "interpreters", dirs_exist_ok=True
            )
        return added

    def forget(self, key: str) -> None:
        (self.directory / f"{key}.json").unlink(missing_ok=True)
        shutil.rmtree(self.directory / key, ignore_errors=True)
