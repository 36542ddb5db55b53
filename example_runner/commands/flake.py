"""Flake check: run the whole test suite N times and report any test whose result changed.

    python -m example_runner flake [--runs 5] [-- extra pytest arguments]

Every run is the README's whole test command, with --fresh-examples: it ignores cached
results, so each run really runs every example and notebook again, and builds the site.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

from ..settings import Settings


def outcomes(junit: Path) -> dict[str, str]:
    result: dict[str, str] = {}
    for case in ET.parse(junit).getroot().iter("testcase"):
        name = f"{case.get('classname')}::{case.get('name')}"
        kinds = {child.tag for child in case}
        result[name] = (
            "failed"
            if kinds & {"failure", "error"}
            else "skipped"
            if "skipped" in kinds
            else "passed"
        )
    return result


def main(settings: Settings, args: argparse.Namespace) -> int:
    runs, extra = args.runs, args.pytest_args
    seen: dict[str, list[str]] = defaultdict(list)
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(1, runs + 1):
            junit = Path(tmp) / f"run{i}.xml"
            started = time.perf_counter()
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pytest",
                    "-q",
                    "-p",
                    "no:cacheprovider",
                    "--fresh-examples",
                    f"--junitxml={junit}",
                    *extra,
                ],
                capture_output=True,
                text=True,
                check=False,
                cwd=settings.project,
            )
            tail = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
            spent = time.perf_counter() - started
            print(f"run {i}/{runs}: {tail} ({spent / 60:.1f} min)", flush=True)
            for name, outcome in outcomes(junit).items():
                seen[name].append(outcome)
    flaky = {name: results for name, results in seen.items() if len(set(results)) > 1}
    failing = {name: results for name, results in seen.items() if set(results) == {"failed"}}
    print(
        f"{len(seen)} tests x {runs} runs: {len(flaky)} changed result, "
        f"{len(failing)} always failed"
    )
    for name, results in sorted(flaky.items()):
        print(f"  FLAKY {name}: {' '.join(results)}")
    for name in sorted(failing):
        print(f"  FAILED {name}")
    return 1 if flaky or failing else 0
