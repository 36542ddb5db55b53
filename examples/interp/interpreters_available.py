"""Does this Python have concurrent.interpreters and InterpreterPoolExecutor?

Both are new in Python 3.14.
"""

import concurrent.futures
import importlib.util
import platform


def has_module(name):
    try:
        return importlib.util.find_spec(name) is not None
    except ImportError:  # the parent package is missing
        return False


def show(label, found):
    print(f"{label:44} {'yes' if found else 'no'}")


print(f"Python {platform.python_version()}")

# PEP 734's public module: new in 3.14.
show("concurrent.interpreters", has_module("concurrent.interpreters"))

# The executor is loaded lazily on first access.
# It can be missing even on 3.14, in a build without subinterpreter support,
# so ask for it instead of checking the version number.
try:
    pool_class = concurrent.futures.InterpreterPoolExecutor
except (AttributeError, ImportError):
    pool_class = None
show("concurrent.futures.InterpreterPoolExecutor", pool_class is not None)

# Before 3.14 there are only private, low-level modules
# (for CPython's own tests), no API.
private = [
    name
    for name in ("_interpreters", "_xxsubinterpreters")
    if has_module(name)
]
print(f"{'private low-level module':44} {', '.join(private) or 'none'}")
