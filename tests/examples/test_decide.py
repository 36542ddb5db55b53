"""The claims of the decision guide, checked on the output of its example."""

import re

from ..support import examples_of


@examples_of("decide/classify_workload.py")
def test_sleep_is_io_bound_and_loop_is_cpu_bound(result, timing):
    # Sleeping uses no CPU at all: a share under 20% holds whatever the load.
    assert re.search(r"^waits .*-> I/O-bound", result.stdout, re.M), result.stdout

    def check(result):
        # A busy loop uses the CPU for all of its wall time (the bound is 100%), unless
        # another process takes its core; run alone, it stays above the 80% the example
        # calls CPU-bound.
        assert re.search(r"^computes .*-> CPU-bound", result.stdout, re.M), result.stdout

    timing(check)
