"""The runner's guarantees on bad examples: a clear error naming the file, within the
timeout, and nothing left behind (no process, no shared-memory segment)."""

from __future__ import annotations

import os
import textwrap
import uuid
from pathlib import Path

import pytest

from example_runner import Batch, Status, discover, example_job, load_example
from example_runner.jobs import run_job
from example_runner.metadata import ExampleError, displayed_source
from example_runner.normalize import normalize


def make(tmp_path: Path, name: str, code: str):
    path = tmp_path / "demo" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(textwrap.dedent(code), encoding="utf-8")
    return load_example(path, tmp_path)


def processes_carrying(marker: str) -> list[int]:
    """Live processes whose environment holds `marker`: anything a run left behind."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/environ", "rb") as fh:
                env = fh.read()
            with open(f"/proc/{entry}/stat", "rb") as fh:
                state = fh.read().rsplit(b")", 1)[1].split()[0]
        except OSError:
            continue
        if marker.encode() in env and state != b"Z":
            found.append(int(entry))
    return found


@pytest.fixture
def local(tmp_path, settings):
    """Settings for a throwaway project in tmp_path, with its own cache."""
    return settings.replace(
        project=tmp_path, cache_dir=tmp_path / "cache", env_dir=tmp_path / "envs", fresh=False
    )


@pytest.fixture
def canary():
    """An environment marker inherited by every process an example starts."""
    return uuid.uuid4().hex


@pytest.fixture
def run(local, example_python, request, tmp_path):
    """run(example, start_method=None): one run of it, as the runner makes it."""
    value = request.getfixturevalue("canary") if "canary" in request.fixturenames else None
    settings = local
    if value:
        settings = local.replace(environ=(*local.environ, ("RUNNER_TEST_CANARY", value)))

    def run(example, start_method=None):
        job = example_job(example, settings, example_python, start_method)
        return run_job(job, settings, tmp_path / "staging")

    return run


linux_only = pytest.mark.skipif(not os.path.isdir("/proc"), reason="scans /proc for leftovers")


def test_raising_example_fails_with_traceback(tmp_path, run):
    example = make(
        tmp_path,
        "raises.py",
        """
        def divide():
            return 1 / 0
        divide()
    """,
    )
    result = run(example)
    assert result.status is Status.FAILED
    assert "demo/raises.py: exited with status 1, expected 0" in result.reason
    assert "ZeroDivisionError" in result.stderr
    assert 'File "demo/raises.py", line 3' in result.stderr  # paths shown relative to the project


@linux_only
def test_hanging_pool_times_out_and_leaves_no_process(tmp_path, canary, run):
    example = make(
        tmp_path,
        "stuck_pool.py",
        """
        # /// example
        # timeout = 3
        # ///
        import multiprocessing, time

        def never_returns(x):
            time.sleep(3600)

        if __name__ == "__main__":
            with multiprocessing.Pool(2) as pool:
                pool.map(never_returns, [1, 2])
    """,
    )
    result = run(example, "spawn")
    assert result.status is Status.TIMEOUT
    assert "demo/stuck_pool.py: timed out after 3 s" in result.reason
    assert result.duration < 3 + 10
    assert processes_carrying(canary) == []


@linux_only
def test_missing_main_guard_under_spawn_fails_and_leaves_no_process(tmp_path, canary, run):
    example = make(
        tmp_path,
        "no_guard.py",
        """
        # /// example
        # timeout = 5
        # ///
        import multiprocessing

        def double(x):
            return 2 * x

        with multiprocessing.Pool(2) as pool:   # no __main__ guard
            print(pool.map(double, [1, 2, 3]))
    """,
    )
    result = run(example, "spawn")
    assert result.status.is_failure
    assert "demo/no_guard.py" in result.reason
    assert "bootstrapping phase" in result.stderr
    assert processes_carrying(canary) == []


def test_same_code_with_guard_passes_under_spawn(tmp_path, run):
    example = make(
        tmp_path,
        "guarded.py",
        """
        import multiprocessing

        def double(x):
            return 2 * x

        if __name__ == "__main__":
            with multiprocessing.Pool(2) as pool:
                print(pool.map(double, [1, 2, 3]))
    """,
    )
    result = run(example, "spawn")
    assert result.status is Status.OK, result.reason
    assert result.stdout == "[2, 4, 6]\n"
    assert result.start_method == "spawn"


def test_lambda_pool_task_fails_with_pickling_error(tmp_path, run):
    example = make(
        tmp_path,
        "lambda_task.py",
        """
        from concurrent.futures import ProcessPoolExecutor

        if __name__ == "__main__":
            with ProcessPoolExecutor(2) as pool:
                print(list(pool.map(lambda x: x * 2, [1, 2])))
    """,
    )
    result = run(example, "fork")
    assert result.status is Status.FAILED
    assert "demo/lambda_task.py: exited with status 1" in result.reason
    # Every version since 3.10 names the error and the lambda (the wording differs).
    assert "PicklingError" in result.stderr and "<lambda>" in result.stderr, result.stderr


@linux_only
def test_leaked_shared_memory_fails_and_is_not_left_on_the_machine(tmp_path, run):
    name = f"leak_{uuid.uuid4().hex[:8]}"
    example = make(
        tmp_path,
        "leaks.py",
        f"""
        from multiprocessing import shared_memory

        if __name__ == "__main__":
            block = shared_memory.SharedMemory(name="{name}", create=True, size=4096)
            block.buf[0] = 1
            print("created and forgot to close and unlink")
    """,
    )
    result = run(example, "spawn")
    assert result.status is Status.FAILED
    assert "leaked shared_memory objects" in result.reason
    assert "demo/leaks.py" in result.reason
    assert not Path(f"/dev/shm/{name}").exists()


@linux_only
def test_process_outliving_the_example_is_reported_and_killed(tmp_path, canary, run):
    example = make(
        tmp_path,
        "orphan.py",
        """
        # /// example
        # timeout = 5
        # ///
        import subprocess, sys
        # A grandchild that escapes into its own session and outlives the example.
        subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"],
                         start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        print("leaving a process behind")
    """,
    )
    result = run(example)
    assert result.status is Status.FAILED
    assert "demo/orphan.py: left 1 process(es) running after it exited" in result.reason
    assert processes_carrying(canary) == []


def test_unexpected_stderr_fails_and_declared_stderr_passes(tmp_path, run):
    warns = """
        import warnings
        warnings.warn("something is off")
        print("done")
    """
    result = run(make(tmp_path, "warns.py", warns))
    assert result.status is Status.FAILED
    assert "wrote to stderr" in result.reason and "expect_stderr" in result.reason
    declared = "# /// example\n# expect_stderr = true\n# ///\n" + textwrap.dedent(warns)
    result = run(make(tmp_path, "warns_declared.py", declared))
    assert result.status is Status.OK, result.reason


def test_fork_beside_a_running_thread_fails_with_the_warning(tmp_path, run, example_python):
    """The warning a plain `python file.py` hides (raised outside __main__) fails the run;
    only on 3.12 is it ignored (a race in its thread count; see jobs.WARNING_OPTIONS_312)."""
    if "fork" not in example_python.start_methods or example_python.version_info[:2] == (3, 12):
        pytest.skip(f"needs fork and a Python other than 3.12, not {example_python.label}")
    code = """
        import multiprocessing, threading
        if __name__ == "__main__":
            stop = threading.Event()
            thread = threading.Thread(target=stop.wait, args=(10,))
            thread.start()
            child = multiprocessing.get_context("fork").Process(target=print)
            child.start()
            child.join(timeout=10)
            stop.set()
            thread.join(timeout=10)
    """
    result = run(make(tmp_path, "fork_beside_thread.py", code))
    assert result.status is Status.FAILED
    assert "is multi-threaded, use of fork()" in result.stderr, result.stderr


def test_expected_failure_that_passes_is_an_error(tmp_path, run):
    example = make(
        tmp_path,
        "should_fail.py",
        """
        # /// example
        # exit_code = 1
        # ///
        print("all good")
    """,
    )
    result = run(example)
    assert result.status is Status.FAILED
    assert "exited with status 0, expected 1" in result.reason


def test_expected_failure_is_ok(tmp_path, run):
    example = make(
        tmp_path,
        "fails_on_purpose.py",
        """
        # /// example
        # exit_code = 1
        # ///
        raise SystemExit("this failure is the point")
    """,
    )
    result = run(example)
    assert result.status is Status.OK, result.reason
    assert "this failure is the point" in result.stderr


def test_warnings_fail_a_run_unless_they_are_the_one_known_interpreter_noise(tmp_path, run):
    """-W default shows warnings a plain run hides; only CPython 3.15's own linecache
    warning about multiprocessing's __mp_main__ module is ignored, by module and text."""
    example = make(
        tmp_path,
        "warns.py",
        """
        import warnings
        warnings.warn("Module globals is missing a __spec__.loader", DeprecationWarning)
        print("done")
    """,
    )
    result = run(example)
    assert result.status is Status.FAILED  # the same text from the example's own code counts
    assert "wrote to stderr" in result.reason and "DeprecationWarning" in result.stderr


def test_version_gate_skips_with_reason(tmp_path, run):
    example = make(
        tmp_path,
        "future.py",
        """
        # /// example
        # requires_python = "3.99"
        # ///
        print("from the future")
    """,
    )
    result = run(example)
    assert result.status is Status.SKIPPED
    assert result.reason.startswith("needs Python 3.99 or newer; this run used CPython")


def test_missing_package_skips_with_reason(tmp_path, run):
    example = make(
        tmp_path,
        "needs_pkg.py",
        """
        # /// example
        # requires = ["no-such-distribution-here"]
        # ///
        import no_such_distribution_here
    """,
    )
    result = run(example)
    assert result.status is Status.SKIPPED
    assert result.reason.startswith("needs no-such-distribution-here, not installed for CPython")


def test_example_runs_in_a_temporary_directory(tmp_path, run):
    example = make(
        tmp_path,
        "cwd.py",
        """
        import os
        open("scratch.txt", "w").write("x")
        print(os.getcwd())
    """,
    )
    result = run(example)
    assert result.stdout.strip() == "<tmp>"
    assert (
        not (tmp_path / "scratch.txt").exists() and not (tmp_path / "demo" / "scratch.txt").exists()
    )


@pytest.mark.parametrize(
    "block, message",
    [
        ("# timout = 3", "unknown metadata key 'timout'"),  # codespell:ignore
        ('# timeout = "3"', "timeout = '3' has the wrong type"),
        ('# start_methods = ["fork", "thread"]', "unknown start method(s) ['thread']"),
        ('# requires_python = "3"', "requires_python must look like"),
        ("# timeout = 3 3", "not valid TOML"),
    ],
)
def test_bad_metadata_is_refused_with_the_file_named(tmp_path, block, message):
    with pytest.raises(ExampleError) as info:
        make(tmp_path, "bad_meta.py", f"# /// example\n{block}\n# ///\nprint(1)\n")
    assert "demo/bad_meta.py" in str(info.value)
    assert message in str(info.value)


def test_sections_show_only_their_lines_and_missing_ones_are_named():
    source = "a = 1\n# --8<-- [start:core]\nb = 2\n# --8<-- [end:core]\nc = 3\n"
    assert displayed_source(source, "core", "x.py") == "b = 2"
    assert displayed_source(source, None, "x.py") == "a = 1\nb = 2\nc = 3"
    with pytest.raises(ExampleError, match="x.py: no section 'typo'"):
        displayed_source(source, "typo", "x.py")


def test_normalization_masks_only_meaningless_details():
    text = (
        "<object object at 0x7f3a2b1c9d80> pid=12345 took 1.23 s\n"
        'File "/tmp/example-abc/x.txt"; 4 workers; pid 4242 exit code 3\n'
        "Process 4321 terminated; 2 processes, 8 threads"
    )
    out = normalize(text, replacements={"/tmp/example-abc": "<tmp>"})
    assert out == (
        "<object object at 0x…> pid=<pid> took 1.23 s\n"
        'File "<tmp>/x.txt"; 4 workers; pid <pid> exit code 3\n'
        "Process <pid> terminated; 2 processes, 8 threads"
    )


def test_cache_reruns_only_what_changed(tmp_path, local, example_python):
    helper = tmp_path / "demo" / "_helper.py"
    helper.parent.mkdir()
    helper.write_text("VALUE = 1\n")
    first = make(tmp_path, "uses_helper.py", "from _helper import VALUE\nprint(VALUE)\n")
    other = make(tmp_path, "other.py", "print('other')\n")

    def run(*examples, fresh=False):
        jobs = [example_job(e, local, example_python) for e in examples]
        batch = Batch(jobs, local.replace(fresh=fresh), progress="off").start()
        return {job.example.rel: result for job, result in batch.results().items()}

    assert not any(r.cached for r in run(first, other).values())
    assert all(r.cached for r in run(first, other).values())
    helper.write_text("VALUE = 2\n")  # a local module the example imports
    changed = make(tmp_path, "uses_helper.py", "from _helper import VALUE\nprint(VALUE)\n")
    results = run(changed, other)
    assert (
        not results["demo/uses_helper.py"].cached and results["demo/uses_helper.py"].stdout == "2\n"
    )
    assert results["demo/other.py"].cached
    assert not any(r.cached for r in run(changed, other, fresh=True).values())


def test_excluded_start_method_is_skipped_even_when_its_run_is_cached(
    tmp_path, local, example_python
):
    """EXAMPLES_START_METHODS excludes a method although a passing run of it is cached."""
    example = make(
        tmp_path,
        "pool.py",
        """
        import multiprocessing
        if __name__ == "__main__":
            print(multiprocessing.get_start_method())
    """,
    )
    job = example_job(example, local, example_python, "spawn")
    first = Batch([job], local, progress="off").start().result(job)
    assert first.ok and not first.cached
    only_fork = local.replace(start_methods=("fork",))
    again = Batch([job], only_fork, progress="off").start().result(job)
    assert again.status is Status.SKIPPED and "not tested here (fork only)" in again.reason


def test_failures_are_never_cached(tmp_path, local, example_python):
    example = make(tmp_path, "raises.py", "raise RuntimeError('boom')\n")
    for _ in range(2):
        job = example_job(example, local, example_python)
        (result,) = Batch([job], local, progress="off").start().results().values()
        assert result.status is Status.FAILED and not result.cached


def test_runs_under_another_interpreter(tmp_path, local, settings, example_python):
    """The runner can run an example with any interpreter found (readers still use 3.10)."""
    others = [i for i in discover(settings) if i.tag != example_python.tag]
    if not others:
        pytest.skip("only one Python version on this machine")
    other = others[0]
    example = make(tmp_path, "version.py", "import sys\nprint(sys.version_info[:2])\n")
    result = run_job(example_job(example, local, other), local, tmp_path / "staging")
    assert result.status is Status.OK, result.reason
    assert result.interpreter == other.label
    assert result.stdout.strip() == str(other.version_info[:2])


def test_run_specific_values_in_output_are_refused(tmp_path, run):
    example = make(
        tmp_path,
        "idents.py",
        """
        import threading
        print("worker ident:", threading.get_ident())
    """,
    )
    result = run(example)
    assert result.status is Status.FAILED
    assert "demo/idents.py: prints a value that changes from run to run" in result.reason


def test_directives_are_parsed_and_bad_ones_named():
    from example_runner.directive import DirectiveError, find_directives

    page = "\n".join(
        [
            "!example sync/lock_counter.py",
            "    !example start/x_y.py#measure",
            "```",
            "!example not/a_directive.py",
            "```",
            "!example-output procs/queue_join_deadlock.py",
        ]
    )
    full, section, output = find_directives(page, "docs/p.md")
    assert (full.line, full.path, full.section, full.output_only) == (
        1,
        "sync/lock_counter.py",
        None,
        False,
    )
    assert (section.indent, section.section, section.anchor) == (
        "    ",
        "measure",
        "example-start-x-y-measure",
    )
    assert output.output_only and output.line == 6
    assert full.anchor == "example-sync-lock-counter"
    for bad, reason in [
        ("!example sync/lock_counter", "malformed directive"),
        ("!example-output a/b.py#part", "drop '#part'"),
    ]:
        with pytest.raises(DirectiveError, match=reason) as raised:
            find_directives("text\n" + bad, "docs/p.md")
        assert str(raised.value).startswith("docs/p.md:2: ")
