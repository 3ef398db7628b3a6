"""The real-world BibTeX corpus (6,119 entries) as MEDLINE/nbib: every record written (MEDLINE
requires nothing), the file reads back as as many records with the same titles and PMIDs, and
every loss is a diagnostic of the write."""

from __future__ import annotations

from testsupport import SHARED

import biblioconv
from biblioconv.model import plain_text
from biblioconv.report import ConversionReport


def test_corpus_as_medline_reads_back() -> None:
    records = biblioconv.loads(
        (SHARED / "corpus" / "bibtex-real.bib").read_bytes(), "bibtex", strict=False
    )
    assert len(records) == 6119
    report = ConversionReport(max_diagnostics=None)
    text = biblioconv.dumps(records, "medline", report=report)
    assert report.records_written == 6119
    back = biblioconv.loads(text, "medline")
    assert len(back) == 6119
    for before, after in zip(records, back, strict=True):
        assert after.title == (" ".join(plain_text(before.title).split()) if before.title else None)
        assert after.identifier("pmid") == before.identifier("pmid")
    assert {d.target_format for d in report.diagnostics} == {"medline"}
