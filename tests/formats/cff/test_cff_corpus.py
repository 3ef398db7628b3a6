"""The whole real-world BibTeX corpus written as one CITATION.cff (the first entry the file's
work, the others its references) is valid against the CFF 1.2.0 JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from testsupport import SCHEMAS, SHARED

import biblioconv
from biblioconv.formats.cff.values import load_yaml
from biblioconv.report import ConversionReport


def test_corpus_to_cff_is_schema_valid(tmp_path: Path) -> None:
    out = tmp_path / "CITATION.cff"
    report = ConversionReport(max_diagnostics=None)
    biblioconv.convert(SHARED / "corpus" / "bibtex-real.bib", "cff", out, report=report)
    # entries that give the same reference are written once (the schema's uniqueItems) and
    # each further one is named as not written
    assert report.records_read == 6119
    duplicates = [d for d in report.diagnostics if d.code.value == "RECORD_SKIPPED"]
    assert all("the same reference as record" in d.message for d in duplicates)
    assert report.records_written == 6119 - len(duplicates) == 6119 - report.records_skipped
    assert len(duplicates) == 1  # 2016-Vogov-PRB-93-174503, a misspelt copy of 2016-Vagov-...
    schema = json.loads((SCHEMAS / "cff" / "1.2.0" / "schema.json").read_text("utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    doc = load_yaml(out.read_bytes(), str(out), 10**9)
    assert len(doc["references"]) == report.records_written - 1
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]
    assert errors == []


def test_a_reference_the_same_as_an_earlier_one_is_written_once() -> None:
    entries = "\n".join(
        f"@article{{{key}, author={{Doe, Jane}}, title={{Same}}, journal={{J}}, year=2020}}"
        for key in ("work", "a", "b")
    )
    report = ConversionReport()
    text = biblioconv.dumps(biblioconv.loads(entries, "bibtex"), "cff", report=report)
    doc = load_yaml(text.encode("utf-8"), "<out>", 10**6)
    assert len(doc["references"]) == 1
    assert (report.records_written, report.records_skipped) == (2, 1)
    [skip] = [d for d in report.diagnostics if d.code.value == "RECORD_SKIPPED"]
    assert skip.record == "b" and "the same reference as record a" in skip.message
