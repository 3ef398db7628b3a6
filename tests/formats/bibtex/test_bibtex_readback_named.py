"""What BibTeX and BibLaTeX cannot give back as it was, named by the write: small records after
the golden records of the newer formats (CFF, JATS, schema.org, EndNote XML, PubMed) that
exposed differences no diagnostic named. Each is written to both dialects and read back; every
difference must be named (:func:`biblioconv.readback.check`), and the diagnostic that names it
is checked too.
"""

from __future__ import annotations

from typing import Any

import pytest

import biblioconv
from biblioconv import readback
from biblioconv.model import PageRange, Record
from biblioconv.report import ConversionReport

TARGETS = ("bibtex", "biblatex")
BASE: dict[str, Any] = {
    "citation_key": "smith2001",
    "type": "article-journal",
    "titles": [{"text": "A study"}],
    "contributors": [{"family": "Smith", "given": "Jane"}],
    "dates": [{"type": "issued", "start": {"year": 2001}}],
    "container": {"titles": [{"text": "J"}]},
}

#: name -> (record fields over BASE, {target: paths a diagnostic names})
CASES: dict[str, tuple[dict[str, Any], dict[str, list[str]]]] = {
    # a first page that is no page number reads back as page text
    "pages as text": (
        {"type": "book", "container": {"pages": {"first": "318 p"}}},
        {t: ["container.pages"] for t in TARGETS},
    ),
    # a date in free text that reads back as a date (a season and a year)
    "free-text date that parses": (
        {"type": "document", "dates": [{"type": "issued", "literal": "spring 2019"}]},
        {t: ["dates[0]"] for t in TARGETS},
    ),
    # a date's text beside its value: the value is written
    "date text beside the value": (
        {"dates": [{"type": "issued", "start": {"year": 2018}, "literal": "2018 Nov-Dec"}]},
        {t: ["dates[0].literal"] for t in TARGETS},
    ),
    # a conference place is written (BibTeX's location) only in the parts of proceedings,
    # where a reader takes it back for one; BibLaTeX has its venue
    "event place of a book": (
        {
            "type": "book",
            "publisher": {"name": "P", "place": "Citationburgh"},
            "event": {"place": "The team garage"},
        },
        {"bibtex": ["event"], "biblatex": []},
    ),
    # a person with a whole name beside the name in parts: the parts are written
    "whole name beside the parts": (
        {
            "contributors": [
                {"family": "Smith", "given": "Jane"},
                {"role": "editor", "given": "Cody", "family": "Ross", "literal": "Cody"},
            ]
        },
        {t: ["contributors[1].literal"] for t in TARGETS},
    ),
    # a name in decomposed characters reads back composed
    "decomposed name": (
        {"contributors": [{"family": "Hancke\u0301", "given": "Bob"}]},
        {t: ["contributors[0]"] for t in TARGETS},
    ),
    # a title in decomposed characters reads back composed
    "decomposed title": (
        {"titles": [{"text": "Cafe\u0301 society"}]},
        {t: ["titles[0]"] for t in TARGETS},
    ),
    # the ISBN of a chapter is read back as its book's
    "ISBN of a chapter": (
        {
            "type": "chapter",
            "container": {"titles": [{"text": "The Book of Things"}]},
            "identifiers": [{"scheme": "isbn", "value": "9780306406157"}],
        },
        {t: ["identifiers[0]", "container.identifiers(scheme=isbn)"] for t in TARGETS},
    ),
}


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("name", sorted(CASES))
def test_every_difference_is_named(name: str, target: str) -> None:
    update, named = CASES[name]
    record = Record.model_validate({**BASE, **update})
    assert list(readback.check([record], target)) == []
    report = ConversionReport(max_diagnostics=None)
    biblioconv.dumps([record], target, report=report)
    fields = {d.field for d in report.diagnostics}
    assert set(named[target]) <= fields, sorted(f for f in fields if f)


def test_the_conference_place_of_a_paper_comes_back() -> None:
    record = Record.model_validate(
        {
            **BASE,
            "type": "paper-conference",
            "container": {"titles": [{"text": "Proceedings of X"}]},
            "publisher": {"name": "ACM", "place": "New York"},
            "event": {"place": "Lisbon"},
        }
    )
    report = ConversionReport(max_diagnostics=None)
    text = biblioconv.dumps([record], "bibtex", report=report)
    assert "location = {Lisbon}" in text
    assert "event.place" not in {d.field for d in report.diagnostics}
    [back] = biblioconv.loads(text, "bibtex")
    assert back.event is not None and back.event.place == "Lisbon"


def test_pages_and_dates_that_come_back_are_not_reported() -> None:
    record = Record.model_validate(
        {
            **BASE,
            "container": {"titles": [{"text": "J"}], "pages": {"first": "e1234"}},
            "dates": [{"type": "issued", "literal": "n.d."}],
        }
    )
    for target in TARGETS:
        report = ConversionReport(max_diagnostics=None)
        text = biblioconv.dumps([record], target, report=report)
        fields = {d.field for d in report.diagnostics}
        assert "container.pages" not in fields
        assert "dates[0]" not in fields
        [back] = biblioconv.loads(text, target)
        assert back.container is not None
        assert back.container.pages == PageRange(first="e1234")
        assert back.dates[0].literal == "n.d."
