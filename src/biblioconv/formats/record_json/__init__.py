"""biblioconv's own record JSON: the model itself, lossless by definition."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import IO, Any

from pydantic import ValidationError as PydanticValidationError

from biblioconv.jsonstream import duplicate_reporter, indented, iter_json
from biblioconv.model import Record
from biblioconv.registry import FormatSpec, NoOptions, ReadContext, WriteContext

__all__ = ["FORMAT", "RecordJsonOptions", "read", "sniff", "write"]

_HUB_KEYS = re.compile(rb'"(titles|contributors|native_types|descriptions)"\s*:\s*[\[{]')
_CSL_MARKERS = re.compile(rb'"(date-parts|container-title|author|DOI|URL|custom)"\s*:')


def sniff(head: bytes) -> float:
    """Confidence that the input is record JSON."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text[:1] not in (b"[", b"{"):
        return 0.0
    if not _HUB_KEYS.search(head):
        return 0.0
    # CSL-JSON written by biblioconv embeds record fields in custom.biblioconv: CSL markers win
    return 0.3 if _CSL_MARKERS.search(head) else 0.95


def read(stream: IO[bytes], ctx: ReadContext) -> Iterator[Record]:
    """Read records: a JSON array, one object, or JSON Lines (an empty input is a ParseError)."""
    index = 0
    for line, value, _ in iter_json(
        stream,
        source=ctx.source,
        limits=ctx.limits,
        on_duplicate=duplicate_reporter(ctx),
        empty="empty input: not a record JSON document (no record is [])",
    ):
        for obj in value if isinstance(value, list) else [value]:
            index += 1
            try:
                yield Record.model_validate(obj)
            except PydanticValidationError as exc:
                err = exc.errors()[0]
                where = ".".join(str(p) for p in err["loc"])
                reason = f"invalid record: {where}: {err['msg']}"
                label = str(obj.get("id", index)) if isinstance(obj, dict) else str(index)
                ctx.reporter(label, line).skip(reason)


def write(records: Iterable[Record], stream: IO[bytes], ctx: WriteContext) -> None:
    """Write records as a JSON array (or JSON Lines), defaults left out."""
    indent = getattr(ctx.options, "indent", 2)
    lines = getattr(ctx.options, "lines", False)
    first = True
    if not lines:
        stream.write(b"[")
    for record in records:
        data = record.model_dump(mode="json", exclude_defaults=True)
        if lines:
            stream.write(json.dumps(data, ensure_ascii=False).encode("utf-8") + b"\n")
        else:
            text = json.dumps(data, ensure_ascii=False, indent=indent)
            if indent:
                text = indented(text, " " * indent)
            stream.write((("\n" if first else ",\n") + text).encode("utf-8"))
        first = False
        ctx.report.count("written")
    if not lines:
        stream.write(b"\n]\n" if not first else b"]\n")


FORMAT = FormatSpec(
    name="record-json",
    title="biblioconv record JSON",
    aliases=("record", "biblioconv-json"),
    extensions=(".record.json", ".record.jsonl"),
    media_types=("application/vnd.biblioconv.record+json",),
    reader="biblioconv.formats.record_json:read",
    writer="biblioconv.formats.record_json:write",
    sniff="biblioconv.formats.record_json:sniff",
    options="biblioconv.formats.record_json.options:RecordJsonOptions",
    read_options=NoOptions,
    crosswalk=None,
    description="The record model as JSON (schema: schemas/record.schema.json); lossless.",
    splitter="biblioconv.splitting:split_json_lines",
)


def __getattr__(name: str) -> Any:
    """The options models, imported when first asked for (see :mod:`.options`)."""
    if name in {"RecordJsonOptions"}:
        from biblioconv.formats.record_json import options

        return getattr(options, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
