"""Quality gates for the built site: Lighthouse, axe-core, links and page weight.

    npm install                      # once: lighthouse and axe-core (they drive Debian's chromium)
    python tools/quality_gates.py    # builds site/ if missing, serves it on 127.0.0.1, reports

Gates: Lighthouse performance, accessibility, best practices and SEO >= 98 (mobile preset,
median of 3 runs, served gzip-compressed as GitHub Pages serves it) on every page; axe-core: no serious or
critical violation in light or dark mode; no broken internal link or anchor; page weight
(HTML+CSS+JS) reported for the landing page and the heaviest page. Exit status 1 if a
gate fails.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from tools.sitecheck import (  # noqa: E402
    CHROMIUM_FLAGS,
    all_pages,
    broken_links,
    chromium_path,
    serve,
    site_path,
)

GATE = 98


def _chromium() -> str:
    path = chromium_path(os.environ)
    if path is None:
        raise SystemExit("needs Debian's chromium (apt-get install chromium)")
    return path


def lighthouse(url: str, preset: str, runs: int = 3) -> dict[str, int]:
    """Median score per category over `runs` runs: a single run's performance score moves by
    several points from run to run on a shared machine (Lighthouse's docs advise medians)."""
    reports = [_lighthouse_once(url, preset) for _ in range(runs)]
    return {name: int(statistics.median(r[name] for r in reports)) for name in reports[0]}


def _lighthouse_once(url: str, preset: str) -> dict[str, int]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        cmd = [
            "node",
            str(ROOT / "node_modules/lighthouse/cli/index.js"),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            "--chrome-flags=--headless=new " + " ".join(CHROMIUM_FLAGS),
        ]
        if preset == "desktop":
            cmd.append("--preset=desktop")
        subprocess.run(
            cmd,
            check=True,
            env={**os.environ, "CHROME_PATH": _chromium()},
            capture_output=True,
            timeout=300,
        )
        report = json.loads(out.read_text())
    return {name: round(cat["score"] * 100) for name, cat in report["categories"].items()}


def axe_and_weight(base: str, pages: list[str]) -> tuple[dict, dict]:
    from playwright.sync_api import sync_playwright

    script = (ROOT / "node_modules/axe-core/axe.min.js").read_text()
    violations, weights = {}, {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=CHROMIUM_FLAGS)
        for scheme in ("light", "dark"):
            context = browser.new_context(color_scheme=scheme)
            page = context.new_page()
            sizes: dict[str, int] = {}
            page.on(
                "response",
                lambda r, sizes=sizes: sizes.__setitem__(
                    r.url,
                    len(r.body())
                    if r.ok and r.request.resource_type in ("document", "stylesheet", "script")
                    else 0,
                ),
            )
            for path in pages:
                sizes.clear()
                page.goto(base + path, wait_until="networkidle")
                if scheme == "light":
                    weights[path or "/"] = sum(sizes.values())
                page.add_script_tag(content=script)
                result = page.evaluate(
                    "axe.run().then(r => r.violations.map(v => [v.id, v.impact,"
                    " v.nodes.slice(0, 3).map(n => n.target.join(' '))]))"
                )
                violations[f"{path or '/'} ({scheme})"] = result
            context.close()
        browser.close()
    return violations, weights


def default_material_site(tmp: Path) -> Path:
    """The same pages built with Material's defaults: no overrides, no extra CSS, its fonts."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for line in (
        "  custom_dir: overrides\n",
        "  logo: assets/logo.svg\n",
        "  favicon: assets/favicon.svg\n",
    ):
        config = config.replace(line, "")
    config = config.replace("  font: false", "  # font: Material's default (Roboto)")
    config = config.replace("extra_css:\n  - assets/examples.css\n", "")
    variant = ROOT / ".mkdocs-default-material.yml"  # beside mkdocs.yml: same relative paths
    variant.write_text(config, encoding="utf-8")
    site = tmp / "default-site"
    try:
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(variant), "-d", str(site)],
            cwd=ROOT,
            check=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    finally:
        variant.unlink()
    return site


def own_weight(site: Path, page: str) -> int:
    """Bytes of the page's HTML plus the stylesheets and scripts it loads from the site."""
    import re

    html_path = site / page / "index.html"
    html = html_path.read_text(encoding="utf-8")
    total = len(html.encode())
    for ref in re.findall(
        r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"', html
    ):
        if "//" not in ref:
            target = (html_path.parent / ref.split("?")[0]).resolve()
            total += target.stat().st_size if target.is_file() else 0
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", default="site", help="built site folder (built if missing)")
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument(
        "--desktop", action="store_true", help="also run Lighthouse's desktop preset (reported)"
    )
    parser.add_argument("--page", action="append", help="only these pages (e.g. gil/)")
    parser.add_argument(
        "--weights-only",
        action="store_true",
        help="only compare page weights with Material's default build",
    )
    args = parser.parse_args()
    site = ROOT / args.site
    if not (site / "index.html").exists():  # built as readers get it
        subprocess.run(
            [sys.executable, "-m", "example_runner", "publish", "--site", str(site)],
            cwd=ROOT,
            check=True,
        )
    with tempfile.TemporaryDirectory() as tmp:
        default = default_material_site(Path(tmp))
        print("page weight (HTML+CSS+JS from the site itself), this site vs Material's defaults:")
        for page in ("", "first-look", "benchmarks/speedup"):
            ours, theirs = own_weight(site, page), own_weight(default, page)
            print(f"  /{page:20} {ours / 1024:7.0f} KiB   default {theirs / 1024:7.0f} KiB")
    if args.weights_only:
        return 0
    if (
        not chromium_path(os.environ)
        or not (ROOT / "node_modules").is_dir()
        or not shutil.which("node")
    ):
        print("needs chromium, node and `npm install`", file=sys.stderr)
        return 2
    server, base = serve(site)
    failed = False
    try:
        pages = all_pages(site)
        if not args.skip_lighthouse:
            print("Lighthouse (performance / accessibility / best practices / SEO):")
            presets = ("mobile", "desktop") if args.desktop else ("mobile",)
            table = []
            for preset in presets:
                for path in args.page or pages:
                    scores = lighthouse(base + path, preset)
                    low = {k: v for k, v in scores.items() if v < GATE}
                    failed |= bool(low) and preset == "mobile"
                    print(
                        f"  {preset:7} /{path:22} "
                        + "  ".join(f"{k} {v}" for k, v in scores.items())
                        + (f"   BELOW {GATE}: {low}" if low else ""),
                        flush=True,
                    )
                    if preset == "mobile":
                        table.append(f"| /{path} | " + " | ".join(map(str, scores.values())) + " |")
            if table:
                print(f"\nLighthouse mobile, median of 3, served gzip (gate {GATE}):\n")
                print("| page | performance | accessibility | best practices | SEO |")
                print("|---|---|---|---|---|")
                print("\n".join(table) + "\n")
        violations, weights = axe_and_weight(base, pages)
        serious = {
            page: [v for v in found if v[1] in ("serious", "critical")]
            for page, found in violations.items()
        }
        count = sum(len(v) for v in serious.values())
        failed |= count > 0
        print(f"axe-core: {len(violations)} page views, {count} serious/critical violations")
        for page, found in serious.items():
            for rule, impact, targets in found:
                print(f"  {page}: {rule} ({impact}) at {', '.join(targets)}")
        minor = [
            f"{rule} on {page}"
            for page, found in violations.items()
            for rule, impact, _ in found
            if impact not in ("serious", "critical")
        ]
        print(f"  ({len(minor)} moderate/minor findings{': ' if minor else ''}{'; '.join(minor)})")
        checked, broken = broken_links(site, site_path(ROOT / "mkdocs.yml"))
        failed |= bool(broken)
        print(f"links: {checked} internal links and anchors checked, {len(broken)} broken")
        for line in broken:
            print("  " + line)
        heaviest = max(weights, key=weights.get)
        print(
            f"page weight (HTML+CSS+JS): landing {weights['/'] / 1024:.0f} KiB, heaviest "
            f"{heaviest} {weights[heaviest] / 1024:.0f} KiB"
        )
    finally:
        server.shutdown()
    print("all gates passed" if not failed else "A GATE FAILED")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
