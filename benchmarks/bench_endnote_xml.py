"""EndNote XML reading: records/s against a bare lxml iterparse pass over the same file, peak
memory.

Derives an EndNote XML library from the shared BibTeX corpus (converted with biblioconv, then
repeated with fresh record numbers up to the requested size) into benchmarks/.data/, then
measures, each in a fresh process and in turn ``--repeat`` times: a bare
``lxml.etree.iterparse`` pass over the file (clearing each ``record``), and biblioconv reading every
record into the record model. The ratio (biblioconv's time over the bare pass's, median of the
rounds) is printed beside the records/s; peak memory is shown for a tenth of the size and the
full size, so that growth with the input would show.

    python benchmarks/bench_endnote_xml.py [--size 50000] [--repeat 1]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as C

CORPUS = C.CORPUS / "bibtex-real.bib"


def _bodies() -> list[str]:
    """The corpus records as ``<record>`` elements, one line each."""
    import biblioconv

    text = biblioconv.dumps(biblioconv.read(str(CORPUS), "bibtex"), "endnote-xml", pretty=False)
    return re.findall(r"<record>.*?</record>", text, re.DOTALL)


def _renumber(i: int, body: str) -> str:
    number = f"<rec-number>{i + 1}</rec-number>"
    return re.sub(r"<rec-number>.*?</rec-number>|(?=<ref-type)", number, body, count=1)


def build(size: int) -> Path:
    """An EndNote XML library of ``size`` records derived from the shared corpus (cached)."""
    return C.scaled_file(
        "endnote",
        size,
        _bodies,
        _renumber,
        head='<?xml version="1.0" encoding="UTF-8"?>\n<xml><records>\n',
        tail="</records></xml>\n",
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=50_000)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args(argv)
    small, full = build(max(args.size // 10, 1)), build(args.size)
    reading = C.compare_reading(
        "endnote-xml", "record", small, full, size=args.size, repeat=args.repeat
    )
    C.print_reading("EndNote XML library", reading)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
