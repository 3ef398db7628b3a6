"""Numbers as citeproc-js treats them: several numbers in one value, superscript characters.

``is_plural`` tells whether a number variable holds more than one number (``1-3``, ``2, 5``,
``4 & 6``, ``7 and 9`` with the locale's word for "and", ``i-ix``; not ``3\\-4``, whose
hyphen is escaped), which makes its label plural.
``superscripts_to_html`` writes Unicode superscript characters (``ª``, ``ʳᵉ``, ``²``), as
ordinal suffixes of some locales use them, as ``<sup>`` elements the way citeproc-js does.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from typing import Any

__all__ = [
    "is_plural",
    "labelled",
    "labelled_parts",
    "ordinal_suffix",
    "ranges",
    "superscripts_to_html",
    "term_gender",
]


# the blocks whose superscript characters citeproc-js converts, and its additions
_SUPERSCRIPT_BLOCKS = ((0x00A0, 0x0100), (0x02B0, 0x0300), (0x1D2C, 0x1D78), (0x2070, 0x20A0))
_SUPERSCRIPT_EXTRA = {
    "\u00aa": "a",
    "\u00ba": "o",
    "\u02c0": "\u0294",
    "\u02c1": "\u0295",
    "\u06e5": "\u0648",
    "\u06e6": "\u064a",
}


@cache
def _superscripts() -> tuple[dict[str, str], re.Pattern[str]]:
    """Each superscript character (compatibility decomposition ``<super>``) and its text, and
    a pattern matching any of them (built when first asked: few outputs need them)."""
    table = dict(_SUPERSCRIPT_EXTRA)
    codes = [c for lo, hi in _SUPERSCRIPT_BLOCKS for c in range(lo, hi)]
    for code in [*codes, 0x2120, 0x2122, *range(0x3192, 0x31A0)]:
        parts = unicodedata.decomposition(chr(code)).split()
        if len(parts) >= 2 and parts[0] == "<super>":
            table[chr(code)] = "".join(chr(int(part, 16)) for part in parts[1:])
    return table, re.compile(f"[{''.join(sorted(table))}]")


def superscripts_to_html(text: str) -> str:
    """``text`` with each superscript character as ``<sup>letter</sup>``."""
    table, pattern = _superscripts()
    if not pattern.search(text):
        return text
    return pattern.sub(lambda m: f"<sup>{table[m.group(0)]}</sup>", text)


@lru_cache(maxsize=64)
def _plural_re(and_words: tuple[str, ...]) -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in sorted({"and", *and_words}, key=len, reverse=True))
    joiner = rf"(?:[-\u2013,&]\s*(?:(?:{words})\b)?|\b(?:{words})\b)"
    left = r"(?:\d\S*|(?<!\w)[ivxlcdmIVXLCDM]+)"
    right = r"(?:\S*\d|[ivxlcdmIVXLCDM]+(?!\w))"
    return re.compile(rf"{left}(?<!\\)\s*{joiner}\s*{right}")


def is_plural(value: str, and_words: Iterable[str] = ()) -> bool:
    """Whether a number variable holds several numbers; ``and_words`` are the locale's terms
    for "and" besides the English word."""
    words = tuple(w for w in and_words if w and not w.isspace())
    return _plural_re(words).search(value) is not None


_RANGE_RE = re.compile(r"(?<=\d)\s*-\s*(?=\d)")


def ranges(text: str) -> str:
    """A locator with its hyphens as en dashes, spaces around a range of numbers dropped
    (``200 - 201`` gives ``200\u2013201``)."""
    return _RANGE_RE.sub("\u2013", text).replace("-", "\u2013")


_CSL = "{http://purl.org/net/xbiblio/csl}"
_ORDINAL_RE = re.compile(r"ordinal(?:-(\d\d))?$")


def _ordinal_terms(locales: Sequence[Any]) -> list[Any]:
    """The ordinal terms in force: those of the first locale defining any (a style's ordinal
    terms replace the whole set of its locale's)."""
    for locale in locales:
        terms = [
            term
            for term in locale.iterfind(f"{_CSL}terms/{_CSL}term")
            if _ORDINAL_RE.match(term.get("name", "")) and term.get("form", "long") == "long"
        ]
        if terms:
            return terms
    return []


def term_gender(locales: Sequence[Any], name: str) -> str | None:
    """The grammatical gender of term ``name`` (``gender="feminine"``), from the first locale
    defining it."""
    for locale in locales:
        for term in locale.iterfind(f"{_CSL}terms/{_CSL}term[@name='{name}']"):
            if term.get("form", "long") == "long" and term.get("gender-form") is None:
                gender: str | None = term.get("gender")
                return gender
    return None


def ordinal_suffix(number: int, locales: Sequence[Any], gender: str | None = None) -> str:
    """The ordinal suffix of ``number`` under the locales (in priority order) for a noun of
    ``gender``: ``ordinal-NN`` terms matched on the whole number, then its last two digits,
    then its last digit (``match``), in the noun's gender or without one; else ``ordinal``."""
    terms = _ordinal_terms(locales)

    def pick(candidates: list[Any]) -> str | None:
        for wanted in (gender, None):
            for term in candidates:
                if term.get("gender-form") == wanted:
                    return str(term.text or "")
        return None

    levels: dict[str, list[Any]] = {"whole-number": [], "last-two-digits": [], "last-digit": []}
    fallback = []
    for term in terms:
        digits = _ORDINAL_RE.match(term.get("name", ""))
        if digits is None or digits.group(1) is None:
            fallback.append(term)
            continue
        value = int(digits.group(1))
        match = term.get("match") or ("last-digit" if value < 10 else "last-two-digits")
        if match == "whole-number":
            hit = number == value
        elif match == "last-two-digits":
            hit = number % 100 == value
        else:
            hit = number % 10 == value
        if hit and match in levels:
            levels[match].append(term)
    for level in ("whole-number", "last-two-digits", "last-digit"):
        found = pick(levels[level])
        if found is not None:
            return found
    return pick(fallback) or ""


# the abbreviations citeproc-js recognises as a label written into a number ("vol. 1")
_LABELS = (
    "art|bk|ch|subch|col|fig|fol|l|n|no|op|p|pp|para|subpara|pt|r|sec|subsec|sv|sch|tit|vrs|vol"
)


@cache
def _label_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A number led by a label, and one comma-separated part led by one with its label and
    number as groups (compiled when first asked: few numbers are looked at for labels)."""
    return (
        re.compile(rf"^(?:{_LABELS})\.\s+\S"),
        re.compile(rf"^({_LABELS})\.\s+(\S.*)$", re.S),
    )


def labelled(value: str) -> bool:
    """Whether a number starts with the label of its unit (``vol. 1, fol. 186``)."""
    return _label_patterns()[0].match(value.strip()) is not None


#: the locator terms of label abbreviations written into numbers
LABEL_TERMS = {
    "bk": "book",
    "ch": "chapter",
    "col": "column",
    "fig": "figure",
    "fol": "folio",
    "l": "line",
    "n": "note",
    "no": "issue",
    "op": "opus",
    "p": "page",
    "pp": "page",
    "para": "paragraph",
    "pt": "part",
    "sec": "section",
    "sv": "sub verbo",
    "vrs": "verse",
    "vol": "volume",
}


def labelled_parts(value: str) -> list[tuple[str | None, str]] | None:
    """A number of comma-separated parts, some led by a label (``7, p. 3-8``), as
    ``(term or None, number)`` pairs; None when no part has a label."""
    parts: list[tuple[str | None, str]] = []
    part_label = _label_patterns()[1]
    for part in value.split(","):
        match = part_label.match(part.strip())
        if match:
            parts.append((LABEL_TERMS.get(match.group(1), match.group(1) + "."), match.group(2)))
        else:
            parts.append((None, part.strip()))
    if all(term is None for term, _ in parts):
        return None
    return parts
