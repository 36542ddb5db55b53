"""What a run produced: its status and everything a page, a test or a report shows of it."""

from __future__ import annotations

import dataclasses
import enum
from typing import Any


class Status(enum.Enum):
    OK = "ok"
    FAILED = "failed"
    TIMEOUT = "timeout"
    SKIPPED = "skipped"

    @property
    def is_failure(self) -> bool:
        """Failed or timed out: the build and the tests must report it."""
        return self in (Status.FAILED, Status.TIMEOUT)

    @property
    def word(self) -> str:
        """How a table shows it: failures in capitals, so they stand out."""
        return {"failed": "FAILED", "timeout": "TIMED OUT"}.get(self.value, self.value)


@dataclasses.dataclass
class Result:
    """One run of a job (an example under an interpreter and start method, or a notebook)."""

    name: str  # what ran, relative to its folder: "basics/x.py", "benchmarks/speedup.ipynb"
    status: Status
    reason: str = ""
    start_method: str | None = None  # the method in effect (imposed, or the default)
    start_method_imposed: bool = False
    exit_code: int | None = None
    stdout: str = ""
    stderr: str = ""
    duration: float = 0.0
    interpreter: str = ""  # the label of the Python that ran it: "CPython 3.15.2"
    python_version: str = ""  # "3.15.2"
    platform: str = ""  # "Linux x86_64"
    cores: int = 0
    timing_sensitive: bool = False
    finished_at: str = ""  # ISO 8601, UTC
    peak_rss: int | None = None  # bytes, sampled over the run's processes; None: not sampled
    artifact: str = ""  # a file the run produced (a notebook's executed copy), or ""
    cached: bool = dataclasses.field(default=False, compare=False)

    @property
    def ok(self) -> bool:
        return self.status is Status.OK

    def to_json(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data.pop("cached")
        data["status"] = self.status.value
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any], *, cached: bool = True) -> Result:
        fields = {f.name for f in dataclasses.fields(cls)} - {"cached"}
        if set(data) != fields:
            raise ValueError(f"not a result of this runner: {sorted(set(data) ^ fields)}")
        return cls(**{**data, "status": Status(data["status"])}, cached=cached)
