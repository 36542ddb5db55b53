"""The whole session left the repository tree as it found it (conftest runs this last,
whatever the order of the files).

Examples write only in their temporary working directory and the build writes only to
its own site and cache folders, so no file under the project (outside ignored caches)
may appear, change or vanish while the tests run.
"""

from .conftest import tree_snapshot


def test_repository_tree_is_unchanged_by_the_test_run(snapshot_before):
    after = tree_snapshot()
    added = sorted(set(after) - set(snapshot_before))
    removed = sorted(set(snapshot_before) - set(after))
    changed = sorted(p for p in set(snapshot_before) & set(after) if snapshot_before[p] != after[p])
    assert not (added or removed or changed), f"added {added}, removed {removed}, changed {changed}"


def test_tree_check_runs_last(request):
    """The tree check must see the whole session: conftest moves it to the end."""
    names = [item.name for item in request.session.items]
    check = "test_repository_tree_is_unchanged_by_the_test_run"
    if check in names:  # (a selection of tests may leave it out)
        assert names[-1] == check, names[-3:]
