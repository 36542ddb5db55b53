"""The site builds with --strict, shows what the examples printed, and fails clearly on bad input."""

from __future__ import annotations

import html
import re
import subprocess
import textwrap
from pathlib import Path

import nbformat

from example_runner import Batch, Status, all_examples, page_interpreter, page_job
from tools.sitecheck import mkdocs_build as build

from .support import ROOT

HOOK = ROOT / "hooks" / "examples.py"


def mkdocs_build(settings, project: Path, site: Path, **env) -> subprocess.CompletedProcess:
    # A fresh cache per test project (never the repository's own), and the settings' page
    # interpreter, named explicitly so the test projects need no discovery of their own.
    env = {
        "EXAMPLES_CACHE_DIR": str(project / ".cache" / "examples"),
        "EXAMPLES_PAGE_PYTHON": page_interpreter(settings).executable,
        "EXAMPLES_RERUN_PAUSE": "0",  # the test projects' timing claims rerun at once
        **env,
    }
    return build(project, site, settings.tool_env(**env), timeout=900)


def test_site_builds_strict_and_shows_real_output(built_site, settings, build_settings):
    done, site = built_site
    assert done.returncode == 0, done.stderr[-5000:]
    assert "examples: " in done.stderr and " 0 failed" in done.stderr
    page_python = page_interpreter(settings)
    assert f"examples on pages run on {page_python.label}" in done.stderr
    pages = "\n".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    examples = all_examples(settings)
    jobs = [page_job(e, build_settings) for e in examples]
    batch = Batch(jobs, build_settings, progress="off").start()
    for job, result in batch.results().items():
        # A skip is decided without running anything, so there is nothing to cache.
        assert result.cached or result.status is Status.SKIPPED, f"{job} ran again after the build"
        assert result.interpreter == page_python.label  # the footer's interpreter
        if result.ok:
            for line in result.stdout.strip().splitlines()[:3]:
                assert html.escape(line, quote=False).strip() in pages, (
                    f"{job}: {line!r} not on any page"
                )
        assert (site / "examples" / job.example.rel).is_file(), "download link target missing"
        for module in job.example.local_modules:  # a downloaded example finds its helpers
            assert (site / "examples" / module.relative_to(ROOT / "examples")).is_file()


def test_run_times_lists_every_run_slowest_first_linked_to_its_example(built_site, build_settings):
    _, site = built_site
    page = (site / "run-times" / "index.html").read_text(encoding="utf-8")
    body = page[page.index("<tbody>") : page.index("</tbody>")]
    rows = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in body.split("<tr>")[1:]]
    assert rows and all(len(cells) == 6 for cells in rows), rows[:2]
    times = [float(cells[3].removesuffix(" s")) for cells in rows]
    assert times == sorted(times, reverse=True), "not slowest first"
    names = [re.sub(r"<[^>]+>", "", cells[0]) for cells in rows]
    jobs = [page_job(e, build_settings) for e in all_examples(build_settings)]
    assert {job.name for job in jobs} <= set(names)
    for name, cells in zip(names, rows):
        if "/" in name:  # an example (not the notebook or kit)
            assert re.match(r'<a href="[^"#]+#example-[^"]+" title="[^"]+"><code>', cells[0]), (
                f"{cells[0]} does not link to its example"
            )


def test_every_table_is_a_focusable_region_the_themes_script_leaves_alone(built_site):
    _, site = built_site
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        where = path.relative_to(site)
        # The theme's script wraps a table without a class after load: a second layout.
        assert "<table>" not in text, f"{where}: a table without the data-table class"
        assert text.count('<table class="data-table">') == text.count('class="table-scroll"'), (
            f"{where}: a data table outside its scrolling region"
        )


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")


def test_bad_input_fails_the_build_naming_file_and_reason(tmp_path, settings):
    project = tmp_path / "project"
    write(
        project / "mkdocs.yml",
        f"""
        site_name: broken
        hooks: ["{HOOK}"]
        markdown_extensions: [admonition, attr_list, md_in_html, pymdownx.superfences]
    """,
    )
    write(
        project / "docs" / "index.md",
        """
        # Broken

        !example demo/typo_name.py

        !example demo/raises.py

        !example demo/hangs.py

        !example demo/ok.py#nosuchsection

        !example-output demo/output_only.py
    """,
    )
    write(
        project / "examples" / "demo" / "raises.py",
        """
        import sys
        print("the cause, on the first line", file=sys.stderr)
        for n in range(60):  # a long log after it: the cause must still reach the build log
            print(f"log line {n}", file=sys.stderr)
        raise ValueError('broken example')
    """,
    )
    write(
        project / "examples" / "demo" / "hangs.py",
        """
        # /// example
        # timeout = 2
        # ///
        import threading
        threading.Event().wait()
    """,
    )
    write(project / "examples" / "demo" / "ok.py", "print('fine')\n")
    write(project / "examples" / "demo" / "output_only.py", "print('symptom')\n")
    done = mkdocs_build(settings, project, tmp_path / "site")
    assert done.returncode != 0
    log = done.stderr
    assert "docs/index.md:3: no example examples/demo/typo_name.py" in log
    assert (
        "docs/index.md:5: example examples/demo/raises.py failed: demo/raises.py: exited with status 1"
        in log
    )
    assert "ValueError: broken example" in log  # the traceback is shown
    assert "the cause, on the first line" in log and "log line 59" in log  # stderr, whole
    assert (
        "docs/index.md:7: example examples/demo/hangs.py timeout: demo/hangs.py: timed out after 2 s"
        in log
    )
    assert "docs/index.md:9: demo/ok.py#nosuchsection: no section 'nosuchsection'" in log
    # Output without its code anywhere on the site would be a symptom nobody can inspect.
    assert (
        "docs/index.md:11: examples/demo/output_only.py is shown only as output; "
        "show its code on some page with '!example'" in log
    )


def test_warm_build_runs_no_example_and_a_touched_one_reruns_alone(tmp_path, settings):
    project = tmp_path / "project"
    write(
        project / "mkdocs.yml",
        f"""
        site_name: warm
        hooks: ["{HOOK}"]
        plugins: [{{mkdocs-jupyter: {{include: ["*.ipynb"], execute: false}}}}]
        markdown_extensions: [admonition, attr_list, md_in_html, pymdownx.superfences]
    """,
    )
    write(project / "docs" / "index.md", "# Warm\n\n!example demo/a.py\n\n!example demo/b.py\n")
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("print('from the notebook')")]
    )
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(notebook, project / "docs" / "bench.ipynb")
    write(project / "examples" / "demo" / "a.py", "print('a')\n")
    write(project / "examples" / "demo" / "b.py", "print('b')\n")
    cold = mkdocs_build(settings, project, tmp_path / "s1").stderr
    assert (
        "examples: 2 run, 0 cached, 0 failed" in cold
        and "notebooks: 1 run, 0 cached, 0 failed" in cold
    )
    assert "from the notebook" in (tmp_path / "s1" / "bench" / "index.html").read_text()
    warm = mkdocs_build(settings, project, tmp_path / "s2").stderr
    assert (
        "examples: 0 run, 2 cached, 0 failed" in warm
        and "notebooks: 0 run, 1 cached, 0 failed" in warm
    )
    write(project / "examples" / "demo" / "a.py", "print('a, changed')\n")
    done = mkdocs_build(settings, project, tmp_path / "s3")
    assert "examples: 1 run, 1 cached, 0 failed" in done.stderr
    assert "a, changed" in (tmp_path / "s3" / "index.html").read_text()
    fresh = mkdocs_build(settings, project, tmp_path / "s4", EXAMPLES_FRESH="1")
    assert "examples: 2 run, 0 cached, 0 failed" in fresh.stderr


def test_version_tabs_show_each_interpreter_and_say_which_is_missing(
    tmp_path, settings, example_python
):
    project = tmp_path / "project"
    write(
        project / "mkdocs.yml",
        f"""
        site_name: tabs
        hooks: ["{HOOK}"]
        markdown_extensions:
          [admonition, attr_list, md_in_html, pymdownx.superfences, pymdownx.tabbed]
    """,
    )
    write(project / "docs" / "index.md", "# Tabs\n\n!example demo/version.py\n")
    write(
        project / "examples" / "demo" / "version.py",
        f"""
        # /// example
        # compare = ["{example_python.tag}", "3.99"]
        # ///
        import platform
        print("ran on", platform.python_version())
    """,
    )
    done = mkdocs_build(settings, project, tmp_path / "site")
    assert done.returncode == 0, done.stderr[-3000:]
    assert (
        "INFO" in done.stderr and "no CPython 3.99 on this machine; its tab says so" in done.stderr
    )
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert f">Python {example_python.tag}<" in page and ">Python 3.99<" in page
    assert f"ran on {example_python.version}" in page  # the real output, in its tab
    assert "The machine that built this page has no CPython 3.99." in page
    # A deploy build requires every tab: the same page fails, naming the example.
    strict = mkdocs_build(settings, project, tmp_path / "site2", EXAMPLES_REQUIRE_TABS="1")
    assert strict.returncode != 0
    assert (
        "docs/index.md:3: examples/demo/version.py: no CPython 3.99 on this machine"
        in strict.stderr
    )


def test_a_package_missing_on_the_page_python_fails_the_build(tmp_path, settings):
    project = tmp_path / "project"
    write(
        project / "mkdocs.yml",
        f"""
        site_name: packages
        hooks: ["{HOOK}"]
        markdown_extensions: [admonition, attr_list, md_in_html, pymdownx.superfences]
    """,
    )
    write(project / "docs" / "index.md", "# Packages\n\n!example demo/needs.py\n")
    # The requirements file does not list it: the page Python's environment lacks it.
    write(project / "examples" / "requirements.txt", "# nothing\n")
    write(
        project / "examples" / "demo" / "needs.py",
        """
        # /// example
        # requires = ["no-such-distribution-here"]
        # ///
        import no_such_distribution_here
    """,
    )
    done = mkdocs_build(
        settings, project, tmp_path / "site", EXAMPLES_ENV_DIR=str(tmp_path / "envs")
    )
    assert done.returncode != 0
    assert (
        "docs/index.md:3: example examples/demo/needs.py failed: demo/needs.py: needs "
        "no-such-distribution-here, not installed for" in done.stderr
    )


def test_a_malformed_benchmark_result_fails_the_build_with_its_name(tmp_path, settings):
    project = tmp_path / "project"
    write(
        project / "mkdocs.yml",
        f"""
        site_name: results
        hooks: ["{HOOK}"]
        markdown_extensions: [admonition, attr_list, md_in_html, pymdownx.superfences, tables]
    """,
    )
    write(project / "docs" / "index.md", "# Results\n\n!benchmark-results\n")
    write(project / "docs" / "data" / "results" / "bad.json", '{"kit_version": "1.0", "cores": 0}')
    (project / "examples").mkdir()
    done = mkdocs_build(settings, project, tmp_path / "site")
    assert done.returncode != 0
    assert "docs/index.md:3:" in done.stderr and "bad.json: not a valid kit result" in done.stderr
    assert "cores: 0 is less than the minimum of 1" in done.stderr
