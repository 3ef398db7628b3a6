"""Regenerate the read-back contract's baseline, or print its findings.

    python scripts/readback_baseline.py            # rewrite tests/contract/readback_baseline.json
    python scripts/readback_baseline.py --table    # findings: per source and target, by path
    python scripts/readback_baseline.py --table --bib-step 1   # ... over the whole BibTeX corpus
    python scripts/readback_baseline.py --target ris   # rewrite only the entries of one target
    python scripts/readback_baseline.py --check --bib-step 1   # CI: the whole corpus, exit 1 if
                                                                # any difference is not reported

The baseline counts, per target format, the differences between a record and its read-back that
no diagnostic of the write names (by path pattern), over the sources of
``tests/contract/readback_cases.py``; ``tests/contract/test_readback_contract.py`` fails when they
change. Regenerate it after a writer reports more (the counts shrink) and commit it.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "contract")]

import readback_cases as cases  # noqa: E402

from biblioconv import readback  # noqa: E402


def _short(value: object, width: int = 40) -> str:
    text = "(absent)" if value is None else repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--table", action="store_true", help="print the findings, write nothing")
    parser.add_argument(
        "--check",
        action="store_true",
        help="print the findings, write nothing, exit 1 if any difference is not reported",
    )
    parser.add_argument(
        "--bib-step", type=int, default=cases.BIB_STEP, help="every Nth BibTeX corpus entry"
    )
    parser.add_argument("--top", type=int, default=0, help="patterns per cell (0: all)")
    parser.add_argument(
        "--target", action="append", help="only this target format (repeatable; default: all)"
    )
    args = parser.parse_args()
    args.table = args.table or args.check
    if not args.table and args.bib_step != cases.BIB_STEP:
        parser.error("the baseline is made with the test's sample; --bib-step needs --table")

    sources = cases.sources(args.bib_step)
    targets = args.target or list(cases.TARGETS)
    unknown = sorted(set(targets) - set(cases.TARGETS))
    if unknown:
        parser.error(f"not a target of the contract: {', '.join(unknown)}")
    baseline: dict[str, dict[str, int]] = cases.load_baseline() if args.target else {}
    for target in targets:
        total: Counter[str] = Counter()
        for name, records in sources.items():
            start = time.perf_counter()
            found = list(cases.unnamed(records, target))
            took = time.perf_counter() - start
            total.update(cases.tally(found))
            if not args.table:
                continue
            counts = cases.tally(found)
            example: dict[str, readback.Unnamed] = {}
            for u in found:
                example.setdefault(readback.pattern(u.path), u)
            print(
                f"\n### {name} -> {target}: {len(found)} unnamed in {len(records)} records "
                f"({took:.1f} s)"
            )
            if counts:
                print("| path | count | example |\n|---|---:|---|")
            ranked = counts.most_common(args.top or None)
            for pat, n in ranked:
                u = example[pat]
                ex = f"{u.record}: {u.path}: {_short(u.before)} -> {_short(u.after)}"
                print(f"| `{pat}` | {n} | {ex.replace('|', '/')} |")
        baseline[target] = dict(total)
    if args.check:
        n = sum(sum(v.values()) for v in baseline.values())
        records = sum(len(r) for r in sources.values())
        print(f"\n{n} differences not reported, {records} records x {len(targets)} targets")
        return 1 if n else 0
    if not args.table:
        baseline = {t: baseline[t] for t in cases.TARGETS if t in baseline}
        cases.BASELINE.write_text(cases.dump_baseline(baseline), encoding="utf-8")
        n = sum(sum(v.values()) for v in baseline.values())
        print(f"wrote {cases.BASELINE.relative_to(ROOT)}: {n} unnamed differences")
    return 0


if __name__ == "__main__":
    sys.exit(main())
