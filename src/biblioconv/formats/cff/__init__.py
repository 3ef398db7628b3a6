"""CFF: the Citation File Format (``CITATION.cff``, version 1.2.0)."""

from __future__ import annotations

from typing import Any

from biblioconv.registry import FormatSpec, NoOptions

__all__ = ["FORMAT", "CffReadOptions"]


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
    read_options="biblioconv.formats.cff.options:CffReadOptions",
    streams=False,
    crosswalk="biblioconv.formats.cff.crosswalk:CROSSWALK",
    validator="biblioconv.formats.cff.validate:validate",
    description="CITATION.cff files (CFF 1.2.0): software and data sets with their preferred "
    "citation and references.",
)


def __getattr__(name: str) -> Any:
    """The options models, imported when first asked for (see :mod:`.options`)."""
    if name in {"CffReadOptions"}:
        from biblioconv.formats.cff import options

        return getattr(options, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
