"""DataCite JSON writer: the REST API shape (``{"data": {"type": "dois", "attributes": ...}}``)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from biblioconv.formats.datacite import versions as V
from biblioconv.formats.datacite.table import writable_attributes
from biblioconv.jsonstream import indented
from biblioconv.model import Record
from biblioconv.registry import WriteContext

__all__ = ["write"]


def _resources(records: Iterable[Record], ctx: WriteContext) -> Iterator[dict[str, Any]]:
    version = str(getattr(ctx.options, "version", V.DEFAULT_VERSION))
    for _record, attrs in writable_attributes(records, ctx):
        passthrough = attrs.pop("_passthrough", {})
        attrs.update(passthrough)
        if attrs.get("publicationYear", "").isdigit():
            attrs["publicationYear"] = int(attrs["publicationYear"])
        attrs["schemaVersion"] = f"{V.namespace(version)}"
        ctx.report.count("written")
        resource: dict[str, Any] = {"type": "dois", "attributes": attrs}
        attrs.get("types", {}).pop("_optional", None)
        if attrs.get("doi") and not str(attrs["doi"]).startswith(":"):
            resource = {"id": attrs["doi"], **resource}
        yield resource


def write(records: Iterable[Record], stream: IO[bytes], ctx: WriteContext) -> None:
    """Write ``{"data": {...}}`` for one record, ``{"data": [...]}`` for several, or JSON Lines
    (option ``lines``: one resource object per line)."""
    indent = getattr(ctx.options, "indent", 2)
    if getattr(ctx.options, "lines", False):
        for resource in _resources(records, ctx):
            stream.write(json.dumps(resource, ensure_ascii=False).encode("utf-8") + b"\n")
        return
    it = _resources(records, ctx)
    first = next(it, None)
    second = next(it, None) if first is not None else None
    if first is None:
        stream.write(b'{"data": []}\n')
        return
    if second is None:
        text = json.dumps({"data": first}, ensure_ascii=False, indent=indent)
        stream.write(text.encode("utf-8") + b"\n")
        return
    stream.write(b'{"data": [')
    sep = b"\n"
    for resource in _chain(first, second, it):
        text = json.dumps(resource, ensure_ascii=False, indent=indent)
        if indent:
            text = indented(text, " " * indent)
        stream.write(sep + text.encode("utf-8"))
        sep = b",\n"
    stream.write(b"\n]}\n")


def _chain(
    first: dict[str, Any], second: dict[str, Any], rest: Iterator[dict[str, Any]]
) -> Iterator[dict[str, Any]]:
    yield first
    yield second
    yield from rest
