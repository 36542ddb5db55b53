"""Reading benchmark notebooks: their code (what they run and import), their title, and an
executed notebook as plain Markdown. Running one is jobs/notebook.py's work."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .plaintext import fence


def _cells(path: Path) -> list[dict[str, Any]]:
    cells: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return cells


def _text(cells: list[dict[str, Any]], kind: str) -> str:
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == kind)


def notebook_code(path: Path) -> str:
    """A notebook's code cells, as one module (what it runs and imports)."""
    return _text(_cells(path), "code")


def first_heading(markdown: str, fallback: str) -> str:
    return next(
        (line[2:].strip() for line in markdown.splitlines() if line.startswith("# ")), fallback
    )


def notebook_title(path: Path) -> str:
    """A notebook's title: the first "# " heading of its Markdown cells."""
    return first_heading(_text(_cells(path), "markdown"), path.name)


def notebook_outputs(executed: Path) -> str:
    """All the text an executed notebook's cells printed, in order (what its claims read)."""
    text = []
    for cell in _cells(executed):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                text.append("".join(output["text"]))
    return "".join(text)


def notebook_plain(executed: Path, title: str) -> str:
    """An executed notebook as plain Markdown: text cells, code, and what the code printed."""
    blocks: list[str] = []
    for cell in _cells(executed):
        source = "".join(cell["source"]).strip()
        if cell["cell_type"] == "markdown":
            blocks.append(source)
            continue
        blocks.append(fence(source, "python"))
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                blocks.append(fence("".join(output["text"]), "text"))
            elif {"image/svg+xml", "image/png"} & set(output.get("data", {})):
                blocks.append("(a plot: see the page)")
            elif "text/plain" in output.get("data", {}):
                blocks.append(fence("".join(output["data"]["text/plain"]), "text"))
    text = "\n\n".join(b for b in blocks if b)
    return text if text.lstrip().startswith("# ") else f"# {title}\n\n{text}"
