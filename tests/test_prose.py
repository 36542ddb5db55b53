"""What the prose says about runs comes from the runs (example_runner.prose):

- a number with a unit is an inserted value, or on the reviewed allow-list as a parameter
  of the example, a quote or a documented constant, each checked for its kind;
- a sentence that compares shown runs carries a claim marker (`{{ claim ... }}`) naming a
  claim that exists and judges a run the page shows, or is on the allow-list;
- every allow-list entry is used, and passes its kind's check.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from example_runner import prose
from example_runner.directive import find_directives, find_inline

from .support import ROOT

PAGES = sorted((ROOT / "docs").glob("*.md"))
ALLOW = prose.load_allow_list(ROOT / prose.ALLOW_LIST)


def _unlisted_numbers(pages: list[Path], allow: dict) -> tuple[list[str], set[int]]:
    listed = {(e.get("page"), e.get("text")): i for i, e in enumerate(allow["number"])}
    found, used = [], set()
    for page in pages:
        for sentence in prose.sentences(page.name, page.read_text(encoding="utf-8")):
            for number in prose.numbers_in(sentence):
                index = listed.get((page.name, number))
                if index is None:
                    found.append(
                        f"docs/{page.name}:{sentence.line}: {number!r} in {sentence.text!r}"
                    )
                else:
                    used.add(index)
    return found, used


def _unmarked_comparisons(pages: list[Path], allow: dict) -> tuple[list[str], set[int]]:
    found, used = [], set()
    for page in pages:
        for sentence in prose.sentences(page.name, page.read_text(encoding="utf-8")):
            words = prose.comparisons_in(sentence)
            if not words or not sentence.about_a_run or prose.has_marker(sentence):
                continue
            index = next(
                (
                    i
                    for i, e in enumerate(allow["comparison"])
                    if e.get("page") == page.name and e.get("sentence", "\0") in sentence.text
                ),
                None,
            )
            if index is None:
                found.append(f"docs/{page.name}:{sentence.line}: {words} in {sentence.text!r}")
            else:
                used.add(index)
    return found, used


def test_numbers_in_prose_come_from_runs_or_the_allow_list():
    found, _ = _unlisted_numbers(PAGES, ALLOW)
    assert not found, (
        "numbers a run did not print (insert {{ value ... }}, or list them in "
        f"{prose.ALLOW_LIST} with their kind):\n" + "\n".join(found)
    )


def test_comparisons_of_shown_runs_carry_the_claim_that_checks_them():
    found, _ = _unmarked_comparisons(PAGES, ALLOW)
    assert not found, (
        "comparisons of a shown run that no claim checks (end the sentence with "
        "{{ claim <example> <claim> }}, rewrite it to what the design guarantees, or list "
        f"it in {prose.ALLOW_LIST} with why):\n" + "\n".join(found)
    )


def test_every_allow_list_entry_passes_its_kinds_check_and_is_used():
    problems = [p for e in ALLOW["number"] if (p := prose.check_number_entry(e, ROOT))]
    problems += [p for e in ALLOW["comparison"] if (p := prose.check_comparison_entry(e))]
    _, numbers = _unlisted_numbers(PAGES, ALLOW)
    _, comparisons = _unmarked_comparisons(PAGES, ALLOW)
    problems += [
        f"unused number entry {e['page']}: {e['text']!r}"
        for i, e in enumerate(ALLOW["number"])
        if i not in numbers
    ]
    problems += [
        f"unused comparison entry {e['page']}: {e['sentence']!r}"
        for i, e in enumerate(ALLOW["comparison"])
        if i not in comparisons
    ]
    assert not problems, "\n".join(problems)


def test_every_claim_marker_names_a_claim_that_judges_a_run_on_its_page(claims):
    problems = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        shown = {d.path for d in find_directives(text, page.name)}
        for inline in find_inline(text, page.name):
            where = f"docs/{page.name}:{inline.line}"
            if inline.path not in shown:
                problems.append(f"{where}: {inline.path} is not shown on this page")
            if inline.kind == "claim" and claims.find(f"{inline.path}:{inline.name}") is None:
                problems.append(f"{where}: no claim {inline.path}:{inline.name}")
    assert not problems, "\n".join(problems)


# -- the lints can fail -------------------------------------------------------------


PLANTED = """\
# Planted

The pool took 2.5 s in all.

!example demo/x.py

- The threads were about as fast as the loop.
- The processes were twice as fast {{ claim demo/x.py processes_win }}.
- This page is about threads.
"""


def test_the_lints_flag_a_typed_number_and_an_unmarked_comparison(tmp_path):
    page = tmp_path / "planted.md"
    page.write_text(PLANTED)
    empty = {"number": [], "comparison": []}
    numbers, _ = _unlisted_numbers([page], empty)
    assert numbers == ["docs/planted.md:3: '2.5 s' in 'The pool took 2.5 s in all.'"]
    comparisons, _ = _unmarked_comparisons([page], empty)
    assert comparisons == [
        "docs/planted.md:7: ['about as'] in 'The threads were about as fast as the loop.'"
    ]  # the marked sentence passes; "about threads" compares nothing
    allow = {
        "number": [],
        "comparison": [{"page": "planted.md", "sentence": "about as fast", "why": "planted"}],
    }
    assert _unmarked_comparisons([page], allow) == ([], {0})


@pytest.mark.parametrize(
    "entry, problem",
    [
        ({"page": "p.md", "text": "0.5 s", "kind": "guess", "why": "w"}, "kind must be one of"),
        ({"page": "p.md", "text": "0.5 s", "kind": "quote", "why": "w"}, "carries a link"),
        (
            {
                "page": "p.md",
                "text": "5 ms",
                "kind": "constant",
                "why": "w",
                "link": "https://x.org/",
            },
            "links to documentation",
        ),
        (
            {
                "page": "p.md",
                "text": "0.7 s",
                "kind": "parameter",
                "why": "w",
                "example": "stop/shutdown_cancel_futures.py",
                "source": "pool.submit(task, 0.5)",
            },
            "does not hold the value",
        ),
        (
            {
                "page": "p.md",
                "text": "0.5 s",
                "kind": "parameter",
                "why": "w",
                "example": "stop/shutdown_cancel_futures.py",
                "source": "not in the file",
            },
            "is not in examples/",
        ),
    ],
)
def test_each_kind_of_allow_list_entry_is_checked(entry, problem):
    assert problem in (prose.check_number_entry(entry, ROOT) or "")


def test_a_parameter_matches_its_source_in_other_time_units(tmp_path):
    (tmp_path / "examples" / "demo").mkdir(parents=True)
    (tmp_path / "examples" / "demo" / "x.py").write_text("WAIT = 0.06  # seconds\n")
    entry = {
        "page": "p.md",
        "text": "60 ms",
        "kind": "parameter",
        "why": "the wait the example fixes",
        "example": "demo/x.py",
        "source": "WAIT = 0.06",
    }
    assert prose.check_number_entry(entry, tmp_path) is None
    assert re.search("does not hold", prose.check_number_entry(entry | {"text": "70 ms"}, tmp_path))
