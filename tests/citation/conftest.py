"""Fixtures of the citation tests: CSL-JSON items and citeproc-js's expected strings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="session")
def items() -> list[dict[str, Any]]:
    """The CSL-JSON fixture items."""
    return json.loads((HERE / "fixtures" / "items.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def expected() -> dict[str, Any]:
    """Output of citeproc-js (the reference processor) for the fixtures, committed."""
    return json.loads((HERE / "expected" / "citeproc-js.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def known() -> dict[str, Any]:
    """Entries that knowingly differ from citeproc-js."""
    return json.loads((HERE / "known_differences.json").read_text(encoding="utf-8"))
