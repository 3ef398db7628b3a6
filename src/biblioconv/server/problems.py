"""RFC 9457 problem details: the error of every failed request, one line as the CLI prints it.

:class:`ServiceProblem` is raised by the service's own checks (limits, negotiation);
:func:`problem_for` maps biblioconv's exceptions to a status and a problem type. No web
framework is imported here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import BaseModel, Field

from biblioconv.api import LossError
from biblioconv.errors import (
    BiblioconvError,
    FormatNotFound,
    LimitExceeded,
    OptionError,
    ParseError,
    UnsafeInputError,
    ValidationError,
    WriteError,
)
from biblioconv.formats.citation.errors import CitationError, StyleError

__all__ = ["PROBLEM_MEDIA_TYPE", "TYPE_BASE", "Problem", "ServiceProblem", "problem_for"]

PROBLEM_MEDIA_TYPE = "application/problem+json"
#: The problem types of biblioconv are URNs under this prefix (``urn:biblioconv:problem:parse``).
TYPE_BASE = "urn:biblioconv:problem:"


class Problem(BaseModel):
    """An error response (RFC 9457): ``detail`` is the one line the command line prints."""

    type: str = Field(
        default="about:blank", description="urn:biblioconv:problem:KIND, or about:blank"
    )
    title: str = Field(description="the kind of problem, in a few words")
    status: int = Field(description="the HTTP status code")
    detail: str = Field(description="what went wrong: the command line's one-line message")


@dataclass
class ServiceProblem(Exception):
    """A request the service refuses: its status, kind (the problem type's last part), title,
    one-line detail and extra response headers (``Retry-After``)."""

    status: int
    kind: str
    title: str
    detail: str
    headers: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.detail

    def problem(self) -> Problem:
        """The problem details of the response."""
        return Problem(
            type=TYPE_BASE + self.kind, title=self.title, status=self.status, detail=self.detail
        )


def problem_for(exc: BiblioconvError) -> ServiceProblem:
    """The problem for one of biblioconv's errors (the most specific class first)."""
    detail = str(exc)
    table: tuple[tuple[type[BaseException], int, str, str], ...] = (
        (UnsafeInputError, 400, "unsafe-input", "Hostile input refused"),
        (LimitExceeded, 413, "limit-exceeded", "Input exceeds a limit"),
        (ParseError, 400, "parse-error", "Input cannot be read"),
        (OptionError, 400, "option-error", "Bad format option"),
        (FormatNotFound, 400, "format-not-found", "Unknown or undetectable format"),
        (WriteError, 422, "write-error", "Records cannot be written in the target format"),
        (ValidationError, 422, "validation-error", "Invalid document"),
        (LossError, 422, "lossy", "Conversion is lossy (strict mode)"),
        (StyleError, 400, "style-error", "Unknown or unusable citation style"),
        (CitationError, 400, "citation-error", "Citations cannot be rendered"),
    )
    for cls, status, kind, title in table:
        if isinstance(exc, cls):
            return ServiceProblem(status, kind, title, detail)
    return ServiceProblem(400, "error", "Request cannot be processed", detail)
