"""MODS reading: records/s against a bare lxml iterparse pass over the same file, peak memory.

Derives a ``<modsCollection>`` from the shared BibTeX corpus (converted with biblioconv, then
repeated with fresh record identifiers up to the requested size) into benchmarks/.data/, then
measures, each in a fresh process and in turn ``--repeat`` times: a bare
``lxml.etree.iterparse`` pass over the file (clearing each ``mods``), and biblioconv reading every
record into the record model. The ratio (biblioconv's time over the bare pass's, median of the
rounds) is printed beside the records/s; peak memory is shown for a tenth of the size and the
full size, so that growth with the input would show.

    python benchmarks/bench_mods.py [--size 50000] [--repeat 1]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as C

CORPUS = C.CORPUS / "bibtex-real.bib"
MODS = "http://www.loc.gov/mods/v3"


def _bodies() -> list[str]:
    """The corpus records as ``<mods>`` elements, one line each."""
    import biblioconv

    text = biblioconv.dumps(biblioconv.read(str(CORPUS), "bibtex"), "mods", pretty=False)
    return re.findall(r"<mods\b.*?</mods>", text, re.DOTALL)


def _renumber(i: int, body: str) -> str:
    ident = f"<recordInfo><recordIdentifier>bench.{i}</recordIdentifier></recordInfo>"
    return body.replace("</mods>", ident + "</mods>")


def build(size: int) -> Path:
    """A modsCollection of ``size`` records derived from the shared corpus (cached)."""
    return C.scaled_file(
        "mods",
        size,
        _bodies,
        _renumber,
        head=f'<?xml version="1.0" encoding="UTF-8"?>\n<modsCollection xmlns="{MODS}" '
        'xmlns:xlink="http://www.w3.org/1999/xlink">\n',
        tail="</modsCollection>\n",
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=50_000)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args(argv)
    small, full = build(max(args.size // 10, 1)), build(args.size)
    tag = f"{{{MODS}}}mods"
    reading = C.compare_reading("mods", tag, small, full, size=args.size, repeat=args.repeat)
    C.print_reading("MODS collection", reading)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
