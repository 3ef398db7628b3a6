"""Fixtures of the RIS tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from rissupport import CORPUS  # type: ignore[import-not-found]


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The real RIS exports in ../shared/corpus/ris."""
    return CORPUS
