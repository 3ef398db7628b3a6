"""CSL-JSON and CSL-YAML writers (streaming for JSON)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from biblioconv.formats.csl_json.mapping import record_to_csl
from biblioconv.jsonstream import indented
from biblioconv.model import Record
from biblioconv.registry import WriteContext

__all__ = ["write", "write_yaml"]

_ENCODER = json.JSONEncoder(ensure_ascii=False)


def _items(records: Iterable[Record], ctx: WriteContext) -> Iterable[dict[str, Any]]:
    preserve = bool(getattr(ctx.options, "preserve", True))
    for record in records:
        item = record_to_csl(
            record,
            ctx.report,
            preserve=preserve,
            fmt="csl-json",
            source_format=ctx.source_format,
        )
        ctx.report.count("written")
        yield item


def write(records: Iterable[Record], stream: IO[bytes], ctx: WriteContext) -> None:
    """Write a JSON array of CSL items (or JSON Lines), one item at a time."""
    indent = getattr(ctx.options, "indent", 2)
    if getattr(ctx.options, "lines", False):
        for item in _items(records, ctx):
            stream.write(_ENCODER.encode(item).encode("utf-8") + b"\n")
        return
    first = True
    # indent None (the default): one item per line, encoded by json's fast C encoder
    encode = _ENCODER.encode if not indent else None
    for item in _items(records, ctx):  # nothing is written before the first item exists
        if encode is not None:
            text = encode(item)
        else:
            text = json.dumps(item, ensure_ascii=False, indent=indent)
            text = indented(text, " " * indent)
        stream.write((("[\n" if first else ",\n") + text).encode("utf-8"))
        first = False
    stream.write(b"\n]\n" if not first else b"[]\n")


def write_yaml(records: Iterable[Record], stream: IO[bytes], ctx: WriteContext) -> None:
    """Write a YAML list of CSL items, one document per record list."""
    import yaml

    from biblioconv.yamltext import SafeDumper

    for item in _items(records, ctx):
        text = yaml.dump([item], Dumper=SafeDumper, allow_unicode=True, sort_keys=False, width=100)
        stream.write(text.encode("utf-8"))
