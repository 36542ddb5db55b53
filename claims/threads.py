"""Claims about the examples in examples/threads/, shown on threading.md."""

from example_runner.claims import Run, claim


@claim("threads/start_join_timeout.py")
def join_timeout_returns_while_thread_still_runs(run: Run) -> None:
    """A join with a timeout returns while the thread is still alive; a join without one
    returns once it has finished."""
    run.expect(
        run.contains("after join(timeout=0.1): is_alive() = True"),
        "after join(timeout=0.1) the thread is still alive",
    )
    run.expect(
        run.contains("after join():   is_alive() = False"),
        "after join() the thread is no longer alive",
    )


@claim("threads/thread_names.py")
def threads_have_default_and_chosen_names(run: Run) -> dict[str, str]:
    """The main thread is MainThread, a thread gets a default name with its function's, or
    the name it was given; from 3.14 on Linux, the OS knows each thread by that name cut to
    15 bytes, and before 3.14 by the process's name."""
    run.expect(run.contains("main thread:  MainThread"), "the main thread is MainThread")
    default_line = run.search(r"thread name:  (Thread-\d+ \(report\))\s+OS thread name: (.*)$")
    default = default_line[1]
    run.expect(run.contains("thread name:  downloader-1"), "a thread is named downloader-1")
    os_name = run.search(r"downloader-1\s+OS thread name: (.*)$")[1]
    on_linux = not run.contains("OS thread name: (not on Linux)")
    if run.version[:2] >= (3, 14) and on_linux:
        # 3.14 passes the name to the OS (Linux truncates it to 15 bytes).
        run.expect(
            run.find(r"downloader-1\s+OS thread name: downloader-1$"),
            "the OS knows the thread as downloader-1",
        )
        # Thread.start() sets the OS name to Thread.name (gh-59705); Linux keeps 15 bytes
        # of it (TASK_COMM_LEN is 16 with the final NUL). The default name is longer.
        cut = default.encode()[:15].decode(errors="ignore")
        run.expect(
            default_line[2] == cut,
            f"the OS knows the default-named thread as {cut!r}, its name cut to 15 bytes",
        )
    elif on_linux:
        # Before 3.14 a new thread keeps the name of the thread that created it, here
        # the main thread's, which is the process's name: the same for both threads.
        run.expect(
            default_line[2] == os_name and os_name != "downloader-1",
            "before 3.14 both threads show the same OS name, the process's",
        )
    return {"default_name": default, "default_os_name": default_line[2], "os_name": os_name}


@claim("threads/daemon_vs_nondaemon.py")
def daemon_thread_is_cut_off_at_exit(run: Run) -> dict[str, int]:
    """The daemon thread is stopped part-way when the program exits, leaving its file cut
    off; the non-daemon thread writes every chunk and completes its file."""
    daemon = run.search(r"^daemon\s+thread: wrote (\d+) of (\d+) chunks, file (.+)$")
    run.expect(
        int(daemon[1]) < int(daemon[2]) and daemon[3] == "cut off",
        "the daemon thread wrote only some of the chunks, and its file is cut off",
    )
    run.expect(
        run.find(r"^non-daemon thread: wrote (\d+) of \1 chunks, file complete$"),
        "the non-daemon thread wrote every chunk, and its file is complete",
    )
    return {"daemon_chunks": int(daemon[1]), "chunks": int(daemon[2])}


@claim("threads/exception_in_thread.py")
def thread_exception_goes_to_excepthook_not_main(run: Run) -> None:
    """The thread's exception goes to the exception hook, named with its thread, and not to
    the main thread; an executor's exception is raised only when its result is asked for."""
    run.expect(
        run.find(r"^excepthook: ValueError: .* in thread parser$"),
        "the hook reports the ValueError in thread parser",
    )
    run.expect(
        run.contains("main thread: join() returned, no exception here"),
        "join() returns without an exception in the main thread",
    )
    # The executor's exception appears only once result() is called.
    run.expect(
        run.search("nothing was printed").start()
        < run.search("result\\(\\) raised ValueError").start(),
        "nothing is printed before result() raises the ValueError",
    )


@claim("threads/thread_local_session.py")
def one_session_per_thread(run: Run) -> dict[str, int]:
    """The pool ran the 12 requests with one session per worker thread, each used by that
    thread alone."""
    requests, threads, sessions = map(
        int, run.search(r"(\d+) requests, (\d+) worker threads, (\d+) sessions").groups()
    )
    run.expect(
        1 <= sessions == threads <= 3 and requests == 12,
        "12 requests, as many sessions as worker threads, 1 to 3",
    )
    run.expect(
        run.findall(r"used by (\d+) thread") == ["1"] * sessions,
        "each session was used by 1 thread",
    )
    return {"requests": requests, "threads": threads, "sessions": sessions}


def _broken(run: Run) -> dict[str, int]:
    return {
        label.strip(): int(n) for label, n in run.findall(r"^(.+?)\s+(\d+) of 16000 lines broken$")
    }


@claim("threads/print_interleaving.py")
def one_write_per_line_or_lock_keeps_lines_whole(run: Run) -> dict[str, int]:
    """Of 16,000 lines from 8 threads, none breaks with one write per line or with a lock
    around print."""
    broken = _broken(run)
    run.expect(
        set(broken) == {"print(a, b, c)", "one write() per line", "print() under a lock"},
        "a count for each of the three ways",
    )
    # print(a, b, c) usually breaks lines here, but how many depends on scheduling: not asserted.
    run.expect(broken["print() under a lock"] == 0, "no line broken under a lock")
    run.expect(broken["one write() per line"] == 0, "no line broken with one write() per line")
    return {
        "print_broken": broken["print(a, b, c)"],
        "write_broken": broken["one write() per line"],
        "lock_broken": broken["print() under a lock"],
        "lines": 16000,
    }


@claim("threads/shared_generator_lock.py")
def shared_generator_raises_and_lock_fixes_it(run: Run) -> dict[str, int]:
    """Threads sharing a bare generator find it already executing; with a lock around it,
    they take all 40 items once each, without an error."""
    shared = int(run.search(r"shared generator: (\d+) errors")[1])
    run.expect(
        shared > 0 and run.contains('ValueError("generator already executing")'),
        "the shared generator raised 'generator already executing'",
    )
    run.expect(
        run.contains("LockedIterator: 40 of 40 items, each once: True"),
        "the LockedIterator hands out all 40 items, each once",
    )
    run.expect(run.contains("LockedIterator: 0 errors"), "the LockedIterator raised no error")
    return {"errors": shared}


@claim("threads/synchronized_iterator.py")
def synchronized_iterator_shares_a_generator(run: Run) -> None:
    """The synchronized generator hands out all 40 items, each once, to the four threads,
    without an error."""
    # skipped before Python 3.15
    run.expect(
        run.contains("synchronized_iterator: 40 of 40 items, each once: True"),
        "all 40 items, each once",
    )
    run.expect(run.contains("synchronized_iterator: 0 errors"), "no error")
