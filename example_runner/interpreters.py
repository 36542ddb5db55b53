"""The Python interpreters that run examples: what each one is, and where to find them.

`probe()` runs a tiny script in an interpreter to read its facts (version, build, cores,
start methods, installed packages), once per process. `discover()` finds CPython 3.10+
interpreters on PATH (python3.X, python3.Xt), in pyenv, in uv's Python folder and among
those named in the settings. `page_interpreter()` picks the one whose runs the pages show:
the one the settings name, or else the newest default (GIL) build found.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from .settings import Settings

_PROBE = r"""
import importlib.metadata, json, multiprocessing, os, platform, sys, sysconfig
cores = os.process_cpu_count() if hasattr(os, "process_cpu_count") else (
    len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count())
print(json.dumps({
    "version": platform.python_version(),
    "version_info": list(sys.version_info[:3]),
    "full_version": sys.version,
    "implementation": platform.python_implementation(),
    "free_threaded": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
    "platform": platform.system() + " " + platform.machine(),
    "sys_platform": sys.platform,
    "cores": cores,
    "default_start_method": multiprocessing.get_context().get_start_method(),
    "start_methods": multiprocessing.get_all_start_methods(),
    "prefix": sys.prefix,
    "in_venv": sys.prefix != sys.base_prefix,
    "distributions": {
        d.metadata["Name"].lower().replace("_", "-"): d.version
        for d in importlib.metadata.distributions() if d.metadata["Name"]
    },
    "site_dirs": sorted({p for p in sys.path if p and os.path.isdir(p)}),
}))
"""
_NAME = re.compile(r"^python3\.(\d+)(t?)(\.exe)?$")
_MIN_MINOR = 10


class InterpreterError(RuntimeError):
    """An interpreter that cannot be probed (missing, broken, not a Python)."""


@dataclasses.dataclass(frozen=True)
class InterpreterId:
    """What a run's output can depend on of the interpreter that made it: its build (the
    whole of sys.version), its platform and its usable cores. Every stored run records it,
    and a run's cache key is made from it, so a build can find a run made by an interpreter
    it does not have (on another machine) from the recorded value alone."""

    implementation: str  # "CPython"
    version: str  # "3.15.2"
    full_version: str  # sys.version: the version and the build's date and compiler
    free_threaded: bool
    platform: str  # "Linux x86_64"
    cores: int  # usable by this process (affinity), not merely installed

    @property
    def label(self) -> str:
        """How pages and reports name it: "CPython 3.15.2", "CPython 3.15.2 free-threaded"."""
        build = " free-threaded" if self.free_threaded else ""
        return f"{self.implementation} {self.version}{build}"

    @property
    def tag(self) -> str:
        """Its minor version and build: "3.15", "3.15t" (the names tabs and the matrix use)."""
        major, minor = self.version.split(".")[:2]
        return f"{major}.{minor}" + ("t" if self.free_threaded else "")

    def key_parts(self) -> list[str]:
        return [
            self.implementation,
            self.full_version,
            str(self.free_threaded),
            self.platform,
            str(self.cores),
        ]


@dataclasses.dataclass(frozen=True)
class Interpreter:
    executable: str
    version: str  # "3.15.2"
    version_info: tuple[int, int, int]
    full_version: str  # sys.version
    implementation: str  # "CPython"
    free_threaded: bool
    platform: str  # "Linux x86_64"
    sys_platform: str  # "linux"
    cores: int
    default_start_method: str
    start_methods: tuple[str, ...]
    prefix: str
    in_venv: bool  # a virtual environment's Python: its packages are the venv's
    # installed third-party distributions: name -> version
    distributions: dict[str, str] = dataclasses.field(default_factory=dict, compare=False)
    # Known from a stored record, not found on this machine: it can key stored runs, and
    # cannot run anything (`publish --no-run` fills a tab with a run made elsewhere).
    recorded: bool = False

    @property
    def id(self) -> InterpreterId:
        return InterpreterId(
            self.implementation,
            self.version,
            self.full_version,
            self.free_threaded,
            self.platform,
            self.cores,
        )

    @property
    def label(self) -> str:
        return self.id.label

    @property
    def tag(self) -> str:
        return self.id.tag

    def has(self, distribution: str) -> str | None:
        """The installed version of `distribution`, or None."""
        return self.distributions.get(distribution.lower().replace("_", "-"))

    def to_json(self) -> dict[str, object]:
        data = dataclasses.asdict(self)
        data.pop("recorded")
        return data

    @classmethod
    def from_record(cls, data: dict[str, object]) -> Interpreter:
        """An interpreter as a stored record describes it (see Cache.record_interpreter)."""
        fields = {f.name for f in dataclasses.fields(cls)} - {"recorded"}
        values = {k: v for k, v in data.items() if k in fields}
        values["version_info"] = tuple(values["version_info"])  # type: ignore[arg-type]
        values["start_methods"] = tuple(values["start_methods"])  # type: ignore[arg-type]
        return cls(**values, recorded=True)  # type: ignore[arg-type]


def _usable_cores() -> int:
    """As the probe counts them: the cores this process (and so a child) may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _fingerprint(executable: str, site_dirs: list[str]) -> list[object]:
    """What changes when the interpreter or its installed packages change: the binary, and
    the folders its packages live in (installing one changes its folder's mtime)."""
    real = os.path.realpath(executable)
    stat = os.stat(real)
    found: list[object] = [real, stat.st_size, stat.st_mtime_ns]
    for folder in site_dirs:
        try:
            found.append([folder, os.stat(folder).st_mtime_ns])
        except OSError:
            found.append([folder, None])
    return found


@functools.cache
def probe(executable: str, cache_file: Path | None = None) -> Interpreter:
    """Describe the interpreter at `executable`: a subprocess, once per process; with a
    `cache_file`, once for as long as the binary and its package folders are unchanged
    (a build where nothing changed then starts no interpreter at all)."""
    known: dict[str, dict[str, Any]] = {}
    if cache_file is not None:
        try:
            known = json.loads(cache_file.read_text(encoding="utf-8"))
            entry = known.get(executable)
            if entry is not None:
                data = dict(entry["data"])
                if entry["fingerprint"] == json.loads(
                    json.dumps(_fingerprint(executable, data["site_dirs"]))
                ):
                    return _interpreter(executable, data | {"cores": _usable_cores()})
        except (OSError, ValueError, KeyError, TypeError):
            known = {}
    data = _run_probe(executable)
    if cache_file is not None:
        try:
            known[executable] = {
                "fingerprint": _fingerprint(executable, data["site_dirs"]),
                "data": data,
            }
            cache_file.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache_file.with_name(f"{cache_file.name}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps(known, indent=1), encoding="utf-8")
            os.replace(tmp, cache_file)
        except OSError:
            pass  # a cache that cannot be written only costs time
    return _interpreter(executable, data)


def _interpreter(executable: str, data: dict[str, Any]) -> Interpreter:
    values = {k: v for k, v in data.items() if k != "site_dirs"}
    values["version_info"] = tuple(values["version_info"])
    values["start_methods"] = tuple(values["start_methods"])
    return Interpreter(executable=executable, **values)


def _run_probe(executable: str) -> dict[str, Any]:
    try:
        done = subprocess.run(
            [executable, "-I", "-c", _PROBE],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise InterpreterError(f"cannot run {executable}: {exc}") from None
    if done.returncode != 0:
        raise InterpreterError(f"cannot probe {executable}: {done.stderr.strip()[-500:]}")
    data: dict[str, Any] = json.loads(done.stdout)
    return data


def probe_cache(settings: Settings) -> Path:
    """Where probes are kept between builds: beside the stored runs."""
    return settings.cache_dir.parent / "interpreters.json"


def candidates(settings: Settings) -> list[Path]:
    """Executables that may be a CPython 3.10+, most explicit first."""
    found: list[Path] = [Path(p) for p in settings.pythons]
    found.append(Path(settings.toolchain_python))
    for folder in settings.search_path:
        if "shims" in Path(folder).parts:  # pyenv's shims: the versions themselves come next
            continue
        try:
            found += sorted(p for p in Path(folder).iterdir() if _NAME.match(p.name))
        except OSError:
            continue
    if settings.pyenv_root is not None:
        for version in sorted(settings.pyenv_root.glob("versions/3.*")):
            names = sorted(version.glob("bin/python3.*"))
            found += [p for p in names if _NAME.match(p.name)] or [version / "bin" / "python"]
    if settings.uv_python_dir is not None:  # uv: cpython-3.13.1[+freethreaded]-<platform>/
        for version in sorted(settings.uv_python_dir.glob("cpython-3.*")):
            found += sorted(p for p in version.glob("bin/python3.*") if _NAME.match(p.name))
            found += sorted(version.glob("python.exe"))
    return found


@functools.cache
def _discover(settings: Settings) -> tuple[Interpreter, ...]:
    seen: dict[tuple[str, bool], Interpreter] = {}
    real: set[tuple[Path, bool]] = set()
    explicit = {Path(p) for p in settings.pythons}
    for path in candidates(settings):
        # A venv's python is a link to its base interpreter, but runs with other packages.
        where = (path.resolve(), (path.parent.parent / "pyvenv.cfg").is_file())
        if not path.is_file() or where in real:
            continue
        real.add(where)
        try:
            interp = probe(str(path), probe_cache(settings))
        except InterpreterError:
            continue
        if interp.implementation != "CPython" or interp.version_info[1] < _MIN_MINOR:
            continue
        # Copies of one build (a venv, a symlink): keep the first, the most explicit one,
        # but prefer the interpreter itself to a virtual environment made from it (the
        # toolchain's venv holds MkDocs, not what a reader's Python has).
        build = (interp.full_version, interp.free_threaded)
        kept = seen.get(build)
        if kept is None or (
            kept.in_venv and not interp.in_venv and Path(kept.executable) not in explicit
        ):
            seen[build] = interp
    return tuple(sorted(seen.values(), key=lambda i: (i.version_info, i.free_threaded)))


def discover(settings: Settings) -> list[Interpreter]:
    """Every CPython 3.10+ found, oldest first (free-threaded after default builds)."""
    return list(_discover(settings))


def newest_per_tag(interpreters: list[Interpreter]) -> list[Interpreter]:
    """One interpreter per minor version and build ("3.13", "3.15t"): the newest patch."""
    best: dict[str, Interpreter] = {}
    for interp in interpreters:
        if interp.tag not in best or interp.version_info > best[interp.tag].version_info:
            best[interp.tag] = interp
    return sorted(best.values(), key=lambda i: (i.version_info, i.free_threaded))


def find(settings: Settings, tag: str) -> Interpreter | None:
    """The newest interpreter with this tag ("3.13", "3.15t"), or None."""
    matching = [i for i in discover(settings) if i.tag == tag]
    return max(matching, key=lambda i: i.version_info) if matching else None


def page_interpreter(settings: Settings) -> Interpreter:
    """The interpreter whose runs the pages show: the one named in the settings, or else
    the newest default-build (GIL) CPython found, or else the toolchain's own."""
    if settings.page_python:
        return probe(settings.page_python, probe_cache(settings))
    return choose_page(discover(settings)) or probe(settings.toolchain_python)


def choose_page(interpreters: list[Interpreter]) -> Interpreter | None:
    """The newest default (GIL) build: what most readers run, and what the pages show."""
    default_builds = [i for i in interpreters if not i.free_threaded]
    return max(default_builds, key=lambda i: i.version_info) if default_builds else None


def this_interpreter() -> Interpreter:
    """The interpreter running this code (the toolchain's)."""
    return probe(sys.executable)
