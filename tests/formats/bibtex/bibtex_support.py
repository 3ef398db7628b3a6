"""Paths and switches shared by the BibTeX / BibLaTeX tests."""

from __future__ import annotations

import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
REPO = HERE.parents[2]
SHARED = (REPO / ".." / "shared").resolve()

#: Set BIBLIOCONV_UPDATE_GOLDEN=1 to rewrite the golden files (review every change!).
UPDATE = os.environ.get("BIBLIOCONV_UPDATE_GOLDEN") == "1"
CORPUS = SHARED / "corpus" / "bibtex-real.bib"
EXAMPLES = REPO / "examples"
