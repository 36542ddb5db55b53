"""Static rules every example follows, checked without running anything."""

from __future__ import annotations

import ast
import ipaddress
import re
from urllib.parse import urlsplit

import pytest

from example_runner import all_examples

from .support import ROOT

LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]", ""}
FILES = sorted((ROOT / "examples").rglob("*.py"))
_IP = re.compile(r"^\d{1,3}(\.\d{1,3}){3}$")
_HOST_PORT_CALLS = {
    "connect",
    "create_connection",
    "open_connection",
    "getaddrinfo",
    "gethostbyname",
}


def _strings(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node
        elif isinstance(node, ast.JoinedStr):  # f"http://{host}:..." - check the literal parts
            literal = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
            yield ast.Constant(value=literal, lineno=node.lineno)


def remote_addresses(source: str) -> list[str]:
    """Host names and IP addresses in string literals that are not loopback."""
    found = []
    tree = ast.parse(source)
    for node in _strings(tree):
        text = node.value
        for url in re.findall(r"[a-z][a-z0-9+.-]*://[^\s'\"]+", text):
            host = urlsplit(url).hostname or ""
            if host and not host.startswith("{") and host not in LOOPBACK_HOSTS:
                found.append(f"line {node.lineno}: {url}")
        if _IP.match(text.strip()) or text.strip().startswith(("::", "[::")):
            try:
                if not ipaddress.ip_address(text.strip("[] ")).is_loopback:
                    found.append(f"line {node.lineno}: {text}")
            except ValueError:
                pass
    for node in ast.walk(tree):  # ("example.org", 80) handed to connect() and friends
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) in _HOST_PORT_CALLS
        ):
            for arg in node.args[:1]:
                host = arg.elts[0] if isinstance(arg, ast.Tuple) and arg.elts else arg
                if (
                    isinstance(host, ast.Constant)
                    and isinstance(host.value, str)
                    and host.value not in LOOPBACK_HOSTS
                ):
                    found.append(f"line {node.lineno}: {host.value}")
    return found


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_example_talks_only_to_loopback(path):
    assert not remote_addresses(path.read_text(encoding="utf-8")), (
        f"{path.relative_to(ROOT)} names a non-loopback address: only 127.0.0.1, ::1 or localhost"
    )


@pytest.mark.parametrize(
    "source, bad",
    [
        ('urlopen("http://example.org/data")', True),
        ('url = f"http://10.0.0.5:{port}/"', True),
        ('sock.connect(("192.168.1.2", 80))', True),
        ('asyncio.open_connection("pypi.org", 443)', True),
        ('ADDR = "8.8.8.8"', True),
        ('url = f"http://127.0.0.1:{port}/x"', False),
        ('server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)', False),
        ('asyncio.open_connection("localhost", port)', False),
        ('version = "3.13.0"', False),
    ],
)
def test_loopback_check_catches_remote_addresses(source, bad):
    assert bool(remote_addresses(source)) is bad


def test_examples_are_small_and_documented(settings):
    for example in all_examples(settings):
        lines = example.source.splitlines()
        assert len(lines) <= 150, (
            f"{example.rel}: {len(lines)} lines; split it (about 60 is the aim)"
        )
        assert ast.get_docstring(ast.parse(example.source)), (
            f"{example.rel}: start with a one-line docstring"
        )


def test_required_packages_are_in_the_examples_requirements(settings):
    """An example may only import third-party packages that every example environment
    installs: the ones pinned in examples/requirements.txt."""
    text = (ROOT / "examples" / "requirements.txt").read_text(encoding="utf-8")
    pinned = {
        re.split(r"[=<>;\[ ]", line.strip(), maxsplit=1)[0].lower()
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    }
    for example in all_examples(settings):
        missing = [r for r in example.meta.requires if r.lower() not in pinned]
        assert not missing, f"{example.rel}: requires {missing}, not in examples/requirements.txt"
