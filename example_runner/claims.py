"""Claims: what the pages say about a run, checked on the run itself wherever it is used.

A claim is a function in `claims/<topic>.py` (beside `examples/`, one module per topic),
registered with `@claim(target)`, where the target is an example ("basics/x.py"), a
benchmark notebook ("benchmarks/speedup.ipynb", under docs/) or the kit ("kit.py"). It
reads the run through a `Run`, fails with `ClaimFailed` (through `run.expect`,
`run.within` ...), and may return values that a page inserts in its prose
(`{{ value basics/x.py speedup }}`).

Claims live in their own folder, not in the examples (a reader's download stays free of
test code, and runs on a 1-core laptop) and not in tests/ (the build judges them too,
without pytest). The runner judges every claim of a run whenever the run is used: when it
is made, when it comes from the store, when a page shows it and when a test looks at it.
Judging is cheap, so no stored verdict is ever trusted: an edited claim re-judges every
stored run, and an edited stored output is caught.

A claim about measured times says `timing=True` and states its bounds both ways: the
least the example's design makes likely (with room for a busy machine), and the most it
makes possible (computed from the run's usable cores, with a stated tolerance). A result
outside those bounds is a disturbed measurement: the runner runs the example again,
alone, after a pause, and keeps the first run whose claims hold (claims.RUNS in all).
"""

from __future__ import annotations

import dataclasses
import importlib.util
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .interpreters import InterpreterId

if TYPE_CHECKING:
    from .outcome import Result

RUNS = 4  # runs of a job whose timing claim fails, in all, before the claim counts as failed

ClaimFunction = Callable[["Run"], "Mapping[str, Any] | None"]


class ClaimFailed(AssertionError):
    """A claim that did not hold; the message says what was expected and what was read."""


class ClaimError(Exception):
    """A claims module that cannot be used (syntax error, a target that is no example...)."""


@dataclasses.dataclass(frozen=True)
class Claim:
    target: str  # "basics/x.py", "benchmarks/speedup.ipynb", "kit.py"
    name: str  # the function's name: how pages and reports name the claim
    doc: str  # the first line of its docstring: what it says, for readers
    timing: bool  # about measured times: a failure means "run it again, alone"
    function: ClaimFunction
    module: str  # "claims/basics.py"

    @property
    def ref(self) -> str:
        return f"{self.target}:{self.name}"


_registering: list[Claim] = []


def claim(target: str, *, timing: bool = False) -> Callable[[ClaimFunction], ClaimFunction]:
    """Register the decorated function as a claim about the runs of `target`."""

    def register(function: ClaimFunction) -> ClaimFunction:
        doc = (function.__doc__ or "").strip().split("\n\n")[0]
        module = getattr(sys.modules.get(function.__module__), "__file__", function.__module__)
        _registering.append(
            Claim(target, function.__name__, " ".join(doc.split()), timing, function, str(module))
        )
        return function

    return register


class Run:
    """A run as a claim reads it. Every line a claim reads is remembered, so a failed
    claim can show exactly what it read."""

    def __init__(
        self,
        text: str,
        python: InterpreterId,
        start_method: str | None = None,
        *,
        stderr: str = "",
        duration: float = 0.0,
    ):
        self.text = text  # what it printed (a notebook: what its cells printed)
        self.stderr = stderr
        self.python = python
        self.start_method = start_method  # in effect: imposed, or the default
        self.duration = duration  # seconds, the whole run
        self.read: list[str] = []

    @property
    def cores(self) -> int:
        return self.python.cores

    @property
    def free_threaded(self) -> bool:
        return self.python.free_threaded

    @property
    def version(self) -> tuple[int, ...]:
        return tuple(int(p) for p in self.python.version.split("."))

    def _lines_of(self, text: str, start: int, end: int, prefix: str) -> None:
        first = text.rfind("\n", 0, start) + 1
        last = text.find("\n", max(end - 1, start))
        for line in text[first : len(text) if last < 0 else last].splitlines():
            if prefix + line not in self.read:
                self.read.append(prefix + line)

    def _stream(self, stderr: bool) -> tuple[str, str]:
        return (self.stderr, "stderr: ") if stderr else (self.text, "")

    def search(self, pattern: str, *, stderr: bool = False) -> re.Match[str]:
        """The first match of `pattern` in what the run printed (`stderr=True`: in its
        stderr); ^ and $ match at each line. The claim fails if nothing matches."""
        match = self.find(pattern, stderr=stderr)
        if match is None:
            where = "stderr" if stderr else "output"
            raise ClaimFailed(f"no line of its {where} matches {pattern!r}")
        return match

    def find(self, pattern: str, *, stderr: bool = False) -> re.Match[str] | None:
        """Like search(), but None when nothing matches."""
        text, prefix = self._stream(stderr)
        match = re.search(pattern, text, re.M)
        if match is not None:
            self._lines_of(text, match.start(), match.end(), prefix)
        return match

    def findall(self, pattern: str, *, stderr: bool = False) -> list[Any]:
        """re.findall over what the run printed (^ and $ at each line), remembering the
        lines read."""
        text, prefix = self._stream(stderr)
        found = []
        for match in re.finditer(pattern, text, re.M):
            self._lines_of(text, match.start(), match.end(), prefix)
            groups = match.groups()
            found.append(
                match.group(0) if not groups else groups[0] if len(groups) == 1 else groups
            )
        return found

    def number(self, pattern: str) -> float:
        """The number in the first group of the first match of `pattern`."""
        return float(self.search(pattern).group(1))

    def contains(self, part: str, *, stderr: bool = False) -> bool:
        """Whether what the run printed contains `part` (remembering the line)."""
        text, prefix = self._stream(stderr)
        index = text.find(part)
        if index >= 0:
            self._lines_of(text, index, index + len(part), prefix)
        return index >= 0

    def expect(self, condition: object, message: str) -> None:
        """Fail the claim with `message` (what should hold) unless `condition` is true."""
        if not condition:
            raise ClaimFailed(message)

    def within(
        self,
        what: str,
        value: float,
        *,
        at_least: float | None = None,
        at_most: float | None = None,
    ) -> float:
        """`value` must lie within the bounds; `what` names it in the failure message."""
        if at_least is not None and value < at_least:
            raise ClaimFailed(f"{what} = {value:.3g}, expected at least {at_least:.3g}")
        if at_most is not None and value > at_most:
            raise ClaimFailed(
                f"{what} = {value:.3g}, more than the {at_most:.3g} the design allows "
                "(a disturbed measurement)"
            )
        return value


def parallel_bound(run: Run, workers: int, tolerance: float = 1.1) -> float:
    """The most a parallel speedup can be: one worker per usable core at best, times the
    tolerance for timer noise (10 % by default)."""
    return min(workers, run.cores) * tolerance


@dataclasses.dataclass
class Failure:
    claim: Claim
    message: str
    read: list[str]

    def describe(self, file: str, interpreter: str) -> str:
        lines = "".join(f"\n    | {line}" for line in self.read[:12]) or "\n    (no line read)"
        return (
            f"claim {self.claim.name} ({self.claim.module}) does not hold for {file} on "
            f"{interpreter}: {self.message}; the lines it read:{lines}"
        )


@dataclasses.dataclass
class Verdict:
    held: list[Claim]
    failed: list[Failure]
    values: dict[str, Any]

    @property
    def timing_failed(self) -> bool:
        return any(f.claim.timing for f in self.failed)


class Claims:
    """Every claim of a project, read from its claims/ folder."""

    def __init__(self, by_target: dict[str, list[Claim]], folder: Path | None = None):
        self.by_target = by_target
        self.folder = folder

    def of(self, target: str) -> list[Claim]:
        return self.by_target.get(target, [])

    def all(self) -> list[Claim]:
        return [c for claims in self.by_target.values() for c in claims]

    def find(self, ref: str) -> Claim | None:
        """The claim named "basics/x.py:name", or None."""
        target, _, name = ref.rpartition(":")
        return next((c for c in self.of(target) if c.name == name), None)

    def judge(self, target: str, result: Result, text: str, *, timing: bool = True) -> Verdict:
        """Judge every claim of `target` on a run (`text`: what its claims read;
        `timing=False`: only the claims not about times, for runs made beside others)."""
        verdict = Verdict([], [], {})
        for claim_ in self.of(target):
            if claim_.timing and not timing:
                continue
            run = Run(
                text,
                result.python,
                result.start_method,
                stderr=result.stderr,
                duration=result.duration,
            )
            try:
                values = claim_.function(run)
            except ClaimFailed as exc:
                verdict.failed.append(Failure(claim_, str(exc), run.read))
                continue
            except Exception as exc:  # a bug in the claim, or output it cannot read
                message = f"the claim raised {type(exc).__name__}: {exc}"
                verdict.failed.append(Failure(claim_, message, run.read))
                continue
            verdict.held.append(claim_)
            verdict.values.update(values or {})
        return verdict


def load(folder: Path) -> Claims:
    """Import every claims/*.py (afresh: an edited claim counts at the next build)."""
    by_target: dict[str, list[Claim]] = {}
    if not folder.is_dir():
        return Claims(by_target, None)
    for path in sorted(folder.glob("*.py")):
        if path.name.startswith("_"):
            continue
        name = f"_claims_{path.stem}"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        _registering.clear()
        try:
            spec.loader.exec_module(module)
        except Exception as exc:
            raise ClaimError(
                f"{path}: cannot load its claims: {type(exc).__name__}: {exc}"
            ) from exc
        finally:
            sys.modules.pop(name, None)
        for found in _registering:
            found = dataclasses.replace(found, module=f"{folder.name}/{path.name}")
            mine = by_target.setdefault(found.target, [])
            if any(c.name == found.name for c in mine):
                raise ClaimError(f"{path}: two claims named {found.name} for {found.target}")
            mine.append(found)
        _registering.clear()
    return Claims(by_target, folder)
