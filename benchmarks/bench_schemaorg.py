"""Benchmark: reading and writing schema.org JSON-LD, against a bare ``json.loads`` of the same
input measured in the same run.

The input is an array of JSON-LD documents built from real records (the shared BibTeX corpus and
the schema.org golden cases, written by biblioconv's schema.org writer, repeated to ``--size``
records with fresh ``@id`` values) and cached in benchmarks/.data/schemaorg/. Prints records/s of
reading (the whole reader: JSON-LD, rules, records), of writing (records to JSON-LD), of the
baseline (``json.loads`` of the same bytes, no mapping), and the ratios.

    python benchmarks/bench_schemaorg.py [--size 20000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import biblioconv
from biblioconv.model import Record
from biblioconv.report import ConversionReport

ROOT = Path(__file__).resolve().parents[1]
CORPUS = (ROOT / ".." / "shared" / "corpus" / "bibtex-real.bib").resolve()
CASES = ROOT / "tests" / "formats" / "schemaorg" / "cases"
DATA = ROOT / "benchmarks" / ".data" / "schemaorg"
_SLOT = "BENCH-ID-SLOT"


def _base() -> list[Record]:
    records = biblioconv.loads(CORPUS.read_bytes(), "bibtex", strict=False)
    for path in sorted(CASES.glob("*.record.json")):
        records += [Record.model_validate(d) for d in json.loads(path.read_text("utf-8"))]
    return records


def build(n: int) -> Path:
    """An array of ``n`` JSON-LD documents (cached)."""
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"schemaorg-{n}.jsonld"
    if path.exists():
        return path
    # each base record written once with a placeholder id, then repeated with fresh ids: the file
    # is written a document at a time (a million records do not have to be in memory at once)
    docs = [
        biblioconv.dumps(
            [r.model_copy(update={"id": f"https://example.org/bench/{_SLOT}"})],
            "schemaorg",
            container="lines",
        ).strip()
        for r in _base()
    ]
    tmp = path.with_suffix(".part")
    with tmp.open("w", encoding="utf-8") as out:
        out.write("[\n")
        for i in range(n):
            out.write(docs[i % len(docs)].replace(_SLOT, str(i)))
            out.write(",\n" if i < n - 1 else "\n")
        out.write("]\n")
    tmp.replace(path)
    return path


def _best(fn: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t0)
    return min(times) if repeat < 3 else statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    path = build(args.size)
    data = path.read_bytes()
    n = args.size

    def read() -> list[Record]:
        return list(biblioconv.read(data, "schemaorg", report=ConversionReport(max_diagnostics=0)))

    records = read()
    assert len(records) == n, (len(records), n)

    def write() -> None:
        biblioconv.dumps(
            records,
            "schemaorg",
            container="array",
            indent=0,
            report=ConversionReport(max_diagnostics=0),
        )

    def baseline() -> None:
        json.loads(data)

    t_read = _best(read, args.repeat)
    t_write = _best(write, args.repeat)
    t_json = _best(baseline, args.repeat)
    print(f"input: {n:,} records, {len(data) / 1e6:.1f} MB ({path.name})")
    print(f"json.loads (baseline)   {n / t_json:12,.0f} records/s")
    print(
        f"schemaorg read          {n / t_read:12,.0f} records/s  ({t_read / t_json:.1f}x baseline time)"
    )
    print(
        f"schemaorg write         {n / t_write:12,.0f} records/s  ({t_write / t_json:.1f}x baseline time)"
    )


if __name__ == "__main__":
    main()
