"""Pipeline benchmark: what the example machinery costs a build.

    python -m example_runner bench

Copies the site (mkdocs.yml, docs/, examples/, hooks/, the runner) to a temporary folder
with its own empty cache, then times, each as a separate `mkdocs build --strict`:

  cold      empty cache: every example runs
  warm      nothing changed: no example runs (median of 3 builds)
  touched   one example edited: only it runs
  floor     the same pages with every directive already expanded to static Markdown and
            no hook at all: what the site costs without the example machinery (median of 3)

and the serial sum of the examples' run times (every example run again, one at a time),
split into timing-sensitive ones (which run alone in a build too) and the rest.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import Batch, all_examples, page_job, render
from .directive import find_directives
from .notebooks import execute_notebook

_COPY = ("mkdocs.yml", "docs", "examples", "hooks", "example_runner", "overrides")


def _build(project: Path, cache: Path) -> tuple[float, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "EXAMPLES_CACHE_DIR": str(cache)}
    env.pop("EXAMPLES_FRESH", None)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{done.stderr[-3000:]}")
    return elapsed, done.stderr


def _expand_statically(project: Path, floor: Path, results, notebooks) -> None:
    """Write the pages with each directive replaced by its rendered Markdown, and each
    notebook replaced by its executed copy."""
    shutil.copytree(project / "docs", floor / "docs")
    shutil.copytree(project / "overrides", floor / "overrides")
    for run in notebooks:
        shutil.copy2(run.executed, floor / run.notebook)
    shutil.copytree(project / "examples", floor / "docs" / "examples")  # download links
    by_rel = {job.example.rel: (job.example, result) for job, result in results.items()}
    for page in (floor / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        src_uri = page.relative_to(floor / "docs").as_posix()
        lines = text.splitlines()
        for d in reversed(find_directives(text, src_uri)):
            example, result = by_rel[d.path]
            lines[d.line - 1] = render(example, d, result, src_uri)
        page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^hooks:\n(  - .*\n)+", "", config, flags=re.M)
    config = re.sub(r"^watch:\n(  - .*\n)+", "", config, flags=re.M)
    (floor / "mkdocs.yml").write_text(config, encoding="utf-8")


def main() -> int:
    source = Path.cwd()
    with tempfile.TemporaryDirectory(prefix="pipeline-bench-") as tmp:
        tmp = Path(tmp)
        project, cache, floor = tmp / "project", tmp / "cache", tmp / "floor"
        project.mkdir()
        for name in _COPY:
            src = source / name
            (shutil.copytree if src.is_dir() else shutil.copy2)(src, project / name)
        for junk in project.rglob("__pycache__"):
            shutil.rmtree(junk)

        os.environ["EXAMPLES_CACHE_DIR"] = str(cache)  # also for the notebook records read below
        print("cold build (empty cache) ...", flush=True)
        cold, log = _build(project, cache)
        print("  " + next(line for line in log.splitlines() if "examples:" in line))
        warm_times = []
        for _ in range(3):
            elapsed, log = _build(project, cache)
            warm_times.append(elapsed)
            assert re.search(r"examples: 0 run,", log), log
        warm = statistics.median(warm_times)

        examples = all_examples(project)
        results = Batch([page_job(e) for e in examples], project, cache_dir=cache).start().results()
        # The serial sum: every example again, one at a time, so no run shares the machine.
        print("serial run of every example ...", flush=True)
        serial = (
            Batch(
                [page_job(e) for e in examples],
                project,
                workers=1,
                fresh=True,
                cache_dir=tmp / "serial-cache",
            )
            .start()
            .results()
        )
        notebooks = [
            execute_notebook(p, project) for p in sorted((project / "docs").rglob("*.ipynb"))
        ]
        assert all(n.cached for n in notebooks), (
            "the cold build should have executed every notebook"
        )
        # Notebooks are benchmarks: they run alone, like timing-sensitive examples.
        alone = sum(n.duration for n in notebooks)
        alone += sum(r.duration for r in serial.values() if r.timing_sensitive)
        others = sum(r.duration for r in serial.values() if not r.timing_sensitive)

        touched_example = next(e for e in examples if not e.meta.timing_sensitive)
        with open(touched_example.path, "a", encoding="utf-8") as fh:
            fh.write("\n# touched by the pipeline benchmark\n")
        touched, log = _build(project, cache)
        touched_line = next(line for line in log.splitlines() if "examples:" in line)

        _expand_statically(project, floor, results, notebooks)
        floor_times = [_build(floor, tmp / "unused-cache")[0] for _ in range(3)]
        floor_time = statistics.median(floor_times)

    bound = alone + 0.65 * others
    print(f"""
examples on pages: {len(results)} ({sum(r.timing_sensitive for r in results.values())} timing-sensitive), notebooks: {len(notebooks)}
serial sum of run times: {alone + others:.1f} s  (timing-sensitive and notebooks {alone:.1f} s, others {others:.1f} s)

cold build            {cold:7.2f} s   limit {bound:.2f} s (timing-sensitive + 0.65 x others): {cold / bound:.2f} of it
warm build            {warm:7.2f} s   (median of 3; {warm / floor_time:.2f}x the floor, limit 1.30x)
one example touched   {touched:7.2f} s   ({touched_line.split("examples:")[1].strip()}; touched {touched_example.rel})
floor (static pages)  {floor_time:7.2f} s   (median of 3; no hook, directives pre-expanded)
""")
    ok = warm <= 1.3 * floor_time and cold <= bound
    print("within limits" if ok else "OVER A LIMIT")
    return 0 if ok else 1
