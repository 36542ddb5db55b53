"""Facts about the Python interpreter that runs the examples.

The runner can run an example under any interpreter (3.10 included), so these facts are
read by running a tiny probe in that interpreter, once per process.
"""

from __future__ import annotations

import functools
import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

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
    "distributions": {
        d.metadata["Name"].lower().replace("_", "-"): d.version
        for d in importlib.metadata.distributions() if d.metadata["Name"]
    },
}))
"""


@dataclass(frozen=True)
class Interpreter:
    executable: str
    version: str
    version_info: tuple[int, int, int]
    full_version: str
    implementation: str
    free_threaded: bool
    platform: str
    sys_platform: str
    cores: int
    default_start_method: str
    start_methods: tuple[str, ...]
    # installed third-party distributions: name -> version
    distributions: dict[str, str] = field(default_factory=dict, compare=False)

    def has(self, distribution: str) -> str | None:
        """The installed version of `distribution`, or None."""
        return self.distributions.get(distribution.lower().replace("_", "-"))

    @property
    def label(self) -> str:
        build = " free-threaded" if self.free_threaded else ""
        return f"{self.implementation} {self.version}{build}"


@functools.cache
def probe(executable: str | None = None) -> Interpreter:
    """Describe `executable` (default: the interpreter running this code)."""
    executable = executable or sys.executable
    if Path(executable).resolve() == Path(sys.executable).resolve():
        namespace: dict = {}
        # Same interpreter: run the probe in-process and skip a subprocess start.
        import contextlib
        import io

        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(_PROBE, namespace)  # the probe only reads facts; examples never run this way
        data = json.loads(out.getvalue())
    else:
        done = subprocess.run(
            [executable, "-c", _PROBE], capture_output=True, text=True, timeout=60, check=False
        )
        if done.returncode != 0:
            raise RuntimeError(f"cannot probe interpreter {executable}: {done.stderr.strip()}")
        data = json.loads(done.stdout)
    data["version_info"] = tuple(data["version_info"])
    data["start_methods"] = tuple(data["start_methods"])
    return Interpreter(executable=executable, **data)
