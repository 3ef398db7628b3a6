"""Crossref XML: deposits (schema 5.x, written as 5.3.1) and query output (unixref 1.1, unixsd)."""

from __future__ import annotations

from typing import Any

from biblioconv.registry import FormatSpec, NoOptions

__all__ = ["FORMAT", "CrossrefWriteOptions"]


FORMAT = FormatSpec(
    name="crossref",
    title="Crossref XML",
    aliases=("crossref-xml", "crossref-deposit", "unixref", "unixsd"),
    extensions=(".crossref.xml",),
    media_types=("application/vnd.crossref.deposit+xml",),
    reader="biblioconv.formats.crossref.reader:read",
    writer="biblioconv.formats.crossref.writer:write",
    sniff="biblioconv.formats.crossref.sniff:sniff",
    options="biblioconv.formats.crossref.options:CrossrefWriteOptions",
    read_options=NoOptions,
    crosswalk="biblioconv.formats.crossref.table:CROSSWALK",
    description="Crossref deposit XML (doi_batch, schema 5.0-5.3.1 read, 5.3.1 written) and "
    "Crossref query output (unixref 1.1 crossref records, unixsd crossref_result), read in "
    "streaming.",
    decodes_itself=True,
    validator="biblioconv.formats.crossref.validate:validate_xml",
)


def __getattr__(name: str) -> Any:
    """The options models, imported when first asked for (see :mod:`.options`)."""
    if name in {"CrossrefWriteOptions"}:
        from biblioconv.formats.crossref import options

        return getattr(options, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
