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
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / ".." / "shared" / "corpus" / "bibtex-real.bib"
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
for _, el in etree.iterparse(sys.argv[1], events=("end",), tag="record"):
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
for _ in read(sys.argv[1], "endnote-xml"):
    n += 1
print(n, time.perf_counter() - t, peak())
"""
)


def _bodies() -> list[str]:
    """The corpus records as ``<record>`` elements, one line each."""
    import biblioconv

    text = biblioconv.dumps(biblioconv.read(str(CORPUS), "bibtex"), "endnote-xml", pretty=False)
    return re.findall(r"<record>.*?</record>", text, re.DOTALL)


def build(size: int) -> Path:
    """An EndNote XML library of ``size`` records derived from the shared corpus (cached)."""
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"endnote-{size}.xml"
    if path.exists():
        return path
    bodies = _bodies()
    tmp = path.with_suffix(".part")
    with tmp.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<xml><records>\n')
        for i in range(size):
            body = bodies[i % len(bodies)]
            number = f"<rec-number>{i + 1}</rec-number>"
            out.write(
                re.sub(r"<rec-number>.*?</rec-number>|(?=<ref-type)", number, body, count=1) + "\n"
            )
        out.write("</records></xml>\n")
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
    ap.add_argument("--size", type=int, default=50_000)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args(argv)
    small, full = build(max(args.size // 10, 1)), build(args.size)
    ratios, ours_rates, bare_rates, peak = [], [], [], 0.0
    for _ in range(args.repeat):
        n_bare, t_bare, _ = run(_BARE, full)
        n_ours, t_ours, peak = run(_OURS, full)
        assert n_bare == n_ours == args.size, (n_bare, n_ours)
        ratios.append(t_ours / t_bare)
        ours_rates.append(n_ours / t_ours)
        bare_rates.append(n_bare / t_bare)
    _, _, peak_small = run(_OURS, small)
    size_mb = full.stat().st_size / 1e6
    print(f"EndNote XML library: {args.size:,} records, {size_mb:,.0f} MB")
    print(f"  bare lxml iterparse  {statistics.median(bare_rates):>10,.0f} records/s")
    print(
        f"  biblioconv read      {statistics.median(ours_rates):>10,.0f} records/s  "
        f"({statistics.median(ratios):.1f}x the bare pass's time; target 3x)"
    )
    print(
        f"  peak RSS: {peak_small:.0f} MB at {args.size // 10:,} records, "
        f"{peak:.0f} MB at {args.size:,}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
