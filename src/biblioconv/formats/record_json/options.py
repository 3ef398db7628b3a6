"""Options of the record JSON reader and writer.

Imported when a command asks for them, not when the formats are listed.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["RecordJsonOptions"]


class RecordJsonOptions(BaseModel):
    """Options of the record JSON writer."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    indent: int | None = Field(default=2, description="JSON indentation")
    lines: bool = Field(default=False, description="write JSON Lines (one record per line)")
