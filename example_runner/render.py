"""Markdown for one example on a page: source, captured output, footer, download link."""

from __future__ import annotations

import posixpath
import re

from .directive import Directive
from .execute import Result
from .metadata import Example, displayed_source


def _fenced(text: str, lang: str, title: str) -> str:
    longest = max((len(m) for m in re.findall(r"`{3,}", text)), default=2)
    fence = "`" * max(3, longest + 1)
    return f'{fence}{lang} title="{title}"\n{text.rstrip()}\n{fence}'


def _indent(block: str, indent: str) -> str:
    return "\n".join(indent + line if line else line for line in block.splitlines())


def footer(result: Result) -> str:
    parts = [result.python, result.platform, f"{result.cores} cores"]
    if result.start_method:
        default = "" if result.start_method_imposed else " (default)"
        parts.append(f"start method: {result.start_method}{default}")
    if result.status != "skipped":
        alone = ", alone" if result.timing_sensitive else ""
        parts.append(f"ran in {result.duration:.2f} s{alone}")
    if result.finished_at:
        parts.append(f"on {result.finished_at[:10]}")
    return " · ".join(parts)


def link_from(page_src_uri: str, target: str) -> str:
    """A relative link from a page (its path under docs/) to another file of the site."""
    return posixpath.relpath(target, posixpath.dirname(page_src_uri) or ".")


def _outcome(result: Result, of: str = "", skipped_hint: str = "") -> list[str]:
    """What a run produced: a skip notice, or a failure notice, its output and its stderr.
    `of` names the example in the block titles where no code block above names it."""
    if result.status == "skipped":
        return [f'!!! info "Not run when this page was built"\n    {result.reason}.{skipped_hint}']
    blocks = []
    if result.status != "ok":
        blocks.append(
            f'!!! failure "This example failed when the page was built"\n    {result.reason}'
        )
    blocks.append(_fenced(result.stdout or "(no output)", "text", f"Output{of}"))
    if result.stderr.strip():
        blocks.append(_fenced(result.stderr, "text", f"stderr{of}"))
    return blocks


def _example_div(attributes: str, blocks: list[str], indent: str) -> str:
    return _indent(f"<div {attributes} markdown>\n\n" + "\n\n".join(blocks) + "\n\n</div>", indent)


def render(example: Example, directive: Directive, result: Result, page_src_uri: str) -> str:
    where = f"{example.rel}" + (f"#{directive.section}" if directive.section else "")
    code = displayed_source(example.source, directive.section, where)
    download = link_from(page_src_uri, f"examples/{example.rel}")
    name = posixpath.basename(example.rel)
    blocks = [
        _fenced(code, "python", f"examples/{example.rel}"),
        *_outcome(result, skipped_hint=" Run it yourself on a Python that has what it needs."),
        f"{footer(result)}  \n"
        f"Run it yourself: `python examples/{example.rel}` · "
        f'[:material-download: Download {name}]({download}){{ download="{name}" }}\n'
        "{ .example-footer }",
    ]
    return _example_div(f'class="example" id="{directive.anchor}"', blocks, directive.indent)


def render_output(
    example: Example, directive: Directive, result: Result, shown_at: str | None
) -> str:
    """Only what a run printed (a symptom on the troubleshooting page), linked to the
    place that shows the whole example; `shown_at` is a relative link, or None."""
    where = f"[the whole example]({shown_at})" if shown_at else f"`examples/{example.rel}`"
    blocks = [
        *_outcome(result, of=f" of examples/{example.rel}"),
        f"{footer(result)} · code: {where}\n{{ .example-footer }}",
    ]
    return _example_div('class="example example-output"', blocks, directive.indent)


def render_run_times(entries: list[tuple[str, str, Result]], summary: str) -> str:
    """The run-times page: every example on the site, slowest first (as sphinx-gallery does).

    `entries` holds (page title, page link, result) for each example.
    """
    rows = sorted(entries, key=lambda e: e[2].duration, reverse=True)
    total = sum(r.duration for _, _, r in rows)
    lines = [
        f"This build: {summary.removeprefix('examples: ')}. "
        f"{len(rows)} examples; their run times add up to {total:.1f} s.",
        "",
        "| Example | Page | Status | Run time | Result from |",
        "|---|---|---|--:|---|",
    ]
    for title, link, r in rows:
        origin = f"cache (ran {r.finished_at[:10]})" if r.cached else "this build"
        status = r.status + (" (ran alone)" if r.timing_sensitive and r.status != "skipped" else "")
        lines.append(
            f"| `{r.example}` | [{title}]({link}) | {status} | {r.duration:.2f} s | {origin} |"
        )
    return "\n".join(lines)
