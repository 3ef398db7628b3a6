"""CFF: the Citation File Format (``CITATION.cff``, version 1.2.0)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from biblioconv.registry import FormatSpec, NoOptions

__all__ = ["FORMAT", "CffReadOptions"]


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


FORMAT = FormatSpec(
    name="cff",
    title="Citation File Format (CFF)",
    aliases=("citation-cff",),
    extensions=(".cff",),
    media_types=("application/x-cff+yaml",),
    reader="biblioconv.formats.cff.reader:read",
    writer="biblioconv.formats.cff.writer:write",
    sniff="biblioconv.formats.cff.sniff:sniff",
    options=NoOptions,
    read_options=CffReadOptions,
    streams=False,
    crosswalk="biblioconv.formats.cff.crosswalk:CROSSWALK",
    validator="biblioconv.formats.cff.validate:validate",
    description="CITATION.cff files (CFF 1.2.0): software and data sets with their preferred "
    "citation and references.",
)
