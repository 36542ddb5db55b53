"""Plain-Markdown copies of the pages, for people who paste a guide into an assistant or a
terminal: every example inlined as two ordinary fences (its source, then what it printed,
with the footer line as plain text), and no theme syntax left (admonitions become block
quotes, content tabs become bold labels, attribute lists and icons disappear).

This is a render target of the runner, not a conversion of the HTML back to Markdown: the
source and the captured output come from the same runs the HTML pages show.
"""

from __future__ import annotations

import html
import posixpath
import re
from typing import TYPE_CHECKING

from .metadata import displayed_source
from .outcome import Result, Status
from .render import (
    CLAIM_FAILED_TITLE,
    GITHUB_RUNS,
    claim_failures,
    fenced,
    footer,
    shows_output,
    tab_label,
)

if TYPE_CHECKING:
    from .sitebuild import Part

_ADMONITION = re.compile(
    r'^(?P<indent>\s*)(?:!!!|\?\?\?\+?) +(?P<kind>\w+)(?: +"(?P<title>[^"]*)")?\s*$'
)
_TAB = re.compile(r'^(?P<indent>\s*)=== +"(?P<label>[^"]*)"\s*$')
_ATTRS = re.compile(r"\s*\{[:.#][^}\n]*\}|\s*\{ *(?:[.#][\w-]+|[\w-]+=\"[^\"]*\") *[^}\n]*\}")
_ICON = re.compile(r":(?:material|octicons|fontawesome)-[\w-]+:\s*")
_HTML_LINE = re.compile(r"^\s*</?(?:div|details)\b[^>]*>\s*$")
_SUMMARY = re.compile(r"^(\s*)<summary>(.*)</summary>\s*$")


def fence(text: str, lang: str = "") -> str:
    return fenced(text, lang)


def _run(result: Result | None, tag: str, strict: bool) -> list[str]:
    if result is None:
        return [
            f"(Not run when this page was built: no CPython {tag} on that machine. {GITHUB_RUNS})"
        ]
    if result.status is Status.SKIPPED:
        return [f"Not run when this page was built ({footer(result)}):", f"{result.reason}."]
    blocks = []
    if result.status is Status.CLAIM_FAILED:
        blocks.append(f"> **{CLAIM_FAILED_TITLE}**\n> {claim_failures(result)}")
        if not shows_output(result, strict):
            return blocks
    elif not result.ok:
        blocks.append(f"> **This example failed when the page was built**\n> {result.reason}")
    blocks += [f"Output ({footer(result)}):", fence(result.stdout or "(no output)", "text")]
    if result.stderr.strip():
        blocks += ["stderr:", fence(result.stderr, "text")]
    return blocks


def example_plain(part: Part, *, strict: bool = False) -> str:
    """One directive as plain Markdown: the example's source (unless only its output is
    shown), then each run the walk chose for it, as the page shows them."""
    d, example = part.directive, part.example
    if part.problem is not None or example is None:
        return f"(Broken example directive: {part.problem})"
    blocks: list[str] = []
    if not d.output_only:
        code = displayed_source(example.source, d.section, example.rel)
        blocks += [f"`examples/{example.rel}`:", fence(code, "python")]
    for tag, result in part.runs:
        if part.tabbed:
            blocks.append(f"**{tab_label(tag)}**")
        blocks += _run(result, tag, strict)
    if part.upgrade and not d.output_only:
        blocks.append(part.upgrade)
    return "\n\n".join(blocks)


def plain_markdown(markdown: str) -> str:
    """Remove the theme's syntax from a page's Markdown (its examples already expanded)."""
    text = "\n".join(_plain(markdown.splitlines()))
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _body(lines: list[str], start: int, indent: str) -> tuple[list[str], int]:
    """The lines indented under a block opener at `start`, dedented; and where they end."""
    body: list[str] = []
    i = start
    while i < len(lines) and (not lines[i].strip() or lines[i].startswith(indent + "    ")):
        body.append(lines[i][len(indent) + 4 :] if lines[i].strip() else "")
        i += 1
    while body and not body[-1]:
        body.pop()
        i -= 1
    return body, i


def _plain(lines: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        admonition, tab = _ADMONITION.match(line), _TAB.match(line)
        if admonition or tab:
            match = admonition or tab
            assert match is not None
            indent = match["indent"]
            body, i = _body(lines, i + 1, indent)
            if admonition:
                title = admonition["title"] or admonition["kind"].capitalize()
                out.append(f"{indent}> **{title}**")
                out += [f"{indent}> {b}".rstrip() for b in _plain(body)]
            else:
                out += [f"{indent}**{match['label']}**", ""]
                out += [f"{indent}{b}".rstrip() for b in _plain(body)]
            continue
        summary = _SUMMARY.match(line)
        if summary:  # a folded block's title, as an admonition's
            out.append(f"{summary[1]}**{html.unescape(summary[2])}**")
        elif not _HTML_LINE.match(line):
            out.append(_ICON.sub("", _ATTRS.sub("", line)).rstrip())
        i += 1
    return out


def copy_path(src_uri: str) -> str:
    """Where a page's Markdown copy goes in the site: beside its HTML ("gil.md" ->
    "gil/index.md"; "index.md" -> "index.md"; "benchmarks/speedup.ipynb" ->
    "benchmarks/speedup/index.md")."""
    stem = src_uri.rsplit(".", 1)[0]
    if stem == "index" or stem.endswith("/index"):
        return f"{stem}.md"
    return f"{stem}/index.md"


# A relative link to a file (a page, the kit, a plot, an example): not a web address, not
# a path from the site's root, not an anchor on the same page.
_LINK = re.compile(
    r'\]\((?P<target>(?!/)[^)\s:#]+\.\w+)(?P<anchor>#[^)\s]*)?(?P<title> "[^"]*")?\)'
)


def relink(text: str, src_uri: str, pages: set[str]) -> str:
    """Make the page's relative links work from its Markdown copy, which sits one folder
    deeper than its source ("gil.md" -> "gil/index.md"): a link to another page points at
    that page's copy, a link to any other file (the kit, a plot, an example) at the file."""
    here = posixpath.dirname(copy_path(src_uri))

    def swap(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), match["target"]))
        if target.endswith((".md", ".ipynb")):
            if target not in pages:
                return match.group(0)
            target = copy_path(target)
        link = posixpath.relpath(target, here or ".")
        return f"]({link}{match['anchor'] or ''}{match['title'] or ''})"

    return _LINK.sub(swap, text)


def first_sentence(markdown: str) -> str:
    """The first sentence of a page's first paragraph: its one-line description."""
    for block in re.split(r"\n\s*\n", markdown):
        block = block.strip()
        if block and not block.startswith(("#", "!", "=", "|", "`", "<", ">", "-", "*")):
            text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", " ".join(block.split()))
            text = re.sub(r"[*_`]", "", text)
            return re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    return ""


def llms_txt(
    name: str, summary: str, pages: list[tuple[str, str, str]], base_url: str, note: str
) -> str:
    """The /llms.txt index (llmstxt.org): title, summary, then a link list of the pages'
    Markdown copies with one line each. `pages`: (title, copy path, description)."""
    lines = [f"# {name}", "", f"> {summary}", "", note, "", "## Pages", ""]
    for title, path, description in pages:
        lines.append(f"- [{title}]({base_url}{path})" + (f": {description}" if description else ""))
    lines += ["", "## Optional", "", f"- [Every page in one file]({base_url}llms-full.txt)"]
    return "\n".join(lines) + "\n"
