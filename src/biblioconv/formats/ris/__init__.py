"""RIS: the tagged exchange format of EndNote, Zotero, Mendeley, Web of Science, Scopus, PubMed,
EBSCO and most publisher sites (2001 and 2011 specifications)."""

from __future__ import annotations

from typing import Any

from biblioconv.registry import FormatSpec

__all__ = ["FORMAT", "RisReadOptions", "RisWriteOptions"]


FORMAT = FormatSpec(
    name="ris",
    title="RIS",
    aliases=("refman", "research-info-systems"),
    extensions=(".ris",),
    media_types=("application/x-research-info-systems",),
    reader="biblioconv.formats.ris.reader:read",
    writer="biblioconv.formats.ris.writer:write",
    sniff="biblioconv.formats.ris.sniff:sniff",
    options="biblioconv.formats.ris.options:RisWriteOptions",
    read_options="biblioconv.formats.ris.options:RisReadOptions",
    crosswalk="biblioconv.formats.ris.crosswalk:CROSSWALK",
    description="RIS tagged records (TY ... ER), every vendor dialect: EndNote, Zotero, Mendeley, "
    "Web of Science, Scopus, PubMed, EBSCO, Ovid, ProQuest; 2001 and 2011 tags.",
    splitter="biblioconv.formats.ris.chunks:split",
    positional_labels=True,
)


def __getattr__(name: str) -> Any:
    """The options models, imported when first asked for (see :mod:`.options`)."""
    if name in {"RisReadOptions", "RisWriteOptions"}:
        from biblioconv.formats.ris import options

        return getattr(options, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
