"""Errors keep their message and attributes when they cross a process boundary (pickled)."""

from __future__ import annotations

import pickle

import pytest

from biblioconv.api import LossError
from biblioconv.errors import (
    BiblioconvError,
    FormatNotFound,
    LimitExceeded,
    OptionError,
    ParseError,
    UnsafeInputError,
    UsageError,
    ValidationError,
    WriteError,
)
from biblioconv.formats.citation.errors import CitationError, StyleError
from biblioconv.report import ConversionReport


def _lossy() -> ConversionReport:
    report = ConversionReport()
    report.add("FIELD_DROPPED", "no home for keywords", record="doe2020", field="keywords")
    return report


ERRORS = [
    BiblioconvError("plain"),
    FormatNotFound("no format named 'bibtext'"),
    UsageError("-O takes FORMAT.OPTION=VALUE"),
    OptionError("unknown option", format="bibtex", option="bibtex.x", valid=("a", "b")),
    ParseError("unbalanced braces", source="refs.bib", line=12, record="doe2020"),
    UnsafeInputError("external entity refused", source="a.xml", line=2),
    LimitExceeded("field longer than 1000000 characters", source="big.ris", record="#3"),
    WriteError("no DOI", record="doe2020", fmt="crossref"),
    ValidationError("2 problems", problems=["line 3: x", "line 9: y"]),
    StyleError("style nope: not found"),
    CitationError("cite x: no item with this id"),
    LossError(_lossy()),
]


def test_every_error_class_is_covered() -> None:
    def subclasses(cls: type) -> set[type]:
        return {cls} | {s for sub in cls.__subclasses__() for s in subclasses(sub)}

    ours = {c for c in subclasses(BiblioconvError) if c.__module__.startswith("biblioconv")}
    assert ours <= {type(e) for e in ERRORS}, ours - {type(e) for e in ERRORS}


@pytest.mark.parametrize("error", ERRORS, ids=lambda e: type(e).__name__)
def test_an_error_pickles_unchanged(error: BiblioconvError) -> None:
    copy = pickle.loads(pickle.dumps(error, protocol=pickle.HIGHEST_PROTOCOL))
    assert type(copy) is type(error)
    assert str(copy) == str(error) and copy.args == error.args
    for name, value in vars(error).items():
        got = getattr(copy, name)
        if isinstance(value, ConversionReport):
            assert got.model_dump() == value.model_dump()
        else:
            assert got == value, name
    if isinstance(error, ParseError):
        assert copy.located("other.bib") is copy  # the place was kept
