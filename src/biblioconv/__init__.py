"""biblioconv: convert bibliographic metadata between formats and render citations.

>>> import biblioconv
>>> records = biblioconv.loads('[{"id": "x", "type": "book", "title": "T"}]', "csl-json")
>>> records[0].title
'T'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import os
    from typing import Any

    from biblioconv.api import (
        Detection,
        LossError,
        RecordStream,
        convert,
        detect,
        dumps,
        formats,
        loads,
        read,
        write,
    )
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
    from biblioconv.formats.citation.api import Citation
    from biblioconv.formats.citation.session import CitationSession
    from biblioconv.model import Record
    from biblioconv.registry import FormatSpec, register
    from biblioconv.report import ConversionReport, Diagnostic

# The public names are imported on first use (PEP 562), so that importing the package, or the
# command line's entry point, does not load pydantic and the model before anything runs.
_EXPORTS: dict[str, str] = {
    **dict.fromkeys(
        (
            "Detection",
            "LossError",
            "RecordStream",
            "convert",
            "detect",
            "dumps",
            "formats",
            "loads",
            "read",
            "write",
        ),
        "biblioconv.api",
    ),
    **dict.fromkeys(
        (
            "BiblioconvError",
            "FormatNotFound",
            "LimitExceeded",
            "OptionError",
            "ParseError",
            "UnsafeInputError",
            "ValidationError",
            "WriteError",
        ),
        "biblioconv.errors",
    ),
    "Citation": "biblioconv.formats.citation.api",
    "CitationSession": "biblioconv.formats.citation.session",
    "Record": "biblioconv.model",
    "FormatSpec": "biblioconv.registry",
    "register": "biblioconv.registry",
    "ConversionReport": "biblioconv.report",
    "Diagnostic": "biblioconv.report",
}

__version__ = "0.1.0"

__all__ = [
    "BiblioconvError",
    "Citation",
    "CitationSession",
    "ConversionReport",
    "Detection",
    "Diagnostic",
    "FormatNotFound",
    "FormatSpec",
    "LimitExceeded",
    "LossError",
    "OptionError",
    "ParseError",
    "Record",
    "RecordStream",
    "UnsafeInputError",
    "ValidationError",
    "WriteError",
    "__version__",
    "cite",
    "convert",
    "detect",
    "dumps",
    "formats",
    "loads",
    "read",
    "register",
    "validate",
    "write",
]


def cite(
    records: Any,
    style: str = "apa",
    locale: str = "en-US",
    output: str = "text",
    cites: list[list[dict[str, Any]]] | None = None,
) -> list[Citation]:
    """Render records (or CSL-JSON items) as bibliography entries in a CSL style.

    ``style`` is a style id (``apa``), a friendly alias (``vancouver``, ``harvard``), a ``.csl``
    file or a style URL; ``output`` is text, html, markdown, rtf or latex. With ``cites`` (clusters
    of ``{"id", "locator", "label"}``) the in-text citations follow the entries. See
    :func:`biblioconv.formats.citation.api.cite`.
    """
    from biblioconv.formats.citation.api import cite as _cite

    return _cite(records, style=style, locale=locale, output=output, cites=cites)


def validate(
    data: bytes,
    format: str,
    *,
    version: str | None = None,
    schema_dir: str | os.PathLike[str] | None = None,
) -> list[str]:
    """Check a document: structural rules always, official schemas when available.

    Returns the errors (empty when valid; warnings about values, the number of records and what
    was checked against an official schema come from :func:`biblioconv.validation.check`). See
    :func:`biblioconv.validation.validate`.
    """
    from pathlib import Path

    from biblioconv.validation import validate as _validate

    where = Path(schema_dir) if schema_dir is not None else None
    return _validate(data, format, version=version, schema_dir=where)


def __getattr__(name: str) -> Any:
    from importlib import import_module

    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'biblioconv' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public API only (what ``__all__`` names), whether loaded yet or not."""
    return sorted(__all__)


# Names only the code above needed: the package's namespace shows its public API.
del annotations, TYPE_CHECKING
