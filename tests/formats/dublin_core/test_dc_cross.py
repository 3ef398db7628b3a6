"""dc -> datacite / bibtex / ris / csl-json for the example record as an institutional repository
(ORA) exposes it over OAI-PMH: the fields a librarian expects, and a diagnostic per heuristic."""

from __future__ import annotations

import io
import json

from dc_helpers import CASES

import biblioconv
from biblioconv.report import Code, ConversionReport

ORA = (CASES / "ora_getrecord.dc.xml").read_bytes()

#: (element, rule) of every heuristic applied to the ORA record.
HEURISTICS = {
    ("dc:creator", "creator given as an ORCID iD"),
    ("dc:contributor", "organisation (name has an institution word)"),
    ("dc:date", "the only date taken as the issue date"),
    ("dc:type", "repository type word"),
    ("dc:type", "peer-review word"),
    ("dc:identifier", "local identifier"),
    ("dc:identifier", "classified as openalex"),
    ("dc:source", "citation parsed for container, volume, issue, pages"),
    ("dc:relation", "ISSN in dc:relation taken as the container's"),
    ("dc:relation", "EISSN in dc:relation taken as the container's"),
    ("dc:language", "English language name"),
}


def _convert(fmt: str, **options: object) -> tuple[str, ConversionReport]:
    assert fmt in {s.name for s in biblioconv.formats()}
    report = ConversionReport()
    buf = io.BytesIO()
    biblioconv.convert(ORA, fmt, buf, from_="dc", report=report, **options)
    return buf.getvalue().decode("utf-8"), report


def _check_heuristics(report: ConversionReport) -> None:
    got = {(d.field, d.message.split(": ")[0]) for d in report.by_code(Code.HEURISTIC_APPLIED)}
    assert got == HEURISTICS
    assert all(d.source_format == "dc" for d in report.by_code(Code.HEURISTIC_APPLIED))


def test_to_bibtex() -> None:
    text, report = _convert("bibtex")
    for line in (
        "@article{",
        "title = {Using medical education as a tool to train doctors as social innovators}",
        "journal = {BMJ Innovations}",
        "volume = {8}",
        "number = {3}",
        "pages = {190--198}",
        "publisher = {BMJ Publishing Group}",
        "year = {2022}",
        "month = jun",
        "issn = {2055-8074, 2055-642X}",  # print and electronic: one field
    ):
        assert line in text
    # the persons are known only by ORCID: the iD stays visible as the name (braced)
    assert "author = {{https://orcid.org/0000-0003-3870-2609} and {https://orcid.org/" in text
    _check_heuristics(report)


def test_to_ris() -> None:
    text, report = _convert("ris")
    for line in (
        "TY  - JOUR",
        "T2  - BMJ Innovations",
        "VL  - 8",
        "IS  - 3",
        "SP  - 190",
        "EP  - 198",
        "PY  - 2022",
        "DA  - 2022/06/03/",
        "SN  - 2055-8074",
        "PB  - BMJ Publishing Group",
        "LA  - en",
    ):
        assert line in text
    _check_heuristics(report)


def test_to_csl_json() -> None:
    text, report = _convert("csl-json")
    [item] = json.loads(text)
    assert item["type"] == "article-journal"
    assert item["container-title"] == "BMJ Innovations"
    assert (item["volume"], item["issue"], item["page"]) == ("8", "3", "190-198")
    assert item["issued"] == {"date-parts": [[2022, 6, 3]]}
    assert item["ISSN"] == "2055-8074, 2055-642X"  # print and electronic, as Zotero writes them
    assert item["language"] == "en"
    # the persons known only by ORCID stay visible: the iD as the name
    assert item["author"][0] == {"literal": "https://orcid.org/0000-0003-3870-2609"}
    assert len(item["author"]) == 5
    _check_heuristics(report)


def test_to_datacite() -> None:
    text, report = _convert("datacite", fill_unknown=True)
    for fragment in (
        '<nameIdentifier nameIdentifierScheme="ORCID">https://orcid.org/0000-0003-3870-2609<',
        "<publisher>BMJ Publishing Group</publisher>",
        "<publicationYear>2022</publicationYear>",
        'resourceTypeGeneral="JournalArticle"',
        '<date dateType="Issued">2022-06-03</date>',
        "<title>BMJ Innovations</title>",
        "<volume>8</volume>",
        "<firstPage>190</firstPage>",
        "<language>en</language>",
    ):
        assert fragment in text
    assert (
        '<creatorName nameType="Personal">https://orcid.org/0000-0003-3870-2609</creatorName>'
        in text
    )
    # no DOI: DataCite's mandatory identifier is reported, not invented; the persons known
    # only by ORCID are named by their iD (reported, severity info)
    missing = {d.field for d in report.by_code(Code.MISSING_REQUIRED)}
    assert missing == {"identifier"}
    orcid_names = [d for d in report.by_code(Code.VALUE_COERCED) if "ORCID" in d.message]
    assert len(orcid_names) == 5 and all(d.severity == "info" for d in orcid_names)
    _check_heuristics(report)


def test_to_datacite_without_placeholders_is_refused_with_reasons() -> None:
    _, report = _convert("datacite")
    assert report.records_skipped == 1
    [skipped] = report.by_code(Code.RECORD_SKIPPED)
    assert "identifier (a DOI)" in skipped.message
    assert "creator" not in skipped.message  # named by their ORCID iD
