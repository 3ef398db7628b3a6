"""What CSL-JSON and CSL-YAML hold in another shape, kept in ``custom`` and named by the write:
small records after the MODS and PubMed golden records that exposed differences no diagnostic
named (an ISBN with its qualifier, which a reader splits at the comma; a date's text beside
its value; an ISSN's label, as the EndNote reader gives it)."""

from __future__ import annotations

from typing import Any

import pytest

import biblioconv
from biblioconv import readback
from biblioconv.model import Record
from biblioconv.report import ConversionReport

BASE: dict[str, Any] = {
    "id": "a",
    "type": "book",
    "titles": [{"text": "Sound and fury"}],
    "dates": [{"type": "issued", "start": {"year": 1999}}],
}
CASES: dict[str, tuple[dict[str, Any], str]] = {
    "ISBN with its qualifier": (
        {"identifiers": [{"scheme": "isbn", "value": "0801486394 (pbk. : acid-free, recycled)"}]},
        "identifiers[0]",
    ),
    "date text beside the value": (
        {"dates": [{"type": "issued", "start": {"year": 2018}, "literal": "2018 Nov-Dec"}]},
        "dates[0]",
    ),
    "ISSN with its label": (
        {
            "container": {
                "titles": [{"text": "Series"}],
                "identifiers": [{"scheme": "issn", "value": "0378-5955", "label": "Print"}],
            }
        },
        "container.identifiers[0].label",
    ),
}


@pytest.mark.parametrize("target", ["csl-json", "csl-yaml"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_kept_in_custom_and_named(name: str, target: str) -> None:
    update, named = CASES[name]
    record = Record.model_validate({**BASE, **update})
    assert list(readback.check([record], target)) == []
    report = ConversionReport(max_diagnostics=None)
    text = biblioconv.dumps([record], target, report=report)
    assert any(d.field and d.field.startswith(named) for d in report.diagnostics)
    [back] = biblioconv.loads(text, target)
    assert back.identifiers == record.identifiers
    assert back.dates == record.dates
    assert back.container == record.container


def test_a_plain_isbn_and_date_are_written_as_they_are() -> None:
    record = Record.model_validate(
        {**BASE, "identifiers": [{"scheme": "isbn", "value": "9780306406157"}]}
    )
    report = ConversionReport(max_diagnostics=None)
    text = biblioconv.dumps([record], "csl-json", report=report)
    assert "custom" not in text
    assert not report.diagnostics
