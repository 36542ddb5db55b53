"""Judge a finished run against what its job expects; say what went wrong, naming it.

Every kind of job is judged here, by the same rules: in time, the expected exit status,
nothing left running, stderr only where it is expected. The reasons read like
documentation: each names the file and says what to do. (Claims about what a run printed
are judged in claims.py, on every use of a run; these rules are judged once, when it runs.)
"""

from __future__ import annotations

import dataclasses
import re
import signal

from .execute import ProcessRun
from .outcome import Result, Status

# What normalization does not cover and a reader cannot use: a thread ident, an id(), a
# hash of an object, a temporary path outside the run's folder. Printing one is an error.
_RUN_SPECIFIC = re.compile(r"(?<![\d.,])\d{14,}(?![\d.])|/tmp/(?!<)\S+")
_LEAK = re.compile(r"resource_tracker: There appear to be \d+ leaked \w+ objects")


@dataclasses.dataclass(frozen=True)
class Expectations:
    """What a job's run must do to pass."""

    timeout: float
    exit_code: int = 0
    # "forbidden": stderr output fails the run; "allowed"; "required" (a demo of an error)
    stderr: str = "forbidden"
    # Said when the exit status is wrong ("a cell raised"); None: "exited with status N,
    # expected M", for examples, whose exit status is part of what they declare.
    failure: str | None = None
    # Examples are shown to readers: a value that changes from run to run fails them.
    readable_output: bool = False


def judge(result: Result, run: ProcessRun, expect: Expectations) -> None:
    """Set `result`'s status and reason from the run and what was expected of it."""
    name = result.name
    problems = _process_problems(name, run, expect.timeout)
    if run.timed_out:
        result.status = Status.TIMEOUT
        result.reason = "; ".join(problems)
        return
    stderr = result.stderr.strip()
    if run.exit_code != expect.exit_code:
        if expect.failure is not None:
            last = stderr.splitlines()[-1] if stderr else ""
            problems.append(f"{name}: {expect.failure} ({last})")
        else:
            problems.append(
                f"{name}: exited with {describe_exit(run.exit_code)}, expected {expect.exit_code}"
            )
    leak = _LEAK.search(result.stderr)
    if leak:
        problems.append(f"{name}: {leak.group(0)} (close() and unlink() what you create)")
    elif stderr and expect.stderr == "forbidden" and run.exit_code == expect.exit_code == 0:
        if expect.readable_output:
            problems.append(
                f"{name}: wrote to stderr (last line: {stderr.splitlines()[-1]!r}); if that "
                "is the point of the example, declare expect_stderr = true"
            )
        else:
            problems.append(f"{name}: wrote to stderr: {stderr[-500:]}")
    if expect.stderr == "required" and not stderr:
        problems.append(f"{name}: declares expect_stderr = true but wrote nothing to stderr")
    if expect.readable_output:
        garbage = _RUN_SPECIFIC.search(result.stdout)
        if garbage:
            problems.append(
                f"{name}: prints a value that changes from run to run ({garbage.group(0)!r}: "
                "a thread ident, id() or temporary path?); print something a reader can compare"
            )
    if problems:
        result.status = Status.FAILED
    result.reason = "; ".join(problems)


def _process_problems(name: str, run: ProcessRun, timeout: float) -> list[str]:
    if run.timed_out:
        if run.main_exited:
            return [
                f"{name}: its process exited but child processes kept running; "
                f"killed them after {timeout:g} s"
            ]
        return [f"{name}: timed out after {timeout:g} s; killed its process group"]
    if run.leftovers:
        return [f"{name}: left {run.leftovers} process(es) running after it exited (killed)"]
    return []


def describe_exit(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return f"signal {signal.Signals(-code).name}"
        except ValueError:
            return f"signal {-code}"
    return f"status {code}"
