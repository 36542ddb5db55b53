"""Helper: run one variant of a script in its own session and press Ctrl-C."""

import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import CancelledError


def press_ctrl_c(script, variant, after=0.2, timeout=30):
    """Run `script variant`; once it prints "ready", wait `after` seconds and
    send SIGINT to its whole process group, as a terminal does on Ctrl-C.
    Return the seconds it took to exit after that, and how it exited."""
    warnings = [f"-W{w}" for w in sys.warnoptions]  # as this process has them
    # Started in the background (`cmd &` in a script, nohup), this process
    # has SIGINT ignored, and a child would inherit that: Ctrl-C would do
    # nothing. Undo it, so the child starts as one started from a terminal.
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    proc = subprocess.Popen(
        [sys.executable, *warnings, script, variant],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        bufsize=0,
        start_new_session=True,  # a process group of its own, like a job
    )
    watchdog = threading.Timer(timeout, proc.kill)  # bounds every wait below
    watchdog.start()
    try:
        # "ready" is its only output before Ctrl-C: a 6-byte write, read whole.
        if proc.stdout.read(6) != b"ready\n":
            raise RuntimeError(f"{variant}: it did not print 'ready'")
        time.sleep(after)
        pressed = time.perf_counter()
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=timeout)
        took = time.perf_counter() - pressed
    finally:
        watchdog.cancel()
        if proc.poll() is None:  # something went wrong: leave nothing behind
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
    status = proc.returncode
    how = f"by {signal.Signals(-status).name}" if status < 0 else f"{status}"
    err = err.decode()
    last = (err.strip().splitlines() or ["nothing"])[-1]
    stderr = f"{err.count('Traceback')} traceback(s), ending: {last}"
    return took, how, out.decode().strip(), stderr


def report(script, variants):
    """Press Ctrl-C on each variant; print how long each took to exit."""
    print(f"{'':24} exit after   how the tasks ended")
    endings = set()
    for variant in variants:
        took, how, outcome, stderr = press_ctrl_c(script, variant)
        print(f"{variant:24} {took:5.1f} s     {outcome}")
        endings.add(f"exited {how}; stderr: {stderr}")
    print("every variant " + " | ".join(sorted(endings)))


def outcomes(futures):
    """How the tasks ended: their results, "cancelled", or exception names."""
    counts = Counter()
    for future in futures:
        try:
            counts[future.result(timeout=0)] += 1
        except CancelledError:
            counts["cancelled"] += 1
        except BaseException as exc:  # KeyboardInterrupt included
            counts[type(exc).__name__] += 1
    return ", ".join(f"{n} {what}" for what, n in sorted(counts.items()))
