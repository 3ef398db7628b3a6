"""One reporter per record: diagnostics bound to the record, and one rule for skipping."""

from __future__ import annotations

import pytest

from biblioconv.errors import ParseError, WriteError
from biblioconv.registry import NoOptions, ReadContext, WriteContext
from biblioconv.report import Code, ConversionReport


def test_a_read_reporter_names_input_line_record_and_format() -> None:
    report = ConversionReport()
    ctx = ReadContext(format="ris", options=NoOptions(), report=report, source="refs.ris")
    rep = ctx.reporter("#3", 40)
    rep.add(Code.INVALID_VALUE, "bad ISSN", "SN", line=42)
    rep.add(Code.DUPLICATE, "repeated", severity="info")
    first, second = report.diagnostics
    assert (first.source, first.line, first.record, first.field) == ("refs.ris", 42, "#3", "SN")
    assert (first.source_format, first.target_format, first.severity) == ("ris", None, "warning")
    assert (second.line, second.severity, second.field) == (40, "info", None)


def test_skip_reports_and_counts_unless_strict() -> None:
    report = ConversionReport()
    ctx = ReadContext(format="bibtex", options=NoOptions(), report=report, source="a.bib")
    ctx.reporter("key", 7).skip("no closing brace", what="entry skipped")
    [diag] = report.diagnostics
    assert diag.code == Code.RECORD_SKIPPED and diag.severity == "error"
    assert diag.message == "entry skipped: no closing brace" and diag.line == 7
    assert report.records_skipped == 1
    ctx.strict = True
    with pytest.raises(ParseError) as err:
        ctx.reporter("key", 7).skip("no closing brace", what="entry skipped")
    assert str(err.value) == "a.bib:7: record key: no closing brace"
    assert report.records_skipped == 1


def test_a_write_reporter_names_both_formats_and_raises_write_errors() -> None:
    report = ConversionReport()
    ctx = WriteContext(
        format="datacite", options=NoOptions(), report=report, source_format="bibtex"
    )
    ctx.reporter("doe2020").add(Code.FIELD_DROPPED, "no home", "series")
    [diag] = report.diagnostics
    assert (diag.source_format, diag.target_format, diag.record) == (
        "bibtex",
        "datacite",
        "doe2020",
    )
    ctx.strict = True
    with pytest.raises(WriteError) as err:
        ctx.reporter("doe2020").skip("missing publisher")
    assert str(err.value) == "datacite: record doe2020: missing publisher"


def test_a_diagnostic_past_the_limit_is_counted_and_made_as_model_construct_makes_it() -> None:
    from biblioconv.report import Diagnostic

    report = ConversionReport(max_diagnostics=1)
    report.add(Code.FIELD_DROPPED, "kept", record="a", field="x", target_format="ris")
    over = report.add(
        Code.FIELD_DROPPED, "counted", record="b", field="x", target_format="ris", line=4
    )
    assert len(report.diagnostics) == 1 and report.omitted == 1
    assert report.targets["ris"].counts["FIELD_DROPPED|x"] == 2
    made = Diagnostic.model_construct(**over.__dict__)
    assert over == made and list(over.__dict__) == list(Diagnostic.model_fields)
    assert over.model_fields_set == made.model_fields_set
    assert over.model_dump() == made.model_dump() and str(over) == str(made)


def test_summary_counts_the_elements_of_a_list_together() -> None:
    report = ConversionReport(max_diagnostics=2)
    for i in (0, 1, 2, 10):
        report.add(Code.FIELD_DROPPED, "lost", field=f"subjects[{i}].term", target_format="ris")
    report.add(Code.FIELD_DROPPED, "lost", field="contributors[3].identifiers[1]")
    report.add(Code.FIELD_DROPPED, "lost", field="dates(type=accepted)")
    lines = report.summary().splitlines()[1:]
    assert [line.split() for line in lines[:3]] == [
        ["FIELD_DROPPED", "contributors[*].identifiers[*]", "1"],
        ["FIELD_DROPPED", "dates(type=accepted)", "1"],
        ["FIELD_DROPPED", "subjects[*].term", "4"],
    ]
    # the diagnostics and counts keep each element's own path
    assert [d.field for d in report.diagnostics] == ["subjects[0].term", "subjects[1].term"]
    assert report.counts["FIELD_DROPPED|warning|subjects[10].term"] == 1
