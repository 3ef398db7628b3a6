"""The language-code tables, now in :mod:`biblioconv.languages`; kept for old imports."""

from __future__ import annotations

from biblioconv.languages import ALPHA3_TO_BCP47, BCP47_TO_ALPHA3, NAME_TO_BCP47

__all__ = ["ALPHA3_TO_BCP47", "BCP47_TO_ALPHA3", "NAME_TO_BCP47"]
