"""Every setting of the runner, read in one place and passed down.

Each entry point (the MkDocs hook, the command line, pytest, nox) builds one `Settings`
with `Settings.from_env()`, from the environment and its own options, and hands it to what
it calls. No other module of the package reads the environment, except the start-method
shim, which runs inside an example (shim/sitecustomize.py).

Environment variables, all optional:

    EXAMPLES_FRESH=1              run everything again; ignore cached results
    EXAMPLES_CACHE_DIR=DIR        where results are cached (default .cache/examples)
    EXAMPLES_ENV_DIR=DIR          where example environments live (default .cache/envs)
    EXAMPLES_START_METHODS=a,b    impose only these start methods (others are skipped)
    EXAMPLES_PAGE_PYTHON=PATH     the interpreter that runs the examples shown on pages
    EXAMPLES_PYTHONS=P1:P2        interpreters to know of, besides those found on PATH,
                                  in pyenv and in uv (os.pathsep-separated)
    EXAMPLES_REQUIRE_TABS=1       a version tab whose interpreter is missing is an error
    EXAMPLES_WORKERS=N            examples run in parallel (default: twice the usable cores;
                                  the matrix, which runs every example so, once)
    EXAMPLES_PROGRESS=MODE        auto (a bar on a terminal, lines elsewhere), bar, lines, off
    EXAMPLES_NO_RUN=1             run nothing: use only stored runs whose claims hold (a
                                  missing or failing one is an error that names it)
    EXAMPLES_RERUN_PAUSE=S        seconds before the first rerun of a run whose timing claim
                                  failed (default 3; then twice, three times that)
    BENCH_FAST=1                  benchmark notebooks run with small sizes
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Mapping
from pathlib import Path

ALL_START_METHODS = ("fork", "spawn", "forkserver")
PROGRESS_MODES = ("auto", "bar", "lines", "off")
# Variables that change what an example measures (thread pools of numerical libraries):
# passed to examples like the rest of the environment, and part of every cache key.
RESULT_ENV_PREFIXES = (
    "OMP_",
    "OPENBLAS_",
    "MKL_",
    "BLIS_",
    "VECLIB_",
    "NUMEXPR_",
    "GOTO_",
    "JOBLIB_",
    "LOKY_",
    "DASK_",
)


class SettingsError(ValueError):
    """A setting with a value the runner cannot use; the message names the variable."""


def _flag(environ: Mapping[str, str], name: str) -> bool:
    return environ.get(name, "") not in ("", "0")


@dataclasses.dataclass(frozen=True)
class Settings:
    project: Path  # the folder of mkdocs.yml, examples/ and docs/
    cache_dir: Path
    env_dir: Path
    fresh: bool = False
    start_methods: tuple[str, ...] | None = None  # None: every method an example supports
    page_python: str | None = None  # None: the newest default-build CPython found
    pythons: tuple[str, ...] = ()
    search_path: tuple[str, ...] = ()  # PATH
    pyenv_root: Path | None = None
    uv_python_dir: Path | None = None
    require_tabs: bool = False
    workers: int | None = None
    progress: str = "auto"
    interactive: bool = False  # stderr is a terminal, and not in CI
    bench_fast: bool = False
    rerun_pause: float = 3.0
    no_run: bool = False
    environ: tuple[tuple[str, str], ...] = ()  # the environment the settings were read from
    toolchain_python: str = sys.executable  # runs MkDocs, the tests and the notebooks

    @classmethod
    def from_env(
        cls,
        project: Path,
        environ: Mapping[str, str] | None = None,
        **overrides: object,
    ) -> Settings:
        """Settings from `environ` (default: this process's environment), then `overrides`."""
        env = dict(os.environ if environ is None else environ)
        home = Path(env.get("HOME") or Path.home())
        methods = None
        if env.get("EXAMPLES_START_METHODS"):
            methods = tuple(m.strip() for m in env["EXAMPLES_START_METHODS"].split(","))
            bad = [m for m in methods if m not in ALL_START_METHODS]
            if bad:
                raise SettingsError(
                    f"EXAMPLES_START_METHODS: unknown start method(s) {bad}; "
                    f"use some of {', '.join(ALL_START_METHODS)}"
                )
        progress = env.get("EXAMPLES_PROGRESS", "auto")
        if progress not in PROGRESS_MODES:
            raise SettingsError(f"EXAMPLES_PROGRESS={progress!r}: use one of {PROGRESS_MODES}")
        pause = env.get("EXAMPLES_RERUN_PAUSE", "3")
        try:
            rerun_pause = float(pause)
        except ValueError:
            rerun_pause = -1.0
        if not 0 <= rerun_pause <= 60:
            raise SettingsError(f"EXAMPLES_RERUN_PAUSE={pause!r}: use seconds from 0 to 60")
        workers = env.get("EXAMPLES_WORKERS")
        if workers is not None and not (workers.isdigit() and int(workers) > 0):
            raise SettingsError(f"EXAMPLES_WORKERS={workers!r}: use a positive whole number")
        data_home = Path(env.get("XDG_DATA_HOME") or home / ".local" / "share")
        values: dict[str, object] = dict(
            project=project,
            cache_dir=Path(env.get("EXAMPLES_CACHE_DIR") or project / ".cache" / "examples"),
            env_dir=Path(env.get("EXAMPLES_ENV_DIR") or project / ".cache" / "envs"),
            fresh=_flag(env, "EXAMPLES_FRESH"),
            start_methods=methods,
            page_python=env.get("EXAMPLES_PAGE_PYTHON") or None,
            pythons=tuple(p for p in env.get("EXAMPLES_PYTHONS", "").split(os.pathsep) if p),
            search_path=tuple(p for p in env.get("PATH", "").split(os.pathsep) if p),
            pyenv_root=Path(env.get("PYENV_ROOT") or home / ".pyenv"),
            uv_python_dir=Path(env.get("UV_PYTHON_INSTALL_DIR") or data_home / "uv" / "python"),
            require_tabs=_flag(env, "EXAMPLES_REQUIRE_TABS"),
            workers=int(workers) if workers else None,
            progress=progress,
            interactive=sys.stderr.isatty() and not _flag(env, "CI"),
            bench_fast=_flag(env, "BENCH_FAST"),
            rerun_pause=rerun_pause,
            no_run=_flag(env, "EXAMPLES_NO_RUN"),
            environ=tuple(sorted(env.items())),
        )
        values.update(overrides)
        return cls(**values)  # type: ignore[arg-type]

    def replace(self, **changes: object) -> Settings:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    @property
    def child_env(self) -> tuple[tuple[str, str], ...]:
        """The environment examples start from: this one without PYTHON* variables, so a
        reader's PYTHONPATH or PYTHONSTARTUP cannot change what an example prints."""
        return tuple((k, v) for k, v in self.environ if not k.startswith("PYTHON"))

    def tool_env(self, **extra: str) -> dict[str, str]:
        """The environment for tools the commands start (mkdocs, pytest, pip)."""
        return dict(self.environ) | extra

    @property
    def result_env(self) -> tuple[tuple[str, str], ...]:
        """The variables of the examples' environment that can change what they measure."""
        return tuple((k, v) for k, v in self.child_env if k.startswith(RESULT_ENV_PREFIXES))

    @property
    def examples_dir(self) -> Path:
        return self.project / "examples"

    @property
    def docs_dir(self) -> Path:
        return self.project / "docs"

    @property
    def claims_dir(self) -> Path:
        return self.project / "claims"
