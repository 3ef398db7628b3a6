"""Options of the CodeMeta reader and writer.

Imported when a command asks for them, not when the formats are listed.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["CodemetaWriteOptions"]


class CodemetaWriteOptions(BaseModel):
    """Options of the CodeMeta writer."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    version: Literal["3.0", "2.0"] = Field(
        default="3.0",
        description="CodeMeta version: its @context URL and its terms (2.0: contIntegration, "
        "embargoDate; 3.0: continuousIntegration, embargoEndDate)",
    )
