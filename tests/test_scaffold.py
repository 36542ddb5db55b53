"""The scaffold makes an example that passes as it is, and refuses bad names."""

import shutil

import pytest

from example_runner import Batch, Status, all_examples, example_job, load_example
from example_runner.commands.new import ScaffoldError, _page_for, new_example

from .support import ROOT
from .test_pages import placeholders_left


@pytest.fixture
def project(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "sync.md").write_text("# Sync\n\n!example sync/lock_counter.py\n")
    (tmp_path / "examples" / "sync").mkdir(parents=True)
    shutil.copy(
        ROOT / "examples" / "decide" / "classify_workload.py",
        tmp_path / "examples" / "sync" / "lock_counter.py",
    )
    return tmp_path


def test_new_example_runs_under_every_start_method_and_lands_on_its_topic_page(
    project, settings, example_python
):
    path, where = new_example("sync/semaphore_pool", project)
    assert path == project / "examples" / "sync" / "semaphore_pool.py"
    assert "docs/sync.md" in where
    assert "!example sync/semaphore_pool.py" in (project / "docs" / "sync.md").read_text()
    claims = (project / "claims" / "sync.py").read_text()
    assert '@claim("sync/semaphore_pool.py")' in claims
    example = load_example(path, project / "examples")
    local = settings.replace(project=project, cache_dir=project / ".cache")
    jobs = [example_job(example, local, example_python, m) for m in ("fork", "spawn", "forkserver")]
    batch = Batch(jobs, local, progress="off").start()
    for job in jobs:  # it runs, and its scaffolded claim holds
        result = batch.result(job)
        assert result.status is Status.OK, result.reason
        assert [c.name for c in result.verdict.held] == ["semaphore_pool_prints_its_result"]


def test_new_topic_says_where_to_put_the_directive(project):
    _, where = new_example("newtopic/first", project)
    assert "!example newtopic/first.py" in where and "docs/<page>.md" in where


@pytest.mark.parametrize(
    "name, message",
    [
        ("Sync/Bad-Name", "not a valid example name"),
        ("sync", "not a valid example name"),
        ("sync/_helper", "not a valid example name"),
        ("../escape/x", "not a valid example name"),
        ("sync/lock_counter", "already exists"),
    ],
)
def test_bad_names_and_existing_files_are_refused(project, name, message):
    with pytest.raises(ScaffoldError, match=message):
        new_example(name, project)


def test_new_example_goes_to_the_page_that_shows_its_topic_in_full(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    # A page that shows only a run's output (a symptom) comes first by name ...
    (docs / "a-troubleshooting.md").write_text("!example-output procs/one.py\n")
    # ... one shows a single example of the topic, the topic's own page shows two.
    (docs / "b-intro.md").write_text("!example procs/one.py\n")
    (docs / "c-procs.md").write_text("!example procs/one.py\n\n!example procs/two.py\n")
    assert _page_for("procs", docs) == docs / "c-procs.md"
    assert _page_for("no-such-topic", docs) is None
    # and on the real site:
    assert _page_for("procs", ROOT / "docs") == ROOT / "docs" / "multiprocessing.md"


def test_placeholders_left_as_generated_are_found_with_the_file_named(project, settings):
    new_example("sync/left_as_is", project)
    local = settings.replace(project=project)
    pages = sorted((project / "docs").rglob("*.md"))
    left = placeholders_left(pages, all_examples(local), project)
    assert any(line.startswith("docs/sync.md:") and "TODO: one or two" in line for line in left)
    assert "examples/sync/left_as_is.py: replace the docstring" in "\n".join(left)
    assert any(line.startswith("claims/sync.py:") and "claim's docstring" in line for line in left)
