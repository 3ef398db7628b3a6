"""Benchmark: reading JATS articles (front matter and references) and writing ref-lists, against
a bare ``lxml.etree.fromstring`` of the same documents measured in the same run.

The input is the eleven real articles of the JATS examples (eLife and PubMed Central), each read
``--repeat`` times; the writer writes every record read from them as one ref-list. Prints
records/s and MB/s and the ratios to the bare parse.

    python benchmarks/bench_jats.py [--rounds 20]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from lxml import etree

import biblioconv
from biblioconv.report import ConversionReport

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "formats" / "jats" / "cases"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    docs = [p.read_bytes() for p in sorted(CASES.glob("*.xml"))]
    size = sum(len(d) for d in docs) * args.rounds

    t0 = time.perf_counter()
    for _ in range(args.rounds):
        for d in docs:
            etree.fromstring(d, etree.XMLParser(resolve_entities=False, no_network=True))
    t_parse = time.perf_counter() - t0

    records = []
    t0 = time.perf_counter()
    for _ in range(args.rounds):
        records = []
        for d in docs:
            records += biblioconv.loads(d, "jats", report=ConversionReport(max_diagnostics=0))
    t_read = time.perf_counter() - t0
    n_read = len(records) * args.rounds

    t0 = time.perf_counter()
    for _ in range(args.rounds):
        biblioconv.dumps(records, "jats", report=ConversionReport(max_diagnostics=0))
    t_write = time.perf_counter() - t0

    print(
        f"input: {len(docs)} articles x {args.rounds} rounds, {size / 1e6:.1f} MB, "
        f"{n_read:,} records (articles and references)"
    )
    print(f"lxml fromstring (baseline)  {size / 1e6 / t_parse:8.1f} MB/s")
    print(
        f"jats read                   {size / 1e6 / t_read:8.1f} MB/s  {n_read / t_read:10,.0f} "
        f"records/s  ({t_read / t_parse:.1f}x baseline time)"
    )
    print(f"jats write                  {n_read / t_write:10,.0f} records/s")


if __name__ == "__main__":
    main()
