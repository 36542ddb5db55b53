"""A daemon thread is killed mid-work when the program exits.

A non-daemon thread is waited for.
"""

import subprocess
import sys
import threading
import time

CHUNKS = 10


def write_report(path, three_written):
    with open(path, "w") as f:
        for i in range(1, CHUNKS + 1):
            f.write(f"chunk {i}\n")
            f.flush()
            if i == 3:
                three_written.set()
            time.sleep(0.1)  # stands in for slow work between writes
        f.write("complete\n")


def child(kind):
    # Runs in a fresh interpreter,
    # so that we can watch what happens when it exits.
    three_written = threading.Event()
    worker = threading.Thread(
        target=write_report,
        args=(f"{kind}.txt", three_written),
        daemon=(kind == "daemon"),
    )
    worker.start()
    three_written.wait(timeout=10)
    if kind == "non-daemon":
        worker.join()  # wait for the work to finish
    # The main thread ends here. Daemon threads are stopped wherever they are.


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
        sys.exit()
    for kind in ("daemon", "non-daemon"):
        subprocess.run(
            [sys.executable, __file__, "--child", kind], check=True, timeout=30
        )
        with open(f"{kind}.txt") as f:
            lines = f.read().splitlines()
        chunks = sum(line.startswith("chunk") for line in lines)
        status = "complete" if lines[-1] == "complete" else "cut off"
        print(
            f"{kind:<10} thread: "
            f"wrote {chunks} of {CHUNKS} chunks, file {status}"
        )
