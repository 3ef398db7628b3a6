"""Options of the EndNote XML reader and writer.

Imported when a command asks for them, not when the formats are listed.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["EndnoteXmlWriteOptions"]


class EndnoteXmlWriteOptions(BaseModel):
    """Options of the EndNote XML writer."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    pretty: bool = Field(default=True, description="indent the XML")
    styles: bool = Field(
        default=True,
        description='wrap text in <style face=... font="default" size="100%"> runs as EndNote '
        "does (rich text: italic, bold, superscript, subscript); false: plain text",
    )
