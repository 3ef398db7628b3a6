"""JATS writer: the records as the ``ref``s of a ``ref-list``, each an ``element-citation``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, Any

from lxml import etree

from biblioconv.formats.jats.mapping import record_to_ref
from biblioconv.model import Record
from biblioconv.registry import WriteContext
from biblioconv.xmlsafe import xml_writable

__all__ = ["write"]

_XLINK = "http://www.w3.org/1999/xlink"


_MIXED = ("article-title", "chapter-title", "source", "trans-title")


def _indent(ref: Any) -> None:
    """Indent a ref's structure, leaving the mixed content of titles as it is (indenting
    between inline elements would add white space to the text)."""
    saved = []
    for elem in list(ref.iter(*_MIXED)):
        kids = list(elem)
        for kid in kids:
            elem.remove(kid)
        saved.append((elem, kids))
    etree.indent(ref, space="  ", level=1)
    for elem, kids in saved:
        elem.extend(kids)


def write(records: Iterable[Record], stream: IO[bytes], ctx: WriteContext) -> None:
    """Write a ``<ref-list>`` document, one ``ref`` per record, written one at a time."""
    records = xml_writable(records, ctx)  # no control characters XML cannot hold
    pretty = bool(getattr(ctx.options, "pretty", True))
    stream.write(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(
        b'<ref-list xmlns:xlink="http://www.w3.org/1999/xlink">' + (b"\n" if pretty else b"")
    )
    used: set[str] = set()
    for index, record in enumerate(records, 1):
        holder = etree.Element("ref-list", nsmap={"xlink": _XLINK})
        ref = record_to_ref(
            record, holder, index, ctx.report, source_format=ctx.source_format, used=used
        )
        if pretty:
            _indent(ref)
        text = etree.tostring(ref, encoding="unicode")
        text = text.replace(' xmlns:xlink="http://www.w3.org/1999/xlink"', "")
        stream.write(
            ((("  " if pretty else "") + text.strip()) + ("\n" if pretty else "")).encode("utf-8")
        )
        ctx.report.count("written")
    stream.write(b"</ref-list>\n")
