"""Run many jobs: skips decided first, cached ones not run, timing-sensitive ones alone, the
rest in parallel; progress shown as they finish."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TextIO

from .cache import Cache
from .interpreters import this_interpreter
from .jobs import Job
from .outcome import Result, Status
from .settings import Settings


class Progress:
    """Reports jobs as they finish: a live bar on a terminal, a plain line each elsewhere
    (CI logs), or nothing. Cached and skipped jobs are counted, not listed."""

    def __init__(self, total: int, mode: str, stream: TextIO | None = None):
        self.total, self.mode, self.done = total, mode, 0
        self.stream = sys.stderr if stream is None else stream
        self.started = time.perf_counter()
        self._lock = threading.Lock()

    def finished(self, job: Job, result: Result) -> None:
        with self._lock:
            self.done += 1
            if self.mode == "off" or result.cached or result.status is Status.SKIPPED:
                return
            elapsed = time.perf_counter() - self.started
            status = "" if result.ok else f" {result.status.word}"
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
                    f"{status} ({elapsed:.0f} s elapsed)\n"
                )
            self.stream.flush()


def progress_mode(settings: Settings) -> str:
    if settings.progress == "auto":
        return "bar" if settings.interactive else "lines"
    return settings.progress


class Batch:
    """Runs a set of jobs once; `result(job)` waits only for that job.

    `start()` decides skips and serves cached results first, then runs the timing-sensitive
    jobs one by one while nothing else runs (the caller is blocked too), then starts the
    others in a pool of threads, each driving one subprocess, and returns at once.
    """

    def __init__(
        self,
        jobs: Iterable[Job],
        settings: Settings,
        *,
        cache: Cache | None = None,
        honest_timing: bool = True,
        progress: str | None = None,
        on_result: Callable[[Job, Result], None] | None = None,
    ):
        self.jobs: list[Job] = list(dict.fromkeys(jobs))
        self.settings = settings
        self.cache = cache or Cache(settings.cache_dir)
        # honest_timing=False (pass/fail surveys only): timing-sensitive jobs run in parallel
        # with the rest, and their results, measured on a shared machine, are not cached.
        self.honest_timing = honest_timing
        self.workers = settings.workers or this_interpreter().cores
        self.progress = Progress(len(self.jobs), progress or progress_mode(settings))
        self.on_result = on_result
        self._futures: dict[Job, Future[Result]] = {}
        self._started = 0.0
        self.elapsed = 0.0

    def start(self) -> Batch:
        self._started = time.perf_counter()
        alone: list[tuple[Job, str]] = []
        parallel: list[tuple[Job, str]] = []
        for job in self.jobs:
            # A skip is decided before the cache is asked: settings can exclude a run
            # whose result is cached (a start method not tested here, say).
            if job.skip_reason(self.settings) is not None:
                self._done(job, job.run(self.settings))
                continue
            key = self.cache.key(job.identity(self.settings))
            cached = None if self.settings.fresh else self.cache.get(key)
            if cached is not None:
                self._done(job, cached)
            elif job.timing_sensitive and self.honest_timing:
                alone.append((job, key))
            else:
                parallel.append((job, key))
        for job, key in alone:
            self._done(job, self._run(job, key))
        if parallel:
            pool = ThreadPoolExecutor(self.workers, thread_name_prefix="example")
            for job, key in parallel:
                self._futures[job] = pool.submit(self._run_and_report, job, key)
            pool.shutdown(wait=False)
        return self

    def _done(self, job: Job, result: Result) -> None:
        future: Future[Result] = Future()
        future.set_result(result)
        self._futures[job] = future
        self._report(job, result)

    def _report(self, job: Job, result: Result) -> None:
        self.progress.finished(job, result)
        if self.on_result is not None:
            self.on_result(job, result)

    def _run(self, job: Job, key: str) -> Result:
        result = job.run(self.settings)
        if self.honest_timing or not job.timing_sensitive:
            self.cache.put(key, result)
        return result

    def _run_and_report(self, job: Job, key: str) -> Result:
        result = self._run(job, key)
        self._report(job, result)
        return result

    def result(self, job: Job) -> Result:
        return self._futures[job].result()

    def results(self) -> dict[Job, Result]:
        done = {job: future.result() for job, future in self._futures.items()}
        self.elapsed = time.perf_counter() - self._started
        return done

    def summary(self) -> str:
        """One line per kind of job: "examples: 3 run, 80 cached, 0 failed (12.0 s)"."""
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
        return "\n".join(lines) or "examples: 0 run, 0 cached, 0 failed (0.0 s)"

    def key(self, job: Job) -> str:
        return self.cache.key(job.identity(self.settings))

    def run_fresh(self, job: Job) -> Result:
        """Run `job` again, now, whatever the cache holds; the caller decides whether to
        keep the result (a timing claim keeps only a run whose claim held)."""
        return job.run(self.settings)
