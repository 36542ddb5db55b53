"""The benchmark kit (docs/kit.py) and its results (example_runner/kit_results.py).

The kit runs in --quick mode (a few seconds), as a script in its own process group, once
under this platform's default start method and once under spawn (what Windows and macOS
use), and must leave no process behind. Its JSON must validate against the schema that
the site's results table and plot are made from.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from example_runner.kit_results import (
    ResultError,
    load_results,
    plot_results,
    render_results,
    validate,
)

ROOT = Path(__file__).resolve().parent.parent
KIT = ROOT / "docs" / "kit.py"


def _alive_in_group(pgid: int) -> list[str]:
    """Processes of the group that still run (Linux: zombies waiting for init don't count)."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        state, _ppid, group = text.rsplit(")", 1)[1].split()[:3]
        if int(group) == pgid and state != "Z":
            alive.append(text.split(")")[0] + ")")
    return alive


def run_kit(tmp_path: Path, *args: str, env: dict | None = None, timeout: float = 60):
    """Run the kit as a reader does, in a fresh folder; check nothing is left running."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    clean |= {"PYTHONDONTWRITEBYTECODE": "1", "PYTHONIOENCODING": "utf-8"} | (env or {})
    proc = subprocess.Popen(
        [sys.executable, str(KIT), *args],
        cwd=tmp_path,
        env=clean,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=os.name == "posix",  # its own process group, to find leftovers
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        if os.name == "posix":
            os.killpg(proc.pid, signal.SIGKILL)  # the kit and every process it started
        else:
            proc.kill()
        proc.communicate()
        pytest.fail(f"kit.py {' '.join(args)}: still running after {timeout} s (killed)")
    if sys.platform.startswith("linux"):
        deadline = time.monotonic() + 5  # the forkserver notices its parent's exit
        while (left := _alive_in_group(proc.pid)) and time.monotonic() < deadline:
            time.sleep(0.1)
        if left:
            os.killpg(proc.pid, signal.SIGKILL)
        assert not left, f"kit.py left processes running: {left}"
    return proc.returncode, out, err


def test_quick_run_prints_a_table_and_writes_a_valid_result(tmp_path):
    code, out, err = run_kit(
        tmp_path, "--quick", "--json", "result.json", "--source", "github workflow: tests"
    )
    assert code == 0 and err == "", err
    data = json.loads((tmp_path / "result.json").read_text(encoding="utf-8"))
    assert validate(data) == []
    assert data["source"] == "github workflow" and data["source_detail"] == "tests"
    assert data["quick"] is True and data["python"]["version"] in out
    assert set(data["startup_ms"]) == set(multiprocessing.get_all_start_methods())
    for line in ("Usable cores", "Start method", "speedup over serial (median of 3 rounds)"):
        assert line in out
    for workload in ("pure-Python CPU", "hashlib sha256", "sleep (I/O)", *data["startup_ms"]):
        assert workload in out
    cpu = [r for r in data["workloads"] if r["name"] == "pure-Python CPU"]
    assert [r["workers"] for r in cpu] == [1, max(2, data["cores"])]


def test_kit_runs_under_spawn_and_on_one_core(tmp_path):
    """spawn starts each worker by importing the kit again: the workers must be module-level
    functions and the work guarded by __main__ (a lambda fails to pickle, a missing guard
    fails in the child). Forced as the example runner does it, in sitecustomize."""
    (tmp_path / "sitecustomize.py").write_text(
        'import multiprocessing\nmultiprocessing.set_start_method("spawn", force=True)\n'
    )
    one_core = ["--cores", "1"] if hasattr(os, "sched_setaffinity") else []
    code, out, err = run_kit(
        tmp_path, "--quick", *one_core, "--json", "r.json", env={"PYTHONPATH": str(tmp_path)}
    )
    assert code == 0 and err == "", err
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert validate(data) == [] and data["default_start_method"] == "spawn"
    if one_core:
        assert data["cores"] == 1 and "Only 1 usable core" in out
        assert {r["workers"] for r in data["workloads"]} == {1, 2, 4}  # N is at least 2


def test_help_and_a_bad_option(tmp_path):
    code, out, _ = run_kit(tmp_path, "--help")
    assert code == 0
    for option in ("--json", "--quick", "--cores", "--source"):
        assert option in out
    code, _, err = run_kit(tmp_path, "--source", "a friend")
    assert code == 2 and "build machine, github workflow, reader" in err


def test_kit_reports_threads_that_scale_when_they_do():
    """A free-threaded build is not assumed to scale: the note follows the numbers."""
    spec = importlib.util.spec_from_file_location("kit_under_test", KIT)
    kit = importlib.util.module_from_spec(spec)
    dont_write, sys.dont_write_bytecode = sys.dont_write_bytecode, True  # keep docs/ clean
    try:
        spec.loader.exec_module(kit)
    finally:
        sys.dont_write_bytecode = dont_write
    free = sample(cores=4, free_threaded=True, gil_enabled=False, cpu_threads=3.5)
    assert "in parallel: 3.50x on 4 threads" in kit.notes(free)[0]
    assert "although the GIL is off" in kit.notes(sample(cores=4, gil_enabled=False))[0]
    assert "the GIL runs one at a time" in kit.notes(sample(cores=4))[0]
    assert "despite the GIL" in kit.notes(sample(cores=4, cpu_threads=1.5))[0]  # noise
    assert kit.notes(dict(free, quick=True))[0].startswith("Quick mode")


def test_benchmark_notebook_runs_the_kits_workloads_in_spawned_workers(tmp_path):
    """The notebook's helper imports its workloads from the kit; a worker started with
    spawn or forkserver must find the kit as well (PYTHONPATH has only the helper's folder,
    as when the notebook runs)."""
    code = (
        "import multiprocessing as mp, concurrent.futures as cf, bench_workloads as bw, kit\n"
        "assert bw.cpu_pure is kit.cpu_pure and bw._nothing is kit.nothing\n"
        "for method in {'spawn', 'forkserver'} & set(mp.get_all_start_methods()):\n"
        "    with cf.ProcessPoolExecutor(1, mp_context=mp.get_context(method)) as pool:\n"
        "        assert pool.submit(bw.cpu_pure, 1000).result(timeout=60) == bw.cpu_pure(1000)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env |= {"PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(ROOT / "docs" / "benchmarks")}
    run = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr


# --- Results: schema, loading, table, plot ----------------------------------------------


def sample(
    *,
    cores=2,
    system="Linux",
    free_threaded=False,
    gil_enabled=True,
    cpu_threads=1.0,
    source="reader",
    version="3.13.1",
) -> dict:
    n = max(2, cores)
    return {
        "kit_version": "1.0",
        "generated_at": "2025-01-31T12:00:00Z",
        "source": source,
        "python": {
            "implementation": "CPython",
            "version": version,
            "free_threaded": free_threaded,
            "gil_enabled": gil_enabled,
        },
        "platform": {"system": system, "machine": "x86_64", "release": "6.1"},
        "cores": cores,
        "default_start_method": "spawn",
        "quick": False,
        "rounds": 5,
        "workloads": [
            {
                "name": "pure-Python CPU",
                "workers": 1,
                "threads_speedup": 1.0,
                "processes_speedup": 0.97,
                "asyncio_speedup": None,
            },
            {
                "name": "pure-Python CPU",
                "workers": n,
                "threads_speedup": cpu_threads,
                "processes_speedup": 0.9 * n,
                "asyncio_speedup": None,
            },
            {
                "name": "hashlib sha256",
                "workers": n,
                "threads_speedup": 0.95 * n,
                "processes_speedup": None,
                "asyncio_speedup": None,
            },
            {
                "name": "sleep (I/O)",
                "workers": 2 * n,
                "threads_speedup": 1.9 * n,
                "processes_speedup": None,
                "asyncio_speedup": 1.95 * n,
            },
        ],
        "startup_ms": {"spawn": 41.5},
    }


SAMPLES = [
    sample(cores=1),
    sample(cores=2, source="build machine"),
    sample(cores=4, free_threaded=True, gil_enabled=False, cpu_threads=3.4, version="3.14.0"),
    sample(cores=8, system="Darwin"),
    sample(cores=4, system="Windows"),
]


def test_samples_are_valid():
    for data in SAMPLES:
        assert validate(data) == []


def test_a_malformed_result_fails_with_each_problem_named():
    bad = copy.deepcopy(SAMPLES[0])
    del bad["cores"]
    bad["source"] = "a friend"
    bad["generated_at"] = "31/01/2025"
    bad["python"]["free_threaded"] = "no"
    bad["workloads"][1]["threads_speedup"] = -1
    bad["startup_ms"]["vfork"] = 3.0
    errors = validate(bad)
    expected = [
        "(top level): 'cores' is a required property",
        "generated_at: '31/01/2025' is not an ISO 8601 time in UTC",
        "python.free_threaded: 'no' is not of type 'boolean'",
        "source: 'a friend' is not one of ['build machine', 'github workflow', 'reader']",
        "startup_ms: 'vfork' is not one of",
        "workloads[1].threads_speedup: -1 is less than or equal to the minimum of 0",
    ]
    for want in expected:
        assert any(e.startswith(want) for e in errors), (want, errors)
    assert len(errors) == len(expected), errors
    assert validate([]) == ["(top level): [] is not of type 'object'"]


def test_load_results_reads_a_folder_and_names_a_bad_file(tmp_path):
    for i, data in enumerate(SAMPLES):
        (tmp_path / f"{i}.json").write_text(json.dumps(data), encoding="utf-8")
    loaded = load_results(tmp_path)
    assert [p.name for p, _ in loaded] == [f"{i}.json" for i in range(len(SAMPLES))]
    assert [d for _, d in loaded] == SAMPLES

    broken = dict(SAMPLES[0], cores=0)
    (tmp_path / "laptop.json").write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(ResultError, match=r"laptop\.json: not a valid kit result:\n  cores: 0"):
        load_results(tmp_path)
    (tmp_path / "laptop.json").write_text("{'cores': 2}", encoding="utf-8")
    with pytest.raises(ResultError, match=r"laptop\.json: not a JSON file"):
        load_results(tmp_path)
    with pytest.raises(ResultError, match="no such folder"):
        load_results(tmp_path / "missing")


def test_render_results_makes_one_markdown_row_per_result():
    pair = (Path("x.json"), sample(source="reader"))
    pair[1]["source_detail"] = "my | laptop"
    table = render_results([*SAMPLES, pair]).splitlines()
    assert len(table) == 2 + len(SAMPLES) + 1
    assert table[0].startswith("| Source | Python / build | OS | Cores | CPU threads")
    assert all(line.count(" | ") == table[0].count(" | ") for line in table[2:])
    assert "| build machine | CPython 3.13.1 / GIL | Linux x86_64 | 2 | 1.00x (2) |" in table[3]
    assert "3.14.0 / free-threaded" in table[4] and "3.40x (4)" in table[4]
    assert "reader: my \\| laptop" in table[-1]  # a pipe in free text cannot break the row


def test_plot_results_writes_a_transparent_svg(tmp_path):
    path = tmp_path / "speedups.svg"
    plot_results(SAMPLES, path)
    svg = path.read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "<svg" in svg
    assert "usable cores" in svg and "Linux, free-threaded" in svg  # text stays text
    assert "#ffffff" not in svg.lower()  # no white card behind it: the page shows through
    with pytest.raises(ValueError, match="no results"):
        plot_results([], tmp_path / "empty.svg")
