"""The DataCite XML of the real-world BibTeX corpus (fill_unknown) is one well-formed document
whose every resource is valid against the official DataCite 4.5 XSD."""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from testsupport import SHARED, load_xsd

import biblioconv
from biblioconv.report import ConversionReport

CORPUS = SHARED / "corpus" / "bibtex-real.bib"
KERNEL4 = "{http://datacite.org/schema/kernel-4}"
OAI = "{http://www.openarchives.org/OAI/2.0/}"


def test_corpus_datacite_xml_is_valid_against_the_45_xsd(tmp_path: Path) -> None:
    out = tmp_path / "corpus.datacite.xml"
    report = ConversionReport()
    biblioconv.convert(
        CORPUS, "datacite", out, report=report, fill_unknown=True, version="4.5"
    )  # fmt: skip
    assert report.records_written == 6076
    # the records DataCite cannot hold even with unknown-value codes (no year) are named
    assert report.targets["datacite"].skipped == report.records_read - 6076

    schema = load_xsd("datacite/kernel-4.5/metadata.xsd")
    invalid: list[str] = []
    count = 0
    tags = (f"{KERNEL4}resource", f"{OAI}OAI-PMH")
    with out.open("rb") as fh:  # one document: iterparse fails on concatenated ones
        for _event, elem in etree.iterparse(fh, tag=tags):
            if elem.tag == f"{OAI}OAI-PMH":
                continue
            count += 1
            if not schema.validate(etree.ElementTree(etree.fromstring(etree.tostring(elem)))):
                invalid.append(f"resource {count}: {schema.error_log.last_error}")
            elem.clear()
    assert count == 6076
    assert invalid == []
