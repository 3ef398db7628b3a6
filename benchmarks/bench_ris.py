"""Benchmark: RIS -> CSL-JSON with biblioconv vs rispy's bare parse of the same file.

Peak memory is also measured with a report that counts diagnostics instead of keeping them: the
default report keeps every diagnostic, so its size grows with the number of records.

Builds scaled corpora from the real vendor exports in ../shared/corpus/ris (records repeated with
fresh ``ID`` values) into benchmarks/.data/, then runs every measurement in a fresh subprocess and
prints records/s, peak RSS and the ratio to rispy (0.10, installed by ``benchmarks/peers/setup.sh``
in the peers' virtual environment) measured in the same run. Peak memory of the
conversion is measured at two sizes (default 10k and 100k records) to show it stays flat.

RIS -> BibTeX is measured too. When citation-js 0.7 is installed (``benchmarks/peers/setup.sh``)
it converts the same file to CSL-JSON and to BibTeX, each whole process timed (median of
``--repeat`` runs, its own peak RSS); its records/s and the ratio of biblioconv's records/s to
its are printed.

    python benchmarks/bench_ris.py [--size 10000] [--large 100000] [--repeat 3] [--no-peers]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import peers

ROOT = Path(__file__).resolve().parents[1]
CORPUS = (ROOT / ".." / "shared" / "corpus" / "ris").resolve()
DATA = ROOT / "benchmarks" / ".data" / "ris"

_ER = re.compile(r"^ER  -.*$", re.MULTILINE)


def _records() -> list[list[str]]:
    """The tagged lines of every record of the real exports (ID lines removed)."""
    out: list[list[str]] = []
    for path in sorted(CORPUS.glob("*.ris")):
        text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
        for chunk in _ER.split(text):
            lines = chunk.strip("\n").split("\n")
            while lines and not lines[0].startswith("TY  - "):
                lines.pop(0)  # numbering lines, text and trailing tags of the record before
            if lines:
                out.append([line for line in lines if not line.startswith("ID  - ")])
    return out


def build(n: int) -> Path:
    """A CRLF RIS file of ``n`` records built from the real exports (cached)."""
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"ris-{n}.ris"
    if path.exists():
        return path
    base = _records()
    tmp = path.with_suffix(".part")
    with tmp.open("w", encoding="utf-8", newline="\r\n") as fh:
        for i in range(n):
            lines = base[i % len(base)]
            fh.write(lines[0] + "\n")
            fh.write(f"ID  - bench-{i}\n")
            fh.write("\n".join(lines[1:]))
            fh.write("\nER  - \n\n")
    tmp.replace(path)
    return path


_CHILD = r"""
import json, os, resource, sys, time, warnings
warnings.simplefilter("ignore")
kind, path = sys.argv[1], sys.argv[2]
t0 = time.perf_counter()
if kind in ("biblioconv", "biblioconv-counting"):
    import biblioconv
    from biblioconv.report import ConversionReport

    COUNTED = [0]

    class CountingReport(ConversionReport):
        # counts diagnostics instead of keeping them: isolates the converter's own memory

        def add(self, code, message, **kw):
            COUNTED[0] += 1

    report = ConversionReport() if kind == "biblioconv" else CountingReport()
    with open(os.devnull, "wb") as out:
        biblioconv.convert(path, "csl-json", out, from_="ris", report=report)
    n = report.records_written
elif kind == "biblioconv-bibtex":
    import biblioconv
    with open(os.devnull, "wb") as out:
        n = biblioconv.convert(path, "bibtex", out, from_="ris").records_written
elif kind == "biblioconv-read":
    import biblioconv
    n = sum(1 for _ in biblioconv.read(path, "ris"))
else:
    import rispy
    with open(path, encoding="utf-8-sig") as fh:
        n = len(rispy.load(fh))
dt = time.perf_counter() - t0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"records": n, "seconds": dt, "maxrss_kb": rss}))
"""


def measure(kind: str, path: Path, python: str = sys.executable) -> dict[str, float]:
    """Run one measurement in a fresh interpreter (``python``); return records, seconds and
    peak RSS."""
    proc = subprocess.run(
        [python, "-c", _CHILD, kind, str(path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    result: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def best(kind: str, path: Path, repeat: int, python: str = sys.executable) -> dict[str, float]:
    """The median time of ``repeat`` runs (and the largest peak RSS)."""
    runs = [measure(kind, path, python) for _ in range(repeat)]
    return {
        "records": runs[0]["records"],
        "seconds": statistics.median(r["seconds"] for r in runs),
        "maxrss_kb": max(r["maxrss_kb"] for r in runs),
    }


def _citation_js(path: Path, ours: dict[str, float], repeat: int) -> None:
    """citation-js converting ``path`` to each target of ``ours`` (biblioconv's records/s)."""
    peer = peers.citation_js()
    if peer is None:
        print(peers.not_installed("citation-js"))
        return
    for to, rate in ours.items():
        task = f"ris -> {to}"
        try:
            run = peers.run_citation_js(peer, path, "ris", to, repeat=repeat)
        except peers.PeerError as exc:
            print(peers.failed(peer, task, exc), flush=True)
            continue
        target = 2.0 if to == "csl-json" else None
        print(peers.report(peer, task, run, rate, target=target), flush=True)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=10_000, help="records for the speed comparison")
    ap.add_argument("--large", type=int, default=100_000, help="records for the memory check")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement (median)")
    ap.add_argument("--no-peers", action="store_true", help="do not measure citation-js")
    args = ap.parse_args(argv)

    small = build(args.size)
    print(
        f"corpus: {len(_records())} real records from {CORPUS.name}/, scaled to {args.size:,} "
        f"({small.stat().st_size / 1e6:.1f} MB)"
    )
    ours = best("biblioconv", small, args.repeat)
    reader = best("biblioconv-read", small, args.repeat)
    to_bibtex = best("biblioconv-bibtex", small, args.repeat)
    assert ours["records"] == args.size, ours
    rate = ours["records"] / ours["seconds"]
    rate_read = reader["records"] / reader["seconds"]
    rate_bibtex = to_bibtex["records"] / to_bibtex["seconds"]
    print(
        f"biblioconv ris -> csl-json : {rate:9,.0f} records/s  peak RSS {ours['maxrss_kb'] / 1024:7.1f} MB"
    )
    print(
        f"biblioconv ris read only   : {rate_read:9,.0f} records/s  peak RSS {reader['maxrss_kb'] / 1024:7.1f} MB"
    )
    print(
        f"biblioconv ris -> bibtex   : {rate_bibtex:9,.0f} records/s  peak RSS {to_bibtex['maxrss_kb'] / 1024:7.1f} MB"
    )
    peer = peers.rispy()
    if peer is None:
        print(peers.not_installed("rispy"))
    else:
        base = best("rispy", small, args.repeat, python=peer.command[0])
        assert base["records"] == args.size, base
        rate_base = base["records"] / base["seconds"]
        print(
            f"rispy {peer.version} bare parse (baseline): {rate_base:9,.0f} records/s  "
            f"peak RSS {base['maxrss_kb'] / 1024:7.1f} MB"
        )
        print(f"ratio biblioconv convert / rispy parse: {rate / rate_base:.2f}")
        print(f"ratio biblioconv read / rispy parse:    {rate_read / rate_base:.2f}")
    if not args.no_peers:
        _citation_js(small, {"csl-json": rate, "bibtex": rate_bibtex}, args.repeat)

    if args.large:
        large = build(args.large)
        big = measure("biblioconv", large)
        grow = big["maxrss_kb"] / ours["maxrss_kb"]
        small_c = measure("biblioconv-counting", small)
        big_c = measure("biblioconv-counting", large)
        print(
            f"memory, diagnostics counted not kept: {small_c['maxrss_kb'] / 1024:.1f} MB at "
            f"{args.size:,} records, {big_c['maxrss_kb'] / 1024:.1f} MB at {args.large:,} "
            f"({big_c['maxrss_kb'] / small_c['maxrss_kb']:.2f}x)"
        )
        print(
            f"memory: ris -> csl-json peak RSS {ours['maxrss_kb'] / 1024:.1f} MB at {args.size:,} "
            f"records, {big['maxrss_kb'] / 1024:.1f} MB at {args.large:,} ({grow:.2f}x for "
            f"{args.large / args.size:.0f}x the records; {big['records'] / big['seconds']:,.0f} records/s)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
