"""What a site build needs from the runner, in one object the MkDocs hook only wires in.

`SiteBuild` reads every page's directives, makes the jobs they need (the page run of each
example, its version tabs, the benchmark notebooks), starts one batch, and expands each
page's directives and tables into Markdown. Problems (a missing example, a malformed
directive, a failed run) are reported through `report(level, message)`, naming the page,
the line and the reason; the hook logs errors, so `mkdocs build --strict` fails on them.
"""

from __future__ import annotations

import dataclasses
import difflib
import io
import json
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .batch import Batch
from .directive import Directive, DirectiveError, find_directives, find_tables
from .interpreters import Interpreter, page_interpreter, this_interpreter
from .jobs import ExampleJob, Job, KitJob, NotebookJob
from .kit_results import ResultError, load_results, plot_results, render_results
from .metadata import Example, ExampleError, load_example
from .outcome import Result, Status
from .plaintext import (
    copy_path,
    example_plain,
    first_sentence,
    llms_txt,
    notebook_plain,
    plain_markdown,
    relink,
)
from .plan import page_job, tab_jobs
from .render import link_from, render, render_output, render_tabs
from .settings import Settings
from .tables import MATRIX_FILE, render_matrix, render_run_times

Report = Callable[[str, str], None]  # (level: "error" | "info", message)
KIT = "kit.py"  # in docs/: served at the site's root
RESULTS_DIR = "data/results"  # in docs/: one kit result (JSON) per file
RESULTS_PLOT = "data/results/speedup.svg"  # made by the build


@dataclasses.dataclass(frozen=True)
class Shown:
    """Where an example's code is shown in full: the page's title and path, the anchor."""

    title: str
    src_uri: str
    anchor: str


def page_title(markdown: str, fallback: str) -> str:
    return next(
        (line[2:].strip() for line in markdown.splitlines() if line.startswith("# ")), fallback
    )


def notebook_title(path: Path) -> str:
    """A notebook's title: the first "# " heading of its Markdown cells."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return page_title(text, path.name)


class SiteBuild:
    def __init__(
        self,
        settings: Settings,
        pages: dict[str, str],
        notebooks: list[Path],
        *,
        notebook_python: Interpreter | None = None,
        repo_url: str | None = None,
        site_url: str | None = None,
    ):
        """`pages`: src_uri (path under docs/) -> Markdown; `notebooks`: absolute paths;
        `repo_url`: the repository (its GitHub workflow runs what this machine cannot)."""
        self.settings = settings
        self.repo_url = repo_url.rstrip("/") if repo_url else None
        # Pages may write {{ site_url }} where a reader needs the site's own address.
        self.site_url = site_url or "/"
        self.page_problems: dict[str, str] = {}
        self.problems: dict[str, str] = {}  # example path -> why it cannot be used
        self.examples: dict[str, Example] = {}
        self.shown_on: dict[str, Shown] = {}
        self.titles = {uri: page_title(md, uri) for uri, md in pages.items()}
        root = settings.examples_dir
        for uri, markdown in pages.items():
            try:
                directives = find_directives(markdown, f"docs/{uri}")
            except DirectiveError as exc:
                self.page_problems[uri] = str(exc)
                continue
            for d in directives:
                if not d.output_only:
                    self.shown_on.setdefault(d.path, Shown(self.titles[uri], uri, d.anchor))
                if d.path in self.examples or d.path in self.problems:
                    continue
                try:
                    self.examples[d.path] = load_example(root / d.path, root)
                except ExampleError as exc:
                    self.problems[d.path] = str(exc)
        self.page_python = page_interpreter(settings)
        self.page_jobs = {
            rel: page_job(e, settings, self.page_python) for rel, e in self.examples.items()
        }
        self.tabs = {
            rel: tab_jobs(e, settings) for rel, e in self.examples.items() if e.meta.compare
        }
        notebook_python = notebook_python or this_interpreter()
        self.notebook_jobs = {
            path: NotebookJob(path, notebook_python, fast=settings.bench_fast) for path in notebooks
        }
        kit = settings.docs_dir / KIT
        self.kit_job = KitJob(kit, self.page_python) if kit.is_file() else None
        jobs: list[Job] = [*self.notebook_jobs.values(), *self.page_jobs.values()]
        if self.kit_job is not None:
            jobs.append(self.kit_job)
        jobs += [job for tabs in self.tabs.values() for _, job in tabs if job is not None]
        self.batch = Batch(jobs, settings)

    def start(self) -> SiteBuild:
        """Run (or fetch from the cache) everything: notebooks and timing-sensitive
        examples first, alone (this call waits for them), the rest in the background."""
        self.batch.start()
        return self

    def downloads(self) -> dict[str, Path]:
        """Files the site offers for download: each example and the local modules it
        imports (path under examples/ -> file), so a downloaded example runs as it is."""
        files: dict[str, Path] = {}
        root = self.settings.examples_dir
        for example in self.examples.values():
            for path in (example.path, *example.local_modules):
                files.setdefault(path.relative_to(root).as_posix(), path)
        return files

    def examples_zip(self) -> bytes:
        """Every example (helpers and examples/requirements.txt included) as one zip, the
        same bytes for the same files (fixed timestamps), under a top folder "examples/"."""
        root = self.settings.examples_dir
        names = sorted(
            p
            for p in root.rglob("*")
            if p.is_file() and p.suffix in (".py", ".txt", ".toml") and "__pycache__" not in p.parts
        )
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in names:
                info = zipfile.ZipInfo(f"examples/{path.relative_to(root).as_posix()}")
                info.date_time = (2026, 1, 1, 0, 0, 0)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, path.read_bytes())
        return buffer.getvalue()

    def notebook_result(self, path: Path) -> Result:
        return self.batch.result(self.notebook_jobs[path])

    def expand(self, src_uri: str, markdown: str, report: Report) -> str:
        """The page's Markdown with its tables and directives replaced."""
        where = f"docs/{src_uri}"
        markdown = markdown.replace("{{ site_url }}", self.site_url)
        markdown = self._tables(src_uri, markdown, where, report)
        if src_uri in self.page_problems:
            report("error", self.page_problems[src_uri])
            return markdown
        directives = find_directives(markdown, where)
        lines = markdown.splitlines()
        for d in reversed(directives):
            lines[d.line - 1] = self._expand(d, src_uri, f"{where}:{d.line}", report)
        return "\n".join(lines) + "\n"

    def plain(self, src_uri: str, markdown: str) -> str:
        """The page as plain Markdown: examples inlined as fences, no theme syntax (see
        plaintext.py); problems were reported when the page was expanded for HTML."""

        def ignore(level: str, message: str) -> None:
            pass

        markdown = markdown.replace("{{ site_url }}", self.site_url)
        markdown = self._tables(src_uri, markdown, f"docs/{src_uri}", ignore)
        if src_uri in self.page_problems:
            return plain_markdown(markdown)
        lines = markdown.splitlines()
        for d in reversed(find_directives(markdown, src_uri)):
            example = self.examples.get(d.path)
            if example is None:
                continue
            if d.path in self.tabs:
                runs = [
                    (tag, self.batch.result(job) if job else None) for tag, job in self.tabs[d.path]
                ]
            else:
                runs = [(self.page_python.tag, self.batch.result(self.page_jobs[d.path]))]
            try:
                text = example_plain(example, d.section, runs, output_only=d.output_only)
            except ExampleError as exc:  # reported when the page was expanded for HTML
                text = f"(Broken example directive: {exc})"
            lines[d.line - 1] = "\n".join(
                d.indent + line if line else line for line in text.splitlines()
            )
        return plain_markdown("\n".join(lines))

    def _expand(self, d: Directive, src_uri: str, here: str, report: Report) -> str:
        if d.path in self.problems:
            message = self.problems[d.path]
            if "no such example file" in message:
                root = self.settings.examples_dir
                known = [p.relative_to(root).as_posix() for p in root.rglob("*.py")]
                close = difflib.get_close_matches(d.path, known, n=1)
                hint = f" (did you mean {close[0]}?)" if close else ""
                message = f"no example examples/{d.path}{hint}"
            report("error", f"{here}: {message}")
            return _broken(d, message)
        if d.path not in self.examples:  # the page changed after the build had started
            message = f"examples/{d.path} was not on this page when the build started"
            report("error", f"{here}: {message}; build again")
            return _broken(d, message)
        example = self.examples[d.path]
        result = self._result(self.page_jobs[d.path], here, report)
        if d.output_only:
            shown = self.shown_on.get(d.path)
            link = None
            if shown is None:
                report(
                    "error",
                    f"{here}: examples/{example.rel} is shown only as output; "
                    "show its code on some page with '!example'",
                )
            else:
                link = f"{link_from(src_uri, shown.src_uri)}#{shown.anchor}"
            return render_output(example, d, result, link)
        try:
            if d.path in self.tabs:
                runs: list[tuple[str, Result | None]] = []
                for tag, job in self.tabs[d.path]:
                    if job is None:
                        level = "error" if self.settings.require_tabs else "info"
                        report(
                            level,
                            f"{here}: examples/{example.rel}: no CPython {tag} on this machine; "
                            f"its tab says so (EXAMPLES_REQUIRE_TABS=1 makes this an error)",
                        )
                        runs.append((tag, None))
                    else:
                        runs.append((tag, self._result(job, here, report)))
                return render_tabs(example, d, runs, src_uri)
            return render(example, d, result, src_uri)
        except ExampleError as exc:
            report("error", f"{here}: {exc}")
            return _broken(d, str(exc))

    def _result(self, job: ExampleJob, here: str, report: Report) -> Result:
        result = self.batch.result(job)
        if result.status.is_failure:
            tail = "\n".join(result.stderr.rstrip().splitlines()[-25:])
            on = "" if job.interpreter == self.page_python else f" on {job.interpreter.label}"
            report(
                "error",
                f"{here}: example examples/{job.example.rel}{on} "
                f"{result.status.value}: {result.reason}\n{tail}",
            )
        return result

    def _tables(self, src_uri: str, markdown: str, where: str, report: Report) -> str:
        lines = markdown.splitlines()
        for number, name in find_tables(markdown):
            if name == "!run-times":
                lines[number - 1] = self.run_times(src_uri)
            elif name == "!benchmark-results":
                try:
                    lines[number - 1] = render_results(self.benchmark_results())
                except ResultError as exc:
                    report("error", f"{where}:{number}: {exc}")
            elif name == "!compatibility-matrix":
                data_file = self.settings.project / MATRIX_FILE
                try:
                    data: dict[str, Any] = json.loads(data_file.read_text(encoding="utf-8"))
                    runs = f"{self.repo_url}/actions/workflows/ci.yml" if self.repo_url else None
                    lines[number - 1] = render_matrix(data, runs)
                except (OSError, ValueError, KeyError) as exc:
                    report(
                        "error",
                        f"{where}:{number}: cannot render the compatibility matrix from "
                        f"{MATRIX_FILE}: {exc} (run: python -m example_runner matrix)",
                    )
        return "\n".join(lines) + "\n"

    def benchmark_results(self) -> list[dict[str, Any]]:
        """This build's own kit run, then every result file in docs/data/results/ (a bad
        file raises ResultError, naming it)."""
        results: list[dict[str, Any]] = []
        if self.kit_job is not None:
            run = self.batch.result(self.kit_job)
            if not run.ok:
                raise ResultError(f"{KIT}: {run.reason}\n{run.stderr[-2000:]}")
            data = json.loads(Path(run.artifact).read_text(encoding="utf-8"))
            data["source_detail"] = f"this build, {run.finished_at[:10]}"
            results.append(data)
        folder = self.settings.docs_dir / RESULTS_DIR
        if folder.is_dir():
            results += [data for _, data in load_results(folder)]
        return results

    def results_plot(self) -> bytes | None:
        """The results as an SVG plot (speedup against usable cores), or None if there are
        none or a file is bad (the results page reports that)."""
        try:
            results = self.benchmark_results()
        except ResultError:
            return None
        if not results:
            return None
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "plot.svg"
            plot_results(results, target)
            return target.read_bytes()

    def run_times(self, src_uri: str) -> str:
        entries = []
        for job, result in self.batch.results().items():
            if isinstance(job, NotebookJob):
                page = job.path.relative_to(self.settings.docs_dir).as_posix()
                title = notebook_title(job.path)
            elif isinstance(job, KitJob):  # shown on the results page
                page = "results.md"
                title = self.titles.get(page, job.name)
            else:
                assert isinstance(job, ExampleJob)
                shown = self.shown_on.get(job.example.rel)
                if shown is None:  # its output is shown, but nowhere its code in full
                    entries.append((job.name, "", "", result))
                    continue
                title, page = shown.title, f"{shown.src_uri}#{shown.anchor}"
            entries.append((job.name, title, link_from(src_uri, page), result))
        return render_run_times(entries, self.batch.summary())

    def summary(self) -> str:
        return self.batch.summary()

    def write_plain(
        self,
        site_dir: Path,
        nav: list[tuple[str, str]],
        copies: dict[str, str],
        *,
        name: str,
        summary: str,
        base_url: str,
    ) -> None:
        """Write each page's Markdown copy beside its HTML, /llms.txt and /llms-full.txt.

        `nav`: (src_uri, title) of every page in nav order; `copies`: src_uri -> plain
        Markdown, as plain() made it (notebook pages are added here, from their run)."""
        for path, job in self.notebook_jobs.items():
            uri = path.relative_to(self.settings.docs_dir).as_posix()
            result = self.batch.result(job)
            if result.ok and uri not in copies:
                copies[uri] = notebook_plain(Path(result.artifact), path.stem)
        pages = set(copies)
        listed, full = [], []
        for uri, title in nav:
            if uri not in copies:
                continue
            text = copies[uri]
            if not uri.endswith(".ipynb"):  # a notebook's links are written from its page's
                text = relink(text, uri, pages)  # address, which is where its copy sits
            target = site_dir / copy_path(uri)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            listed.append((title, copy_path(uri), first_sentence(text)))
            full.append(text)
        note = (
            "Every example's source and the output it printed when the site was built are "
            "inlined in these Markdown copies as plain fences; the footer line under each "
            "output says which Python, machine and start method produced it."
        )
        (site_dir / "llms.txt").write_text(
            llms_txt(name, summary, listed, base_url, note), encoding="utf-8"
        )
        (site_dir / "llms-full.txt").write_text("\n\n".join(full), encoding="utf-8")

    def failed(self) -> list[Result]:
        return [r for r in self.batch.results().values() if r.status.is_failure]


def _broken(directive: Directive, message: str) -> str:
    """What the page shows instead of an example it cannot include (the build fails too)."""
    return (
        f'{directive.indent}!!! failure "Broken example directive"\n{directive.indent}    {message}'
    )


__all__ = ["SiteBuild", "Status"]
