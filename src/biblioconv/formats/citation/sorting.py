"""Sort-key collation close to citeproc-js's (``Intl.Collator`` with ``ignorePunctuation``).

Punctuation does not decide the order: it counts as a space between words (and name parts,
which citeproc-js compares one by one), so ``Dale, Zippy`` sorts before ``Dalebout, Arnie`` and
``d’Wander`` before ``de’ Frinkle``; leading punctuation (``’t Horvath``) is ignored.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

__all__ = ["compare_key_values", "punctuation_ignored"]

_SPACES_RE = re.compile(r"\s+")


class _PunctuationAsSpace(dict[int, str]):
    """``str.translate`` table: a punctuation character (Unicode category P*) becomes a space,
    any other stays itself (each character looked up once)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        value = self[code] = " " if unicodedata.category(char).startswith("P") else char
        return value


_PUNCTUATION_AS_SPACE = _PunctuationAsSpace()


def punctuation_ignored(text: str) -> str:
    """``text`` with punctuation as white space, runs of white space as one space."""
    kept = text.translate(_PUNCTUATION_AS_SPACE)
    return _SPACES_RE.sub(" ", kept).strip()


def compare_key_values(left: Any, right: Any, descending: bool = False) -> int:
    """``cs:sort``'s comparison of one key's collated values: negative, zero (a tie: the next
    key decides) or positive. An empty value sorts last, descending or not; two strings compare
    as strings, other values as integers where both are, else as text."""
    left_empty, right_empty = left in (None, ""), right in (None, "")
    if left_empty or right_empty:
        return 0 if left_empty and right_empty else (1 if left_empty else -1)
    if isinstance(left, str) and isinstance(right, str):
        result = (left > right) - (left < right)
    else:
        try:
            lnum, rnum = int(str(left)), int(str(right))
            result = (lnum > rnum) - (lnum < rnum)
        except ValueError:
            ls, rs = str(left), str(right)
            result = (ls > rs) - (ls < rs)
    return -result if descending else result
