"""Files the site offers besides its pages: each example for download, all of them as one
zip, each page's Markdown copy, /llms.txt and /llms-full.txt (llmstxt.org)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from .metadata import Example
from .plaintext import copy_path, first_sentence, llms_txt, relink

COPIES_NOTE = (
    "Every example's source and the output it printed when the site was built are "
    "inlined in these Markdown copies as plain fences; the footer line under each "
    "output says which Python, machine and start method produced it."
)


def downloads(examples: list[Example], root: Path) -> dict[str, Path]:
    """Each example and the local modules it imports (path under examples/ -> file), so a
    downloaded example runs as it is."""
    files: dict[str, Path] = {}
    for example in examples:
        for path in (example.path, *example.local_modules):
            files.setdefault(path.relative_to(root).as_posix(), path)
    return files


def examples_zip(root: Path) -> bytes:
    """Every example (helpers and examples/requirements.txt included) as one zip, the same
    bytes for the same files (fixed timestamps), under a top folder "examples/"."""
    names = sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and p.suffix in (".py", ".txt", ".toml") and "__pycache__" not in p.parts
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in names:
            info = zipfile.ZipInfo(f"examples/{path.relative_to(root).as_posix()}")
            info.date_time = (2026, 1, 1, 0, 0, 0)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def write_copies(
    site_dir: Path,
    nav: list[tuple[str, str]],
    copies: dict[str, str],
    *,
    name: str,
    summary: str,
    base_url: str,
) -> None:
    """Write each page's Markdown copy beside its HTML, /llms.txt and /llms-full.txt.

    `nav`: (src_uri, title) of every page in nav order; `copies`: src_uri -> its copy."""
    pages = set(copies)
    listed, full = [], []
    for uri, title in nav:
        if uri not in copies:
            continue
        text = copies[uri]
        if not uri.endswith(".ipynb"):  # a notebook's links are written from its page's
            text = relink(text, uri, pages)  # address, which is where its copy sits
        target = site_dir / copy_path(uri)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        listed.append((title, copy_path(uri), first_sentence(text)))
        full.append(text)
    (site_dir / "llms.txt").write_text(
        llms_txt(name, summary, listed, base_url, COPIES_NOTE), encoding="utf-8"
    )
    (site_dir / "llms-full.txt").write_text("\n\n".join(full), encoding="utf-8")
