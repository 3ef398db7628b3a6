"""Dublin Core reader benchmark: a large OAI-PMH ListRecords harvest.

Derives a ListRecords response of ``--size`` records (default 100,000) from the golden Dublin Core
cases and the project's example record, written by biblioconv's own oai_dc writer into
``benchmarks/.data/``. Then measures, each in a fresh subprocess:

- baseline: a bare ``lxml.etree.iterparse`` pass over the same file (records counted, cleared);
  peak RSS is each child's own ``resource.getrusage(RUSAGE_SELF).ru_maxrss``;
- biblioconv: ``biblioconv.read(path, "dc")`` building every record (heuristic diagnostics
  reported once per rule, as for a large harvest);
- biblioconv at 1/10 and 1/2 of the size, to show that peak memory does not grow with the input.

Prints records/s, the ratio to the baseline and peak memory.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / ".data"
CASES = ROOT / "tests" / "formats" / "dublin_core" / "cases"
EXAMPLE = ROOT / "examples" / "social-innovators.record.json"


def _seed_records() -> list[object]:
    import biblioconv
    from biblioconv.model import Record

    seeds: list[Record] = [Record.model_validate_json(EXAMPLE.read_text("utf-8"))]
    for path in sorted(CASES.glob("*.xml")):
        fmt = "dcterms" if path.name.endswith(".dcterms.xml") else "dc"
        seeds.extend(biblioconv.loads(path.read_bytes(), fmt))
    return seeds


def build(size: int) -> Path:
    """Write (once) a ListRecords response of ``size`` records derived from the seeds."""
    import biblioconv

    path = DATA / f"listrecords-{size}.xml"
    if path.exists():
        return path
    DATA.mkdir(parents=True, exist_ok=True)
    seeds = _seed_records()

    def records():  # type: ignore[no-untyped-def]
        for i in range(size):
            rec = seeds[i % len(seeds)]
            yield rec.model_copy(update={"id": f"oai:bench.example.org:{i}"})

    tmp = path.with_suffix(".part")
    with tmp.open("wb") as fh:
        biblioconv.write(
            records(), "dc", fh, envelope="oai-pmh", response_date="2026-01-01T00:00:00Z"
        )
    tmp.replace(path)
    return path


_BASELINE = """
import resource, sys, time
from lxml import etree
t = time.perf_counter(); n = 0
for _, el in etree.iterparse(sys.argv[1], events=("end",),
                             tag="{http://www.openarchives.org/OAI/2.0/}record"):
    n += 1
    el.clear()
    while el.getprevious() is not None:
        del el.getparent()[0]
print(n, time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

_BIBLIOCONV = """
import resource, sys, time
import biblioconv
read = biblioconv.read  # the API loads on first use: before the clock starts
t = time.perf_counter(); n = 0
stream = read(sys.argv[1], "dc", options={"heuristic_diagnostics": "once"})
for rec in stream:
    n += 1
print(n, time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _run(code: str, path: Path) -> tuple[int, float, float]:
    """Run ``code`` in a fresh interpreter; return (records, seconds, its peak RSS in MB)."""
    out = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", code, str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return int(out[0]), float(out[1]), int(out[2]) / 1024


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="records in the harvest")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--build", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.build:
        build(args.build)
        return 0
    sizes = sorted({max(args.size // 10, 1), max(args.size // 2, 1), args.size})
    # Build in a child too: on Linux a child's peak RSS starts at its parent's, so this
    # process stays small (it imports neither lxml nor biblioconv).
    paths = {}
    for n in sizes:
        subprocess.run([sys.executable, "-W", "ignore", __file__, "--build", str(n)], check=True)
        paths[n] = DATA / f"listrecords-{n}.xml"
    results: dict[str, object] = {"size": args.size}
    memory: dict[int, float] = {}
    for n in sizes:  # smallest first, so each child's peak is its own
        _, _, mb = _run(_BIBLIOCONV, paths[n])
        memory[n] = mb
    n_base, t_base, mb_base = _run(_BASELINE, paths[args.size])
    n_bc, t_bc, _ = _run(_BIBLIOCONV, paths[args.size])
    assert n_base == n_bc == args.size, (n_base, n_bc)
    results.update(
        file_mb=round(paths[args.size].stat().st_size / 1e6, 1),
        baseline_records_per_s=round(n_base / t_base),
        biblioconv_records_per_s=round(n_bc / t_bc),
        ratio_to_baseline=round(t_bc / t_base, 1),
        baseline_peak_mb=round(mb_base, 1),
        peak_mb_by_size={str(k): round(v, 1) for k, v in memory.items()},
    )
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"Dublin Core ListRecords harvest: {args.size:,} records, {results['file_mb']} MB")
    print(f"  bare lxml iterparse : {n_base / t_base:>10,.0f} records/s")
    print(
        f"  biblioconv.read     : {n_bc / t_bc:>10,.0f} records/s "
        f"({t_bc / t_base:.1f}x the baseline's time)"
    )
    print("  peak RSS (fresh process per run):")
    for n, mb in memory.items():
        print(f"    biblioconv, {n:>9,} records: {mb:7.1f} MB")
    print(f"    bare iterparse, {args.size:>6,} records: {mb_base:7.1f} MB")
    print("  (biblioconv reports heuristic diagnostics once per rule here; the report keeps every")
    print("   other diagnostic, e.g. one DELETED_RECORD per deleted record)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
