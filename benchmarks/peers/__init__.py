"""Peer tools measured by the benchmarks next to biblioconv, when they are installed.

``bash benchmarks/peers/setup.sh`` installs them under ``benchmarks/.peers/`` (git-ignored),
apart from the project's virtual environment:

* citation-js 0.7 (npm prefix ``benchmarks/.peers/node``), run with node through
  ``benchmarks/peers/cite.js``: BibTeX -> CSL-JSON, RIS -> CSL-JSON, RIS -> BibTeX;
* pandoc 3 (``benchmarks/.peers/bin/pandoc``, else the first ``pandoc`` on PATH):
  ``pandoc -f bibtex -t csljson``;
* commonmeta-py 0.312 (virtual environment ``benchmarks/.peers/venv``), run through
  ``benchmarks/peers/commonmeta_read.py``: DataCite XML read;
* rispy 0.10 (the same virtual environment): ``bench_ris.py``'s bare-parse baseline.

A finder (:func:`citation_js`, :func:`pandoc`, :func:`commonmeta`) returns a :class:`Peer` or
``None``; a bench script prints :func:`not_installed` for a missing one. Each run of a peer is a
fresh process timed as a whole (start-up and loading included, as the peers' figures are
usually quoted), median of ``repeat`` runs. Its peak RSS is that process's own: it is started by
a small Python launcher, because on Linux a child's ``ru_maxrss`` starts at the high-water mark
of the process that spawned it (the launcher's own, about 12 MB, is thus the smallest figure).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
"""The repository root."""
PEERS = ROOT / "benchmarks" / ".peers"
"""Where ``setup.sh`` installs the peers (git-ignored)."""
SETUP = "benchmarks/peers/setup.sh"
_ERROR = re.compile(r"[\w.]*(?:Error|Exception|pandoc):")
_COUNT_JSON = (
    "import json, sys; print(json.dumps({'records': len(json.load(open(sys.argv[1], 'rb')))}))"
)

__all__ = [
    "PEERS",
    "Peer",
    "PeerError",
    "PeerRun",
    "citation_js",
    "commonmeta",
    "failed",
    "not_installed",
    "pandoc",
    "report",
    "rispy",
    "run_citation_js",
    "run_commonmeta",
    "run_pandoc",
]

# Runs argv[1:] with its output in files, waits for it with wait4 (its own rusage) and prints
# one JSON line: wall seconds, peak RSS in KiB, exit code, the child's stdout and stderr tail.
_LAUNCH = r"""
import json, os, subprocess, sys, tempfile, threading, time
timeout, argv = float(sys.argv[1]), sys.argv[2:]
with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
    seconds = time.perf_counter() - start
    out.seek(0)
    err.seek(0)
    result = {
        "seconds": seconds,
        "maxrss_kb": usage.ru_maxrss,
        "returncode": os.waitstatus_to_exitcode(status),
        "stdout": out.read().decode(errors="replace"),
        "stderr": err.read().decode(errors="replace")[-2000:],
    }
print(json.dumps(result))
"""


@dataclass(frozen=True)
class Peer:
    """An installed peer tool: its name, version and the command that runs it."""

    name: str
    version: str
    command: tuple[str, ...]

    @property
    def label(self) -> str:
        """Name and version, e.g. ``citation-js 0.7.21``."""
        return f"{self.name} {self.version}"


@dataclass(frozen=True)
class PeerRun:
    """Median figures of a peer's fresh-process runs on one input."""

    records: int
    """Records the peer produced (its own count)."""
    seconds: float
    """Median wall time of the whole process."""
    peak_rss_mb: float
    """Largest peak resident memory of those processes, MB."""
    failed: int = 0
    """Records the peer could not convert (not in ``records``)."""
    work_seconds: float | None = None
    """Median time the peer took after loading itself, as its script reported it."""

    @property
    def rate(self) -> float:
        """Records per second."""
        return self.records / self.seconds if self.seconds > 0 else float("nan")


def not_installed(name: str) -> str:
    """The line a bench script prints for a peer that is not installed."""
    return f"{name}: not installed ({SETUP})"


def citation_js() -> Peer | None:
    """citation-js under ``benchmarks/.peers/node``, if it and node are installed."""
    node = shutil.which("node")
    package = PEERS / "node" / "node_modules" / "@citation-js" / "core" / "package.json"
    if node is None or not package.is_file():
        return None
    version = str(json.loads(package.read_text(encoding="utf-8")).get("version", "?"))
    return Peer("citation-js", version, (node, str(HERE / "cite.js")))


def pandoc() -> Peer | None:
    """pandoc from ``benchmarks/.peers/bin``, else from PATH, if present."""
    local = PEERS / "bin" / "pandoc"
    binary = str(local) if os.access(local, os.X_OK) else shutil.which("pandoc")
    if binary is None:
        return None
    try:
        first = subprocess.run(
            [binary, "--version"], capture_output=True, text=True, check=True, timeout=60
        ).stdout.splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        return None
    return Peer("pandoc", first.removeprefix("pandoc").strip() or "?", (binary,))


def commonmeta() -> Peer | None:
    """commonmeta-py in the peers' virtual environment ``benchmarks/.peers/venv``, if present."""
    python = PEERS / "venv" / "bin" / "python"
    found = sorted((PEERS / "venv" / "lib").glob("python*/site-packages/commonmeta_py-*.dist-info"))
    if not python.exists() or not found:
        return None
    version = found[-1].name.removeprefix("commonmeta_py-").removesuffix(".dist-info")
    return Peer("commonmeta-py", version, (str(python), str(HERE / "commonmeta_read.py")))


def rispy() -> Peer | None:
    """rispy in the peers' virtual environment ``benchmarks/.peers/venv``, if present (its
    command is the interpreter)."""
    python = PEERS / "venv" / "bin" / "python"
    found = sorted((PEERS / "venv" / "lib").glob("python*/site-packages/rispy-*.dist-info"))
    if not python.exists() or not found:
        return None
    version = found[-1].name.removeprefix("rispy-").removesuffix(".dist-info")
    return Peer("rispy", version, (str(python),))


class PeerError(RuntimeError):
    """A peer's run failed: it exited with an error or printed no figures."""


def _measure(argv: list[str], timeout: float) -> tuple[float, float, str]:
    """Run ``argv`` once through the launcher: (seconds, peak RSS MB, stdout)."""
    launched = subprocess.run(
        [sys.executable, "-S", "-c", _LAUNCH, str(timeout), *argv],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    if launched.returncode:
        raise PeerError(f"launcher exit {launched.returncode}: {_error_line(launched.stderr)}")
    result = json.loads(launched.stdout.strip().splitlines()[-1])
    if result["returncode"]:
        raise PeerError(f"exit {result['returncode']}: {_error_line(result['stderr'])}")
    rss_mb = result["maxrss_kb"] / (
        1024 * 1024 if sys.platform == "darwin" else 1024
    )  # bytes there
    return float(result["seconds"]), rss_mb, str(result["stdout"])


def _error_line(stderr: str) -> str:
    """The line of a failed run's error output that names the error (else its last line)."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    named = [line for line in lines if _ERROR.match(line)]
    return (named or lines or ["no error output"])[-1]


def _printed(stdout: str) -> dict[str, Any]:
    """The JSON object a peer script printed as its last line."""
    try:
        found = json.loads(stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        found = None
    if not isinstance(found, dict) or "records" not in found:
        raise PeerError(f"no figures in its output: {stdout[-200:]!r}")
    return found


def _run_script(argv: list[str], repeat: int, timeout: float) -> PeerRun:
    """Runs of a peer script printing ``{"records", "failed", "seconds"}`` as its last line."""
    runs = [_measure(argv, timeout) for _ in range(max(repeat, 1))]
    printed = [_printed(stdout) for _, _, stdout in runs]
    return PeerRun(
        records=int(printed[-1]["records"]),
        seconds=statistics.median(wall for wall, _, _ in runs),
        peak_rss_mb=max(rss for _, rss, _ in runs),
        failed=int(printed[-1].get("failed", 0)),
        work_seconds=statistics.median(float(p["seconds"]) for p in printed),
    )


def run_citation_js(
    peer: Peer, path: Path, from_: str, to: str, *, repeat: int = 3, timeout: float = 3600
) -> PeerRun:
    """citation-js converting ``path`` from ``from_`` (bibtex, ris) to ``to`` (csl-json, bibtex)."""
    return _run_script([*peer.command, str(path), from_, to], repeat, timeout)


def run_commonmeta(
    peer: Peer, resources: Path, *, repeat: int = 3, timeout: float = 3600, to_csl: bool = False
) -> PeerRun:
    """commonmeta-py reading every DataCite XML document of ``resources`` (JSON Lines); with
    ``to_csl``, each also written as CSL-JSON."""
    return _run_script(
        [*peer.command, str(resources), *(["csl"] if to_csl else [])], repeat, timeout
    )


def run_pandoc(peer: Peer, path: Path, *, repeat: int = 3, timeout: float = 3600) -> PeerRun:
    """``pandoc -f bibtex -t csljson`` on ``path``; its output items are counted afterwards."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.json"
        argv = [*peer.command, "-f", "bibtex", "-t", "csljson", str(path), "-o", str(out)]
        runs = [_measure(argv, timeout) for _ in range(max(repeat, 1))]
        # counted in a child, so this process (whose peak the next children start from) stays small
        _, _, counted = _measure([sys.executable, "-c", _COUNT_JSON, str(out)], timeout)
    return PeerRun(
        records=int(_printed(counted)["records"]),
        seconds=statistics.median(wall for wall, _, _ in runs),
        peak_rss_mb=max(rss for _, rss, _ in runs),
    )


def failed(peer: Peer, task: str, error: Exception) -> str:
    """The line for a peer run that failed (the benchmark goes on)."""
    return f"{peer.label} {task}: failed ({error})"


def report(peer: Peer, task: str, run: PeerRun, ours: float, *, target: float | None = None) -> str:
    """One line: the peer's figures and the ratio of biblioconv's records/s (``ours``) to its."""
    lost = f" ({run.failed:,} failed)" if run.failed else ""
    work = ""
    if run.work_seconds:
        work = f", {run.records / run.work_seconds:,.0f} records/s after loading"
    ratio = ours / run.rate if run.rate > 0 else float("nan")
    goal = f"; target >= {target:g}x" if target is not None else ""
    return (
        f"{peer.label} {task}: {run.records:,} records{lost} {run.seconds:.2f} s "
        f"{run.rate:,.0f} records/s (whole process{work}) peak RSS {run.peak_rss_mb:.1f} MB | "
        f"ratio biblioconv/{peer.name} {ratio:.2f}x (records/s{goal})"
    )
