"""An idle thread adds kilobytes; an idle process adds megabytes."""

# /// example
# start_methods = []               # it starts each kind of worker itself
# platforms = ["linux", "darwin"]  # it uses fork, where the OS has it
# requires = ["psutil"]
# timeout = 120
# ///

import multiprocessing
import os
import platform
import threading

WORKERS = 4
MIB = 1024 * 1024


def idle(ready, stop):
    ready.wait(timeout=60)  # every worker has started: the parent measures
    stop.wait(timeout=60)  # then idles until told to stop


def nothing():
    pass


def memory(processes):
    """RSS, USS and PSS summed over processes; PSS is None off Linux."""
    infos = [p.memory_full_info() for p in processes]
    pss = [getattr(info, "pss", None) for info in infos]
    rss, uss = sum(i.rss for i in infos), sum(i.uss for i in infos)
    return rss, uss, None if None in pss else sum(pss)


def per_worker(figures):
    return [None if f is None else f / WORKERS for f in figures]


def run(workers, ready, stop):
    """Per worker: what this process and its children gained (all three
    figures), and the workers' own figures if they are processes."""
    me = psutil.Process()  # its children: the workers and any helper
    before = memory([me, *me.children(recursive=True)])
    for worker in workers:
        worker.start()
    ready.wait(timeout=60)
    after = memory([me, *me.children(recursive=True)])
    pids = [w.pid for w in workers if hasattr(w, "pid")]  # processes only
    own = memory([psutil.Process(pid) for pid in pids])
    stop.set()
    for worker in workers:
        worker.join(timeout=60)
    grown = [None if a is None else a - b for a, b in zip(after, before)]
    return per_worker(grown), per_worker(own)


def threads():
    ready, stop = threading.Barrier(WORKERS + 1), threading.Event()
    workers = []
    for _ in range(WORKERS):
        workers.append(threading.Thread(target=idle, args=(ready, stop)))
    grown, _ = run(workers, ready, stop)
    return grown  # all in this process


def processes(ctx):
    ready, stop = ctx.Barrier(WORKERS + 1), ctx.Event()
    first = ctx.Process(target=nothing)  # starts any helper process first
    first.start()  # (the fork server, the resource tracker), so that it is
    first.join(timeout=60)  # counted before the workers, not as one of them
    args = (ready, stop)
    workers = [ctx.Process(target=idle, args=args) for _ in range(WORKERS)]
    grown, own = run(workers, ready, stop)
    # RSS and USS as a monitor shows each worker; PSS: what the whole
    # family of processes gained, pages shared with this one included.
    return own[0], own[1], grown[2]


def show(label, rss, uss, pss):
    pss = "n/a" if pss is None else f"{pss / MIB:7.2f}"
    print(f"{label:21} {rss / MIB:7.2f} {uss / MIB:7.2f} {pss:>7}")


def usable_cores():
    if hasattr(os, "process_cpu_count"):  # 3.13+
        return os.process_cpu_count()
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count()


if __name__ == "__main__":
    # Imported here, not at the top: a spawn child imports this file again,
    # and the workers' figures should not include psutil.
    import psutil

    available = multiprocessing.get_all_start_methods()
    methods = [m for m in ("fork", "spawn", "forkserver") if m in available]
    print(
        f"Python {platform.python_version()}, {usable_cores()} usable cores, "
        f"start methods {', '.join(methods)}"
    )
    print(f"\nin MiB{'RSS':>22} {'USS':>7} {'PSS':>7}")
    show("this process, alone", *memory([psutil.Process()]))
    print(f"per worker, {WORKERS} idle workers of each kind:")
    show("thread", *threads())
    for method in methods:
        ctx = multiprocessing.get_context(method)
        show(f"process ({method})", *processes(ctx))
