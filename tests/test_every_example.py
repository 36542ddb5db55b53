"""Every example runs as it declares, under every start method it supports."""

from example_runner import Status

from .support import passing


def test_example_runs_as_declared(any_job, session_runs):
    # Fails with the runner's reason (exit status, stderr, timeout, a process left behind,
    # a claim that never held), or skips a version gate.
    result = passing(session_runs, any_job)
    assert result.status is not Status.CLAIM_FAILED, result.reason
