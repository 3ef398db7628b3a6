"""Page ranges under ``page-range-format``, as citeproc-js formats them.

A range is two page numbers joined by a hyphen or en dash (spaces around it ignored), each
number optionally led by a prefix of letters (``N110-N115``, ``8n11564-8n11568``). Ranges whose
two numbers have the same prefix (or none) are expanded, then shortened per the format, and
joined by the ``page-range-delimiter`` term; without a format the numbers stay as given. A range
whose prefixes differ, or whose second number is smaller than the first, is left as written,
with a plain hyphen. Other hyphens between numbers (``xxv-xxviii``) become the delimiter;
hyphens in words (``Michaelson-Morely``) and escaped ones (``3\\-B``) stay hyphens.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["format_page_ranges"]

_NUMBER = r"(?:[0-9]*[A-Za-z]+0*)?[0-9]+[a-z]*"
_RANGE_RE = re.compile(rf"({_NUMBER})\s*[-\u2013]\s*({_NUMBER})")
_PARTS_RE = re.compile(r"((?:[0-9]*[A-Za-z]+0*)?)([0-9]+)([a-z]*)$")
_HYPHEN_RE = re.compile(r"(?<=[0-9ivxlcdmIVXLCDM])\s*(?<!\\)[-\u2013]\s*(?=[0-9ivxlcdmIVXLCDM])")
_KEEP = "\x00"
"""Stands for a hyphen left as written while the other hyphens become range delimiters."""


def format_page_ranges(
    text: str,
    range_format: str | None,
    delimiter: str,
    shorten: Callable[[str, str, str | None], str],
) -> str:
    """``text`` with each page range formatted; ``shorten(first, last, format)`` gives the
    digits of the (expanded) second number to print."""

    def one(match: re.Match[str]) -> str:
        first, last = match.group(1), match.group(2)
        start = _PARTS_RE.match(first)
        end = _PARTS_RE.match(last)
        if start is None or end is None or start.group(3) or end.group(3):
            return f"{first}{delimiter}{last}" if range_format is None else match.group(0)
        prefix, number = start.group(1), start.group(2)
        if end.group(1) != prefix:
            return f"{first}{_KEEP}{last}"
        if range_format is None:
            return f"{first}{delimiter}{last}"
        digits = end.group(2)
        if len(digits) < len(number):
            digits = number[: len(number) - len(digits)] + digits
        if int(digits) < int(number):
            return f"{first}{_KEEP}{last}"
        if range_format == "expanded":
            return f"{first}{delimiter}{prefix}{digits}"
        return f"{first}{delimiter}{shorten(number, digits, range_format)}"

    text = _HYPHEN_RE.sub(delimiter, _RANGE_RE.sub(one, text))
    # an escaped hyphen (``3\\-B``) is never a range: printed as a hyphen
    return text.replace(_KEEP, "-").replace("\\-", "-")
