"""DataCite XML reading: records/s against a bare lxml iterparse pass, and peak memory.

Derives a DataCite XML stream from the shared BibTeX corpus (converted with biblioconv, then
repeated with fresh DOIs up to the requested size) into benchmarks/.data/, then measures, each in
a fresh process: a bare ``lxml.etree.iterparse`` pass over the file (clearing elements),
biblioconv reading every record into the record model, and the floor of any Python reader of
the model (the bare pass, plus touching every element from Python, plus validating each record's
dict, prepared beforehand). The three run in turn ``--repeat`` times; the ratios are medians of
the rounds' ratios. Peak memory is compared for 10k and the full size.

When commonmeta-py is installed (``benchmarks/peers/setup.sh``) it reads every record of the 10k
file (or of the whole file, if smaller), whole process timed with its own peak RSS, and its
records/s and the ratio of biblioconv's records/s on the same file to its are printed.

    python benchmarks/bench_datacite.py [--size 100000] [--repeat 1] [--no-peers]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as C
import peers

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / ".." / "shared" / "corpus" / "bibtex-real.bib"
DATA = ROOT / "benchmarks" / ".data"
OAI = "http://www.openarchives.org/OAI/2.0/"

_BARE = (
    C.PEAK_CODE
    + """
import sys, time
from lxml import etree
t = time.perf_counter(); n = 0
RES = "{http://datacite.org/schema/kernel-4}resource"
# the OAI-PMH <record> wrappers are freed too, so that the bare pass runs in constant memory
for _, el in etree.iterparse(sys.argv[1], events=("end",),
                             tag=(RES, "{http://www.openarchives.org/OAI/2.0/}record")):
    if el.tag == RES:
        n += 1
    el.clear()
    while el.getprevious() is not None:
        del el.getparent()[0]
print(n, time.perf_counter() - t, peak())
"""
)
_OURS = C.read_script("datacite")

# The floor of any Python reader of this record model: the bare pass, plus touching every element
# of each record from Python (tag, text, attributes: what any mapping must read), plus one
# validation of the record dict biblioconv makes of it (prepared before the clock starts, by
# reading the file's first records; the stream repeats them, so record i's dict is dicts[i % n]).
_FLOOR = """
import itertools, sys, time
from lxml import etree
import biblioconv
from biblioconv.model import Record
dicts = [r.model_dump(exclude_defaults=True)
         for r in itertools.islice(biblioconv.read(sys.argv[1], "datacite"), int(sys.argv[2]))]
validate = Record.model_validate
t = time.perf_counter(); n = 0
RES = "{http://datacite.org/schema/kernel-4}resource"
for _, el in etree.iterparse(sys.argv[1], events=("end",),
                             tag=(RES, "{http://www.openarchives.org/OAI/2.0/}record")):
    if el.tag == RES:
        for e in el.iter():
            e.tag, e.text, e.items()
        validate(dicts[n % len(dicts)])
        n += 1
    el.clear()
    while el.getprevious() is not None:
        del el.getparent()[0]
print(n, time.perf_counter() - t, 0)
"""


def _bodies() -> list[str]:
    """The corpus records as DataCite ``<resource>`` documents (without XML declaration)."""
    import biblioconv

    records = [r for r in biblioconv.read(str(CORPUS), "bibtex") if r.issued is not None]
    docs: list[str] = []
    for rec in records:
        text = biblioconv.dumps(rec, "datacite", fill_unknown=True, pretty=False)
        if text:
            docs.append(text)
    if not docs:
        raise SystemExit("no record of the corpus could be converted")
    decl = re.compile(r"^<\?xml[^>]*\?>\s*")
    bodies = [decl.sub("", d) for d in docs]
    (DATA / "datacite-period.txt").write_text(str(len(bodies)))
    return bodies


def build(size: int) -> Path:
    """A concatenated DataCite XML dump of ``size`` records derived from the shared corpus."""
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"datacite-{size}.xml"
    if path.exists():
        return path
    bodies = _bodies()
    doi = re.compile(r'<identifier identifierType="DOI">[^<]*</identifier>')
    with path.open("w", encoding="utf-8") as out:  # an OAI-PMH ListRecords response
        out.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<OAI-PMH xmlns="{OAI}"><ListRecords>\n')
        for i in range(size):
            body = doi.sub(
                f'<identifier identifierType="DOI">10.5072/bench.{i}</identifier>',
                bodies[i % len(bodies)],
            )
            out.write(f"<record><metadata>{body}</metadata></record>\n")
        out.write("</ListRecords></OAI-PMH>\n")
    return path


_RESOURCE = re.compile(r"<resource\b.*?</resource>", re.DOTALL)


def resources(path: Path) -> Path:
    """The ``<resource>`` documents of ``path``, one JSON string per line (cached).

    commonmeta-py reads one DataCite XML document per call, so the stream is split here, before
    and outside its measured process. Each document is the record's text as it stands in the
    stream (:func:`build` writes one record per line, each ``<resource>`` declaring its own
    namespaces), so it parses on its own.
    """
    out = path.with_suffix(".resources.jsonl")
    if out.exists():
        return out
    tmp = out.with_suffix(".part")
    with path.open(encoding="utf-8") as src, tmp.open("w", encoding="utf-8") as dst:
        for line in src:
            for found in _RESOURCE.finditer(line):
                dst.write(json.dumps(found.group(0), ensure_ascii=False) + "\n")
    tmp.replace(out)
    return out


def commonmeta_line(path: Path, ours: float) -> str:
    """commonmeta-py reading every record of ``path``; its line, with biblioconv's ``ours``."""
    peer = peers.commonmeta()
    if peer is None:
        return peers.not_installed("commonmeta-py")
    task = f"datacite xml read ({path.name})"
    try:
        run = peers.run_commonmeta(peer, resources(path), repeat=1)
    except peers.PeerError as exc:
        return peers.failed(peer, task, exc)
    return peers.report(peer, task, run, ours)


_CONVERT = """
import os, sys
from biblioconv._launch import run  # what the biblioconv command runs
run(["convert", {path!r}, "-f", "datacite", "-t", "csl-json", "-o", os.devnull, "--jobs", "1",
     "--quiet"])
"""


def conversion_line(path: Path, repeat: int) -> str:
    """DataCite XML -> CSL-JSON, the task of the target against commonmeta-py: biblioconv's
    whole process (``--jobs 1``) and commonmeta-py's, reading and writing CSL-JSON per record
    (wall time, median of ``repeat`` runs; both run on one core)."""
    ours = C.median_measure(_CONVERT.format(path=str(path)), repeat=repeat)
    n = sum(1 for _ in resources(path).open(encoding="utf-8"))
    head = (
        f"datacite xml -> csl-json ({path.name}): biblioconv {n / ours.seconds:,.0f} records/s "
        f"(whole process, --jobs 1; CPU {ours.cpu_seconds:.2f} s)"
    )
    peer = peers.commonmeta()
    if peer is None:
        return f"{head} | {peers.not_installed('commonmeta-py')}"
    try:
        run = peers.run_commonmeta(peer, resources(path), repeat=repeat, to_csl=True)
    except peers.PeerError as exc:
        return f"{head} | {peers.failed(peer, 'datacite xml -> csl', exc)}"
    theirs = run.records / run.seconds
    return (
        f"{head} | commonmeta-py read + write(to='csl') {theirs:,.0f} records/s (whole process) | "
        f"ratio {n / ours.seconds / theirs:.2f}x (records/s; target >= 10x)"
    )


def period() -> int:
    """How many distinct records the built streams repeat (their DOIs aside)."""
    known = DATA / "datacite-period.txt"
    return int(known.read_text()) if known.exists() else len(_bodies())


def main(argv: list[str] | None = None) -> int:
    """Build the corpora, measure, print figures and ratios (exit 1 if a target is missed)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--no-peers", action="store_true", help="do not measure commonmeta-py")
    parser.add_argument(
        "--repeat", type=int, default=1, help="bare and biblioconv runs, in turn (median)"
    )
    args = parser.parse_args(argv)
    small, large = build(min(10_000, args.size)), build(args.size)
    # in turn, so that a machine whose speed drifts (shared cores) moves both runs of a pair
    # alike; the ratio is the median of the pairs' ratios
    rounds = [
        (
            C.run_script(_BARE, large),
            C.run_script(_OURS, large),
            C.run_script(_FLOOR, large, str(period())),
        )
        for _ in range(max(args.repeat, 1))
    ]
    pairs = [(b, o) for b, o, _ in rounds]
    bare_n, ours_n = pairs[0][0][0], pairs[0][1][0]
    floor_s = statistics.median(f[1] for _, _, f in rounds)
    floor_ratio = statistics.median(f[1] / b[1] for b, _, f in rounds)
    over_floor = statistics.median(o[1] / f[1] for _, o, f in rounds)
    bare_s = statistics.median(b[1] for b, _ in pairs)
    ours_s = statistics.median(o[1] for _, o in pairs)
    bare_rss = max(b[2] for b, _ in pairs)
    ours_rss = max(o[2] for _, o in pairs)
    ratio = statistics.median(o[1] / b[1] for b, o in pairs)
    small_n, small_s, small_rss = C.run_script(_OURS, small)
    result = {
        "records": ours_n,
        "file_mb": round(large.stat().st_size / 1e6, 1),
        "bare_lxml_records_per_s": round(bare_n / bare_s),
        "biblioconv_records_per_s": round(ours_n / ours_s),
        "time_ratio_vs_bare": round(ratio, 2),
        "floor_records_per_s": round(bare_n / floor_s),
        "floor_ratio_vs_bare": round(floor_ratio, 2),
        "time_ratio_vs_floor": round(over_floor, 2),
        "peak_rss_mb_bare": round(bare_rss, 1),
        f"peak_rss_mb_{small_n}": round(small_rss, 1),
        f"peak_rss_mb_{ours_n}": round(ours_rss, 1),
    }
    print(json.dumps(result, indent=2))
    if not args.no_peers:
        print(
            f"biblioconv datacite xml read ({small.name}): {small_n / small_s:,.0f} records/s",
            flush=True,
        )
        print(commonmeta_line(small, small_n / small_s), flush=True)
        print(conversion_line(small, max(args.repeat, 1)), flush=True)
    ok = ours_n == bare_n and ratio <= 3.0 and ours_rss < 150 and ours_rss < small_rss * 1.25
    print("targets (<= 3x bare, < 150 MB, flat):", "met" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
