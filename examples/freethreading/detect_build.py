"""Which build is this and is the GIL on right now? Two different questions."""

import platform
import sys
import sysconfig

# 1. The build: set at compile time. 1 on free-threaded builds
#    (python3.13t, 3.14t...), 0 on default builds of 3.13+, None on versions
#    that predate free threading.
gil_disabled = sysconfig.get_config_var("Py_GIL_DISABLED")
free_threaded = bool(gil_disabled)
print(f"Python {platform.python_version()}")
print(f"Py_GIL_DISABLED = {gil_disabled!r}")
print(
    "build: " + ("free-threaded" if free_threaded else "default (with a GIL)")
)

# 2. The GIL right now: a free-threaded build can still run with the GIL,
#    if started with PYTHON_GIL=1 or -X gil=1, or after importing an
#    extension not marked as safe without it.
is_gil_enabled = getattr(sys, "_is_gil_enabled", None)  # added in 3.13
if is_gil_enabled is None:
    print(
        "sys._is_gil_enabled() does not exist here "
        "(before 3.13): the GIL is on"
    )
else:
    print(f"sys._is_gil_enabled() = {is_gil_enabled()}")
    print(
        "the GIL is "
        + ("ON" if is_gil_enabled() else "OFF")
        + " in this process"
    )
