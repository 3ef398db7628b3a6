"""EndNote XML: goldens from real exports (EndNote 19 and 20 libraries kept by RefLib, Zotero's
translator test case), the structure of what is written (no public schema exists), hand-written
edge cases, streaming, errors."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from testsupport import SHARED

import biblioconv
from biblioconv import readback, registry
from biblioconv.errors import ParseError, UnsafeInputError
from biblioconv.formats.endnote_xml.xmlio import ORDER, parse_record, rich_text, style_runs
from biblioconv.model import Record
from biblioconv.report import Code, ConversionReport
from biblioconv.validation import check

CASES = Path(__file__).parent / "cases"
GOLDENS = sorted(CASES.glob("*.xml"))
RANK = {name: i for i, name in enumerate(ORDER)}


def _structure(text: str) -> list[str]:
    """What is wrong with a written library, by the structure EndNote writes: <xml><records>,
    each <record> with a numeric <ref-type name=...> and known elements in EndNote's order,
    text in <style> runs with face, font and size."""
    problems: list[str] = []
    root = etree.fromstring(text.encode("utf-8"))
    if root.tag != "xml" or [c.tag for c in root] != ["records"]:
        return [f"root {root.tag} {[c.tag for c in root]}"]
    for n, record in enumerate(root[0], 1):
        if record.tag != "record":
            problems.append(f"{n}: {record.tag} in records")
        ref = record.find("ref-type")
        if ref is None or not (ref.text or "").isdigit() or not ref.get("name"):
            problems.append(f"{n}: ref-type {etree.tostring(ref) if ref is not None else None!r}")
        for parent in record.iter():
            kids = [c.tag for c in parent if c.tag != "style"]
            ranks = [RANK.get(k, -1) for k in kids]
            if -1 in ranks:
                problems.append(f"{n}: unknown element in {parent.tag}: {kids}")
            if ranks != sorted(ranks):
                problems.append(f"{n}: {parent.tag} children out of order: {kids}")
            styles = [c for c in parent if c.tag == "style"]
            if styles and (parent.text or "").strip():
                problems.append(f"{n}: text outside style runs in {parent.tag}")
            for s in styles:
                if set(s.attrib) != {"face", "font", "size"} or len(s):
                    problems.append(f"{n}: style {etree.tostring(s)!r}")
    return problems


@pytest.mark.parametrize("path", GOLDENS, ids=lambda p: p.stem)
def test_golden_reads_as_its_records(path: Path) -> None:
    expected = json.loads(path.with_suffix(".record.json").read_text("utf-8"))
    records = biblioconv.loads(path.read_bytes(), "endnote-xml")
    assert [r.model_dump(mode="json", exclude_defaults=True) for r in records] == expected


@pytest.mark.parametrize("path", GOLDENS, ids=lambda p: p.stem)
def test_golden_written_has_endnote_structure_and_reads_back(path: Path) -> None:
    records = biblioconv.loads(path.read_bytes(), "endnote-xml")
    text = biblioconv.dumps(records, "endnote-xml")
    assert _structure(text) == []
    assert list(readback.check(records, "endnote-xml")) == []
    back = biblioconv.loads(text, "endnote-xml")
    # a same-format trip keeps what no rule reads too (database, custom fields, labels...)
    assert [r.extras for r in back] == [r.extras for r in records]
    assert [r.native_types for r in back] == [r.native_types for r in records]


def test_the_golden_sources_are_the_shared_examples() -> None:
    shared = {p.name for p in (SHARED / "examples/endnote-xml").glob("*.xml")}
    assert {p.name for p in GOLDENS} == shared


def test_zotero_case_types_and_fields() -> None:
    records = biblioconv.loads(
        (CASES / "zotero-endnote-case00-9-records-6-types.xml").read_bytes(), "endnote-xml"
    )
    assert len(records) == 9
    report = records[0]
    assert report.type == "report"  # the name wins over Zotero's number (10)
    assert report.native_types["endnote-xml"] == "Report"
    assert [a.family for a in report.authors] == ["Ahlquist", "Breunig"]
    assert report.publisher is not None and report.publisher.place == "Cologne"
    assert report.attachments[0].kind == "pdf"
    book = records[1]
    assert book.type == "book" and book.edition == "2" and book.identifier("isbn")
    assert "Noël" in book.authors[1].given if book.authors[1].given else False


def test_style_runs_are_rich_text() -> None:
    doc = (
        b'<?xml version="1.0" encoding="UTF-8"?><xml><records><record>'
        b'<ref-type name="Journal Article">17</ref-type><titles><title>'
        b'<style face="normal" font="default" size="100%">Growth of </style>'
        b'<style face="italic" font="default" size="100%">E. coli</style>'
        b'<style face="normal" font="default" size="100%"> in H</style>'
        b'<style face="subscript" font="default" size="100%">2</style>'
        b'<style face="normal" font="default" size="100%">O</style>'
        b"</title></titles></record></records></xml>"
    )
    [record] = biblioconv.loads(doc, "endnote-xml")
    assert record.title == "Growth of <i>E. coli</i> in H<sub>2</sub>O"
    text = biblioconv.dumps([record], "endnote-xml")
    assert '<style face="italic" font="default" size="100%">E. coli</style>' in text
    [back] = biblioconv.loads(text, "endnote-xml")
    assert back.title == record.title
    plain = biblioconv.dumps([record], "endnote-xml", styles=False)
    assert "<title>Growth of E. coli in H2O</title>" in plain
    assert style_runs("<b><i>x</i></b>y") == [("bold italic", "x"), ("normal", "y")]
    elem = etree.fromstring(b'<t>a<style face="bold italic">b</style></t>')
    assert rich_text(elem) == "a<i><b>b</b></i>"


EDGE: dict[str, Any] = {
    "type": "chapter",
    "id": "42",
    "titles": [
        {"text": "Über <i>Quanten</i>mechanik"},
        {"text": "Quanten", "type": "short"},
        {"text": "On quantum mechanics", "type": "translated"},
    ],
    "contributors": [
        *({"family": f"Müller{i}", "given": "Zoë"} for i in range(80)),
        {"kind": "organization", "literal": "CERN", "role": "author"},
        {"family": "Ørsted", "given": "Hans Christian", "suffix": "Jr."},
        {"family": "Editor", "given": "Ed", "role": "editor"},
        {"family": "Série", "given": "S.", "role": "collection-editor"},
        {"family": "Übersetzer", "given": "T.", "role": "translator"},
        {
            "family": "Orcid",
            "given": "Olga",
            "identifiers": [{"scheme": "orcid", "value": "0000-0002-1825-0097"}],
        },
    ],
    "dates": [
        {"type": "issued", "start": {"year": 2021, "month": 3, "day": 9}},
        {"type": "accessed", "start": {"year": 2024, "month": 1}},
        {"type": "updated", "start": {"year": 2023}},
    ],
    "publisher": {"name": "Springer", "place": "Berlin"},
    "container": {
        "titles": [{"text": "Handbuch der Physik"}],
        "volume": "3",
        "issue": "2",
        "pages": {"first": "100", "last": "120"},
        "identifiers": [{"scheme": "issn", "value": "0317-8471"}],
    },
    "series": {"titles": [{"text": "Lecture Notes"}]},
    "identifiers": [
        {"scheme": "doi", "value": "10.1000/xyz123"},
        {"scheme": "isbn", "value": "978-3-16-148410-0"},
        {"scheme": "url", "value": "https://example.org/a"},
    ],
    "attachments": [{"url": "internal-pdf://a.pdf", "kind": "pdf"}],
    "subjects": [{"term": "Physik"}, {"term": "Quanten"}],
    "descriptions": [{"text": "Ein Abstract."}, {"text": "A note", "type": "note"}],
    "language": "de",
    "funding": [{"funder_name": "DFG", "award_number": "1"}],
    "extras": {"endnote-xml": {"custom1": ["c1"], "label": ["L"], "database": ["my.enl"]}},
}


def test_edge_record_round_trips_and_reports_what_endnote_lacks() -> None:
    record = Record.model_validate(EDGE)
    report = ConversionReport(max_diagnostics=None)
    text = biblioconv.dumps([record], "endnote-xml", report=report)
    assert _structure(text) == []
    assert list(readback.check([record], "endnote-xml")) == []
    dropped = {d.field for d in report.diagnostics if d.code is Code.FIELD_DROPPED}
    assert "funding[0]" in dropped
    assert any(f and f.startswith("contributors[85].identifiers") for f in dropped)
    [back] = biblioconv.loads(text, "endnote-xml")
    assert back.id == "42"
    assert back.title == "Über <i>Quanten</i>mechanik"
    assert len(back.authors) == 83
    assert back.authors[80].kind == "organization" and back.authors[80].literal == "CERN"
    assert back.authors[81].suffix == "Jr."
    assert [c.family for c in back.editors] == ["Editor"]
    assert [c.role for c in back.contributors if c.family in ("Série", "Übersetzer")] == [
        "collection-editor",
        "translator",
    ]
    assert back.issued is not None and back.issued.edtf() == "2021-03-09"
    assert back.date("accessed") is not None and back.date("accessed").edtf() == "2024-01"  # type: ignore[union-attr]
    assert back.container is not None and back.container.identifiers[0].value == "0317-8471"
    assert back.series is not None and back.series.title == "Lecture Notes"
    assert back.doi == "10.1000/xyz123" and back.identifier("isbn") == "9783161484100"
    assert back.attachments[0].kind == "pdf"
    assert back.extras["endnote-xml"] == {"custom1": ["c1"], "label": ["L"], "database": ["my.enl"]}


def test_dates_of_every_precision() -> None:
    for date in (
        {"year": 1999},
        {"year": 1999, "month": 12},
        {"year": 1999, "month": 12, "day": 31},
    ):
        record = Record.model_validate(
            {"titles": [{"text": "T"}], "dates": [{"type": "issued", "start": date}]}
        )
        [back] = biblioconv.loads(biblioconv.dumps([record], "endnote-xml"), "endnote-xml")
        assert back.dates == record.dates
    ranged = Record.model_validate(
        {
            "titles": [{"text": "T"}],
            "dates": [{"type": "issued", "start": {"year": 1999}, "end": {"year": 2001}}],
        }
    )
    assert list(readback.check([ranged], "endnote-xml")) == []


def test_pub_dates_without_a_year_take_the_year() -> None:
    doc = (
        b"<xml><records><record><ref-type>17</ref-type><titles><title>T</title></titles>"
        b"<dates><year>1990</year><pub-dates><date>Feb</date></pub-dates></dates>"
        b"</record></records></xml>"
    )
    [record] = biblioconv.loads(doc, "endnote-xml")
    assert record.type == "article-journal"  # by the number alone
    assert record.issued is not None and record.issued.edtf() == "1990-02"


def test_detection_by_name_and_content() -> None:
    head = (CASES / "reflib-spidercite-demo.xml").read_bytes()[:2000]
    assert registry.get("endnote-xml").sniff_bytes(head) > 0.9
    assert biblioconv.detect(io.BytesIO(head)).format == "endnote-xml"
    assert registry.by_extension("lib.endnote.xml")[0].name == "endnote-xml"
    assert registry.get("endnote").name == "endnote-xml"
    mods = b'<mods xmlns="http://www.loc.gov/mods/v3"><titleInfo/></mods>'
    assert registry.get("endnote-xml").sniff_bytes(mods) == 0.0


def test_streams_large_libraries() -> None:
    record = Record.model_validate(EDGE)
    text = biblioconv.dumps([record] * 300, "endnote-xml", pretty=False)
    count = sum(1 for _ in biblioconv.read(io.BytesIO(text.encode()), "endnote-xml"))
    assert count == 300


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty input"),
        (b"<xml><records><record><titles>", "line 1"),
        (b"<xml><other/></xml>", "no EndNote <xml><records><record> found"),
    ],
)
def test_malformed_input_is_one_line_error(data: bytes, words: str) -> None:
    with pytest.raises(ParseError) as info:
        biblioconv.loads(data, "endnote-xml")
    assert words in str(info.value) and "\n" not in str(info.value)


def test_hostile_xml_is_refused() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>'
        b"<xml><records><record><titles><title>&b;</title></titles></record></records></xml>"
    )
    with pytest.raises(UnsafeInputError):
        biblioconv.loads(bomb, "endnote-xml")


def test_validate_checks_the_structure() -> None:
    good = (CASES / "reflib-endnotexml-endnote-sm.xml").read_bytes()
    result = check(good, "endnote-xml")
    assert result.valid and result.records == 5
    assert "structure checked" in (result.schema or "")
    bad = b"<xml><records><record><ref-type>x</ref-type><bogus/></record></records></xml>"
    result = check(bad, "endnote-xml")
    assert not result.valid
    messages = [str(p) for p in result.problems]
    assert any("not a number" in m for m in messages)
    assert any("<bogus> is not an element" in m for m in messages)


def test_every_golden_of_every_format_writes_endnote_structure() -> None:
    records = []
    for path in sorted(CASES.parent.parent.glob("*/cases/*.record.json")):
        data = json.loads(path.read_text("utf-8"))
        records += [Record.model_validate(d) for d in (data if isinstance(data, list) else [data])]
    assert len(records) > 100
    text = biblioconv.dumps(records, "endnote-xml")
    assert _structure(text) == []
    assert len(biblioconv.loads(text, "endnote-xml")) == len(records)


def test_parallel_conversion_gives_the_same_output(tmp_path: Path) -> None:
    from biblioconv import parallel

    source = tmp_path / "many.endnote.xml"
    records = biblioconv.loads(
        (CASES / "reflib-dump-converted-test.xml").read_bytes(), "endnote-xml"
    )
    source.write_text(biblioconv.dumps(records * 4, "endnote-xml"), encoding="utf-8")
    single, par = tmp_path / "single.json", tmp_path / "parallel.json"
    r1 = biblioconv.convert(source, "csl-json", single)
    r2 = parallel.convert_file(source, "csl-json", par, jobs=2, chunk_bytes=20_000)
    assert single.read_bytes() == par.read_bytes()
    assert r1.records_read == r2.records_read == 100
    assert sorted(str(d) for d in r1.diagnostics) == sorted(str(d) for d in r2.diagnostics)


def _library(*records: str) -> bytes:
    body = "".join(f"<record>{r}</record>" for r in records)
    return f'<?xml version="1.0"?><xml><records>{body}</records></xml>'.encode()


_ARTICLE = '<rec-number>{n}</rec-number><ref-type name="Journal Article">17</ref-type>'
_PATENT = '<rec-number>{n}</rec-number><ref-type name="Patent">25</ref-type>'


def test_an_issn_given_twice_with_qualifiers_is_read_once_and_written_back_as_given() -> None:
    # PubMed-fed libraries: the same ISSN as '(Print)' and '(Linking)', on separate lines
    data = _library(
        _ARTICLE.format(n=1)
        + "<isbn>1545-9616 (Print)&#13;1545-9616 (Linking)&#13;1545-9624 (Electronic)</isbn>",
        _ARTICLE.format(n=2) + "<isbn>0007-0963 (Print)&#13;0007-0963</isbn>",
        _ARTICLE.format(n=3) + "<isbn>0905-4383; 09054383</isbn>",
    )
    first, second, third = biblioconv.loads(data, "endnote-xml")
    assert first.container is not None and [
        (i.scheme, i.value, i.label) for i in first.container.identifiers
    ] == [("issn", "1545-9616", "Print"), ("issn", "1545-9624", "Electronic")]
    # the qualifier of the repeat is kept with the source's text, for EndNote to write back
    assert first.extras["endnote-xml"]["isbn"] == [
        "1545-9616 (Print)\r1545-9616 (Linking)\r1545-9624 (Electronic)"
    ]
    # a repeat that says nothing more (no qualifier, or another spelling) is simply read once
    assert second.container is not None and [
        (i.value, i.label) for i in second.container.identifiers
    ] == [("0007-0963", "Print")]
    assert third.container is not None and [i.value for i in third.container.identifiers] == [
        "0905-4383"
    ]
    assert "endnote-xml" not in second.extras and "endnote-xml" not in third.extras
    report = ConversionReport(max_diagnostics=None)
    text = biblioconv.dumps([first, second], "endnote-xml", report=report)
    root = etree.fromstring(text.encode("utf-8"))
    isbns = ["".join(e.itertext()) for e in root.iter("isbn")]
    assert isbns == [
        "1545-9616 (Print)\r1545-9616 (Linking)\r1545-9624 (Electronic)",
        "0007-0963 (Print)",
    ]
    assert not [d for d in report.diagnostics if "isbn" in (d.field or "")]
    assert list(readback.check([first, second, third], "endnote-xml")) == []


def test_edited_issns_are_written_from_the_record_not_the_kept_text() -> None:
    [record] = biblioconv.loads(
        _library(_ARTICLE.format(n=1) + "<isbn>1545-9616 (Print)&#13;1545-9616 (Linking)</isbn>"),
        "endnote-xml",
    )
    assert record.container is not None
    record.container.identifiers[0].value = "1545-9624"
    report = ConversionReport(max_diagnostics=None)
    text = biblioconv.dumps([record], "endnote-xml", report=report)
    assert "1545-9624 (Print)" in text and "Linking" not in text
    assert any(
        d.code is Code.FIELD_DROPPED and d.field == "extras.endnote-xml.isbn"
        for d in report.diagnostics
    )


def test_the_same_issn_twice_from_elsewhere_is_reported_as_read_back_once() -> None:
    record = Record.model_validate(
        {
            "type": "article-journal",
            "titles": [{"text": "T"}],
            "container": {
                "titles": [{"text": "J"}],
                "identifiers": [
                    {"scheme": "issn", "value": "1545-9616", "label": "Print"},
                    {"scheme": "issn", "value": "1545-9616", "label": "Linking"},
                    {"scheme": "issn", "value": "0007-0963"},
                ],
            },
        }
    )
    report = ConversionReport(max_diagnostics=None)
    biblioconv.dumps([record], "endnote-xml", report=report)
    fields = {d.field for d in report.diagnostics if d.code is Code.VALUE_COERCED}
    assert {"container.identifiers[1]", "container.identifiers[2]"} <= fields
    assert "extras.endnote-xml.isbn" in fields
    assert list(readback.check([record], "endnote-xml")) == []


def test_a_patents_isbn_is_its_number() -> None:
    data = _library(
        _PATENT.format(n=1) + "<titles><title>Yo-yo</title></titles><isbn>US 7,123,456 B2</isbn>",
        _PATENT.format(n=2) + "<isbn>9780306406157</isbn><report-id>R-9</report-id>",
        _PATENT.format(n=3) + "<report-id>EP 1 234 567</report-id>",
    )
    report = ConversionReport(max_diagnostics=None)
    one, two, three = biblioconv.loads(data, "endnote-xml", report=report)
    assert one.number == "US 7,123,456 B2" and not one.identifiers
    assert two.number == "9780306406157" and two.identifier("isbn") is None
    assert two.extras["endnote-xml"] == {"report-id": ["R-9"]}
    assert three.number == "EP 1 234 567"
    assert not [d for d in report.diagnostics if d.code is Code.INVALID_VALUE]
    text = biblioconv.dumps([one, two, three], "endnote-xml")
    records = etree.fromstring(text.encode("utf-8"))[0]
    assert ["".join(r.find("isbn").itertext()) for r in records] == [
        "US 7,123,456 B2",
        "9780306406157",
        "EP 1 234 567",
    ]
    assert ["".join(r.find("report-id").itertext()) for r in records[1:2]] == ["R-9"]
    assert all(r.find("report-id") is None for r in (records[0], records[2]))
    assert list(readback.check([one, two, three], "endnote-xml")) == []


def test_a_patent_from_elsewhere_writes_its_number_in_isbn_and_reports_its_isbn() -> None:
    record = Record.model_validate(
        {
            "type": "patent",
            "titles": [{"text": "T"}],
            "number": "WO2011US30214",
            "identifiers": [{"scheme": "isbn", "value": "9780306406157"}],
            "container": {"identifiers": [{"scheme": "issn", "value": "1545-9616"}]},
        }
    )
    report = ConversionReport(max_diagnostics=None)
    text = biblioconv.dumps([record], "endnote-xml", report=report)
    assert "<report-id>" not in text
    [back] = biblioconv.loads(text, "endnote-xml")
    assert back.number == "WO2011US30214" and back.type == "patent"
    dropped = {d.field for d in report.diagnostics if d.code is Code.FIELD_DROPPED}
    assert "identifiers[0]" in dropped  # the ISBN: isbn holds the number
    assert "container" in dropped  # its ISSN: not written beside a patent's number
    assert list(readback.check([record], "endnote-xml")) == []


def test_parsed_fields_take_runs_comments_and_containers_as_rich_text_does() -> None:
    record = etree.fromstring(
        b'<record><titles x="1"><title>A <style face="bold italic">b<style>c</style></style>'
        b"<!-- note -->tail<style>d</style> e</title><short-title>S<n:x xmlns:n='urn:n'>"
        b"gone</n:x>t</short-title></titles><custom1 a='v'/><notes/>"
        b"<keywords><keyword><style face='normal'>k1</style></keyword>"
        b"<keyword><style face='superscript'>2</style></keyword></keywords></record>"
    )
    fields = parse_record(record)
    title = record.find("titles/title")
    assert fields["titles/title"] == [rich_text(title)] == ["A <i><b>bc</b></i>taild e"]
    assert fields["titles/short-title"] == ["St"]  # no namespaced element in EndNote
    assert fields["titles@x"] == ["1"]
    assert fields["custom1"] == [""] and fields["custom1@a"] == ["v"]
    assert "notes" not in fields  # empty, no attribute: nothing
    assert fields["keywords/keyword"] == ["k1", "<sup>2</sup>"]


@pytest.mark.parametrize(
    "text", ["520-529", " 12--34 ", "e1234–e1240", "A1 — A9", "7", "12-15, 20", "iv-x", "", "-"]
)
def test_pages_are_read_as_the_model_parses_them(text: str) -> None:
    from biblioconv.formats.endnote_xml.table import _pages_read
    from biblioconv.model import PageRange
    from biblioconv.rules import RuleContext

    expected = PageRange.parse(text).model_dump(exclude_defaults=True)
    if text.strip():
        assert _pages_read([text], RuleContext()) == expected
