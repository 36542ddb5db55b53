"""The one-line directive that puts an example on a page.

    !example basics/threads_print_numbers.py
    !example gil/cpu_bound.py#measure        (only the lines between section markers)

The path is relative to the ``examples/`` folder. The line may be indented (inside a
content tab or admonition); directives inside fenced code blocks are left alone, so pages
can show the syntax itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIRECTIVE = re.compile(
    r"^(?P<indent>[ \t]*)!example[ \t]+(?P<path>[\w./-]+\.py)(?:#(?P<section>[\w-]+))?[ \t]*$"
)
_LOOKS_LIKE = re.compile(r"^[ \t]*!example\b")
_FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})")


@dataclass(frozen=True)
class Directive:
    line: int  # 1-based line number in the page
    indent: str
    path: str
    section: str | None


class DirectiveError(Exception):
    pass


def find_directives(markdown: str, page: str) -> list[Directive]:
    """Every directive in the page, in order; a malformed one raises DirectiveError."""
    found = []
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
        if fence is not None or not _LOOKS_LIKE.match(line):
            continue
        match = _DIRECTIVE.match(line)
        if not match:
            raise DirectiveError(
                f"{page}:{number}: malformed directive {line.strip()!r}; "
                "write '!example <topic>/<name>.py' or '!example <topic>/<name>.py#<section>'"
            )
        found.append(Directive(number, match["indent"], match["path"], match["section"]))
    return found
