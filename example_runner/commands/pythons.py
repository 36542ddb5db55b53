"""python -m example_runner pythons: the interpreters found, and the one pages use."""

from __future__ import annotations

import argparse

from ..interpreters import discover, page_interpreter
from ..settings import Settings


def main(settings: Settings, args: argparse.Namespace) -> int:
    page = page_interpreter(settings)
    for interp in discover(settings):
        mark = (
            "  <- runs the examples shown on pages" if interp.executable == page.executable else ""
        )
        print(f"{interp.tag:6} {interp.label:32} {interp.executable}{mark}")
    if all(i.executable != page.executable for i in discover(settings)):
        print(f"pages: {page.label} {page.executable}")
    return 0
