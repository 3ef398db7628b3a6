"""Text that XML cannot hold (NUL and other control characters a text format let through) never
crashes an XML writer: it is removed and the removal reported by record path."""

from __future__ import annotations

import pytest
from lxml import etree

import biblioconv
from biblioconv.model import Record
from biblioconv.report import ConversionReport

XML_WRITERS = ["datacite", "mods", "jats", "endnote-xml", "crossref"]
OPTIONS = {
    "datacite": {"fill_unknown": True},
    "crossref": {"resource": "https://example.org/{doi}"},
}


def _record() -> Record:
    return Record.model_validate(
        {
            "type": "article-journal",
            "titles": [{"text": "Nul\x00byte and\x0bvertical tab"}],
            "contributors": [{"role": "author", "family": "Doe\x1f", "given": "Jane"}],
            "container": {"titles": [{"text": "Journal of Tests"}], "volume": "1"},
            "publisher": {"name": "Press"},
            "dates": [{"type": "issued", "start": {"year": 2020, "month": 5, "day": 1}}],
            "identifiers": [{"scheme": "doi", "value": "10.1234/abc"}],
        }
    )


@pytest.mark.parametrize("fmt", XML_WRITERS)
def test_control_characters_are_removed_and_reported(fmt: str) -> None:
    report = ConversionReport()
    text = biblioconv.dumps([_record()], fmt, report=report, **OPTIONS.get(fmt, {}))
    etree.fromstring(text.encode("utf-8"))  # well-formed
    assert "Nulbyte andvertical tab" in text
    said = {(d.code.value, d.field) for d in report.diagnostics}
    assert ("VALUE_COERCED", "titles[0].text") in said
    assert ("VALUE_COERCED", "contributors[0].family") in said
    back = biblioconv.loads(text, fmt)
    assert back[0].title == "Nulbyte andvertical tab"


def test_a_record_without_them_is_passed_through_unchanged() -> None:
    from biblioconv.xmlsafe import xml_writable

    record = _record().model_copy(update={"titles": []})
    record = Record.model_validate(
        {**record.model_dump(), "contributors": [{"role": "author", "family": "Doe"}]}
    )
    # an escaped backslash before b or f in the JSON form is no control character
    record = record.model_copy(update={"number": "C:\\bin\\foo"})
    assert next(xml_writable([record], None)) is record
