"""Which interpreters the runner finds, and which one runs the examples the pages show."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from example_runner import discover, page_interpreter, probe
from example_runner.interpreters import candidates, choose_page, newest_per_tag


def _link(path: Path, target: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)
    return path


def _nowhere(settings, tmp_path):
    """Settings that look nowhere: no PATH, no pyenv, no uv, no explicit interpreter."""
    return settings.replace(
        search_path=(),
        pyenv_root=tmp_path / "no-pyenv",
        uv_python_dir=tmp_path / "no-uv",
        pythons=(),
        toolchain_python=str(tmp_path / "no-toolchain"),
        page_python=None,
    )


def test_candidates_come_from_path_pyenv_uv_and_the_settings(tmp_path, settings):
    bin_dir, real = tmp_path / "bin", os.path.realpath(probe(settings.toolchain_python).executable)
    on_path = [_link(bin_dir / n, real) for n in ("python3.13", "python3.15t")]
    _link(bin_dir / "python3", real)  # no version in the name: not a candidate
    _link(bin_dir / "pythonw3.13", real)
    shims = [_link(tmp_path / "pyenv" / "shims" / "python3.12", real)]  # pyenv's shims: skipped
    pyenv = _link(tmp_path / "pyenv" / "versions" / "3.12.1" / "bin" / "python3.12", real)
    uv = [
        _link(tmp_path / "uv" / "cpython-3.14.1-linux-x86_64-gnu" / "bin" / "python3.14", real),
        _link(
            tmp_path
            / "uv"
            / "cpython-3.14.1+freethreaded-linux-x86_64-gnu"
            / "bin"
            / "python3.14t",
            real,
        ),
    ]
    explicit = _link(tmp_path / "elsewhere" / "my-python", real)
    found = candidates(
        settings.replace(
            search_path=(str(bin_dir), str(shims[0].parent)),
            pyenv_root=tmp_path / "pyenv",
            uv_python_dir=tmp_path / "uv",
            pythons=(str(explicit),),
        )
    )
    assert found[0] == explicit  # named in the settings: first
    for path in [*on_path, pyenv, *uv]:
        assert path in found, path
    assert bin_dir / "python3" not in found and bin_dir / "pythonw3.13" not in found
    assert shims[0] not in found


@pytest.mark.parametrize("where", ["PATH", "pyenv", "uv", "settings"])
def test_each_place_alone_finds_an_interpreter(tmp_path, settings, example_python, where):
    real = os.path.realpath(example_python.executable)
    name = f"python{example_python.tag}"
    nowhere = _nowhere(settings, tmp_path)
    if where == "PATH":
        path = _link(tmp_path / "bin" / name, real)
        local = nowhere.replace(search_path=(str(path.parent),))
    elif where == "pyenv":
        path = _link(tmp_path / "pyenv" / "versions" / example_python.version / "bin" / name, real)
        local = nowhere.replace(pyenv_root=tmp_path / "pyenv")
    elif where == "uv":
        folder = f"cpython-{example_python.version}-linux-x86_64-gnu"
        path = _link(tmp_path / "uv" / folder / "bin" / name, real)
        local = nowhere.replace(uv_python_dir=tmp_path / "uv")
    else:
        path = _link(tmp_path / "anywhere" / "python", real)
        local = nowhere.replace(pythons=(str(path),))
    found = discover(local)
    assert [i.executable for i in found] == [str(path)]
    assert found[0].version == example_python.version
    assert page_interpreter(local).executable == str(path)


def test_pages_use_the_newest_default_build_unless_told(settings, example_python):
    base = dataclasses.replace(example_python, free_threaded=False)
    old = dataclasses.replace(base, version="3.13.9", version_info=(3, 13, 9), executable="/a")
    new = dataclasses.replace(base, version="3.15.2", version_info=(3, 15, 2), executable="/b")
    newer_ft = dataclasses.replace(
        base, version="3.16.0", version_info=(3, 16, 0), free_threaded=True, executable="/c"
    )
    assert choose_page([old, newer_ft, new]) == new  # free-threaded builds fill tabs only
    assert choose_page([newer_ft]) is None
    assert [i.tag for i in newest_per_tag([old, new, newer_ft])] == ["3.13", "3.15", "3.16t"]
    told = settings.replace(page_python=example_python.executable)
    assert page_interpreter(told).executable == example_python.executable


def test_an_interpreter_that_cannot_run_is_named(tmp_path):
    from example_runner.interpreters import InterpreterError

    broken = tmp_path / "python3.99"
    broken.write_text("#!/bin/sh\necho broken >&2\nexit 3\n")
    broken.chmod(0o755)
    with pytest.raises(InterpreterError, match=f"cannot probe {broken}: broken"):
        probe(str(broken))
