"""The MODS 3.8 writer: a bare ``<mods>`` document for one record, a ``<modsCollection>`` for
several (or none), written one record at a time."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import IO, Any

from lxml import etree

from biblioconv.errors import WriteError
from biblioconv.formats.mods.table import record_to_element
from biblioconv.formats.mods.writing import NSMAP, SCHEMA_LOCATION
from biblioconv.model import Record
from biblioconv.registry import WriteContext
from biblioconv.xmlsafe import xml_writable

__all__ = ["unique_values", "write"]

_DECL = b'<?xml version="1.0" encoding="UTF-8"?>\n'
#: an ``ID`` attribute in a start tag (text holds no ``<``, attribute values no ``>``)
_ID_ATTRIBUTE = re.compile(rb'<[^<>]*?\sID="([^"]*)"')


def unique_values(written: bytes) -> list[bytes]:
    """The ``ID`` attributes in written MODS: an ID is unique in a document, and the writer
    keeps a kept ``mods/@ID`` only once (see :attr:`.FormatSpec.unique_values`)."""
    return _ID_ATTRIBUTE.findall(written)


def _elements(records: Iterable[Record], ctx: WriteContext, root: bool) -> Iterator[Any]:
    ids: set[str] = set()  # the records' IDs written (an ID is unique in a document)
    for record in records:
        rep = ctx.reporter(record.label)
        try:
            elem = record_to_element(record, rep, root=root, ids=ids)
        except WriteError as exc:
            if ctx.strict:
                raise
            rep.skip(exc.reason)
            continue
        ctx.report.count("written")
        yield elem


def _text(elem: Any, pretty: bool, level: int) -> bytes:
    if pretty:
        etree.indent(elem, space="  ", level=level)
    return etree.tostring(elem, encoding="utf-8")


def write(records: Iterable[Record], stream: IO[bytes], ctx: WriteContext) -> None:
    """Write MODS 3.8 XML (see the module docstring and the options)."""
    records = xml_writable(records, ctx)  # no control characters XML cannot hold
    pretty = bool(getattr(ctx.options, "pretty", True))
    envelope = str(getattr(ctx.options, "collection", "auto"))
    it = iter(records)
    first = next(it, None)
    second = next(it, None) if first is not None else None
    if envelope == "never" and second is not None:
        raise WriteError(
            "several records cannot be one <mods> document (collection=never)", fmt=ctx.format
        )
    if envelope != "always" and first is not None and second is None:
        for elem in _elements([first], ctx, root=True):
            stream.write(_DECL + _text(elem, pretty, 0) + b"\n")
            return
        # the one record was refused: an empty collection
    rest = (r for r in (first, second) if r is not None)

    def chain() -> Iterator[Record]:
        yield from rest
        yield from it

    stream.write(_DECL)
    collection = etree.Element("{http://www.loc.gov/mods/v3}modsCollection", nsmap=NSMAP)
    collection.set("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation", SCHEMA_LOCATION)
    opening = etree.tostring(collection, encoding="utf-8").replace(b"/>", b">")
    stream.write(opening + (b"\n" if pretty else b""))
    for elem in _elements(chain(), ctx, root=False):
        text = _text(elem, pretty, 1)
        # the collection declares the namespaces: the records need not repeat them
        text = text.replace(b' xmlns="http://www.loc.gov/mods/v3"', b"", 1).replace(
            b' xmlns:xlink="http://www.w3.org/1999/xlink"', b"", 1
        )
        stream.write((b"  " if pretty else b"") + text + (b"\n" if pretty else b""))
    stream.write(b"</modsCollection>\n")
