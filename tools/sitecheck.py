"""Checks of a built site, shared by the tests and tools/quality_gates.py.

    mkdocs_build(project, site, env)   build it (strict) into `site`
    publish(project, site, env)        run, judge, build (strict) and check it: what readers see
    serve(site)                        serve it on 127.0.0.1, gzip-compressed as Pages does
    all_pages(site)                    the pages (not the downloads)
    broken_links(site)                 every internal link and anchor that does not resolve
    chromium_path(environ)             Debian's Chromium, and the flags it runs with here

The checks of the built site itself live in example_runner/sitecheck.py (the publish
command makes them); this module re-exports them. Nothing here imports from tests/.
"""

from __future__ import annotations

import functools
import gzip
import io
import shutil
import subprocess
import sys
import threading
from collections.abc import Mapping
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from example_runner.sitecheck import (  # noqa: F401
    all_pages,
    broken_links,
    check_site,
    site_path,
    third_party_loads,
)

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


def publish(
    project: Path, site: Path, env: Mapping[str, str], *args: str, timeout: float = 1800
) -> subprocess.CompletedProcess[str]:
    """`python -m example_runner publish --site SITE`: run and judge what the pages show,
    build with --strict, check the built site (its log on stderr, its verdict on stdout)."""
    return subprocess.run(
        [sys.executable, "-m", "example_runner", "publish", "--site", str(site), *args],
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
