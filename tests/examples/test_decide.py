import re

import pytest

from ..support import jobs_of, passing


@pytest.mark.parametrize("job", jobs_of("decide/classify_workload.py"), ids=str)
def test_sleep_is_io_bound_and_loop_is_cpu_bound(job, example_runs):
    out = passing(example_runs, job).stdout
    assert re.search(r"^waits .*-> I/O-bound", out, re.M), out
    assert re.search(r"^computes .*-> CPU-bound", out, re.M), out
