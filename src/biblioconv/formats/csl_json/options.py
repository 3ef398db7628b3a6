"""Options of the CSL-JSON and CSL-YAML reader and writer.

Imported when a command asks for them, not when the formats are listed.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["CslWriteOptions", "CslYamlWriteOptions"]


class CslWriteOptions(BaseModel):
    """Options of the CSL-JSON writer."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    preserve: bool = Field(
        default=True,
        description="keep what CSL cannot hold in custom.biblioconv so reading it back is lossless",
    )
    indent: int | None = Field(
        default=None,
        description="JSON indentation for pretty output; by default one item per line (fast)",
    )
    lines: bool = Field(default=False, description="write JSON Lines (one item per line)")


class CslYamlWriteOptions(BaseModel):
    """Options of the CSL-YAML writer."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    preserve: bool = Field(
        default=True, description="keep what CSL cannot hold in custom.biblioconv"
    )
