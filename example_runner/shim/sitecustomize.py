# Put on PYTHONPATH by the example runner only when it runs an example under a chosen
# multiprocessing start method. It runs in the example and in every child it spawns, so it
# reads its one setting from the environment: the one place in the runner besides
# settings.py that does (the example's own process has no Settings object to read).
import os

_method = os.environ.get("EXAMPLE_START_METHOD")
if _method:
    import multiprocessing

    multiprocessing.set_start_method(_method, force=True)
