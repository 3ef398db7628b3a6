"""Options of the Crossref XML reader and writer.

Imported when a command asks for them, not when the formats are listed.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["CrossrefWriteOptions"]


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
