"""Command line: run examples through the runner, exactly as the build and the tests do.

python -m example_runner run examples/basics/threads_print_numbers.py
python -m example_runner run examples/basics --start-method all --python python3.10
python -m example_runner pythons          # the interpreters found, and the page's one
python -m example_runner bench            # the pipeline benchmark (see bench.py)
python -m example_runner publish          # run, judge, build --strict and check the site
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable
from pathlib import Path

from ..environments import EnvironmentError_
from ..interpreters import InterpreterError
from ..metadata import ExampleError
from ..settings import Settings, SettingsError

Command = Callable[[Settings, argparse.Namespace], int]


def _command(module: str) -> Command:
    """The main() of a command module, imported only when its command runs."""
    main: Command = importlib.import_module(f"example_runner.commands.{module}").main
    return main


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m example_runner",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run examples (files or folders; default: all)")
    run.add_argument("paths", nargs="*")
    run.add_argument("--python", help="interpreter to run them with (default: the page's)")
    run.add_argument(
        "--start-method",
        choices=["fork", "spawn", "forkserver", "all"],
        help="impose a start method; 'all' = every one the example supports "
        "(default: what the page build uses)",
    )
    run.add_argument("--fresh", action="store_true", help="ignore cached results")
    run.add_argument("-q", "--quiet", action="store_true", help="only the status lines")
    run.set_defaults(module="run")
    sub.add_parser(
        "pythons", help="the interpreters found on this machine, and the one pages use"
    ).set_defaults(module="pythons")
    sub.add_parser("bench", help="time cold, warm and one-touched builds of the site").set_defaults(
        module="bench"
    )
    publish = sub.add_parser(
        "publish",
        help="run and judge what the pages show, build the site (--strict) and check it",
    )
    publish.add_argument("--site", default="site", help="where to build it (default: site/)")
    publish.add_argument(
        "--no-run", action="store_true", help="run nothing: only stored runs whose claims hold"
    )
    publish.add_argument(
        "--merge",
        action="extend",
        nargs="+",
        metavar="STORE",
        help="add other stores (folders of stored runs) first",
    )
    publish.add_argument(
        "--require-tabs", action="store_true", help="a version tab without its run is an error"
    )
    publish.set_defaults(module="publish")
    matrix = sub.add_parser(
        "matrix",
        help="run every example under every local Python and start method; "
        "write docs/data/compatibility.json",
    )
    matrix.add_argument(
        "--python",
        action="append",
        help="an interpreter (repeatable; default: the newest of each 3.10+ version found)",
    )
    matrix.set_defaults(module="matrix")
    new = sub.add_parser(
        "new",
        help="create examples/<topic>/<slug>.py from the template and put its directive on a page",
    )
    new.add_argument("name", help="<topic>/<slug>, e.g. sync/semaphore_pool")
    new.add_argument("--page", help="the page to add it to (default: the page showing its topic)")
    new.set_defaults(module="new")
    review = sub.add_parser(
        "review", help="run the examples a change touches under every start method and local Python"
    )
    review.add_argument("--base", default="main", help="compare with this git revision")
    review.set_defaults(module="review")
    add = sub.add_parser(
        "add-result",
        help="check a benchmark kit result (JSON) and add it to docs/data/results/",
    )
    add.add_argument("files", nargs="+", metavar="FILE")
    add.set_defaults(module="add_result")
    flake = sub.add_parser(
        "flake", help="run the whole test suite N times, fresh; report results that changed"
    )
    flake.add_argument("--runs", type=int, default=5)
    flake.add_argument("pytest_args", nargs="*", help="after --: extra pytest arguments")
    flake.set_defaults(module="flake")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = Settings.from_env(Path.cwd())
        if getattr(args, "fresh", False):
            settings = settings.replace(fresh=True)
        return _command(args.module)(settings, args)
    except (ExampleError, SettingsError, InterpreterError, EnvironmentError_) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
