"""Claims about the examples in examples/gil/, shown on gil.md."""

from example_runner.claims import Run, claim, parallel_bound


def _race_line(run: Run, label: str) -> tuple[int, int, int]:
    m = run.search(rf"{label}:\s+made\s+([\d,]+) increments, counter\s+([\d,]+), lost ([\d,]+)")
    made, got, lost = (int(g.replace(",", "")) for g in m.groups())
    run.expect(made - got == lost, f"{label}: lost = made - counter")
    return made, got, lost


@claim("gil/race_lost_update.py")
def a_call_between_read_and_write_loses_updates(run: Run) -> dict[str, int]:
    """Without a lock, four threads lose updates to the shared counter although the GIL
    is on; with a Lock around the read, the call and the write, none are lost."""
    made, got, lost = _race_line(run, "without a lock")
    # The GIL did not make the read-call-write atomic.
    run.expect(made > 0 and lost > 0, "without a lock, updates were made and some were lost")
    made_locked, got_locked, lost_locked = _race_line(run, "with a Lock")
    run.expect(
        made_locked > 0 and got_locked == made_locked and lost_locked == 0,
        "with a Lock, the counter matches the increments made",
    )
    return {
        "made_without_lock": made,
        "counter_without_lock": got,
        "lost_without_lock": lost,
        "made_with_lock": made_locked,
        "lost_with_lock": lost_locked,
    }


@claim("gil/dis_plus_equals.py")
def plus_equals_is_a_read_an_add_and_a_write(run: Run) -> dict[str, str]:
    """Incrementing a global compiles to three separate instructions: a read of the global,
    an addition and a write, in that order."""
    ops = run.findall(r"^  ([A-Z_]+) *(\S*)")
    names = [op for op, _ in ops]
    run.expect(
        "LOAD_GLOBAL" in names and "STORE_GLOBAL" in names, "a LOAD_GLOBAL and a STORE_GLOBAL"
    )
    read = names.index("LOAD_GLOBAL")
    adds = [i for i, (op, arg) in enumerate(ops) if op == "INPLACE_ADD" or arg == "+="]
    run.expect(adds, "an INPLACE_ADD, or a BINARY_OP with +=")
    add = adds[0]
    write = names.index("STORE_GLOBAL")
    # Three separate instructions, in this order.
    run.expect(read < add < write, "the read, the add and the write come in this order")
    run.expect(ops[read][1] == ops[write][1] == "counter", "the read and the write are of counter")
    run.expect(
        all(run.contains(f"<- {step}") for step in ("read counter", "add", "write counter")),
        "the three steps are labelled read, add and write",
    )
    return {"read": ops[read][0], "add": ops[add][0], "write": ops[write][0]}


def _handoffs(run: Run) -> dict[int, int]:
    found = run.findall(r"switch interval\s+(\d+) ms: the GIL changed hands\s+(\d+) times")
    return {int(ms): int(n) for ms, n in found}


@claim("gil/switch_interval.py")
def the_default_switch_interval_is_5_ms(run: Run) -> dict[str, float]:
    """The default switch interval is 5 ms, and the hand-offs are counted with it and
    with 1 ms."""
    run.expect(run.contains("sys.getswitchinterval() = 0.005 s"), "the default interval is 0.005 s")
    intervals = set(_handoffs(run))
    run.expect(intervals == {5, 1}, f"hand-offs counted at 5 ms and 1 ms, not {intervals}")
    return {"default_interval_ms": 5.0}


@claim("gil/switch_interval.py", timing=True)
def threads_take_turns_of_about_the_switch_interval(run: Run) -> dict[str, float]:
    """Two spinning threads hand the GIL over about once per switch interval: turns of
    3 ms or more at the default 5 ms, and 1.5 to 5.5 times as many hand-offs at 1 ms."""
    handoffs = _handoffs(run)
    # Two spinning threads: the waiting one asks for the GIL after the interval, so a
    # turn lasts about 5 ms, and 0.3 s of spinning has about 60 hand-offs. Claim 10:
    # they did take turns, even if a busy machine stalls some of them.
    run.within("hand-offs at 5 ms", handoffs[5], at_least=10)
    # A 1 ms interval allows up to 5x as many turns; claim 1.5x.
    # Bound: a turn lasts at least its interval (the waiting thread waits that long
    # before it asks), so at most 300 turns at 1 ms against about 60 at 5 ms: 5x, 1.1
    # for the wake-ups that make each turn a little longer than its interval.
    ratio = handoffs[1] / handoffs[5]
    run.within("hand-offs at 1 ms / at 5 ms", ratio, at_least=1.5, at_most=5 * 1.1)
    turn = run.number(r"5 ms: .* one turn lasted\s+([\d.]+) ms")
    # A turn cannot be shorter than the interval (the other thread waits that long
    # before it asks); a few hand-offs at I/O or the end of a thread's run make the
    # average a little shorter. Claim 3 ms.
    run.within("a turn at 5 ms (ms)", turn, at_least=3)
    return {
        "handoffs_5ms": handoffs[5],
        "handoffs_1ms": handoffs[1],
        "handoff_ratio": ratio,
        "turn_5ms": turn,
        "turn_1ms": run.number(r" 1 ms: .* one turn lasted\s+([\d.]+) ms"),
    }


@claim("gil/cpu_threads_no_speedup.py", timing=True)
def two_threads_do_not_speed_up_pure_python_work(run: Run) -> dict[str, float]:
    """Under the GIL, two threads do the pure-Python work no faster than one thread doing
    it twice."""
    speedup = run.number(r"speedup ([\d.]+)x")
    # Bound, with or without the GIL: 2 threads on min(2, cores) cores (1.1 for timer
    # noise).
    run.within("speedup", speedup, at_most=parallel_bound(run, 2))
    if not run.contains("GIL off"):  # with the GIL off (free-threaded), threads may scale
        # Under the GIL one thread runs Python code at a time: the bound is 1x (two cores
        # would give about 2x without a GIL). Serial and threaded runs alternate; 1.3x
        # would mean parallel execution, not noise.
        run.within("speedup under the GIL", speedup, at_most=1.3)
    return {
        "speedup": speedup,
        "one_thread": run.number(r"one thread, one after the other\s+([\d.]+) s"),
        "two_threads": run.number(r"two threads at once\s+([\d.]+) s"),
        "usable_cores": int(run.number(r"(\d+) usable cores")),
    }


@claim("gil/convoy_effect.py", timing=True)
def a_cpu_bound_thread_delays_io_round_trips(run: Run) -> dict[str, float]:
    """Beside a CPU-bound thread, many round trips wait for the GIL: the mean round trip
    is several times longer than alone."""
    rows = {
        label: (float(mean), int(slow))
        for label, mean, slow in run.findall(
            r"^(alone|beside a CPU-bound thread)\s+mean round trip\s+([\d.]+) ms,\s+(\d+) of"
        )
    }
    alone, beside = rows["alone"], rows["beside a CPU-bound thread"]
    interval_ms = run.number(r"switch interval ([\d.]+) s") * 1000
    # Alone, a round trip is the echo's 0.5 ms plus pipe and wake-up costs, under 1 ms.
    # Beside a spinning thread, the reader wakes up and must wait for the GIL: up to a
    # switch interval (5 ms) per round trip, so about 5x or more. Claim 3x.
    # Bound (two or more cores, so the echo program never waits for a core): a round
    # trip releases the GIL twice (the write, the read), and each time waits at most one
    # switch interval to get it back: at most (alone + 2 intervals) / alone, 1.1 for
    # noise. On one core the echo program also waits for the scheduler: no bound.
    slowdown = beside[0] / alone[0]
    run.within(
        "mean round trip beside / alone",
        slowdown,
        at_least=3,
        at_most=(alone[0] + 2 * interval_ms) / alone[0] * 1.1 if run.cores >= 2 else None,
    )
    # Most of the 100 round trips wait for the GIL (over 2 ms); claim 10 of them.
    run.expect(
        beside[1] >= 10 and beside[1] > alone[1],
        f"beside the CPU-bound thread, 10 or more round trips over 2 ms, and more than "
        f"alone ({beside[1]} against {alone[1]})",
    )
    return {
        "alone_ms": alone[0],
        "beside_ms": beside[0],
        # As printed on the last line (from the unrounded means).
        "slowdown": int(run.number(r"made the round trips (\d+)x slower")),
        "slow_alone": alone[1],
        "slow_beside": beside[1],
        "switch_interval_ms": interval_ms,
    }
