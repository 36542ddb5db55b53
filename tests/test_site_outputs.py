"""What the built site offers besides its pages: Markdown copies and /llms.txt, the
examples as one zip, the benchmark kit and its results; and a real address everywhere."""

from __future__ import annotations

import html
import json
import re
import zipfile

from example_runner import Batch, Status, example_job, load_example, page_interpreter, page_job
from example_runner.jobs import run_job
from example_runner.plaintext import copy_path
from tools.sitecheck import all_pages

from .support import ROOT


def _nav_pages(site):
    return [p for p in all_pages(site) if not p.startswith(("404", "search"))]


def test_every_page_has_a_markdown_copy_listed_in_llms_txt(built_site):
    done, site = built_site
    assert done.returncode == 0, done.stderr[-3000:]
    llms = (site / "llms.txt").read_text(encoding="utf-8")
    full = (site / "llms-full.txt").read_text(encoding="utf-8")
    assert llms.startswith("# Threads vs processes in Python\n\n> ")
    for page in _nav_pages(site):
        copy = site / page / "index.md"
        assert copy.is_file(), f"no Markdown copy of /{page}"
        text = copy.read_text(encoding="utf-8")
        assert f"{page}index.md" in llms, f"/{page} is not listed in llms.txt"
        assert text.split("\n", 1)[0] in full
        # No theme syntax left: admonitions, tabs, attribute lists, icons.
        for leftover in ("!!! ", '=== "', "{ .", ":material-", "<div"):
            assert leftover not in text, f"/{page}index.md still has {leftover!r}"
        html = (site / page / "index.html").read_text(encoding="utf-8")
        assert "View this page as Markdown" in html


_HTML_FOOTER = re.compile(r'<p class="example-footer">(.*?)</p>', re.S)
# An example's run in a copy: "Output (footer):" above it. A matrix run (the upgrade
# page): its footer line below it, as on the page.
_COPY_FOOTER = re.compile(
    r"^(?:(?:Output|Not run when this page was built) \((.+)\):|(CPython \S+ · .+ · ran in .+))$",
    re.M,
)


def html_footers(page: str) -> list[str]:
    """The footer of every run a page shows, in order (a tab's, an example's)."""
    footers = []
    for paragraph in _HTML_FOOTER.findall(page):
        text = html.unescape(re.sub(r"<[^>]+>", "", paragraph))
        text = text.split("Run it yourself")[0].split(" · code:")[0].strip()
        if text:
            footers.append(" ".join(text.split()))
    return footers


def test_each_page_and_its_copy_show_the_same_runs(built_site):
    """One walk per page chooses the runs; the page and its Markdown copy show exactly
    those, in the same order, with the same footers (the Python, the machine, the start
    method, the run time and the date of each run)."""
    _, site = built_site
    compared = 0
    for page in _nav_pages(site):
        if page.startswith("benchmarks/"):
            continue  # a notebook: no example runs
        shown = html_footers((site / page / "index.html").read_text(encoding="utf-8"))
        copy = [
            a or b for a, b in _COPY_FOOTER.findall((site / page / "index.md").read_text("utf-8"))
        ]
        assert shown == [" ".join(f.split()) for f in copy], (
            f"/{page}: the page and its copy differ"
        )
        compared += len(shown)
    assert compared > 100, compared


def test_links_in_markdown_copies_reach_their_targets(built_site):
    _, site = built_site
    link = re.compile(r'\]\((?P<target>[^)\s:#]+)(?:#[^)\s]*)?(?: "[^"]*")?\)')
    checked = 0
    for copy in site.rglob("*.md"):
        for match in link.finditer(copy.read_text(encoding="utf-8")):
            target = (copy.parent / match["target"]).resolve()
            where = copy.relative_to(site)
            assert target.is_file(), f"{where} links to {match['target']}, which is not there"
            checked += 1
    assert checked > 100


def test_markdown_copy_holds_an_examples_source_and_real_output(built_site, build_settings):
    _, site = built_site
    example = load_example(ROOT / "examples/gil/switch_interval.py", ROOT / "examples")
    job = page_job(example, build_settings)
    result = Batch([job], build_settings, progress="off").start().results()
    (run,) = result.values()
    assert run.status is Status.OK and run.cached, "the build should have cached this run"
    copy = (site / copy_path("gil.md")).read_text(encoding="utf-8")
    assert "`examples/gil/switch_interval.py`:" in copy and "```python" in copy
    for line in run.stdout.strip().splitlines():
        assert line in copy, f"output line {line!r} not in the Markdown copy"
    assert f"Output ({run.interpreter} · " in copy  # the footer, as plain text


def test_examples_zip_runs_offline(built_site, settings, tmp_path):
    _, site = built_site
    with zipfile.ZipFile(site / "examples.zip") as archive:
        names = archive.namelist()
        archive.extractall(tmp_path)
    assert "examples/requirements.txt" in names and "examples/sync/_foobar.py" in names
    assert not [n for n in names if "__pycache__" in n or not n.startswith("examples/")]
    root = tmp_path / "examples"
    local = settings.replace(project=tmp_path, cache_dir=tmp_path / "cache")
    python = page_interpreter(settings)
    for rel in ("basics/threads_print_numbers.py", "sync/foobar_event.py"):  # with a helper
        job = example_job(load_example(root / rel, root), local, python)
        result = run_job(job, local, tmp_path / "staging")
        assert result.ok, f"{rel} from the zip: {result.reason}"


def test_no_page_points_at_a_placeholder_address(built_site):
    _, site = built_site
    for path in [*site.rglob("*.html"), site / "sitemap.xml", site / "llms.txt"]:
        text = path.read_text(encoding="utf-8")
        assert "example.org" not in text, f"{path.relative_to(site)} links to example.org"
    assert "<loc>http" in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_kit_is_served_and_its_results_page_shows_this_build(built_site):
    _, site = built_site
    assert (site / "kit.py").read_bytes() == (ROOT / "docs" / "kit.py").read_bytes()
    page = (site / "results" / "index.html").read_text(encoding="utf-8")
    assert "this build, " in page and "build machine" in page
    assert 'src="../data/results/speedup.svg"' in page
    assert (site / "data" / "results" / "speedup.svg").read_text().lstrip().startswith("<?xml")
    rows = re.findall(r"<tr>(.*?)</tr>", page, re.S)
    files = sorted((ROOT / "docs" / "data" / "results").glob("*.json"))
    assert len(rows) == 1 + 1 + len(files)  # the header, this build, every file
    # Each file's row, in file-name order after this build's, shows its own speedups.
    for file, row in zip(files, rows[2:]):
        data = json.loads(file.read_text(encoding="utf-8"))
        cpu = max(
            (w for w in data["workloads"] if w["name"] == "pure-Python CPU"),
            key=lambda w: w["workers"],
        )
        speedup = cpu["processes_speedup"]
        cell = "-" if speedup is None else f"{speedup:.2f}x ({cpu['workers']})"
        assert f"<td>{cell}</td>" in row, file.name


_SKIPPED_BLOCK = re.compile(
    r'<div class="(example-code|upgrade-example)"[^>]*style="contain-intrinsic-size: auto (\d+)rem"'
)


def test_a_block_skipped_until_seen_assumes_at_least_its_real_height(built_site):
    """A phone skips laying out an example's source (and an upgrade-page entry) until it
    nears the screen, assuming the height in its style attribute. Under its real height,
    what follows is drawn over its last lines (a 30rem guess put the page footer under a
    download link). A line is about 1rem high: each block's estimate is at least one rem
    a line of what it shows, and its source stays out of the search index."""
    done, site = built_site
    assert done.returncode == 0, done.stderr[-3000:]
    seen = 0
    for page in _nav_pages(site):
        text = (site / page / "index.html").read_text(encoding="utf-8")
        for match in _SKIPPED_BLOCK.finditer(text):
            kind, rem = match.group(1), int(match.group(2))
            end = text.index("</pre>", match.end())  # its source, or its diff
            lines = text[match.end() : end].count("\n") + 1
            assert rem >= lines, f"/{page}: a {kind} of {lines} lines assumes {rem}rem"
            seen += 1
    assert seen >= 100, f"only {seen} blocks carry a height estimate"
    index = (site / "search/search_index.json").read_text(encoding="utf-8")
    source = (ROOT / "examples/stop/ctrl_c_thread_pool.py").read_text(encoding="utf-8")
    assert "def wait_for(futures):" in source
    assert "def wait_for(futures):" not in index, "example source reached the search index"
