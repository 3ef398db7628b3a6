"""BibTeX name lists: splitting and formatting with BibTeX's own rules.

A name list is split at the word ``and`` at brace level 0. Each name has one of three forms:
``First von Last``, ``von Last, First`` or ``von Last, Jr, First``. Words (separated by spaces or
``~`` at brace level 0) whose first letter is lower case form the *von* part; case is read at brace
level 0 only, and for special characters such as ``{\\"u}`` from the letter they carry. A name that
is one brace group (``{World Health Organization}``, ``{{Double braced}}``) is an organisation;
``and others`` at the end is the "et al." marker.

The von part becomes the model's ``non_dropping_particle`` (as pandoc does for BibTeX: the particle
is printed before the family name and sorted with it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from biblioconv.formats.bibtex.latex import decode, encode, needs_decode

__all__ = ["NameParts", "format_name", "parse_name", "parse_names", "split_names"]

_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_HAS_SPECIAL = re.compile(r"[{}\\]")
_WORD_AND = re.compile(r"(?:^|\s)and(?:\s|$)", re.IGNORECASE)
_CASE_SYMBOLS = frozenset({"oe", "OE", "ae", "AE", "aa", "AA", "o", "O", "l", "L", "ss", "i", "j"})
_CS = re.compile(r"\\([A-Za-z]+|.)")
# what split_names and _split_level0 look at: braces, and where a name may end
_AND_MARK = re.compile(r"[{}]|[ \t\n](?=and)", re.IGNORECASE)
_LEVEL0_MARKS = {sep: re.compile("[{}" + re.escape(sep) + "]") for sep in (",", " \t\n~")}


class NameParts(NamedTuple):
    """One parsed name, every part decoded to Unicode; ``literal`` for organisations."""

    given: str | None
    particle: str | None
    family: str | None
    suffix: str | None
    literal: str | None


def split_names(value: str) -> list[str]:
    """Split a name list at ``and`` (case-insensitive, brace level 0)."""
    if "and" not in value.lower():  # one name (only A, N and D match a, n and d ignoring case)
        one = value.strip()
        return [one] if one else []
    if "{" not in value:
        return [n for n in map(str.strip, _AND.split(value)) if n]
    names: list[str] = []
    depth = 0
    start = 0
    i = 0
    while (mark := _AND_MARK.search(value, i)) is not None:  # a brace, or a space before "and"
        i = mark.start()
        c = value[i]
        if c == "{":
            depth += 1
        elif c == "}":
            depth = max(0, depth - 1)
        elif depth == 0:
            m = _AND.match(value, i)
            if m:
                names.append(value[start:i])
                start = i = m.end()
                continue
        i += 1
    names.append(value[start:])
    return [s for s in (x.strip() for x in names) if s]


def _split_level0(text: str, seps: str) -> list[str]:
    """Split at any character of ``seps`` found at brace level 0."""
    marks = _LEVEL0_MARKS.get(seps) or re.compile("[{}" + re.escape(seps) + "]")
    out: list[str] = []
    depth = 0
    start = 0
    for m in marks.finditer(text):  # the braces and separators only
        c = m.group()
        if c == "{":
            depth += 1
        elif c == "}":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(text[start : m.start()])
            start = m.end()
    out.append(text[start:])
    return out


def _case(word: str) -> str | None:
    """'u' or 'l' for the first letter of a word at brace level 0, None when caseless."""
    i = 0
    n = len(word)
    while i < n:
        c = word[i]
        if c == "{":
            if i + 1 < n and word[i + 1] == "\\":
                m = _CS.match(word, i + 1)
                if m and m.group(1) in _CASE_SYMBOLS:
                    return "u" if m.group(1)[0].isupper() else "l"
                j = m.end() if m else i + 2
                depth = 1
                while j < n and depth:
                    cj = word[j]
                    if cj == "{":
                        depth += 1
                    elif cj == "}":
                        depth -= 1
                    elif cj.isalpha():
                        return "u" if cj.isupper() else "l"
                    j += 1
                return None
            # a plain brace group is caseless: skip it
            depth = 1
            i += 1
            while i < n and depth:
                if word[i] == "{":
                    depth += 1
                elif word[i] == "}":
                    depth -= 1
                i += 1
            continue
        if c == "\\":
            m = _CS.match(word, i)
            if m and m.group(1) in _CASE_SYMBOLS:
                return "u" if m.group(1)[0].isupper() else "l"
            i = m.end() if m else i + 1
            continue
        if c.isalpha():
            return "u" if c.isupper() else "l"
        i += 1
    return None


def _words(part: str) -> list[str]:
    if not _HAS_SPECIAL.search(part):
        return part.replace("~", " ").split()
    return [w for w in _split_level0(part, " \t\n~") if w]


def _join(words: list[str]) -> str | None:
    if not words:
        return None
    text = decode(" ".join(words)).strip()
    return text or None


def _join_plain(words: list[str]) -> str | None:
    """:func:`_join` of the words of a name that needs no decoding (their join is not blank)."""
    return " ".join(words) if words else None


def _is_single_group(name: str) -> bool:
    if not (name.startswith("{") and name.endswith("}")) or name.startswith("{\\"):
        return False
    depth = 0
    for i, c in enumerate(name):
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0 and i != len(name) - 1:
                return False
    return True


@lru_cache(maxsize=8192)
def parse_name(name: str) -> NameParts:
    """Parse one BibTeX name (LaTeX source) into decoded parts."""
    name = name.strip()
    if _is_single_group(name):
        return NameParts(None, None, None, None, decode(name[1:-1]).strip() or name)
    # decoding leaves a name without LaTeX as it is (most names): its words are joined only
    if "^^" in name or needs_decode(name):
        return _by_rules(name, _join)
    # the two commonest forms, as the rules read them
    last, comma, given = name.partition(",")
    if comma:
        head = last.split()
        if len(head) == 1 and "," not in given:  # Last, First
            return NameParts(" ".join(given.split()) or None, None, head[0], None, None)
    else:
        words = name.split()
        c = words[0][0] if len(words) == 2 else ""
        if c.isalpha() and c.isupper():  # First Last
            return NameParts(words[0], None, words[1], None, None)
    return _by_rules(name, _join_plain)


def _by_rules(name: str, join: Callable[[list[str]], str | None]) -> NameParts:
    """A name (stripped, not one brace group) by BibTeX's rules; ``join`` makes a part of its
    words."""
    if "," not in name:
        parts = [name]
    else:  # without braces every comma is at brace level 0
        parts = [
            p.strip() for p in (name.split(",") if "{" not in name else _split_level0(name, ","))
        ]
    first: list[str]
    von: list[str] = []
    last: list[str]
    jr: list[str] = []
    if len(parts) == 1:
        words = _words(parts[0])
        if len(words) <= 1:
            return NameParts(None, None, join(words), None, None)
        first, last = words[:-1], words[-1:]
        lower = [i for i in range(len(words) - 1) if _case(words[i]) == "l"]
        if lower:
            i, j = lower[0], lower[-1]
            first, von, last = words[:i], words[i : j + 1], words[j + 1 :]
    else:
        head = _words(parts[0])
        if len(parts) == 2:
            first = _words(parts[1])
        else:
            jr = _words(parts[1])
            first = _words(", ".join(parts[2:]))
        last = head
        if len(head) > 1 and _case(head[0]) == "l":
            k = max(i for i in range(len(head) - 1) if _case(head[i]) == "l")
            von, last = head[: k + 1], head[k + 1 :]
    return NameParts(join(first), join(von), join(last), join(jr), None)


@lru_cache(maxsize=8192)
def parse_names(value: str) -> tuple[tuple[NameParts, ...], bool]:
    """Parse a name list; return the names and whether it ends in ``and others``."""
    names = split_names(value)
    et_al = False
    if names and names[-1].strip().lower() == "others":
        names.pop()
        et_al = True
    return tuple(parse_name(n) for n in names), et_al


def _protect(text: str, *, lower_ok: bool) -> str:
    """Brace a name part when BibTeX would otherwise split or re-case it."""
    if not text:
        return text
    needs = "," in text or _WORD_AND.search(text) is not None
    if not lower_ok and _case(text) == "l":
        needs = True
    if needs and not _is_single_group(text):
        return "{" + text + "}"
    return text


def format_name(
    *,
    given: str | None,
    particle: str | None,
    family: str | None,
    suffix: str | None,
    literal: str | None,
    ascii: bool,
) -> str:
    """Write one name as BibTeX: ``von Last, Jr, First`` or ``{Organisation}``."""
    if literal is not None and not family:
        return "{" + encode(literal, ascii=ascii) + "}"
    fam = _protect(encode(family or "", ascii=ascii), lower_ok=False)
    if particle:
        fam = encode(particle, ascii=ascii) + " " + fam
    out = fam
    if suffix:
        out += ", " + _protect(encode(suffix, ascii=ascii), lower_ok=True)
        out += ", " + _protect(encode(given or "", ascii=ascii), lower_ok=True)
    elif given:
        out += ", " + _protect(encode(given, ascii=ascii), lower_ok=True)
    elif len(_words(fam)) > 1:
        out += ","  # "Van Gogh," keeps both words in the last name
    return out
