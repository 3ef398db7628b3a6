"""schema.org JSON-LD: CreativeWork metadata (ScholarlyArticle, Dataset, SoftwareSourceCode,
Book, Chapter, Thesis, Report...) as published in landing pages and data catalogues."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from biblioconv.registry import FormatSpec

__all__ = ["FORMAT", "SchemaOrgReadOptions", "SchemaOrgWriteOptions"]


class SchemaOrgWriteOptions(BaseModel):
    """Options of the schema.org writer."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    container: Literal["graph", "array", "lines"] = Field(
        default="graph",
        description="several records as one document with a @graph of works (graph), an array "
        "of documents (array) or one document per line (lines); one record is one document",
    )
    indent: int = Field(
        default=2, ge=0, le=8, description="indentation for pretty output; 0 writes compact JSON"
    )


class SchemaOrgReadOptions(BaseModel):
    """Options of the schema.org reader."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    html: bool = Field(
        default=True,
        description='read the <script type="application/ld+json"> blocks of an HTML page '
        "(parsed offline, nothing fetched); off: HTML input is an error",
    )


FORMAT = FormatSpec(
    name="schemaorg",
    title="schema.org JSON-LD",
    aliases=("schema.org", "jsonld", "json-ld", "schema-org"),
    extensions=(".jsonld",),
    media_types=("application/ld+json",),
    reader="biblioconv.formats.schemaorg.reader:read",
    writer="biblioconv.formats.schemaorg.writer:write",
    sniff="biblioconv.formats.schemaorg.sniff:sniff",
    options=SchemaOrgWriteOptions,
    read_options=SchemaOrgReadOptions,
    crosswalk="biblioconv.formats.schemaorg.crosswalk:CROSSWALK",
    description="schema.org CreativeWork metadata in JSON-LD (a document, an array, a @graph, "
    "or the JSON-LD blocks of an HTML landing page).",
    validator="biblioconv.formats.schemaorg.validate:validate",
)
