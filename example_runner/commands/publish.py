"""Publish: what readers will see, built from runs whose claims hold.

    python -m example_runner publish [--site DIR] [--require-tabs]
    python -m example_runner publish --no-run [--merge STORE ...] [--site DIR]

Finds the Python the pages show and the interpreters of the version tabs, runs (or takes
from the store) and judges everything the pages show (the page runs, every tab, the
benchmark notebook, the kit), builds the site with `mkdocs build --strict`, then checks
the built site: every link and anchor, no request to another host, a Markdown copy of
every page listed in /llms.txt, and every example in /examples.zip.

--no-run runs nothing: only stored runs whose claims hold when judged again are used, and
a missing or failing one fails the build, naming it. --merge first adds other stores (the
GitHub workflow's jobs upload theirs) to this one; a tab of an interpreter this machine
lacks is then planned from the interpreter the store recorded.

The tests (tests/conftest.py) and the GitHub workflow's build job publish with this
command; .ci/run publishes through the tests.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

from ..cache import Cache
from ..interpreters import discover, page_interpreter
from ..settings import Settings
from ..sitecheck import check_site


def main(settings: Settings, args: argparse.Namespace) -> int:
    started = time.perf_counter()
    cache = Cache(settings.cache_dir)
    for store in args.merge or []:
        added = cache.merge(Path(store))
        print(f"merged {store}: {added} stored run(s) added", file=sys.stderr)
    page = page_interpreter(settings)
    found = ", ".join(i.label for i in discover(settings))
    mode = "running nothing (stored runs only)" if args.no_run else "running what is not stored"
    print(f"publish: pages show {page.label}; found {found}; {mode}", file=sys.stderr, flush=True)
    env = settings.tool_env(NO_MKDOCS_2_WARNING="1", EXAMPLES_CACHE_DIR=str(settings.cache_dir))
    if args.no_run:
        env["EXAMPLES_NO_RUN"] = "1"
    if args.require_tabs:
        env["EXAMPLES_REQUIRE_TABS"] = "1"
    site = Path(args.site).resolve()
    build = subprocess.Popen(
        [settings.toolchain_python, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=settings.project,
        env=env,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    assert build.stderr is not None
    log = []
    for line in build.stderr:  # the build's log, as it comes
        sys.stderr.write(line)
        sys.stderr.flush()
        log.append(line)
    if build.wait() != 0:
        errors = [line for line in log if line.startswith("ERROR")]
        first = errors[0].split("-", 1)[-1].strip() if errors else "(see the log above)"
        print(f"\npublish: the build failed ({len(errors)} error(s)); the first: {first}")
        return 1
    site_url = _site_url(log, settings)
    problems = check_site(site, site_url, settings.examples_dir)
    for problem in problems:
        print(f"publish: {problem}")
    summary = [line.split("-  ", 1)[-1].strip() for line in log if re.search(r"\d+ run, ", line)]
    claims = [line.split("-  ", 1)[-1].strip() for line in log if "claims: " in line]
    took = time.perf_counter() - started
    print(f"publish: {site} in {took:.0f} s; " + "; ".join([*summary, *claims]))
    if problems:
        print(f"publish: {len(problems)} problem(s) in the built site")
        return 1
    return 0


def _site_url(log: list[str], settings: Settings) -> str:
    """The address the site was built for (mkdocs.yml, or SITE_URL in the workflow)."""
    for name, value in settings.environ:
        if name == "SITE_URL" and value:
            return value
    text = (settings.project / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r'^site_url: !ENV \[SITE_URL, "([^"]+)"\]', text, re.M)
    return match[1] if match else "/"
