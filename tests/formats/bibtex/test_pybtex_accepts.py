"""A BibTeX-compatible processor accepts our output: the real corpus and the RIS vendor exports,
written as BibTeX (ASCII) and BibLaTeX, parse with pybtex without one error or warning."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pybtex.errors
import pytest
from bibtex_support import CORPUS, SHARED
from pybtex.database import parse_string

import biblioconv
from biblioconv.model import Record

RIS_EXPORTS = sorted((SHARED / "corpus" / "ris").glob("*.ris"))
_FIELD = re.compile(r"^  ([A-Za-z][\w:.+-]*) = ", re.M)


def _check(text: str, n_records: int, fmt: str) -> None:
    """pybtex reads every entry with no error or warning; no entry repeats a field name."""
    with warnings.catch_warnings(record=True) as caught, pybtex.errors.capture() as errors:
        warnings.simplefilter("always")
        data = parse_string(text, "bibtex")
        for entry in data.entries.values():
            for people in entry.persons.values():  # names parsed: bad name strings reported
                for person in people:
                    str(person)
    assert [str(e) for e in errors] == []
    assert [str(w.message) for w in caught] == []
    assert len(data.entries) == n_records
    for entry in re.split(r"\n(?=@)", text):
        names = [n.lower() for n in _FIELD.findall(entry)]
        assert len(names) == len(set(names)), entry[:200]
    if fmt == "bibtex":
        assert text.isascii(), sorted({c for c in text if not c.isascii()})[:20]


@pytest.fixture(scope="module")
def corpus_records() -> list[Record]:
    return list(biblioconv.read(CORPUS, "bibtex"))


def test_corpus_bibtex_parses_with_pybtex(corpus_records: list[Record]) -> None:
    _check(biblioconv.dumps(corpus_records, "bibtex"), len(corpus_records), "bibtex")


@pytest.mark.parametrize("path", RIS_EXPORTS, ids=lambda p: p.stem)
@pytest.mark.parametrize("fmt", ["bibtex", "biblatex"])
def test_ris_exports_parse_with_pybtex(path: Path, fmt: str) -> None:
    records = biblioconv.loads(path.read_bytes(), "ris")
    assert records
    _check(biblioconv.dumps(records, fmt), len(records), fmt)


def test_there_are_vendor_exports() -> None:
    assert len(RIS_EXPORTS) >= 6
