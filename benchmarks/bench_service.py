"""Benchmark: ``biblioconv serve`` under load, side by side with citation-js behind a Node server.

Each service runs in its own process on a free loopback port: ``biblioconv serve`` (uvicorn; with
``--workers`` when the command has that option) and ``benchmarks/peers/citation_js_server.js``
(node's http module around citation-js 0.7 from ``benchmarks/.peers/node``, installed by
``benchmarks/peers/setup.sh``; one process). Both get the same requests, byte for byte:

* ``POST /convert`` of BibTeX or RIS to CSL-JSON (``Content-Type`` names the source, ``Accept:
  application/vnd.citationstyles.csl+json`` the target);
* ``POST /cite`` of a JSON body ``{"input", "from", "style": "apa", "format": "html"}``: the APA
  bibliography of the entries, in HTML.

The bodies are the real corpora: ``bibtex-real.bib`` split into batches of 1 to 10 consecutive
entries (with the entries their ``crossref`` names and the ``@string`` definitions they use, so
each batch reads on its own) and the vendor RIS exports in batches of 1 to 10 records. Four kinds
of request (convert BibTeX, convert RIS, cite BibTeX, cite RIS) in turn; every client walks the
same list from its own starting point, with HTTP/1.1 keep-alive connections (asyncio streams).

Per service: a warm-up (``--warmup`` passes over the distinct requests, each sent once, so what
the server caches by content is as full as this load makes it), then ``--rounds`` rounds of
``--duration`` seconds with ``--clients`` concurrent clients: requests/s and p50/p90/p99 latency
per kind, errors (anything but a 2xx; must be 0, the first few printed), the CPU time the server
process(es) used (``/proc/<pid>/stat``; on a shared machine a fairer figure than the wall clock)
and the server's resident memory (``VmRSS``) at start, after the warm-up and after each round.
No leaked memory: the RSS after each round stays within ``--rss-margin`` of the RSS after the
warm-up, and each later round within half that margin of the first round. Then a bad
input phase: ``--bad-fraction`` of the clients send malformed BibTeX, a body over the size limit,
a billion-laughs DataCite XML document and an unknown style, while the others go on with the
good requests: the bad ones must get a 4xx ``application/problem+json`` (never a 5xx), the good
ones must still succeed, and ``/health`` must answer afterwards.

Ratios are to citation-js (the baseline) measured in the same run. The load generator runs on
the same machine as the servers and takes CPU time too.

    python benchmarks/bench_service.py [--clients 50] [--duration 30] [--warmup 1] [--rounds 2]
        [--bad-duration 10] [--bad-fraction 0.2] [--workers N] [--rss-margin 0.1]
        [--servers biblioconv citation-js] [--seed 21]

Exit status 1 when biblioconv's service has an error, a 5xx, a bad request not answered with a
4xx problem, memory growing past the margin, or does not answer ``/health`` afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as C

BENCH = "service"
NODE_SERVER = C.ROOT / "benchmarks" / "peers" / "citation_js_server.js"
NODE_PREFIX = C.ROOT / "benchmarks" / ".peers" / "node"
CSL_JSON = "application/vnd.citationstyles.csl+json"
MEDIA = {"bibtex": "application/x-bibtex", "ris": "application/x-research-info-systems"}
KINDS = ("convert bibtex", "cite bibtex", "convert ris", "cite ris")
TOOLS = {"biblioconv": "biblioconv serve", "citation-js": "citation-js 0.7 (node http)"}
MAX_BODY = 1024 * 1024
"""The request body limit both services are started with (the oversized bodies go over it)."""


# -- requests ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    """One HTTP request of the load."""

    kind: str
    method: str
    path: str
    headers: tuple[tuple[str, str], ...]
    body: bytes = b""

    def encode(self, host: str) -> bytes:
        """The request as bytes on the wire (HTTP/1.1, keep-alive)."""
        head = [f"{self.method} {self.path} HTTP/1.1", f"Host: {host}"]
        head += [f"{k}: {v}" for k, v in self.headers]
        head.append(f"Content-Length: {len(self.body)}")
        return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + self.body


_STRING = re.compile(r"@string\s*[{(]\s*([^\s=]+)\s*=", re.I)
_MACRO = re.compile(r"[=#]\s*([A-Za-z][\w:.+/'-]*)")
"""A bare word after ``=`` or ``#``: the use of an ``@string`` macro."""
_CROSSREF = re.compile(r"(?im)^\s*crossref\s*=\s*[{\"]?\s*([^}\",\s]+)")
_KEY = re.compile(r"^\s*@\s*\w+\s*[{(]\s*([^,\s]+)")


def _bibtex_batches(rng: random.Random) -> list[str]:
    """The real BibTeX corpus in self-contained batches of 1-10 consecutive entries."""
    header, entries = C._bib_blocks()
    strings: dict[str, str] = {}
    for block in re.split(r"(?=@string)", header, flags=re.I):
        m = _STRING.match(block)
        if m:
            strings[m.group(1).lower()] = block.split("\n%")[0].rstrip() + "\n"
    keys = {}
    for entry in entries:
        m = _KEY.match(entry)
        if m:
            keys[m.group(1).lower()] = entry
    batches = []
    i = 0
    while i < len(entries):
        batch = entries[i : i + rng.randint(1, 10)]
        i += len(batch)
        names = {_KEY.match(e).group(1).lower() for e in batch if _KEY.match(e)}  # type: ignore[union-attr]
        todo = list(batch)
        while todo:  # the crossref targets, and theirs
            for ref in _CROSSREF.findall(todo.pop()):
                parent = keys.get(ref.lower())
                if parent is not None and ref.lower() not in names:
                    names.add(ref.lower())
                    batch.append(parent)
                    todo.append(parent)
        used: list[str] = []
        seen: set[str] = set()
        todo = list(batch)
        while todo:  # the @string definitions used, and the ones they use
            for word in _MACRO.findall(todo.pop()):
                name = word.lower()
                if name in strings and name not in seen:
                    seen.add(name)
                    used.append(strings[name])
                    todo.append(strings[name])
        batches.append("".join(reversed(used)) + "\n" + "".join(batch))
    return batches


def _ris_batches(rng: random.Random) -> list[str]:
    """The vendor RIS exports in batches of 1-10 records, each record with its own ID."""
    records = C._ris_records()
    batches = []
    i = 0
    while i < len(records):
        chunk = records[i : i + rng.randint(1, 10)]
        text = ""
        for k, lines in enumerate(chunk, start=i):
            text += lines[0] + f"\nID  - r{k}\n" + "".join(ln + "\n" for ln in lines[1:])
            text += "ER  - \n\n"
        i += len(chunk)
        batches.append(text)
    return batches


def good_requests(seed: int = 21) -> list[Request]:
    """The good requests of the load, the four kinds in turn over the real corpora."""
    rng = random.Random(seed)
    sources = {"bibtex": _bibtex_batches(rng), "ris": _ris_batches(rng)}
    out: list[Request] = []
    n = 2 * max(len(b) for b in sources.values())
    for i in range(n):
        kind = KINDS[i % len(KINDS)]
        verb, fmt = kind.split()
        batches = sources[fmt]
        text = batches[(i // len(KINDS)) % len(batches)]
        if verb == "convert":
            headers = (("Content-Type", MEDIA[fmt]), ("Accept", CSL_JSON))
            out.append(Request(kind, "POST", "/convert", headers, text.encode()))
        else:
            body = {"input": text, "from": fmt, "style": "apa", "locale": "en-US", "format": "html"}
            headers = (("Content-Type", "application/json"), ("Accept", "application/json"))
            out.append(Request(kind, "POST", "/cite", headers, json.dumps(body).encode()))
    return out


HEALTH = Request("health", "GET", "/health", ())

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE resource [\n<!ENTITY lol "lol">\n'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + ']>\n<resource xmlns="http://datacite.org/schema/kernel-4">'
    "<titles><title>&lol9;</title></titles></resource>\n"
)


def bad_requests(max_body: int = MAX_BODY) -> list[Request]:
    """Requests that must get a 4xx problem+json: malformed, oversized, hostile, unknown style."""
    bib = "@article{x, title = {A title that never ends, author = {Doe, Jane}"
    cite = {"input": "@article{a, title={T}, author={Doe, J.}, year=2020}", "from": "bibtex"}
    oversized = "% padding\n" * (max_body // 10 + 100)
    oversized += "@misc{big, title={Too big}}\n"
    return [
        Request(
            "malformed bibtex",
            "POST",
            "/convert",
            (("Content-Type", MEDIA["bibtex"]), ("Accept", CSL_JSON)),
            bib.encode(),
        ),
        Request(
            "oversized body",
            "POST",
            "/convert",
            (("Content-Type", MEDIA["bibtex"]), ("Accept", CSL_JSON)),
            oversized.encode(),
        ),
        Request(
            "billion laughs",
            "POST",
            "/convert",
            (("Content-Type", "application/vnd.datacite.datacite+xml"), ("Accept", CSL_JSON)),
            BILLION_LAUGHS.encode(),
        ),
        Request(
            "unknown style",
            "POST",
            "/cite",
            (("Content-Type", "application/json"),),
            json.dumps({**cite, "style": "no-such-style-anywhere", "format": "html"}).encode(),
        ),
        Request(
            "malformed bibtex (cite)",
            "POST",
            "/cite",
            (("Content-Type", "application/json"),),
            json.dumps({"input": bib, "from": "bibtex", "style": "apa"}).encode(),
        ),
    ]


# -- HTTP client ---------------------------------------------------------------------------------


@dataclass
class Response:
    """A response as read from the wire."""

    status: int
    headers: dict[str, str]
    body: bytes


class Connection:
    """One keep-alive HTTP/1.1 connection (reopened when the server closes it)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def _read(self, reader: asyncio.StreamReader) -> Response:
        status_line = await reader.readuntil(b"\r\n")
        parts = status_line.decode("latin-1").split(" ", 2)
        status = int(parts[1])
        headers: dict[str, str] = {}
        while True:
            line = await reader.readuntil(b"\r\n")
            if line == b"\r\n":
                break
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        if "content-length" in headers:
            body = await reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
                chunks.append(await reader.readexactly(size + 2))
                if size == 0:
                    while (await reader.readuntil(b"\r\n")) != b"\r\n":
                        pass  # trailers
                    break
            body = b"".join(c[:-2] for c in chunks)
        else:
            body = await reader.read()
            headers["connection"] = "close"
        return Response(status, headers, body)

    async def send(self, request: Request) -> Response:
        """Send one request and read its response (one retry on a fresh connection when a
        reused one turns out closed by the server before it answered)."""
        for attempt in range(2):
            reused = self.writer is not None
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            assert self.reader is not None and self.writer is not None
            # read while writing: a server may answer (413) before it has read a large body
            reading = asyncio.ensure_future(self._read(self.reader))
            try:
                self.writer.write(request.encode(self.host))
                await self.writer.drain()
            except ConnectionError:
                pass  # the answer, if any, is read below
            try:
                response = await reading
            except (asyncio.IncompleteReadError, ConnectionError):
                self.close()
                if reused and attempt == 0:
                    continue
                raise
            if response.headers.get("connection", "").lower() == "close":
                self.close()
            return response
        raise AssertionError("unreachable")

    def close(self) -> None:
        """Close the connection (the next request opens a new one)."""
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


# -- load ----------------------------------------------------------------------------------------


def _percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


@dataclass
class KindStats:
    """What the requests of one kind got."""

    latencies: list[float] = field(default_factory=list)
    starts: list[float] = field(default_factory=list)
    """When each request was sent (``time.perf_counter()``), in the order of ``latencies``."""
    errors: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    problems: int = 0
    """Responses with a 4xx status and a well-formed application/problem+json body."""
    left_out: int = 0
    """Records the server said it could not convert (``X-Failed-Records``; citation-js)."""

    def summary(self, seconds: float) -> dict[str, Any]:
        """Requests, requests/s, p50/p90/p99 (ms) and errors."""
        n = len(self.latencies)
        return {
            "requests": n,
            "rps": n / seconds if seconds else 0.0,
            "p50": _percentile(self.latencies, 0.50) * 1000,
            "p90": _percentile(self.latencies, 0.90) * 1000,
            "p99": _percentile(self.latencies, 0.99) * 1000,
            "errors": self.errors,
        }


@dataclass
class LoadResult:
    """One phase of load against one server."""

    seconds: float
    kinds: dict[str, KindStats]
    bad: dict[str, KindStats]
    samples: list[str]
    """The first few errors, one line each."""
    started: float = 0.0
    """When the load started (``time.perf_counter()``)."""

    @property
    def errors(self) -> int:
        """Good requests that did not get a 2xx."""
        return sum(s.errors for s in self.kinds.values())

    @property
    def server_errors(self) -> int:
        """5xx answers to any request, good or bad."""
        every = [*self.kinds.values(), *self.bad.values()]
        return sum(n for s in every for status, n in s.statuses.items() if status >= 500)

    @property
    def bad_wrong(self) -> int:
        """Bad requests not answered with a 4xx problem+json."""
        return sum(len(s.latencies) - s.problems for s in self.bad.values())

    @property
    def requests(self) -> int:
        """Good requests sent."""
        return sum(len(s.latencies) for s in self.kinds.values())


def is_problem(response: Response) -> bool:
    """A 4xx answer with an RFC 9457 problem+json body whose detail is one line."""
    if not 400 <= response.status < 500:
        return False
    if response.headers.get("content-type", "").split(";")[0].strip() != (
        "application/problem+json"
    ):
        return False
    try:
        problem = json.loads(response.body)
    except ValueError:
        return False
    detail = problem.get("detail") if isinstance(problem, dict) else None
    return (
        problem.get("status") == response.status
        and isinstance(problem.get("title"), str)
        and isinstance(detail, str)
        and bool(detail.strip())
        and "\n" not in detail.strip()
    )


async def run_load(
    host: str,
    port: int,
    requests: Sequence[Request],
    *,
    clients: int,
    duration: float,
    bad: Sequence[Request] = (),
    bad_clients: int = 0,
    max_samples: int = 5,
    once: bool = False,
    timeout: float = 120.0,
) -> LoadResult:
    """``clients`` concurrent keep-alive clients sending ``requests`` for ``duration`` seconds.

    The first ``bad_clients`` of them send the ``bad`` requests in turn instead. Each client
    starts at its own place in its list and goes round it, on a keep-alive connection opened
    (and answered once, ``GET /health``) before the clock starts. With ``once``, the clients share one
    pass over ``requests`` instead (each request sent once) and stop at its end. A request
    without an answer after ``timeout`` seconds counts as an error.
    """
    shared = iter(requests)
    kinds: dict[str, KindStats] = {}
    bads: dict[str, KindStats] = {}
    samples: list[str] = []

    def note(line: str) -> None:
        if len(samples) < max_samples:
            samples.append(line)

    async def client(
        index: int, conn: Connection, pool: Sequence[Request], is_bad: bool, stop: float
    ) -> None:
        # each client starts at its own place in its list (bad clients in theirs)
        slot, of = (index, bad_clients) if is_bad else (index - bad_clients, clients - bad_clients)
        i = slot * len(pool) // max(of, 1)
        try:
            while time.perf_counter() < stop:
                if once and not is_bad:
                    req = next(shared, None)
                    if req is None:
                        break
                else:
                    req = pool[i % len(pool)]
                    i += 1
                stats = (bads if is_bad else kinds).setdefault(req.kind, KindStats())
                start = time.perf_counter()
                try:
                    resp = await asyncio.wait_for(conn.send(req), timeout)
                except (
                    OSError,
                    asyncio.IncompleteReadError,
                    asyncio.TimeoutError,
                    ValueError,
                ) as exc:
                    stats.latencies.append(time.perf_counter() - start)
                    stats.starts.append(start)
                    stats.errors += 1
                    note(f"{req.kind}: no response ({type(exc).__name__}: {exc})")
                    conn.close()
                    continue
                stats.latencies.append(time.perf_counter() - start)
                stats.starts.append(start)
                stats.statuses[resp.status] += 1
                if is_bad:
                    if is_problem(resp):
                        stats.problems += 1
                    else:
                        stats.errors += 1
                        note(f"{req.kind}: {resp.status} {resp.body[:160]!r}")
                elif not 200 <= resp.status < 300:
                    stats.errors += 1
                    note(f"{req.kind}: {resp.status} {resp.body[:200]!r}")
                else:
                    left_out = resp.headers.get("x-failed-records", "0")
                    stats.left_out += int(left_out) if left_out.isdigit() else 0
        finally:
            conn.close()

    # every connection is opened and answered once (GET /health) before the clock starts: a
    # server busy with requests may accept a new connection late, which is not what is measured
    conns = [Connection(host, port) for _ in range(clients)]
    await asyncio.gather(*(c.send(HEALTH) for c in conns))
    start = time.perf_counter()
    stop = start + duration
    if not bad:
        bad_clients = 0
    tasks = [
        client(i, conns[i], bad, True, stop)
        if i < bad_clients
        else client(i, conns[i], requests, False, stop)
        for i in range(clients)
    ]
    await asyncio.gather(*tasks)
    return LoadResult(time.perf_counter() - start, kinds, bads, samples, start)


# -- servers -------------------------------------------------------------------------------------


def free_port() -> int:
    """A TCP port free on the loopback interface now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (from the parent ids in /proc/*/stat)."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(parents.get(p, []))
    return out


def rss_mb(pid: int) -> float:
    """Resident memory (VmRSS) of a process and its descendants, MB."""
    total = 0
    for p in _tree(pid):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its live descendants, seconds."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for p in _tree(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / tick


class Server:
    """A service in a subprocess on a loopback port, stopped on exit."""

    def __init__(self, name: str, args: list[str], port: int, env: dict[str, str] | None = None):
        self.name, self.args, self.port = name, args, port
        self.host = "127.0.0.1"
        self.env = env
        self.proc: subprocess.Popen[bytes] | None = None
        self.stderr: Any = None
        self.log = b""
        """What the server wrote to its standard error (once stopped)."""

    @property
    def pid(self) -> int:
        """The server's process id."""
        assert self.proc is not None
        return self.proc.pid

    def health(self) -> dict[str, Any] | None:
        """The /health answer, or None."""
        try:
            with urllib.request.urlopen(
                f"http://{self.host}:{self.port}/health", timeout=10
            ) as resp:
                data: dict[str, Any] = json.loads(resp.read())
                return data
        except (OSError, ValueError):
            return None

    def _stderr(self) -> bytes:
        self.stderr.seek(0)
        data: bytes = self.stderr.read()
        return data

    def __enter__(self) -> Server:
        self.stderr = tempfile.TemporaryFile()  # a file, not a pipe: nobody reads it meanwhile
        self.proc = subprocess.Popen(
            self.args,
            cwd=C.ROOT,
            env={**os.environ, **(self.env or {})},
            stdout=subprocess.DEVNULL,
            stderr=self.stderr,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                tail = " | ".join(self._stderr().decode().strip().splitlines()[-3:])
                self.stderr.close()
                raise RuntimeError(f"{self.name} exited ({self.proc.returncode}): {tail}")
            if self.health() is not None:
                return self
            time.sleep(0.2)
        self.__exit__(None, None, None)
        raise RuntimeError(f"{self.name} did not answer /health within 60 s")

    def __exit__(self, *exc: object) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.stderr is not None:
            self.log = self._stderr()
            self.stderr.close()
            self.stderr = None


def serve_help() -> str:
    """The text of ``biblioconv serve --help`` ('' when the command is missing)."""
    proc = subprocess.run(
        [C.PYTHON, "-m", "biblioconv", "serve", "--help"],
        capture_output=True,
        text=True,
        check=False,
        cwd=C.ROOT,
    )
    return proc.stdout if proc.returncode == 0 else ""


def biblioconv_server(
    *, clients: int, workers: int | None = None, max_body: int = MAX_BODY
) -> Server:
    """``biblioconv serve`` on a free port, with room for ``clients`` requests in flight."""
    port = free_port()
    args = [C.PYTHON, "-m", "biblioconv", "serve", "--host", "127.0.0.1", "--port", str(port)]
    args += ["--max-body-bytes", str(max_body), "--max-concurrent", str(2 * clients)]
    args += ["--log-level", "warning"]
    if workers:
        args += ["--workers", str(workers)]
    return Server("biblioconv serve", args, port)


def node_server(*, max_body: int = MAX_BODY) -> Server:
    """citation-js behind node's http module, on a free port."""
    port = free_port()
    args = ["node", str(NODE_SERVER), "--port", str(port), "--max-body-bytes", str(max_body)]
    return Server("citation-js (node)", args, port, {"CITATION_JS_PREFIX": str(NODE_PREFIX)})


# -- the benchmark -------------------------------------------------------------------------------


def _versions(servers: list[str]) -> dict[str, str]:
    import biblioconv

    out = {"biblioconv": biblioconv.__version__}
    try:
        from importlib.metadata import version

        out["uvicorn"] = version("uvicorn")
        out["fastapi"] = version("fastapi")
    except Exception:  # pragma: no cover - the server extra missing
        pass
    if "citation-js" in servers and shutil.which("node"):
        pkg = NODE_PREFIX / "node_modules" / "@citation-js" / "core" / "package.json"
        csl = NODE_PREFIX / "node_modules" / "@citation-js" / "plugin-csl" / "package.json"
        if pkg.exists():
            out["@citation-js/core"] = json.loads(pkg.read_text())["version"]
            out["@citation-js/plugin-csl"] = json.loads(csl.read_text())["version"]
        node = subprocess.run(["node", "--version"], capture_output=True, text=True, check=False)
        out["node"] = node.stdout.strip()
    return out


def _print_table(result: LoadResult, cpu: float) -> None:
    print(
        f"  {'kind':<16}{'requests':>9}{'req/s':>9}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}"
        f"{'errors':>8}"
    )
    every = KindStats()
    for kind in KINDS:
        s = result.kinds.get(kind, KindStats())
        every.latencies += s.latencies
        every.errors += s.errors
        _print_row(kind, s.summary(result.seconds))
    _print_row("all", every.summary(result.seconds))
    rate = result.requests / cpu if cpu > 0 else float("nan")
    print(f"  server CPU {cpu:.1f} s ({cpu / result.seconds:.2f} cores): {rate:.0f} requests/CPU-s")
    slowest = sorted(
        (lat, at - result.started)
        for s in result.kinds.values()
        for lat, at in zip(s.latencies, s.starts, strict=True)
    )[-3:]
    print(
        "  slowest: "
        + ", ".join(f"{lat:.1f} s (sent at +{at:.1f} s)" for lat, at in reversed(slowest))
    )
    left_out = sum(s.left_out for s in result.kinds.values())
    if left_out:
        print(f"  records the server left out as not convertible (X-Failed-Records): {left_out}")


def _print_row(kind: str, s: dict[str, Any]) -> None:
    print(
        f"  {kind:<16}{s['requests']:>9}{s['rps']:>9.1f}{s['p50']:>9.1f}{s['p90']:>9.1f}"
        f"{s['p99']:>9.1f}{s['errors']:>8}"
    )


def _all_stats(result: LoadResult) -> KindStats:
    every = KindStats()
    for s in result.kinds.values():
        every.latencies += s.latencies
        every.errors += s.errors
    return every


def bench_server(
    server: Server, args: argparse.Namespace, good: list[Request], bad: list[Request]
) -> dict[str, Any]:
    """Warm-up, rounds and the bad-input phase against one server; what they measured."""
    out: dict[str, Any] = {"name": server.name, "rounds": [], "ok": True}
    with server:
        pid = server.pid
        out["rss_start"] = rss_mb(pid)
        print(f"\n== {server.name} (pid {pid}, port {server.port}): {server.health()}")
        print(f"RSS at start {out['rss_start']:.1f} MB")
        warm = LoadResult(0.0, {}, {}, [])
        for _ in range(args.warmup):  # passes over every distinct request, each sent once
            one = asyncio.run(
                run_load(
                    server.host, server.port, good, clients=args.clients, duration=600, once=True
                )
            )
            warm.seconds += one.seconds
            warm.samples += one.samples
            for kind, st in one.kinds.items():
                acc = warm.kinds.setdefault(kind, KindStats())
                acc.latencies += st.latencies
                acc.starts += st.starts
                acc.errors += st.errors
        out["rss_warm"] = rss_mb(pid)
        print(
            f"warm-up ({args.warmup} pass(es) over the distinct requests) {warm.seconds:.0f} s: "
            f"{warm.requests} requests, {warm.errors} errors; "
            f"RSS {out['rss_warm']:.1f} MB"
        )
        for line in warm.samples:
            print(f"  ! {line}")
        for r in range(1, args.rounds + 1):
            cpu0, own0 = cpu_seconds(pid), time.process_time()
            res = asyncio.run(
                run_load(
                    server.host, server.port, good, clients=args.clients, duration=args.duration
                )
            )
            cpu, own = cpu_seconds(pid) - cpu0, time.process_time() - own0
            rss = rss_mb(pid)
            growth = rss - out["rss_warm"]
            print(
                f"round {r}: {args.clients} clients, {res.seconds:.1f} s, load average "
                f"{os.getloadavg()[0]:.2f}, load generator CPU {own:.1f} s"
            )
            _print_table(res, cpu)
            print(f"  RSS {rss:.1f} MB ({growth:+.1f} MB vs after warm-up)")
            for line in res.samples:
                print(f"  ! {line}")
            out["rounds"].append({"result": res, "cpu": cpu, "rss": rss})
        n_bad = max(1, round(args.clients * args.bad_fraction))
        cpu0 = cpu_seconds(pid)
        res = asyncio.run(
            run_load(
                server.host,
                server.port,
                good,
                clients=args.clients,
                duration=args.bad_duration,
                bad=bad,
                bad_clients=n_bad,
            )
        )
        cpu = cpu_seconds(pid) - cpu0
        out["bad"] = res
        print(
            f"bad input under load: {n_bad} of {args.clients} clients send bad requests for "
            f"{res.seconds:.1f} s"
        )
        every = _all_stats(res)
        s = every.summary(res.seconds)
        print(
            f"  good requests: {s['requests']} ({s['rps']:.1f}/s, p50 {s['p50']:.1f} ms, "
            f"p99 {s['p99']:.1f} ms), errors {s['errors']}; server CPU {cpu:.1f} s"
        )
        for kind, st in sorted(res.bad.items()):
            codes = ", ".join(f"{code} x{n}" for code, n in sorted(st.statuses.items()))
            print(
                f"  bad {kind:<24} {len(st.latencies):>6} sent, {st.problems:>6} 4xx problem+json"
                f" ({codes}), wrong {st.errors}"
            )
        print(
            f"  5xx: {res.server_errors}; bad requests not answered with a 4xx problem: "
            f"{res.bad_wrong}"
        )
        for line in res.samples:
            print(f"  ! {line}")
        health = server.health()
        out["health_after"] = health is not None and health.get("status") == "ok"
        out["rss_end"] = rss_mb(pid)
        print(f"/health afterwards: {health}; RSS at the end {out['rss_end']:.1f} MB")
    # no leak: every round ends within the margin of the RSS after the warm-up, and the rounds
    # after the first do not grow it further (by more than half the margin)
    warm_rss, rounds = out["rss_warm"], [r["rss"] for r in out["rounds"]]
    limit = warm_rss * (1 + args.rss_margin)
    growth = [b - rounds[0] for b in rounds[1:]]
    out["leak_ok"] = all(r <= limit for r in rounds) and all(
        g <= warm_rss * args.rss_margin / 2 for g in growth
    )
    print(
        f"memory: after warm-up {warm_rss:.1f} MB, after each round "
        + ", ".join(f"{r:.1f}" for r in rounds)
        + " MB"
        + "".join(f" (round {k + 2}: {g:+.1f} MB over round 1)" for k, g in enumerate(growth))
        + f": {'no leak' if out['leak_ok'] else 'GROWING'} (margin {args.rss_margin:.0%} of "
        f"after warm-up, {limit:.1f} MB; later rounds within half of it over round 1)"
    )
    out["ok"] = (
        warm.errors == 0
        and all(r["result"].errors == 0 and r["result"].server_errors == 0 for r in out["rounds"])
        and res.errors == 0
        and res.server_errors == 0
        and res.bad_wrong == 0
        and out["health_after"]
        and out["leak_ok"]
    )
    return out


def _emit(out: dict[str, Any], tool: str, args: argparse.Namespace, baseline: bool) -> None:
    for r, rnd in enumerate(out["rounds"], start=1):
        res: LoadResult = rnd["result"]
        for kind in (*KINDS, "all"):
            stats = _all_stats(res) if kind == "all" else res.kinds.get(kind, KindStats())
            s = stats.summary(res.seconds)
            C.emit(
                BENCH,
                f"{kind}, {args.clients} clients, round {r}",
                tool,
                records=s["requests"],
                seconds=res.seconds,
                peak_rss_mb=rnd["rss"],
                cpu_seconds=rnd["cpu"] if kind == "all" else None,
                baseline=baseline,
                note=f"p50 {s['p50']:.1f} ms, p99 {s['p99']:.1f} ms, errors {s['errors']}",
            )


def _side_by_side(results: dict[str, dict[str, Any]]) -> None:
    """The last round of each server in one Markdown table, ratios to citation-js."""
    names = list(results)
    print("\n=== side by side (last round; ratio = biblioconv / citation-js requests/s)")
    head = "| request | " + " | ".join(f"{n} req/s | {n} p50 ms | {n} p99 ms" for n in names)
    ratio = "biblioconv" in results and "citation-js" in results
    print(head + (" | ratio |" if ratio else " |"))
    print("|---" * (1 + 3 * len(names) + int(ratio)) + "|")
    for kind in (*KINDS, "all"):
        cells, rates = [kind], {}
        for n in names:
            res: LoadResult = results[n]["rounds"][-1]["result"]
            stats = _all_stats(res) if kind == "all" else res.kinds.get(kind, KindStats())
            s = stats.summary(res.seconds)
            rates[n] = s["rps"]
            cells += [f"{s['rps']:.1f}", f"{s['p50']:.0f}", f"{s['p99']:.0f}"]
        if ratio:
            base = rates["citation-js"]
            cells.append(f"{rates['biblioconv'] / base:.2f}x" if base else "-")
        print("| " + " | ".join(cells) + " |")
    rows = []
    for n in names:
        out = results[n]
        last = out["rounds"][-1]
        res = last["result"]
        per_cpu = f"{res.requests / last['cpu']:.0f}" if last["cpu"] > 0 else "-"
        after = " / ".join(f"{r['rss']:.0f}" for r in out["rounds"])
        errors = sum(r["result"].errors for r in out["rounds"])
        rows.append(
            f"| {n} | {per_cpu} | {out['rss_start']:.0f} | {out['rss_warm']:.0f} | {after} | "
            f"{errors} | {out['bad'].server_errors} | {out['bad'].bad_wrong} |"
        )
    print(
        "\n| server | requests/CPU-s | RSS start MB | after warm-up | after each round | "
        "errors | 5xx (bad phase) | bad not 4xx problem |"
    )
    print("|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))


def main(argv: list[str] | None = None) -> int:
    """Run the load against each server; 1 when biblioconv's service failed a check."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--duration", type=float, default=30.0, help="seconds per round")
    ap.add_argument(
        "--warmup",
        type=int,
        default=1,
        help="warm-up passes over the distinct requests (each sent once per pass)",
    )
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--bad-duration", type=float, default=10.0)
    ap.add_argument("--bad-fraction", type=float, default=0.2, help="of the clients")
    ap.add_argument("--workers", type=int, default=None, help="biblioconv serve --workers")
    ap.add_argument(
        "--rss-margin", type=float, default=0.1, help="allowed RSS growth after warm-up"
    )
    ap.add_argument(
        "--servers",
        nargs="+",
        choices=["biblioconv", "citation-js"],
        default=["biblioconv", "citation-js"],
    )
    ap.add_argument("--seed", type=int, default=21)
    args = ap.parse_args(argv)

    m = C.machine()
    print(
        f"machine: {m['cores']} cores, {m['cpu']}, {m['memory_gb']} GB, Python {m['python']}, "
        f"load average {m['load_average']:.2f} at start"
    )
    print("versions: " + ", ".join(f"{k} {v}" for k, v in _versions(args.servers).items()))
    good = good_requests(args.seed)
    bad = bad_requests()
    counts = Counter(r.kind for r in good)
    print(
        f"load: {len(good)} distinct good requests ("
        + ", ".join(f"{k} {counts[k]}" for k in KINDS)
        + f"), {args.clients} clients, warm-up {args.warmup} pass(es), {args.rounds} rounds of "
        f"{args.duration:g} s, bad-input phase {args.bad_duration:g} s"
    )

    results: dict[str, dict[str, Any]] = {}
    status = 0
    if "biblioconv" in args.servers:
        usage = serve_help()
        if not usage:
            print("biblioconv serve: not available (pip install 'biblioconv[server]')")
            status = 1
        elif args.workers and "--workers" not in usage:
            print("biblioconv serve has no --workers option: run without --workers")
            return 2
        else:
            server = biblioconv_server(clients=args.clients, workers=args.workers)
            out = bench_server(server, args, good, bad)
            results["biblioconv"] = out
            if not out["ok"]:
                status = 1
                print("biblioconv serve: FAILED a check (errors, 5xx, bad answers or memory)")
    if "citation-js" in args.servers:
        if not (shutil.which("node") and (NODE_PREFIX / "node_modules").is_dir()):
            print("citation-js: not installed (benchmarks/peers/setup.sh)")
        else:
            results["citation-js"] = bench_server(node_server(), args, good, bad)
    for name, out in results.items():
        _emit(out, TOOLS[name], args, baseline=name == "citation-js")
    if results:
        _side_by_side(results)
    return status


if __name__ == "__main__":
    sys.exit(main())
