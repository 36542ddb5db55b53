"""The shape of a run's output: what it printed with the parts that change from run to run
masked, so two runs can be compared for what they say, not for what they measured.

Masked: measured quantities (a number with a unit of time, size or ratio, a percentage, a
decimal), Python versions and core counts (they name the machine, which the footer says
already), the versions of packages and of the platform (they depend on how the machine
was set up, not on the Python), where the standard library lives and at which line a
traceback passes through it, the marker lines under a traceback's code, PIDs, addresses,
temporary paths and ports (the runner masks most of them already), and whatever the
example declares volatile in its metadata
(`volatile = ["lost [\\d,]+ updates"]`: a count that varies from run to run). Runs of
spaces collapse (columns move when a number gets wider).

Kept: every word, every message, every count a pattern does not mask. Masking too much is
the easy mistake: `masked_away()` says when nothing of an output is left to compare.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_MASKS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"0x…"), "<address>"),
    # A traceback through the standard library: where it is installed, and its lines.
    (re.compile(r'File "[^"]*?/lib/python3\.\d+t?/([^"]+)", line \d+'), r'File "<stdlib>/\1"'),
    (re.compile(r"^[ \t]*[~^]+[ \t]*$", re.M), ""),  # the ~~~^^ under a traceback's code
    (re.compile(r"\b(?:Linux|Darwin|macOS|Windows)-[\w.-]+"), "<platform>"),
    (re.compile(r"\bpython3\.\d+t?\b"), "python3.<version>"),
    (re.compile(r"\b[Pp]ython 3\.\d+(?:\.\d+)?(?:[abrc]+\d+)?t?\b"), "Python <version>"),
    (re.compile(r"\bCPython 3\.\d+(?:\.\d+)?t?\b"), "CPython <version>"),
    (re.compile(r"(?<![\w.])\d+\.\d+\.\d+(?:\.\d+)*(?![\w.])"), "<version>"),
    (re.compile(r"\b\d+ (usable |logical |free )?cores?\b"), r"<n> \1cores"),
    (re.compile(r"127\.0\.0\.1:\d+|localhost:\d+|\bport \d+"), "<address>"),
    (re.compile(r"<pid>|\bpid[ =:]*\d+", re.I), "<pid>"),
    (
        re.compile(
            r"(?<![\w.])[\d,]*\d(?:\.\d+)?(?:e-?\d+)? ?"
            r"(?:s|ms|µs|us|ns|x|×|%|MiB|KiB|GiB|MB|KB|GB|kB|bytes|B|seconds?|milliseconds?)"
            r"(?![\w])"
        ),
        "<n>",
    ),
    (re.compile(r"(?<![\w.])\d+\.\d+(?![\w.])"), "<n>"),
]
_SPACES = re.compile(r"[ \t]+")
_ONLY_VOLATILE = re.compile(r"(?:<volatile>|\s)*")


def shape(text: str, volatile: Sequence[str] = ()) -> str:
    """`text` with its volatile parts masked and runs of spaces collapsed."""
    for declared in volatile:
        text = re.sub(declared, "<volatile>", text, flags=re.M)
    for pattern, mask in _MASKS:
        text = pattern.sub(mask, text)
    lines = (_SPACES.sub(" ", line).rstrip() for line in text.splitlines())
    # A line that is only volatile may or may not be there (a warning printed now and
    # then): it goes, like an empty one.
    return "\n".join(line for line in lines if not _ONLY_VOLATILE.fullmatch(line))


def method_shape(text: str, method: str | None, volatile: Sequence[str] = ()) -> str:
    """The shape of a run compared with the same example under another start method: the
    method's own name (which the example may print, and which names its processes) is
    masked too, so only what the method changes in behaviour remains."""
    if method:
        own = {method, {"fork": "Fork", "spawn": "Spawn", "forkserver": "ForkServer"}[method]}
        text = re.sub(
            rf"\b(?:{'|'.join(map(re.escape, own))})(?:Process)?\b",
            lambda m: "<method>Process" if m.group(0).endswith("Process") else "<method>",
            text,
        )
    return shape(text, volatile)


def masked_away(text: str, masked: str) -> bool:
    """True when an output that says something has nothing left once masked: only masks,
    digits, punctuation and spaces."""
    rest = re.sub(r"<[a-z ]+>", "", masked)
    return bool(text.strip()) and not re.search(r"[A-Za-z]{3}", rest)
