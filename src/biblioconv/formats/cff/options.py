"""Options of the CFF reader and writer.

Imported when a command asks for them, not when the formats are listed.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["CffReadOptions"]


class CffReadOptions(BaseModel):
    """Options of the CFF reader."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    record: Literal["preferred", "work", "both"] = Field(
        default="preferred",
        description="the first record of a CITATION.cff: 'preferred' its preferred-citation "
        "when it has one, else the work (what citing the file should cite; the work is kept in "
        "the record's CFF extras); 'work' the top-level software or data set (the preferred "
        "citation kept in its extras); 'both' the work, then the preferred citation",
    )
    references: bool = Field(
        default=True,
        description="the references as further records, after the first; false: kept in the "
        "first record's CFF extras (and, with a DOI or URL, as its relations References)",
    )
