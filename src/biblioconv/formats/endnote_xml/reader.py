"""The EndNote XML reader: ``<xml><records><record>...`` libraries, streamed one record at a
time."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from pydantic import ValidationError as PydanticValidationError

from biblioconv import xmlsafe
from biblioconv.errors import ParseError
from biblioconv.formats.endnote_xml.table import fields_to_record
from biblioconv.formats.endnote_xml.xmlio import parse_record, rich_text
from biblioconv.model import Record
from biblioconv.registry import ReadContext

__all__ = ["read"]

_TAGS = ("record",)


def _label(elem: Any, index: int) -> str:
    number = elem.find("rec-number")
    if number is not None:
        text = rich_text(number).strip()
        if text:
            return text
    return f"#{index}"


def read(stream: IO[bytes], ctx: ReadContext) -> Iterator[Record]:
    """Read the records of an EndNote XML library, one at a time; an empty input or a document
    with no ``<record>`` is a ParseError."""
    _head, stream = xmlsafe.checked_head(stream, ctx.source)
    index = 0
    for _event, elem in xmlsafe.iterparse(
        stream, source=ctx.source, tags=_TAGS, limits=ctx.limits, restart_after=_TAGS
    ):
        parent = elem.getparent()
        if parent is None or parent.tag != "records":
            continue  # a <record> elsewhere is not an EndNote record
        index += 1
        rep = ctx.reporter(_label(elem, index), elem.sourceline)
        try:
            record: Record | None = fields_to_record(parse_record(elem), rep)
        except (PydanticValidationError, ValueError, TypeError) as exc:
            rep.skip_error(exc, what="unreadable record")
            record = None
        xmlsafe.release(elem)
        if record is not None:
            yield record
    if index == 0:
        raise ParseError("no EndNote <xml><records><record> found", source=ctx.source)
