"""The EndNote XML writer: one ``<xml><records>`` library, written one record at a time."""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO

from lxml import etree

from biblioconv.errors import WriteError
from biblioconv.formats.endnote_xml.table import record_to_element
from biblioconv.model import Record
from biblioconv.registry import WriteContext
from biblioconv.xmlsafe import xml_writable

__all__ = ["write"]


def _tidy(elem: etree._Element) -> None:
    """Indentation must not enter text: no whitespace around ``<style>`` runs."""
    for style in elem.iter("style"):
        parent = style.getparent()
        if parent is not None and parent.text is not None and not parent.text.strip():
            parent.text = None
        if style.tail is not None and not style.tail.strip():
            style.tail = None


def write(records: Iterable[Record], stream: IO[bytes], ctx: WriteContext) -> None:
    """Write an EndNote XML library (see the options)."""
    records = xml_writable(records, ctx)  # no control characters XML cannot hold
    pretty = bool(getattr(ctx.options, "pretty", True))
    styles = bool(getattr(ctx.options, "styles", True))
    stream.write(
        b'<?xml version="1.0" encoding="UTF-8"?>\n<xml>\n  <records>\n'
        if pretty
        else b'<?xml version="1.0" encoding="UTF-8"?>\n<xml><records>'
    )
    for record in records:
        rep = ctx.reporter(record.label)
        try:
            elem = record_to_element(record, rep, styles=styles)
        except WriteError as exc:
            if ctx.strict:
                raise
            rep.skip(exc.reason)
            continue
        if pretty:
            etree.indent(elem, space="  ", level=2)
            _tidy(elem)
        text = etree.tostring(elem, encoding="utf-8")
        stream.write((b"    " + text + b"\n") if pretty else text)
        ctx.report.count("written")
    stream.write(b"  </records>\n</xml>\n" if pretty else b"</records></xml>\n")
