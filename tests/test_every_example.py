"""Every example runs as it declares, under every start method it supports."""

from example_runner import Status

from .support import passing


def test_example_runs_as_declared(any_job, example_runs):
    result = passing(example_runs, any_job)  # fails with the runner's reason, or skips a gate
    assert result.status is Status.OK and result.name == any_job.example.rel
    assert result.interpreter == any_job.interpreter.label  # it ran where it was asked to
    if any_job.start_method is not None:  # the start method in effect is the imposed one
        assert result.start_method == any_job.start_method and result.start_method_imposed
