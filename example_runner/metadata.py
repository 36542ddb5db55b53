"""Read what an example file declares about itself.

An example may start with a block in the style of PEP 723 inline script metadata,
named ``example`` instead of ``script``::

    # /// example
    # timeout = 30                 # seconds before the whole process group is killed
    # timing_sensitive = true      # run alone, with nothing else running
    # exit_code = 1                # a failure demo: this exit status is the expected one
    # expect_stderr = true         # stderr output (a traceback, a warning) is part of the demo
    # start_methods = ["spawn"]    # run under these start methods (default: all three if it
    #                              # uses multiprocessing; [] = do not impose one)
    # requires_python = "3.14"     # older interpreters skip it, with that reason
    # platforms = ["linux"]        # sys.platform prefixes it runs on
    # requires = ["numpy"]         # third-party distributions it imports (each must be
    #                              # listed in examples/requirements.txt)
    # compare = ["3.13", "3.15"]   # pages show its output from each of these interpreters,
    #                              # one tab each ("3.15t": a free-threaded build)
    # volatile = ["lost [\\d,]+"] # what varies from run to run beyond what is measured
    #                              # (regular expressions; see shapes.py)
    # volatile_across_methods = [] # what varies from run to run under some start methods
    #                              # only (masked when start methods are compared)
    # ///

Unknown keys and wrong types are errors, so a typo never goes unnoticed.

A page can show part of a file between section markers (the same markers as
pymdownx.snippets)::

    # --8<-- [start:measure]
    ...
    # --8<-- [end:measure]

Marker lines are never shown.
"""

from __future__ import annotations

import ast
import re
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import tomllib

from .settings import ALL_START_METHODS

DEFAULT_TIMEOUT = 60.0

_BLOCK = re.compile(r"^# /// example\s*$(?P<body>.*?)^# ///\s*$", re.MULTILINE | re.DOTALL)
_MARKER = re.compile(r"^\s*# --8<-- \[(?P<kind>start|end):(?P<name>[\w-]+)\]\s*$")
_MP_USE = re.compile(r"\bmultiprocessing\b|\bProcessPoolExecutor\b")

_KEYS: dict[str, tuple[type, ...]] = {
    "timeout": (int, float),
    "timing_sensitive": (bool,),
    "exit_code": (int,),
    "expect_stderr": (bool,),
    "start_methods": (list,),
    "requires_python": (str,),
    "platforms": (list,),
    "requires": (list,),
    "compare": (list,),
    "volatile": (list,),
    "volatile_across_methods": (list,),
}
_TAG = re.compile(r"^3\.\d+t?$")
_DISTRIBUTION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class ExampleError(Exception):
    """An example file that cannot be used as written (bad metadata, missing marker...)."""


@dataclass(frozen=True)
class Metadata:
    timeout: float = DEFAULT_TIMEOUT
    timing_sensitive: bool = False
    exit_code: int = 0
    expect_stderr: bool = False
    start_methods: tuple[str, ...] | None = None  # None: not declared
    requires_python: tuple[int, ...] = ()
    platforms: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()  # distribution names, as pip knows them
    compare: tuple[str, ...] = ()  # interpreter tags ("3.13", "3.15t") a page shows in tabs
    # Patterns of what its output prints that varies from run to run (a count of lost
    # updates): masked when runs of different versions are compared (shapes.py).
    volatile: tuple[str, ...] = ()
    volatile_across_methods: tuple[str, ...] = ()


@dataclass(frozen=True)
class Example:
    path: Path  # absolute
    rel: str  # relative to the examples root, with forward slashes: "basics/x.py"
    source: str
    meta: Metadata
    local_modules: tuple[Path, ...] = field(default=())

    @property
    def uses_multiprocessing(self) -> bool:
        return bool(_MP_USE.search(self.source))


def parse_metadata(source: str, where: str) -> Metadata:
    match = _BLOCK.search(source)
    if not match:
        return Metadata()
    lines = []
    for line in match.group("body").strip("\n").splitlines():
        if not line.startswith("#"):
            raise ExampleError(
                f"{where}: every line of the '# /// example' block must start with '#'"
            )
        lines.append(line[2:] if line.startswith("# ") else line[1:])
    try:
        raw = tomllib.loads("\n".join(lines))
    except tomllib.TOMLDecodeError as exc:
        raise ExampleError(f"{where}: the '# /// example' block is not valid TOML: {exc}") from None
    for key, value in raw.items():
        if key not in _KEYS:
            known = ", ".join(sorted(_KEYS))
            raise ExampleError(f"{where}: unknown metadata key {key!r} (known keys: {known})")
        if not isinstance(value, _KEYS[key]) or (
            isinstance(value, bool) and bool not in _KEYS[key]
        ):
            raise ExampleError(f"{where}: metadata {key} = {value!r} has the wrong type")
    methods = raw.get("start_methods")
    if methods is not None:
        bad = [m for m in methods if m not in ALL_START_METHODS]
        if bad:
            raise ExampleError(
                f"{where}: unknown start method(s) {bad}; use {list(ALL_START_METHODS)}"
            )
    timeout = raw.get("timeout", DEFAULT_TIMEOUT)
    if not 0 < timeout <= 600:
        raise ExampleError(f"{where}: timeout must be between 0 and 600 seconds, not {timeout}")
    requires: tuple[int, ...] = ()
    if "requires_python" in raw:
        if not re.fullmatch(r"3\.\d+", raw["requires_python"]):
            raise ExampleError(f'{where}: requires_python must look like "3.14"')
        requires = tuple(int(p) for p in raw["requires_python"].split("."))
    packages = raw.get("requires", [])
    bad = [r for r in packages if not isinstance(r, str) or not _DISTRIBUTION.match(r)]
    if bad:
        raise ExampleError(f'{where}: requires lists distribution names such as "numpy", not {bad}')
    compare = raw.get("compare", [])
    bad = [t for t in compare if not isinstance(t, str) or not _TAG.match(t)]
    if bad or len(set(compare)) != len(compare) or len(compare) == 1:
        raise ExampleError(
            f'{where}: compare lists two or more interpreters such as ["3.13", "3.15", '
            f'"3.15t"], not {compare}'
        )
    volatile = raw.get("volatile", [])
    across = raw.get("volatile_across_methods", [])
    for pattern in [*volatile, *across]:
        try:
            re.compile(pattern)
        except (re.error, TypeError) as exc:
            raise ExampleError(
                f"{where}: volatile lists regular expressions; {pattern!r} is not one ({exc})"
            ) from None
    return Metadata(
        timeout=float(timeout),
        timing_sensitive=raw.get("timing_sensitive", False),
        exit_code=raw.get("exit_code", 0),
        expect_stderr=raw.get("expect_stderr", False),
        start_methods=tuple(methods) if methods is not None else None,
        requires_python=requires,
        platforms=tuple(raw.get("platforms", ())),
        requires=tuple(packages),
        compare=tuple(compare),
        volatile=tuple(volatile),
        volatile_across_methods=tuple(across),
    )


def start_methods_for(example: Example) -> tuple[str | None, ...]:
    """The start methods the tests run an example under; None means 'impose none'."""
    declared = example.meta.start_methods
    if declared is None:
        return ALL_START_METHODS if example.uses_multiprocessing else (None,)
    return declared or (None,)


def local_modules(path: Path, root: Path, source: str | None = None) -> tuple[Path, ...]:
    """Modules next to the example (or in the examples root) that it imports, recursively.

    They are part of the cache key: change a helper and every example using it reruns.
    `source` stands in for the text of `path` (a notebook's code cells, for instance).
    """
    found: list[Path] = []
    todo = [path]
    while todo:
        current = todo.pop()
        text = (
            source
            if current == path and source is not None
            else current.read_text(encoding="utf-8")
        )
        try:
            tree = ast.parse(text, str(current))
        except SyntaxError:
            continue  # the run itself reports the syntax error
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names:
                    continue
                for folder in (path.parent, root):
                    for candidate in (folder / f"{top}.py", folder / top / "__init__.py"):
                        if candidate.is_file() and candidate not in found and candidate != path:
                            found.append(candidate)
                            todo.append(candidate)
    return tuple(sorted(found))


def load_example(path: Path, root: Path) -> Example:
    path = path.resolve()
    root = root.resolve()
    if not path.is_file():
        raise ExampleError(f"{path}: no such example file")
    source = path.read_text(encoding="utf-8")
    rel = path.relative_to(root).as_posix()
    return Example(
        path=path,
        rel=rel,
        source=source,
        meta=parse_metadata(source, rel),
        local_modules=local_modules(path, root),
    )


def displayed_source(source: str, section: str | None, where: str) -> str:
    """The code a page shows: no metadata block, no marker lines; optionally one section."""
    source = _BLOCK.sub("", source, count=1).lstrip("\n")
    lines = source.splitlines()
    if section is not None:
        starts = [i for i, line in enumerate(lines) if _is_marker(line, "start", section)]
        ends = [i for i, line in enumerate(lines) if _is_marker(line, "end", section)]
        if not starts or not ends or ends[0] < starts[0]:
            raise ExampleError(
                f"{where}: no section {section!r} (add '# --8<-- [start:{section}]' and "
                f"'# --8<-- [end:{section}]' lines)"
            )
        lines = lines[starts[0] + 1 : ends[0]]
    kept = [line for line in lines if not _MARKER.match(line)]
    return textwrap.dedent("\n".join(kept).strip("\n"))


def _is_marker(line: str, kind: str, name: str) -> bool:
    match = _MARKER.match(line)
    return bool(match and match["kind"] == kind and match["name"] == name)
