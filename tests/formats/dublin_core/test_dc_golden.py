"""Golden cases: Dublin Core inputs read through the public API, compared with hand-checked
hub records (``cases/<name>.<fmt>.xml`` -> ``cases/<name>.record.json``).

Set ``UPDATE_GOLDEN=1`` to rewrite the expected files (review every change before committing).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from dc_helpers import CASES, case_format, case_stem, dump, load_json

import biblioconv
from biblioconv.report import Code, ConversionReport

INPUTS = sorted(CASES.glob("*.xml"))


def test_there_are_enough_cases() -> None:
    assert len(INPUTS) >= 25


@pytest.mark.parametrize("path", INPUTS, ids=case_stem)
def test_golden(path: Path) -> None:
    fmt = case_format(path)
    report = ConversionReport()
    records = biblioconv.loads(path.read_bytes(), fmt, report=report, strict=False)
    got = dump(records)
    expected_path = path.with_name(case_stem(path) + ".record.json")
    if os.environ.get("UPDATE_GOLDEN"):
        expected_path.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", "utf-8")
    assert got == load_json(expected_path)


@pytest.mark.parametrize("path", INPUTS, ids=case_stem)
def test_detected_as_dublin_core(path: Path) -> None:
    assert biblioconv.detect(path.read_bytes()).format in ("dc", "dcterms")


def _read(name: str) -> tuple[list[biblioconv.Record], ConversionReport]:
    path = next(CASES.glob(f"{name}.*.xml"))
    report = ConversionReport()
    records = biblioconv.loads(path.read_bytes(), case_format(path), report=report, strict=False)
    return records, report


def test_listrecords_deleted_record_and_resumption_token() -> None:
    records, report = _read("listrecords_deleted_token")
    assert [r.id for r in records] == [
        "oai:repository.example.edu:123456789/101",
        "oai:repository.example.edu:123456789/103",
    ]
    [deleted] = report.by_code(Code.DELETED_RECORD)
    assert deleted.record == "oai:repository.example.edu:123456789/102"
    assert report.resumption_token == "oai_dc////100"
    [token] = report.by_code(Code.RESUMPTION_TOKEN)
    assert "completeListSize=250" in token.message
    assert report.records_read == 2 and report.records_skipped == 0


def test_empty_resumption_token_means_last_page() -> None:
    records, report = _read("getrecord_mixed_metadata")
    assert report.resumption_token is None
    assert [r.title for r in records] == ["Dublin Core after all"]
    [skipped] = report.by_code(Code.RECORD_SKIPPED)
    assert skipped.record == "oai:repo.example.org:1" and report.records_skipped == 1


def test_no_records_match_is_not_an_error() -> None:
    records, report = _read("oai_no_records")
    assert records == []
    assert "no records match" in report.diagnostics[0].message


def test_other_oai_errors_are_one_line_parse_errors() -> None:
    xml = b"""<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>x</responseDate>
      <error code="badResumptionToken">expired</error></OAI-PMH>"""
    with pytest.raises(biblioconv.ParseError, match=r"<bytes>:2: OAI-PMH error badResumptionToken"):
        biblioconv.loads(xml, "dc")


def _heuristics(report: ConversionReport) -> set[tuple[str | None, str]]:
    return {(d.field, d.message.split(": ")[0]) for d in report.by_code(Code.HEURISTIC_APPLIED)}


def test_each_heuristic_is_reported() -> None:
    _, report = _read("bare_oai_dc_article")
    assert _heuristics(report) == {
        ("dc:creator", "inverted name 'Family, Given'"),
        ("dc:date", "the only date taken as the issue date"),
        ("dc:type", "repository type word"),
        ("dc:identifier", "classified as doi"),
        ("dc:source", "citation parsed for container, volume, issue, pages"),
        ("dc:language", "ISO 639-2/3 code to its 2-letter equivalent"),
        ("dc:rights", "Creative Commons URL to SPDX id"),
    }
    assert all(d.severity == "info" and d.line for d in report.by_code(Code.HEURISTIC_APPLIED))


def test_dspace_dates_and_notes_are_reported() -> None:
    _, report = _read("dspace_oai_dc_thesis")
    found = _heuristics(report)
    assert ("dc:date", "repository time stamp taken as the available date") in found
    assert ("dc:date", "first date without a time of day taken as the issue date") in found
    assert ("dc:description", "description taken as a note by its length") in found
    assert ("dc:subject", "subject split at ';'") in found
    assert ("dc:format", "page count taken as the number of pages") in found


def test_unknown_elements_are_kept_and_reported() -> None:
    records, report = _read("custom_container")
    assert records[0].extras["dc"]["{http://example.org/catalogue/}shelfmark"] == ["MS 123"]
    [unknown] = report.by_code(Code.UNKNOWN_FIELD)
    assert unknown.severity == "info" and "shelfmark" in unknown.message


def test_heuristic_diagnostics_can_be_reduced_for_large_harvests() -> None:
    path = CASES / "listrecords_deleted_token.dc.xml"
    per_record, once, off = ConversionReport(), ConversionReport(), ConversionReport()
    biblioconv.loads(path.read_bytes(), "dc", report=per_record)
    biblioconv.loads(
        path.read_bytes(), "dc", report=once, options={"heuristic_diagnostics": "once"}
    )
    biblioconv.loads(path.read_bytes(), "dc", report=off, options={"heuristic_diagnostics": "off"})
    n = [len(r.by_code(Code.HEURISTIC_APPLIED)) for r in (per_record, once, off)]
    assert n[0] > n[1] > n[2] == 0
