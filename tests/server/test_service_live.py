"""``biblioconv serve`` as a command on a free loopback port, spoken to with urllib, and the
curl examples of docs/service.md run against it."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from testsupport import EXAMPLES, ROOT

from biblioconv import registry
from biblioconv.server.negotiation import media_types_of

DOC = ROOT / "docs" / "service.md"
DOC_BASE = "http://127.0.0.1:8000"


def _request(
    url: str, data: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def test_the_serve_command_answers(live_server: str) -> None:
    status, _, body = _request(f"{live_server}/health")
    assert status == 200 and json.loads(body)["status"] == "ok"
    bib = (EXAMPLES / "social-innovators.bib").read_bytes()
    status, headers, body = _request(
        f"{live_server}/convert", bib, {"Accept": "application/x-research-info-systems"}
    )
    assert status == 200
    assert headers["content-type"] == "application/x-research-info-systems; charset=utf-8"
    assert headers["x-biblioconv-records"] == "1"
    assert body.startswith(b"TY  - ")
    status, headers, body = _request(
        f"{live_server}/convert?to=ris", b"@article{x, title={Unclosed"
    )
    assert status == 400 and headers["content-type"] == "application/problem+json"
    assert json.loads(body)["detail"].startswith("<input>:1: no ")
    status, _, body = _request(f"{live_server}/")
    assert status == 200 and b"<html" in body.lower()


# -- the examples of docs/service.md -----------------------------------------------------------


def _curl_examples() -> list[str]:
    """The commands of the ```sh blocks that start with curl (continuation lines joined)."""
    blocks = re.findall(r"```sh\n(.*?)```", DOC.read_text("utf-8"), flags=re.DOTALL)
    return [
        block.replace("\\\n", " ").strip() for block in blocks if block.lstrip().startswith("curl ")
    ]


def _by_urllib(args: list[str], base: str, cwd: Path) -> tuple[int, bytes]:
    """A curl command line (-s, -X, -H, -d, --data-binary @FILE, the URL) sent with urllib."""
    method, headers, data, url = "GET", {}, None, ""
    it = iter(args[1:])
    for arg in it:
        if arg == "-s":
            continue
        if arg == "-X":
            method = next(it)
        elif arg == "-H":
            key, _, value = next(it).partition(":")
            headers[key.strip()] = value.strip()
        elif arg in ("-d", "--data", "--data-binary"):
            value = next(it)
            data = (cwd / value[1:]).read_bytes() if value.startswith("@") else value.encode()
            if arg != "--data-binary" and value.startswith("@"):
                data = data.replace(b"\r", b"").replace(b"\n", b"")
            headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
            method = "POST" if method == "GET" else method
        elif arg.startswith("http"):
            url = arg
        else:
            raise AssertionError(f"the test does not know curl's {arg}")
    request = urllib.request.Request(
        url.replace(DOC_BASE, base), data=data, headers=headers, method=method
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _run(command: str, base: str) -> tuple[int, bytes]:
    args = shlex.split(command)
    assert all(DOC_BASE in a for a in args if a.startswith(("http:", "'http"))), command
    curl = shutil.which("curl")
    if curl is None:
        return _by_urllib(args, base, EXAMPLES)
    args = [curl, *(a.replace(DOC_BASE, base) for a in args[1:]), "-w", "\n%{http_code}"]
    done = subprocess.run(args, cwd=EXAMPLES, capture_output=True, timeout=120, check=True)
    body, _, code = done.stdout.rpartition(b"\n")
    return int(code), body


def test_the_docs_have_curl_examples() -> None:
    examples = _curl_examples()
    assert len(examples) >= 10
    for path in ("/health", "/formats", "/styles", "/convert", "/detect", "/validate", "/cite"):
        assert any(path in e for e in examples), path


@pytest.mark.parametrize("command", _curl_examples())
def test_curl_example_of_the_docs(live_server: str, command: str) -> None:
    status, body = _run(command, live_server)
    assert status == 200, body.decode("utf-8", "replace")
    assert body.strip()
    if body.lstrip()[:1] in (b"{", b"["):
        json.loads(body)
    # and urllib, curl's translation, gets the same answer (whichever ran first)
    args = shlex.split(command)
    again, body_again = _by_urllib(args, live_server, EXAMPLES)
    assert again == 200 and body_again == body


def test_the_media_type_table_matches_the_formats() -> None:
    text = DOC.read_text("utf-8")
    table = text.split("<!-- media types:", 1)[1].split("\n\n", 1)[0]
    rows = {}
    for line in table.splitlines()[3:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        name = re.match(r"`([a-z-]+)`", cells[0])
        assert name, line
        rows[name.group(1)] = re.findall(r"`([^`]+)`", cells[1])
    assert rows == {s.name: media_types_of(s) for s in registry.all_formats()}
