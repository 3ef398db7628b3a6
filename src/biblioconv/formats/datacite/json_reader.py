"""DataCite JSON reader: the REST API shape (``data.attributes``), lists of records, JSON Lines."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from pydantic import ValidationError as PydanticValidationError

from biblioconv.formats.datacite.sniff import sniff_json as sniff
from biblioconv.formats.datacite.table import attributes_to_record
from biblioconv.jsonstream import duplicate_reporter, iter_json
from biblioconv.model import Record
from biblioconv.registry import ReadContext
from biblioconv.report import Code

__all__ = ["KNOWN_KEYS", "read", "sniff"]

#: Attribute keys the mapping understands (anything else is kept in extras).
KNOWN_KEYS = frozenset(
    {
        "doi",
        "identifiers",
        "alternateIdentifiers",
        "creators",
        "titles",
        "publisher",
        "publicationYear",
        "subjects",
        "contributors",
        "dates",
        "language",
        "types",
        "relatedIdentifiers",
        "relatedItems",
        "sizes",
        "formats",
        "version",
        "rightsList",
        "descriptions",
        "geoLocations",
        "fundingReferences",
        "url",
        "schemaVersion",
    }
)


def _entries(value: Any) -> Iterator[tuple[Any, str | None]]:
    """The attribute objects of one JSON value, with the resource id where known."""
    if isinstance(value, list):
        for item in value:
            yield from _entries(item)
        return
    if (
        isinstance(value, dict)
        and "data" in value
        and not ("creators" in value or "titles" in value)
    ):
        yield from _entries(value["data"])
        return
    if isinstance(value, dict) and isinstance(value.get("attributes"), dict):
        yield value["attributes"], value.get("id") if isinstance(value.get("id"), str) else None
        return
    yield value, None


def read(stream: IO[bytes], ctx: ReadContext) -> Iterator[Record]:
    """Read DataCite JSON records one at a time; an empty input is a ParseError."""
    index = 0
    for line, value, _in_array in iter_json(
        stream,
        source=ctx.source,
        limits=ctx.limits,
        on_duplicate=duplicate_reporter(ctx),
        empty='empty input: not a DataCite JSON document (an empty list is {"data": []})',
    ):
        for attrs, rid in _entries(value):
            index += 1
            record = _record(attrs, rid, ctx, line, index)
            if record is not None:
                yield record


def _record(attrs: Any, rid: str | None, ctx: ReadContext, line: int, index: int) -> Record | None:
    label = str(index)
    if not isinstance(attrs, dict):
        ctx.reporter(label, line).skip(f"record {index} is a {type(attrs).__name__}, not an object")
        return None
    attrs = dict(attrs)
    if rid and not attrs.get("doi"):
        attrs["doi"] = rid
    label = str(attrs.get("doi") or index)
    unknown = {f"json:{k}": v for k, v in attrs.items() if k not in KNOWN_KEYS}

    rep = ctx.reporter(label, line)
    for key in unknown:
        rep.add(Code.UNKNOWN_FIELD, f"unknown key {key[5:]!r} kept in extras", severity="info")
    attrs["_unknown"] = unknown
    try:
        return attributes_to_record(attrs, fmt=ctx.format, rep=rep)
    except (PydanticValidationError, ValueError, TypeError, AttributeError) as exc:
        reason = exc.errors()[0]["msg"] if isinstance(exc, PydanticValidationError) else str(exc)
        rep.skip(reason, what="unreadable record")
        return None
