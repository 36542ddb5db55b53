"""What changes when you upgrade: every difference the matrix's stored runs show has a
note, every note a difference; masking hides what a run measured and nothing it says; a
removed note or an edited stored output is caught, naming the example and the versions."""

from __future__ import annotations

import dataclasses
import json
import shutil

import pytest

from example_runner import all_examples
from example_runner.shapes import masked_away, shape
from example_runner.tables import MATRIX_FILE
from example_runner.upgrades import (
    NOTES_FILE,
    OUTPUTS_FILE,
    Patterns,
    Run,
    find_changes,
    load_notes,
    load_runs,
    unexplained,
)

from .support import ROOT

# What this guide knows changes between versions; the masking must never hide them.
KNOWN = {
    ("start/show_default_method.py", "3.14"),  # the default start method: fork -> forkserver
    ("start/set_start_method_twice.py", "3.14"),  # set_start_method after a pool
    ("futures/broken_process_pool.py", "3.15"),  # BrokenProcessPool names the PID and code
    ("start/fork_with_thread_lock.py", "3.12"),  # DeprecationWarning: fork with threads
}


def _volatile(settings):
    return Patterns.of(all_examples(settings))


@pytest.fixture(scope="module")
def stored(settings):
    data, runs = load_runs(ROOT)
    return data, runs, find_changes(runs, _volatile(settings))


def test_every_difference_has_a_note_and_every_note_a_difference(stored):
    _, _, changes = stored
    problems = unexplained(changes, load_notes(ROOT / NOTES_FILE))
    assert not problems, "\n".join(problems)


def test_the_known_changes_are_found(stored):
    _, _, changes = stored
    found = {(c.example, c.since) for c in changes.versions}
    assert found >= KNOWN, f"masked away or gone: {sorted(KNOWN - found)}"


def test_no_example_masks_away_and_every_row_has_its_output(stored, settings):
    data, runs, changes = stored
    assert changes.masked_away == []
    examples = {e.rel for e in all_examples(settings)}
    assert {r.example for r in runs} == examples, "the matrix is older than the examples"
    missing = [
        f"{r.example} {r.python} {r.start_method}"
        for r in runs
        if r.status == "ok" and not (r.stdout or r.stderr)
    ]
    assert len(missing) < 5, missing  # an example may print nothing, but not many


def test_each_note_names_the_release_where_its_change_came(stored):
    notes = load_notes(ROOT / NOTES_FILE)
    for note in notes:
        if note.kind == "version":
            assert note.release.startswith(note.since + "."), note
            assert note.link.startswith("https://"), note


def test_removing_a_note_fails_naming_the_example_and_the_versions(stored):
    _, _, changes = stored
    notes = load_notes(ROOT / NOTES_FILE)
    gone = next(n for n in notes if n.example == "start/show_default_method.py")
    problems = unexplained(changes, [n for n in notes if n is not gone])
    change = next(c for c in changes.versions if (c.example, c.since) == (gone.example, gone.since))
    assert problems == [
        f"start/show_default_method.py: prints something else on {change.after.label} than "
        f"on {change.before.label}, and no note explains it ([[version]] example = "
        f'"start/show_default_method.py", since = "3.14" in {NOTES_FILE})'
    ]


def test_an_edited_stored_output_that_changes_the_shape_is_caught(stored, settings, tmp_path):
    data, runs, _ = stored
    shutil.copytree(ROOT / "docs" / "data", tmp_path / "docs" / "data")
    outputs = json.loads((tmp_path / OUTPUTS_FILE).read_text())
    # The 3.12 run of an example that prints the same on every version: say something else.
    rows = json.loads((tmp_path / MATRIX_FILE).read_text())["results"]
    row = next(
        r
        for r in rows
        if r["example"] == "basics/threads_print_numbers.py" and r["python"].startswith("3.12")
    )
    outputs[row["output"]]["stdout"] += "a line no other version prints\n"
    (tmp_path / OUTPUTS_FILE).write_text(json.dumps(outputs))
    _, edited = load_runs(tmp_path)
    changes = find_changes(edited, _volatile(settings))
    problems = unexplained(changes, load_notes(ROOT / NOTES_FILE))
    assert any(
        p.startswith("basics/threads_print_numbers.py: prints something else on") for p in problems
    ), problems


def test_masking_hides_what_a_run_measured_and_keeps_what_it_says():
    a = "Python 3.13.0, 2 usable cores\nserial   0.53 s\n2 threads  0.61 s  speedup 0.87x\n"
    b = "Python 3.15.2, 8 usable cores\nserial   1.20 s\n2 threads  0.60 s  speedup 2.00x\n"
    assert shape(a) == shape(b)
    assert shape("default start method: fork") != shape("default start method: forkserver")
    assert shape("lost 1,234 updates") != shape("lost 99 updates")  # a count stays...
    volatile = (r"lost [\d,]+ updates",)  # ...unless the example declares it varies
    assert shape("lost 1,234 updates", volatile) == shape("lost 99 updates", volatile)
    measured_only = "0.53 s\n1.31x\n45%\n"
    assert masked_away(measured_only, shape(measured_only))
    assert not masked_away(a, shape(a))


def test_a_new_in_example_is_not_a_difference():
    def run(version, status, out=""):
        return Run(
            "x.py",
            version,
            None,
            None,
            status,
            "needs Python 3.14 or newer; ...",
            "Linux x86_64",
            2,
            0.1,
            out,
            "",
        )

    runs = [
        run("3.13.0", "skipped"),
        run("3.14.10", "ok", "hello\n"),
        run("3.15.2", "ok", "hello\n"),
    ]
    changes = find_changes(runs, Patterns())
    assert changes.versions == [] and changes.new_in == {
        "x.py": ("3.14.10", "needs Python 3.14 or newer")
    }
    runs[-1] = dataclasses.replace(runs[-1], stdout="hello again\n")
    changes = find_changes(runs, Patterns())
    assert [(c.example, c.since, c.before.label, c.after.label) for c in changes.versions] == [
        ("x.py", "3.15", "Python 3.14.10", "Python 3.15.2")
    ]


def test_the_upgrade_page_shows_each_change_with_its_note_outputs_and_footers(built_site, stored):
    _, site = built_site
    _, _, changes = stored
    page = (site / "upgrading" / "index.html").read_text(encoding="utf-8")
    copy = (site / "upgrading" / "index.md").read_text(encoding="utf-8")
    notes = {(n.example, n.since): n for n in load_notes(ROOT / NOTES_FILE) if n.kind == "version"}
    for change in changes.versions:
        assert f'id="{change.anchor}"' in page, change.anchor
        note = notes[change.example, change.since]
        assert note.text.split(". ")[0].split("(")[0][:40] in copy, note.text
        for group in (change.before, change.after):
            run = group.shown
            assert run.footer().split(" · ran in")[0] in copy, run.footer()
            first = next((line for line in run.text.splitlines() if line.strip()), "")
            assert first.strip() in copy, (change.example, first)


def test_an_example_that_prints_something_else_elsewhere_says_so_under_its_output(
    built_site, stored
):
    _, site = built_site
    _, _, changes = stored
    pages = {p: p.read_text(encoding="utf-8") for p in site.glob("*/index.html")}
    for change in changes.versions:
        link = f"../upgrading/#{change.anchor}"
        assert any(link in text for text in pages.values()) or any(
            f"#{c.anchor}" in text
            for c in changes.versions
            if c.example == change.example
            for text in pages.values()
        ), f"no page says that {change.example} prints something else elsewhere"
