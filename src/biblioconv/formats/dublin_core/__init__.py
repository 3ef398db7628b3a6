"""Dublin Core: simple DC (``oai_dc``), qualified DC (``dcterms``), RDF/XML and OAI-PMH harvests."""

from __future__ import annotations

from typing import Any

from biblioconv.registry import FormatSpec

__all__ = ["DC", "DCTERMS"]

DC = FormatSpec(
    name="dc",
    title="Dublin Core (oai_dc)",
    aliases=("oai-dc", "oai_dc", "dublin-core", "simple-dc"),
    extensions=(".oai_dc.xml", ".dc.xml"),
    media_types=("application/oai_dc+xml",),
    reader="biblioconv.formats.dublin_core.reader:read",
    writer="biblioconv.formats.dublin_core.writer:write_dc",
    sniff="biblioconv.formats.dublin_core.sniff:sniff_dc",
    options="biblioconv.formats.dublin_core.options:DcWriteOptions",
    read_options="biblioconv.formats.dublin_core.options:DcReadOptions",
    crosswalk="biblioconv.formats.dublin_core.crosswalk:DC_CROSSWALK",
    description="Simple Dublin Core: bare oai_dc records, DC elements in any container, RDF/XML "
    "descriptions and OAI-PMH GetRecord/ListRecords responses (streamed); writes oai_dc valid "
    "against oai_dc.xsd, following the DataCite to DC mapping and the OpenAIRE conventions.",
    splitter="biblioconv.formats.dublin_core.chunks:split",
    decodes_itself=True,
    validator="biblioconv.formats.dublin_core.validate:validate",
)

DCTERMS = FormatSpec(
    name="dcterms",
    title="Qualified Dublin Core (DCMI terms)",
    aliases=("qdc", "qualified-dc"),
    extensions=(".dcterms.xml", ".qdc.xml"),
    media_types=(),
    reader="biblioconv.formats.dublin_core.reader:read",
    writer="biblioconv.formats.dublin_core.writer:write_dcterms",
    sniff="biblioconv.formats.dublin_core.sniff:sniff_dcterms",
    options="biblioconv.formats.dublin_core.options:DctermsWriteOptions",
    read_options="biblioconv.formats.dublin_core.options:DcReadOptions",
    crosswalk="biblioconv.formats.dublin_core.crosswalk:DCTERMS_CROSSWALK",
    description="Qualified Dublin Core: dcterms refinements with xsi:type encoding schemes, read "
    "like dc; writes records valid against the DCMI qualified-DC schemas.",
    splitter="biblioconv.formats.dublin_core.chunks:split",
    decodes_itself=True,
)


def __getattr__(name: str) -> Any:
    """The options models, imported when first asked for (see :mod:`.options`)."""
    if name in {"DcReadOptions", "DctermsWriteOptions", "DcWriteOptions"}:
        from biblioconv.formats.dublin_core import options

        return getattr(options, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
