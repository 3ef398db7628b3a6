"""Sort-key collation close to citeproc-js's (``Intl.Collator`` with ``ignorePunctuation``).

Punctuation does not decide the order; a space still separates words (and name parts, which
citeproc-js compares one by one), so ``Dale, Zippy`` sorts before ``Dalebout, Arnie``.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["punctuation_ignored"]

_SPACES_RE = re.compile(r"\s+")


def punctuation_ignored(text: str) -> str:
    """``text`` without punctuation, runs of white space as one space."""
    kept = "".join(ch for ch in text if not unicodedata.category(ch).startswith("P"))
    return _SPACES_RE.sub(" ", kept).strip()
