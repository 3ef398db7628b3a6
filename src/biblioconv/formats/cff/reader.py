"""CFF reader and sniffer: a CITATION.cff gives its preferred citation (or its work), then its
references, as records (see :mod:`biblioconv.formats.cff.mapping`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from biblioconv.errors import ParseError
from biblioconv.formats.cff.mapping import document_records
from biblioconv.formats.cff.sniff import sniff
from biblioconv.formats.cff.values import load_yaml
from biblioconv.model import Record
from biblioconv.registry import ReadContext

__all__ = ["read", "sniff"]


def read(stream: IO[bytes], ctx: ReadContext) -> Iterator[Record]:
    """Read a CITATION.cff document (YAML: dates kept as text, aliases expanded on a budget)."""
    limit = ctx.limits.max_record_bytes * 10
    data = stream.read(limit + 1)
    doc = load_yaml(data, ctx.source, limit)
    if not isinstance(doc, dict):
        kind = "a list" if isinstance(doc, list) else f"a {type(doc).__name__}"
        raise ParseError(
            f"not a CITATION.cff document: the YAML is {kind}, not a mapping of keys",
            source=ctx.source,
            line=1,
        )
    if not {"cff-version", "title", "authors", "message"} & set(doc):
        keys = ", ".join(sorted(str(k) for k in doc)[:5])
        raise ParseError(
            f"not a CITATION.cff document: none of cff-version, message, title, authors "
            f"(keys: {keys})",
            source=ctx.source,
            line=1,
        )
    mode = str(getattr(ctx.options, "record", "preferred"))
    references = bool(getattr(ctx.options, "references", True))

    def reporter_for(label: str) -> Any:
        return ctx.reporter(label, None)

    yield from document_records(doc, mode, references, reporter_for)
