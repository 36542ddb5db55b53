"""Checks of a built site, shared by the tests and tools/quality_gates.py.

    mkdocs_build(project, site, env)   build it (strict) into `site`
    serve(site)                        serve it on 127.0.0.1, gzip-compressed as Pages does
    all_pages(site)                    the pages (not the downloads)
    broken_links(site)                 every internal link and anchor that does not resolve
    chromium_path(environ)             Debian's Chromium, and the flags it runs with here

Nothing here imports from tests/.
"""

from __future__ import annotations

import functools
import gzip
import io
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Mapping
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-features=Translate,OptimizationHints",
]


def chromium_path(environ: Mapping[str, str]) -> str | None:
    return environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def mkdocs_build(
    project: Path, site: Path, env: Mapping[str, str], timeout: float = 1800
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**env, "NO_MKDOCS_2_WARNING": "1"},
    )


class _Handler(SimpleHTTPRequestHandler):
    """Serves the site quietly, gzip-compressed as static hosts such as GitHub Pages do."""

    def log_message(self, *args: Any) -> None:
        pass

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        text = path.suffix in (
            ".html",
            ".css",
            ".js",
            ".json",
            ".svg",
            ".py",
            ".xml",
            ".txt",
            ".md",
        )
        if not text or "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        if path.suffix == ".html" and not self.path.split("?")[0].endswith(("/", ".html")):
            return super().send_head()  # let the base class redirect "dir" to "dir/"
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    """Serve `site` on 127.0.0.1 in a daemon thread; call server.shutdown() when done."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


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
