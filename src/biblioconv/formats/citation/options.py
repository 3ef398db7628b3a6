"""Options of the ``citation`` writer."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["CitationOptions"]


class CitationOptions(BaseModel):
    """How a bibliography is rendered."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    style: str = Field(
        default="apa",
        description="CSL style: id (apa), alias (vancouver, harvard, chicago, mla...), file path "
        "or URL-like id",
    )
    locale: str = Field(default="en-US", description="locale of terms and dates, e.g. de-DE")
    output: Literal["text", "html", "markdown", "rtf", "latex"] = Field(
        default="text", description="markup of the entries"
    )
