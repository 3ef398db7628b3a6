"""Benchmark: BibTeX -> CSL-JSON with biblioconv vs bibtexparser's bare parse of the same file.

Uses ../shared/corpus/bibtex-real.bib (6,119 real entries) and a copy scaled 10x (entries repeated
with fresh keys, @string and crossref targets kept) written to benchmarks/.data/. Every measurement
runs in a fresh subprocess (median of ``--repeat`` runs, peak RSS from the child's maxrss) and
prints records/s, the ratio to bibtexparser's bare parse (``bibtexparser.parse_string`` with its
default stack, no LaTeX decoding) of the same file in the same run, and how cost grows with size.
Each round also measures biblioconv's reading alone (every record read, nothing written; its CPU
time too, as the machine may be shared) and the floor of this design (biblioconv's splitter, two
record validations and the JSON encoding per entry, with the records prepared beforehand) as a
ratio to the bare parse.

Peers, when installed by ``benchmarks/peers/setup.sh``: citation-js 0.7 and pandoc 3
(``pandoc -f bibtex -t csljson``) convert the same file to CSL-JSON, each whole process timed
(median of ``--repeat`` runs, its own peak RSS); their records/s and the ratio of biblioconv's
records/s to theirs are printed. They run on the real corpus only unless ``--peers-scaled`` is
given (pandoc needs minutes for the scaled copy).

    python benchmarks/bench_bibtex.py [--scale 10] [--repeat 3] [--no-peers] [--peers-scaled]
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
CORPUS = (ROOT / ".." / "shared" / "corpus" / "bibtex-real.bib").resolve()
DATA = ROOT / "benchmarks" / ".data" / "bibtex"

_ENTRY_KEY = re.compile(r"^(@(?!string|preamble|comment)\w+\s*\{\s*)([^,\s]+)", re.I | re.M)

_CHILD = r"""
import io, json, resource, sys, time
path, what = sys.argv[1], sys.argv[2]
t = time.perf_counter()
if what == "bibtexparser":
    import bibtexparser
    with open(path, encoding="utf-8") as fh:
        lib = bibtexparser.parse_string(fh.read())
    n = len(lib.entries)
elif what == "floor":
    # what any conversion of this design does besides mapping: split the file into entries
    # (biblioconv's splitter, which is faster than bibtexparser's), validate each record, validate
    # the record its CSL item reads back as (the exact loss check) and encode the item. The
    # records, items and read-back records are prepared before the clock starts, from the real
    # corpus (the scaled copies repeat its entries).
    import biblioconv
    from biblioconv.formats.bibtex.splitter import split
    from biblioconv.formats.csl_json.mapping import csl_to_record, record_to_csl
    from biblioconv.model import Record
    recs = list(biblioconv.read(sys.argv[3], "bibtex"))
    items = [record_to_csl(r) for r in recs]
    dumped = [r.model_dump(exclude_defaults=True) for r in recs]
    backs = [csl_to_record(i).model_dump(exclude_defaults=True) for i in items]
    validate = Record.model_validate
    encode = json.JSONEncoder(ensure_ascii=False).encode
    t = time.perf_counter()
    with open(path, encoding="utf-8") as fh:
        blocks = list(split(fh.read()))
    n = sum(1 for b in blocks if type(b).__name__ == "Entry")
    k = len(recs)
    for i in range(n):
        validate(dumped[i % k])
        validate(backs[i % k])
        encode(items[i % k])
elif what == "read":
    import biblioconv
    t = time.perf_counter()
    cpu = time.process_time()
    n = sum(1 for _ in biblioconv.read(path, "bibtex"))
    cpu = time.process_time() - cpu
else:
    import biblioconv
    class Null(io.RawIOBase):
        def writable(self): return True
        def write(self, b): return len(b)
    report = biblioconv.convert(path, "csl-json", Null(), from_="bibtex")
    n = report.records_written
dt = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"n": n, "seconds": dt, "rss_kb": rss, "cpu": cpu if what == "read" else dt}))
"""


def build(scale: int) -> Path:
    """The corpus repeated ``scale`` times with fresh entry keys (cached)."""
    if scale == 1:
        return CORPUS
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"bibtex-real-x{scale}.bib"
    if path.exists():
        return path
    text = CORPUS.read_text(encoding="utf-8")
    tmp = path.with_suffix(".part")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(text)
        for i in range(1, scale):
            # entries only (macros are already defined); keys made unique, crossrefs kept
            body = _ENTRY_KEY.sub(lambda m, i=i: f"{m.group(1)}{m.group(2)}-x{i}", text)
            body = re.sub(r"(?im)^@string\s*[{(].*?$", "", body)
            fh.write("\n" + body)
    tmp.replace(path)
    return path


def _run(path: Path, what: str) -> dict[str, float]:
    """One fresh-process run: records, seconds and peak RSS (KB)."""
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), what, str(CORPUS)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _summary(runs: list[dict[str, float]]) -> dict[str, float]:
    secs = statistics.median(r["seconds"] for r in runs)
    return {
        "n": runs[0]["n"],
        "seconds": secs,
        "rate": runs[0]["n"] / secs,
        "rss_mb": max(r["rss_kb"] for r in runs) / 1024,
    }


def measure_pair(
    path: Path, repeat: int
) -> tuple[dict[str, float], dict[str, float], float, float, dict[str, float]]:
    """bibtexparser's bare parse, biblioconv's conversion, the floor and biblioconv's reading
    alone, in turn ``repeat`` times.

    Returns the bare and biblioconv summaries, the medians of the per-round time ratios
    (biblioconv and the floor to the bare parse): a machine whose speed drifts (shared cores)
    moves the runs of a round alike, so the ratios stay meaningful; and the reading's summary
    (with its median CPU time and ratio to the bare parse).
    """
    base_runs, ours_runs, floor_runs, read_runs = [], [], [], []
    for _ in range(repeat):
        base_runs.append(_run(path, "bibtexparser"))
        ours_runs.append(_run(path, "biblioconv"))
        floor_runs.append(_run(path, "floor"))
        read_runs.append(_run(path, "read"))
    ratio = statistics.median(
        o["seconds"] / b["seconds"] for b, o in zip(base_runs, ours_runs, strict=True)
    )
    floor = statistics.median(
        f["seconds"] / b["seconds"] for b, f in zip(base_runs, floor_runs, strict=True)
    )
    reading = statistics.median(
        r["seconds"] / b["seconds"] for b, r in zip(base_runs, read_runs, strict=True)
    )
    read = _summary(read_runs)
    read["cpu"] = statistics.median(r["cpu"] for r in read_runs)
    read["ratio"] = reading
    return _summary(base_runs), _summary(ours_runs), ratio, floor, read


PEER_TASK = "bibtex->csl-json"


def _peers() -> list[peers.Peer]:
    """The installed peers (a line for each missing one)."""
    found = []
    for name, finder in (("citation-js", peers.citation_js), ("pandoc", peers.pandoc)):
        peer = finder()
        if peer is None:
            print(peers.not_installed(name))
        else:
            found.append(peer)
    return found


def _peer_line(peer: peers.Peer, path: Path, ours: float, repeat: int) -> str:
    """Measure ``peer`` converting ``path``; its line, with the ratio to biblioconv's ``ours``."""
    try:
        if peer.name == "pandoc":
            return peers.report(peer, PEER_TASK, peers.run_pandoc(peer, path, repeat=repeat), ours)
        run = peers.run_citation_js(peer, path, "bibtex", "csl-json", repeat=repeat)
        return peers.report(peer, PEER_TASK, run, ours, target=1.0)
    except peers.PeerError as exc:
        return peers.failed(peer, PEER_TASK, exc)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=int, default=10, help="size of the scaled copy (x corpus)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement (median)")
    ap.add_argument("--no-peers", action="store_true", help="do not measure citation-js, pandoc")
    ap.add_argument(
        "--peers-scaled", action="store_true", help="measure the peers on the scaled copy too"
    )
    args = ap.parse_args(argv)
    small, large = build(1), build(args.scale)
    found = [] if args.no_peers else _peers()
    rows = []
    for i, (label, path) in enumerate((("1x", small), (f"{args.scale}x", large))):
        base, ours, ratio, floor, read = measure_pair(path, args.repeat)
        rows.append((label, base, ours))
        print(
            f"{label:>4}: biblioconv bibtex->csl-json {ours['n']:>7} records "
            f"{ours['seconds']:7.2f} s {ours['rate']:8.0f} rec/s peak {ours['rss_mb']:6.0f} MB | "
            f"bibtexparser bare parse {base['seconds']:7.2f} s {base['rate']:8.0f} rec/s "
            f"peak {base['rss_mb']:6.0f} MB | ratio {ratio:.2f}x (median of pairs) | "
            f"floor {floor:.2f}x"
        )
        print(
            f"{label:>4}: biblioconv reading alone {read['seconds']:7.2f} s "
            f"(CPU {read['cpu']:.2f} s, {read['n'] / read['cpu']:.0f} rec/s of CPU) | "
            f"ratio {read['ratio']:.2f}x the bare parse (median of pairs)"
        )
        if i == 0 or args.peers_scaled:
            for peer in found:
                print(
                    f"{label:>4}: {_peer_line(peer, path, ours['rate'], args.repeat)}", flush=True
                )
    (_, b1, o1), (_, b10, o10) = rows
    growth = o10["seconds"] / o1["seconds"]
    expected = o10["n"] / o1["n"]
    print(
        f"scaling: {o10['n'] / o1['n']:.1f}x records took {growth:.2f}x the time "
        f"({growth / expected:.2f} of linear; target <= 1.20); "
        f"bibtexparser: {b10['seconds'] / b1['seconds']:.2f}x"
    )
    print("target: biblioconv whole conversion <= 2.00x bibtexparser bare parse")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
