"""EndNote XML: the ``<xml><records><record>`` libraries EndNote (and Zotero, Mendeley,
reference managers) export."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from biblioconv.registry import FormatSpec, NoOptions

__all__ = ["FORMAT", "EndnoteXmlWriteOptions"]


class EndnoteXmlWriteOptions(BaseModel):
    """Options of the EndNote XML writer."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    pretty: bool = Field(default=True, description="indent the XML")
    styles: bool = Field(
        default=True,
        description='wrap text in <style face=... font="default" size="100%"> runs as EndNote '
        "does (rich text: italic, bold, superscript, subscript); false: plain text",
    )


FORMAT = FormatSpec(
    name="endnote-xml",
    title="EndNote XML",
    aliases=("endnote",),
    extensions=(".endnote.xml",),
    media_types=("application/x-endnote+xml",),
    reader="biblioconv.formats.endnote_xml.reader:read",
    writer="biblioconv.formats.endnote_xml.writer:write",
    sniff="biblioconv.formats.endnote_xml.sniff:sniff",
    options=EndnoteXmlWriteOptions,
    read_options=NoOptions,
    crosswalk="biblioconv.formats.endnote_xml.table:CROSSWALK",
    description="EndNote XML libraries (<xml><records><record>), streamed; <style> runs are "
    "read as rich text.",
    decodes_itself=True,
    splitter="biblioconv.formats.endnote_xml.chunks:split",
    positional_labels=True,
    validator="biblioconv.formats.endnote_xml.validate:validate",
)
