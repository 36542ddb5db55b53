"""MkDocs hook: expands `!example <path>` lines using the example runner.

All the work is in the `example_runner` package; this file only wires it into the build:
collect the directives of every page, start one batch of runs, then replace each directive
with the rendered example when its page is processed. A missing example, a malformed
directive or a failing run is logged as an error, so `mkdocs build --strict` fails and
names the page, the example and the reason.
"""

from __future__ import annotations

import difflib
import json
import logging
import os
import re
import sys
from pathlib import Path

from mkdocs.structure.files import File

# The runner package sits next to this hooks/ folder.
_PACKAGE_HOME = str(Path(__file__).resolve().parent.parent)
if _PACKAGE_HOME not in sys.path:
    sys.path.insert(0, _PACKAGE_HOME)

from example_runner import Batch, ExampleError, examples_root, load_example, page_job, render  # noqa: E402
from example_runner.batch import fresh_requested  # noqa: E402
from example_runner.directive import DirectiveError, find_directives  # noqa: E402
from example_runner.matrix import DATA_FILE as MATRIX_DATA  # noqa: E402
from example_runner.matrix import render_matrix  # noqa: E402
from example_runner.notebooks import execute_notebook  # noqa: E402
from example_runner.render import link_from, render_output, render_run_times  # noqa: E402

# Whole-page tables, each a line of its own on a page.
RUN_TIMES, MATRIX = "!run-times", "!compatibility-matrix"

log = logging.getLogger("mkdocs.hooks.examples")
_state: dict = {}


def on_files(files, config):
    project = Path(config.config_file_path).resolve().parent  # examples/ sits beside mkdocs.yml
    _state["notebooks"] = _run_notebooks(files, project)
    root = examples_root(project)
    examples, page_problems, problems, jobs = {}, {}, {}, []
    # example -> (page title, page src_uri, anchor) of the first page showing its code
    shown_on: dict[str, tuple[str, str, str]] = {}
    for page in files.documentation_pages():
        if not page.src_uri.endswith(".md"):
            continue
        try:
            directives = find_directives(page.content_string, f"docs/{page.src_uri}")
        except DirectiveError as exc:
            page_problems[page.src_uri] = str(exc)
            continue
        title = next(
            (
                line[2:].strip()
                for line in page.content_string.splitlines()
                if line.startswith("# ")
            ),
            page.src_uri,
        )
        for directive in directives:
            if not directive.output_only:
                shown_on.setdefault(directive.path, (title, page.src_uri, directive.anchor))
            if directive.path in examples or directive.path in problems:
                continue
            try:
                examples[directive.path] = load_example(root / directive.path, root)
            except ExampleError as exc:
                problems[directive.path] = str(exc)
    published = set()
    for example in examples.values():
        jobs.append(page_job(example))
        # The example, and the local modules it imports, so a download runs as it is.
        for path in (example.path, *example.local_modules):
            rel = path.relative_to(root).as_posix()
            if rel not in published:
                published.add(rel)
                files.append(File.generated(config, f"examples/{rel}", abs_src_path=str(path)))
    _state.update(
        project=project,
        examples=examples,
        shown_on=shown_on,
        page_problems=page_problems,
        problems=problems,
        jobs={j.example.rel: j for j in jobs},
        batch=Batch(jobs, project).start(),
    )
    return files


def _run_notebooks(files, project: Path) -> list:
    """Execute benchmark notebooks one at a time, before any example starts (so alone),
    and point each page at its executed copy, which mkdocs-jupyter then renders."""
    runs = []
    fast = os.environ.get("BENCH_FAST") == "1"
    for file in files:
        if not file.src_uri.endswith(".ipynb"):
            continue
        run = execute_notebook(Path(file.abs_src_path), project, fast=fast, fresh=fresh_requested())
        runs.append(run)
        if run.status == "ok":
            file.abs_src_path = run.executed
        else:
            log.error(f"docs/{file.src_uri}: {run.reason}\n{run.stderr[-3000:]}")
    return runs


def on_page_markdown(markdown, page, config, files):
    where = f"docs/{page.file.src_uri}"
    markdown = _expand_tables(markdown, page.file.src_uri, where)
    if page.file.src_uri in _state["page_problems"]:
        log.error(_state["page_problems"][page.file.src_uri])
        return markdown
    directives = find_directives(markdown, where)
    if not directives:
        return markdown
    lines = markdown.splitlines()
    for directive in reversed(directives):
        lines[directive.line - 1] = _expand(directive, page.file.src_uri, where)
    return "\n".join(lines) + "\n"


def _expand(directive, page_src_uri: str, where: str) -> str:
    here = f"{where}:{directive.line}"
    examples, problems = _state["examples"], _state["problems"]
    if directive.path in problems:
        message = problems[directive.path]
        if "no such example file" in message:
            root = examples_root(_state["project"])
            known = [p.relative_to(root).as_posix() for p in root.rglob("*.py")]
            close = difflib.get_close_matches(directive.path, known, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            message = f"no example examples/{directive.path}{hint}"
        log.error(f"{here}: {message}")
        return _broken(directive, message)
    example = examples[directive.path]
    result = _state["batch"].result(_state["jobs"][directive.path])
    if result.status in ("failed", "timeout"):
        tail = "\n".join(result.stderr.rstrip().splitlines()[-25:])
        log.error(
            f"{here}: example examples/{example.rel} {result.status}: {result.reason}\n{tail}"
        )
    if directive.output_only:
        shown = _state["shown_on"].get(directive.path)
        if shown is None:
            log.error(
                f"{here}: examples/{example.rel} is shown only as output; "
                "show its code on some page with '!example'"
            )
            link = None
        else:
            link = f"{link_from(page_src_uri, shown[1])}#{shown[2]}"
        return render_output(example, directive, result, link)
    try:
        return render(example, directive, result, page_src_uri)
    except ExampleError as exc:
        log.error(f"{here}: {exc}")
        return _broken(directive, str(exc))


def _broken(directive, message: str) -> str:
    """What the page shows instead of an example it cannot include (the build fails too)."""
    return (
        f'{directive.indent}!!! failure "Broken example directive"\n{directive.indent}    {message}'
    )


def _expand_tables(markdown: str, src_uri: str, where: str) -> str:
    lines = markdown.splitlines()
    for i, line in enumerate(lines):
        if line.strip() == RUN_TIMES:
            batch = _state["batch"]
            results = batch.results()
            entries = []
            for job, result in results.items():
                title, page_uri, _ = _state["shown_on"].get(
                    job.example.rel, ("(output only)", src_uri, "")
                )
                entries.append((title, link_from(src_uri, page_uri), result))
            lines[i] = render_run_times(entries, batch.summary())
        elif line.strip() == MATRIX:
            data_file = _state["project"] / MATRIX_DATA
            try:
                data = json.loads(data_file.read_text(encoding="utf-8"))
                lines[i] = render_matrix(data)
            except (OSError, ValueError, KeyError) as exc:
                log.error(
                    f"{where}:{i + 1}: cannot render the compatibility matrix from "
                    f"{MATRIX_DATA}: {exc} (run: python -m example_runner matrix)"
                )
    return "\n".join(lines) + "\n"


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


def on_post_page(output, page, config):
    if page.file.src_uri.endswith(".ipynb"):
        output = _THIRD_PARTY_SCRIPTS.sub("", output)
        # JupyterLab's own stylesheet (over 500 KB) makes the page slow on phones; a few
        # rules in assets/examples.css style what our notebooks use instead.
        output = _JUPYTERLAB_CSS.sub("", output, count=1)
        # Scrollable code cells must be reachable from the keyboard.
        cell = '<div class="highlight-ipynb'
        output = output.replace(cell, cell.replace("<div ", '<div tabindex="0" '))
    return output


def on_post_build(config):
    batch = _state.get("batch")
    if batch is not None:
        log.info(batch.summary())
    notebooks = _state.get("notebooks", [])
    if notebooks:
        ran = sum(not n.cached for n in notebooks)
        failed = sum(n.status != "ok" for n in notebooks)
        spent = sum(n.duration for n in notebooks if not n.cached)
        log.info(
            f"notebooks: {ran} run, {len(notebooks) - ran} cached, {failed} failed ({spent:.1f} s)"
        )
