import re

from ..support import examples_of


@examples_of("decide/classify_workload.py")
def test_sleep_is_io_bound_and_loop_is_cpu_bound(result):
    out = result.stdout
    assert re.search(r"^waits .*-> I/O-bound", out, re.M), out
    assert re.search(r"^computes .*-> CPU-bound", out, re.M), out
