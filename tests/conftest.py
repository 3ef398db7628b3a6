"""Fixtures shared by every test (helpers to import are in ``testsupport``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from testsupport import EXAMPLES, ROOT, SCHEMAS, SHARED, csl_data_schema, load_xsd

__all__ = ["EXAMPLES", "ROOT", "SCHEMAS", "SHARED", "csl_data_schema", "load_xsd"]


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared reference folder beside the repository."""
    return SHARED
