"""biblioconv: convert bibliographic metadata between formats and render citations.

>>> import biblioconv
>>> records = biblioconv.loads('[{"id": "x", "type": "book", "title": "T"}]', "csl-json")
>>> records[0].title
'T'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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
    ParseError,
    UnsafeInputError,
    ValidationError,
    WriteError,
)
from biblioconv.model import Record
from biblioconv.registry import FormatSpec, register
from biblioconv.report import ConversionReport, Diagnostic

if TYPE_CHECKING:
    pass

__version__ = "0.1.0"

__all__ = [
    "BiblioconvError",
    "ConversionReport",
    "Detection",
    "Diagnostic",
    "FormatNotFound",
    "FormatSpec",
    "LimitExceeded",
    "LossError",
    "ParseError",
    "Record",
    "RecordStream",
    "UnsafeInputError",
    "ValidationError",
    "WriteError",
    "__version__",
    "convert",
    "detect",
    "dumps",
    "formats",
    "loads",
    "read",
    "register",
    "write",
]


def __getattr__(name: str) -> Any:
    raise AttributeError(f"module 'biblioconv' has no attribute {name!r}")
