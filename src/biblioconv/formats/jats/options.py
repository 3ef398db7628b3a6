"""Options of the JATS reader and writer.

Imported when a command asks for them, not when the formats are listed.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["JatsReadOptions", "JatsWriteOptions"]


class JatsReadOptions(BaseModel):
    """Options of the JATS reader."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    references: bool = Field(
        default=True,
        description="read each ref of an article's ref-list as a record after the article's "
        "own (off: the article only)",
    )


class JatsWriteOptions(BaseModel):
    """Options of the JATS writer."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    pretty: bool = Field(default=True, description="indent the XML")
