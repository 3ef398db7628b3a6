"""The service under a short concurrent load, with bad input mixed in (bounded in count and time).

A small version of ``benchmarks/bench_service.py`` (its request set and load driver): 8 keep-alive
clients for 3 seconds against ``biblioconv serve`` in a subprocess on a free loopback port,
converting real corpus batches to CSL-JSON and citing them in APA, while 2 of the clients send
malformed BibTeX, an oversized body, a billion-laughs document and an unknown style. No timing
is asserted (speed lives in the benchmark); what is asserted is that nothing fails.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from testsupport import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import bench_service as B

CLIENTS = 8
BAD_CLIENTS = 2
SECONDS = 3.0


@pytest.fixture(scope="module")
def server() -> Iterator[B.Server]:
    """``biblioconv serve`` in a subprocess, with the benchmark's body limit."""
    with B.biblioconv_server(clients=CLIENTS) as srv:
        yield srv


@pytest.fixture(scope="module")
def load(server: B.Server) -> B.LoadResult:
    """Good and bad requests at once for a few seconds."""
    good = B.good_requests()
    return asyncio.run(
        B.run_load(
            server.host,
            server.port,
            good,
            clients=CLIENTS,
            duration=SECONDS,
            bad=B.bad_requests(),
            bad_clients=BAD_CLIENTS,
            max_samples=10,
        )
    )


def test_good_requests_all_succeed(load: B.LoadResult) -> None:
    assert load.requests > 0
    assert load.errors == 0, load.samples
    assert set(load.kinds) <= set(B.KINDS)
    for kind, stats in load.kinds.items():
        assert all(200 <= status < 300 for status in stats.statuses), (kind, stats.statuses)


def test_no_server_error(load: B.LoadResult) -> None:
    assert load.server_errors == 0, load.samples


def test_bad_input_gets_problem_json(load: B.LoadResult) -> None:
    expected = {req.kind for req in B.bad_requests()}
    sent = {kind for kind, stats in load.bad.items() if stats.latencies}
    assert sent and sent <= expected, sent
    assert load.bad_wrong == 0, load.samples
    for kind, stats in load.bad.items():
        assert stats.problems == len(stats.latencies), (kind, stats.statuses)
        assert all(400 <= status < 500 for status in stats.statuses), (kind, stats.statuses)
    if "oversized body" in load.bad:
        assert set(load.bad["oversized body"].statuses) == {413}


def test_still_healthy_afterwards(server: B.Server, load: B.LoadResult) -> None:
    health: dict[str, Any] | None = server.health()
    assert health is not None and health["status"] == "ok"
    one = B.good_requests()[0]

    async def send() -> B.Response:
        conn = B.Connection(server.host, server.port)
        try:
            return await conn.send(one)
        finally:
            conn.close()

    response = asyncio.run(send())
    assert response.status == 200
    assert isinstance(json.loads(response.body), list)


def test_each_bad_request_alone(server: B.Server, load: B.LoadResult) -> None:
    """Each bad request on a connection of its own: a 4xx problem+json with one line."""

    async def send_all() -> list[tuple[str, B.Response]]:
        out = []
        for req in B.bad_requests():
            conn = B.Connection(server.host, server.port)
            try:
                out.append((req.kind, await conn.send(req)))
            finally:
                conn.close()
        return out

    for kind, response in asyncio.run(send_all()):
        assert B.is_problem(response), (kind, response.status, response.body[:200])
