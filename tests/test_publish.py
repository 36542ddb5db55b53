"""The publish command: what readers see is what was judged.

`publish` runs and judges everything the pages show, builds with --strict and checks the
built site; `publish --no-run` runs nothing, uses only stored runs whose claims hold, and
names the first run it lacks; a store made on another machine (another job of the GitHub
workflow) fills the tab of an interpreter this machine does not have, from the
interpreter the store recorded. (The real site is published by tests/conftest.py.)"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from example_runner import Cache, Result, example_job, job_key, load_example, page_interpreter
from example_runner.sitecheck import check_site, third_party_loads

from .test_build import HOOK


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")


@pytest.fixture
def project(tmp_path, example_python):
    write(
        tmp_path / "mkdocs.yml",
        f"""
        site_name: publish
        site_url: http://127.0.0.1:8000/
        theme: {{name: material, font: false}}  # MkDocs' own theme loads from a CDN
        hooks: ["{HOOK}"]
        markdown_extensions:
          [admonition, attr_list, md_in_html, pymdownx.superfences, pymdownx.tabbed]
        """,
    )
    write(
        tmp_path / "docs" / "index.md",
        "# Publish\n\n!example demo/hello.py\n\n!example demo/tabs.py\n",
    )
    write(tmp_path / "examples" / "demo" / "hello.py", "print('hello')\n")
    write(
        tmp_path / "examples" / "demo" / "tabs.py",
        f"""\
        # /// example
        # compare = ["{example_python.tag}", "3.99"]
        # ///
        import sys
        print("ran on", sys.version.split()[0])
        """,
    )
    write(
        tmp_path / "claims" / "demo.py",
        '''
        from example_runner.claims import Run, claim


        @claim("demo/hello.py")
        def says_hello(run: Run) -> None:
            """It greets the reader."""
            run.expect(run.contains("hello"), "it prints hello")


        @claim("demo/tabs.py")
        def names_its_python(run: Run) -> None:
            """It prints the version of the Python that ran it."""
            run.expect(run.contains(f"ran on {run.python.version}"), "its own version")
        ''',
    )
    return tmp_path


def publish(project: Path, settings, *args: str, **env: str) -> subprocess.CompletedProcess:
    environ = settings.tool_env(
        EXAMPLES_CACHE_DIR=str(project / ".cache" / "examples"),
        EXAMPLES_PAGE_PYTHON=page_interpreter(settings).executable,
        NO_MKDOCS_2_WARNING="1",
        PYTHONPATH=os.pathsep.join([str(Path(HOOK).parent.parent), *env.pop("path", [])]),
        **env,
    )
    return subprocess.run(
        [sys.executable, "-m", "example_runner", "publish", "--site", str(project / "site"), *args],
        cwd=project,
        env=environ,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_no_run_on_an_empty_store_fails_naming_the_first_missing_run(project, settings):
    done = publish(project, settings, "--no-run")
    assert done.returncode == 1
    assert "publish: the build failed" in done.stdout
    first = done.stdout.split("the first: ", 1)[1]
    assert first.startswith(
        "docs/index.md:3: example examples/demo/hello.py failed: no stored run of "
        "demo/hello.py on CPython"
    ), done.stdout
    assert "EXAMPLES_NO_RUN runs nothing" in first


def test_after_publish_no_run_passes_and_runs_nothing(project, settings):
    made = publish(project, settings)
    assert made.returncode == 0, made.stdout + made.stderr[-3000:]
    assert "examples: 2 run, 0 cached, 0 failed" in made.stdout
    again = publish(project, settings, "--no-run")
    assert again.returncode == 0, again.stdout + again.stderr[-3000:]
    assert "examples: 0 run, 2 cached, 0 failed" in again.stdout
    assert "claims: 2 held, 0 failed" in again.stdout
    assert "no CPython 3.99 on this machine" in again.stderr  # the tab says so (info)


def test_a_store_from_another_machine_fills_a_tab_this_machine_cannot_run(
    project, settings, example_python, tmp_path
):
    """A run made on "another machine" by an interpreter this one lacks (3.99, simulated
    by rewriting a real run's recorded identity in a separate store; no such run ever
    reaches the real site) is found, judged and shown by a build that merges that store."""
    local = settings.replace(project=project, cache_dir=project / ".cache" / "examples")
    assert publish(project, settings).returncode == 0  # this machine's own runs
    elsewhere = dataclasses.replace(
        example_python,
        executable="/elsewhere/bin/python3.99",
        version="3.99.1",
        version_info=(3, 99, 1),
        full_version="3.99.1 (main, simulated) [GCC 99]",
        platform="Elsewhere x86_64",
        cores=64,
    )
    example = load_example(project / "examples" / "demo" / "tabs.py", project / "examples")
    job = example_job(example, local, elsewhere)
    store = Cache(tmp_path / "their-store")
    run = Result(name="demo/tabs.py", python=elsewhere.id, stdout="ran on 3.99.1\n", duration=0.1)
    store.put(job_key(job, local), run)
    store.record_interpreter(elsewhere, elsewhere)
    # Without the store, the tab has no run; with it, the run is found by its key.
    done = publish(project, settings, "--no-run", "--require-tabs")
    assert done.returncode == 1 and "no CPython 3.99 on this machine" in done.stdout
    done = publish(project, settings, "--no-run", "--require-tabs", "--merge", str(store.directory))
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    assert "merged" in done.stderr and "1 stored run(s) added" in done.stderr
    page = (project / "site" / "index.html").read_text()
    assert "ran on 3.99.1" in page and "CPython 3.99.1 · Elsewhere x86_64 · 64 cores" in page
    # And its claim was judged: a stored run that contradicts it fails the build.
    stored = store.directory / f"{job_key(job, local)}.json"
    data = json.loads(stored.read_text())
    data["stdout"] = "ran on 3.98.0\n"
    stored.write_text(json.dumps(data))
    (project / ".cache" / "examples" / stored.name).unlink()
    done = publish(project, settings, "--no-run", "--merge", str(store.directory))
    assert done.returncode == 1 and "claim names_its_python" in done.stdout


def test_the_site_check_names_a_third_party_load_a_missing_copy_and_a_broken_link(tmp_path):
    site = tmp_path / "site"
    write(site / "index.html", '<h1>Home</h1><a href="gil/">GIL</a><a href="nowhere/">x</a>')
    write(
        site / "gil" / "index.html",
        '<h1>GIL</h1><script src="https://cdn.example.net/x.js"></script>'
        '<link rel="stylesheet" href="https://fonts.example.com/a.css">'
        '<a href="https://docs.python.org/3/">a link is no load</a>',
    )
    write(site / "index.md", "# Home\n")
    write(site / "llms.txt", "# x\n- [Home](http://127.0.0.1:8000/index.md)\n")
    write(site / "llms-full.txt", "# Home\n")
    examples = tmp_path / "examples"
    write(examples / "demo" / "x.py", "print(1)\n")
    import zipfile

    with zipfile.ZipFile(site / "examples.zip", "w") as archive:
        archive.writestr("examples/other.py", "")
    assert third_party_loads(site, "http://127.0.0.1:8000/") == [
        "gil/index.html loads https://cdn.example.net/x.js",
        "gil/index.html loads https://fonts.example.com/a.css",
    ]
    assert check_site(site, "http://127.0.0.1:8000/", examples) == [
        "broken link: index.html -> nowhere/: no file",
        "third-party request: gil/index.html loads https://cdn.example.net/x.js",
        "third-party request: gil/index.html loads https://fonts.example.com/a.css",
        "/gil/: no Markdown copy (/gil/index.md)",
        "/examples.zip lacks examples/demo/x.py",
    ]


def test_the_session_prints_what_its_site_build_reran_and_judged():
    from .support import build_summary

    log = (
        "INFO    -  Building documentation...\n"
        "  running beyond/dask_local_cluster.py (alone) ...\n"
        "  running scale/blas.py (alone; a timing claim failed: run 2 of 4 after 3 s) ...\n"
        "  36/109 scale/blas.py 7.8 s (held on run 2) (111 s elapsed)\n"
        "  37/109 sync/atomicity.py 0.3 s (112 s elapsed)\n"
        "INFO    -  examples: 107 run, 0 cached, 0 failed (163.4 s)\n"
        "INFO    -  claims: 154 held, 0 failed; 1 run(s) needed 1 rerun(s)\n"
    )
    assert build_summary(log) == [
        "36/109 scale/blas.py 7.8 s (held on run 2) (111 s elapsed)",
        "INFO - examples: 107 run, 0 cached, 0 failed (163.4 s)",
        "INFO - claims: 154 held, 0 failed; 1 run(s) needed 1 rerun(s)",
    ]
