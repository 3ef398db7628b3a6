"""Benchmark: `biblioconv convert` as a user types it, whole process, against citation-js.

For each input the commands run in alternating rounds (``--repeat``), each a fresh process timed
from start to exit with its CPU time (user + system, worker processes included):

- ``biblioconv convert IN -t csl-json -o OUT`` as typed (no flags: one large input is split over
  the cores);
- the same with ``--jobs 1`` (one process);
- citation-js 0.7 (``benchmarks/peers/cite.js``), when installed by ``benchmarks/peers/setup.sh``.

Inputs: the real BibTeX corpus (6,119 entries) and a copy scaled 10x, the RIS vendor exports
scaled to 10,000 and 100,000 records, and a one-entry BibTeX file (start-up). Printed per input:
median wall and CPU seconds of each, and the ratios (citation-js / biblioconv: above 1 means
biblioconv is faster) of one process's CPU time and of the as-typed wall time.

    python benchmarks/bench_convert.py [--repeat 3] [--only bibtex|ris|startup ...]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as C
import peers

BENCH = "convert"


def _run(argv: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one fresh process, its worker processes included."""
    m = C.run_process(argv)
    return m.seconds, m.cpu_seconds


def _inputs(only: set[str]) -> list[tuple[str, str, Path, int]]:
    out: list[tuple[str, str, Path, int]] = []
    if "startup" in only:
        one = C.DATA / "one-entry.bib"
        C.DATA.mkdir(parents=True, exist_ok=True)
        one.write_text(
            "@article{one, author = {Doe, Jane}, title = {One}, journal = {J}, year = 2020}\n"
        )
        out.append(("start-up: one BibTeX entry", "bibtex", one, 1))
    if "bibtex" in only:
        out.append(("BibTeX corpus", "bibtex", C.CORPUS / "bibtex-real.bib", 6119))
        out.append(("BibTeX corpus x10", "bibtex", C.bibtex_corpus(61190), 61190))
    if "ris" in only:
        out.append(("RIS 10,000", "ris", C.ris_corpus(10_000), 10_000))
        out.append(("RIS 100,000", "ris", C.ris_corpus(100_000), 100_000))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", nargs="*", default=["startup", "bibtex", "ris"])
    args = parser.parse_args()
    C.compile_bytecode()
    cjs = peers.citation_js()
    if cjs is None:
        print(peers.not_installed("citation-js"))
    out = Path(tempfile.mkdtemp()) / "out.json"
    ours = [sys.executable, "-m", "biblioconv", "convert"]
    for title, fmt, path, n in _inputs(set(args.only)):
        typed = [*ours, str(path), "-t", "csl-json", "-o", str(out), "-q"]
        tools: dict[str, list[str]] = {
            "biblioconv (as typed)": typed,
            "biblioconv --jobs 1": [*typed, "--jobs", "1"],
        }
        if cjs is not None:
            tools[cjs.label] = [*cjs.command, str(path), fmt, "csl-json"]
        runs: dict[str, list[tuple[float, float]]] = {t: [] for t in tools}
        for _ in range(args.repeat):  # alternating rounds: a drifting machine moves all alike
            for tool, argv in tools.items():
                runs[tool].append(_run(argv))
        print(f"\n{title} -> CSL-JSON ({n:,} records), median of {args.repeat} rounds")
        med = {
            t: (statistics.median(w for w, _ in r), statistics.median(c for _, c in r))
            for t, r in runs.items()
        }
        for tool, (wall, cpu) in med.items():
            print(f"  {tool:28} wall {wall:7.2f} s   CPU {cpu:7.2f} s")
            C.emit(
                BENCH,
                f"{title} -> CSL-JSON",
                tool,
                records=n,
                seconds=wall,
                cpu_seconds=cpu,
                baseline=tool != "biblioconv (as typed)" and tool != "biblioconv --jobs 1",
            )
        if cjs is not None:
            peer_wall, peer_cpu = med[cjs.label]
            single_cpu = med["biblioconv --jobs 1"][1]
            typed_wall = med["biblioconv (as typed)"][0]
            print(
                f"  ratio citation-js/biblioconv: one process CPU {peer_cpu / single_cpu:.2f}x, "
                f"as typed wall {peer_wall / typed_wall:.2f}x (above 1: biblioconv faster)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
