"""Fidelity of the citation engine against citeproc-js, the reference CSL processor.

Compares our bibliography entries (plain text, whitespace-normalised) with the expected strings
citeproc-js produced for the fixture items, per style and item, and prints the table::

    python -m biblioconv.formats.citation.fidelity [--diff] [--markdown]
    python -m biblioconv.formats.citation.fidelity --regenerate   # re-run the oracle (needs node)

Paths default to the repository layout (``tests/citation/``, ``scripts/citeproc_js_oracle/``).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .engine import render_bibliography, render_citations
from .styles import styles_directory

__all__ = ["STYLES", "FidelityReport", "compare", "main", "normalise", "oracle_command"]

#: The styles whose fidelity is measured.
STYLES = (
    "apa",
    "chicago-author-date",
    "modern-language-association",
    "ieee",
    "harvard-cite-them-right",
    "nature",
    "american-medical-association",
    "bmj",
    "elsevier-harvard",
    "springer-basic-author-date",
    "american-chemical-society",
    "nlm-citation-sequence",
)

_REPO = Path(__file__).resolve().parents[4]
DEFAULT_ITEMS = _REPO / "tests" / "citation" / "fixtures" / "items.json"
DEFAULT_EXPECTED = _REPO / "tests" / "citation" / "expected" / "citeproc-js.json"
ORACLE = _REPO / "scripts" / "citeproc_js_oracle" / "oracle.js"


def normalise(text: str) -> str:
    """Whitespace-normalise an entry (runs of whitespace become one space, ends trimmed)."""
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class StyleResult:
    """Comparison of one style: matching item ids and mismatches ``(id, ours, expected)``."""

    style: str
    matches: list[str] = field(default_factory=list)
    mismatches: list[tuple[str, str, str]] = field(default_factory=list)
    order_ok: bool = True

    @property
    def total(self) -> int:
        """Number of compared entries."""
        return len(self.matches) + len(self.mismatches)

    @property
    def ratio(self) -> float:
        """Share of identical entries."""
        return len(self.matches) / self.total if self.total else 0.0


@dataclass
class FidelityReport:
    """Results for all styles."""

    styles: list[StyleResult]

    @property
    def matched(self) -> int:
        """Identical entries over all styles."""
        return sum(len(s.matches) for s in self.styles)

    @property
    def total(self) -> int:
        """Compared entries over all styles."""
        return sum(s.total for s in self.styles)

    @property
    def ratio(self) -> float:
        """Overall share of identical entries."""
        return self.matched / self.total if self.total else 0.0


def compare(
    items: list[dict[str, Any]], expected: dict[str, Any], styles: tuple[str, ...] = STYLES
) -> FidelityReport:
    """Render ``items`` in each style and compare with citeproc-js's ``expected`` output."""
    results = []
    for style in styles:
        exp = expected["styles"][style]
        ours = render_bibliography(items, style=style, locale=expected.get("locale", "en-US"))
        ours_map = {item_id: normalise(text) for item_id, text in ours}
        result = StyleResult(style)
        result.order_ok = [i for i, _ in ours] == [i for i, _ in exp["bibliography"]]
        for item_id, text in exp["bibliography"]:
            mine = ours_map.get(item_id, "")
            if mine == normalise(text):
                result.matches.append(item_id)
            else:
                result.mismatches.append((item_id, mine, normalise(text)))
        results.append(result)
    return FidelityReport(results)


def citation_agreement(
    items: list[dict[str, Any]], expected: dict[str, Any], styles: tuple[str, ...] = STYLES
) -> dict[str, tuple[int, int]]:
    """Per style: (identical, total) single-item citations with and without a page locator."""
    out = {}
    for style in styles:
        exp = expected["styles"][style]
        ids = [str(item["id"]) for item in items]
        clusters = [[{"id": i}] for i in ids] + [
            [{"id": i, "locator": "12-15", "label": "page"}] for i in ids
        ]
        ours = render_citations(
            items, clusters, style=style, locale=expected.get("locale", "en-US")
        )
        wanted = [exp["citations"][i] for i in ids] + [exp["citations_locator"][i] for i in ids]
        same = sum(normalise(a) == normalise(b) for a, b in zip(ours, wanted, strict=False))
        out[style] = (same, len(wanted))
    return out


def table(report: FidelityReport, citations: dict[str, tuple[int, int]] | None = None) -> str:
    """The fidelity table as Markdown."""
    lines = [
        "| Style | Identical entries | % | Bibliography order | In-text citations identical |",
        "|---|---:|---:|:---:|---:|",
    ]
    for res in report.styles:
        cit = ""
        if citations and res.style in citations:
            same, total = citations[res.style]
            cit = f"{same}/{total}"
        lines.append(
            f"| {res.style} | {len(res.matches)}/{res.total} | {100 * res.ratio:.1f} | "
            f"{'same' if res.order_ok else 'differs'} | {cit} |"
        )
    cit_total = ""
    if citations:
        cit_total = (
            f"{sum(s for s, _ in citations.values())}/{sum(t for _, t in citations.values())}"
        )
    lines.append(
        f"| **all** | **{report.matched}/{report.total}** | **{100 * report.ratio:.1f}** | | {cit_total} |"
    )
    return "\n".join(lines)


def item_table(report: FidelityReport) -> str:
    """Style x item matrix (``=`` identical, ``x`` different) as Markdown."""
    styles = report.styles
    ids: list[str] = []
    for res in styles:
        for item_id in res.matches + [m[0] for m in res.mismatches]:
            if item_id not in ids:
                ids.append(item_id)
    ids.sort()
    abbrev = {
        "apa": "apa",
        "chicago-author-date": "chi",
        "modern-language-association": "mla",
        "ieee": "ieee",
        "harvard-cite-them-right": "harv",
        "nature": "nat",
        "american-medical-association": "ama",
        "bmj": "bmj",
        "elsevier-harvard": "els",
        "springer-basic-author-date": "spr",
        "american-chemical-society": "acs",
        "nlm-citation-sequence": "nlm",
    }
    head = "| Item | " + " | ".join(abbrev.get(r.style, r.style) for r in styles) + " |"
    sep = "|---|" + "|".join(":-:" for _ in styles) + "|"
    rows = [head, sep]
    for item_id in ids:
        cells = ["=" if item_id in r.matches else "x" for r in styles]
        rows.append(f"| {item_id} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def oracle_command(
    items_path: Path,
    out_path: Path,
    styles: tuple[str, ...] = (),
    *,
    bibliography_only: bool = False,
) -> list[str]:
    """The command line that runs the citeproc-js oracle (``scripts/citeproc_js_oracle``) on
    CSL-JSON items with the styles and locales biblioconv uses, writing its JSON to
    ``out_path``."""
    import citeproc

    command = [
        "node",
        str(ORACLE),
        "--items",
        str(items_path),
        "--styles-dir",
        str(styles_directory()),
        "--locales-dir",
        str(citeproc.LOCALES_PATH),
        "--out",
        str(out_path),
    ]
    if bibliography_only:
        command += ["--bibliography-only", "yes"]
    for style in styles:
        command += ["--style", style]
    return command


def regenerate(items_path: Path, expected_path: Path, styles: tuple[str, ...]) -> None:
    """Re-run the citeproc-js oracle (development only; needs node and ``npm install``)."""
    subprocess.run(oracle_command(items_path, expected_path, styles), check=True)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: print the fidelity table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=Path, default=DEFAULT_ITEMS)
    parser.add_argument("--expected", type=Path, default=DEFAULT_EXPECTED)
    parser.add_argument("--style", action="append", help="limit to these styles")
    parser.add_argument("--diff", action="store_true", help="print differing entries")
    parser.add_argument("--items-table", action="store_true", help="print the style x item matrix")
    parser.add_argument("--citations", action="store_true", help="also compare in-text citations")
    parser.add_argument("--regenerate", action="store_true", help="re-run the citeproc-js oracle")
    args = parser.parse_args(argv)
    styles = tuple(args.style) if args.style else STYLES
    if args.regenerate:
        regenerate(args.items, args.expected, STYLES)
    items = json.loads(args.items.read_text(encoding="utf-8"))
    expected = json.loads(args.expected.read_text(encoding="utf-8"))
    report = compare(items, expected, styles)
    citations = citation_agreement(items, expected, styles) if args.citations else None
    print(table(report, citations))
    if args.items_table:
        print()
        print(item_table(report))
    if args.diff:
        for res in report.styles:
            for item_id, ours, theirs in res.mismatches:
                print(f"\n[{res.style}] {item_id}\n  ours:       {ours}\n  citeproc-js: {theirs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
