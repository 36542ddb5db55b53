"""What max_workers defaults to when you leave it out.

Also which CPU count the default comes from: the example first
restricts itself to one core, so the two counts differ.
"""

# /// example
# start_methods = []             # no worker is started:
#                                # the start method does not matter
# compare = ["3.12", "3.15"]     # 3.13 counts only the usable cores
# ///

import os
import platform
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

if __name__ == "__main__":
    print(f"Python {platform.python_version()}")
    # Run on one core only, as `taskset -c 0` or a container's cpuset
    # would make it: then the machine's count and the usable count
    # differ, and the defaults show which one they follow.
    if hasattr(os, "sched_setaffinity"):  # Linux and a few other systems
        cores = os.sched_getaffinity(0)
        core = min(cores)
        os.sched_setaffinity(0, {core})
        print(
            f"os.sched_setaffinity(0, {{{core}}}): restricted to core {core}, "
            f"1 of the {len(cores)} it could use"
        )
    else:
        print(
            "os.sched_setaffinity() is not available here: the process "
            "could not be restricted to one core"
        )
    print(
        f"os.cpu_count()                 {os.cpu_count()}   "
        "(cores in the machine)"
    )
    if hasattr(os, "sched_getaffinity"):
        usable = len(os.sched_getaffinity(0))
        print(
            f"len(os.sched_getaffinity(0))   {usable}   "
            "(cores this process may run on)"
        )
    if hasattr(os, "process_cpu_count"):  # new in 3.13
        print(f"os.process_cpu_count()         {os.process_cpu_count()}")
    else:
        print(
            "os.process_cpu_count()         (not available before Python 3.13)"
        )

    # _max_workers is a private attribute: fine for a look,
    # not for production code.
    # Creating an executor starts no thread or process;
    # they start on first submit().
    with ThreadPoolExecutor() as threads, ProcessPoolExecutor() as processes:
        print(f"ThreadPoolExecutor() workers   {threads._max_workers}")
        print(f"ProcessPoolExecutor() workers  {processes._max_workers}")

    # 3.13+: -X cpu_count (or PYTHON_CPU_COUNT) overrides os.cpu_count()
    # and os.process_cpu_count(), so both defaults. Older versions accept
    # any -X option and ignore this one.
    code = (
        "import os;"
        "from concurrent.futures import ProcessPoolExecutor as P, "
        "ThreadPoolExecutor as T;"
        "print(T()._max_workers, P()._max_workers, os.cpu_count())"
    )
    out = subprocess.run(
        [sys.executable, "-X", "cpu_count=1", "-c", code],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    print(
        "with -X cpu_count=1: "
        f"ThreadPoolExecutor {out[0]}, ProcessPoolExecutor {out[1]}, "
        f"os.cpu_count() {out[2]}"
    )
