"""Claims about the examples in examples/start/, shown on start-methods.md."""

import re

from example_runner.claims import Run, claim


def _before(marker: str) -> str:
    """A lookahead: what it follows is printed before `marker`."""
    return rf"(?=(?s:.*){re.escape(marker)})"


def _after(marker: str) -> str:
    """A lookahead: what it follows is printed after the one `marker` (none comes later)."""
    return rf"(?!(?s:.*){re.escape(marker)})"


@claim("start/show_default_method.py")
def default_start_method_follows_platform_and_version(run: Run) -> dict[str, str]:
    """The default start method is the platform's for this Python version (fork on Linux
    before 3.14, forkserver from 3.14, spawn on macOS and Windows), and the executor uses it
    too."""
    sys_platform = run.search(r"^Python \S+ on \w+ \((\w+)\)$")[1]
    default = run.search(r"multiprocessing default start method: (\w+)")[1]
    available = run.search(r"start methods available here:\s+\[(.*)\]")[1]
    executor = run.search(r"ProcessPoolExecutor\(\) start method:\s+(\w+)")[1]
    if sys_platform in ("win32", "darwin"):
        expected = "spawn"
    else:  # Linux and the other POSIX systems: fork until 3.13, forkserver from 3.14 (gh-84559)
        expected = "forkserver" if run.version[:2] >= (3, 14) else "fork"
    run.expect(default == expected, f"the default start method is {expected}, not {default}")
    # the executor follows the same default
    run.expect(executor == default, f"the executor uses the default, {default}, not {executor}")
    methods = available.replace("'", "").split(", ")
    run.expect(methods[0] == default, f"the default, {default}, is listed first")
    # what the interpreter probe saw, nothing imposed
    run.expect(
        default == run.start_method,
        f"the default is the start method in effect, {run.start_method}",
    )
    return {"method": default, "available": ", ".join(methods), "platform": sys_platform}


def _startup_ms(run: Run) -> dict[str, tuple[float, float]]:
    return {
        method: (float(first), float(then))
        for method, first, then in run.findall(
            r"^\s+(\w+)\s+first\s+([\d.]+) ms\s+then\s+([\d.]+) ms$"
        )
    }


@claim("start/startup_cost.py")
def every_start_method_is_timed(run: Run) -> None:
    """The example times a first start and then the median start of fork, spawn and
    forkserver, on this Python, and compares them."""
    run.expect(
        run.contains(f"Python {run.python.version},"),
        f"its first line names this Python, {run.python.version}",
    )
    times = _startup_ms(run)
    run.expect(
        set(times) == {"fork", "spawn", "forkserver"},
        "one line of times for each of fork, spawn and forkserver",
    )
    run.expect(
        run.find(r"spawn costs \d+x as much as fork, forkserver \d+x"),
        "the last line compares spawn and forkserver with fork",
    )


@claim("start/startup_cost.py", timing=True)
def fork_starts_fastest_and_spawn_slowest(run: Run) -> dict[str, float]:
    """A fork start costs the least, a spawn start the most, and a forkserver start lies
    between; the forkserver's first start costs more, as it also starts the server."""
    times = _startup_ms(run)
    fork, spawn, server = (times[m][1] for m in ("fork", "spawn", "forkserver"))
    # fork copies this process (1-5 ms). spawn starts a new interpreter that imports
    # multiprocessing and unpickles its task (20 ms or more): 5x or more; claim 3x.
    run.within("spawn / fork", spawn / fork, at_least=3)
    # forkserver asks its server to fork, over a socket, and the child then unpickles
    # its task: a fork plus a round trip, more than a fork (2x or more seen); claim
    # 1.2x. It forks a ready interpreter, so less than spawn: claim 1.2x too.
    # No upper bounds: how much an interpreter start, or a round trip to the server, costs
    # beside a fork depends on the machine and the platform, not on the example's design.
    run.within("forkserver / fork", server / fork, at_least=1.2)
    run.within("spawn / forkserver", spawn / server, at_least=1.2)
    # The forkserver's first start also started the server: a spawn and more.
    first_server = times["forkserver"][0]
    run.expect(
        first_server > server,
        f"the forkserver's first start ({first_server} ms) costs more than the later ones "
        f"({server} ms)",
    )
    return {
        "fork_ms": fork,
        "spawn_ms": spawn,
        "forkserver_ms": server,
        "forkserver_first_ms": first_server,
        "spawn_vs_fork": spawn / fork,
        "forkserver_vs_fork": server / fork,
        # The ratios as the last line prints them (from the unrounded medians).
        "spawn_times_fork": int(run.number(r"spawn costs (\d+)x as much as fork")),
        "forkserver_times_fork": int(run.number(r"as much as fork, forkserver (\d+)x")),
    }


@claim("start/missing_main_guard.py")
def missing_guard_fails_in_the_child_and_breaks_the_pool(run: Run) -> dict[str, int]:
    """Without the main guard the spawn child runs the script's top level again, fails with
    the bootstrapping error and breaks the pool; with the guard the task returns 49."""
    marker = "--- python with_guard.py"
    run.expect(
        len(run.findall(re.escape(marker))) == 1,
        "one line starts the guarded script's part",
    )
    bad, good = _before(marker), _after(marker)
    for text in (
        "--- python no_guard.py: exit status 1",
        # The child imported the script as __mp_main__ and ran its top level again.
        "stdout: top-level code runs, __name__ = __mp_main__",
        "RuntimeError:",
        "An attempt has been made to start a new process before the",
        "current process has finished its bootstrapping phase.",
        "concurrent.futures.process.BrokenProcessPool: A process in the process pool",
    ):
        run.expect(run.find(re.escape(text) + bad), f"the unguarded script's part shows {text!r}")
    run.expect(run.find(": exit status 0" + good), "the guarded script exits with status 0")
    run.expect(  # still runs: unguarded
        run.find(re.escape("stdout: top-level code runs, __name__ = __mp_main__") + good),
        "the guarded script's top-level line still runs in the child, as __mp_main__",
    )
    run.expect(
        run.text.rstrip().endswith("stdout: result: 49"),
        "the guarded script ends with 'result: 49'",
    )
    # paths were shortened by the example itself
    run.expect(not run.contains("<tmp>"), "no temporary path is shown")
    return {"exit_status_without_guard": 1, "exit_status_with_guard": 0, "result": 49}


@claim("start/unpicklable_lambda.py")
def lambdas_cannot_be_pickled_but_module_level_functions_can(run: Run) -> dict[str, str]:
    """A lambda runs as a process target under fork only, and no pool accepts a lambda or a
    nested function, even under fork; a partial of a module-level function works under
    spawn."""
    # A Process target is pickled only by spawn and forkserver.
    run.expect(
        run.find(r"Process\(target=lambda\) under fork\s*: ran, exit code 0"),
        "under fork the lambda target ran, exit code 0",
    )
    for method in ("spawn", "forkserver"):
        run.expect(
            run.find(rf"under {method}\s*: PicklingError: Can't pickle <function <lambda>"),
            f"under {method} starting the lambda target raised PicklingError",
        )
    # A pool pickles every task, even under fork.
    run.expect(
        run.contains("pool.map(lambda) under fork: PicklingError: Can't pickle <function <lambda>"),
        "a fork pool refused the lambda with PicklingError",
    )
    nested = run.search(r"pool\.map\(nested function\) under fork: (\w+): (.*)")
    run.expect(  # PicklingError from 3.14
        nested[1] in ("AttributeError", "PicklingError"),
        f"the nested function fails with AttributeError or PicklingError, not {nested[1]}",
    )
    # AttributeError seen on 3.10 to 3.13.0, PicklingError on 3.14.10 and 3.15.2;
    # 3.14.0 to 3.14.9 not checked here, either is accepted.
    if run.version[:2] <= (3, 13):
        run.expect(nested[1] == "AttributeError", "up to 3.13, an AttributeError")
    elif run.version >= (3, 14, 10):
        run.expect(nested[1] == "PicklingError", "from 3.14.10, a PicklingError")
    run.expect("local object" in nested[2], "the nested function's error names a local object")
    run.expect(
        run.contains("pool.map(partial(power, exponent=2)) under spawn: [0, 1, 4, 9, 16]"),
        "the partial of a module-level function returns [0, 1, 4, 9, 16] under spawn",
    )
    return {"lambda_error": "PicklingError", "nested_error": nested[1]}


@claim("start/globals_not_shared.py")
def globals_reach_fork_children_only_and_never_come_back(run: Run) -> dict[str, str]:
    """Only the fork child sees the value the parent set after import; spawn and forkserver
    children see the import-time value, and no child's change reaches the parent."""
    seen = dict(run.findall(r"^(\w+)\s+child saw '([^']*)'"))
    run.expect(
        seen
        == {
            "fork": "set by the parent",
            "spawn": "set at import",
            "forkserver": "set at import",
        },
        "the fork child saw 'set by the parent', the spawn and forkserver ones 'set at import'",
    )
    # The child changed its global; the parent's never changed.
    run.expect(
        len(run.findall(r"parent has 'set by the parent' afterwards")) == 3,
        "after each of the 3 children the parent still has 'set by the parent'",
    )
    return {f"{method}_saw": value for method, value in seen.items()}


@claim("start/fork_with_thread_lock.py")
def fork_copies_a_held_lock_spawn_does_not(run: Run) -> dict[str, str | int]:
    """The fork child finds the lock held by a thread that does not exist in it, while the
    spawn and forkserver children get it; from 3.12 forking warns once, under the fork line."""
    got = dict(run.findall(r"^(\w+)\s+child: lock\.acquire\(timeout=2\) returned (\w+)"))
    run.expect(
        got == {"fork": "False", "spawn": "True", "forkserver": "True"},
        "the fork child's acquire returned False, the spawn and forkserver ones True",
    )
    warnings = run.findall(r"warning: DeprecationWarning: (.*)")
    if run.version[:2] >= (3, 12):
        run.expect(len(warnings) == 1, "one DeprecationWarning, for fork only")
        run.expect(
            "is multi-threaded, use of fork() may lead to deadlocks in the child" in warnings[0],
            "the warning says the process is multi-threaded",
        )
        run.expect(  # printed under the fork line
            run.search("warning:").start() < run.search("spawn ").start(),
            "the warning comes under the fork line, before the spawn line",
        )
    else:
        run.expect(warnings == [], "no warning before Python 3.12")
    return {
        "fork_acquired": got["fork"],
        "spawn_acquired": got["spawn"],
        "forkserver_acquired": got["forkserver"],
        "warnings": len(warnings),
    }


@claim("start/set_start_method_twice.py")
def set_start_method_works_once_and_contexts_are_local(run: Run) -> dict[str, str]:
    """Nothing fixes the start method at first; a library's spawn context leaves it alone
    from 3.14, a process of the default context fixes it, and a later set fails unless
    forced."""
    run.expect(
        run.find(r"program's start method at first:\s+None"),
        "at first no start method is fixed (None)",
    )
    run.expect(
        run.find(r"a library ran a spawn pool:\s+\[0, 1, 4, 9, 16\]"),
        "the library's spawn pool returned [0, 1, 4, 9, 16]",
    )
    after_library = run.search(r"after the library's pool:\s+(\w+)")[1]
    if run.version[:2] >= (3, 14):
        # another context's child leaves it alone
        run.expect(after_library == "None", "after the library's pool, still None")
    else:
        # 3.13.0 and older: preparing a spawn child fixed the default (not to spawn).
        run.expect(
            after_library == run.start_method,
            f"after the library's pool, the platform default {run.start_method}",
        )
    # A child of the default context fixes the default: the platform's, not spawn.
    fixed = run.search(r"after a Process\(\) of the program:\s+(\w+)")[1]
    run.expect(
        fixed == run.start_method,
        f"a Process() fixes the platform default, {run.start_method}, not {fixed}",
    )
    run.expect(
        run.contains(
            "set_start_method('spawn'):        RuntimeError: context has already been set"
        ),
        "the later set_start_method('spawn') raised 'context has already been set'",
    )
    run.expect(
        run.contains("after set_start_method('spawn', force=True): spawn"),
        "force=True set spawn",
    )
    return {"after_library": after_library, "after_process": fixed}


def _session(label: str, line: str) -> str:
    """A pattern: a line under "square <label>:" that contains `line` (a pattern)."""
    return rf"^square {re.escape(label)}:\n(?:    .*\n)*?    .*{line}"


@claim("start/function_from_stdin.py")
def functions_typed_interactively_reach_fork_children_only(run: Run) -> dict[str, str | int]:
    """A function typed in an interactive session works in a fork pool; spawn and forkserver
    workers cannot find it and the pool breaks, until it is imported from a file."""

    def only_result(label: str) -> bool:
        # the session's lines are this one alone
        return run.find(rf"^square {re.escape(label)}:\n    result: 49$(?!\n    )") is not None

    run.expect(only_result("typed in the session, fork"), "under fork the result is 49")
    errors: list[str] = []
    for method in ("spawn", "forkserver"):
        label = f"typed in the session, {method}"
        run.expect(
            run.find(rf"^square {re.escape(label)}:\n"), f"the output has the {method} session"
        )
        run.expect(
            not run.find(_session(label, "result:")), f"under {method} the session has no result"
        )
        # The worker cannot find the function. pickle's find_class() says "Can't get
        # attribute" up to 3.13 (seen on 3.10 to 3.13.0); from 3.14 it looks a plain name
        # up with getattr(), whose error says "module '__main__' has no attribute" (seen
        # on 3.14.10 and 3.15.2; 3.14.0 to 3.14.9 not checked here, either is accepted).
        error = run.find(
            _session(
                label,
                r"(AttributeError: (?:Can't get attribute 'square' on <module '__main__'"
                r"|module '__main__' has no attribute 'square'))",
            )
        )
        run.expect(error, f"under {method} the worker cannot find 'square' in __main__")
        assert error is not None  # for the type checker: expect() failed otherwise
        errors.append(error[1])
        if run.version[:2] <= (3, 13):
            run.expect(
                "Can't get attribute" in error[1],
                f'under {method}, up to 3.13, the error says "Can\'t get attribute"',
            )
        elif run.version >= (3, 14, 10):
            run.expect(
                "has no attribute 'square'" in error[1],
                f"under {method}, from 3.14.10, the error says \"has no attribute 'square'\"",
            )
        run.expect(
            run.find(
                _session(
                    label,
                    re.escape(
                        "BrokenProcessPool: A process in the process pool was terminated abruptly"
                    ),
                )
            ),
            f"under {method} the session's pool breaks",
        )
    run.expect(
        only_result("imported from worker.py, spawn"),
        "imported from worker.py, under spawn, the result is 49",
    )
    return {"spawn_error": errors[0], "result": 49}


@claim("start/initializer_passes_state.py")
def initializer_passes_state_under_every_start_method(run: Run) -> dict[str, str]:
    """Settings passed through the initializer reach the workers under every start method;
    the parent's global reaches them only under fork."""
    run.expect(
        run.contains(f"start method: {run.start_method}"),
        f"it names the start method in effect, {run.start_method}",
    )
    relying = run.search(r"relying on the global:\s+(.*)")[1]
    passed = run.search(r"passed with initializer=:\s+(.*)")[1]
    if run.start_method == "fork":
        # a copy of the parent's memory
        run.expect(relying == "['2 feet', '3 feet']", "under fork the global says feet")
    else:
        # the import-time default
        run.expect(
            relying == "['2 metres', '3 metres']",
            f"under {run.start_method} the global has its import-time metres",
        )
    # every start method
    run.expect(passed == "['2 feet', '3 feet']", "what the initializer passed says feet")
    return {"relying_on_global": relying, "passed_with_initializer": passed}
