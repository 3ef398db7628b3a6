"""EndNote XML: the ``<xml><records><record>`` libraries EndNote (and Zotero, Mendeley,
reference managers) export."""

from __future__ import annotations

from typing import Any

from biblioconv.registry import FormatSpec, NoOptions

__all__ = ["FORMAT", "EndnoteXmlWriteOptions"]


FORMAT = FormatSpec(
    name="endnote-xml",
    title="EndNote XML",
    aliases=("endnote",),
    extensions=(".endnote.xml",),
    media_types=("application/x-endnote+xml",),
    reader="biblioconv.formats.endnote_xml.reader:read",
    writer="biblioconv.formats.endnote_xml.writer:write",
    sniff="biblioconv.formats.endnote_xml.sniff:sniff",
    options="biblioconv.formats.endnote_xml.options:EndnoteXmlWriteOptions",
    read_options=NoOptions,
    crosswalk="biblioconv.formats.endnote_xml.table:CROSSWALK",
    description="EndNote XML libraries (<xml><records><record>), streamed; <style> runs are "
    "read as rich text.",
    decodes_itself=True,
    splitter="biblioconv.formats.endnote_xml.chunks:split",
    positional_labels=True,
    validator="biblioconv.formats.endnote_xml.validate:validate",
)


def __getattr__(name: str) -> Any:
    """The options models, imported when first asked for (see :mod:`.options`)."""
    if name in {"EndnoteXmlWriteOptions"}:
        from biblioconv.formats.endnote_xml import options

        return getattr(options, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
