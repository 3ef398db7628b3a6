"""Concatenation of rendered text as citeproc-py does it, without re-reading whole strings.

citeproc-py renders into ``str``, :class:`citeproc.string.String` and
:class:`citeproc.string.MixedString` (a list of string segments). Every concatenation looks at
the seam between the two pieces (a double space or a doubled ``.,;:!?`` loses its second
character), and to find the last character of a mixed string citeproc-py joins all its
segments, so building an entry piece by piece costs time quadratic in its length.

The functions here return exactly what citeproc-py's operators and ``join`` return (same types,
same segments) but find the characters at a seam by looking at the end segments only. Other
types (e.g. ``NoCase``) fall back to citeproc-py's own operators.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from citeproc.string import SEAM_PUNCTUATION, MixedString, String
from citeproc.string import _strip_first_char as strip_first_char

__all__ = ["concat", "first_char", "join", "last_char", "seam", "wrap"]


def last_char(text: Any) -> str:
    """The last character of ``str(text)`` (empty for empty text)."""
    kind = type(text)
    if kind is String or kind is str:
        return text[-1:]  # type: ignore[no-any-return]
    if kind is MixedString:
        for segment in reversed(text):
            kind = type(segment)
            if kind is not str and kind is not String:
                return str(text)[-1:]
            if segment:
                return str.__getitem__(segment, -1)
        return ""
    return str(text)[-1:]


def first_char(text: Any) -> str:
    """The first character of ``str(text)`` (empty for empty text)."""
    kind = type(text)
    if kind is String or kind is str:
        return text[:1]  # type: ignore[no-any-return]
    if kind is MixedString:
        for segment in list.__iter__(text):
            kind = type(segment)
            if kind is not str and kind is not String:
                return str(text)[:1]
            if segment:
                return str.__getitem__(segment, 0)
        return ""
    return str(text)[:1]


_DOUBLED = frozenset(SEAM_PUNCTUATION | {" "})
"""The characters not doubled at a seam."""


def seam(left: Any, other: Any) -> Any:
    """Same as :func:`citeproc.string.normalize_seam`: ``other`` without a character that
    would double the last one of ``left`` (a space or ``.,;:!?``)."""
    kind = type(other)
    first = other[:1] if kind is str or kind is String else first_char(other)
    if first not in _DOUBLED:  # also the empty string: nothing to strip
        return other
    if last_char(left) == first:
        return strip_first_char(other)
    return other


def _mixed_add(mixed: MixedString, other: Any) -> Any:
    """``mixed + other`` (``MixedString.__add__``) for ``other`` of type str, String or
    MixedString."""
    if type(other) is MixedString:
        other = seam(mixed, other)
        if not other:
            return mixed
        return MixedString(list.__add__(mixed, other))
    if other == "":
        return mixed
    other = seam(mixed, other)
    if other == "":
        return mixed
    return MixedString(list.__add__(mixed, [other]))


_KNOWN = (str, String, MixedString)


def concat(left: Any, right: Any) -> Any:
    """``left + right`` with citeproc-py's semantics (same result type and segments)."""
    kind_left = type(left)
    kind_right = type(right)
    if kind_left not in _KNOWN or kind_right not in _KNOWN:
        return left + right
    if kind_left is MixedString:
        return _mixed_add(left, right)
    if kind_left is String:
        if kind_right is not MixedString and right == "":
            return left
        return _mixed_add(MixedString([left]), right)
    # plain str on the left
    if kind_right is str:
        return left + right
    if left == "":
        return right
    return _mixed_add(MixedString([left]), right)


def join(items: Iterable[Any], delimiter: Any = "") -> Any:
    """Same as :func:`citeproc.string.join`."""
    if type(items) is list and len(items) == 1:
        return items[0]
    iterator = iter(items)
    try:
        output = next(iterator)
    except StopIteration:
        return String("")
    if delimiter == "" and type(delimiter) is str:
        # an empty delimiter adds nothing to text of the known types (see concat)
        for item in iterator:
            if type(output) not in _KNOWN:
                output = concat(output, seam(output, delimiter))
            output = concat(output, seam(output, item))
        return output
    for item in iterator:
        output = concat(output, seam(output, delimiter))
        output = concat(output, seam(output, item))
    return output


def wrap(prefix: Any, text: Any, suffix: Any) -> Any:
    """``prefix`` + ``text`` + ``suffix`` with seams handled as citeproc-py's ``Affixed.wrap``."""
    text = seam(prefix, text)
    combined = concat(prefix, text)
    return concat(combined, seam(combined, suffix))
