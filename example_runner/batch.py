"""Run many examples: cached ones are not run, timing-sensitive ones alone, the rest in parallel."""

from __future__ import annotations

import os
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from .cache import ResultCache, cache_key, default_cache_dir
from .execute import Job, Result, run_job
from .interpreters import probe


def fresh_requested() -> bool:
    return os.environ.get("EXAMPLES_FRESH", "") not in ("", "0")


class Batch:
    """Runs a set of jobs once; `result(job)` waits only for that job.

    `start()` first runs the timing-sensitive jobs one by one while nothing else runs (the
    caller is blocked too), then starts the others in a pool of `workers` threads, each
    driving one subprocess, and returns at once.
    """

    def __init__(
        self,
        jobs,
        repo_root: Path,
        *,
        workers: int | None = None,
        fresh: bool | None = None,
        cache_dir: Path | None = None,
        honest_timing: bool = True,
    ):
        self.jobs = list(dict.fromkeys(jobs))
        self.repo_root = repo_root
        self.workers = workers or probe().cores  # usable cores of this interpreter's machine
        self.fresh = fresh_requested() if fresh is None else fresh
        self.cache = ResultCache(cache_dir or default_cache_dir(repo_root))
        # honest_timing=False (pass/fail surveys only): timing-sensitive jobs run in parallel
        # with the rest, and their results, measured on a shared machine, are not cached.
        self.honest_timing = honest_timing
        self._futures: dict[Job, Future] = {}
        self._pool: ThreadPoolExecutor | None = None
        self._started = 0.0
        self.elapsed = 0.0

    def start(self) -> Batch:
        self._started = time.perf_counter()
        alone, parallel = [], []
        for job in self.jobs:
            key = cache_key(job)
            cached = None if self.fresh else self.cache.get(key)
            if cached is not None:
                future: Future = Future()
                future.set_result(cached)
                self._futures[job] = future
            elif job.example.meta.timing_sensitive and self.honest_timing:
                alone.append((job, key))
            else:
                parallel.append((job, key))
        for job, key in alone:
            future = Future()
            future.set_result(self._run(job, key))
            self._futures[job] = future
        if parallel:
            self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="example")
            for job, key in parallel:
                self._futures[job] = self._pool.submit(self._run, job, key)
            self._pool.shutdown(wait=False)
        return self

    def _run(self, job: Job, key: str) -> Result:
        result = run_job(job, self.repo_root)
        if self.honest_timing or not job.example.meta.timing_sensitive:
            self.cache.put(key, result)
        return result

    def result(self, job: Job) -> Result:
        return self._futures[job].result()

    def results(self) -> dict[Job, Result]:
        done = {job: future.result() for job, future in self._futures.items()}
        self.elapsed = time.perf_counter() - self._started
        return done

    def summary(self) -> str:
        results = self.results().values()
        ran = sum(not r.cached and r.status != "skipped" for r in results)
        cached = sum(r.cached for r in results)
        failed = sum(r.status in ("failed", "timeout") for r in results)
        skipped = sum(r.status == "skipped" for r in results)
        extra = f", {skipped} skipped" if skipped else ""
        return (
            f"examples: {ran} run, {cached} cached, {failed} failed{extra} ({self.elapsed:.1f} s)"
        )


def run_all(jobs, repo_root: Path, **kwargs) -> tuple[dict[Job, Result], str]:
    batch = Batch(jobs, repo_root, **kwargs).start()
    return batch.results(), batch.summary()
