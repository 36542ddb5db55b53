"""Results cached by a hash of everything that can change them.

A job supplies what identifies it (an example: its source, the local modules it imports,
the interpreter, the start method, the packages it uses and the variables that tune them;
a notebook: its code cells and modules); the cache adds the code of the runner that runs
and judges jobs, and hashes. A cached result is therefore exactly what a fresh run of the
same inputs would be judged on. Only passing runs are stored, so a failure always reruns.
A run's artifact (a notebook's executed copy) is kept beside its result.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Sequence
from pathlib import Path

from .outcome import Result, Status

# The modules whose code decides how a job runs and is judged.
_RUNNER_FILES = (
    "execute.py",
    "judge.py",
    "jobs.py",
    "metadata.py",
    "normalize.py",
    "nbexec.py",
    "outcome.py",
    "shim/sitecustomize.py",
)
_HERE = Path(__file__).parent


def runner_fingerprint() -> bytes:
    digest = hashlib.sha256()
    for name in _RUNNER_FILES:
        digest.update((_HERE / name).read_bytes())
    return digest.digest()


class Cache:
    """Results (JSON) and artifacts under `directory`, one entry per key."""

    def __init__(self, directory: Path, fingerprint: bytes | None = None):
        self.directory = directory
        self.fingerprint = runner_fingerprint() if fingerprint is None else fingerprint

    def key(self, identity: Sequence[str | bytes]) -> str:
        digest = hashlib.sha256(self.fingerprint)
        for part in identity:
            digest.update((part.encode("utf-8") if isinstance(part, str) else part) + b"\0")
        return digest.hexdigest()[:32]

    def get(self, key: str) -> Result | None:
        try:
            data = json.loads((self.directory / f"{key}.json").read_text(encoding="utf-8"))
            result = Result.from_json(data)
        except (OSError, ValueError, TypeError, KeyError):
            return None
        if result.artifact and not (self.directory / result.artifact).is_file():
            return None  # the artifact went missing: run again
        if result.artifact:
            result.artifact = str(self.directory / result.artifact)
        return result

    def put(self, key: str, result: Result) -> None:
        """Store a passing result; its artifact file, if any, moves into the cache."""
        if result.status is not Status.OK:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        data = result.to_json()
        if result.artifact:
            source = Path(result.artifact)
            # The artifact keeps its file name (a notebook's is offered for download).
            name = source.name.split(".", 1)[0] + source.suffix
            target = self.directory / key / name
            if source != target:
                target.parent.mkdir(exist_ok=True)
                shutil.move(str(source), target)
            result.artifact = str(target)
            data["artifact"] = f"{key}/{name}"
        path = self.directory / f"{key}.json"
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
        os.replace(tmp, path)  # atomic: a reader never sees half a file

    def forget(self, key: str) -> None:
        (self.directory / f"{key}.json").unlink(missing_ok=True)
        shutil.rmtree(self.directory / key, ignore_errors=True)
