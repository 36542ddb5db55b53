"""Every internal link and anchor of the built site resolves."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "name" in attrs:
            self.ids.add(attrs["name"])
        for key in ("href", "src"):
            if attrs.get(key) and tag in ("a", "img", "script", "link"):
                self.links.append(attrs[key])


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def site_path() -> str:
    """The path part of site_url: root-relative links (the 404 page uses them) start with it."""
    config = (Path(__file__).resolve().parent.parent / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r"^site_url:\s*(\S+)", config, re.M)
    return urlsplit(match[1]).path if match else "/"


def target_file(site: Path, page: Path, link: str) -> Path:
    path = unquote(urlsplit(link).path)
    if path.startswith("/"):
        base = site_path()
        if not path.startswith(base):
            return site / "__outside_the_site__"
        return target_file(site, site / "index.html", path[len(base) :] or ".")
    target = (page.parent / path).resolve() if path else page
    return target / "index.html" if target.is_dir() else target


def broken_links(site: Path) -> tuple[int, list[str]]:
    pages = {p: parse(p) for p in site.rglob("*.html")}
    checked, broken = 0, []
    for page, parsed in pages.items():
        for link in parsed.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "data:", "javascript:")):
                continue  # external: links only, never loaded (the browser tests check that)
            checked += 1
            target = target_file(site, page, link)
            where = f"{page.relative_to(site)} -> {link}"
            if not target.is_file():
                broken.append(f"{where}: no file")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{where}: no anchor #{parts.fragment}")
    return checked, broken


def test_no_broken_internal_links_or_anchors(built_site):
    done, site = built_site
    assert done.returncode == 0, done.stderr[-3000:]
    checked, broken = broken_links(site)
    assert checked > 100
    assert not broken, f"{len(broken)} of {checked} internal links are broken:\\n" + "\\n".join(
        broken
    )


def test_link_checker_finds_a_broken_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/#nowhere">x</a><a href="b/">y</a>')
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">t</h2>')
    checked, broken = broken_links(tmp_path)
    assert checked == 2
    assert broken == ["index.html -> a/#nowhere: no anchor #nowhere", "index.html -> b/: no file"]
