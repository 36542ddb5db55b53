"""A worker function typed in an interactive session works under fork only."""

# /// example
# start_methods = []             # each session picks its start method itself
# platforms = ["linux", "darwin"]  # uses fork; Windows has only spawn
# ///

import re
import subprocess
import sys
from pathlib import Path

# What a user types at the >>> prompt,
# fed to an interactive interpreter on its stdin.
SESSION = """\
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
{define}
context = multiprocessing.get_context("{method}")
with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
    print("result:", pool.submit(square, 7).result(timeout=20))

"""
# defined in __main__, which has no file
TYPED = "def square(x):\n    return x * x\n"
# the fix: a module the children can import
IMPORTED = "from worker import square\n"
# an exception line, after any >>> prompts
ERROR = re.compile(r"[\w.]+(?:Error|Pool): .*")


def run_session(method, define):
    session = SESSION.format(define=define, method=method)
    try:  # -i: interactive, reading from stdin; -q: no banner
        proc = subprocess.run(
            [sys.executable, "-q", "-i"],
            input=session,
            capture_output=True,
            text=True,
            timeout=30,
        )
    except subprocess.TimeoutExpired:
        return ["no answer after 30 s (killed)"]
    results = [
        line for line in proc.stdout.splitlines() if line.startswith("result:")
    ]
    errors = [
        m.group(0) for m in map(ERROR.search, proc.stderr.splitlines()) if m
    ]
    return results + errors


if __name__ == "__main__":
    for method in ("fork", "spawn", "forkserver"):
        print(f"square typed in the session, {method}:")
        for line in run_session(method, TYPED):
            print("   ", line)

    # in the current directory, on the session's path
    Path("worker.py").write_text(TYPED)
    print("square imported from worker.py, spawn:")
    for line in run_session("spawn", IMPORTED):
        print("   ", line)
