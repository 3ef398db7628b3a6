"""PubMed reading and MEDLINE writing: records/s against a bare lxml iterparse pass over the
same PubmedArticleSet, peak memory, and MEDLINE/nbib writing and reading.

Derives a ``PubmedArticleSet`` from the shared PubMed XML examples (their articles repeated with
fresh PMIDs up to the requested size) into benchmarks/.data/, then measures, each in a fresh
process and in turn ``--repeat`` times: a bare ``lxml.etree.iterparse`` pass over the file
(clearing each ``PubmedArticle``), biblioconv reading every article into the record model, and
the floor (the bare pass, touching every element, one record validation each). The ratio
(biblioconv's time over the bare pass's, median of the rounds) is printed beside the records/s;
peak memory is shown for a tenth of the size and the full size. MEDLINE: the records of the
tenth written as nbib and read back (records/s).

    python benchmarks/bench_pubmed.py [--size 20000] [--repeat 1]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as C

EXAMPLES = C.SHARED / "examples" / "pubmed"

_WRITE = """
import io, sys, time
import biblioconv
records = list(biblioconv.read(sys.argv[1], "pubmed-xml"))
t = time.perf_counter()
text = biblioconv.dumps(records, "medline")
w = time.perf_counter() - t
t = time.perf_counter()
back = biblioconv.loads(text, "medline")
r = time.perf_counter() - t
assert len(back) == len(records)
print(len(records), w, r)
"""


def _articles() -> list[str]:
    """The PubmedArticle elements of the shared examples, one string each."""
    out: list[str] = []
    for path in sorted(EXAMPLES.glob("*.xml")):
        text = path.read_text(encoding="utf-8")
        out += re.findall(r"<PubmedArticle>.*?</PubmedArticle>", text, re.DOTALL)
    return out


def _renumber(i: int, body: str) -> str:
    return re.sub(
        r"<PMID Version=\"1\">\d+</PMID>", f'<PMID Version="1">{i + 1}</PMID>', body, count=1
    )


def build(size: int) -> Path:
    """A PubmedArticleSet of ``size`` articles derived from the shared examples (cached)."""
    return C.scaled_file(
        "pubmed-set",
        size,
        _articles,
        _renumber,
        head='<?xml version="1.0" encoding="UTF-8"?>\n<PubmedArticleSet>\n',
        tail="</PubmedArticleSet>\n",
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args(argv)
    small, full = build(max(args.size // 10, 1)), build(args.size)
    reading = C.compare_reading(
        "pubmed-xml", "PubmedArticle", small, full, size=args.size, repeat=args.repeat, floor=True
    )
    res = subprocess.run(
        [sys.executable, "-c", _WRITE, str(small)], capture_output=True, text=True, check=True
    )
    n_written, t_write, t_read = (float(x) for x in res.stdout.split())
    C.print_reading("PubmedArticleSet", reading, unit="articles")
    print(
        f"  MEDLINE writing      {n_written / t_write:>10,.0f} records/s ({n_written:,.0f} records)"
    )
    print(f"  MEDLINE reading      {n_written / t_read:>10,.0f} records/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
