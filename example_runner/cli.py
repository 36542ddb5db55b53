"""Command line: run examples through the runner, exactly as the build and the tests do.

python -m example_runner run examples/basics/threads_print_numbers.py
python -m example_runner run examples/basics --start-method all --python python3.10
python -m example_runner bench            # the pipeline benchmark (see bench.py)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import all_examples, examples_root, load_example, page_job, test_jobs
from .batch import Batch
from .execute import Job
from .metadata import ExampleError

ROOT = Path.cwd()


def _examples(paths: list[str]):
    root = examples_root(ROOT)
    if not paths:
        return all_examples(ROOT)
    chosen = []
    for raw in paths:
        path = Path(raw).resolve()
        if path.is_dir():
            chosen += [e for e in all_examples(ROOT) if e.path.is_relative_to(path)]
        else:
            chosen.append(load_example(path, root))
    return chosen


def cmd_run(args) -> int:
    jobs: list[Job] = []
    for example in _examples(args.paths):
        if args.start_method == "all":
            jobs += test_jobs(example, args.python)
        elif args.start_method:
            jobs.append(Job(example, args.start_method, args.python))
        else:
            jobs.append(page_job(example, args.python))
    batch = Batch(jobs, ROOT, fresh=args.fresh).start()
    failed = 0
    for job in jobs:
        result = batch.result(job)
        cached = " (cached)" if result.cached else ""
        print(
            f"=== {job}: {result.status}{cached} in {result.duration:.2f} s, "
            f"{result.python}, start method {result.start_method}"
        )
        if result.reason:
            print(f"    {result.reason}")
        if not args.quiet:
            if result.stdout:
                print(result.stdout.rstrip())
            if result.stderr.strip():
                print("--- stderr ---\n" + result.stderr.rstrip())
        failed += result.status in ("failed", "timeout")
    print(batch.summary())
    return 1 if failed else 0


def _lazy(module: str):
    """The main() of a submodule, imported only when its command runs."""
    import importlib

    return importlib.import_module(f"example_runner.{module}").main


def _new(args) -> int:
    from .scaffold import ScaffoldError, new_example

    try:
        path, where = new_example(args.name, ROOT, args.page)
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    rel = path.relative_to(ROOT)
    print(
        f"created {rel}\n{where}\nnext: edit it, then run\n"
        f"    python -m example_runner run {rel} --start-method all"
    )
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m example_runner",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run examples (files or folders; default: all)")
    run.add_argument("paths", nargs="*")
    run.add_argument("--python", default=sys.executable, help="interpreter to run them with")
    run.add_argument(
        "--start-method",
        choices=["fork", "spawn", "forkserver", "all"],
        help="impose a start method; 'all' = every one the example supports "
        "(default: what the page build uses)",
    )
    run.add_argument("--fresh", action="store_true", help="ignore cached results")
    run.add_argument("-q", "--quiet", action="store_true", help="only the status lines")
    run.set_defaults(func=cmd_run)
    bench = sub.add_parser("bench", help="time cold, warm and one-touched builds of the site")
    bench.set_defaults(func=lambda args: _lazy("bench")())
    matrix = sub.add_parser(
        "matrix",
        help="run every example under every local Python and "
        "start method; write docs/data/compatibility.json",
    )
    matrix.add_argument(
        "--python",
        action="append",
        help="an interpreter (repeatable; default: this one and every pyenv CPython 3.10+)",
    )
    matrix.set_defaults(func=lambda args: _lazy("matrix")(args.python))
    new = sub.add_parser(
        "new",
        help="create examples/<topic>/<slug>.py from the template and put its directive on a page",
    )
    new.add_argument("name", help="<topic>/<slug>, e.g. sync/semaphore_pool")
    new.add_argument("--page", help="the page to add it to (default: the page showing its topic)")
    new.set_defaults(func=_new)
    review = sub.add_parser(
        "review", help="run the examples a change touches under every start method and local Python"
    )
    review.add_argument("--base", default="main", help="compare with this git revision")
    review.set_defaults(func=lambda args: _lazy("review")(args.base))
    flake = sub.add_parser("flake", help="run the test suite N times; report results that changed")
    flake.add_argument("--runs", type=int, default=5)
    flake.add_argument("pytest_args", nargs="*", help="after --: extra pytest arguments")
    flake.set_defaults(func=lambda args: _lazy("flake")(args.runs, args.pytest_args))
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except ExampleError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
