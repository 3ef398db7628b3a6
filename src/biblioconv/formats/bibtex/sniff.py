"""Telling BibTeX and BibLaTeX inputs from their first bytes (light: no parser is imported)."""

from __future__ import annotations

import re

__all__ = ["sniff", "sniff_biblatex"]

_SNIFF = re.compile(rb"^[ \t]*@([A-Za-z]+)[ \t]*[{(]", re.MULTILINE)
_BIBLATEX_HINTS = re.compile(
    rb"(?i)\b(journaltitle|location|date|urldate|eprinttype|langid|pubstate)\s*=|@(online|thesis|report|mvbook|collection|dataset|software)\s*\{"
)
_KNOWN_TYPES = frozenset(
    b"article book booklet conference inbook incollection inproceedings manual mastersthesis "
    b"misc phdthesis proceedings techreport unpublished string preamble comment online thesis "
    b"report collection mvbook dataset software patent periodical reference inreference "
    b"electronic www xdata set misc".split()
)


def sniff(head: bytes) -> float:
    """Confidence that ``head`` starts a BibTeX file."""
    return _sniff(head, biblatex=False)


def sniff_biblatex(head: bytes) -> float:
    """Confidence that ``head`` starts a BibLaTeX file (BibLaTeX-only fields or types seen)."""
    return _sniff(head, biblatex=True)


def _sniff(head: bytes, *, biblatex: bool) -> float:
    score, hinted = _looks(head)
    if score and hinted != biblatex:
        score -= 0.05
    return score


#: the last head looked at and what was seen (detection asks both sniffers about one head)
_last: list[tuple[bytes, float, bool]] = []


def _looks(head: bytes) -> tuple[float, bool]:
    """How much ``head`` looks like BibTeX (before the BibLaTeX hint) and whether BibLaTeX-only
    fields or types are seen."""
    if _last and _last[0][0] is head:
        return _last[0][1], _last[0][2]
    text = head.removeprefix(b"\xef\xbb\xbf")
    m = _SNIFF.search(text)
    score, hinted = 0.0, False
    if m:
        score = 0.9 if m.group(1).lower() in _KNOWN_TYPES else 0.6
        hinted = _BIBLATEX_HINTS.search(text) is not None
    _last[:] = [(head, score, hinted)]
    return score, hinted
