"""DataCite: XML kernel 3.1 and 4.0-4.7, and DataCite JSON (REST API shape)."""

from __future__ import annotations

from typing import Any

from biblioconv.registry import FormatSpec, NoOptions

__all__ = ["FORMAT", "JSON_FORMAT", "DataciteJsonWriteOptions", "DataciteWriteOptions"]


FORMAT = FormatSpec(
    name="datacite",
    title="DataCite XML",
    aliases=("datacite-xml",),
    extensions=(".datacite.xml",),
    media_types=("application/vnd.datacite.datacite+xml",),
    reader="biblioconv.formats.datacite.reader:read",
    writer="biblioconv.formats.datacite.writer:write",
    sniff="biblioconv.formats.datacite.sniff:sniff_xml",
    options="biblioconv.formats.datacite.options:DataciteWriteOptions",
    read_options=NoOptions,
    crosswalk="biblioconv.formats.datacite.table:CROSSWALK",
    description="DataCite Metadata Schema XML, kernel 3.0/3.1 and 4.0-4.7: single resources, "
    "OAI-PMH ListRecords (oai_datacite, datacite) and concatenated dumps.",
    splitter="biblioconv.formats.datacite.chunks:split",
    decodes_itself=True,
    validator="biblioconv.formats.datacite.validate:validate_xml",
)

JSON_FORMAT = FormatSpec(
    name="datacite-json",
    title="DataCite JSON",
    aliases=("datacite-rest",),
    extensions=(".datacite.json",),
    media_types=("application/vnd.datacite.datacite+json",),
    reader="biblioconv.formats.datacite.json_reader:read",
    writer="biblioconv.formats.datacite.json_writer:write",
    sniff="biblioconv.formats.datacite.sniff:sniff_json",
    options="biblioconv.formats.datacite.options:DataciteJsonWriteOptions",
    read_options=NoOptions,
    crosswalk="biblioconv.formats.datacite.table:JSON_CROSSWALK",
    option_scopes=("datacite",),
    description="DataCite REST API JSON (data.attributes), single resources, lists and JSON Lines.",
    splitter="biblioconv.splitting:split_json_lines",
    validator="biblioconv.formats.datacite.validate:validate_json",
)


def __getattr__(name: str) -> Any:
    """The options models, imported when first asked for (see :mod:`.options`)."""
    if name in {"DataciteWriteOptions", "DataciteJsonWriteOptions"}:
        from biblioconv.formats.datacite import options

        return getattr(options, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
