"""python -m example_runner add-result FILE [FILE ...]

Checks a benchmark kit result (the JSON that `python kit.py --json FILE` writes, from a
reader's pull request or issue, or from the GitHub workflow) and adds it to
docs/data/results/, under a name that says what it is. The results page shows every file
there. A file that does not validate is refused with each problem named; a quick run
(`--quick`, sizes for tests) and a file already added are refused too.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from ..kit_results import validate
from ..settings import Settings
from ..sitebuild import RESULTS_DIR


def result_name(data: dict[str, object]) -> str:
    """reader-cpython-3.13.1-linux-x86-64-8-cores-2026-11-30.json ("1-core" for one core)."""
    python = data["python"]
    platform = data["platform"]
    assert isinstance(python, dict) and isinstance(platform, dict)
    build = "t" if python["free_threaded"] else ""
    parts = [
        str(data["source"]),
        f"{python['implementation']}-{python['version']}{build}",
        f"{platform['system']}-{platform['machine']}",
        f"{data['cores']}-core" + ("s" if data["cores"] != 1 else ""),
        str(data["generated_at"])[:10],
    ]
    return re.sub(r"[^a-z0-9.]+", "-", "-".join(parts).lower()).strip("-") + ".json"


def add(settings: Settings, source: Path) -> Path:
    """Validate `source` and copy it into docs/data/results/; return where it went."""
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SystemExit(f"{source}: cannot read it as JSON ({exc})") from None
    problems = validate(data)
    if problems:
        raise SystemExit(f"{source}: not a valid kit result:\n  " + "\n  ".join(problems))
    if data["quick"]:
        raise SystemExit(f"{source}: a --quick run (sizes for tests); run the kit without it")
    folder = settings.docs_dir / RESULTS_DIR
    target = folder / result_name(data)
    for existing in folder.glob("*.json"):
        if json.loads(existing.read_text(encoding="utf-8")) == data:
            raise SystemExit(f"{source}: already added as {existing.relative_to(settings.project)}")
    if target.exists():
        target = target.with_name(target.stem + f"-{len(list(folder.glob('*.json')))}.json")
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return target


def main(settings: Settings, args: argparse.Namespace) -> int:
    for file in args.files:
        target = add(settings, Path(file))
        print(f"added {target.relative_to(settings.project)}")
    return 0
