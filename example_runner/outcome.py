"""What a run produced: its status and everything a page, a test or a report shows of it."""

from __future__ import annotations

import dataclasses
import enum
from typing import TYPE_CHECKING, Any

from .interpreters import InterpreterId

if TYPE_CHECKING:
    from .claims import Verdict


class Status(enum.Enum):
    OK = "ok"
    FAILED = "failed"
    TIMEOUT = "timeout"
    SKIPPED = "skipped"
    CLAIM_FAILED = "claim failed"  # it ran as declared, but a claim about it did not hold

    @property
    def is_failure(self) -> bool:
        """Failed, timed out or its claim did not hold: the build and the tests report it."""
        return self in (Status.FAILED, Status.TIMEOUT, Status.CLAIM_FAILED)

    @property
    def word(self) -> str:
        """How a table shows it: failures in capitals, so they stand out."""
        return {"failed": "FAILED", "timeout": "TIMED OUT", "claim failed": "CLAIM FAILED"}.get(
            self.value, self.value
        )


_TRANSIENT = ("cached", "reruns", "verdict", "values")  # never stored


@dataclasses.dataclass
class Result:
    """One run of a job (an example under an interpreter and start method, a notebook, the
    benchmark kit). Made in one place, `jobs.run_job`; judged in `judge.py`."""

    name: str  # what ran, relative to its folder: "basics/x.py", "docs/benchmarks/speedup.ipynb"
    python: InterpreterId  # the interpreter that ran it, as recorded
    status: Status = Status.OK
    reason: str = ""
    start_method: str | None = None  # the method in effect (imposed, or the default)
    start_method_imposed: bool = False
    exit_code: int | None = None
    stdout: str = ""
    stderr: str = ""
    duration: float = 0.0
    timing_sensitive: bool = False
    finished_at: str = ""  # ISO 8601, UTC
    peak_rss: int | None = None  # bytes, sampled over the run's processes; None: not sampled
    artifact: str = ""  # the name of a file the run wrote (a notebook's executed copy), or ""
    cached: bool = dataclasses.field(default=False, compare=False)
    reruns: int = dataclasses.field(default=0, compare=False)  # runs its claims needed, less 1
    # What its claims said, judged on every use (never stored), and the values they computed.
    verdict: Verdict | None = dataclasses.field(default=None, compare=False)
    values: dict[str, Any] = dataclasses.field(default_factory=dict, compare=False)

    @property
    def ok(self) -> bool:
        return self.status is Status.OK

    @property
    def interpreter(self) -> str:
        """The label of the Python that ran it: "CPython 3.15.2"."""
        return self.python.label

    @property
    def python_version(self) -> str:
        return self.python.version

    @property
    def platform(self) -> str:
        return self.python.platform

    @property
    def cores(self) -> int:
        return self.python.cores

    def to_json(self) -> dict[str, Any]:
        data = {
            f.name: getattr(self, f.name)
            for f in dataclasses.fields(self)
            if f.name not in _TRANSIENT
        }
        data["status"] = self.status.value
        data["python"] = dataclasses.asdict(self.python)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any], *, cached: bool = True) -> Result:
        fields = {f.name for f in dataclasses.fields(cls)} - set(_TRANSIENT)
        if set(data) != fields:
            raise ValueError(f"not a result of this runner: {sorted(set(data) ^ fields)}")
        return cls(
            **{
                **data,
                "status": Status(data["status"]),
                "python": InterpreterId(**data["python"]),
            },
            cached=cached,
        )
