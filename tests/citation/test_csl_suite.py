"""Conformance: every fixture of the CSL processor test suite (processor-tests/humans).

Each fixture runs through the citation engine (biblioconv.formats.citation.conformance) and is
compared as citeproc-js's test runner compares. Fixtures the engine fails are listed with why in
csl_suite_expected_failures.txt; a listed fixture that passes fails its test (take it off the
list), as does a failing fixture not on the list. Regenerate the list with
``python benchmarks/csl_suite.py --update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from testsupport import SHARED

from biblioconv.formats.citation.conformance import read_failure_list, run_fixture

SUITE = SHARED / "csl-test-suite" / "humans"
FAILURE_LIST = Path(__file__).with_name("csl_suite_expected_failures.txt")
FIXTURES = sorted(path.stem for path in SUITE.glob("*.txt"))
EXPECTED_FAILURES = read_failure_list(FAILURE_LIST)


def test_the_suite_is_complete() -> None:
    # experiments/ and off-spec/ are outside the specification: not run
    assert len(FIXTURES) == 845, f"{SUITE}: expected the 845 fixtures of processor-tests/humans"


def test_the_failure_list_names_fixtures_in_order() -> None:
    unknown = sorted(set(EXPECTED_FAILURES) - set(FIXTURES))
    assert not unknown, f"{FAILURE_LIST.name} lists fixtures that do not exist: {unknown}"
    assert list(EXPECTED_FAILURES) == sorted(EXPECTED_FAILURES)
    assert all(EXPECTED_FAILURES.values()), "every listed fixture has a reason"


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture(name: str) -> None:
    outcome = run_fixture(SUITE / f"{name}.txt")
    if name in EXPECTED_FAILURES:
        if outcome.passed:
            pytest.fail(
                f"{name} passes now: remove it from {FAILURE_LIST.name} "
                "(or run python benchmarks/csl_suite.py --update)"
            )
    elif not outcome.passed:
        pytest.fail(f"{name} fails: {outcome.reason}")
