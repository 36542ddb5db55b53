"""Judge a finished run against what its example declares; say what went wrong, naming it.

The reasons read like documentation: each names the file and says what to do.
"""

from __future__ import annotations

import re
import signal

from .execute import ProcessRun
from .metadata import Metadata
from .outcome import Result, Status

# What normalization does not cover and a reader cannot use: a thread ident, an id(), a
# hash of an object, a temporary path outside the run's folder. Printing one is an error.
_RUN_SPECIFIC = re.compile(r"(?<![\d.,])\d{14,}(?![\d.])|/tmp/(?!<)\S+")
_LEAK = re.compile(r"resource_tracker: There appear to be \d+ leaked \w+ objects")


def judge_example(result: Result, run: ProcessRun, meta: Metadata) -> None:
    """Set `result`'s status and reason from the run and what the example declares."""
    name = result.name
    problems = _process_problems(name, run, meta.timeout)
    if run.timed_out:
        result.status = Status.TIMEOUT
    else:
        if run.exit_code != meta.exit_code:
            problems.append(
                f"{name}: exited with {describe_exit(run.exit_code)}, expected {meta.exit_code}"
            )
        leak = _LEAK.search(result.stderr)
        if leak:
            problems.append(f"{name}: {leak.group(0)} (close() and unlink() what you create)")
        stderr_allowed = meta.expect_stderr or meta.exit_code != 0
        if result.stderr.strip() and not stderr_allowed and not leak:
            last = result.stderr.strip().splitlines()[-1]
            problems.append(
                f"{name}: wrote to stderr (last line: {last!r}); if that is the point of the "
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
            result.status = Status.FAILED
    result.reason = "; ".join(problems)


def judge_process(result: Result, run: ProcessRun, timeout: float, what: str) -> None:
    """For runs that only have to finish: exit status 0, in time, leaving nothing behind."""
    problems = _process_problems(result.name, run, timeout)
    if run.timed_out:
        result.status = Status.TIMEOUT
    elif run.exit_code != 0:
        last = run.stderr.strip().splitlines()[-1] if run.stderr.strip() else ""
        problems.append(f"{result.name}: {what} ({last})")
        result.status = Status.FAILED
    elif problems:
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
