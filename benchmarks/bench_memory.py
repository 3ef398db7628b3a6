"""Benchmark: peak memory of whole-file conversions at the sizes users meet in registry dumps.

Converts, each in a fresh process, to CSL-JSON (written to a null sink):

* a DataCite XML stream of ``--records`` records (default 1,000,000; an OAI-PMH ListRecords
  response, 1.9 GB at that size), built like ``bench_datacite.py`` builds its files;
* an OAI-PMH ``oai_dc`` ListRecords response of ``--records`` records (1.3 GB), the 100,000-record
  file of ``bench_dublin_core.py`` repeated with fresh OAI identifiers;
* a MODS ``modsCollection`` and an EndNote XML library of ``--records`` records, built like
  ``bench_mods.py`` and ``bench_endnote_xml.py`` build theirs (only with ``--only mods
  endnote-xml``), likewise Crossref, schema.org and PubMed sets, and a JATS ``ref-list`` of
  ``--records`` references (the JATS test cases written as one ref-list, repeated; ``--only jats``);
* a BibTeX file and a RIS file of ``--gigabytes`` each (default 1.0), the real corpora repeated
  with renamed keys (``_common.bibtex_corpus`` / ``_common.ris_corpus``).

The child reports its peak RSS after each tenth of the records, so the figures show whether
memory grows with the input (it must not: the target is under 200 MB at every size). Inputs are
cached in ``benchmarks/.data/`` (about 5 GB at the default sizes). At about 1,000-3,000 records/s
a full run takes an hour; ``--records 100000 --gigabytes 0.1`` takes a few minutes.

    python benchmarks/bench_memory.py [--records N] [--gigabytes G] [--only datacite dc bibtex ris mods endnote-xml]
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as C

TARGET_MB = 200.0

_CHILD = r"""
import io, json, resource, sys, time
import biblioconv
path, fmt, total = sys.argv[1], sys.argv[2], int(sys.argv[3])

class Null(io.RawIOBase):
    def writable(self): return True
    def write(self, b): return len(b)

def rss_mb():
    # this process's own high-water mark: ru_maxrss would include the memory the parent had
    # when it started this process (Linux carries it over exec)
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

step = max(total // 10, 1)
marks = []
def counted(records):
    for n, rec in enumerate(records, 1):
        if n % step == 0:
            marks.append([n, round(rss_mb(), 1)])
        yield rec

t = time.perf_counter()
report = biblioconv.ConversionReport()
biblioconv.write(counted(biblioconv.read(path, fmt, report=report)), "csl-json", Null(),
                 report=report)
print("SECONDS", time.perf_counter() - t)
print("RESULT " + json.dumps({"records": report.records_written, "marks": marks, "peak": rss_mb()}))
"""


def _datacite(records: int) -> Path:
    import bench_datacite

    return bench_datacite.build(records)


def _mods(records: int) -> Path:
    import bench_mods

    return bench_mods.build(records)


def _pubmed(records: int) -> Path:
    import bench_pubmed

    return bench_pubmed.build(records)


def _crossref(records: int) -> Path:
    import bench_crossref

    return bench_crossref.build(records)


def _endnote(records: int) -> Path:
    import bench_endnote_xml

    return bench_endnote_xml.build(records)


def _schemaorg(records: int) -> Path:
    import bench_schemaorg

    return bench_schemaorg.build(records)


def _jats(records: int) -> Path:
    """A JATS ``ref-list`` of ``records`` references: every article and reference of the JATS
    test cases, written by biblioconv as one ref-list, repeated with fresh ``ref`` ids."""
    path = C.DATA / f"jats-refs-{records}.xml"
    if path.exists():
        return path
    import biblioconv

    cases = sorted((C.ROOT / "tests" / "formats" / "jats" / "cases").glob("*.xml"))
    base = [r for case in cases for r in biblioconv.read(case, "jats")]
    text = biblioconv.dumps(base, "jats")
    start, end = text.index("  <ref "), text.rindex("</ref-list>")
    head, tail = text[:start], text[end:]
    refs = re.findall(r"  <ref id=\"[^\"]*\">.*?</ref>\n", text[start:end], flags=re.S)
    C.DATA.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(head)
        for n in range(records):
            ref = refs[n % len(refs)]
            fh.write(f'  <ref id="r{n}">' + ref[ref.index(">") + 1 :])
        fh.write(tail)
    tmp.replace(path)
    return path


def _dublin_core(records: int) -> Path:
    """``records`` oai_dc records: the 100,000-record harvest repeated, identifiers renamed."""
    import bench_dublin_core

    base_n = min(records, 100_000)
    base = bench_dublin_core.build(base_n)
    if records == base_n:
        return base
    path = C.DATA / f"listrecords-{records}.xml"
    if path.exists():
        return path
    text = base.read_text(encoding="utf-8")
    start = text.index("<ListRecords>") + len("<ListRecords>")
    end = text.rindex("</ListRecords>")
    head, body, tail = text[:start], text[start:end], text[end:]
    ident = re.compile(r"<identifier>oai:bench\.example\.org:")
    tmp = path.with_suffix(".part")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(head)
        copies = math.ceil(records / base_n)
        for copy in range(copies):
            part = body if copy == 0 else ident.sub(f"<identifier>oai:c{copy}.example.org:", body)
            fh.write(part)
        fh.write(tail)
    tmp.replace(path)
    return path


def _sized(build: object, sample: Path, gigabytes: float) -> tuple[Path, int]:
    """A corpus file of about ``gigabytes`` and its number of records."""
    per_record = sample.stat().st_size / 10_000
    n = max(int(gigabytes * 1e9 / per_record), 1)
    return build(n), n  # type: ignore[operator]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=1_000_000, help="DataCite, Dublin Core and MODS")
    ap.add_argument("--gigabytes", type=float, default=1.0, help="BibTeX and RIS file size")
    ap.add_argument("--size", type=int, help="(from run.py) same as --records")
    ap.add_argument(
        "--only",
        nargs="+",
        choices=[
            "datacite",
            "dc",
            "bibtex",
            "ris",
            "mods",
            "schemaorg",
            "crossref",
            "endnote-xml",
            "pubmed-xml",
            "jats",
        ],
    )
    args = ap.parse_args(argv)
    records = args.size or args.records
    wanted = args.only or ["datacite", "dc", "bibtex", "ris"]

    missed = False
    for fmt in wanted:
        if fmt == "datacite":
            path, n, label = _datacite(records), records, "DataCite XML"
        elif fmt == "dc":
            path, n, label = _dublin_core(records), records, "OAI-PMH oai_dc"
        elif fmt == "mods":
            path, n, label = _mods(records), records, "MODS collection"
        elif fmt == "endnote-xml":
            path, n, label = _endnote(records), records, "EndNote XML"
        elif fmt == "schemaorg":
            path, n, label = _schemaorg(records), records, "schema.org JSON-LD array"
        elif fmt == "crossref":
            path, n, label = _crossref(records), records, "Crossref unixsd"
        elif fmt == "pubmed-xml":
            path, n, label = _pubmed(records), records, "PubmedArticleSet"
        elif fmt == "jats":
            path, n, label = _jats(records), records, "JATS ref-list"
        elif fmt == "bibtex":
            path, n = _sized(C.bibtex_corpus, C.bibtex_corpus(10_000), args.gigabytes)
            label = "BibTeX"
        else:
            path, n = _sized(C.ris_corpus, C.ris_corpus(10_000), args.gigabytes)
            label = "RIS"
        size_mb = path.stat().st_size / 1e6
        code = _CHILD.replace(
            "sys.argv[1], sys.argv[2], int(sys.argv[3])", repr((str(path), fmt, n))
        )
        m = C.measure(code, inner=True, timeout=4 * 3600)
        result = json.loads(m.stdout.split("RESULT ", 1)[1].splitlines()[0])
        curve = ", ".join(f"{k:,}: {mb:.0f}" for k, mb in result["marks"])
        C.emit(
            "memory",
            f"{label} -> CSL-JSON, {size_mb:,.0f} MB",
            "biblioconv",
            records=result["records"],
            seconds=m.seconds,
            peak_rss_mb=result["peak"],
            cpu_seconds=m.cpu_seconds,
            note=f"peak RSS (MB) after N records: {curve}",
        )
        peak = float(result["peak"])
        ok = peak < TARGET_MB
        missed |= not ok
        print(
            f"{label:15} {result['records']:>10,} records  {size_mb:8,.0f} MB  "
            f"{m.seconds:8.1f} s  {result['records'] / m.seconds:7,.0f} rec/s  "
            f"peak {peak:6.1f} MB  ({'under' if ok else 'OVER'} {TARGET_MB:.0f} MB)"
        )
        print(f"  peak RSS after N records: {curve}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
