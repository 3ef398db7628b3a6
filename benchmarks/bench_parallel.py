"""Benchmark: one large file converted in one process vs split over worker processes (--jobs).

For each conversion path the same input (derived from the real corpora) is converted by
``biblioconv.convert`` (the baseline) and by ``biblioconv.parallel.convert_file`` with 2 workers,
each run in a fresh process (median of ``--repeat`` runs, peak RSS of the parent process); the
outputs are compared byte for byte. With ``--dask-size N`` a CSL-JSON Lines file of N records is
also converted on a local Dask cluster of 2 workers and compared with the single-process output.

    python benchmarks/bench_parallel.py [--size 10000] [--repeat 3] [--jobs 2] [--dask-size 0]
"""

from __future__ import annotations

import argparse
import filecmp
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as C

BENCH = "parallel"

SINGLE = """
import biblioconv
r = biblioconv.convert({src!r}, {to!r}, {out!r}, from_={fmt!r}, read_options={ropts!r}, **{wopts!r})
print("RECORDS", r.records_read)
"""
PARALLEL = """
from biblioconv import parallel
r = parallel.convert_file({src!r}, {to!r}, {out!r}, from_={fmt!r}, jobs={jobs}, read_options={ropts!r}, **{wopts!r})
print("RECORDS", r.records_read)
"""
DASK = """
import time
from biblioconv import dask as bd
t = time.perf_counter()
r = bd.convert({src!r}, {to!r}, {out!r}, from_={fmt!r}, blocksize={block}, **{wopts!r})
print("RECORDS", r.records_read)
print("SECONDS", time.perf_counter() - t)
"""


def _records(text: str) -> int:
    return int(text.split("RECORDS", 1)[1].split()[0])


def _paths(size: int) -> list[tuple[str, Path, str, str, dict[str, object], dict[str, object]]]:
    """(label, input, source format, target, read options, write options) per path measured."""
    return [
        (
            "BibTeX -> CSL-JSON (crossref not resolved)",
            C.bibtex_corpus(size),
            "bibtex",
            "csl-json",
            {"resolve_crossref": False},
            {},
        ),
        ("RIS -> CSL-JSON", C.ris_corpus(size), "ris", "csl-json", {}, {}),
        (
            "DataCite XML -> CSL-JSON",
            C.derived_corpus("datacite", size, fill_unknown=True),
            "datacite",
            "csl-json",
            {},
            {},
        ),
        ("OAI-PMH oai_dc -> CSL-JSON", C.derived_corpus("dc", size), "dc", "csl-json", {}, {}),
        (
            "CSL-JSON Lines -> RIS",
            C.derived_corpus("csl-json", size, ext=".jsonl", lines=True),
            "csl-json",
            "ris",
            {},
            {},
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    """Run the measurements; 1 if a parallel output differs from the single-process one."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=10_000, help="records per input")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement (median)")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes")
    ap.add_argument("--dask-size", type=int, default=0, help="records for the Dask check")
    args = ap.parse_args(argv)

    out_dir = C.DATA / "out"
    out_dir.mkdir(parents=True, exist_ok=True)
    ok = True
    for label, src, fmt, to, ropts, wopts in _paths(args.size):
        task = f"{label}, {src.stat().st_size / 1e6:.0f} MB"
        one, many = out_dir / f"single-{fmt}.out", out_dir / f"parallel-{fmt}.out"
        kw = {"src": str(src), "fmt": fmt, "to": to, "ropts": ropts, "wopts": wopts}
        m1 = C.median_measure(SINGLE.format(out=str(one), **kw), repeat=args.repeat)
        m2 = C.median_measure(
            PARALLEL.format(out=str(many), jobs=args.jobs, **kw), repeat=args.repeat
        )
        n = _records(m1.stdout)
        same = filecmp.cmp(one, many, shallow=False)
        ok &= same
        C.emit(
            BENCH,
            task,
            "1 process",
            records=n,
            seconds=m1.seconds,
            peak_rss_mb=m1.peak_rss_mb,
            cpu_seconds=m1.cpu_seconds,
            baseline=True,
        )
        C.emit(
            BENCH,
            task,
            f"--jobs {args.jobs}",
            records=_records(m2.stdout),
            seconds=m2.seconds,
            peak_rss_mb=m2.peak_rss_mb,
            cpu_seconds=m2.cpu_seconds,
            note="same output" if same else "OUTPUT DIFFERS",
        )
        print(
            f"{task}: {n / m1.seconds:,.0f} records/s in 1 process, "
            f"{n / m2.seconds:,.0f} records/s with {args.jobs} workers "
            f"({m1.seconds / m2.seconds:.2f}x); CPU {m1.cpu_seconds:.1f} s vs "
            f"{m2.cpu_seconds:.1f} s; output {'identical' if same else 'DIFFERS'}",
            flush=True,
        )
    if args.dask_size:
        src = C.csl_lines_corpus(args.dask_size)
        single = out_dir / "dask-single.ris"
        parts = out_dir / "dask-parts"
        for old in parts.glob("part-*"):
            old.unlink()
        kw2 = {"src": str(src), "fmt": "csl-json", "to": "ris", "wopts": {}}
        m1 = C.measure(SINGLE.format(out=str(single), ropts={}, **kw2))
        m2 = C.measure(
            DASK.format(out=str(parts), block=max(src.stat().st_size // 16, 1 << 20), **kw2),
            inner=True,
        )
        joined = b"".join(p.read_bytes() for p in sorted(parts.glob("part-*")))
        same = joined == single.read_bytes()
        ok &= same
        task = f"CSL-JSON Lines -> RIS on Dask, {src.stat().st_size / 1e6:.0f} MB"
        n = _records(m1.stdout)
        C.emit(BENCH, task, "1 process", records=n, seconds=m1.seconds, baseline=True)
        C.emit(
            BENCH,
            task,
            "Dask local cluster, 2 workers",
            records=_records(m2.stdout),
            seconds=m2.seconds,
            note="same output" if same else "OUTPUT DIFFERS",
        )
        print(
            f"{task}: {len(list(parts.glob('part-*')))} parts, {n / m2.seconds:,.0f} records/s "
            f"(cluster start-up included), output {'identical' if same else 'DIFFERS'}"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
