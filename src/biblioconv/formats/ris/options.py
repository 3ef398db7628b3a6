"""Options of the RIS reader and writer.

Imported when a command asks for them, not when the formats are listed.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["RisReadOptions", "RisWriteOptions"]


class RisReadOptions(BaseModel):
    """Options of the RIS reader."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    encoding: str | None = Field(
        default=None,
        description="input encoding; by default UTF-8 with a per-line fallback to Windows-1252",
    )
    split_keywords: bool = Field(
        default=True, description="split a KW line holding 'a; b' into separate keywords"
    )


class RisWriteOptions(BaseModel):
    """Options of the RIS writer."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    line_endings: Literal["crlf", "lf"] = Field(
        default="crlf", description="line ends: crlf (as the specification asks) or lf"
    )
    bom: bool = Field(default=False, description="start the output with a UTF-8 byte order mark")
    markup: Literal["auto", "plain", "keep"] = Field(
        default="auto",
        description=(
            'rich-text tags in titles (<i>, <sup>, <span class="nocase">...): removed (plain), '
            "kept as Zotero writes them (keep), or kept only in records read from RIS (auto)"
        ),
    )
    spec: Literal["2011", "2001"] = Field(
        default="2011",
        description="tag set: 2011 (TI, AU, AB, PY/DA, J2) or the old 2001 one (T1, A1, N2, Y1, JF/JA, BT)",
    )
