"""The request and response models of the HTTP API (the OpenAPI schema is made from them)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from biblioconv.report import Diagnostic

__all__ = [
    "CiteIn",
    "CiteRequest",
    "CiteResponse",
    "ClusterIn",
    "ClusterOut",
    "ConvertEnvelope",
    "DetectResult",
    "Entry",
    "FormatInfo",
    "Health",
    "Limits",
    "StyleInfo",
    "ValidateResult",
    "ValidationProblem",
]


class Limits(BaseModel):
    """The limits the service puts on every request."""

    max_body_bytes: int
    max_records: int
    timeout_seconds: float
    max_concurrent: int


class Health(BaseModel):
    """The service is up."""

    status: Literal["ok"] = "ok"
    version: str = Field(description="biblioconv's version")
    limits: Limits


class FormatInfo(BaseModel):
    """One format the service reads or writes."""

    name: str
    title: str
    aliases: list[str] = Field(default_factory=list)
    read: bool
    write: bool
    media_types: list[str] = Field(description="the media types naming it, the first answered")
    extensions: list[str] = Field(default_factory=list)
    description: str = ""
    read_options: list[str] = Field(default_factory=list)
    write_options: list[str] = Field(default_factory=list)


class StyleInfo(BaseModel):
    """A CSL citation style."""

    id: str
    title: str


class DetectResult(BaseModel):
    """The format of a body, how sure and why."""

    format: str
    confidence: float
    reason: str = Field(description="content, extension, or extension and content")


class ValidationProblem(BaseModel):
    """One finding of ``POST /validate``."""

    severity: Literal["error", "warning"]
    message: str
    line: int | None = None
    record: str | None = None
    text: str = Field(description="the line the command line prints for it")


class ValidateResult(BaseModel):
    """Whether a body is a valid document of its format."""

    format: str
    valid: bool
    records: int
    errors: list[ValidationProblem]
    warnings: list[ValidationProblem]
    schema_checked: str = Field(description="what was checked against an official schema")


class ConvertEnvelope(BaseModel):
    """``POST /convert?report=json``: the output with its loss report."""

    source_format: str
    target_format: str
    media_type: str
    records: int = Field(description="records written")
    records_read: int
    records_skipped: int
    losses: int = Field(description="diagnostics saying something was lost")
    output: str = Field(description="the converted text")
    report: list[Diagnostic] = Field(description="every diagnostic kept in full")
    omitted: int = Field(default=0, description="diagnostics counted but not kept in full")
    summary: str = Field(description="the summary the command line prints")


class CiteIn(BaseModel):
    """One cite of a cluster: an item id and where in it."""

    model_config = ConfigDict(extra="forbid")

    id: str
    locator: str | None = None
    label: str | None = Field(default=None, description="page, chapter, section...")
    prefix: str | None = None
    suffix: str | None = None
    suppress_author: bool | None = None
    author_only: bool | None = None


class ClusterIn(BaseModel):
    """A citation cluster in document order."""

    model_config = ConfigDict(extra="forbid")

    cites: list[CiteIn] = Field(min_length=1)
    note_number: int | None = Field(
        default=None, description="its footnote number (note styles; 0 or none: in the text)"
    )


class CiteRequest(BaseModel):
    """``POST /cite``: the items (CSL-JSON, or the text of any readable format), the style,
    and optionally the clusters cited in document order."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    items: list[dict[str, Any]] | None = Field(default=None, description="CSL-JSON items")
    input: str | None = Field(default=None, description="records in any readable format")
    from_: str | None = Field(default=None, alias="from", description="the format of input")
    style: str = Field(default="apa", description="style id or alias (see GET /styles)")
    locale: str = "en-US"
    format: Literal["text", "html", "markdown", "rtf", "latex"] = "text"
    clusters: list[ClusterIn] | None = Field(
        default=None, description="without: the bibliography of every item"
    )


class ClusterOut(BaseModel):
    """A rendered cluster."""

    index: int
    id: str
    note: int = Field(description="its note number (0: in the text)")
    text: str


class Entry(BaseModel):
    """A bibliography entry."""

    id: str
    text: str = Field(description="in the requested format")
    html: str


class CiteResponse(BaseModel):
    """The rendered clusters and bibliography."""

    style: str
    locale: str
    format: str
    note_style: bool = Field(description="whether the style puts citations in notes")
    clusters: list[ClusterOut]
    bibliography: list[str] = Field(description="the entries' text, in bibliography order")
    entries: list[Entry]
    report: list[Diagnostic] = Field(description="what reading the input reported")
