"""Limits under concurrency, CORS, the page's headers and the ``serve`` command's set-up."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest

import biblioconv
from biblioconv.server import service
from biblioconv.server.problems import ServiceProblem

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

BIBTEX = b"@misc{k, title={T}}\n"


class _Gate:
    """Holds the work of /detect until released (how a slow request is made, untimed)."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.release = threading.Event()
        self.real = service.detect

    def __call__(self, data: bytes, filename: str | None) -> biblioconv.Detection:
        self.entered.set()
        assert self.release.wait(30), "the test never released the request"
        return self.real(data, filename)


def _in_thread(call: Callable[[], Any]) -> tuple[threading.Thread, list[Any]]:
    result: list[Any] = []
    thread = threading.Thread(target=lambda: result.append(call()))
    thread.start()
    return thread, result


def test_over_the_concurrent_limit_is_503_with_retry_after(
    make_client: Callable[..., TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = _Gate()
    monkeypatch.setattr(service, "detect", gate)
    client = make_client(max_concurrent=1)
    thread, result = _in_thread(lambda: client.post("/detect", content=BIBTEX))
    try:
        assert gate.entered.wait(30)
        busy = client.post("/convert?to=ris", content=BIBTEX)
        assert busy.status_code == 503
        assert busy.headers["retry-after"] == "1"
        assert busy.headers["content-type"] == "application/problem+json"
        assert busy.json()["type"] == "urn:biblioconv:problem:busy"
        assert "1 requests" in busy.json()["detail"]
        assert client.get("/health").status_code == 200  # cheap endpoints take no slot
    finally:
        gate.release.set()
        thread.join(30)
    assert result[0].status_code == 200 and result[0].json()["format"] == "bibtex"
    assert client.post("/convert?to=ris", content=BIBTEX).status_code == 200  # slot freed


def test_over_the_time_limit_is_504_and_the_service_goes_on(
    make_client: Callable[..., TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = _Gate()
    monkeypatch.setattr(service, "detect", gate)
    client = make_client(timeout_seconds=0.05, max_concurrent=2)
    late = client.post("/detect", content=BIBTEX)  # answered while its work is held
    assert late.status_code == 504
    assert late.json()["type"] == "urn:biblioconv:problem:timeout"
    assert "0.05 s" in late.json()["detail"]
    # its slot stays taken until the work ends: one left
    assert client.app.state.slots.busy == 1  # type: ignore[attr-defined]
    gate.release.set()
    monkeypatch.setattr(service, "detect", gate.real)
    for _ in range(100):
        if client.app.state.slots.busy == 0:  # type: ignore[attr-defined]
            break
        threading.Event().wait(0.05)
    assert client.app.state.slots.busy == 0  # type: ignore[attr-defined]


def test_a_deadline_stops_reading_between_records() -> None:
    expired = service.Deadline(0.0)
    with pytest.raises(ServiceProblem) as raised:
        service.convert(BIBTEX * 3, source=None, target="ris", max_records=10, deadline=expired)
    assert raised.value.status == 504


def test_bad_input_under_concurrency_never_stops_the_service(
    make_client: Callable[..., TestClient],
) -> None:
    client = make_client(max_concurrent=4, max_body_bytes=2000)
    bodies = [
        ("/convert?to=ris", b"@article{x, title={Unclosed"),
        ("/convert?to=ris", b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "b">]><r>&a;</r>'),
        ("/convert?to=ris", b"z" * 5000),
        ("/cite", b'{"items": [], "style": "no-such-style"}'),
        ("/convert?to=ris", BIBTEX),
    ]
    results: list[int] = []
    lock = threading.Lock()

    def hammer(path: str, body: bytes) -> None:
        for _ in range(5):
            kind = {"Content-Type": "application/json"} if path == "/cite" else {}
            status = client.post(path, content=body, headers=kind).status_code
            with lock:
                results.append(status)

    threads = [threading.Thread(target=hammer, args=pair) for pair in bodies * 2]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(results) == 50
    assert 500 not in results and all(s in (200, 400, 413, 503) for s in results)
    assert 200 in results
    assert client.post("/convert?to=ris", content=BIBTEX).status_code == 200


def test_cors_is_off_by_default(client: TestClient) -> None:
    response = client.get("/health", headers={"Origin": "https://example.org"})
    assert "access-control-allow-origin" not in response.headers
    preflight = client.options(
        "/convert",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_when_configured(make_client: Callable[..., TestClient]) -> None:
    client = make_client(cors_origins=("https://example.org",))
    response = client.post(
        "/convert?to=ris", content=BIBTEX, headers={"Origin": "https://example.org"}
    )
    assert response.headers["access-control-allow-origin"] == "https://example.org"
    exposed = response.headers["access-control-expose-headers"].lower()
    assert "x-biblioconv-losses" in exposed and "x-biblioconv-records" in exposed
    other = client.get("/health", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in other.headers


def test_page_and_security_headers(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    api = client.get("/health")
    assert api.headers["x-content-type-options"] == "nosniff"
    assert api.headers["referrer-policy"] == "no-referrer"


def test_serve_without_the_extra_says_so(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from biblioconv.cli import main

    monkeypatch.setitem(sys.modules, "uvicorn", None)  # import uvicorn raises ImportError
    assert main(["serve"]) == 2
    assert capsys.readouterr().err == (
        "biblioconv: error: biblioconv serve needs the server extra: "
        "pip install 'biblioconv[server]'\n"
    )


def test_serve_refuses_a_bad_setting(capsys: pytest.CaptureFixture[str]) -> None:
    from biblioconv.cli import main

    assert main(["serve", "--max-concurrent", "0"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("biblioconv: error: serve --max-concurrent: ") and err.count("\n") == 1


def test_the_command_line_does_not_load_the_server_stack() -> None:
    code = (
        "import sys, biblioconv.cli as c; c.build_parser(); "
        "c.main(['formats']); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('fastapi', 'starlette', 'uvicorn', 'anyio')), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stderr.strip() == "[]"


def test_serve_on_a_port_in_use_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    from biblioconv.cli import main

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"biblioconv: error: serve: cannot listen on 127.0.0.1:{port}: ")
    assert err.count("\n") == 1


def test_the_listening_socket_is_tcp_so_responses_are_not_delayed() -> None:
    """asyncio sets TCP_NODELAY only on connections accepted from a socket made with the TCP
    protocol named; with proto 0 every keep-alive response after the first waited for the
    client's delayed ACK."""
    from biblioconv.server.cli import _listen

    sock = _listen("127.0.0.1", 0)
    try:
        assert sock.proto == socket.IPPROTO_TCP
    finally:
        sock.close()
