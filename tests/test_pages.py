"""Pages and examples agree: every directive resolves, every example is on a page,
and every inline ```py fence runs and prints what the page says."""

from __future__ import annotations

import re

import pytest
from pytest_examples import CodeExample, EvalExample, find_examples

from example_runner import all_examples, load_example
from example_runner.directive import find_directives
from example_runner.metadata import displayed_source

from .support import ROOT

PAGES = sorted((ROOT / "docs").rglob("*.md"))


def directives():
    return [
        (page, d)
        for page in PAGES
        for d in find_directives(page.read_text(encoding="utf-8"), str(page.relative_to(ROOT)))
    ]


@pytest.mark.parametrize(
    "page, directive", directives(), ids=lambda v: getattr(v, "path", None) or v.name
)
def test_directive_resolves(page, directive):
    root = ROOT / "examples"
    where = f"{page.relative_to(ROOT)}:{directive.line}"
    assert (root / directive.path).is_file(), f"{where}: no example examples/{directive.path}"
    example = load_example(root / directive.path, root)
    assert displayed_source(example.source, directive.section, where).strip()


def test_every_example_is_on_a_page(settings):
    shown = {d.path for _, d in directives() if not d.output_only}
    missing = [e.rel for e in all_examples(settings) if e.rel not in shown]
    assert not missing, f"examples on no page: {missing}"


@pytest.mark.parametrize("example", list(find_examples(ROOT / "docs")), ids=str)
def test_inline_fence(example: CodeExample, eval_example: EvalExample):
    eval_example.run_print_check(example)


def placeholders_left(pages, examples, root):
    """Where `python -m example_runner new` left a TODO line a contributor must replace."""
    from example_runner.commands.new import (
        PLACEHOLDER_CLAIM,
        PLACEHOLDER_DOCSTRING,
        PLACEHOLDER_PROSE,
    )

    left = [
        f"{page.relative_to(root)}:{number}: replace {PLACEHOLDER_PROSE!r}"
        for page in pages
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1)
        if PLACEHOLDER_PROSE in line
    ]
    left += [
        f"examples/{e.rel}: replace the docstring {PLACEHOLDER_DOCSTRING!r}"
        for e in examples
        if PLACEHOLDER_DOCSTRING in e.source
    ]
    left += [
        f"{path.relative_to(root)}:{number}: replace the claim's docstring {PLACEHOLDER_CLAIM!r}"
        for path in sorted((root / "claims").glob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if PLACEHOLDER_CLAIM in line
    ]
    return left


def test_no_scaffold_placeholder_is_left(settings):
    left = placeholders_left(PAGES, all_examples(settings), ROOT)
    assert not left, "\n".join(left)


TAB_LABEL = re.compile(r'^\s*=== "(?P<label>[^"]*)"', re.M)
VERSION_LABEL = re.compile(r"^Python 3\.\d+(t|\+| to 3\.\d+)?$")


def test_version_tabs_follow_one_label_scheme():
    """Linked tabs switch together only when labels are equal: every version tab is
    "Python 3.N" (one interpreter; "3.Nt": free-threaded), "Python 3.N+" or
    "Python 3.M to 3.N"."""
    from example_runner.render import tab_label

    bad = [
        f"{page.relative_to(ROOT)}: {m['label']!r}"
        for page in PAGES
        for m in TAB_LABEL.finditer(page.read_text(encoding="utf-8"))
        if m["label"].startswith(("Python", "3.")) and not VERSION_LABEL.match(m["label"])
    ]
    assert not bad, "version tab labels outside the scheme:\n" + "\n".join(bad)
    assert VERSION_LABEL.match(tab_label("3.15t")) and VERSION_LABEL.match(tab_label("3.13"))
