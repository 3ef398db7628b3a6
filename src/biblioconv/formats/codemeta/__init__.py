"""CodeMeta: software metadata as JSON-LD (``codemeta.json``, CodeMeta 2.0 and 3.0)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from biblioconv.registry import FormatSpec, NoOptions

__all__ = ["FORMAT", "CodemetaWriteOptions"]


class CodemetaWriteOptions(BaseModel):
    """Options of the CodeMeta writer."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    version: Literal["3.0", "2.0"] = Field(
        default="3.0",
        description="CodeMeta version: its @context URL and its terms (2.0: contIntegration, "
        "embargoDate; 3.0: continuousIntegration, embargoEndDate)",
    )


FORMAT = FormatSpec(
    name="codemeta",
    title="CodeMeta",
    aliases=("codemeta-json",),
    extensions=(".codemeta.json", "codemeta.json"),
    media_types=("application/vnd.codemeta.ld+json",),
    reader="biblioconv.formats.codemeta.reader:read",
    writer="biblioconv.formats.codemeta.writer:write",
    sniff="biblioconv.formats.codemeta.sniff:sniff",
    options=CodemetaWriteOptions,
    read_options=NoOptions,
    streams=False,
    crosswalk="biblioconv.formats.codemeta.crosswalk:CROSSWALK",
    validator="biblioconv.formats.codemeta.validate:validate",
    description="codemeta.json: software metadata as JSON-LD (CodeMeta 2.0 and 3.0).",
)
