"""schema.org JSON-LD: CreativeWork metadata (ScholarlyArticle, Dataset, SoftwareSourceCode,
Book, Chapter, Thesis, Report...) as published in landing pages and data catalogues."""

from __future__ import annotations

from typing import Any

from biblioconv.registry import FormatSpec

__all__ = ["FORMAT", "SchemaOrgReadOptions", "SchemaOrgWriteOptions"]


FORMAT = FormatSpec(
    name="schemaorg",
    title="schema.org JSON-LD",
    aliases=("schema.org", "jsonld", "json-ld", "schema-org"),
    extensions=(".jsonld",),
    media_types=("application/ld+json",),
    reader="biblioconv.formats.schemaorg.reader:read",
    writer="biblioconv.formats.schemaorg.writer:write",
    sniff="biblioconv.formats.schemaorg.sniff:sniff",
    options="biblioconv.formats.schemaorg.options:SchemaOrgWriteOptions",
    read_options="biblioconv.formats.schemaorg.options:SchemaOrgReadOptions",
    crosswalk="biblioconv.formats.schemaorg.crosswalk:CROSSWALK",
    description="schema.org CreativeWork metadata in JSON-LD (a document, an array, a @graph, "
    "or the JSON-LD blocks of an HTML landing page).",
    validator="biblioconv.formats.schemaorg.validate:validate",
)


def __getattr__(name: str) -> Any:
    """The options models, imported when first asked for (see :mod:`.options`)."""
    if name in {"SchemaOrgWriteOptions", "SchemaOrgReadOptions"}:
        from biblioconv.formats.schemaorg import options

        return getattr(options, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
