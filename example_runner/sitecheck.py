"""Checks of a built site that the publish command makes (and the tests and
tools/quality_gates.py share): every internal link and anchor resolves, nothing is loaded
from another host, every page has its Markdown copy listed in /llms.txt, and /examples.zip
holds every example."""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


def all_pages(site: Path) -> list[str]:
    """Every page as a path under the site ("" for the landing page, "gil/" ...)."""
    pages = sorted(
        p.relative_to(site).parent.as_posix() + "/"
        for p in site.rglob("index.html")
        if "examples" not in p.parts
    )
    return ["" if p == "./" else p for p in pages]


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if tag == "a" and found.get("name"):
            self.ids.add(str(found["name"]))
        for key in ("href", "src"):
            value = found.get(key)
            if value and tag in ("a", "img", "script", "link"):
                self.links.append(value)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def site_path(mkdocs_yml: Path) -> str:
    """The path part of site_url: root-relative links (the 404 page uses them) start with it."""
    match = re.search(r"^site_url:\s*(\S+)", mkdocs_yml.read_text(encoding="utf-8"), re.M)
    if not match or match[1].startswith("!"):
        return "/"
    return urlsplit(match[1]).path or "/"


def _target(site: Path, page: Path, link: str, base: str) -> Path:
    path = unquote(urlsplit(link).path)
    if path.startswith("/"):
        if not path.startswith(base):
            return site / "__outside_the_site__"
        return _target(site, site / "index.html", path[len(base) :] or ".", base)
    target = (page.parent / path).resolve() if path else page
    return target / "index.html" if target.is_dir() else target


def broken_links(site: Path, base: str = "/") -> tuple[int, list[str]]:
    """(links checked, broken ones described) over every page of the site."""
    pages = {p: _parse(p) for p in site.rglob("*.html")}
    checked, broken = 0, []
    for page, parsed in pages.items():
        for link in parsed.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "data:", "javascript:")):
                continue  # external: links only, never loaded (the browser tests check that)
            checked += 1
            target = _target(site, page, link, base)
            where = f"{page.relative_to(site)} -> {link}"
            if not target.is_file():
                broken.append(f"{where}: no file")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{where}: no anchor #{parts.fragment}")
    return checked, broken


class _Resources(HTMLParser):
    """What a page loads (not what it merely links to): scripts, stylesheets, images,
    frames, media, and url(...) in inline styles."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        media = ("script", "img", "iframe", "audio", "video", "source", "embed")
        if tag in media and found.get("src"):
            self.loads.append(str(found["src"]))
        if tag == "link" and found.get("href"):
            rel = (found.get("rel") or "").lower()
            if any(
                r in rel for r in ("stylesheet", "preload", "modulepreload", "icon", "manifest")
            ):
                self.loads.append(str(found["href"]))
        self.loads += re.findall(r"url\(['\"]?(https?://[^'\")]+)", found.get("style") or "")


def third_party_loads(site: Path, site_url: str) -> list[str]:
    """Every resource a built page or stylesheet would load from another host."""
    own = urlsplit(site_url).netloc
    found = []
    for path in [*site.rglob("*.html"), *site.rglob("*.css")]:
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".css":
            urls = re.findall(r"url\(['\"]?(https?://[^'\")]+)", text)
            urls += re.findall(r"@import\s+['\"](https?://[^'\"]+)", text)
        else:
            parser = _Resources()
            parser.feed(text)
            urls = parser.loads
        for url in urls:
            host = urlsplit(url).netloc
            if host and host != own:
                found.append(f"{path.relative_to(site)} loads {url}")
    return found


def check_site(site: Path, site_url: str, examples: Path) -> list[str]:
    """What the publish command checks on a built site: every internal link and anchor
    resolves, nothing loads from another host, every page has its Markdown copy listed in
    /llms.txt (and /llms-full.txt exists), and /examples.zip holds every example file."""
    problems: list[str] = []
    _, broken = broken_links(site, urlsplit(site_url).path or "/")
    problems += [f"broken link: {b}" for b in broken]
    problems += [f"third-party request: {t}" for t in third_party_loads(site, site_url)]
    llms = (site / "llms.txt").read_text(encoding="utf-8") if (site / "llms.txt").is_file() else ""
    if not llms or not (site / "llms-full.txt").is_file():
        problems.append("no /llms.txt or /llms-full.txt")
    for page in all_pages(site):
        if page.startswith(("404", "search")) or not (site / page / "index.html").is_file():
            continue
        if "<h1" not in (site / page / "index.html").read_text(encoding="utf-8"):
            continue  # not a page of the guide (a redirect, say)
        if not (site / page / "index.md").is_file():
            problems.append(f"/{page}: no Markdown copy (/{page}index.md)")
        elif f"{page}index.md" not in llms:
            problems.append(f"/{page}: its Markdown copy is not listed in /llms.txt")
    try:
        with zipfile.ZipFile(site / "examples.zip") as archive:
            names = set(archive.namelist())
    except (OSError, zipfile.BadZipFile) as exc:
        return [*problems, f"/examples.zip: {exc}"]
    for path in sorted(examples.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        name = f"examples/{path.relative_to(examples).as_posix()}"
        if name not in names:
            problems.append(f"/examples.zip lacks {name}")
    return problems
