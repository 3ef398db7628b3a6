"""Variable values printed by ``cs:text`` as citeproc-js prints them.

* Punctuation inside one value is the value's own: citeproc-js merges punctuation only where
  rendered pieces meet, so ``10.1002/...35:6<615::aid...`` keeps its ``::`` and a title its
  ``...``. :func:`guard` puts :data:`GUARD` between adjacent marks of a value, which the seam
  merge (:func:`biblioconv.formats.citation.punctuation.merge`) does not see through;
  :func:`unguard` removes it once the entry is finished.
* Punctuation a ``cs:text value`` starts with is never merged with the punctuation before it
  nor moved into a closing quote (IEEE's ``<text value="."/>`` after a quoted title gives
  ``“Title”.``): :func:`literal`.
* A range of plain numbers in a number variable (``issue`` ``1-2``, ``volume`` ``3 - 4``) is
  joined by the locale's ``page-range-delimiter`` (an en dash by default): :func:`number_ranges`.
"""

from __future__ import annotations

import re

__all__ = ["GUARD", "RANGED_VARIABLES", "guard", "literal", "number_ranges", "unguard"]

#: Stands between two punctuation marks of one value (not a formatting marker).
GUARD = "\ue0ff"

_MARKS = frozenset(":.;!?,")
_PAIR_RE = re.compile("(?<=[:.;!?,\u2026])(?=[:.;!?,])")
_ADJACENT_RE = re.compile("[:.;!?,\u2026][:.;!?,]")

#: Number variables whose ranges of plain numbers citeproc-js joins with the range delimiter.
RANGED_VARIABLES = frozenset({"volume", "issue", "edition", "number"})

_NUMBER_RANGE_RE = re.compile(r"[0-9]+(?:\s*-\s*[0-9]+)+")
_HYPHEN_RE = re.compile(r"\s*-\s*")


def guard(text: str) -> str:
    """``text`` with :data:`GUARD` between each two adjacent punctuation marks."""
    if _ADJACENT_RE.search(text) is None:
        return text
    return _PAIR_RE.sub(GUARD, text)


def literal(text: str) -> str:
    """The text of a ``cs:text value``, led by :data:`GUARD` when it starts with punctuation."""
    return GUARD + text if text[:1] in _MARKS else text


def unguard(text: str) -> str:
    """``text`` without :data:`GUARD`."""
    return text.replace(GUARD, "")


def number_ranges(text: str, delimiter: str = "\u2013") -> str | None:
    """A number value made only of plain numbers joined by hyphens with ``delimiter`` between
    them (``1-2``: ``1–2``), or ``None`` when the value is anything else."""
    if not _NUMBER_RANGE_RE.fullmatch(text.strip()):
        return None
    return _HYPHEN_RE.sub(delimiter, text.strip())
