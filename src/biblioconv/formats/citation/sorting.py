"""Sort-key collation close to citeproc-js's (``Intl.Collator`` with ``ignorePunctuation``).

Punctuation does not decide the order: it counts as a space between words (and name parts,
which citeproc-js compares one by one), so ``Dale, Zippy`` sorts before ``Dalebout, Arnie`` and
``d’Wander`` before ``de’ Frinkle``; leading punctuation (``’t Horvath``) is ignored.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["punctuation_ignored"]

_SPACES_RE = re.compile(r"\s+")


def punctuation_ignored(text: str) -> str:
    """``text`` with punctuation as white space, runs of white space as one space."""
    kept = "".join(" " if unicodedata.category(ch).startswith("P") else ch for ch in text)
    return _SPACES_RE.sub(" ", kept).strip()
