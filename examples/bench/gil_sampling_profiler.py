"""Who holds the GIL?

Python 3.15's sampling profiler in GIL mode, on a CPU and an I/O thread.
"""

# /// example
# requires_python = "3.15"
# timeout = 90
# volatile = [  # varies from run to run (see example_runner/shapes.py)
#     'Captured \d+ samples',
#     '^Warning: missed \d+ samples.*$',
#     '(?:^ +\d+/\d+ [^\n]*\n)+',
# ]
# ///

import os
import re
import signal
import subprocess
import sys
import threading
import time


def crunch(seconds):  # pure-Python arithmetic: holds the GIL whenever it runs
    total, deadline = 0, time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        for i in range(1000):
            total += i * i


# sleeps in short steps, like a socket wait: the GIL is free
def wait_for_io(seconds):
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        time.sleep(0.005)


def profile_this_file():
    if sys.version_info < (3, 15):
        print("skipped: profiling.sampling needs Python 3.15 or newer")
        return 0
    # run: start a script under the profiler;
    # --mode gil: keep only the samples taken while a thread holds the GIL;
    # -a: sample every thread, not only the main one.
    options = [
        "--mode",
        "gil",
        "-a",
        "-r",
        "1khz",
        "-d",
        "5",
        "--limit",
        "8",
        "--no-summary",
    ]
    args = ["run", *options, os.path.abspath(__file__), "--program"]
    print("$ python -m profiling.sampling " + " ".join(args) + "\n")
    proc = subprocess.Popen(
        [sys.executable, "-m", "profiling.sampling", *args],
        # plain text, no colours
        env=dict(os.environ, NO_COLOR="1", PYTHON_COLORS="0"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # one process group: the profiler and the program it runs
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        (
            os.killpg(proc.pid, signal.SIGKILL)
            if hasattr(os, "killpg")
            else proc.kill()
        )
        proc.communicate()
        print("the profiler did not finish within 60 s; stopped it")
        return 1
    if proc.returncode and re.search(
        r"permission|privilege", err, re.IGNORECASE
    ):
        print(
            "The profiler may not read the program's memory here. "
            "On Linux it needs"
        )
        print(
            "ptrace permission: "
            "see 'Platform requirements' in the profiling.sampling docs."
        )
        print("no profile: permission denied")
        return 0
    print(out.rstrip())
    if proc.returncode:
        print(
            "the profiler exited with status "
            f"{proc.returncode}:\n{err[-2000:]}"
        )
    return proc.returncode


if __name__ == "__main__":
    # the run that the profiler starts and samples
    if sys.argv[1:] == ["--program"]:
        workers = [
            threading.Thread(target=f, args=(1.5,))
            for f in (crunch, wait_for_io)
        ]
        for t in workers:
            t.start()
        for t in workers:
            t.join()
    else:
        sys.exit(profile_this_file())
