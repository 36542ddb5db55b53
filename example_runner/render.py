"""The page's Markdown for what the walk chose (sitebuild.Part): an example's source, what
it printed, its footer and its download link; inserted values and claim marks.

An example that compares interpreters (`compare = [...]`) shows its code once and one tab
per interpreter, each with that run's output and footer. Tabs are labelled "Python 3.13",
"Python 3.15t": the one scheme of the site's version tabs, so tabs with the same label on
different pages switch together (Material's linked content tabs).

plaintext.py renders the same Part as the page's Markdown copy.
"""

from __future__ import annotations

import dataclasses
import html
import posixpath
import re
from typing import TYPE_CHECKING

from .metadata import Example, displayed_source
from .outcome import Result, Status

if TYPE_CHECKING:
    from .sitebuild import Part

# Said where a page shows a run that did not happen on the build machine.
GITHUB_RUNS = (
    "The project's GitHub workflow runs it on free-threaded builds (3.14t, 3.15t) "
    "on Linux, macOS and Windows."
)
CLAIM_FAILED_TITLE = "A claim about this run did not hold"


@dataclasses.dataclass(frozen=True)
class Shown:
    """Where a run is shown: the page's title and path, and the anchor of its example."""

    title: str
    src_uri: str
    anchor: str


def tab_label(tag: str) -> str:
    """ "3.15" -> "Python 3.15"; the label every version tab of the site uses."""
    return f"Python {tag}"


def fenced(text: str, lang: str, title: str = "") -> str:
    longest = max((len(m) for m in re.findall(r"`{3,}", text)), default=2)
    fence = "`" * max(3, longest + 1)
    head = f'{lang} title="{title}"' if title else lang
    return f"{fence}{head}\n{text.rstrip()}\n{fence}"


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


def shows_output(result: Result, strict: bool) -> bool:
    """A run whose claim failed is shown (below a warning) only in a non-strict build."""
    return not (strict and result.status is Status.CLAIM_FAILED)


def _outcome(result: Result, strict: bool, of: str = "", skipped_hint: str = "") -> list[str]:
    """What a run produced: a skip notice, or a failure notice, its output and its stderr.
    `of` names the example in the block titles where no code block above names it."""
    if result.status is Status.SKIPPED:
        return [f'!!! info "Not run when this page was built"\n    {result.reason}.{skipped_hint}']
    blocks = []
    if result.status is Status.CLAIM_FAILED:
        blocks.append(
            f'!!! failure "{CLAIM_FAILED_TITLE}"\n    {_one_line(claim_failures(result))}'
        )
        if not shows_output(result, strict):
            return blocks
    elif not result.ok:
        blocks.append(
            f'!!! failure "This example failed when the page was built"\n    {result.reason}'
        )
    blocks.append(fenced(result.stdout or "(no output)", "text", f"Output{of}"))
    if result.stderr.strip():
        blocks.append(fenced(result.stderr, "text", f"stderr{of}"))
    return blocks


def claim_failures(result: Result) -> str:
    """What a page says of a run whose claim failed: which claim, on which Python, what
    was expected (the lines it read are for the build log: they may be what the page
    must not show)."""
    return " ".join(re.sub(r"; the lines it read:(\n    [|(].*)*", "", result.reason).split())


def _one_line(text: str) -> str:
    return " ".join(html.escape(text, quote=False).split())


def _example_div(attributes: str, blocks: list[str], indent: str) -> str:
    return _indent(f"<div {attributes} markdown>\n\n" + "\n\n".join(blocks) + "\n\n</div>", indent)


def _run_yourself(example: Example, page_src_uri: str) -> str:
    download = link_from(page_src_uri, f"examples/{example.rel}")
    name = posixpath.basename(example.rel)
    return (
        f"Run it yourself: `python examples/{example.rel}` · "
        f'[:material-download: Download {name}]({download}){{ download="{name}" }}'
    )


def _code(example: Example, section: str | None) -> str:
    """The example's source. Search leaves it out (data-search-exclude): the text around it
    names what it shows, and its tokens would fill the index (and every page's load) with
    `def` and `print`; what the example printed stays searchable. A phone skips laying it
    out until it nears the screen (its hundreds of highlighted tokens are most of a page's
    elements)."""
    code = displayed_source(example.source, section, example.rel)
    block = fenced(code, "python", f"examples/{example.rel}")
    style = skipped_height(code.count("\n") + 1, around=4)
    div = f'<div class="example-code" data-search-exclude style="{style}" markdown>'
    return f"{div}\n\n{block}\n\n</div>"


def skipped_height(lines: int, around: int) -> str:
    """The style of a block the stylesheet lets a phone skip until it nears the screen: the
    height the browser assumes meanwhile, a rem for each of its `lines` of code or output
    and `around` more for what surrounds them, a little more than the real height. A guess
    that is too short lets what follows the block be drawn over its last lines, and tools
    that read positions see that (a 30rem guess put the page footer under a link)."""
    return f"contain-intrinsic-size: auto {lines + around}rem"


def broken(indent: str, message: str) -> str:
    """What the page shows instead of an example it cannot include (the build fails too)."""
    return f'{indent}!!! failure "Broken example directive"\n{indent}    {message}'


def render_example(part: Part, page_src_uri: str, *, strict: bool = False) -> str:
    """The Markdown of one directive, from the runs the walk chose."""
    d, example = part.directive, part.example
    if part.problem is not None or example is None:
        return broken(d.indent, part.problem or "no example")
    if d.output_only:
        ((_, result),) = part.runs
        assert result is not None
        where = f"[the whole example]({part.link})" if part.link else f"`examples/{example.rel}`"
        blocks = [
            *_outcome(result, strict, of=f" of examples/{example.rel}"),
            f"{footer(result)} · code: {where}\n{{ .example-footer }}",
        ]
        return _example_div('class="example example-output"', blocks, d.indent)
    if not part.tabbed:
        ((_, result),) = part.runs
        assert result is not None
        hint = " Run it yourself on a Python that has what it needs."
        upgrade = f"  \n{part.upgrade}" if part.upgrade else ""
        blocks = [
            _code(example, d.section),
            *_outcome(result, strict, skipped_hint=hint),
            f"{footer(result)}  \n{_run_yourself(example, page_src_uri)}{upgrade}"
            "\n{ .example-footer }",
        ]
        return _example_div(f'class="example" id="{d.anchor}"', blocks, d.indent)
    blocks = [_code(example, d.section)]
    for tag, run in part.runs:
        if run is None:
            inner = [
                '!!! info "Not run when this page was built"\n'
                f"    The machine that built this page has no CPython {tag}. {GITHUB_RUNS}"
            ]
        else:
            inner = [*_outcome(run, strict), f"{footer(run)}\n{{ .example-footer }}"]
        body = _indent("\n\n".join(inner), "    ")
        blocks.append(f'=== "{tab_label(tag)}"\n\n{body}')
    upgrade = f"  \n{part.upgrade}" if part.upgrade else ""
    blocks.append(f"{_run_yourself(example, page_src_uri)}{upgrade}\n{{ .example-footer }}")
    return _example_div(f'class="example example-tabs" id="{d.anchor}"', blocks, d.indent)


def render_value(value: str | None, claim_doc: str | None) -> str:
    """An inserted value (plain text, so search and copies read it alike), or the mark
    that ends a sentence a claim checks on the run shown."""
    if value is not None:
        return html.escape(value, quote=False)
    label = html.escape(f"Checked by the build on the run shown: {claim_doc}", quote=True)
    return f'<span class="claim-check" role="img" aria-label="{label}" title="{label}">✓</span>'
