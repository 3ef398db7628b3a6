"""RIS: the tagged exchange format of EndNote, Zotero, Mendeley, Web of Science, Scopus, PubMed,
EBSCO and most publisher sites (2001 and 2011 specifications)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from biblioconv.registry import FormatSpec

__all__ = ["FORMAT", "RisReadOptions", "RisWriteOptions"]


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


FORMAT = FormatSpec(
    name="ris",
    title="RIS",
    aliases=("refman", "research-info-systems"),
    extensions=(".ris",),
    media_types=("application/x-research-info-systems",),
    reader="biblioconv.formats.ris.reader:read",
    writer="biblioconv.formats.ris.writer:write",
    sniff="biblioconv.formats.ris.sniff:sniff",
    options=RisWriteOptions,
    read_options=RisReadOptions,
    crosswalk="biblioconv.formats.ris.crosswalk:CROSSWALK",
    description="RIS tagged records (TY ... ER), every vendor dialect: EndNote, Zotero, Mendeley, "
    "Web of Science, Scopus, PubMed, EBSCO, Ovid, ProQuest; 2001 and 2011 tags.",
    splitter="biblioconv.formats.ris.chunks:split",
    positional_labels=True,
)
