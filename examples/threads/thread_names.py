"""Threads have names: a default one, or one you choose.

Python 3.14 passes it to the OS too.
"""

import sys
import threading


def report(seen):
    thread = threading.current_thread()
    os_name = "(not on Linux)"
    if sys.platform.startswith("linux"):
        # What tools such as top -H and gdb show:
        # the kernel's name for this thread.
        with open(f"/proc/self/task/{threading.get_native_id()}/comm") as f:
            os_name = f.read().strip()
    seen.append((thread.name, os_name))


if __name__ == "__main__":
    seen = []
    threads = [
        threading.Thread(target=report, args=(seen,)),  # default name
        threading.Thread(target=report, args=(seen,), name="downloader-1"),
    ]
    for t in threads:
        t.start()
        t.join()  # one after the other, so the lines come out in a fixed order
    print(f"Python {sys.version_info.major}.{sys.version_info.minor}")
    print(f"main thread:  {threading.current_thread().name}")
    for name, os_name in seen:
        print(f"thread name:  {name:<22} OS thread name: {os_name}")
