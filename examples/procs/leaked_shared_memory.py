"""Forgetting unlink(): the resource tracker removes the segment at exit.

It also warns on stderr.
"""

# /// example
# platforms = ["linux", "darwin"]  # Windows frees segments itself:
#                                  # no resource tracker
# ///

import re
import subprocess
import sys
from multiprocessing import shared_memory

# Each case runs in a separate Python,
# so this script can show that program's stderr.
LEAKY = """
from multiprocessing import shared_memory
shm = shared_memory.SharedMemory(create=True, size=1024)
print(shm.name)
shm.close()  # closed, but never unlinked: the segment would outlive \
the program
"""
FIXED = LEAKY.replace("shm.close()", "shm.close(); shm.unlink()")
# A lock made for spawn children is a named semaphore;
# os._exit skips its cleanup, as a kill would.
KILLED = """
import multiprocessing, os
lock = multiprocessing.get_context("spawn").Lock()
os._exit(0)
"""


def run(label, code):
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=30,
    )
    # Keep only the warning's message (not its file and line);
    # 3.13+ adds the random names.
    messages = re.findall(r"UserWarning: (resource_tracker: .*)", proc.stderr)
    print(
        f"{label}: exit code {proc.returncode}, "
        f"{len(messages)} warning(s) on stderr"
    )
    for message in messages:
        print("    " + re.sub(r"'(/[a-z]+[-_])\w+'", r"'\1...'", message))
    return proc.stdout.strip()


def still_exists(name):
    try:
        shm = shared_memory.SharedMemory(name=name)
    except FileNotFoundError:
        return False
    shm.close()
    shm.unlink()  # it was really left behind: remove it ourselves
    return True


if __name__ == "__main__":
    name = run("shared memory, no unlink()  ", LEAKY)
    print(f"    the segment still exists afterwards: {still_exists(name)}")
    run("shared memory, with unlink()", FIXED)
    run("lock, creator killed        ", KILLED)
