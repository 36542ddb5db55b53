"""What changes when you upgrade: the differences the compatibility matrix's runs show.

The matrix (`python -m example_runner matrix`) keeps what every run printed
(docs/data/outputs.json, deduplicated) beside its row in docs/data/compatibility.json. Here
those outputs are compared by their shape (shapes.py: what they say, with what they
measured masked):

- across versions: the run each version makes with no start method imposed (what a program
  gets after an upgrade), version after version; where the shape changes, that is a change
  "since" the newer version;
- across start methods: the runs of one version under fork, spawn and forkserver.

An example skipped on older versions (it needs a newer one) is "new in" its first version,
not a difference. Each difference must have a note, written by a person, in
docs/data/upgrade-notes.toml: what changed and why, and a link to the What's New entry or
the issue. A difference without a note, or a note without its difference, is an error
(tests/test_upgrades.py, and `matrix` when it finishes).
"""

from __future__ import annotations

import dataclasses
import difflib
import html
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import tomllib

from .metadata import Example
from .render import fenced, skipped_height
from .shapes import masked_away, method_shape, shape

NOTES_FILE = Path("docs/data/upgrade-notes.toml")
OUTPUTS_FILE = Path("docs/data/outputs.json")
METHODS = ("fork", "spawn", "forkserver")


class UpgradeError(ValueError):
    """The data or the notes cannot be used; the message names the file and the entry."""


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.rstrip("t").split("."))


def minor(version: str) -> str:
    return ".".join(version.split(".")[:2])


@dataclasses.dataclass
class Run:
    """One row of the matrix with its output."""

    example: str
    python: str  # "3.15.2"
    start_method: str | None  # imposed, or None
    method: str | None  # in effect
    status: str
    reason: str
    platform: str
    cores: int
    duration: float
    stdout: str
    stderr: str

    @property
    def text(self) -> str:
        """What a reader sees of the run: its output, then its stderr."""
        return self.stdout + ("\n--- stderr ---\n" + self.stderr if self.stderr.strip() else "")

    def footer(self) -> str:
        method = ""
        if self.method:
            how = "" if self.start_method else " (default)"
            method = f" · start method: {self.method}{how}"
        return (
            f"CPython {self.python} · {self.platform} · {self.cores} cores{method} · "
            f"ran in {self.duration:.2f} s"
        )


@dataclasses.dataclass
class Group:
    """Runs whose outputs have the same shape."""

    shape: str
    runs: list[Run]

    @property
    def versions(self) -> list[str]:
        return [r.python for r in self.runs]

    @property
    def label(self) -> str:
        versions = self.versions
        if len(versions) == 1:
            return f"Python {versions[0]}"
        return f"Python {versions[0]} to {versions[-1]}"

    @property
    def shown(self) -> Run:
        """The run shown for the group: its newest version's."""
        return self.runs[-1]


@dataclasses.dataclass
class VersionChange:
    example: str
    since: str  # the minor version whose runs' shape differs from the one before: "3.14"
    before: Group
    after: Group

    @property
    def anchor(self) -> str:
        name = self.example.removesuffix(".py").replace("/", "-").replace("_", "-")
        return f"{name}-{self.since.replace('.', '-')}"


@dataclasses.dataclass
class MethodDifference:
    example: str
    python: str  # the version whose methods were compared (the newest that differs)
    groups: list[Group]  # one per shape, each labelled by its methods

    @property
    def anchor(self) -> str:
        return self.example.removesuffix(".py").replace("/", "-").replace("_", "-") + "-methods"


@dataclasses.dataclass
class Changes:
    versions: list[VersionChange]
    methods: list[MethodDifference]
    new_in: dict[str, tuple[str, str]]  # example -> (first version it runs on, why skipped)
    masked_away: list[str]  # examples whose whole output masks away: the masking is wrong


def load_runs(project: Path) -> tuple[dict[str, Any], list[Run]]:
    from .tables import MATRIX_FILE

    try:
        data: dict[str, Any] = json.loads((project / MATRIX_FILE).read_text(encoding="utf-8"))
        outputs: dict[str, dict[str, str]] = json.loads(
            (project / OUTPUTS_FILE).read_text(encoding="utf-8")
        )
    except (OSError, ValueError) as exc:
        raise UpgradeError(f"cannot read the matrix's runs: {exc}") from None
    runs = []
    for row in data["results"]:
        out = outputs.get(row.get("output", ""), {"stdout": "", "stderr": ""})
        runs.append(
            Run(
                row["example"],
                row["python"],
                row["start_method"],
                row.get("method"),
                row["status"],
                row["reason"],
                row.get("platform", data["machine"]["platform"]),
                row.get("cores", data["machine"]["cores"]),
                row["duration"],
                out["stdout"],
                out["stderr"],
            )
        )
    return data, runs


def _group(runs: list[Run], volatile: tuple[str, ...]) -> list[Group]:
    """Runs of one version under each start method, grouped by what they say."""
    groups: list[Group] = []
    for run in runs:
        shaped = method_shape(run.text, run.method, volatile)
        for group in groups:
            if group.shape == shaped:
                group.runs.append(run)
                break
        else:
            groups.append(Group(shaped, [run]))
    return groups


@dataclasses.dataclass
class Patterns:
    """What each example declares volatile (metadata.py): across versions, and in addition
    across start methods."""

    volatile: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    across_methods: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)

    @classmethod
    def of(cls, examples: Iterable[Example]) -> Patterns:
        examples = list(examples)
        return cls(
            {e.rel: e.meta.volatile for e in examples},
            {e.rel: e.meta.volatile_across_methods for e in examples},
        )

    def versions(self, example: str) -> tuple[str, ...]:
        return self.volatile.get(example, ())

    def methods(self, example: str) -> tuple[str, ...]:
        return (*self.versions(example), *self.across_methods.get(example, ()))


def find_changes(runs: list[Run], patterns: Patterns) -> Changes:
    """The differences the runs show, with what each example declares volatile masked."""
    changes = Changes([], [], {}, [])
    by_example: dict[str, list[Run]] = {}
    for run in runs:
        by_example.setdefault(run.example, []).append(run)
    for example, mine in sorted(by_example.items()):
        volatile = patterns.versions(example)
        if any(r.status == "ok" and masked_away(r.text, shape(r.text, volatile)) for r in mine):
            changes.masked_away.append(example)
        # Across versions: the run with no start method imposed, newest patch per version.
        plain = sorted(
            (r for r in mine if r.start_method is None), key=lambda r: version_key(r.python)
        )
        skipped = [r for r in plain if r.status == "skipped"]
        ran = [r for r in plain if r.status == "ok"]
        if skipped and ran and version_key(skipped[-1].python) < version_key(ran[0].python):
            changes.new_in[example] = (ran[0].python, skipped[-1].reason.split("; ")[0])
        previous: Group | None = None
        for run in ran:
            shaped = shape(run.text, volatile)
            if previous is None or previous.shape == shaped:
                previous = previous or Group(shaped, [])
                previous.runs.append(run)
                continue
            after = Group(shaped, [run])
            changes.versions.append(VersionChange(example, minor(run.python), previous, after))
            previous = after
        # Across start methods, on each version: the newest version where they differ.
        for version in sorted({r.python for r in mine}, key=version_key, reverse=True):
            imposed = [
                r for r in mine if r.python == version and r.start_method and r.status == "ok"
            ]
            imposed.sort(key=lambda r: METHODS.index(str(r.start_method)))
            groups = _group(imposed, patterns.methods(example))
            if len(groups) > 1:
                changes.methods.append(MethodDifference(example, version, groups))
                break
    return changes


@dataclasses.dataclass(frozen=True)
class Note:
    kind: str  # "version" or "method"
    example: str
    since: str  # "3.14" (version notes)
    release: str  # "3.14.0": where the change came in, per What's New
    text: str
    link: str
    title: str = ""  # the heading of the changes it explains (default: the example's name)


def load_notes(path: Path) -> list[Note]:
    if not path.is_file():
        return []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise UpgradeError(f"{path}: not valid TOML: {exc}") from None
    notes = []
    for kind in ("version", "method"):
        for i, entry in enumerate(data.get(kind, [])):
            where = f"{path}: [[{kind}]] number {i + 1}"
            needed = ["note", "link"] + (["since", "release"] if kind == "version" else [])
            missing = [k for k in needed if not entry.get(k)]
            examples = entry.get("examples") or [entry[k] for k in ["example"] if entry.get(k)]
            if not examples:
                missing.insert(0, "example (or examples = [...])")
            if missing:
                raise UpgradeError(f"{where}: give {', '.join(missing)}")
            if not str(entry["link"]).startswith("https://"):
                raise UpgradeError(f"{where}: link = 'https://...' (What's New or the issue)")
            for example in examples:
                text = " ".join(str(entry["note"]).split())
                since, release = str(entry.get("since", "")), str(entry.get("release", ""))
                title = str(entry.get("title", ""))
                notes.append(Note(kind, example, since, release, text, entry["link"], title))
    return notes


def unexplained(changes: Changes, notes: list[Note]) -> list[str]:
    """Differences without a note, and notes without a difference, in words."""
    problems = []
    version_notes = {(n.example, n.since) for n in notes if n.kind == "version"}
    method_notes = {n.example for n in notes if n.kind == "method"}
    for change in changes.versions:
        if (change.example, change.since) not in version_notes:
            problems.append(
                f"{change.example}: prints something else on {change.after.label} than on "
                f"{change.before.label}, and no note explains it ([[version]] example = "
                f'"{change.example}", since = "{change.since}" in {NOTES_FILE})'
            )
    found = {(c.example, c.since) for c in changes.versions}
    for example, since in sorted(version_notes - found):
        problems.append(
            f"{example}: the note for a change since {since} in {NOTES_FILE} has no "
            "difference in the matrix's runs any more (remove it, or fix the masking)"
        )
    for difference in changes.methods:
        if difference.example not in method_notes:
            labels = " / ".join(g.label for g in difference.groups)
            problems.append(
                f"{difference.example}: prints something else under "
                f"{', '.join(_methods(g) for g in difference.groups)} on Python "
                f"{difference.python} ({labels}), and no note explains it ([[method]] "
                f'example = "{difference.example}" in {NOTES_FILE})'
            )
    for example in sorted(method_notes - {d.example for d in changes.methods}):
        problems.append(
            f"{example}: the start-method note in {NOTES_FILE} has no difference any more"
        )
    problems += [
        f"{example}: its whole output masks away; declare less as volatile"
        for example in changes.masked_away
    ]
    return problems


def _methods(group: Group) -> str:
    return "/".join(str(r.method) for r in group.runs)


# --- the page ------------------------------------------------------------------------


def _column(title: str, run: Run) -> str:
    output = fenced(run.text.rstrip() or "(no output)", "text")
    return (
        f'<div class="upgrade-run" markdown>\n\n**{title}**\n\n{output}\n\n'
        f"{run.footer()}\n{{ .example-footer }}\n\n</div>"
    )


def _side_by_side(columns: list[str]) -> str:
    return '<div class="upgrade-compare" markdown>\n\n' + "\n\n".join(columns) + "\n\n</div>"


def _differs(before: str, after: str, limit: int = 12) -> str:
    """The lines of two shapes that differ, as a diff block (what changed, with what the
    runs measured masked)."""
    lines: list[str] = []
    matcher = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines())
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op != "equal":
            lines += [f"- {line}" for line in before.splitlines()[a1:a2]]
            lines += [f"+ {line}" for line in after.splitlines()[b1:b2]]
    more = f"\n  ... ({len(lines) - limit} more lines)" if len(lines) > limit else ""
    return fenced("\n".join(lines[:limit]) + more or "(no output)", "diff")


def _entry(
    anchor: str, example: str, where: str | None, diff: str, shown: list[tuple[str, Run]]
) -> str:
    """One differing example: the diff of its shapes, then each group's whole output (the
    titled run) side by side, folded."""
    titles = " / ".join(title for title, _ in shown)
    columns = [_column(title, run) for title, run in shown]
    on_page = f" · [the example on its page]({where})" if where else ""
    # A phone skips laying out an entry until it nears the screen: its diff's lines, and
    # the title, text and folded outputs around them.
    style = skipped_height(diff.count("\n"), around=13)
    # Raw <details>, not `???`: an indented block of nested HTML is not parsed as HTML.
    return (
        f'<div class="upgrade-example" id="{anchor}" style="{style}" markdown>\n\n'
        f"**`{example}`**{on_page}\n\n"
        f"What it prints differently (times, counts and sizes masked):\n\n{diff}\n\n"
        f'<details class="example" markdown>\n<summary>The whole outputs: '
        f"{html.escape(titles)}</summary>\n\n{_side_by_side(columns)}\n\n"
        "</details>\n\n</div>"
    )


def render_upgrades(
    data: dict[str, Any],
    changes: Changes,
    notes: list[Note],
    shown_at: dict[str, str],
    patterns: Patterns,
) -> str:
    """The "What changes when you upgrade" sections; `shown_at`: example -> a link to where
    the page shows it (and its version tabs). Changes that share a note share a heading."""
    by_key = {(n.kind, n.example, n.since if n.kind == "version" else ""): n for n in notes}
    when = data["generated_at"][:16].replace("T", " ")
    lines = [
        f"Found by running every example on {', '.join(data['interpreters'])} "
        f"({data['machine']['platform']}, {data['machine']['cores']} cores) on {when} UTC: "
        f"{len({c.example for c in changes.versions})} examples print something else on a "
        f"newer Python, {len(changes.methods)} under another start method, and "
        f"{len(changes.new_in)} run only from a given version.",
        "",
    ]
    for since in sorted({c.since for c in changes.versions}, key=version_key):
        lines += [f"## Changed in Python {since}", ""]
        mine = [c for c in changes.versions if c.since == since]
        for text in dict.fromkeys(
            by_key[("version", c.example, since)].text
            for c in mine
            if ("version", c.example, since) in by_key
        ):
            group = [
                c
                for c in mine
                if by_key.get(("version", c.example, since))
                and by_key[("version", c.example, since)].text == text
            ]
            note = by_key[("version", group[0].example, since)]
            title = note.title or f"`{group[0].example}`"
            lines += [
                f"### {title}",
                "",
                f"{note.text} Came in {note.release} ([source]({note.link})).",
                "",
            ]
            for change in group:
                volatile = patterns.versions(change.example)
                diff = _differs(
                    shape(change.before.shown.text, volatile),
                    shape(change.after.shown.text, volatile),
                )
                shown = [(g.label, g.shown) for g in (change.before, change.after)]
                where = shown_at.get(change.example)
                lines += [_entry(change.anchor, change.example, where, diff, shown), ""]
    if changes.methods:
        lines += ["## Start methods: the same Python, another start method", ""]
        for difference in changes.methods:
            method_note = by_key.get(("method", difference.example, ""))
            lines += [f"### `{difference.example}` under another start method", ""]
            if method_note is not None:
                lines += [f"{method_note.text} ([source]({method_note.link}))", ""]
            volatile = patterns.methods(difference.example)
            first, second = difference.groups[0].runs[-1], difference.groups[1].runs[-1]
            diff = _differs(
                method_shape(first.text, first.method, volatile),
                method_shape(second.text, second.method, volatile),
            )
            shown = [
                (f"{_methods(g)} on Python {difference.python}", g.runs[-1])
                for g in difference.groups
            ]
            where = shown_at.get(difference.example)
            lines += [_entry(difference.anchor, difference.example, where, diff, shown), ""]
    if changes.new_in:
        lines += ["## New in a version", "", "These run only from the version named:", ""]
        for example, (since_version, why) in sorted(changes.new_in.items()):
            link = f"[`{example}`]({shown_at[example]})" if example in shown_at else f"`{example}`"
            lines.append(f"- {link}: runs from Python {since_version} ({why}).")
        lines.append("")
    return "\n".join(lines)


def page_line(changes: Changes, example: str, page_version: str, link: str) -> str | None:
    """The line below an example whose output differs between versions: on which versions
    it prints something else, and a link to the entry (None if it does not differ)."""
    mine = [c for c in changes.versions if c.example == example]
    if not mine:
        return None
    groups = [mine[0].before] + [c.after for c in mine]
    own = next((g for g in groups if page_version in g.versions), groups[-1])
    others = [g.label.removeprefix("Python ") for g in groups if g is not own]
    change = next((c for c in mine if own in (c.before, c.after)), mine[-1])
    return (
        f"Prints something else on Python {' and '.join(others)}: "
        f"[see what changes]({link}#{change.anchor})"
    )
