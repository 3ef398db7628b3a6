"""Punctuation merged where rendered pieces meet, with citeproc-js's table.

Where one piece of an entry ends in ``: . ; ! ? ,`` and the next starts with one of them
(formatting markers between them do not count), citeproc-js keeps one, both, or the second:

* a repeated mark is written once (``..`` → ``.``, also after ``…``);
* ``:`` and ``.`` are dropped after ``; ! ?`` and after each other (``.`` after ``:``);
* ``!`` and ``?`` replace a preceding ``:`` or ``;``;
* every other pair is kept (``.,``  ``,;``  ``?!``...).
"""

from __future__ import annotations

import re

__all__ = ["into_quotes", "merge"]

_PAIR_RE = re.compile("([:.;!?,\u2026])([\ue000-\ue01f]*)([:.;!?,])")


def _merged(left: str, right: str) -> str | None:
    """The punctuation kept for ``left`` followed by ``right`` (``None``: both)."""
    if left == right or (left == "\u2026" and right == "."):
        return left
    if right == ":" and left in ";!?":
        return left
    if right == "." and left in ":;!?":
        return left
    if right in "!?" and left in ":;":
        return right
    return None


def _replace(match: re.Match[str]) -> str:
    left, markers, right = match.groups()
    kept = _merged(left, right)
    if kept is None:
        return match.group(0)
    if kept == left:
        return left + markers
    return markers + right


def merge(text: str) -> str:
    """``text`` with the punctuation at its seams merged (see the module docstring)."""
    for _ in range(3):
        merged = _PAIR_RE.sub(_replace, text)
        if merged == text:
            break
        text = merged
    return text


def into_quotes(text: str, closers: tuple[str, ...]) -> str:
    """``text`` with ``. , ! ?`` that follow closing quotes (any of ``closers``) moved inside
    them (``punctuation-in-quote``); ``:`` and ``;`` stay outside."""
    closers = tuple(c for c in closers if c)
    if not closers or not any(c in text for c in closers):
        return text
    quotes = "".join(re.escape(c) for c in closers)
    return re.sub(f"([{quotes}]+)([\ue000-\ue01f]*)([.,!?]+)", r"\3\1\2", text)
