"""Execute one notebook: python -m example_runner.nbexec IN.ipynb OUT.ipynb

Run by the runner as a real process (own session, timeout, temporary working directory),
never inside the build process. The kernel is this interpreter; the kernel's working
directory is the temporary one, and the notebook's folder is on PYTHONPATH so it can import
its helper module (also in worker processes started with spawn or forkserver).
"""

import os
import sys

import nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError


def main(source: str, target: str, cell_timeout: int = 600) -> int:
    notebook = nbformat.read(source, as_version=4)  # type: ignore[no-untyped-call]
    # IPC sockets in the temporary working directory: the kernel opens no TCP port at all.
    manager = KernelManager(kernel_name="python3", transport="ipc")
    client = NotebookClient(
        notebook,
        km=manager,
        timeout=cell_timeout,
        kernel_name="python3",
        allow_errors=False,
        resources={"metadata": {"path": os.getcwd()}},
    )
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError) as exc:
        print(f"{source}: a cell failed:\n{exc}", file=sys.stderr)
        return 1
    nbformat.write(notebook, target)  # type: ignore[no-untyped-call]
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
