"""DataCite XML reading: records/s against a bare lxml iterparse pass, and peak memory.

Derives a DataCite XML stream from the shared BibTeX corpus (converted with biblioconv, then
repeated with fresh DOIs up to the requested size) into benchmarks/.data/, then measures, each in
a fresh process: a bare ``lxml.etree.iterparse`` pass over the file (clearing elements), and
biblioconv reading every record into the record model. Peak memory is compared for 10k and the
full size.

    python benchmarks/bench_datacite.py [--size 100000]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / ".." / "shared" / "corpus" / "bibtex-real.bib"
DATA = ROOT / "benchmarks" / ".data"
OAI = "http://www.openarchives.org/OAI/2.0/"

_BARE = """
import resource, sys, time
def peak():
    # VmHWM is this process's own high-water mark (ru_maxrss survives exec on Linux)
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
from lxml import etree
t = time.perf_counter(); n = 0
for _, el in etree.iterparse(sys.argv[1], events=("end",), tag="{http://datacite.org/schema/kernel-4}resource"):
    n += 1
    el.clear()
    while el.getprevious() is not None:
        del el.getparent()[0]
print(n, time.perf_counter() - t, peak())
"""
_OURS = """
import resource, sys, time
def peak():
    # VmHWM is this process's own high-water mark (ru_maxrss survives exec on Linux)
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
import biblioconv
t = time.perf_counter(); n = 0
for _ in biblioconv.read(sys.argv[1], "datacite"):
    n += 1
print(n, time.perf_counter() - t, peak())
"""


def build(size: int) -> Path:
    """A concatenated DataCite XML dump of ``size`` records derived from the shared corpus."""
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"datacite-{size}.xml"
    if path.exists():
        return path
    import biblioconv

    records = [r for r in biblioconv.read(str(CORPUS), "bibtex") if r.issued is not None]
    docs: list[str] = []
    for rec in records:
        text = biblioconv.dumps(rec, "datacite", fill_unknown=True, pretty=False)
        if text:
            docs.append(text)
    if not docs:
        raise SystemExit("no record of the corpus could be converted")
    doi = re.compile(r'<identifier identifierType="DOI">[^<]*</identifier>')
    decl = re.compile(r"^<\?xml[^>]*\?>\s*")
    bodies = [decl.sub("", d) for d in docs]
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


def run(script: str, path: Path) -> tuple[int, float, float]:
    """Run a measurement in a fresh interpreter: (records, seconds, peak RSS in MB)."""
    res = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True
    )
    n, secs, rss_kb = res.stdout.split()
    return int(n), float(secs), int(rss_kb) / 1024


def main(argv: list[str] | None = None) -> int:
    """Build the corpora, measure, print figures and ratios (exit 1 if a target is missed)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    args = parser.parse_args(argv)
    small, large = build(min(10_000, args.size)), build(args.size)
    bare_n, bare_s, bare_rss = run(_BARE, large)
    ours_n, ours_s, ours_rss = run(_OURS, large)
    small_n, _small_s, small_rss = run(_OURS, small)
    ratio = ours_s / bare_s
    result = {
        "records": ours_n,
        "file_mb": round(large.stat().st_size / 1e6, 1),
        "bare_lxml_records_per_s": round(bare_n / bare_s),
        "biblioconv_records_per_s": round(ours_n / ours_s),
        "time_ratio_vs_bare": round(ratio, 2),
        "peak_rss_mb_bare": round(bare_rss, 1),
        f"peak_rss_mb_{small_n}": round(small_rss, 1),
        f"peak_rss_mb_{ours_n}": round(ours_rss, 1),
    }
    print(json.dumps(result, indent=2))
    ok = ours_n == bare_n and ratio <= 3.0 and ours_rss < 150 and ours_rss < small_rss * 1.25
    print("targets (<= 3x bare, < 150 MB, flat):", "met" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
