"""Every example runs as it declares, under every start method it supports."""

import pytest

from .support import all_jobs, passing


@pytest.mark.parametrize("job", all_jobs(), ids=str)
def test_example_runs_as_declared(job, example_runs):
    result = passing(example_runs, job)
    assert result.duration > 0
