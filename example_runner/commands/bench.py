"""Pipeline benchmark: what the example machinery costs a build.

    python -m example_runner bench

Copies the site (mkdocs.yml, docs/, examples/, claims/, hooks/, the runner) to a temporary folder
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

import argparse
import re
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from ..batch import Batch
from ..plan import all_examples, page_job
from ..settings import Settings
from ..sitebuild import SiteBuild

_COPY = ("mkdocs.yml", "docs", "examples", "claims", "hooks", "example_runner", "overrides")


def _build(settings: Settings, project: Path, cache: Path) -> tuple[float, str]:
    env = settings.tool_env(NO_MKDOCS_2_WARNING="1", EXAMPLES_CACHE_DIR=str(cache))
    env.pop("EXAMPLES_FRESH", None)
    start = time.perf_counter()
    done = subprocess.run(
        [settings.toolchain_python, "-m", "mkdocs", "build", "--strict"],
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


def _site(settings: Settings) -> tuple[SiteBuild, dict[str, str]]:
    """The site's planned build (runs from the store), and its pages."""
    docs = settings.docs_dir
    pages = {
        p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in docs.rglob("*.md")
    }
    return SiteBuild(settings, pages, sorted(docs.rglob("*.ipynb"))).start(), pages


def _expand_statically(settings: Settings, floor: Path) -> int:
    """Write the pages with each directive replaced by its rendered Markdown (from the
    cache, through the same SiteBuild as the hook), and each notebook by its executed copy.
    Returns the number of page runs."""
    docs = settings.docs_dir
    shutil.copytree(docs, floor / "docs")
    shutil.copytree(settings.project / "overrides", floor / "overrides")
    site, pages = _site(settings)
    for path in site.notebook_jobs:
        executed, result = site.notebook_artifact(path)
        if executed is None:
            raise SystemExit(f"cannot expand the pages statically: {result.reason}")
        shutil.copy2(executed, floor / "docs" / path.relative_to(docs))
    shutil.copytree(settings.examples_dir, floor / "docs" / "examples")  # download links
    for name, content in site.generated_files().items():  # what the hook adds
        (floor / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (floor / "docs" / name).write_bytes(content)
    for uri, markdown in pages.items():
        expanded = site.expand(uri, markdown)
        errors = [message for level, message in expanded.problems if level == "error"]
        if errors:
            raise SystemExit(f"cannot expand the pages statically: {errors[0]}")
        (floor / "docs" / uri).write_text(expanded.markdown, encoding="utf-8")
    config = (settings.project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^hooks:\n(  - .*\n)+", "", config, flags=re.M)
    config = re.sub(r"^watch:\n(  - .*\n)+", "", config, flags=re.M)
    (floor / "mkdocs.yml").write_text(config, encoding="utf-8")
    return len(site.page_jobs)


def main(settings: Settings, args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="pipeline-bench-") as tmp_dir:
        tmp = Path(tmp_dir)
        project, cache, floor = tmp / "project", tmp / "cache", tmp / "floor"
        project.mkdir()
        for name in _COPY:
            src = settings.project / name
            if src.is_dir():
                shutil.copytree(src, project / name)
            else:
                shutil.copy2(src, project / name)
        for junk in project.rglob("__pycache__"):
            shutil.rmtree(junk)
        copy = settings.replace(project=project, cache_dir=cache, fresh=False)

        print("cold build (empty cache) ...", flush=True)
        cold, log = _build(settings, project, cache)
        print("  " + next(line for line in log.splitlines() if "examples:" in line))
        warm_times = []
        for _ in range(3):
            elapsed, log = _build(settings, project, cache)
            warm_times.append(elapsed)
            assert re.search(r"examples: 0 run,", log), log
        warm = statistics.median(warm_times)

        # The serial sum: every example again, one at a time, so no run shares the machine.
        print("serial run of every example ...", flush=True)
        examples = all_examples(copy)
        serial = (
            Batch(
                [page_job(e, copy) for e in examples],
                copy.replace(workers=1, fresh=True, cache_dir=tmp / "serial-cache"),
                progress="off",
            )
            .start()
            .results()
        )
        site, _ = _site(copy)
        notebooks = [r for job, r in site.batch.results().items() if job.kind == "notebooks"]
        assert all(n.cached for n in notebooks), "the cold build should have run every notebook"
        # Notebooks are benchmarks: they run alone, like timing-sensitive examples.
        alone = sum(n.duration for n in notebooks)
        alone += sum(r.duration for r in serial.values() if r.timing_sensitive)
        others = sum(r.duration for r in serial.values() if not r.timing_sensitive)

        touched_example = next(e for e in examples if not e.meta.timing_sensitive)
        with open(touched_example.path, "a", encoding="utf-8") as fh:
            fh.write("\n# touched by the pipeline benchmark\n")
        touched, log = _build(settings, project, cache)
        touched_line = next(line for line in log.splitlines() if "examples:" in line)

        page_runs = _expand_statically(copy, floor)
        floor_times = [_build(settings, floor, tmp / "unused-cache")[0] for _ in range(3)]
        floor_time = statistics.median(floor_times)

    bound = alone + 0.65 * others
    sensitive = sum(r.timing_sensitive for r in serial.values())
    print(f"""
examples on pages: {page_runs} ({sensitive} timing-sensitive), notebooks: {len(notebooks)}
serial sum of run times: {alone + others:.1f} s  (timing-sensitive and notebooks {alone:.1f} s, \
others {others:.1f} s)

cold build            {cold:7.2f} s   limit {bound:.2f} s (timing-sensitive + 0.65 x others): \
{cold / bound:.2f} of it
warm build            {warm:7.2f} s   (median of 3; {warm / floor_time:.2f}x the floor, limit 1.30x)
one example touched   {touched:7.2f} s   ({touched_line.split("examples:")[1].strip()}; \
touched {touched_example.rel})
floor (static pages)  {floor_time:7.2f} s   (median of 3; no hook, directives pre-expanded)
""")
    ok = warm <= 1.3 * floor_time and cold <= bound
    print("within limits" if ok else "OVER A LIMIT")
    return 0 if ok else 1
