"""CodeMeta: software metadata as JSON-LD (``codemeta.json``, CodeMeta 2.0 and 3.0)."""

from __future__ import annotations

from typing import Any

from biblioconv.registry import FormatSpec, NoOptions

__all__ = ["FORMAT", "CodemetaWriteOptions"]


FORMAT = FormatSpec(
    name="codemeta",
    title="CodeMeta",
    aliases=("codemeta-json",),
    extensions=(".codemeta.json", "codemeta.json"),
    media_types=("application/vnd.codemeta.ld+json",),
    reader="biblioconv.formats.codemeta.reader:read",
    writer="biblioconv.formats.codemeta.writer:write",
    sniff="biblioconv.formats.codemeta.sniff:sniff",
    options="biblioconv.formats.codemeta.options:CodemetaWriteOptions",
    read_options=NoOptions,
    streams=False,
    crosswalk="biblioconv.formats.codemeta.crosswalk:CROSSWALK",
    validator="biblioconv.formats.codemeta.validate:validate",
    description="codemeta.json: software metadata as JSON-LD (CodeMeta 2.0 and 3.0).",
)


def __getattr__(name: str) -> Any:
    """The options models, imported when first asked for (see :mod:`.options`)."""
    if name in {"CodemetaWriteOptions"}:
        from biblioconv.formats.codemeta import options

        return getattr(options, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
