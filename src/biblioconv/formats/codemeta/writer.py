"""CodeMeta writer: one record as a ``codemeta.json`` object, several as a JSON array."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO

from biblioconv.formats.codemeta.mapping import record_object
from biblioconv.jsonstream import indented
from biblioconv.model import Record
from biblioconv.registry import WriteContext

__all__ = ["write"]


def write(records: Iterable[Record], stream: IO[bytes], ctx: WriteContext) -> None:
    """Write CodeMeta (version from the ``version`` option, default 3.0), indented as
    codemeta.json files usually are: one record as an object, several as an array, written
    as they come (only the first is held until the second shows whether an array begins)."""
    version = str(getattr(ctx.options, "version", "3.0"))
    first: str | None = None
    count = 0
    for record in records:
        text = json.dumps(
            record_object(record, version, ctx.reporter(record.label)), ensure_ascii=False, indent=2
        )
        ctx.report.count("written")
        count += 1
        if count == 1:
            first = text
            continue
        if count == 2:
            stream.write(("[\n" + _indent(first or "")).encode("utf-8"))
        stream.write((",\n" + _indent(text)).encode("utf-8"))
    if count == 1:
        stream.write(((first or "") + "\n").encode("utf-8"))
    elif count > 1:
        stream.write(b"\n]\n")


def _indent(text: str) -> str:
    return indented(text, "  ")
