"""What a site build needs from the runner: plan the runs, then expand each page.

Planning (`SiteBuild(...)`) reads every page once: its directives, tables, values and claim
markers. It makes the jobs they need (each example's page run and version tabs, the
benchmark notebooks, the benchmark kit) and records where each job is shown. `start()`
runs them (or takes them from the store) in one batch.

Expanding a page (`expand`) walks it once: for each directive it chooses the runs to show,
and hands them to the two renderers, render.py (the page) and plaintext.py (its Markdown
copy), so both show the same runs. Problems (a missing example, a malformed directive, a
failed run or claim) are returned as (level, message), naming the page, the line and the
reason; the hook logs errors, so `mkdocs build --strict` fails on them.
"""

from __future__ import annotations

import dataclasses
import difflib
from pathlib import Path

from . import sitefiles
from .batch import Batch
from .directive import (
    Directive,
    DirectiveError,
    Inline,
    find_directives,
    find_inline,
    find_tables,
)
from .interpreters import page_interpreter, probe
from .jobs import Job
from .jobs.example import ExampleJob
from .jobs.kit import KitJob
from .jobs.notebook import NotebookJob
from .kit_results import RESULTS_PLOT, ResultError, benchmark_results, render_results, results_svg
from .metadata import Example, ExampleError, displayed_source, load_example
from .notebooks import first_heading, notebook_plain, notebook_title
from .outcome import Result, Status
from .plaintext import example_plain, plain_markdown
from .plan import all_examples, page_job, tab_jobs
from .render import Shown, broken, link_from, render_example, render_value
from .settings import Settings
from .tables import MatrixError, compatibility_matrix, render_run_times
from .upgrades import (
    NOTES_FILE,
    Changes,
    Note,
    Patterns,
    UpgradeError,
    find_changes,
    load_notes,
    load_runs,
    page_line,
    render_upgrades,
)

KIT = "kit.py"  # in docs/: served at the site's root
RESULTS_DIR = "data/results"  # in docs/: one kit result (JSON) per file
Problem = tuple[str, str]  # ("error" | "info", message)


@dataclasses.dataclass
class PageSource:
    """A page as planning read it."""

    markdown: str
    title: str
    directives: list[Directive]
    inline: list[Inline]
    tables: list[tuple[int, str]]
    problem: str | None = None  # a malformed directive: the page cannot be expanded


@dataclasses.dataclass
class Part:
    """What the walk chose for one directive: the runs both renderers show."""

    directive: Directive
    example: Example | None
    runs: list[tuple[str, Result | None]]  # (interpreter tag, run; None: not on this machine)
    tabbed: bool
    link: str | None = None  # output only: a relative link to where the whole example is
    problem: str | None = None  # a broken directive: what it shows instead
    upgrade: str | None = None  # "Prints something else on Python 3.13 and older: ..."


@dataclasses.dataclass
class Expanded:
    markdown: str  # for MkDocs: the page with its examples, tables and values
    plain: str  # its Markdown copy
    problems: list[Problem]


def parse_page(uri: str, markdown: str) -> PageSource:
    where = f"docs/{uri}"
    tables = find_tables(markdown)
    title = first_heading(markdown, uri)
    try:
        return PageSource(
            markdown, title, find_directives(markdown, where), find_inline(markdown, where), tables
        )
    except DirectiveError as exc:
        return PageSource(markdown, title, [], [], tables, problem=str(exc))


class SiteBuild:
    def __init__(
        self,
        settings: Settings,
        pages: dict[str, str],
        notebooks: list[Path],
        *,
        repo_url: str | None = None,
        site_url: str | None = None,
        strict: bool = False,
    ):
        """`pages`: src_uri (path under docs/) -> Markdown; `notebooks`: absolute paths;
        `repo_url`: the repository (its GitHub workflow runs what this machine cannot);
        `strict`: a run whose claim failed is not shown at all (the build fails anyway)."""
        self.settings = settings
        self.repo_url = repo_url.rstrip("/") if repo_url else None
        self.site_url = site_url or "/"  # pages may write {{ site_url }}
        self.strict = strict
        self.pages = {uri: parse_page(uri, md) for uri, md in pages.items()}
        self.problems: dict[str, str] = {}  # example path -> why it cannot be used
        self.examples: dict[str, Example] = {}
        self.shown_at: dict[str, Shown] = {}  # example path -> where its code is shown
        for uri, page in self.pages.items():
            for d in page.directives:
                if not d.output_only:
                    self.shown_at.setdefault(d.path, Shown(page.title, uri, d.anchor))
                if d.path not in self.examples and d.path not in self.problems:
                    try:
                        self.examples[d.path] = load_example(
                            settings.examples_dir / d.path, settings.examples_dir
                        )
                    except ExampleError as exc:
                        self.problems[d.path] = str(exc)
        self.page_python = page_interpreter(settings)
        self.page_jobs = {
            rel: page_job(e, settings, self.page_python) for rel, e in self.examples.items()
        }
        self.tabs = {
            rel: tab_jobs(e, settings) for rel, e in self.examples.items() if e.meta.compare
        }
        # Where each job is shown: the run-times page links every run there.
        self.shown: dict[Job, Shown] = {}
        for rel, job in self.page_jobs.items():
            if rel in self.shown_at:
                self.shown[job] = self.shown_at[rel]
        for rel, tabs in self.tabs.items():
            for _, tab in tabs:
                if tab is not None and rel in self.shown_at:
                    self.shown[tab] = self.shown_at[rel]
        toolchain = probe(settings.toolchain_python)  # the notebooks need the Jupyter stack
        docs = settings.docs_dir
        self.notebook_jobs = {
            path: NotebookJob(path, docs, toolchain, fast=settings.bench_fast) for path in notebooks
        }
        for path, nb in self.notebook_jobs.items():
            uri = path.relative_to(docs).as_posix()
            self.shown[nb] = Shown(notebook_title(path), uri, "")
        kit = docs / KIT
        self.kit_job = KitJob(kit, docs, self.page_python) if kit.is_file() else None
        if self.kit_job is not None:
            results_page = next(
                (
                    u
                    for u, p in self.pages.items()
                    if any(n == "!benchmark-results" for _, n in p.tables)
                ),
                None,
            )
            if results_page is not None:
                self.shown[self.kit_job] = Shown(self.pages[results_page].title, results_page, "")
        jobs: list[Job] = [*self.notebook_jobs.values(), *self.page_jobs.values()]
        if self.kit_job is not None:
            jobs.append(self.kit_job)
        jobs += [job for tabs in self.tabs.values() for _, job in tabs if job is not None]
        self.batch = Batch(jobs, settings)
        self.plain: dict[str, str] = {}  # src_uri -> the page's Markdown copy, once expanded
        # The page that lists what changes between versions (from the matrix's runs).
        self.upgrade_page = next(
            (u for u, p in self.pages.items() if any(n == "!upgrade-changes" for _, n in p.tables)),
            None,
        )
        self._upgrades: tuple[dict[str, object], Changes, list[Note]] | None = None
        self._patterns = Patterns()

    def start(self) -> SiteBuild:
        """Run (or take from the store) everything: notebooks and timing-sensitive
        examples first, alone (this call waits for them), the rest in the background."""
        self.batch.start()
        return self

    def notebook_artifact(self, path: Path) -> tuple[Path | None, Result]:
        """A notebook's executed copy (None if its run failed), and its run."""
        job = self.notebook_jobs[path]
        result = self.batch.result(job)
        return (self.batch.artifact(job) if result.ok else None), result

    def kit_result(self) -> tuple[Path | None, Result] | None:
        if self.kit_job is None:
            return None
        result = self.batch.result(self.kit_job)
        return (self.batch.artifact(self.kit_job) if result.ok else None), result

    # -- expanding a page ------------------------------------------------------------

    def expand(self, uri: str, markdown: str | None = None) -> Expanded:
        """Walk the page once; render what it chose as the page and as its copy."""
        page = self.pages.get(uri)
        if page is None or (markdown is not None and markdown != page.markdown):
            page = self.pages[uri] = parse_page(uri, markdown or "")
        problems: list[Problem] = []
        where = f"docs/{uri}"
        if page.problem:
            problems.append(("error", page.problem))
        # The walk: the runs each directive shows, chosen once for both renderings.
        parts = {d.line: self._walk(d, uri, f"{where}:{d.line}", problems) for d in page.directives}
        lines = page.markdown.splitlines()
        plain_lines = list(lines)
        for inline in reversed(page.inline):  # values and marks, at the columns parsed
            text, plain = self._inline(inline, page, parts, f"{where}:{inline.line}", problems)
            row = inline.line - 1
            lines[row] = lines[row][: inline.start] + text + lines[row][inline.end :]
            plain_lines[row] = (
                plain_lines[row][: inline.start] + plain + plain_lines[row][inline.end :]
            )
        lines = [line.replace("{{ site_url }}", self.site_url) for line in lines]
        plain_lines = [line.replace("{{ site_url }}", self.site_url) for line in plain_lines]
        for number, name in page.tables:  # rendered once, shown by both
            table = self._table(uri, name, f"{where}:{number}", problems)
            lines[number - 1] = plain_lines[number - 1] = table
        for number, part in parts.items():
            lines[number - 1] = render_example(part, uri, strict=self.strict)
            plain_lines[number - 1] = _indent(
                example_plain(part, strict=self.strict), part.directive.indent
            )
        self.plain[uri] = plain_markdown("\n".join(plain_lines))
        return Expanded("\n".join(lines) + "\n", self.plain[uri], list(dict.fromkeys(problems)))

    def _walk(self, d: Directive, uri: str, here: str, problems: list[Problem]) -> Part:
        """Choose the runs a directive shows, and report what is wrong with them."""
        if d.path in self.problems:
            message = self.problems[d.path]
            if "no such example file" in message:
                root = self.settings.examples_dir
                known = [p.relative_to(root).as_posix() for p in root.rglob("*.py")]
                close = difflib.get_close_matches(d.path, known, n=1)
                hint = f" (did you mean {close[0]}?)" if close else ""
                message = f"no example examples/{d.path}{hint}"
            problems.append(("error", f"{here}: {message}"))
            return Part(d, None, [], False, problem=message)
        example = self.examples.get(d.path)
        if example is None:  # the page changed after the build had started
            message = f"examples/{d.path} was not on this page when the build started"
            problems.append(("error", f"{here}: {message}; build again"))
            return Part(d, None, [], False, problem=message)
        if d.output_only or d.path not in self.tabs:
            page_run = self._result(self.page_jobs[d.path], here, problems)
        if d.output_only:  # only the page run, linked to where the whole example is
            shown = self.shown_at.get(d.path)
            link = f"{link_from(uri, shown.src_uri)}#{shown.anchor}" if shown else None
            if shown is None:
                problems.append(
                    (
                        "error",
                        f"{here}: examples/{example.rel} is shown only as output; "
                        "show its code on some page with '!example'",
                    )
                )
            return Part(d, example, [(self.page_python.tag, page_run)], False, link=link)
        if d.path not in self.tabs:
            part = Part(d, example, [(self.page_python.tag, page_run)], False)
        else:
            runs: list[tuple[str, Result | None]] = []
            for tag, job in self.tabs[d.path]:
                if job is None:
                    level = "error" if self.settings.require_tabs else "info"
                    problems.append(
                        (
                            level,
                            f"{here}: examples/{example.rel}: no CPython {tag} on this machine; "
                            "its tab says so (EXAMPLES_REQUIRE_TABS=1 makes this an error)",
                        )
                    )
                    runs.append((tag, None))
                else:
                    runs.append((tag, self._result(job, here, problems)))
            part = Part(d, example, runs, True)
        if self.upgrade_page is not None:
            upgrades = self._upgrade_data(here, problems)
            if upgrades is not None:
                link = link_from(uri, self.upgrade_page)
                part.upgrade = page_line(upgrades[1], d.path, self.page_python.version, link)
        try:  # the section exists (both renderers show the same code)
            where = example.rel + (f"#{d.section}" if d.section else "")
            displayed_source(example.source, d.section, where)
        except ExampleError as exc:
            problems.append(("error", f"{here}: {exc}"))
            return Part(d, example, [], False, problem=str(exc))
        return part

    def _result(self, job: ExampleJob, here: str, problems: list[Problem]) -> Result:
        result = self.batch.result(job)
        if result.status.is_failure:
            tail = result.stderr.rstrip()  # whole: the cause may be anywhere in it
            on = "" if job.interpreter == self.page_python else f" on {job.interpreter.label}"
            problems.append(
                (
                    "error",
                    f"{here}: example examples/{job.example.rel}{on} "
                    f"{result.status.value}: {result.reason}" + (f"\n{tail}" if tail else ""),
                )
            )
        return result

    def _inline(
        self,
        inline: Inline,
        page: PageSource,
        parts: dict[int, Part],
        here: str,
        problems: list[Problem],
    ) -> tuple[str, str]:
        """A value or claim marker: (what the page shows, what its copy shows)."""
        shown = [p for p in parts.values() if p.directive.path == inline.path and p.example]
        if not shown:
            message = (
                f"{{{{ {inline.text} }}}} names examples/{inline.path}, "
                "which this page does not show"
            )
            problems.append(("error", f"{here}: {message}"))
            return f"**({message})**", f"({message})"
        runs = dict(shown[0].runs)
        tag = inline.tag or self.page_python.tag
        result = runs.get(tag)
        if inline.tag and tag not in runs:
            message = f"examples/{inline.path} has no tab {inline.tag}"
            problems.append(("error", f"{here}: {message}"))
            return f"**({message})**", f"({message})"
        claims = self.batch.claims
        if inline.kind == "claim":
            found = claims.find(f"{inline.path}:{inline.name}")
            if found is None:
                message = (
                    f"no claim {inline.name} for {inline.path} in {self.settings.claims_dir.name}/"
                )
                problems.append(("error", f"{here}: {message}"))
                return f"**({message})**", f"({message})"
            return render_value(None, found.doc), ""
        if result is None or not result.ok or inline.name not in result.values:
            why = (
                "its run is missing or failed"
                if result is None or not result.ok
                else (
                    f"no claim of it returns {inline.name!r} (it returned: "
                    f"{', '.join(sorted(result.values)) or 'nothing'})"
                )
            )
            message = f"no value {inline.name} of examples/{inline.path}: {why}"
            problems.append(("error", f"{here}: {message}"))
            return f"**({message})**", f"({message})"
        value = result.values[inline.name]
        spec = (inline.format or ":")[1:]
        if not spec and isinstance(value, float):
            spec = ".2f"
        text = format(value, spec)
        return render_value(text, None), text

    # -- tables ------------------------------------------------------------------------

    def _table(self, uri: str, name: str, here: str, problems: list[Problem]) -> str:
        try:
            if name == "!run-times":
                return self.run_times(uri)
            if name == "!benchmark-results":
                return render_results(self.benchmark_results())
            if name == "!upgrade-changes":
                upgrades = self._upgrade_data(here, problems)
                if upgrades is None:
                    return ""
                data, changes, notes = upgrades
                shown = {
                    rel: f"{link_from(uri, s.src_uri)}#{s.anchor}"
                    for rel, s in self.shown_at.items()
                }
                return render_upgrades(data, changes, notes, shown, self._patterns)
            runs = f"{self.repo_url}/actions/workflows/ci.yml" if self.repo_url else None
            return compatibility_matrix(self.settings.project, runs)
        except (ResultError, MatrixError) as exc:
            problems.append(("error", f"{here}: {exc}"))
            return ""

    def _upgrade_data(
        self, here: str, problems: list[Problem]
    ) -> tuple[dict[str, object], Changes, list[Note]] | None:
        """The matrix's runs compared across versions and start methods, and the notes
        (read once); a problem with them is reported where they are used."""
        if self._upgrades is None:
            try:
                data, runs = load_runs(self.settings.project)
                self._patterns = Patterns.of(all_examples(self.settings))
                changes = find_changes(runs, self._patterns)
                notes = load_notes(self.settings.project / NOTES_FILE)
            except (UpgradeError, ExampleError) as exc:
                problems.append(("error", f"{here}: {exc}"))
                return None
            self._upgrades = (data, changes, notes)
        return self._upgrades

    def benchmark_results(self) -> list[dict[str, object]]:
        """This build's kit run, then every result in docs/data/results/ (a bad file or a
        failed kit run raises ResultError, naming it)."""
        kit = self.kit_result()
        return benchmark_results(kit, self.settings.docs_dir / RESULTS_DIR)

    def generated_files(self) -> dict[str, bytes]:
        """The files the build makes that no page source holds: every example as one zip,
        and the plot of the benchmark results (none if they cannot be read: the results
        page says why)."""
        files = {"examples.zip": sitefiles.examples_zip(self.settings.examples_dir)}
        try:
            results = self.benchmark_results()
        except ResultError:
            results = []
        if results:
            plots = self.settings.cache_dir.parent / "plots"
            files[RESULTS_PLOT] = results_svg(results, plots)
        return files

    def run_times(self, uri: str) -> str:
        entries = []
        for job, result in self.batch.results().items():
            shown = self.shown.get(job)
            link = ""
            if shown is not None:
                link = link_from(uri, shown.src_uri + (f"#{shown.anchor}" if shown.anchor else ""))
            entries.append((job.name, shown.title if shown else "", link, result))
        return render_run_times(entries, self.batch.summary())

    def copies(self) -> dict[str, str]:
        """Every page's Markdown copy (src_uri -> text): the pages expanded so far, and the
        notebooks, from their executed copies."""
        copies = dict(self.plain)
        for path in self.notebook_jobs:
            executed, _ = self.notebook_artifact(path)
            uri = path.relative_to(self.settings.docs_dir).as_posix()
            if executed is not None and uri not in copies:
                copies[uri] = notebook_plain(executed, path.stem)
        return copies

    def summary(self) -> str:
        return self.batch.summary()


def _indent(block: str, indent: str) -> str:
    return "\n".join(indent + line if line else line for line in block.splitlines())


__all__ = ["Expanded", "Part", "SiteBuild", "Status", "broken"]
