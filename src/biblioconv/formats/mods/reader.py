"""The MODS reader: single ``<mods>`` documents and ``<modsCollection>`` (or any document that
holds ``mods`` elements, such as an OAI-PMH response), streamed one record at a time."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from pydantic import ValidationError as PydanticValidationError

from biblioconv import xmlsafe
from biblioconv.errors import ParseError
from biblioconv.formats.mods.mapping import parse_mods
from biblioconv.formats.mods.table import fields_to_record
from biblioconv.formats.mods.vocab import MODS_NS
from biblioconv.model import Record
from biblioconv.registry import ReadContext

__all__ = ["read"]

_TAGS = (f"{{{MODS_NS}}}mods", "mods")


_RECORD_IDENTIFIERS = "{*}recordInfo/{*}recordIdentifier"  # in any namespace (or none)


def _label(elem: Any, index: int) -> str:
    for sub in elem.iterfind(_RECORD_IDENTIFIERS):
        if (sub.text or "").strip():
            return str(sub.text).strip()
    return f"#{index}"


def read(stream: IO[bytes], ctx: ReadContext) -> Iterator[Record]:
    """Read the MODS records of a document, one at a time; an empty input or a document with
    no ``mods`` element is a ParseError."""
    _head, stream = xmlsafe.checked_head(stream, ctx.source)
    index = 0
    for _event, elem in xmlsafe.iterparse(
        stream, source=ctx.source, tags=_TAGS, limits=ctx.limits, restart_after=_TAGS
    ):
        if (
            elem.tag == "mods"
            and elem.getparent() is not None
            and elem.getparent().tag != "modsCollection"
        ):
            pass
        index += 1
        label = _label(elem, index)
        rep = ctx.reporter(label, elem.sourceline)
        try:
            record = fields_to_record(parse_mods(elem), rep)
        except (PydanticValidationError, ValueError, TypeError) as exc:
            rep.skip_error(exc, what="unreadable record")
            record = None
        xmlsafe.release(elem)
        if record is not None:
            yield record
    if index == 0:
        raise ParseError("no MODS <mods> element found", source=ctx.source)
