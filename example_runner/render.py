"""Markdown for one example on a page: source, captured output, footer, download link.

An example that compares interpreters (`compare = [...]`) shows its code once and one tab
per interpreter, each with that run's output and footer. Tabs are labelled "Python 3.13",
"Python 3.15t": the one scheme of the site's version tabs, so tabs with the same label on
different pages switch together (Material's linked content tabs).
"""

from __future__ import annotations

import posixpath
import re

from .directive import Directive
from .metadata import Example, displayed_source
from .outcome import Result, Status

# Said where a page shows a run that did not happen on the build machine.
GITHUB_RUNS = (
    "The project's GitHub workflow runs it on free-threaded builds (3.14t, 3.15t) "
    "on Linux, macOS and Windows."
)


def tab_label(tag: str) -> str:
    """ "3.15" -> "Python 3.15"; the label every version tab of the site uses."""
    return f"Python {tag}"


def _fenced(text: str, lang: str, title: str) -> str:
    longest = max((len(m) for m in re.findall(r"`{3,}", text)), default=2)
    fence = "`" * max(3, longest + 1)
    return f'{fence}{lang} title="{title}"\n{text.rstrip()}\n{fence}'


def _indent(block: str, indent: str) -> str:
    return "\n".join(indent + line if line else line for line in block.splitlines())


def footer(result: Result) -> str:
    parts = [result.interpreter, result.platform, f"{result.cores} cores"]
    if result.start_method:
        default = "" if result.start_method_imposed else " (default)"
        parts.append(f"start method: {result.start_method}{default}")
    if result.status is not Status.SKIPPED:
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
    if result.status is Status.SKIPPED:
        return [f'!!! info "Not run when this page was built"\n    {result.reason}.{skipped_hint}']
    blocks = []
    if not result.ok:
        blocks.append(
            f'!!! failure "This example failed when the page was built"\n    {result.reason}'
        )
    blocks.append(_fenced(result.stdout or "(no output)", "text", f"Output{of}"))
    if result.stderr.strip():
        blocks.append(_fenced(result.stderr, "text", f"stderr{of}"))
    return blocks


def _example_div(attributes: str, blocks: list[str], indent: str) -> str:
    return _indent(f"<div {attributes} markdown>\n\n" + "\n\n".join(blocks) + "\n\n</div>", indent)


def _run_yourself(example: Example, page_src_uri: str) -> str:
    download = link_from(page_src_uri, f"examples/{example.rel}")
    name = posixpath.basename(example.rel)
    return (
        f"Run it yourself: `python examples/{example.rel}` · "
        f'[:material-download: Download {name}]({download}){{ download="{name}" }}'
    )


def _code(example: Example, directive: Directive) -> str:
    """The example's source. Search leaves it out (data-search-exclude): the text around it
    names what it shows, and its tokens would fill the index (and every page's load) with
    `def` and `print`; what the example printed stays searchable."""
    where = f"{example.rel}" + (f"#{directive.section}" if directive.section else "")
    code = displayed_source(example.source, directive.section, where)
    fenced = _fenced(code, "python", f"examples/{example.rel}")
    return f"<div data-search-exclude markdown>\n\n{fenced}\n\n</div>"


def render(example: Example, directive: Directive, result: Result, page_src_uri: str) -> str:
    blocks = [
        _code(example, directive),
        *_outcome(result, skipped_hint=" Run it yourself on a Python that has what it needs."),
        f"{footer(result)}  \n{_run_yourself(example, page_src_uri)}\n{{ .example-footer }}",
    ]
    return _example_div(f'class="example" id="{directive.anchor}"', blocks, directive.indent)


def render_tabs(
    example: Example,
    directive: Directive,
    runs: list[tuple[str, Result | None]],
    page_src_uri: str,
) -> str:
    """The code once, then one tab per compared interpreter with its run (None: that
    interpreter is not on the build machine)."""
    blocks = [_code(example, directive)]
    for tag, result in runs:
        if result is None:
            inner = [
                '!!! info "Not run when this page was built"\n'
                f"    The machine that built this page has no CPython {tag}. {GITHUB_RUNS}"
            ]
        else:
            inner = [*_outcome(result), f"{footer(result)}\n{{ .example-footer }}"]
        body = _indent("\n\n".join(inner), "    ")
        blocks.append(f'=== "{tab_label(tag)}"\n\n{body}')
    blocks.append(f"{_run_yourself(example, page_src_uri)}\n{{ .example-footer }}")
    return _example_div(
        f'class="example example-tabs" id="{directive.anchor}"', blocks, directive.indent
    )


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
