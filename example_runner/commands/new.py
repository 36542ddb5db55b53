"""Start a new example: python -m example_runner new <topic>/<slug> [--page docs/<page>.md]

Writes examples/<topic>/<slug>.py from a template (docstring, metadata block, __main__
guard, a bounded wait), adds a claim about its output to claims/<topic>.py, and adds its
directive to the page: the one given, or the page that already shows examples of that
topic. Refuses bad names and existing files.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from ..directive import find_directives
from ..settings import Settings

_NAME = re.compile(r"^(?P<topic>[a-z][a-z0-9_]*)/(?P<slug>[a-z][a-z0-9_]*)$")

# What the scaffold writes and a contributor must replace; the tests fail while any is left.
PLACEHOLDER_DOCSTRING = "TODO: say in one line what this example shows."
PLACEHOLDER_PROSE = "TODO: one or two sentences on what it shows."
PLACEHOLDER_CLAIM = "TODO: say what the page claims about this run."

CLAIMS_HEADER = '''"""Claims about the examples in examples/{topic}/."""

from example_runner.claims import Run, claim
'''

CLAIM_TEMPLATE = '''

@claim("{name}.py")
def {slug}_prints_its_result(run: Run) -> None:
    """{docstring}"""
    run.expect(run.contains("result: "), "it prints its result")
'''

TEMPLATE = '''"""{docstring}"""

# /// example
# timeout = 30
# ///

from concurrent.futures import ProcessPoolExecutor


def work(n):
    """Module level, so a spawn or forkserver worker can import it."""
    return sum(i * i for i in range(n))


if __name__ == "__main__":  # required under spawn and forkserver
    with ProcessPoolExecutor(2) as pool:
        future = pool.submit(work, 1_000)
        # Every wait is bounded: a stuck worker fails the example
        # instead of hanging it.
        print("result:", future.result(timeout=10))
'''


class ScaffoldError(Exception):
    pass


def _page_for(topic: str, docs: Path) -> Path | None:
    """The page that shows the most examples of this topic in full (ties: first by name)."""
    counts: dict[Path, int] = {}
    for page in sorted(docs.rglob("*.md")):
        directives = find_directives(page.read_text(encoding="utf-8"), str(page))
        shown = sum(d.path.startswith(f"{topic}/") and not d.output_only for d in directives)
        if shown:
            counts[page] = shown
    return max(counts, key=lambda page: counts[page]) if counts else None


def new_example(name: str, project: Path, page: str | None = None) -> tuple[Path, str]:
    """Create the example; return its path and a sentence saying where its directive went."""
    name = name.removeprefix("examples/").removesuffix(".py")
    match = _NAME.match(name)
    if not match:
        raise ScaffoldError(
            f"{name!r} is not a valid example name: use <topic>/<slug> in lower case with "
            "underscores, e.g. sync/semaphore_pool (topic and slug must be Python identifiers "
            "and not start with '_', which marks helper modules)"
        )
    path = project / "examples" / f"{name}.py"
    if path.exists():
        raise ScaffoldError(f"examples/{name}.py already exists; pick another name or edit it")
    docs = project / "docs"
    target = Path(page) if page else _page_for(match["topic"], docs)
    if target is not None and not (project / target).is_file() and not target.is_file():
        raise ScaffoldError(f"no page {target}")
    title = match["slug"].replace("_", " ").capitalize()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(TEMPLATE.format(docstring=PLACEHOLDER_DOCSTRING), encoding="utf-8")
    claims = project / "claims" / f"{match['topic']}.py"
    claims.parent.mkdir(exist_ok=True)
    before = (
        claims.read_text(encoding="utf-8").rstrip("\n") + "\n"
        if claims.is_file()
        else CLAIMS_HEADER.format(topic=match["topic"])
    )
    claim = CLAIM_TEMPLATE.format(name=name, slug=match["slug"], docstring=PLACEHOLDER_CLAIM)
    claims.write_text(before + claim, encoding="utf-8")
    directive = f"!example {name}.py"
    if target is None:
        return path, (
            f"no page shows '{match['topic']}' examples yet: add the line\n\n    "
            f"{directive}\n\nto the page where it belongs (docs/<page>.md)"
        )
    target = target if target.is_absolute() else project / target
    text = target.read_text(encoding="utf-8").rstrip("\n")
    target.write_text(
        f"{text}\n\n## {title}\n\n{PLACEHOLDER_PROSE}\n\n{directive}\n",
        encoding="utf-8",
    )
    return (
        path,
        f"added '{directive}' at the end of {target.relative_to(project)}; "
        "move it where it belongs",
    )


def main(settings: Settings, args: argparse.Namespace) -> int:
    try:
        path, where = new_example(args.name, settings.project, args.page)
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    rel = path.relative_to(settings.project)
    print(
        f"created {rel} and a claim about it in claims/{rel.parts[1]}.py\n{where}\n"
        "next: replace the TODO lines, edit the example and its claim, then run\n"
        f"    python -m example_runner run {rel} --start-method all"
    )
    return 0
