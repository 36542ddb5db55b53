"""The claims of the threading page, checked on the output of its examples."""

import re

from ..support import examples_of


@examples_of("threads/start_join_timeout.py")
def test_join_timeout_returns_while_thread_still_runs(result):
    out = result.stdout
    assert "after join(timeout=0.1): is_alive() = True" in out
    assert "after join():   is_alive() = False" in out


@examples_of("threads/thread_names.py")
def test_threads_have_default_and_chosen_names(result):
    out = result.stdout
    assert "main thread:  MainThread" in out
    assert re.search(r"thread name:  Thread-\d+ \(report\)", out)
    assert "thread name:  downloader-1" in out
    version = tuple(map(int, result.python_version.split(".")[:2]))
    if version >= (3, 14) and "OS thread name: (not on Linux)" not in out:
        # 3.14 passes the name to the OS (Linux truncates it to 15 bytes).
        assert re.search(r"downloader-1\s+OS thread name: downloader-1$", out, re.M)


@examples_of("threads/daemon_vs_nondaemon.py")
def test_daemon_thread_is_cut_off_at_exit(result):
    out = result.stdout
    daemon = re.search(r"^daemon\s+thread: wrote (\d+) of (\d+) chunks, file (.+)$", out, re.M)
    assert int(daemon[1]) < int(daemon[2]) and daemon[3] == "cut off"
    assert re.search(r"^non-daemon thread: wrote (\d+) of \1 chunks, file complete$", out, re.M)


@examples_of("threads/exception_in_thread.py")
def test_thread_exception_goes_to_excepthook_not_main(result):
    out = result.stdout
    assert re.search(r"^excepthook: ValueError: .* in thread parser$", out, re.M)
    assert "main thread: join() returned, no exception here" in out
    # The executor's exception appears only once result() is called.
    assert out.index("nothing was printed") < out.index("result() raised ValueError")


@examples_of("threads/thread_local_session.py")
def test_one_session_per_thread(result):
    out = result.stdout
    requests, threads, sessions = map(
        int, re.search(r"(\d+) requests, (\d+) worker threads, (\d+) sessions", out).groups()
    )
    assert 1 <= sessions == threads <= 3 and requests == 12
    assert re.findall(r"used by (\d+) thread", out) == ["1"] * sessions


def _broken(out):
    return {
        label.strip(): int(n)
        for label, n in re.findall(r"^(.+?)\s+(\d+) of 16000 lines broken$", out, re.M)
    }


@examples_of("threads/print_interleaving.py")
def test_one_write_per_line_or_lock_keeps_lines_whole(result):
    broken = _broken(result.stdout)
    assert set(broken) == {"print(a, b, c)", "one write() per line", "print() under a lock"}
    # print(a, b, c) usually breaks lines here, but how many depends on scheduling: not asserted.
    assert broken["print() under a lock"] == 0
    assert broken["one write() per line"] == 0


@examples_of("threads/shared_generator_lock.py")
def test_shared_generator_raises_and_lock_fixes_it(result):
    out = result.stdout
    shared = int(re.search(r"shared generator: (\d+) errors", out)[1])
    assert shared > 0 and 'ValueError("generator already executing")' in out
    assert "LockedIterator: 40 of 40 items, each once: True" in out
    assert "LockedIterator: 0 errors" in out


@examples_of("threads/synchronized_iterator.py")
def test_synchronized_iterator_shares_a_generator(result):
    out = result.stdout  # skipped before Python 3.15
    assert "synchronized_iterator: 40 of 40 items, each once: True" in out
    assert "synchronized_iterator: 0 errors" in out
