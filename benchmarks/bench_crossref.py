"""Crossref reading and writing: records/s against a bare lxml iterparse pass over the same
query output, peak memory, and deposit writing.

Derives unixsd query output (``crossref_result`` with one ``query`` per work, records in the
unixref 1.1 namespace) from the shared BibTeX corpus (its journal articles written as a Crossref
deposit with a landing-page template, then repeated with fresh DOIs up to the requested size)
into benchmarks/.data/, then measures, each in a fresh process and in turn ``--repeat`` times: a
bare ``lxml.etree.iterparse`` pass over the file (clearing each ``crossref`` record), and
biblioconv reading every record into the record model. The ratio (biblioconv's time over the
bare pass's, median of the rounds) is printed beside the records/s; peak memory is shown for a
tenth of the size and the full size, so that growth with the input would show. Writing: the
records read are written back as one deposit (records/s).

    python benchmarks/bench_crossref.py [--size 20000] [--repeat 1]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as C

CORPUS = C.CORPUS / "bibtex-real.bib"
DEPOSIT_NS = "http://www.crossref.org/schema/5.3.1"
UNIXREF_NS = "http://www.crossref.org/xschema/1.1"

_WRITE = """
import io, sys, time
import biblioconv
records = list(biblioconv.read(sys.argv[1], "crossref"))
t = time.perf_counter()
buf = io.BytesIO()
report = biblioconv.write(records, "crossref", buf)
print(report.records_written, time.perf_counter() - t, 0)
"""


def _journals() -> list[str]:
    """The corpus's journal articles as ``journal`` elements of a deposit, one string each."""
    import biblioconv
    from biblioconv.formats.crossref.writer import _HOLDER, _native_type

    records = [
        r
        for r in biblioconv.read(str(CORPUS), "bibtex")
        if _HOLDER[_native_type(r)[1]] == "journal"
    ]
    text = biblioconv.dumps(
        records, "crossref", pretty=False, resource="https://publisher.example/{doi}"
    )
    found = re.findall(r"<journal\b.*?</journal>", text, re.DOTALL)
    return [j.replace(DEPOSIT_NS, UNIXREF_NS) for j in found]


def _query(i: int, body: str) -> str:
    body = re.sub(r"<doi>[^<]*</doi>(?=<resource>)", f"<doi>10.5555/bench.{i}</doi>", body)
    return (
        f'<query status="resolved"><doi type="journal_article">10.5555/bench.{i}</doi>'
        f'<doi_record><crossref xmlns="{UNIXREF_NS}">{body}</crossref></doi_record>'
        "</query>"
    )


def build(size: int) -> Path:
    """Query output of ``size`` records derived from the shared corpus (cached)."""
    return C.scaled_file(
        "crossref-unixsd",
        size,
        _journals,
        _query,
        head='<?xml version="1.0" encoding="UTF-8"?>\n<crossref_result '
        'xmlns="http://www.crossref.org/qrschema/3.0" version="3.0"><query_result>'
        "<head><doi_batch_id>bench</doi_batch_id></head><body>\n",
        tail="</body></query_result></crossref_result>\n",
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args(argv)
    small, full = build(max(args.size // 10, 1)), build(args.size)
    tag = f"{{{UNIXREF_NS}}}crossref"
    reading = C.compare_reading(
        "crossref", tag, small, full, size=args.size, repeat=args.repeat, floor=True
    )
    n_written, t_write, _ = C.run_script(_WRITE, small)
    C.print_reading("Crossref query output (unixsd)", reading)
    print(f"  deposit writing      {n_written / t_write:>10,.0f} records/s ({n_written:,} records)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
