"""Conformance: the CSL processor test suite through biblioconv's citation engine.

Runs every fixture of ``processor-tests/humans`` of citation-style-language/test-suite (copied
into ``../shared/csl-test-suite/humans``) and prints the pass rate overall, for the usual measure
(mode citation or bibliography, no CITATIONS section) and per category (the file name's prefix).
``--update`` rewrites ``tests/citation/csl_suite_expected_failures.txt``, the list the tests hold
the engine to; ``--failures`` prints the failing fixtures and why.

    python benchmarks/csl_suite.py [--update] [--failures] [--fixtures DIR] [--timeout 10]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from biblioconv.formats.citation.conformance import (
    TIMEOUT,
    fixture_files,
    format_failure_list,
    read_failure_list,
    run_suite,
    summary,
)

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = (ROOT / ".." / "shared" / "csl-test-suite" / "humans").resolve()
FAILURE_LIST = ROOT / "tests" / "citation" / "csl_suite_expected_failures.txt"
HEADER = """\
CSL test-suite fixtures (processor-tests/humans) the citation engine fails, with why:
"<fixture>  <reason>" per line. tests/citation/test_csl_suite.py fails when a fixture listed
here passes (remove it) or one not listed fails. Regenerate: python benchmarks/csl_suite.py --update
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixtures", type=Path, default=FIXTURES, help="folder of fixtures")
    parser.add_argument("--update", action="store_true", help=f"rewrite {FAILURE_LIST.name}")
    parser.add_argument("--failures", action="store_true", help="list failing fixtures and why")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds per fixture")
    args = parser.parse_args(argv)
    if not fixture_files(args.fixtures):
        print(f"{args.fixtures}: no fixtures (*.txt)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    outcomes = run_suite(args.fixtures, args.timeout)
    seconds = time.perf_counter() - started
    if args.failures:
        for outcome in outcomes:
            if not outcome.passed:
                print(f"{outcome.name}  {outcome.reason}")
        print()
    print(summary(outcomes))
    print(f"\n{len(outcomes)} fixtures in {seconds:.1f} s")
    if args.update:
        previous = read_failure_list(FAILURE_LIST) if FAILURE_LIST.exists() else {}
        FAILURE_LIST.write_text(format_failure_list(outcomes, HEADER), encoding="utf-8")
        failing = {o.name for o in outcomes if not o.passed}
        fixed = sorted(set(previous) - failing)
        broken = sorted(failing - set(previous))
        print(f"wrote {FAILURE_LIST.relative_to(ROOT)}: {len(failing)} expected failures")
        if fixed:
            print(f"  now passing ({len(fixed)}): {', '.join(fixed)}")
        if broken:
            print(f"  newly failing ({len(broken)}): {', '.join(broken)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
