"""MODS: the Library of Congress's Metadata Object Description Schema, 3.0-3.8."""

from __future__ import annotations

from typing import Any

from biblioconv.registry import FormatSpec, NoOptions

__all__ = ["FORMAT", "ModsWriteOptions"]


FORMAT = FormatSpec(
    name="mods",
    title="MODS XML",
    aliases=("mods-xml",),
    extensions=(".mods.xml", ".mods"),
    media_types=("application/mods+xml",),
    reader="biblioconv.formats.mods.reader:read",
    writer="biblioconv.formats.mods.writer:write",
    sniff="biblioconv.formats.mods.sniff:sniff",
    options="biblioconv.formats.mods.options:ModsWriteOptions",
    read_options=NoOptions,
    crosswalk="biblioconv.formats.mods.table:CROSSWALK",
    description="Metadata Object Description Schema (MODS) XML: reads 3.0-3.8 (any namespace "
    "prefix), single <mods> documents and <modsCollection>, streamed; writes 3.8.",
    decodes_itself=True,
    splitter="biblioconv.formats.mods.chunks:split",
    positional_labels=True,
    validator="biblioconv.formats.mods.validate:validate",
    unique_values="biblioconv.formats.mods.writer:unique_values",
)


def __getattr__(name: str) -> Any:
    """The options models, imported when first asked for (see :mod:`.options`)."""
    if name in {"ModsWriteOptions"}:
        from biblioconv.formats.mods import options

        return getattr(options, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
