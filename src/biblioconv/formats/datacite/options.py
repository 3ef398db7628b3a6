"""Options of the DataCite XML and JSON reader and writer.

Imported when a command asks for them, not when the formats are listed.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["DataciteJsonWriteOptions", "DataciteWriteOptions"]

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
