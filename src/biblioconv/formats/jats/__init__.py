"""JATS 1.3: the front matter of journal articles and their reference lists (element-citation,
mixed-citation), as PubMed Central, eLife and most journal platforms publish them."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from biblioconv.registry import FormatSpec

__all__ = ["FORMAT", "JatsReadOptions", "JatsWriteOptions"]


class JatsReadOptions(BaseModel):
    """Options of the JATS reader."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    references: bool = Field(
        default=True,
        description="read each ref of an article's ref-list as a record after the article's "
        "own (off: the article only)",
    )


class JatsWriteOptions(BaseModel):
    """Options of the JATS writer."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    pretty: bool = Field(default=True, description="indent the XML")


FORMAT = FormatSpec(
    name="jats",
    title="JATS (Z39.96) 1.3",
    aliases=("jats-xml", "nlm"),
    extensions=(".jats.xml", ".nxml"),
    media_types=("application/jats+xml",),
    reader="biblioconv.formats.jats.reader:read",
    writer="biblioconv.formats.jats.writer:write",
    sniff="biblioconv.formats.jats.sniff:sniff",
    options=JatsWriteOptions,
    read_options=JatsReadOptions,
    crosswalk="biblioconv.formats.jats.crosswalk:CROSSWALK",
    description="JATS articles (front matter and reference lists) read; records written as a "
    "ref-list of element-citations.",
    decodes_itself=True,
    validator="biblioconv.formats.jats.validate:validate",
)
