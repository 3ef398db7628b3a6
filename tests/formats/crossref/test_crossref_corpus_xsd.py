"""The real-world BibTeX corpus (6,119 entries) as Crossref deposits: one deposit per kind of
content (a deposit holds one), every written work valid against the official 5.3.1 XSD, every
refused record counted and named with what it lacks."""

from __future__ import annotations

from collections import Counter

import pytest
from lxml import etree
from testsupport import SHARED, load_xsd

import biblioconv
from biblioconv.formats.crossref.writer import _HOLDER, _native_type
from biblioconv.model import Record
from biblioconv.report import Code, ConversionReport

CORPUS = SHARED / "corpus" / "bibtex-real.bib"
CR = "{http://www.crossref.org/schema/5.3.1}"

#: Written works per run (without and with a landing-page template), measured; a change means
#: the writer writes or refuses other records than before and must be looked at.
EXPECTED = {"": 2553, "https://publisher.example/{doi}": 3794}


@pytest.fixture(scope="module")
def by_kind() -> dict[str, list[Record]]:
    records = biblioconv.loads(CORPUS.read_bytes(), "bibtex", strict=False)
    assert len(records) == 6119
    kinds: dict[str, list[Record]] = {}
    for record in records:
        kinds.setdefault(_HOLDER[_native_type(record)[1]], []).append(record)
    return kinds


@pytest.mark.parametrize("resource", list(EXPECTED), ids=["no-template", "template"])
def test_corpus_deposits_are_valid_and_refusals_named(
    by_kind: dict[str, list[Record]], resource: str
) -> None:
    schema = load_xsd("crossref/schema-0.3.1/crossref5.3.1.xsd")
    options = {"resource": resource} if resource else {}
    written = refused = 0
    reasons: Counter[str] = Counter()
    for kind, records in by_kind.items():
        report = ConversionReport(max_diagnostics=None)
        text = biblioconv.dumps(records, "crossref", report=report, **options)
        root = etree.fromstring(text.encode("utf-8"))
        works = list(root.find(f"{CR}body"))
        assert all(etree.QName(w).localname == kind for w in works)
        skipped = [d for d in report.diagnostics if d.code is Code.RECORD_SKIPPED]
        assert len(works) + len(skipped) == len(records)
        assert report.records_written == len(works)
        for d in skipped:
            assert d.record and "\n" not in d.message
            assert d.message.startswith(("missing for a Crossref deposit", "a Crossref deposit"))
            reasons[d.message.split(" (", 1)[0]] += 1
        written += len(works)
        refused += len(skipped)
        if works:  # an empty body is no deposit: nothing to validate
            assert schema.validate(etree.ElementTree(root)), (kind, schema.error_log.last_error)
    assert written + refused == 6119
    assert written == EXPECTED[resource]
    # the refusals are about what a deposit needs: a DOI, a landing page, a title, a date...
    top = {reason for reason, _ in reasons.most_common(3)}
    assert any("DOI" in r or "landing page" in r for r in top)
