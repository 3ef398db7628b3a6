"""Crossref XML: deposits (schema 5.x, written as 5.3.1) and query output (unixref 1.1, unixsd)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from biblioconv.registry import FormatSpec, NoOptions

__all__ = ["FORMAT", "CrossrefWriteOptions"]


class CrossrefWriteOptions(BaseModel):
    """Options of the Crossref deposit writer: the batch head and what to do without a landing
    page."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    depositor_name: str = Field(
        default="biblioconv", description="head/depositor/depositor_name of the batch"
    )
    depositor_email: str = Field(
        default="depositor@example.org", description="head/depositor/email_address of the batch"
    )
    registrant: str = Field(
        default="biblioconv", description="head/registrant: the organisation that owns the DOIs"
    )
    doi_batch_id: str | None = Field(
        default=None, description="head/doi_batch_id; default: derived from the timestamp"
    )
    timestamp: str | None = Field(
        default=None,
        description="head/timestamp (digits, growing with each deposit of the same DOIs); "
        "default: now, as YYYYMMDDhhmmss plus three digits",
    )
    resource: str | None = Field(
        default=None,
        description="landing-page template for records without a URL, '{doi}' replaced by the "
        "DOI (e.g. https://publisher.example/{doi}); without it such records are refused",
    )
    pretty: bool = Field(default=True, description="indent the XML")


FORMAT = FormatSpec(
    name="crossref",
    title="Crossref XML",
    aliases=("crossref-xml", "crossref-deposit", "unixref", "unixsd"),
    extensions=(".crossref.xml",),
    media_types=("application/vnd.crossref.deposit+xml",),
    reader="biblioconv.formats.crossref.reader:read",
    writer="biblioconv.formats.crossref.writer:write",
    sniff="biblioconv.formats.crossref.sniff:sniff",
    options=CrossrefWriteOptions,
    read_options=NoOptions,
    crosswalk="biblioconv.formats.crossref.table:CROSSWALK",
    description="Crossref deposit XML (doi_batch, schema 5.0-5.3.1 read, 5.3.1 written) and "
    "Crossref query output (unixref 1.1 crossref records, unixsd crossref_result), read in "
    "streaming.",
    decodes_itself=True,
    validator="biblioconv.formats.crossref.validate:validate_xml",
)
