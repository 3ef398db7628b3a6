"""Options of the MODS reader and writer.

Imported when a command asks for them, not when the formats are listed.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["ModsWriteOptions"]


class ModsWriteOptions(BaseModel):
    """Options of the MODS writer."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    pretty: bool = Field(default=True, description="indent the XML")
    collection: Literal["auto", "always", "never"] = Field(
        default="auto",
        description="'auto': a bare <mods> document for one record, a <modsCollection> for "
        "several or none; 'always': a <modsCollection>; 'never': a bare <mods> only (several "
        "records are refused)",
    )
