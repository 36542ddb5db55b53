"""The convoy effect: I/O round trips slow down.

They slow down while a CPU-bound thread holds the GIL.
"""

# /// example
# timing_sensitive = true
# volatile = [  # varies from run to run (see example_runner/shapes.py)
#     '\d+ of 100 over',
# ]
# ///

import os
import platform
import statistics
import subprocess
import sys
import threading
import time

ROUND_TRIPS = 100
SLOW = 0.002  # a round trip over 2 ms waited for the GIL, not for the echo
# A tiny echo program in another process stands in for a database or a remote
# service that takes half a millisecond to answer.
ECHO = (
    "import os, time\n"
    "while d := os.read(0, 64):\n"
    "    time.sleep(0.0005)\n"
    "    os.write(1, d)"
)


def spin(running, stop):
    """Pure-Python CPU work: it never waits.

    So it gives up the GIL only when asked to.
    """
    running.set()
    while not stop.is_set():
        sum(i * i for i in range(1000))


def round_trips(echo):
    """Mean time of a round trip in ms, and how many were slow."""
    latencies = []
    for _ in range(ROUND_TRIPS):
        start = time.perf_counter()
        os.write(echo.stdin.fileno(), b"ping")
        # waits for the answer, without the GIL
        os.read(echo.stdout.fileno(), 64)
        latencies.append(time.perf_counter() - start)
    return statistics.mean(latencies) * 1000, sum(t > SLOW for t in latencies)


if __name__ == "__main__":
    print(
        f"Python {platform.python_version()}, "
        f"switch interval {sys.getswitchinterval()} s"
    )
    echo = subprocess.Popen(
        [sys.executable, "-c", ECHO],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    try:
        round_trips(echo)  # warm-up
        alone = round_trips(echo)
        running, stop = threading.Event(), threading.Event()
        cpu = threading.Thread(target=spin, args=(running, stop))
        cpu.start()
        try:
            running.wait(timeout=5)
            beside = round_trips(echo)
        finally:
            stop.set()
            cpu.join()
    finally:
        echo.stdin.close()  # the echo program reads end-of-file and exits
        echo.wait(timeout=5)
        echo.stdout.close()
    for label, (mean, slow) in (
        ("alone", alone),
        ("beside a CPU-bound thread", beside),
    ):
        print(
            f"{label:26} mean round trip {mean:5.2f} ms, "
            f"{slow:3} of {ROUND_TRIPS} over 2 ms"
        )
    print(
        "the CPU-bound thread made the round trips "
        f"{beside[0] / alone[0]:.0f}x slower on average"
    )
