"""The one-line directives of the pages.

    !example basics/threads_print_numbers.py
    !example gil/cpu_bound.py#measure        (only the lines between section markers)
    !example-output start/missing_main_guard.py   (only what it printed, with a link to the
                                                  page that shows the whole example)

The path is relative to the ``examples/`` folder. The line may be indented (inside a
content tab or admonition); directives inside fenced code blocks are left alone, so pages
can show the syntax itself.

Inline, in a sentence about a shown run (issue of honesty: numbers come from the run):

    {{ value basics/cpu_bound_threads_vs_processes.py speedup }}     a value its claim
    {{ value start/show_default_method.py@3.13 method }}             computed (or read), from
    {{ value gil/cpu_bound.py ratio :.1f }}                          a tab's run, formatted
    {{ claim basics/cpu_bound_threads_vs_processes.py processes_beat_threads }}

A value is the one a claim of that example returned for the run the page shows (its page
run, or the run of the tab named after "@"); a claim marker says that the sentence it ends
is checked by that claim, on that run. Both name an example the page shows.

Whole-page tables, each alone on its line: ``!run-times`` (every run of the build, slowest
first), ``!compatibility-matrix`` (docs/data/compatibility.json),
``!benchmark-results`` (this build's run of the benchmark kit, then docs/data/results/*.json)
and ``!upgrade-changes`` (what the matrix's runs print differently on each version).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIRECTIVE = re.compile(
    r"^(?P<indent>[ \t]*)!example(?P<output>-output)?[ \t]+"
    r"(?P<path>[\w./-]+\.py)(?:#(?P<section>[\w-]+))?[ \t]*$"
)
_LOOKS_LIKE = re.compile(r"^[ \t]*!example\b")
_FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})")


@dataclass(frozen=True)
class Directive:
    line: int  # 1-based line number in the page
    indent: str
    path: str
    section: str | None
    output_only: bool = False

    @property
    def anchor(self) -> str:
        """The HTML id of the rendered example, so other pages can link to it."""
        name = self.path.removesuffix(".py") + (f"-{self.section}" if self.section else "")
        return "example-" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


TABLES = ("!run-times", "!compatibility-matrix", "!benchmark-results", "!upgrade-changes")


class DirectiveError(Exception):
    pass


_INLINE = re.compile(
    r"\{\{\s*(?P<kind>value|claim)\s+(?P<path>[\w./-]+\.(?:py|ipynb))(?:@(?P<tag>3\.\d+t?))?"
    r"\s+(?P<name>\w+)(?:\s+(?P<format>:[^\s}]+))?\s*\}\}"
)
_LOOKS_INLINE = re.compile(r"\{\{\s*(?:value|claim)\b[^}]*\}\}")


@dataclass(frozen=True)
class Inline:
    """A value or a claim marker in a line of prose."""

    line: int
    start: int  # its span in the line
    end: int
    kind: str  # "value" or "claim"
    path: str
    tag: str | None  # a tab's interpreter, or None: the page run
    name: str
    format: str | None  # ":.1f", or None

    @property
    def text(self) -> str:
        tab = f"@{self.tag}" if self.tag else ""
        return f"{self.kind} {self.path}{tab} {self.name}"


def find_inline(markdown: str, page: str) -> list[Inline]:
    """Every value and claim marker outside code, in order; a malformed one raises."""
    found = []
    for number, line in _outside_fences(markdown):
        code_spans = [m.span() for m in re.finditer(r"`[^`]*`", line)]
        for loose in _LOOKS_INLINE.finditer(line):
            if any(a <= loose.start() < b for a, b in code_spans):
                continue
            match = _INLINE.fullmatch(loose.group(0))
            if not match:
                raise DirectiveError(
                    f"{page}:{number}: malformed {loose.group(0)!r}; write "
                    "'{{ value <topic>/<name>.py <value> }}' (optionally '@3.13' after the "
                    "file, ' :.1f' at the end) or '{{ claim <topic>/<name>.py <claim> }}'"
                )
            found.append(
                Inline(
                    number,
                    loose.start(),
                    loose.end(),
                    match["kind"],
                    match["path"],
                    match["tag"],
                    match["name"],
                    match["format"],
                )
            )
    return found


def _outside_fences(markdown: str) -> list[tuple[int, str]]:
    """(line number, line) of every line that is not inside a fenced code block."""
    lines = []
    fence: str | None = None
    for number, line in enumerate(markdown.splitlines(), start=1):
        opener = _FENCE.match(line)
        if opener:
            mark = opener["fence"]
            if fence is None:
                fence = mark
            elif mark[0] == fence[0] and len(mark) >= len(fence) and not line.strip()[len(mark) :]:
                fence = None
            continue
        if fence is None:
            lines.append((number, line))
    return lines


def find_tables(markdown: str) -> list[tuple[int, str]]:
    """(line number, directive) of every whole-page table directive in the page."""
    return [(n, line.strip()) for n, line in _outside_fences(markdown) if line.strip() in TABLES]


def find_directives(markdown: str, page: str) -> list[Directive]:
    """Every example directive in the page, in order; a malformed one raises DirectiveError."""
    found = []
    for number, line in _outside_fences(markdown):
        if not _LOOKS_LIKE.match(line):
            continue
        match = _DIRECTIVE.match(line)
        if not match:
            raise DirectiveError(
                f"{page}:{number}: malformed directive {line.strip()!r}; "
                "write '!example <topic>/<name>.py', '!example <topic>/<name>.py#<section>' "
                "or '!example-output <topic>/<name>.py'"
            )
        if match["output"] and match["section"]:
            raise DirectiveError(
                f"{page}:{number}: '!example-output' shows a whole run's output; "
                f"drop '#{match['section']}'"
            )
        found.append(
            Directive(
                number, match["indent"], match["path"], match["section"], bool(match["output"])
            )
        )
    return found
