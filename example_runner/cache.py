"""Results cached by a hash of everything that can change them.

The key covers the example's source, the local modules it imports, the runner code that
runs and judges it, the interpreter (version, build, platform, core count) and the start
method. A cached result is therefore exactly what a fresh run of the same inputs would be
judged on. Only passing runs are stored, so a failure is always re-run.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .execute import Job, Result
from .interpreters import probe

_RUNNER_FILES = ("execute.py", "normalize.py", "metadata.py", "shim/sitecustomize.py")
_HERE = Path(__file__).parent


def _runner_fingerprint() -> bytes:
    digest = hashlib.sha256()
    for name in _RUNNER_FILES:
        digest.update((_HERE / name).read_bytes())
    return digest.digest()


_RUNNER = _runner_fingerprint()


def default_cache_dir(repo_root: Path) -> Path:
    return Path(os.environ.get("EXAMPLES_CACHE_DIR") or repo_root / ".cache" / "examples")


def cache_key(job: Job) -> str:
    interp = probe(job.python)
    digest = hashlib.sha256(_RUNNER)
    parts = [
        interp.implementation,
        interp.full_version,
        str(interp.free_threaded),
        interp.platform,
        str(interp.cores),
        str(job.start_method),
        job.example.rel,
        job.example.source,
    ]
    for distribution in job.example.meta.requires:  # the installed version of each
        parts += [distribution, interp.has(distribution) or "(missing)"]
    for module in job.example.local_modules:
        parts += [module.name, module.read_text(encoding="utf-8")]
    for part in parts:
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()[:32]


class ResultCache:
    def __init__(self, directory: Path):
        self.directory = directory

    def get(self, key: str) -> Result | None:
        try:
            data = json.loads((self.directory / f"{key}.json").read_text(encoding="utf-8"))
            return Result(**data, cached=True)
        except (OSError, ValueError, TypeError):
            return None

    def forget(self, key: str) -> None:
        (self.directory / f"{key}.json").unlink(missing_ok=True)

    def put(self, key: str, result: Result) -> None:
        if result.status != "ok":
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        target = self.directory / f"{key}.json"
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(result.to_json(), indent=1), encoding="utf-8")
        os.replace(tmp, target)  # atomic: a reader never sees half a file
