"""The one place that rewrites captured output before a reader sees it.

Only what changes from run to run *and* means nothing to a reader is rewritten:
process ids, memory addresses and temporary or checkout paths. Measured times,
counts and the order lines came out in are kept: they are the point of the examples.
"""

from __future__ import annotations

import re

_ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{6,16}\b")
# "pid 1234", "pid=1234", "PID: 1234", "process 1234" as printed by multiprocessing and by
# the examples; "pid(s) 12, 13" lists too.
_PID = re.compile(r"(?i)\b(pid|process id|pids?|process)([ =:]+|\s*\(?)(\d{2,7})\b")
_PID_LIST = re.compile(r"(?i)(\bpids?[ =:]+)(\[?\d{2,7}(?:, \d{2,7})+\]?)")


def normalize(text: str, *, replacements: dict[str, str]) -> str:
    """Apply path replacements (longest first), then mask pids and addresses."""
    for old in sorted(replacements, key=len, reverse=True):
        if old:
            text = text.replace(old, replacements[old])
    text = _ADDRESS.sub("0x…", text)
    text = _PID_LIST.sub(lambda m: m.group(1) + _mask_list(m.group(2)), text)
    text = _PID.sub(lambda m: f"{m.group(1)}{m.group(2)}<pid>", text)
    return text


def _mask_list(items: str) -> str:
    return re.sub(r"\d{2,7}", "<pid>", items)


_ANSI_COLOUR = re.compile(r"\x1b\[[0-9;]*m")  # a kernel colours its tracebacks


def strip_colours(text: str) -> str:
    return _ANSI_COLOUR.sub("", text)
