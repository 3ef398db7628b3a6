"""Fixtures of the RIS tests: the golden cases folder and the real vendor exports."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
CORPUS = (HERE.parents[2] / ".." / "shared" / "corpus" / "ris").resolve()
EXAMPLES = HERE.parents[2] / "examples"
UPDATE = os.environ.get("BIBLIOCONV_UPDATE_GOLDEN") == "1"
"""Set BIBLIOCONV_UPDATE_GOLDEN=1 to rewrite the golden files (then review every diff)."""


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The real RIS exports in ../shared/corpus/ris."""
    return CORPUS
