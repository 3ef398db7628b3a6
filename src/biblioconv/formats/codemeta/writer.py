"""CodeMeta writer: one record as a ``codemeta.json`` object, several as a JSON array."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from biblioconv.formats.codemeta.mapping import record_object
from biblioconv.model import Record
from biblioconv.registry import WriteContext

__all__ = ["write"]


def write(records: Iterable[Record], stream: IO[bytes], ctx: WriteContext) -> None:
    """Write CodeMeta (version from the ``version`` option, default 3.0), indented as
    codemeta.json files usually are."""
    version = str(getattr(ctx.options, "version", "3.0"))
    objs: list[dict[str, Any]] = []
    for record in records:
        objs.append(record_object(record, version, ctx.reporter(record.label)))
        ctx.report.count("written")
    if not objs:
        return
    doc: Any = objs[0] if len(objs) == 1 else objs
    stream.write((json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
