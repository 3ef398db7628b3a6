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
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / ".." / "shared" / "corpus" / "bibtex-real.bib"
DATA = ROOT / "benchmarks" / ".data"
DEPOSIT_NS = "http://www.crossref.org/schema/5.3.1"
UNIXREF_NS = "http://www.crossref.org/xschema/1.1"

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
for _, el in etree.iterparse(sys.argv[1], events=("end",), tag="{http://www.crossref.org/xschema/1.1}crossref"):
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
for _ in read(sys.argv[1], "crossref"):
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
         for r in itertools.islice(biblioconv.read(sys.argv[1], "crossref"), 500)]
validate = Record.model_validate
t = time.perf_counter(); n = 0
for _, el in etree.iterparse(sys.argv[1], events=("end",), tag="{http://www.crossref.org/xschema/1.1}crossref"):
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


def build(size: int) -> Path:
    """Query output of ``size`` records derived from the shared corpus (cached)."""
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"crossref-unixsd-{size}.xml"
    if path.exists():
        return path
    bodies = _journals()
    tmp = path.with_suffix(".part")
    with tmp.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<crossref_result '
            'xmlns="http://www.crossref.org/qrschema/3.0" version="3.0"><query_result>'
            "<head><doi_batch_id>bench</doi_batch_id></head><body>\n"
        )
        for i in range(size):
            body = bodies[i % len(bodies)]
            body = re.sub(r"<doi>[^<]*</doi>(?=<resource>)", f"<doi>10.5555/bench.{i}</doi>", body)
            out.write(
                f'<query status="resolved"><doi type="journal_article">10.5555/bench.{i}</doi>'
                f'<doi_record><crossref xmlns="{UNIXREF_NS}">{body}</crossref></doi_record>'
                "</query>\n"
            )
        out.write("</body></query_result></crossref_result>\n")
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
    n_written, t_write, _ = run(_WRITE, small)
    size_mb = full.stat().st_size / 1e6
    print(f"Crossref query output (unixsd): {args.size:,} records, {size_mb:,.0f} MB")
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
    print(f"  deposit writing      {n_written / t_write:>10,.0f} records/s ({n_written:,} records)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
