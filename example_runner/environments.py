"""An environment per interpreter for the examples that import third-party packages.

Examples that use only the standard library run on the interpreter itself, exactly as a
reader's `python example.py` would. An example that declares `requires = [...]` runs in a
virtual environment made for its interpreter from examples/requirements.txt, whose
environment markers pick the versions that install on that Python. The environment is
made once (it needs the package index then), in the settings' env_dir, named after the
interpreter and a hash of the requirements file, so editing the file makes a new one.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from .interpreters import Interpreter, probe
from .settings import Settings

REQUIREMENTS = "requirements.txt"  # in examples/
_LOCK_WAIT = 900.0  # seconds to wait for another process making the same environment


class EnvironmentError_(RuntimeError):
    """An example environment that could not be made; the message says why."""


def requirements_file(settings: Settings) -> Path:
    return settings.examples_dir / REQUIREMENTS


def env_path(interp: Interpreter, settings: Settings) -> Path:
    digest = hashlib.sha256(interp.full_version.encode())
    digest.update(interp.platform.encode())
    file = requirements_file(settings)
    digest.update(file.read_bytes() if file.is_file() else b"")
    return settings.env_dir / f"{interp.tag}-{interp.version}-{digest.hexdigest()[:12]}"


def _python_in(env: Path) -> Path:
    return env / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


@functools.cache
def example_interpreter(interp: Interpreter, settings: Settings) -> Interpreter:
    """The interpreter that runs `interp`'s examples which import third-party packages:
    its environment's Python, made now if it does not exist yet (once per process)."""
    env = env_path(interp, settings)
    python = _python_in(env)
    if not python.is_file():
        _make(interp, settings, env)
    return probe(str(python), settings.cache_dir.parent / "interpreters.json")


def _make(interp: Interpreter, settings: Settings, env: Path) -> None:
    packages = (
        [
            line.split(";")[0].strip()
            for line in requirements_file(settings).read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")
        ]
        if requirements_file(settings).is_file()
        else []
    )
    print(
        f"  making the example environment for {interp.label} in {env} "
        f"(pip install {' '.join(dict.fromkeys(packages))}) ...",
        file=sys.stderr,
        flush=True,
    )
    env.parent.mkdir(parents=True, exist_ok=True)
    lock = env.with_name(env.name + ".lock")
    deadline = time.monotonic() + _LOCK_WAIT
    while True:  # one process makes it; the others wait for it
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            break
        except FileExistsError:
            if time.monotonic() > deadline:
                raise EnvironmentError_(
                    f"{lock} is still held; remove it if no build runs"
                ) from None
            time.sleep(1)
    try:
        if _python_in(env).is_file():
            return
        partial = env.with_name(env.name + f".partial-{os.getpid()}")
        shutil.rmtree(partial, ignore_errors=True)
        env_vars = dict(settings.child_env) | {"PIP_DISABLE_PIP_VERSION_CHECK": "1"}
        steps = [
            # virtualenv brings its own pip, which runs on every Python it supports; the
            # venv module would need ensurepip, which some distributions leave out.
            [settings.toolchain_python, "-m", "virtualenv", "-q", "-p", interp.executable],
            [str(_python_in(partial)), "-m", "pip", "install", "-q"],
        ]
        steps[0].append(str(partial))
        steps[1] += ["-r", str(requirements_file(settings))]
        for step in steps:
            done = subprocess.run(
                step, capture_output=True, text=True, env=env_vars, timeout=900, check=False
            )
            if done.returncode != 0:
                shutil.rmtree(partial, ignore_errors=True)
                raise EnvironmentError_(
                    f"cannot make the example environment for {interp.label} "
                    f"({' '.join(step[:4])} ...): {done.stderr.strip()[-1500:]}"
                )
        partial.rename(env)  # the interpreter finds its site-packages relative to itself
    finally:
        os.close(fd)
        lock.unlink(missing_ok=True)
