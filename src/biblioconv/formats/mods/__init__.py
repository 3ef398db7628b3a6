"""MODS: the Library of Congress's Metadata Object Description Schema, 3.0-3.8."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from biblioconv.registry import FormatSpec, NoOptions

__all__ = ["FORMAT", "ModsWriteOptions"]


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


FORMAT = FormatSpec(
    name="mods",
    title="MODS XML",
    aliases=("mods-xml",),
    extensions=(".mods.xml", ".mods"),
    media_types=("application/mods+xml",),
    reader="biblioconv.formats.mods.reader:read",
    writer="biblioconv.formats.mods.writer:write",
    sniff="biblioconv.formats.mods.sniff:sniff",
    options=ModsWriteOptions,
    read_options=NoOptions,
    crosswalk="biblioconv.formats.mods.table:CROSSWALK",
    description="Metadata Object Description Schema (MODS) XML: reads 3.0-3.8 (any namespace "
    "prefix), single <mods> documents and <modsCollection>, streamed; writes 3.8.",
    decodes_itself=True,
    splitter="biblioconv.formats.mods.chunks:split",
    positional_labels=True,
    validator="biblioconv.formats.mods.validate:validate",
)
