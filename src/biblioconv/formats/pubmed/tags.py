"""The MEDLINE/nbib tagged syntax: ``TAG - value`` lines (the tag padded to four characters),
continuation lines indented by six spaces, records separated by blank lines and starting with
``PMID-``. The tokenizer streams records as (line, [(tag, value, line)]); the writer side formats
tags back, wrapping long values the way PubMed does."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO

__all__ = ["RawRecord", "format_field", "tokenize"]

_TAG = re.compile(r"^([A-Z][A-Z0-9]{0,3}) {0,3}- ?(.*)$")
_WIDTH = 82


@dataclass
class RawRecord:
    """One record's fields in input order, with the line each starts on."""

    line: int
    fields: list[tuple[str, str, int]] = field(default_factory=list)
    problem: str | None = None
    problem_line: int | None = None


def _lines(stream: IO[bytes], on_fallback: object) -> Iterator[tuple[int, str]]:
    fell_back = False
    for number, raw in enumerate(stream, start=1):
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
            if not fell_back:
                fell_back = True
                if callable(on_fallback):
                    on_fallback(number)
        yield number, text.rstrip("\r\n")


def tokenize(stream: IO[bytes], on_fallback: object = None) -> Iterator[RawRecord]:
    """The records of a MEDLINE/nbib input, one at a time."""
    current: RawRecord | None = None
    for number, text in _lines(stream, on_fallback):
        if not text.strip():
            if current is not None and current.fields:
                yield current
                current = None
            continue
        if text.startswith("      ") or (text[:1] == " " and current is not None):
            if current is None or not current.fields:
                current = current or RawRecord(number)
                if current.problem is None:
                    current.problem = "continuation line before any tag"
                    current.problem_line = number
                continue
            tag, value, at = current.fields[-1]
            current.fields[-1] = (tag, f"{value} {text.strip()}".strip(), at)
            continue
        m = _TAG.match(text)
        if m is None:
            if current is None:
                current = RawRecord(number)
            if current.problem is None:
                current.problem = f"not a MEDLINE tag line: {text[:40]!r}"
                current.problem_line = number
            continue
        tag, value = m.group(1), m.group(2).strip()
        if tag == "PMID" and current is not None and current.fields:
            yield current  # a record without the blank line before the next
            current = None
        if current is None:
            current = RawRecord(number)
        current.fields.append((tag, value, number))
    if current is not None and (current.fields or current.problem):
        yield current


def format_field(tag: str, value: str) -> str:
    """One field as MEDLINE lines: the tag padded to four, continuation lines of six spaces,
    words wrapped at 82 columns (a word longer than the line stays whole)."""
    head = f"{tag:<4}- "
    words = value.split()
    if not words:
        return head.rstrip() + "\n"
    lines: list[str] = []
    line = head + words[0]
    for word in words[1:]:
        if len(line) + 1 + len(word) > _WIDTH:
            lines.append(line)
            line = "      " + word
        else:
            line += " " + word
    lines.append(line)
    return "\n".join(lines) + "\n"
