"""Rich text of CSL-JSON strings read as citeproc-js reads it, and quotes resolved by nesting.

Field values, ``cs:text`` values and cite prefixes and suffixes may hold ``<i>``, ``<b>``,
``<sc>``, ``<sup>``, ``<sub>``, ``<span class="nocase">``, ``<span class="nodecor">``,
``<span style="font-variant:small-caps;">`` and quotes (straight ``"`` and ``'`` after a space,
an opening parenthesis or at the start, and the typographic ``“”``/``‘’``). :func:`parse`
turns them into the internal markers of :mod:`.markup`; tags that do not pair are kept as text
and a single quote that closes nothing is an apostrophe (``’``).

Quotes are not fixed when read: a quote opens at the outer level (``open-quote``) or the inner
level (``open-inner-quote``) depending on the quotes around it, so a quoted title inside a
quoted group takes the inner marks. :func:`resolve_quotes` sets the marks once an entry is
rendered, after :func:`punctuation_in_quote` has moved periods and commas inside them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .markers import (
    BOLD,
    INNER_QUOTE,
    ITALIC,
    NOCASE,
    NODECOR,
    NORMAL,
    QUOTE,
    QUOTE_CLOSE,
    QUOTE_CLOSE_KEPT,
    SMALLCAPS,
    SUB,
    SUP,
)

__all__ = ["parse", "punctuation_in_quote", "resolve_quotes"]

_APOSTROPHE = "\u2019"

# Openers and the closer each expects; quote openers include the character before them.
_TAG_OPENERS: dict[str, tuple[str, str]] = {
    "<i>": ("</i>", ITALIC[0]),
    "<b>": ("</b>", BOLD[0]),
    "<sup>": ("</sup>", SUP[0]),
    "<sub>": ("</sub>", SUB[0]),
    "<sc>": ("</sc>", SMALLCAPS[0]),
    '<span class="nocase">': ("</span>", NOCASE[0]),
    '<span class="nodecor">': ("</span>", NODECOR[0]),
    '<span style="font-variant:small-caps;">': ("</span>", SMALLCAPS[0]),
    '<span style="font-style:normal;">': ("</span>", NORMAL[0]),
}
_CLOSE_MARKER = {
    ITALIC[0]: ITALIC[1],
    BOLD[0]: BOLD[1],
    SUP[0]: SUP[1],
    SUB[0]: SUB[1],
    SMALLCAPS[0]: SMALLCAPS[1],
    NOCASE[0]: NOCASE[1],
    NODECOR[0]: NODECOR[1],
    NORMAL[0]: NORMAL[1],
}
_QUOTE_OPENERS = {
    ' "': '"',
    " '": "'",
    '("': '"',
    "('": "'",
    "\u201c": "\u201d",
    "\u2018": "\u2019",
}
_CLOSERS = {"</i>", "</b>", "</sup>", "</sub>", "</sc>", "</span>", '"', "'", "\u201d", "\u2019"}

_TOKEN_RE = re.compile(
    r"(<(?:i|b|sup|sub|sc)>|</(?:i|b|sup|sub|sc|span)>"
    r"|<span\s+class=\"no(?:case|decor)\"[^>]*>"
    r"|<span\s+style=\"\s*font-(?:variant:\s*small-caps|style:\s*normal)\s*;?\s*\"[^>]*>"
    r"|[ (][\"']|[\"'\u201c\u201d\u2018\u2019])",
    re.IGNORECASE,
)
_SPAN_RE = re.compile(r"<span\s+(class|style)=\"\s*([a-z-]+)(?::\s*([a-z-]+))?", re.IGNORECASE)


def _normalise(tag: str) -> str:
    """A tag as spelled in the tables above (lower case, canonical span attributes)."""
    if len(tag) <= 2 and not tag.startswith("<"):
        return tag
    lower = tag.lower()
    match = _SPAN_RE.match(lower)
    if match is None:
        return lower
    kind, first, second = match.groups()
    if kind == "class":
        return f'<span class="{first}">'
    return f'<span style="{first}:{second};">'


@dataclass
class _Open:
    index: int
    closer: str
    forced: bool


def parse(value: str) -> str:
    """Turn the markup and quotes of a CSL-JSON string into internal markers."""
    if not _TOKEN_RE.search(value):
        return value
    parts = _TOKEN_RE.split(" " + value)
    strings = parts[0::2]
    tags = [_normalise(tag) for tag in parts[1::2]]
    forced = [False] * len(tags)
    for i in range(len(tags) - 1):
        opener = tags[i] in _TAG_OPENERS or tags[i] in _QUOTE_OPENERS
        if opener and strings[i + 1] == "" and tags[i + 1] in ('"', "'"):
            tags[i + 1] = " " + tags[i + 1]  # a quote right after an opener opens
            forced[i + 1] = True
    out: list[str | None] = [None] * len(tags)  # the marker of each tag; None: kept as text
    literal: dict[int, str] = {}
    stack: list[_Open] = []

    def as_text(index: int) -> None:
        tag = tags[index]
        if forced[index]:
            tag = tag[1:]
        literal[index] = tag

    for i, tag in enumerate(tags):
        following = strings[i + 1]
        if tag in ("'", _APOSTROPHE) and following and following[0] not in ",.?:; ":
            literal[i] = _APOSTROPHE
            continue
        if tag in (" '", "('", "\u2018") and following.startswith(" "):
            literal[i] = tag[:-1] + _APOSTROPHE if tag != "\u2018" else tag
            continue
        if tag in _TAG_OPENERS:
            stack.append(_Open(i, _TAG_OPENERS[tag][0], forced[i]))
            continue
        if tag in _QUOTE_OPENERS:
            stack.append(_Open(i, _QUOTE_OPENERS[tag], forced[i]))
            continue
        # a closer
        while True:
            if stack and stack[-1].closer == tag:
                opened = stack.pop()
                out[opened.index] = "open"
                out[i] = "close"
                break
            if tag in ("'", _APOSTROPHE):
                literal[i] = _APOSTROPHE
                break
            if not stack:
                as_text(i)
                break
            as_text(stack.pop().index)
    for opened in stack:
        if tags[opened.index] in (" '", "('"):
            literal[opened.index] = tags[opened.index][:-1] + _APOSTROPHE
        else:
            as_text(opened.index)
    return "".join(_assemble(strings, tags, out, literal, forced))[1:]


def _assemble(
    strings: list[str],
    tags: list[str],
    out: list[str | None],
    literal: dict[int, str],
    forced: list[bool],
) -> list[str]:
    outer_form = next(
        (tags[i][-1] for i in range(len(tags)) if out[i] == "open" and tags[i][-1] in "\"'"),
        '"',
    )
    pieces = [strings[0]]
    closers: list[str] = []
    for i, tag in enumerate(tags):
        if i in literal:
            pieces.append(literal[i])
        elif out[i] == "open":
            if tag in _TAG_OPENERS:
                marker = _TAG_OPENERS[tag][1]
                closers.append(_CLOSE_MARKER[marker])
                pieces.append(marker)
            else:
                if len(tag) == 2 and not forced[i]:
                    pieces.append(tag[0])
                if tag == "\u201c" or (tag[-1] in "\"'" and tag[-1] == outer_form):
                    pieces.append(QUOTE)
                else:
                    pieces.append(INNER_QUOTE)
                closers.append(QUOTE_CLOSE)
        elif out[i] == "close":
            closer = closers.pop()
            if closer == QUOTE_CLOSE and strings[i + 1][:1] in (".", ","):
                closer = QUOTE_CLOSE_KEPT  # the text's own punctuation stays outside
            pieces.append(closer)
        else:
            pieces.append(tag)
        pieces.append(strings[i + 1])
    return pieces


_QUOTE_MARKERS_RE = re.compile(f"[{QUOTE}{INNER_QUOTE}{QUOTE_CLOSE}{QUOTE_CLOSE_KEPT}]")


def punctuation_in_quote(text: str) -> str:
    """Move a period or comma that follows closing quotes inside them."""
    if QUOTE_CLOSE not in text:
        return text
    return re.sub(f"({QUOTE_CLOSE}[\ue000-\ue01f]*)([.,])", r"\2\1", text)


def resolve_quotes(text: str, marks: tuple[str, str, str, str]) -> str:
    """Replace quote markers by ``marks`` (open, close, open-inner, close-inner quote terms).

    A quote inside another takes the other level; outside any, its own level.
    """
    if not _QUOTE_MARKERS_RE.search(text):
        return text
    open_outer, close_outer, open_inner, close_inner = marks
    levels: list[bool] = []  # True: outer marks
    out: list[str] = []
    pos = 0
    for match in _QUOTE_MARKERS_RE.finditer(text):
        out.append(text[pos : match.start()])
        pos = match.end()
        marker = match.group(0)
        if marker in (QUOTE_CLOSE, QUOTE_CLOSE_KEPT):
            if levels:
                out.append(close_outer if levels.pop() else close_inner)
            continue
        outer = not levels[-1] if levels else marker == QUOTE
        levels.append(outer)
        out.append(open_outer if outer else open_inner)
    out.append(text[pos:])
    return "".join(out)
