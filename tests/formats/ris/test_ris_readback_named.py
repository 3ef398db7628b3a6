"""What RIS cannot give back as it was, named by the write: small records after the golden
records of the newer formats (EndNote XML, Crossref, JATS, CFF, MODS, CodeMeta, schema.org,
PubMed) that exposed differences no diagnostic named. Each is written and read back; every
difference must be named (:func:`biblioconv.readback.check`), and the diagnostic that names it
is checked too.
"""

from __future__ import annotations

from typing import Any

import pytest

import biblioconv
from biblioconv import readback
from biblioconv.model import Record
from biblioconv.report import ConversionReport

BASE: dict[str, Any] = {
    "type": "article-journal",
    "titles": [{"text": "A study"}],
    "contributors": [{"family": "Smith", "given": "Jane"}],
    "dates": [{"type": "issued", "start": {"year": 2001}}],
    "container": {"titles": [{"text": "J"}]},
}

#: name -> (record fields over BASE, paths a diagnostic names)
CASES: dict[str, tuple[dict[str, Any], list[str]]] = {
    # an abstract's blank lines, spaces around lines and carriage returns are not kept
    "abstract lines": (
        {
            "descriptions": [
                {"text": "First paragraph.\n\n    Second paragraph."},
                {"text": "Blichert-Toft, M\rAndersen, J", "type": "note"},
            ]
        },
        ["descriptions[0].text", "descriptions[1].text"],
    ),
    # a title on two lines is written on one
    "title lines": ({"titles": [{"text": "A study\nof lines"}]}, ["titles[0]"]),
    # a free-text date that parses as a date; a date's text beside its value
    "free-text date": (
        {"dates": [{"type": "issued", "literal": "spring 2019"}]},
        ["dates[0]"],
    ),
    "date text beside the value": (
        {"dates": [{"type": "issued", "start": {"year": 2018}, "literal": "2018 Nov-Dec"}]},
        ["dates[0].literal"],
    ),
    # in a JFULL every SN is the record's own: an e-ISSN of the container too
    "e-ISSN of a whole journal's container": (
        {
            "type": "periodical",
            "container": {
                "titles": [{"text": "J"}],
                "identifiers": [
                    {"scheme": "eissn", "value": "1942-4027"},
                    {"scheme": "issn", "value": "2165-848X"},
                ],
            },
        },
        ["container.identifiers[0]", "identifiers[0]"],
    ),
    # an identifier given twice is written once (a reader keeps one of each)
    "repeated identifiers": (
        {
            "identifiers": [
                {"scheme": "url", "value": "https://example.org/a"},
                {"scheme": "url", "value": "https://example.org/b"},
                {"scheme": "url", "value": "https://example.org/a"},
                {"scheme": "url", "value": "https://example.org/c"},
            ],
            "container": {
                "titles": [{"text": "J"}],
                "identifiers": [
                    {"scheme": "issn", "value": "0007-0963", "label": "Print"},
                    {"scheme": "issn", "value": "0007-0963"},
                ],
            },
        },
        ["identifiers[2]", "identifiers[3]", "container.identifiers[1]"],
    ),
    # an SN that is neither ISBN nor ISSN is a patent's number
    "patent number as ISBN": (
        {
            "type": "patent",
            "container": None,
            "identifiers": [{"scheme": "isbn", "value": "WO2011US30214"}],
        },
        ["identifiers[0]", "number"],
    ),
    # a language's name reads back as its code
    "language name": ({"language": "English"}, ["language"]),
    # a whole name beside the name in parts: the whole name is written
    "whole name beside the parts": (
        {
            "contributors": [
                {"family": "Smith", "given": "Jane"},
                {"role": "editor", "given": "Cody", "family": "Ross", "literal": "Cody"},
            ]
        },
        ["contributors[1]"],
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_difference_is_named(name: str) -> None:
    update, named = CASES[name]
    record = Record.model_validate({**BASE, **update})
    assert list(readback.check([record], "ris")) == []
    report = ConversionReport(max_diagnostics=None)
    biblioconv.dumps([record], "ris", report=report)
    fields = {d.field for d in report.diagnostics}
    assert set(named) <= fields, sorted(f for f in fields if f)


def test_what_comes_back_is_not_reported() -> None:
    record = Record.model_validate(
        {
            **BASE,
            "descriptions": [{"text": "One paragraph.\nAnother."}],
            "language": "en",
            "dates": [{"type": "issued", "literal": "n.d."}],
            "identifiers": [
                {"scheme": "url", "value": "https://example.org/a"},
                {"scheme": "url", "value": "https://example.org/b"},
            ],
        }
    )
    report = ConversionReport(max_diagnostics=None)
    text = biblioconv.dumps([record], "ris", report=report)
    fields = {d.field for d in report.diagnostics}
    assert not fields & {"descriptions[0].text", "language", "dates[0]", "identifiers[1]"}
    [back] = biblioconv.loads(text, "ris")
    assert back.descriptions == record.descriptions
    assert back.language == "en"
    assert back.identifiers == record.identifiers
    assert back.dates[0].literal == "n.d."
