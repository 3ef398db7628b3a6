"""Fixtures shared by every test (helpers to import are in ``testsupport``)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings
from testsupport import EXAMPLES, ROOT, SCHEMAS, SHARED, csl_data_schema, load_xsd

# The property tests draw the same examples on every run, so that a run's result depends on the
# code only (a CI run cannot fail by the luck of the draw); BIBLIOCONV_HYPOTHESIS=explore draws
# new ones each run, to look for more.
settings.register_profile("repeatable", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile(os.environ.get("BIBLIOCONV_HYPOTHESIS", "repeatable"))

__all__ = ["EXAMPLES", "ROOT", "SCHEMAS", "SHARED", "csl_data_schema", "load_xsd"]


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared reference folder beside the repository."""
    return SHARED


@pytest.fixture(scope="session", autouse=True)
def _nothing_written_into_the_project() -> object:
    """Tests write into their temporary directories only: a file a test leaves in the project's
    root (an output named after a format, say) fails the run."""
    before = set(os.listdir(ROOT))
    yield
    # the screenshots of the browser tests go to test-artifacts/ on purpose (git ignores it)
    expected = {".pytest_cache", ".hypothesis", "test-artifacts"}
    left = sorted(set(os.listdir(ROOT)) - before - expected)
    assert not left, f"tests left files in the project's root: {left}"
