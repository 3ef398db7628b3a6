"""JATS 1.3: the front matter of journal articles and their reference lists (element-citation,
mixed-citation), as PubMed Central, eLife and most journal platforms publish them."""

from __future__ import annotations

from typing import Any

from biblioconv.registry import FormatSpec

__all__ = ["FORMAT", "JatsReadOptions", "JatsWriteOptions"]


FORMAT = FormatSpec(
    name="jats",
    title="JATS (Z39.96) 1.3",
    aliases=("jats-xml", "nlm"),
    extensions=(".jats.xml", ".nxml"),
    media_types=("application/jats+xml",),
    reader="biblioconv.formats.jats.reader:read",
    writer="biblioconv.formats.jats.writer:write",
    sniff="biblioconv.formats.jats.sniff:sniff",
    options="biblioconv.formats.jats.options:JatsWriteOptions",
    read_options="biblioconv.formats.jats.options:JatsReadOptions",
    crosswalk="biblioconv.formats.jats.crosswalk:CROSSWALK",
    description="JATS articles (front matter and reference lists) read; records written as a "
    "ref-list of element-citations.",
    decodes_itself=True,
    validator="biblioconv.formats.jats.validate:validate",
)


def __getattr__(name: str) -> Any:
    """The options models, imported when first asked for (see :mod:`.options`)."""
    if name in {"JatsReadOptions", "JatsWriteOptions"}:
        from biblioconv.formats.jats import options

        return getattr(options, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
