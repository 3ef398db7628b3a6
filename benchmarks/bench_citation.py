"""Benchmark: APA bibliographies with raw citeproc-py and with biblioconv's citation engine.

Items are derived from the fidelity fixtures with varied names, titles and years. Both engines
render the same items in the same run; the script prints entries/s, the speed-up and how the
cost grows from 2,000 to 4,000 entries. Wall-clock and CPU time are both shown: on a machine
shared with other work the wall-clock ratio moves with the load between the two measurements,
the CPU-time ratio much less.

    python benchmarks/bench_citation.py [--sizes 2000 4000] [--baseline-size 2000]
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import time
import warnings
from pathlib import Path
from typing import Any

from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON

from biblioconv.formats.citation import render_bibliography
from biblioconv.formats.citation.styles import resolve_style

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "citation" / "fixtures" / "items.json"
FAMILIES = [
    "Okafor",
    "Smith",
    "Nguyen",
    "Garcia",
    "Müller",
    "Kowalski",
    "Tanaka",
    "Adeyemi",
    "Lindqvist",
    "O'Brien",
    "Rossi",
    "Chen",
    "Dubois",
    "Petrov",
    "Costa",
    "Moreau",
]
GIVENS = [
    "Chidi",
    "Anna",
    "Thi Lan",
    "José",
    "Jürgen",
    "Jan",
    "Hiro",
    "Bola",
    "Sara",
    "Sean",
    "Maria",
    "Wei",
    "Luc",
    "Ivan",
    "Eva",
    "Paul",
]
WORDS = [
    "climate",
    "learning",
    "networks",
    "soil",
    "health",
    "urban",
    "models",
    "evidence",
    "policy",
    "genomes",
    "rivers",
    "markets",
    "language",
    "memory",
    "coral",
    "energy",
]


def make_items(count: int, seed: int = 7) -> list[dict[str, Any]]:
    """``count`` CSL-JSON items derived from the fixtures, with varied names, titles, years."""
    base = [
        i for i in json.loads(FIXTURES.read_text(encoding="utf-8")) if "raw" not in json.dumps(i)
    ]
    rng = random.Random(seed)
    items = []
    for n in range(count):
        item = copy.deepcopy(base[n % len(base)])
        item["id"] = f"item{n}"
        if item.get("author") and "literal" not in item["author"][0]:
            for name in item["author"]:
                name["family"] = rng.choice(FAMILIES)
                name["given"] = rng.choice(GIVENS)
        item["title"] = f"{item.get('title', 'Untitled')}: {' '.join(rng.sample(WORDS, 3))}"
        if "issued" in item:
            item["issued"] = {"date-parts": [[rng.randint(1950, 2024), rng.randint(1, 12)]]}
        items.append(item)
    return items


def raw_citeproc(items: list[dict[str, Any]]) -> tuple[float, float]:
    """Seconds (wall clock, CPU) raw citeproc-py needs for a plain-text APA bibliography."""
    start = time.perf_counter()
    cpu = time.process_time()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        style = CitationStylesStyle(str(resolve_style("apa")), validate=False)
        source = CiteProcJSON(items)
        bib = CitationStylesBibliography(style, source, formatter.plain)
        for item in items:
            bib.register(Citation([CitationItem(str(item["id"]))]))
        bib.sort()
        entries = bib.bibliography()
    assert len(entries) == len(items)
    return time.perf_counter() - start, time.process_time() - cpu


def ours(items: list[dict[str, Any]]) -> tuple[float, float]:
    """Seconds (wall clock, CPU) biblioconv needs for the same bibliography (parsed style
    cached, as in use)."""
    start = time.perf_counter()
    cpu = time.process_time()
    entries = render_bibliography(items, style="apa", output="text")
    assert len(entries) == len(items)
    return time.perf_counter() - start, time.process_time() - cpu


def _line(tool: str, size: int, wall: float, cpu: float) -> str:
    return (
        f"{tool:<12} {size:>6} entries: {wall:7.2f} s (CPU {cpu:6.2f} s) "
        f"{size / wall:7.0f} entries/s"
    )


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 4000])
    parser.add_argument(
        "--baseline-size",
        type=int,
        default=2000,
        help="size rendered with raw citeproc-py (slow: ~45 entries/s)",
    )
    args = parser.parse_args()
    render_bibliography(make_items(10), style="apa")  # load and cache the style once
    timings = {}
    for size in args.sizes:
        timings[size] = ours(make_items(size))
        print(_line("biblioconv", size, *timings[size]), flush=True)
    size = args.baseline_size
    baseline = raw_citeproc(make_items(size))
    print(_line("citeproc-py", size, *baseline))
    if size in timings:
        wall, cpu = baseline[0] / timings[size][0], baseline[1] / timings[size][1]
        print(f"speed-up at {size}: {wall:.1f}x wall clock, {cpu:.1f}x CPU time (target >= 10x)")
    if len(args.sizes) >= 2:
        small, large = sorted(args.sizes)[:2]
        growth = timings[large][0] / timings[small][0]
        growth_cpu = timings[large][1] / timings[small][1]
        print(
            f"time {large} / time {small}: {growth:.2f} wall clock, {growth_cpu:.2f} CPU "
            f"(target <= {2.2 * large / small / 2:.1f})"
        )


if __name__ == "__main__":
    main()
