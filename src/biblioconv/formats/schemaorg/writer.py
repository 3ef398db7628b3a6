"""schema.org JSON-LD writer: one document per record, an array, or one ``@graph``."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from biblioconv.formats.schemaorg.jsonld import SCHEMA_IRI
from biblioconv.formats.schemaorg.mapping import record_to_node
from biblioconv.jsonstream import indented
from biblioconv.model import Record
from biblioconv.registry import WriteContext

__all__ = ["CONTEXT", "write"]

CONTEXT = SCHEMA_IRI.rstrip("/")
"""The ``@context`` written: ``https://schema.org``."""


def _nodes(records: Iterable[Record], ctx: WriteContext) -> Iterable[dict[str, Any]]:
    for record in records:
        node = record_to_node(record, ctx.report, source_format=ctx.source_format)
        ctx.report.count("written")
        yield node


def write(records: Iterable[Record], stream: IO[bytes], ctx: WriteContext) -> None:
    """Write the records: by default one document with a ``@graph`` of works (a single record:
    a document of its own); ``container="array"`` writes an array of documents, ``"lines"``
    one document per line. ``indent`` pretty-prints (0: compact)."""
    indent = getattr(ctx.options, "indent", 2) or None
    container = getattr(ctx.options, "container", "graph")
    dumps = json.JSONEncoder(ensure_ascii=False, indent=indent).encode
    nodes = iter(_nodes(records, ctx))
    if container == "lines":
        for node in nodes:
            doc = {"@context": CONTEXT, **node}
            stream.write(json.dumps(doc, ensure_ascii=False).encode("utf-8") + b"\n")
        return
    first = next(nodes, None)
    if first is None:
        stream.write(
            b"[]\n"
            if container == "array"
            else b'{"@context": "%s", "@graph": []}\n' % CONTEXT.encode()
        )
        return
    second = next(nodes, None)
    if second is None and container == "graph":
        stream.write((dumps({"@context": CONTEXT, **first}) + "\n").encode("utf-8"))
        return
    pad = "\n" if indent else ""
    step = " " * (indent or 0)

    def item(node: dict[str, Any], docs: bool) -> bytes:
        text = dumps({"@context": CONTEXT, **node} if docs else node)
        if indent:
            text = indented(text, step * (1 if docs else 2))
        return text.encode("utf-8")

    docs = container == "array"
    if docs:
        stream.write(b"[" + pad.encode())
    else:
        head = dumps({"@context": CONTEXT})[:-1].rstrip()
        stream.write((head + ("," if True else "") + pad + step + '"@graph": [' + pad).encode())
    stream.write(item(first, docs))
    for node in (second, *()) if second is not None else ():
        stream.write(b"," + pad.encode() + item(node, docs))
    for node in nodes:
        stream.write(b"," + pad.encode() + item(node, docs))
    if docs:
        stream.write((pad + "]\n").encode())
    else:
        stream.write((pad + step + "]" + pad + "}\n").encode())
