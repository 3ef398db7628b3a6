"""The whole real-world BibTeX corpus written as one JATS ref-list is valid against the JATS 1.3
Publishing XSD, every reference of it."""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from testsupport import SHARED, load_xsd

import biblioconv
from biblioconv.report import ConversionReport


def test_corpus_to_jats_is_one_valid_ref_list(tmp_path: Path) -> None:
    out = tmp_path / "corpus.jats.xml"
    report = ConversionReport()
    biblioconv.convert(SHARED / "corpus" / "bibtex-real.bib", "jats", out, report=report)
    assert report.records_written == report.records_read == 6119
    doc = etree.parse(str(out))
    assert len(doc.getroot()) == 6119
    schema = load_xsd("jats/1.3/JATS-journalpublishing1-3-mathml3.xsd")
    assert schema.validate(doc), str(schema.error_log)[:2000]
