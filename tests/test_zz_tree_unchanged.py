"""Runs last (by name): the whole session left the repository tree as it found it.

Examples write only in their temporary working directory and the build writes only to
its own site and cache folders, so no file under the project (outside ignored caches)
may appear, change or vanish while the tests run.
"""

from .conftest import SNAPSHOT, tree_snapshot


def test_repository_tree_is_unchanged_by_the_test_run(request):
    before = request.config.stash[SNAPSHOT]
    after = tree_snapshot()
    added = sorted(set(after) - set(before))
    removed = sorted(set(before) - set(after))
    changed = sorted(p for p in set(before) & set(after) if before[p] != after[p])
    assert not (added or removed or changed), f"added {added}, removed {removed}, changed {changed}"
