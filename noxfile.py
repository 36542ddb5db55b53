"""Run the tests under every Python on this machine: `nox` (or `nox -s tests-3.12`).

Each session runs the whole test suite from this interpreter's environment, with the
examples (and their claims) run by that Python (--example-python): the toolchain itself
(MkDocs, pytest) installs on 3.11-3.13 only, but the examples must run on 3.10-3.15.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nox

sys.path.insert(0, str(Path(__file__).parent))
from example_runner import Settings, discover  # noqa: E402
from example_runner.interpreters import newest_per_tag  # noqa: E402

nox.options.default_venv_backend = "none"
PYTHONS = {i.tag: i for i in newest_per_tag(discover(Settings.from_env(Path.cwd())))}


@nox.session
@nox.parametrize("version", list(PYTHONS))
def tests(session: nox.Session, version: str) -> None:
    session.run(
        sys.executable,
        "-m",
        "pytest",
        "--example-python",
        PYTHONS[version].executable,
        *session.posargs,
        env={"NO_MKDOCS_2_WARNING": "1"},
    )


# The GitHub workflow's steps that can run here, with its ${{ }} expressions replaced by a
# fixed map (what only GitHub has: free-threaded builds, macOS, Windows, Pages).
def _expressions(page: str, tag: str, base_url: str) -> dict[str, str]:
    return {
        "steps.examples-python.outputs.python-path": page,
        "matrix.os": "ubuntu-latest",
        "matrix.python": tag,
        "steps.pages.outputs.base_url": base_url,
        "github.server_url": "https://github.com",
        "github.repository": "owner/threads-vs-processes",
        "github.ref_name": "main",
    }


@nox.session(name="workflow", default=False)  # about 7 minutes: ask for it
def workflow(session: nox.Session) -> None:
    """The examples job's pytest line (on the page Python), into a store of its own; then
    the build job's `publish --no-run`, merging that store into an empty one."""
    import re
    import shlex
    import tempfile

    import yaml

    from example_runner import page_interpreter

    jobs = yaml.safe_load(Path(".github/workflows/ci.yml").read_text(encoding="utf-8"))["jobs"]
    page = page_interpreter(Settings.from_env(Path.cwd()))
    values = _expressions(page.executable, page.tag, "http://127.0.0.1:8000")

    def command(job: str, marker: str) -> tuple[str, dict[str, str]]:
        step = next(s for s in jobs[job]["steps"] if marker in s.get("run", ""))
        line = " ".join(step["run"].split())
        env = {k: str(v) for k, v in {**jobs[job].get("env", {}), **step.get("env", {})}.items()}

        def fill(text: str) -> str:
            return re.sub(r"\$\{\{\s*(.*?)\s*\}\}", lambda m: values[m.group(1)], text)

        return fill(line), {k: fill(v) for k, v in env.items()}

    with tempfile.TemporaryDirectory(prefix="workflow-") as tmp:
        store, stores = Path(tmp) / "store", Path(tmp) / "stores"
        line, env = command("examples", "python -m pytest")
        env["EXAMPLES_START_METHODS"] = "fork,spawn,forkserver"
        session.run(*shlex.split(line), env={**env, "EXAMPLES_CACHE_DIR": str(store)})
        (stores / "store-tests").parent.mkdir()
        (stores / "store-tests").symlink_to(store)
        line, env = command("build", "example_runner publish")
        line = line.replace("stores/*", str(stores / "store-tests"))
        line = line.replace("--site site", f"--site {Path(tmp) / 'site'}")
        line = line.replace("--require-tabs ", "")  # no 3.15t here: its tab says so
        session.run(*shlex.split(line), env={**env, "EXAMPLES_CACHE_DIR": str(Path(tmp) / "c")})
