"""Paths of the RIS tests: the golden cases, the real vendor exports, the examples."""

from __future__ import annotations

import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
CORPUS = (HERE.parents[2] / ".." / "shared" / "corpus" / "ris").resolve()
EXAMPLES = HERE.parents[2] / "examples"
UPDATE = os.environ.get("BIBLIOCONV_UPDATE_GOLDEN") == "1"
"""Set BIBLIOCONV_UPDATE_GOLDEN=1 to rewrite the golden files (then review every diff)."""
