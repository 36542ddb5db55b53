"""Without a __main__ guard, a spawn child re-runs the top level and fails."""

# /// example
# start_methods = []             # the scripts below choose spawn themselves
# ///

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = """\
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

SPAWN = multiprocessing.get_context("spawn")

def square(x):
    return x * x

print("top-level code runs, __name__ =", __name__)
{guard}with ProcessPoolExecutor(max_workers=1, mp_context=SPAWN) as pool:
{indent}    print("result:", pool.submit(square, 7).result(timeout=20))
"""


def run(name, guarded):
    text = SCRIPT.format(
        guard='if __name__ == "__main__":\n    ' if guarded else "",
        indent="    " * guarded,
    )
    Path(name).write_text(text)  # into the current directory
    # Unbuffered output in the script and in its child:
    # lines come out in the order printed.
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    try:
        proc = subprocess.run(
            [sys.executable, name],
            capture_output=True,
            text=True,
            timeout=30,
            env=env,
        )
    except subprocess.TimeoutExpired:
        print(f"--- python {name}: still running after 30 s, killed")
        return
    print(f"--- python {name}: exit status {proc.returncode}")
    for line in proc.stdout.splitlines():
        print("  stdout:", line)
    # no temp paths
    err = proc.stderr.replace(str(Path.cwd()) + os.sep, "").splitlines()
    if err:
        # The child's exception: from its "RuntimeError" line to the next
        # traceback (or to the pool's note on how the child ended, which
        # 3.15 adds when it sees the exit code in time: a race).
        start = next(
            (i for i, ln in enumerate(err) if ln.startswith("RuntimeError")), 0
        )
        end = next(
            (
                i
                for i in range(start, len(err))
                if err[i].startswith(("Trace", "concurrent.futures.process"))
            ),
            None,
        )
        print("  the child's error (stderr):")
        block = [line.rstrip() for line in err[start:end]]
        while not block[-1]:
            block.pop()
        for line in block:
            print(f"    {line}".rstrip())
        print("  what the parent got (last line of stderr):")
        print("   ", err[-1])


if __name__ == "__main__":
    run("no_guard.py", guarded=False)
    run("with_guard.py", guarded=True)
