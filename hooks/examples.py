"""MkDocs hook: wires the example runner into the build (example_runner.sitebuild).

on_files plans and starts every run, adds the files the site offers (downloads, the
zip, the executed notebooks, the results plot) and trims the theme's palette stylesheet
(example_runner.htmlpost); on_page_markdown expands a page (its
examples, tables and values) and keeps its Markdown copy; on_post_page rewrites its HTML
(example_runner.htmlpost); on_post_build writes the copies and /llms.txt. Problems are
logged as errors, so `mkdocs build --strict` fails and names the page, the example and
the reason. A build where nothing changed runs nothing.
"""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

# The runner package sits next to this hooks/ folder.
_PACKAGE_HOME = str(Path(__file__).resolve().parent.parent)
if _PACKAGE_HOME not in sys.path:
    sys.path.insert(0, _PACKAGE_HOME)

from example_runner import sitefiles  # noqa: E402
from example_runner.claims import ClaimError  # noqa: E402
from example_runner.htmlpost import palette_stylesheet, rewrite_page  # noqa: E402
from example_runner.settings import Settings, SettingsError  # noqa: E402
from example_runner.sitebuild import SiteBuild  # noqa: E402

log = logging.getLogger("mkdocs.hooks.examples")
_PALETTE_CSS = re.compile(r"assets/stylesheets/palette\.[0-9a-f]+\.min\.css")


class _Build:
    site: SiteBuild | None = None  # this MkDocs run's (`mkdocs serve`: one per rebuild)
    nav: list[tuple[str, str]] = []


def on_files(files: Files, config: Any) -> Files:
    project = Path(config.config_file_path).resolve().parent  # examples/ sits beside mkdocs.yml
    pages = {
        f.src_uri: f.content_string
        for f in files.documentation_pages()
        if f.src_uri.endswith(".md")
    }
    notebooks = [Path(f.abs_src_path) for f in files if f.src_uri.endswith(".ipynb")]
    try:
        site = _Build.site = SiteBuild(
            Settings.from_env(project),
            pages,
            notebooks,
            repo_url=config.repo_url,
            site_url=config.site_url,
            strict=bool(config.strict),
        )
    except (ClaimError, SettingsError) as exc:  # nothing can be judged: stop here
        raise PluginError(str(exc)) from None
    log.info(f"examples on pages run on {site.page_python.label} ({site.page_python.executable})")
    site.start()
    for file in files:
        if file.src_uri.endswith(".ipynb"):
            executed, result = site.notebook_artifact(Path(file.abs_src_path))
            if executed is not None:
                file.abs_src_path = str(executed)  # mkdocs-jupyter renders the executed copy
            else:
                log.error(f"docs/{file.src_uri}: {result.reason}\n{result.stderr.rstrip()}")
    root = site.settings.examples_dir
    for rel, path in sitefiles.downloads(list(site.examples.values()), root).items():
        files.append(File.generated(config, f"examples/{rel}", abs_src_path=str(path)))
    for name, content in site.generated_files().items():
        files.append(File.generated(config, name, content=content))
    for file in [f for f in files if _PALETTE_CSS.fullmatch(f.src_uri)]:
        try:
            css = palette_stylesheet(file.content_string)
        except ValueError as exc:
            log.error(f"{file.src_uri}: {exc}")
            continue
        files.remove(file)
        files.append(File.generated(config, file.src_uri, content=css))
    return files


def on_nav(nav: Any, config: Any, files: Files) -> Any:
    _Build.nav = [(page.file.src_uri, page.title or page.file.src_uri) for page in nav.pages]
    return nav


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    assert _Build.site is not None
    if not page.file.src_uri.endswith(".md"):  # a notebook: mkdocs-jupyter renders it
        return markdown
    expanded = _Build.site.expand(page.file.src_uri, markdown)
    for level, message in expanded.problems:
        (log.error if level == "error" else log.info)(message)
    return expanded.markdown


def on_post_page(output: str, page: Any, config: Any) -> str:
    return rewrite_page(output, notebook=page.file.src_uri.endswith(".ipynb"))


def on_post_build(config: Any) -> None:
    site = _Build.site
    if site is None:
        return
    sitefiles.write_copies(
        Path(config.site_dir),
        _Build.nav,
        site.copies(),
        name=config.site_name,
        summary=" ".join((config.site_description or "").split()),
        base_url=config.site_url or "/",
    )
    for line in site.summary().splitlines():
        log.info(line)
