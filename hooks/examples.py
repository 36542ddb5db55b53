"""MkDocs hook: expands `!example <path>` lines (and the table directives) using the runner.

All the work is in `example_runner.sitebuild.SiteBuild`; this file only wires it into the
build: read the settings, collect every page, start one batch of runs, point notebook pages
at their executed copies, then expand each page's directives when MkDocs processes it.
Problems are logged as errors, so `mkdocs build --strict` fails and names the page, the
example and the reason.
"""

from __future__ import annotations

import html
import logging
import re
import sys
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

# The runner package sits next to this hooks/ folder.
_PACKAGE_HOME = str(Path(__file__).resolve().parent.parent)
if _PACKAGE_HOME not in sys.path:
    sys.path.insert(0, _PACKAGE_HOME)

from example_runner.settings import Settings  # noqa: E402
from example_runner.sitebuild import RESULTS_PLOT, SiteBuild  # noqa: E402

log = logging.getLogger("mkdocs.hooks.examples")


class _Build:
    """The one SiteBuild of this MkDocs run (`mkdocs serve` makes a new one per rebuild),
    the pages in nav order, and each page's plain-Markdown copy."""

    site: SiteBuild | None = None
    nav: list[tuple[str, str]] = []
    plain: dict[str, str] = {}


def _report(level: str, message: str) -> None:
    (log.error if level == "error" else log.info)(message)


def on_files(files: Files, config: Any) -> Files:
    project = Path(config.config_file_path).resolve().parent  # examples/ sits beside mkdocs.yml
    settings = Settings.from_env(project)
    pages = {
        f.src_uri: f.content_string
        for f in files.documentation_pages()
        if f.src_uri.endswith(".md")
    }
    notebooks = [Path(f.abs_src_path) for f in files if f.src_uri.endswith(".ipynb")]
    site = _Build.site = SiteBuild(
        settings, pages, notebooks, repo_url=config.repo_url, site_url=config.site_url
    )
    python = site.page_python
    log.info(f"examples on pages run on {python.label} ({python.executable})")
    site.start()
    for file in files:
        if file.src_uri.endswith(".ipynb"):
            result = site.notebook_result(Path(file.abs_src_path))
            if result.ok:
                file.abs_src_path = result.artifact  # mkdocs-jupyter renders the executed copy
            else:
                log.error(f"docs/{file.src_uri}: {result.reason}\n{result.stderr[-3000:]}")
    for rel, path in site.downloads().items():
        files.append(File.generated(config, f"examples/{rel}", abs_src_path=str(path)))
    # Every example, its helpers and its requirements in one zip, to run them all offline.
    files.append(File.generated(config, "examples.zip", content=site.examples_zip()))
    plot = site.results_plot()
    if plot is not None:  # the results page shows it (and reports a bad result file)
        files.append(File.generated(config, RESULTS_PLOT, content=plot))
    _Build.plain = {}
    return files


def on_nav(nav: Any, config: Any, files: Files) -> Any:
    _Build.nav = [(page.file.src_uri, page.title or page.file.src_uri) for page in nav.pages]
    return nav


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    assert _Build.site is not None
    if not page.file.src_uri.endswith(".md"):  # a notebook: mkdocs-jupyter renders it
        return markdown
    expanded = _Build.site.expand(page.file.src_uri, markdown, _report)
    _Build.plain[page.file.src_uri] = _Build.site.plain(page.file.src_uri, markdown)
    return expanded


# mkdocs-jupyter adds a MathJax loader (with an empty src) and a Mermaid loader that
# imports from a CDN. Our notebooks use neither; the site loads nothing from third parties.
_THIRD_PARTY_SCRIPTS = re.compile(
    r'<script src="">\s*</script>'
    r'|<script type="text/x-mathjax-config">.*?</script>'
    r'|<script type="module">(?:(?!</script>).)*?https://cdn(?:(?!</script>).)*?</script>',
    re.S,
)
_JUPYTERLAB_CSS = re.compile(
    r'<style[^>]*>\s*@charset "UTF-8";\s*\.jupyter-wrapper\s*\{.*?</style>', re.S
)


_TABLE = re.compile(r"<table>.*?</table>", re.S)
_TAGS = re.compile(r"<[^>]+>")
_CODE = re.compile(r"<code>([^<]*)</code>")


def _break_points(code: re.Match[str]) -> str:
    text = code.group(1).replace("/", "/<wbr>").replace("[", "<wbr>[")
    return f"<code>{text}</code>"


def _wrap_tables(output: str) -> str:
    """Wrap each Markdown table in a focusable region named by its column headings
    (names must differ between the regions of one page)."""
    seen: dict[str, int] = {}

    def wrap(match: re.Match[str]) -> str:
        headings = re.findall(r"<th[^>]*>(.*?)</th>", match.group(0), re.S)
        label = "Table: " + ", ".join(_TAGS.sub("", h).strip() for h in headings[:4])
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:
            label += f" ({seen[label]})"
        label = html.escape(label, quote=True)
        # The class keeps the theme's script away: it wraps every table:not([class]) after
        # the page has loaded, which lays a long table out a second time (about 100 ms of a
        # phone's main thread on the run-times page). assets/examples.css gives a
        # "data-table" the theme's table look and this region the theme's wrapper's.
        table = '<table class="data-table">' + match.group(0)[len("<table>") :]
        # A file name in a narrow column breaks after a "/" or before a "[start method]"
        # first, and only then inside a word (the theme lets code break anywhere).
        table = _CODE.sub(_break_points, table)
        return (
            f'<div class="table-scroll" tabindex="0" role="region" aria-label="{label}">'
            f'<div class="md-typeset__table">{table}</div></div>'
        )

    return _TABLE.sub(wrap, output)


def on_post_page(output: str, page: Any, config: Any) -> str:
    # Every code block can take the keyboard focus, so a reader can scroll a wide one with
    # the arrow keys. The theme does this itself, but only for blocks it has set up, and it
    # sets up each one when it comes into view (content.lazy).
    output = output.replace("<pre><span></span><code>", '<pre><span></span><code tabindex="0">')
    # The same for a table wider than a phone: it scrolls inside a region that takes the
    # focus (assets/examples.css moves the scrolling from the theme's wrapper to this one).
    output = _wrap_tables(output)
    if page.file.src_uri.endswith(".ipynb"):
        output = _THIRD_PARTY_SCRIPTS.sub("", output)
        # JupyterLab's own stylesheet (over 500 KB) makes the page slow on phones; a few
        # rules in assets/examples.css style what our notebooks use instead.
        output = _JUPYTERLAB_CSS.sub("", output, count=1)
        # Scrollable code cells must be reachable from the keyboard.
        cell = '<div class="highlight-ipynb'
        output = output.replace(cell, cell.replace("<div ", '<div tabindex="0" '))
    return output


def on_post_build(config: Any) -> None:
    if _Build.site is None:
        return
    # Plain-Markdown copies beside the pages, /llms.txt and /llms-full.txt (llmstxt.org).
    _Build.site.write_plain(
        Path(config.site_dir),
        _Build.nav,
        dict(_Build.plain),
        name=config.site_name,
        summary=" ".join((config.site_description or "").split()),
        base_url=config.site_url or "/",
    )
    for line in _Build.site.summary().splitlines():
        log.info(line)
