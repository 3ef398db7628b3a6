"""CodeMeta reader and sniffer: a ``codemeta.json`` (one JSON-LD object, a list of them, or a
``@graph``) gives one record per software object."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from biblioconv.errors import ParseError
from biblioconv.formats.codemeta.crosswalk import text
from biblioconv.formats.codemeta.mapping import compact, context_version, object_record
from biblioconv.formats.codemeta.sniff import sniff
from biblioconv.jsonstream import duplicate_reporter, iter_json
from biblioconv.model import Record
from biblioconv.registry import ReadContext

__all__ = ["read", "sniff"]


def _objects(value: Any) -> list[Any]:
    if isinstance(value, dict) and isinstance(value.get("@graph"), list):
        return list(value["@graph"])
    return value if isinstance(value, list) else [value]


def read(stream: IO[bytes], ctx: ReadContext) -> Iterator[Record]:
    """Read CodeMeta JSON-LD: each object is compacted against the CodeMeta context (2.0 or
    3.0, from ``@context``) and read by the rule table."""
    index = 0
    for line, value, _in_array in iter_json(
        stream,
        source=ctx.source,
        limits=ctx.limits,
        on_duplicate=duplicate_reporter(ctx),
        empty="empty input: not a codemeta.json document",
    ):
        context = value.get("@context") if isinstance(value, dict) else None
        for obj in _objects(value):
            index += 1
            if not isinstance(obj, dict):
                raise ParseError(
                    f"not CodeMeta: object {index} is a JSON {type(obj).__name__}",
                    source=ctx.source,
                    line=line,
                )
            obj = compact(obj)
            label = text(obj.get("name")) or f"#{index}"
            rep = ctx.reporter(label, line)
            own = obj.get("@context", context)
            if own is None:
                rep.add("MISSING_REQUIRED", "no @context; read as CodeMeta 3.0", "@context")
            elif context_version(own) is None:
                rep.add(
                    "INVALID_VALUE",
                    f"@context {own!r} is not a CodeMeta 2.0 or 3.0 context; read as 3.0",
                    "@context",
                )
            rec = object_record(obj, rep)
            if rec is not None:
                yield rec
