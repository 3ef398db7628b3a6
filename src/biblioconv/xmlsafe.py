"""The one place XML parsers are made: hostile input is refused, nothing is fetched.

Every XML read in biblioconv goes through :func:`parser` or :func:`iterparse`: no entity
resolution, no DTD loading, no network, no XInclude, ``huge_tree`` off, bounded depth. A document
that declares entities (the billion-laughs and external-entity attacks) is refused outright.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from typing import IO, Any

from lxml import etree

from biblioconv.errors import LimitExceeded, UnsafeInputError

__all__ = ["check_head", "iterparse", "parser", "peek_head"]

_HEAD = 64 * 1024
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)


def parser(**overrides: Any) -> etree.XMLParser:
    """A safe lxml parser (for whole documents and schemas)."""
    opts: dict[str, Any] = dict(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=False,
        remove_pis=False,
    )
    opts.update(overrides)
    return etree.XMLParser(**opts)


def _decode_head(head: bytes) -> bytes:
    """The head as ASCII-compatible bytes so UTF-16 documents are checked too."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(head) > 1 and head[1:2] == b"\x00"):
        try:
            return head.decode("utf-16", errors="ignore").encode("utf-8", errors="ignore")
        except UnicodeError:  # pragma: no cover - errors='ignore'
            return head
    return head


def check_head(head: bytes, source: str) -> None:
    """Refuse documents that declare entities or an internal DTD subset."""
    text = _decode_head(head)
    if _ENTITY.search(text):
        raise UnsafeInputError(
            "XML declares entities (<!ENTITY>); refused as unsafe", source=source
        )
    m = _DOCTYPE.search(text)
    if m and b"[" in text[m.end() : m.end() + 2048].split(b">", 1)[0]:
        raise UnsafeInputError("XML has an internal DTD subset; refused as unsafe", source=source)


def peek_head(stream: IO[bytes]) -> tuple[bytes, IO[bytes]]:
    """The first bytes of a stream, and a stream that still yields them."""
    if stream.seekable():
        pos = stream.tell()
        head = stream.read(_HEAD)
        stream.seek(pos)
        return head, stream
    head = stream.read(_HEAD)
    return head, io.BufferedReader(_Prefixed(head, stream))


class _Prefixed(io.RawIOBase):
    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        if self._head:
            n = min(len(b), len(self._head))
            b[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(b))
        b[: len(data)] = data
        return len(data)


def iterparse(
    stream: IO[bytes],
    *,
    source: str,
    tags: Iterable[str] | None = None,
    events: tuple[str, ...] = ("end",),
    max_depth: int = 256,
) -> Iterator[tuple[str, Any]]:
    """Incrementally parse a stream safely, yielding ``(event, element)``.

    Callers clear what they have consumed (``elem.clear()`` and deleting previous siblings).
    """
    head, stream = peek_head(stream)
    check_head(head, source)
    wanted = tuple(events) + (("start",) if "start" not in events else ())
    ctx = etree.iterparse(
        stream,
        events=wanted,
        tag=list(tags) if tags else None,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
    )
    depth = 0
    try:
        for event, elem in ctx:
            if event == "start":
                depth += 1
                if depth > max_depth:
                    raise LimitExceeded(
                        f"XML nested deeper than {max_depth} elements", source=source
                    )
                if "start" not in events:
                    continue
            elif event == "end":
                depth -= 1
            yield event, elem
    except etree.XMLSyntaxError as exc:
        from biblioconv.errors import ParseError

        line = exc.lineno if getattr(exc, "lineno", None) else None
        raise ParseError(f"XML syntax error: {exc.msg}", source=source, line=line) from None
