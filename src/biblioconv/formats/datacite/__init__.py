"""DataCite: XML kernel 3.1 and 4.0-4.7, and DataCite JSON (REST API shape)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from biblioconv.registry import FormatSpec, NoOptions

__all__ = ["FORMAT", "JSON_FORMAT", "DataciteJsonWriteOptions", "DataciteWriteOptions"]

KernelVersion = Literal["3.1", "4.0", "4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7"]


class DataciteWriteOptions(BaseModel):
    """Options of the DataCite XML writer."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    version: KernelVersion = Field(
        default="4.7",
        description="kernel version to write (3.1 or 4.0-4.7); values it lacks are mapped to the "
        "nearest allowed value and reported (VERSION_DOWNGRADE)",
    )
    fill_unknown: bool = Field(
        default=False,
        description="write DataCite's unknown-value codes (:unav, :tba) for missing mandatory "
        "properties instead of refusing the record",
    )
    pretty: bool = Field(default=True, description="indent the XML")
    envelope: Literal["auto", "oai-pmh", "none"] = Field(
        default="auto",
        description="'auto': a bare <resource> document for one record, an OAI-PMH ListRecords "
        "response (metadataPrefix datacite) for several or none; 'oai-pmh': always the "
        "response; 'none': a bare document only (several records are refused)",
    )
    response_date: str | None = Field(
        default=None,
        description="responseDate of the OAI-PMH envelope (UTC, e.g. 2026-01-01T00:00:00Z); "
        "default: now",
    )
    base_url: str = Field(
        default="https://example.org/oai",
        description="the OAI-PMH request URL written in the envelope",
    )


class DataciteJsonWriteOptions(BaseModel):
    """Options of the DataCite JSON writer."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    version: KernelVersion = Field(
        default="4.7", description="kernel version whose properties and lists are used"
    )
    fill_unknown: bool = Field(
        default=False,
        description="write DataCite's unknown-value codes for missing mandatory properties",
    )
    indent: int | None = Field(default=2, description="JSON indentation; none for compact output")
    lines: bool = Field(default=False, description="write JSON Lines (one resource per line)")


FORMAT = FormatSpec(
    name="datacite",
    title="DataCite XML",
    aliases=("datacite-xml",),
    extensions=(".datacite.xml",),
    media_types=("application/vnd.datacite.datacite+xml",),
    reader="biblioconv.formats.datacite.reader:read",
    writer="biblioconv.formats.datacite.writer:write",
    sniff="biblioconv.formats.datacite.sniff:sniff_xml",
    options=DataciteWriteOptions,
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
    options=DataciteJsonWriteOptions,
    read_options=NoOptions,
    crosswalk="biblioconv.formats.datacite.table:JSON_CROSSWALK",
    option_scopes=("datacite",),
    description="DataCite REST API JSON (data.attributes), single resources, lists and JSON Lines.",
    splitter="biblioconv.splitting:split_json_lines",
    validator="biblioconv.formats.datacite.validate:validate_json",
)
