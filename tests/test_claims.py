"""Every claim the pages make about a run holds on that run: each example under each start
method it supports (and under the interpreters of its version tabs), the benchmark
notebook and the benchmark kit.

The session's batch has already judged every claim on every run, and run again (alone,
after a pause) a job whose timing claim failed; the test calls the claim itself on the run
the batch kept, so it fails with the claim's own message and the lines it read.
"""

from __future__ import annotations

import pytest

from example_runner import all_examples
from example_runner.claims import ClaimFailed, Failure, Run

from .support import passing


def test_claim_holds(claim_case, session_runs):
    job, claim = claim_case
    result = passing(session_runs, job)
    text = job.claim_text(result, session_runs.artifact(job))
    run = Run(
        text, result.python, result.start_method, stderr=result.stderr, duration=result.duration
    )
    try:
        claim.function(run)
    except ClaimFailed as exc:
        runs = 1 + result.reruns
        pytest.fail(
            Failure(claim, str(exc), run.read).describe(job.file, result.interpreter)
            + f"\n({runs} run(s) made)"
        )


def test_every_example_has_a_claim(settings, claims):
    """Coverage is what the claims modules registered, not a search of their text."""
    missing = [e.rel for e in all_examples(settings) if not claims.of(e.rel)]
    assert not missing, f"examples no claim checks (add one in claims/<topic>.py): {missing}"


def test_every_claim_names_something_that_runs(settings, claims):
    examples = {e.rel for e in all_examples(settings)}
    others = {
        p.relative_to(settings.docs_dir).as_posix() for p in settings.docs_dir.rglob("*.ipynb")
    }
    others.add("kit.py")
    unknown = [c.ref for c in claims.all() if c.target not in examples | others]
    assert not unknown, f"claims about nothing that runs: {unknown}"


def test_every_claim_says_what_it_claims(claims):
    undocumented = [c.ref for c in claims.all() if len(c.doc) < 20]
    assert not undocumented, f"claims without a docstring for readers: {undocumented}"
