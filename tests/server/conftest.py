"""Fixtures of the HTTP service's tests: an in-process client and a live ``biblioconv serve``."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from biblioconv.server import ServerSettings, create_app

with warnings.catch_warnings():
    # newer Starlette announces a successor of httpx for its test client: not ours to act on
    warnings.filterwarnings("ignore", message=r"Using `httpx` with `starlette\.testclient`")
    from fastapi.testclient import TestClient


@pytest.fixture
def make_client() -> Iterator[Callable[..., TestClient]]:
    """A TestClient of an application with the given settings (closed after the test)."""
    clients: list[TestClient] = []

    def make(**settings: Any) -> TestClient:
        raise_errors = settings.pop("raise_server_exceptions", True)
        client = TestClient(
            create_app(ServerSettings(**settings)), raise_server_exceptions=raise_errors
        )
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client: Callable[..., TestClient]) -> TestClient:
    """A TestClient of the application with the default settings."""
    return make_client()


@pytest.fixture(scope="module")
def live_server() -> Iterator[str]:
    """``biblioconv serve`` run as a command on a free loopback port (``--port 0``: the one it
    says it serves on): its base URL."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "biblioconv", "serve", "--port", "0", "--log-level", "warning"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()
        found = re.match(r"biblioconv: serving on (http://127\.0\.0\.1:\d+)/ ", line)
        if found is None:
            proc.kill()
            pytest.fail(f"biblioconv serve did not start: {line}{proc.stderr.read()}")
        base = found.group(1)
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail(f"biblioconv serve exited with {proc.returncode}")
            try:
                with urllib.request.urlopen(f"{base}/health", timeout=2) as response:
                    if json.load(response)["status"] == "ok":
                        break
            except (urllib.error.URLError, OSError):
                if time.monotonic() > deadline:
                    pytest.fail("biblioconv serve did not answer /health within 60 s")
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
