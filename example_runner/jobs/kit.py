"""The benchmark kit (docs/kit.py), run as a reader runs it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ..interpreters import Interpreter, InterpreterId
from ..judge import Expectations
from ..outcome import Result, Status
from ..settings import Settings
from . import Launch, warning_options


@dataclasses.dataclass(frozen=True)
class KitJob:
    """`python kit.py --json result.json --source "build machine"` on the page interpreter.
    Its artifact, that JSON file, is the build machine's row on the results page. It
    measures, so it runs alone."""

    path: Path  # absolute
    docs_dir: Path
    interpreter: Interpreter
    timeout: float = 300.0

    runner_files = ("jobs/kit.py",)
    kind = "benchmark kit"
    timing_sensitive = True
    effective_start_method = None
    start_method_imposed = False

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def file(self) -> str:
        return "docs/" + self.claim_target

    @property
    def claim_target(self) -> str:
        return self.path.relative_to(self.docs_dir).as_posix()

    @property
    def interpreters(self) -> tuple[Interpreter, Interpreter]:
        return self.interpreter, self.interpreter

    @property
    def python(self) -> InterpreterId:
        return self.interpreter.id

    def contribution(self) -> list[str | bytes]:
        return ["kit", self.path.read_bytes()]

    def not_run(self, settings: Settings) -> tuple[Status, str] | None:
        return None

    def launch(self, settings: Settings, staging: Path) -> Launch:
        result = staging / "result.json"
        cmd = [self.interpreter.executable, "-X", "utf8", "-u", *warning_options(self.interpreter)]
        cmd += [str(self.path), "--json", str(result), "--source", "build machine"]
        expect = Expectations(timeout=self.timeout, failure="the kit failed")
        return Launch(cmd, dict(settings.child_env), expect, artifact=result, sample_every=None)

    def claim_text(self, result: Result, artifact: Path | None) -> str:
        return result.stdout
