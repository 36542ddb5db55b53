"""Run many jobs: what must not run is decided first, stored runs are reused, timing-sensitive
jobs run alone and the rest in parallel; every run's claims are judged, and a run whose
timing claim fails is run again, alone (the timing policy); progress is shown throughout."""

from __future__ import annotations

import shutil
import sys
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TextIO

from . import claims as claims_module
from .cache import Cache, job_key
from .claims import Claims, Verdict
from .interpreters import probe
from .jobs import Job, run_job
from .outcome import Result, Status
from .settings import Settings

STILL_RUNNING_EVERY = 15.0  # seconds between "still running" lines for a long job


class Progress:
    """Reports jobs as they start (the long ones) and finish: a live bar on a terminal, a
    plain line each elsewhere (CI logs), or nothing. Cached and skipped jobs are counted,
    not listed. While a job runs, a line every STILL_RUNNING_EVERY seconds says so."""

    def __init__(self, total: int, mode: str, stream: TextIO | None = None):
        self.total, self.mode, self.done = total, mode, 0
        self.stream = sys.stderr if stream is None else stream
        self.started = time.perf_counter()
        self._lock = threading.Lock()
        self._running: dict[str, float] = {}
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None

    def _write(self, line: str) -> None:
        self.stream.write(("\r" if self.mode == "bar" else "") + line + "\n")
        self.stream.flush()

    def note(self, message: str) -> None:
        if self.mode != "off":
            with self._lock:
                self._write(f"  {message}")

    def starting(self, job: Job, why: str = "") -> None:
        """A job starts; long ones (alone, or a rerun) are announced."""
        with self._lock:
            self._running[job.name] = time.perf_counter()
            if self.mode != "off" and (job.timing_sensitive or why):
                alone = "alone" if job.timing_sensitive or why else ""
                self._write(f"  running {job.name} ({alone}{why}) ...")
            if self.mode != "off" and self._ticker is None:
                self._ticker = threading.Thread(target=self._tick, daemon=True)
                self._ticker.start()

    def _tick(self) -> None:
        while not self._stop.wait(STILL_RUNNING_EVERY):
            with self._lock:
                now = time.perf_counter()
                for name, since in self._running.items():
                    if now - since >= STILL_RUNNING_EVERY:
                        self._write(f"  still running: {name} ({now - since:.0f} s)")

    def finished(self, job: Job, result: Result) -> None:
        with self._lock:
            self._running.pop(job.name, None)
            self.done += 1
            if self.done >= self.total:
                self._stop.set()
            if self.mode == "off" or result.cached or result.status is Status.SKIPPED:
                return
            elapsed = time.perf_counter() - self.started
            status = "" if result.ok else f" {result.status.word}"
            reruns = ""
            if result.reruns and result.ok:
                reruns = f" (held on run {result.reruns + 1})"
            elif result.reruns:
                reruns = f" (failed in each of {result.reruns + 1} runs)"
            if self.mode == "bar":
                width = 24
                filled = width * self.done // max(self.total, 1)
                self.stream.write(
                    f"\r  [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}"
                    f" {elapsed:5.0f} s  {job.name[:48]:48}{status}"
                )
                if self.done == self.total:
                    self.stream.write("\n")
            else:
                self.stream.write(
                    f"  {self.done}/{self.total} {job.name} {result.duration:.1f} s"
                    f"{status}{reruns} ({elapsed:.0f} s elapsed)\n"
                )
            self.stream.flush()


def progress_mode(settings: Settings) -> str:
    if settings.progress == "auto":
        return "bar" if settings.interactive else "lines"
    return settings.progress


class Batch:
    """Runs a set of jobs once; `result(job)` waits only for that job.

    `start()` decides what must not run and serves stored runs whose claims still hold,
    then runs the timing-sensitive jobs one by one while nothing else runs (the caller is
    blocked too), then starts the others in a pool of threads, each driving one
    subprocess, and returns at once. A run whose timing claim fails is run again alone: a
    timing-sensitive job at once, another after the pool has finished.
    """

    def __init__(
        self,
        jobs: Sequence[Job],
        settings: Settings,
        *,
        cache: Cache | None = None,
        claims: Claims | None = None,
        honest_timing: bool = True,
        progress: str | None = None,
        pauses: tuple[float, ...] | None = None,
    ):
        self.jobs: list[Job] = list(dict.fromkeys(jobs))
        self.settings = settings
        self.cache = cache or Cache(settings.cache_dir)
        self.claims = claims if claims is not None else claims_module.load(settings.claims_dir)
        # honest_timing=False (pass/fail surveys only): timing-sensitive jobs run in parallel
        # with the rest; their results, measured on a shared machine, are not stored, and
        # claims about times are not judged.
        self.honest_timing = honest_timing
        # Before each rerun of a disturbed measurement: 3 s, 6 s, 9 s by default.
        base = settings.rerun_pause
        self.pauses = pauses if pauses is not None else tuple(base * n for n in (1, 2, 3))
        # The pool runs jobs that are not timing-sensitive; they spend most of their time
        # waiting (sleeps, timeouts, processes starting): two per core keep the cores busy.
        # Measured on 2 cores, the 106 such jobs of the tests: 49.6 s with 2 at a time,
        # 29.0 s with 4. A survey's pool holds the CPU-bound timing-sensitive ones too:
        # one per core.
        per_core = 2 if honest_timing else 1
        self.workers = settings.workers or per_core * probe(settings.toolchain_python).cores
        self.progress = Progress(len(self.jobs), progress or progress_mode(settings))
        self.keys: dict[Job, str] = {}
        self._futures: dict[Job, Future[Result]] = {job: Future() for job in self.jobs}
        self._rerun_later: list[tuple[Job, Result]] = []
        self._lock = threading.Lock()

    # -- running ---------------------------------------------------------------------

    def start(self) -> Batch:
        alone: list[Job] = []
        parallel: list[Job] = []
        for job in self.jobs:
            # What must not run is decided before the store is asked: settings can exclude
            # a run that is stored (a start method not tested here, say).
            if job.not_run(self.settings) is not None:
                self._final(job, run_job(job, self.settings, Path()))
                continue
            key = self.keys[job] = job_key(job, self.settings)
            stored = None if self.settings.fresh else self.cache.get(key)
            if stored is not None:
                self.judge(job, stored, self.cache.artifact(key, stored))
                if stored.ok:
                    self._final(job, stored)
                    continue
                if self.settings.no_run:  # nothing runs: the failed claim is the result
                    stored.reason += "; (EXAMPLES_NO_RUN: it was not run again)"
                    self._final(job, stored)
                    continue
                # A claim fails on the stored run: an edited claim, or an edited store.
                self.cache.forget(key)
                self.progress.note(f"{job.name}: the stored run fails a claim; running it again")
            if self.settings.no_run:
                self._final(job, self._not_stored(job))
                continue
            if job.timing_sensitive and self.honest_timing:
                alone.append(job)
            else:
                parallel.append(job)
        for job in alone:
            self._final(job, self._run_alone(job))
        if parallel:
            threading.Thread(target=self._run_parallel, args=(parallel,), daemon=True).start()
        return self

    def _not_stored(self, job: Job) -> Result:
        on = job.python.label
        method = (
            f", start method {job.effective_start_method}" if job.effective_start_method else ""
        )
        return Result(
            name=job.file,
            python=job.python,
            status=Status.FAILED,
            reason=(
                f"no stored run of {job.file} on {on}{method} (key {self.keys[job]}), and "
                "EXAMPLES_NO_RUN runs nothing: run it where that interpreter is "
                "(python -m example_runner publish), or merge the store of the job that did"
            ),
            start_method=job.effective_start_method,
            start_method_imposed=job.start_method_imposed,
            timing_sensitive=job.timing_sensitive,
        )

    def _run_parallel(self, jobs: list[Job]) -> None:
        with ThreadPoolExecutor(self.workers, thread_name_prefix="example") as pool:
            for job in jobs:
                pool.submit(self._run_in_pool, job)
        for job, first in self._rerun_later:  # the pool is done: nothing else runs now
            self._final(job, self._run_alone(job, first))

    def _run_in_pool(self, job: Job) -> None:
        try:
            result = self._run_once(job)
            if self._disturbed(result):
                with self._lock:
                    self._rerun_later.append((job, result))
                return
            self._final(job, result)
        except BaseException as exc:  # never leave a caller waiting forever
            self._futures[job].set_exception(exc)

    def _run_once(self, job: Job) -> Result:
        key = self.keys[job]
        staging = self.cache.staging(key)
        try:
            result = run_job(job, self.settings, staging)
            artifact = staging / result.artifact if result.artifact else None
            self.judge(job, result, artifact)
            if result.ok and (self.honest_timing or not job.timing_sensitive):
                self.cache.put(key, result, staging)
                self.cache.record_interpreter(*job.interpreters)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return result

    def _disturbed(self, result: Result) -> bool:
        """A timing claim failed: the measurement may have met a busy machine."""
        verdict = result.verdict
        return self.honest_timing and verdict is not None and verdict.timing_failed

    def _run_alone(self, job: Job, first: Result | None = None) -> Result:
        """Run `job` alone until its timing claims hold, claims.RUNS runs in all at most,
        pausing before each new run; `first`: a run already made (in the pool)."""
        result, runs = first, 0 if first is None else 1
        while result is None or (self._disturbed(result) and runs < claims_module.RUNS):
            if result is None:
                self.progress.starting(job)
            else:
                pause = self.pauses[min(runs, len(self.pauses)) - 1] if self.pauses else 0.0
                failed = result.verdict.failed if result.verdict else []
                why = "; ".join(f"{f.claim.name}: {f.message}" for f in failed if f.claim.timing)
                self.progress.starting(
                    job,
                    f"; a timing claim failed ({why}): run {runs + 1} of {claims_module.RUNS}"
                    f" after {pause:g} s",
                )
                time.sleep(pause)
            result = self._run_once(job)
            runs += 1
        result.reruns = runs - 1
        return result

    def _final(self, job: Job, result: Result) -> None:
        self._futures[job].set_result(result)
        self.progress.finished(job, result)

    # -- judging -----------------------------------------------------------------------

    def judge(self, job: Job, result: Result, artifact: Path | None = None) -> Verdict | None:
        """Judge the claims of `job` on `result` (which passed the run's own rules; its
        artifact, if any, is at `artifact`); a claim that does not hold makes it
        CLAIM_FAILED, with a reason naming the claim and the lines it read."""
        if not result.ok:
            return None
        text = job.claim_text(result, artifact)
        verdict = self.claims.judge(job.claim_target, result, text, timing=self.honest_timing)
        result.verdict, result.values = verdict, dict(verdict.values)
        if verdict.failed:
            result.status = Status.CLAIM_FAILED
            result.reason = "; ".join(
                f.describe(job.file, result.interpreter) for f in verdict.failed
            )
        return verdict

    # -- asking ----------------------------------------------------------------------

    def result(self, job: Job) -> Result:
        return self._futures[job].result()

    def results(self) -> dict[Job, Result]:
        return {job: future.result() for job, future in self._futures.items()}

    def key(self, job: Job) -> str:
        return self.keys.get(job) or job_key(job, self.settings)

    def artifact(self, job: Job) -> Path | None:
        """The file the job's run wrote (a notebook's executed copy), or None."""
        result = self.result(job)
        if not result.artifact:
            return None
        return self.cache.artifact(self.key(job), result)

    def summary(self) -> str:
        """One line per kind of job: "examples: 3 run, 80 cached, 0 failed (12.0 s)", and
        one for the claims: how many held, how many needed a rerun, how many failed."""
        results = self.results()
        lines = []
        for kind in dict.fromkeys(job.kind for job in results):
            mine = [r for job, r in results.items() if job.kind == kind]
            ran = sum(not r.cached and r.status is not Status.SKIPPED for r in mine)
            cached = sum(r.cached for r in mine)
            failed = sum(r.status.is_failure for r in mine)
            skipped = sum(r.status is Status.SKIPPED for r in mine)
            extra = f", {skipped} skipped" if skipped else ""
            spent = sum(r.duration for r in mine if not r.cached)
            lines.append(
                f"{kind}: {ran} run, {cached} cached, {failed} failed{extra} ({spent:.1f} s)"
            )
        held = failed_claims = 0
        for result in results.values():
            if result.verdict is not None:
                held += len(result.verdict.held)
                failed_claims += len(result.verdict.failed)
        reruns = sum(r.reruns for r in results.values())
        rerun_jobs = sum(bool(r.reruns) for r in results.values())
        lines.append(
            f"claims: {held} held, {failed_claims} failed; "
            f"{rerun_jobs} run(s) needed {reruns} rerun(s)"
        )
        return "\n".join(lines)
