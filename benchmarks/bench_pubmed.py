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
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / ".." / "shared" / "examples" / "pubmed"
DATA = ROOT / "benchmarks" / ".data"

_PEAK = """
import resource
def peak():
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""
_BARE = (
    _PEAK
    + """
import sys, time
from lxml import etree
t = time.perf_counter(); n = 0
for _, el in etree.iterparse(sys.argv[1], events=("end",), tag="PubmedArticle"):
    n += 1
    el.clear()
    while el.getprevious() is not None:
        del el.getparent()[0]
print(n, time.perf_counter() - t, peak())
"""
)
_OURS = (
    _PEAK
    + """
import sys, time
import biblioconv
read = biblioconv.read
t = time.perf_counter(); n = 0
for _ in read(sys.argv[1], "pubmed-xml"):
    n += 1
print(n, time.perf_counter() - t, peak())
"""
)
# The floor of any Python reader of this record model: the bare pass, plus touching every element
# of each record from Python (tag, text, attributes), plus one validation of the record dict
# biblioconv makes of it (prepared before the clock starts from the file's first records).
_FLOOR = """
import itertools, sys, time
from lxml import etree
import biblioconv
from biblioconv.model import Record
dicts = [r.model_dump(exclude_defaults=True)
         for r in itertools.islice(biblioconv.read(sys.argv[1], "pubmed-xml"), 500)]
validate = Record.model_validate
t = time.perf_counter(); n = 0
for _, el in etree.iterparse(sys.argv[1], events=("end",), tag="PubmedArticle"):
    for e in el.iter():
        e.tag, e.text, e.items()
    validate(dicts[n % len(dicts)])
    n += 1
    el.clear()
    while el.getprevious() is not None:
        del el.getparent()[0]
print(n, time.perf_counter() - t, 0)
"""
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


def build(size: int) -> Path:
    """A PubmedArticleSet of ``size`` articles derived from the shared examples (cached)."""
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"pubmed-set-{size}.xml"
    if path.exists():
        return path
    bodies = _articles()
    tmp = path.with_suffix(".part")
    with tmp.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<PubmedArticleSet>\n')
        for i in range(size):
            body = bodies[i % len(bodies)]
            body = re.sub(
                r"<PMID Version=\"1\">\d+</PMID>",
                f'<PMID Version="1">{i + 1}</PMID>',
                body,
                count=1,
            )
            out.write(body + "\n")
        out.write("</PubmedArticleSet>\n")
    tmp.replace(path)
    return path


def run(script: str, path: Path) -> tuple[int, float, float]:
    """Run one measurement in a fresh interpreter: (records, seconds, peak RSS in MB)."""
    res = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True
    )
    n, secs, rss_kb = res.stdout.split()
    return int(n), float(secs), int(rss_kb) / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args(argv)
    small, full = build(max(args.size // 10, 1)), build(args.size)
    ratios, floors, ours_rates, bare_rates, peak = [], [], [], [], 0.0
    for _ in range(args.repeat):
        n_bare, t_bare, _ = run(_BARE, full)
        n_ours, t_ours, peak = run(_OURS, full)
        _, t_floor, _ = run(_FLOOR, full)
        assert n_bare == n_ours == args.size, (n_bare, n_ours)
        ratios.append(t_ours / t_bare)
        floors.append(t_floor / t_bare)
        ours_rates.append(n_ours / t_ours)
        bare_rates.append(n_bare / t_bare)
    _, _, peak_small = run(_OURS, small)
    res = subprocess.run(
        [sys.executable, "-c", _WRITE, str(small)], capture_output=True, text=True, check=True
    )
    n_written, t_write, t_read = (float(x) for x in res.stdout.split())
    size_mb = full.stat().st_size / 1e6
    print(f"PubmedArticleSet: {args.size:,} articles, {size_mb:,.0f} MB")
    print(f"  bare lxml iterparse  {statistics.median(bare_rates):>10,.0f} records/s")
    print(
        f"  biblioconv read      {statistics.median(ours_rates):>10,.0f} records/s  "
        f"({statistics.median(ratios):.1f}x the bare pass's time; target 3x)"
    )
    print(
        f"  floor (bare pass + touching every element + one record validation): "
        f"{statistics.median(floors):.1f}x the bare pass's time"
    )
    print(
        f"  peak RSS: {peak_small:.0f} MB at {args.size // 10:,} records, "
        f"{peak:.0f} MB at {args.size:,}"
    )
    print(
        f"  MEDLINE writing      {n_written / t_write:>10,.0f} records/s ({n_written:,.0f} records)"
    )
    print(f"  MEDLINE reading      {n_written / t_read:>10,.0f} records/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
