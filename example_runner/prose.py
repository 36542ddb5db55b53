"""Lints for what the pages' prose says about runs (tests/test_prose.py runs them).

Numbers: every number with a unit in prose (x, ms, s, %, MiB, KiB, "times"...) must come
from a run (an inserted `{{ value ... }}`) or be on the reviewed allow-list
(docs/data/prose-allow.toml), as one of three kinds:

- parameter: a value the example's design fixes ("tasks of 0.5 s"); the entry names the
  example and a piece of its source that holds the value;
- quote: a number quoted from somewhere else; the entry links to it;
- constant: a documented constant ("the switch interval, 5 ms"); the entry links to the
  documentation.

Comparisons: a sentence that refers to a shown run (one in the text that follows an
example, up to the next heading, or one with an inserted value) and compares (faster,
slower, about, roughly, close to, half, twice, far...) must carry a claim marker
(`{{ claim <example> <claim> }}`), which names the claim that checks the comparison on the
run shown, or be on the allow-list with the reason it needs none.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import tomllib

from .directive import _outside_fences

ALLOW_LIST = Path("docs/data/prose-allow.toml")
KINDS = ("parameter", "quote", "constant")
# Where a documented constant may be documented.
DOCS_HOSTS = ("docs.python.org", "peps.python.org", "numpy.org", "man7.org", "learn.microsoft.com")

_UNIT = (
    r"(?:x|×|ms|s|µs|us|ns|%|MiB|KiB|GiB|MB|KB|GB|bytes|seconds?|milliseconds?|minutes?"
    r"|times)"
)
NUMBER = re.compile(rf"(?<![\w.{{-])(?:\d[\d,]*(?:\.\d+)?)(?: ?{_UNIT})(?![\w-])")
COMPARISON = re.compile(
    r"\b(?:faster|slower|quicker|beats?|beating|beaten|roughly|close to|nearly|almost|barely"
    r"|halv(?:e|es|ed|ing)|half(?!-)|twice|thrice|double[sd]?|triple[sd]?|far (?:more|less|fewer"
    r"|faster|slower|above|below|from|longer|shorter)|as fast as|as slow as|no faster"
    r"|no slower|about (?:as|the same|\d|a (?:tenth|third|quarter|half)|half|twice)"
    r"|times (?:faster|slower|as)|outperform\w*|wins?"
    # "lose" compares ("small tasks lose"); "lose updates" names a race, not a comparison.
    r"|los(?:e|es|ing)(?! (?:updates?|an update|its|their|data))"
    r")\b",
    re.I,
)
_INLINE = re.compile(r"\{\{.*?\}\}")
_MARKER = re.compile(r"\{\{\s*claim\s")
_CODE_SPAN = re.compile(r"`[^`]*`")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_HEADING = re.compile(r"^#{1,6} ")
_DIRECTIVE = re.compile(r"^\s*!example(-output)?\s")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z`*\[(\"'])")


class AllowListError(ValueError):
    """The allow-list file cannot be read; the message names the entry."""


@dataclasses.dataclass(frozen=True)
class Sentence:
    page: str  # "first-look.md"
    line: int  # where the paragraph starts
    text: str  # the sentence as written (with markers and values)
    about_a_run: bool  # it follows an example (up to the next heading) or quotes a value

    @property
    def prose(self) -> str:
        """The sentence without code, inserted values, markers and link targets."""
        text = _INLINE.sub(" ", self.text)
        text = _CODE_SPAN.sub(" ", text)
        return _LINK_TARGET.sub("]", text)


def sentences(page: str, markdown: str) -> list[Sentence]:
    """The prose of a page, sentence by sentence: paragraphs and list items outside code
    fences, tables, directives, admonition titles and HTML."""
    found: list[Sentence] = []
    after_example = False
    block: list[str] = []
    start = 0

    def flush() -> None:
        if not block:
            return
        text = " ".join(line.strip() for line in block)
        for part in _SENTENCE_END.split(text):
            if part.strip():
                value = "{{ value" in part
                found.append(Sentence(page, start, part.strip(), after_example or value))
        block.clear()

    for number, line in _outside_fences(markdown):
        stripped = line.strip()
        if _HEADING.match(stripped):
            flush()
            after_example = False
            continue
        if _DIRECTIVE.match(line):
            flush()
            after_example = not line.strip().startswith("!example-output")
            continue
        if (
            not stripped
            or stripped.startswith(("|", "<", "!!!", "???", "===", "[^", "{ "))
            or re.match(r"^[-*] |^\d+\. ", stripped)
        ):
            flush()
            if not stripped or not re.match(r"^[-*] |^\d+\. ", stripped):
                continue
            stripped = re.sub(r"^[-*] |^\d+\. ", "", stripped)
        if not block:
            start = number
        block.append(stripped)
    flush()
    return found


def numbers_in(sentence: Sentence) -> list[str]:
    return [m.group(0) for m in NUMBER.finditer(sentence.prose)]


def comparisons_in(sentence: Sentence) -> list[str]:
    return [m.group(0) for m in COMPARISON.finditer(sentence.prose)]


def has_marker(sentence: Sentence) -> bool:
    return bool(_MARKER.search(sentence.text))


def load_allow_list(path: Path) -> dict[str, list[dict[str, Any]]]:
    """The allow-list: {"number": [...], "comparison": [...]}."""
    if not path.is_file():
        return {"number": [], "comparison": []}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise AllowListError(f"{path}: not valid TOML: {exc}") from None
    unknown = set(data) - {"number", "comparison"}
    if unknown:
        raise AllowListError(f"{path}: unknown tables {sorted(unknown)}")
    return {"number": data.get("number", []), "comparison": data.get("comparison", [])}


_SCALES = {
    "ms": (1, 1e-3),
    "milliseconds": (1, 1e-3),
    "millisecond": (1, 1e-3),
    "µs": (1, 1e-6),
    "us": (1, 1e-6),
    "ns": (1, 1e-9),
    "KiB": (1, 1024),
    "MiB": (1, 2**20),
    "GiB": (1, 2**30),
    "KB": (1, 1000),
    "MB": (1, 10**6),
    "GB": (1, 10**9),
}


def _source_numbers(source: str) -> set[float]:
    return {
        round(float(raw.replace("_", "")), 9)
        for raw in re.findall(r"\d[\d_]*(?:\.\d+)?(?:e-?\d+)?", source)
    }


def _text_values(text: str) -> set[float]:
    """The number of a prose text such as "60 ms", in its unit and in the base unit (a
    parameter written 0.06 in the source is "60 ms" in prose, 1024 is "1 KiB")."""
    match = re.search(r"(\d[\d,]*(?:\.\d+)?) ?(\S*)", text)
    if match is None:
        return set()
    value = float(match.group(1).replace(",", ""))
    return {round(value * scale, 9) for scale in _SCALES.get(match.group(2), (1,))}


def check_number_entry(entry: dict[str, Any], project: Path) -> str | None:
    """Why an allow-list entry for a number does not pass its kind's check, or None."""
    what = f"number {entry.get('text')!r} on {entry.get('page')}"
    kind = entry.get("kind")
    if kind not in KINDS:
        return f"{what}: kind must be one of {KINDS}, not {kind!r}"
    if not entry.get("why"):
        return f"{what}: say why it needs no run (why = ...)"
    if kind == "parameter":
        example = project / "examples" / str(entry.get("example", ""))
        source = str(entry.get("source", ""))
        if not example.is_file():
            return f"{what}: a parameter names its example (example = '<topic>/<name>.py')"
        if not source or source not in example.read_text(encoding="utf-8"):
            return f"{what}: source = {source!r} is not in examples/{entry.get('example')}"
        if not _text_values(str(entry.get("text"))) & _source_numbers(source):
            return f"{what}: {source!r} does not hold the value {entry.get('text')!r}"
        return None
    link = str(entry.get("link", ""))
    parts = urlsplit(link)
    if parts.scheme != "https" or not parts.netloc:
        return f"{what}: a {kind} carries a link (link = 'https://...')"
    if kind == "constant" and not parts.netloc.endswith(DOCS_HOSTS):
        return f"{what}: a documented constant links to documentation ({', '.join(DOCS_HOSTS)})"
    return None


def check_comparison_entry(entry: dict[str, Any]) -> str | None:
    if not entry.get("page") or not entry.get("sentence") or not entry.get("why"):
        return f"comparison entry {entry!r}: give page, sentence (a part of it) and why"
    return None
