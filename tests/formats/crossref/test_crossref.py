"""Crossref XML: goldens from the shared real examples (deposits 5.3.0/5.3.1, unixsd query
output) and hand-written edge cases, the 5.3.1 XSD for everything written, the writer's refusals
and options, loss reports, detection, validation, errors and streaming."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from testsupport import SCHEMAS, SHARED, load_xsd
from testsupport import Chunks as _Chunks

import biblioconv
from biblioconv import readback, registry
from biblioconv.errors import OptionError, ParseError, UnsafeInputError, WriteError
from biblioconv.formats.crossref.reader import HOLDERS
from biblioconv.model import Contributor, DateValue, Identifier, PartialDate, Record, Title
from biblioconv.report import Code, ConversionReport
from biblioconv.validation import check as validate

CASES = Path(__file__).parent / "cases"
GOLDENS = sorted(CASES.glob("*.xml"))
CR = "{http://www.crossref.org/schema/5.3.1}"


def schema() -> etree.XMLSchema:
    return load_xsd("crossref/schema-0.3.1/crossref5.3.1.xsd")


def assert_valid(xml: str | bytes) -> etree._Element:
    data = xml.encode("utf-8") if isinstance(xml, str) else xml
    root = etree.fromstring(data)
    s = schema()
    assert s.validate(etree.ElementTree(root)), s.error_log.last_error
    return root


def expected(path: Path) -> list[dict[str, Any]]:
    data = json.loads(path.with_suffix(".record.json").read_text("utf-8"))
    return data if isinstance(data, list) else [data]


def article(**kw: Any) -> Record:
    """A journal article with what a deposit needs."""
    base: dict[str, Any] = {
        "type": "article-journal",
        "titles": [Title(text="A title")],
        "contributors": [Contributor(given="Jane", family="Doe")],
        "dates": [DateValue(start=PartialDate(year=2021, month=5))],
        "identifiers": [
            Identifier(scheme="doi", value="10.5555/abc"),
            Identifier(scheme="url", value="https://example.org/abc"),
        ],
        "container": {"titles": [Title(text="Journal of Tests")], "volume": "3", "issue": "2"},
    }
    base.update(kw)
    return Record.model_validate(base)


# -- goldens -------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", GOLDENS, ids=lambda p: p.stem)
def test_golden_reads_as_its_records(path: Path) -> None:
    records = biblioconv.loads(path.read_bytes(), "crossref")
    assert [r.model_dump(mode="json", exclude_defaults=True) for r in records] == expected(path)


@pytest.mark.parametrize("path", GOLDENS, ids=lambda p: p.stem)
def test_golden_written_is_valid_531_and_reads_back(path: Path) -> None:
    all_records = biblioconv.loads(path.read_bytes(), "crossref")
    assert list(readback.check(all_records, "crossref")) == []
    kinds: dict[str, list[Record]] = {}
    for record in all_records:  # a deposit holds one kind of content
        kinds.setdefault(_holder(record), []).append(record)
    for records in kinds.values():
        _written_valid_and_back(records)


def _holder(record: Record) -> str:
    from biblioconv.formats.crossref.writer import _HOLDER, _native_type

    return _HOLDER[_native_type(record)[1]]


def _written_valid_and_back(records: list[Record]) -> None:
    report = ConversionReport(max_diagnostics=None)
    text = biblioconv.dumps(records, "crossref", report=report)
    root = assert_valid(text)
    assert len(root.find(f"{CR}body")) == len(records)
    assert not [d for d in report.diagnostics if d.code is Code.RECORD_SKIPPED]
    approximated = {d.record for d in report.diagnostics if d.code is Code.TYPE_APPROXIMATED}
    back = biblioconv.loads(text, "crossref")
    assert [(r.doi, r.title) for r in back] == [(r.doi, r.title) for r in records]
    for before, after in zip(records, back, strict=True):
        assert after.type == before.type or before.label in approximated
    # the same-format trip keeps what Crossref holds
    for before, after in zip(records, back, strict=True):
        assert after.contributors == before.contributors
        assert after.funding == before.funding
        assert after.relations == before.relations
        assert after.container == before.container

        if not any(d.field == "extras.crossref.crossmark" for d in report.diagnostics):
            assert after.extras.get("crossref", {}).get("crossmark") == before.extras.get(
                "crossref", {}
            ).get("crossmark")


def test_the_golden_sources_are_the_shared_examples() -> None:
    for example in (SHARED / "examples" / "crossref").glob("*.xml"):
        assert (CASES / example.name).read_bytes() == example.read_bytes()


# -- what the reader makes of the real examples and the edge cases -------------------------------------


def one(name: str) -> Record:
    [record] = biblioconv.loads((CASES / name).read_bytes(), "crossref")
    return record


def test_journal_article_531_details() -> None:
    r = one("deposit-journal.article5.3.1.xml")
    assert r.doi == "10.5555/n0hrokm"
    assert r.container is not None and r.container.title == "Journal of Crossref Test Data"
    first = r.contributors[0]
    assert first.orcid == "0000-0002-4011-3590"
    assert [i.scheme for i in first.affiliations[0].identifiers] == ["ror", "isni"]
    assert first.affiliations[1].identifiers[0].value == "05gq02987"
    assert [d.lang for d in r.descriptions] == ["fr", "en"]
    assert r.funding[0].funder_identifier is not None
    assert r.funding[0].funder_identifier.scheme == "crossref-funder"
    assert r.funding[0].award_number == "CHE-1152342"
    assert r.rights[0].uri == "http://creativecommons.org/licenses/by/3.0/deed.en_US"
    assert r.access_rights == "info:eu-repo/semantics/openAccess"
    refs = [x for x in r.relations if x.type == "References"]
    assert len(refs) == 6 and refs[-1].identifier is None
    review = [x for x in r.relations if x.type == "IsReviewedBy"]
    assert review[0].identifier is not None and review[0].identifier.value == "10.5555/zll10oq"
    # the anonymous author and the affiliation details are kept for a Crossref trip
    ex = r.extras["crossref"]
    assert ex["anonymous"][0]["element"] == "anonymous"
    assert ex["contributor_details"]["0"]["institutions"][0]["acronym"] == ["USDOE(EM)"]


def test_many_authors_non_ascii_organisations_orcid_ror() -> None:
    r = one("edge-many-authors.xml")
    assert len(r.authors) == 44 and len(r.editors) == 1
    first = r.contributors[0]
    assert (first.given, first.family, first.suffix) == ("Marie-Claire", "d'Alembert-Ørsted", "Jr.")
    aff = first.affiliations[0]
    assert aff.name == "Université de Genève"
    assert [(i.scheme, i.value) for i in aff.identifiers] == [
        ("ror", "01swzsf04"),
        ("isni", "0000000123423717"),
        ("wikidata", "Q503473"),
    ]
    org = r.contributors[1]
    assert org.kind == "organization" and org.literal == "The Ψ-Collaboration (国际合作组)"
    assert r.contributors[4].family == "张 C"
    assert (
        r.title
        == 'Über <i>Drosophila</i> und CO<sub>2</sub>: ein <span style="font-variant:small-caps;">Überblick</span>'
    )
    assert r.subtitle == "Methoden & Ergebnisse"
    assert [(t.type, t.lang) for t in r.titles][-1] == ("alternative", "en")
    assert r.abstract == "Erster Absatz mit <i>Kursivschrift</i>.\n\nZweiter Absatz — äöü ß."
    assert r.container is not None
    assert [(i.scheme, i.value) for i in r.container.identifiers] == [
        ("issn", "0317-8471"),
        ("eissn", "1050-124X"),
    ]
    assert (r.container.volume, r.container.issue) == ("12", "3–4")
    assert r.container.issued is not None and r.container.issued.year == 2023
    assert r.doi == "10.5555/edge.authors-ü"


def test_dates_of_every_precision() -> None:
    records = biblioconv.loads((CASES / "edge-dates.xml").read_bytes(), "crossref")
    issued = [r.issued for r in records]
    assert [d.edtf() if d else None for d in issued] == ["1999", "2001-02", "2020-12-31", "2019-22"]
    assert issued[1] is not None and issued[1].information == "print"
    full = records[2]
    assert [d.type for d in full.dates] == ["issued", "issued", "accepted"]
    assert [d.information for d in full.dates] == ["online", "print", None]
    assert full.container is not None and full.container.number == "e2020123"
    assert ("other", "S0000-0000(20)00001-1", "pii") in [
        (i.scheme, i.value, i.label) for i in full.identifiers
    ]


def _dated(parts: str) -> bytes:
    return (
        '<doi_batch xmlns="http://www.crossref.org/schema/5.3.1" version="5.3.1"><head/><body>'
        "<journal><journal_metadata><full_title>J</full_title></journal_metadata>"
        f"<journal_article><titles><title>T</title></titles><publication_date>{parts}"
        "<year>2021</year></publication_date><doi_data><doi>10.5555/d</doi>"
        "<resource>https://example.org/d</resource></doi_data></journal_article></journal>"
        "</body></doi_batch>"
    ).encode()


@pytest.mark.parametrize(
    ("parts", "edtf", "problem"),
    [
        ("<month>34</month><day>07</day>", "2021", "month '34' is not a month"),
        ("<month>13</month>", "2021", "month '13' is not a month"),
        ("<month>ab</month>", "2021", "month 'ab' is not a month"),
        ("<month>02</month><day>30</day>", "2021-02", "day '30' is not a day of 2021-02"),
        ("<month>04</month><day>x</day>", "2021-04", "day 'x' is not a day of 2021-04"),
        ("<month>22</month><day>03</day>", "2021-22", "day '03' of a season"),
        ("<day>05</day>", "2021", "day '05' without a month"),
    ],
)
def test_an_invalid_date_part_is_left_out_and_reported(parts: str, edtf: str, problem: str) -> None:
    report = ConversionReport(max_diagnostics=None)
    [r] = biblioconv.loads(_dated(parts), "crossref", report=report)
    # one date, of the valid parts, no literal beside it
    assert [(d.edtf(), d.literal) for d in r.dates] == [(edtf, None)]
    [d] = report.by_code("INVALID_VALUE")
    assert (d.record, d.field, d.severity) == ("doi:10.5555/d", "publication_date", "warning")
    assert problem in d.message and d.message.endswith(f"read as {edtf}")


def test_a_day_is_checked_against_its_month_and_year() -> None:
    report = ConversionReport(max_diagnostics=None)
    [r] = biblioconv.loads(_dated("<month>02</month><day>29</day>"), "crossref", report=report)
    assert r.dates[0].edtf() == "2021-02" and report.by_code("INVALID_VALUE")
    report = ConversionReport(max_diagnostics=None)
    [r] = biblioconv.loads(_dated("<month>12</month><day>31</day>"), "crossref", report=report)
    assert r.dates[0].edtf() == "2021-12-31" and not report.by_code("INVALID_VALUE")


def test_funders_licences_and_related_identifiers() -> None:
    r = one("edge-funders-relations.xml")
    assert [(f.funder_name, f.award_number) for f in r.funding] == [
        ("European Research Council", "ERC-2020-STG-1"),
        ("European Research Council", "ERC-2021-POC-2"),
        ("Deutsche Forschungsgemeinschaft", None),
        ("Wellcome Trust", "WT-123"),
        ("A small foundation without an id", None),
    ]
    ids = [f.funder_identifier for f in r.funding]
    assert [(i.scheme, i.value) if i else None for i in ids] == [
        ("crossref-funder", "501100000781"),
        ("crossref-funder", "501100000781"),
        ("crossref-funder", "501100001659"),
        ("ror", "029chgv08"),
        None,
    ]
    assert [x.uri for x in r.rights] == [
        "https://creativecommons.org/licenses/by/4.0/",
        "https://example.org/tdm-licence",
    ]
    rel = [(x.type, x.identifier.scheme if x.identifier else None) for x in r.relations]
    assert rel == [
        ("References", "doi"),
        ("References", "isbn"),
        ("References", None),
        ("IsVersionOf", "doi"),
        ("IsSupplementedBy", "url"),
        ("IsDerivedFrom", "arxiv"),
        ("Other", "pmid"),
        ("IsPartOf", "issn"),
        ("IsDerivedFrom", "other"),
    ]
    assert r.relations[3].type_information == "isPreprintOf"
    assert r.relations[8].native_identifier_type == "accession"
    assert r.publisher is not None and r.publisher.name == "University of Oxford"
    assert r.number == "2022-0042"
    assert r.type == "preprint"


def test_query_output_records() -> None:
    records = biblioconv.loads((CASES / "unixref-records.xml").read_bytes(), "crossref")
    assert [r.type for r in records] == ["article-journal", "chapter", "thesis"]
    assert records[0].contributors[0].affiliations[0].name.startswith("Dept. of Physics")
    chapter = records[1]
    assert [(c.role, c.family) for c in chapter.contributors] == [
        ("author", "Chapman"),
        ("editor", "Editor"),
    ]
    assert chapter.container is not None and chapter.container.title == "The Collected Volume"
    assert chapter.publisher is not None and chapter.publisher.place == "Berlin"
    assert records[2].genre == "PhD"
    elife = one("unixsd-elife-journal-article.xml")
    assert elife.extras["crossref"]["crm-item:publisher-name"] == "eLife Sciences Publications, Ltd"


# -- writing --------------------------------------------------------------------------------------


def test_written_edge_cases_keep_what_crossref_holds() -> None:
    r = one("edge-many-authors.xml")
    text = biblioconv.dumps([r], "crossref")
    root = assert_valid(text)
    art = root.find(f".//{CR}journal_article")
    assert art is not None
    people = art.findall(f"{CR}contributors/*")
    assert len(people) == 45
    assert people[0].get("sequence") == "first"
    assert {p.get("sequence") for p in people[1:]} == {"additional"}
    title = art.find(f"{CR}titles/{CR}title")
    assert title is not None and [etree.QName(c).localname for c in title] == ["i", "sub", "scp"]
    ids = art.findall(f".//{CR}institution_id")
    assert [i.get("type") for i in ids] == ["ror", "isni", "wikidata"]
    assert ids[0].text == "https://ror.org/01swzsf04"


def test_record_without_doi_or_url_is_refused_with_one_line() -> None:
    report = ConversionReport()
    r = article(identifiers=[])
    biblioconv.dumps([r], "crossref", report=report)
    [skip] = [d for d in report.diagnostics if d.code is Code.RECORD_SKIPPED]
    assert "a DOI (doi_data/doi)" in skip.message and "\n" not in skip.message
    assert "landing page URL" in skip.message
    with pytest.raises(WriteError, match="missing for a Crossref deposit"):
        biblioconv.dumps([r], "crossref", strict=True)


def test_resource_template_gives_a_landing_page() -> None:
    r = article(identifiers=[Identifier(scheme="doi", value="10.5555/t.1")])
    report = ConversionReport()
    text = biblioconv.dumps(
        [r], "crossref", report=report, resource="https://publisher.example/{doi}"
    )
    root = assert_valid(text)
    assert root.findtext(f".//{CR}journal_article/{CR}doi_data/{CR}resource") == (
        "https://publisher.example/10.5555/t.1"
    )
    assert any(d.field == "identifiers(scheme=url)" for d in report.diagnostics)


def test_batch_head_from_options() -> None:
    text = biblioconv.dumps(
        [article()],
        "crossref",
        depositor_name="Example Press",
        depositor_email="deposits@example.org",
        registrant="Example Society",
        doi_batch_id="batch-0001",
        timestamp="20240101120000",
    )
    root = assert_valid(text)
    head = root.find(f"{CR}head")
    assert head is not None
    assert [e.text for e in head.iter() if len(e) == 0] == [
        "batch-0001",
        "20240101120000",
        "Example Press",
        "deposits@example.org",
        "Example Society",
    ]
    with pytest.raises(WriteError, match="timestamp"):
        biblioconv.dumps([article()], "crossref", timestamp="2024-01-01")
    with pytest.raises(OptionError):
        biblioconv.dumps([article()], "crossref", depositor="x")


def test_default_head_is_valid_and_timestamps_grow() -> None:
    a = etree.fromstring(biblioconv.dumps([article()], "crossref").encode())
    b = etree.fromstring(biblioconv.dumps([article()], "crossref").encode())
    assert int(b.findtext(f"{CR}head/{CR}timestamp")) >= int(a.findtext(f"{CR}head/{CR}timestamp"))


def test_one_kind_of_content_per_deposit() -> None:
    book = Record.model_validate(
        {
            "type": "book",
            "titles": [{"text": "A book"}],
            "dates": [{"start": {"year": 2020}}],
            "publisher": {"name": "Example Books"},
            "identifiers": [
                {"scheme": "doi", "value": "10.5555/book"},
                {"scheme": "url", "value": "https://example.org/book"},
            ],
        }
    )
    report = ConversionReport()
    text = biblioconv.dumps([article(), book], "crossref", report=report)
    root = assert_valid(text)
    assert [etree.QName(c).localname for c in root.find(f"{CR}body")] == ["journal"]
    [skip] = [d for d in report.diagnostics if d.code is Code.RECORD_SKIPPED]
    assert "one kind of content" in skip.message
    assert_valid(biblioconv.dumps([book], "crossref"))


@pytest.mark.parametrize(
    ("hub_type", "holder"),
    [
        ("article-journal", "journal"),
        ("journal-issue", "journal"),
        ("book", "book"),
        ("chapter", "book"),
        ("paper-conference", "conference"),
        ("proceedings", "conference"),
        ("thesis", "dissertation"),
        ("report", "report-paper"),
        ("dataset", "database"),
        ("preprint", "posted_content"),
        ("software", "database"),
        ("peer-review", "peer_review"),
    ],
)
def test_every_work_structure_is_valid(hub_type: str, holder: str) -> None:
    r = article(
        type=hub_type,
        dates=[DateValue(start=PartialDate(year=2021, month=5, day=4))],
        publisher={"name": "Example Press", "place": "Paris"},
        event={"title": "Conference on Tests", "place": "Lyon"},
        relations=[{"type": "Reviews", "identifier": {"scheme": "doi", "value": "10.5555/rev"}}],
        container={
            "titles": [Title(text="The Container")],
            "identifiers": [Identifier(scheme="isbn", value="9780306406157")],
            "pages": {"first": "1", "last": "9"},
        },
    )
    report = ConversionReport(max_diagnostics=None)
    text = biblioconv.dumps([r], "crossref", report=report)
    root = assert_valid(text)
    assert [etree.QName(c).localname for c in root.find(f"{CR}body")] == [holder]
    assert list(readback.check([r], "crossref")) == []


def test_loss_report_names_record_paths_and_reasons() -> None:
    r = article(
        subjects=[{"term": "Testing"}],
        dates=[
            DateValue(start=PartialDate(year=2021)),
            DateValue(type="accessed", start=PartialDate(year=2024, month=1, day=2)),
        ],
        version="2.0",
    )
    report = ConversionReport(max_diagnostics=None)
    biblioconv.dumps([r], "crossref", report=report)
    dropped = {d.field: d.message for d in report.diagnostics if d.code is Code.FIELD_DROPPED}
    assert "no subjects in the deposit schema" in dropped["subjects[0]"]
    assert "access date" in dropped["dates[1]"]
    assert "version" in dropped
    assert all(d.target_format == "crossref" for d in report.diagnostics)


def test_values_the_schema_does_not_take_are_reported_not_written() -> None:
    r = article(
        contributors=[
            Contributor(given="Jane", family="Doe"),
            Contributor(given="Long", family="N" * 61),  # surnames have at most 60 characters
            Contributor(given="Joe", family="Roe"),
        ],
        container={"titles": [Title(text="J")], "volume": "x" * 40},
    )
    report = ConversionReport(max_diagnostics=None)
    text = biblioconv.dumps([r], "crossref", report=report)
    assert_valid(text)
    fields = {d.field for d in report.diagnostics}
    assert "contributors[1]" in fields and "container.volume" in fields
    # the author after the one left out reads back one place earlier, and says so
    assert "contributors[2]" in fields
    assert list(readback.check([r], "crossref")) == []


def test_year_outside_the_schema_range_refuses_the_record() -> None:
    r = article(dates=[DateValue(start=PartialDate(year=1200))])
    report = ConversionReport()
    biblioconv.dumps([r], "crossref", report=report)
    [skip] = [d for d in report.diagnostics if d.code is Code.RECORD_SKIPPED]
    assert "1400-2200" in skip.message


def test_chapter_editors_go_to_the_book() -> None:
    r = article(
        type="chapter",
        contributors=[
            Contributor(given="Ed", family="Itor", role="editor"),
            Contributor(given="Au", family="Thor"),
        ],
        publisher={"name": "Example Books"},
        container={"titles": [Title(text="The Book")]},
    )
    report = ConversionReport(max_diagnostics=None)
    root = assert_valid(biblioconv.dumps([r], "crossref", report=report))
    book = root.find(f".//{CR}book_metadata")
    item = root.find(f".//{CR}content_item")
    assert book is not None and item is not None
    assert book.findtext(f".//{CR}surname") == "Itor"
    assert item.findtext(f".//{CR}surname") == "Thor"
    # read back, the chapter's author comes first: reported
    assert any(d.field == "contributors[0]" for d in report.diagnostics)
    assert list(readback.check([r], "crossref")) == []


# -- detection, validation ------------------------------------------------------------------------------


def test_format_registration_and_detection() -> None:
    spec = registry.get("crossref")
    assert spec.can_read and spec.can_write and spec.validator is not None
    assert registry.get("unixsd") is spec and registry.get("crossref-xml") is spec
    assert "crossref" in [s.name for s in registry.by_extension("refs.crossref.xml")]
    for path in GOLDENS:
        head = path.read_bytes()[:4096]
        assert spec.sniff_bytes(head) >= 0.6, path.name
        best = max(registry.all_formats(), key=lambda s: s.sniff_bytes(head))
        assert best.name == "crossref", path.name
    datacite = (SHARED / "examples").glob("*.xml")
    assert all(spec.sniff_bytes(p.read_bytes()[:4096]) == 0 for p in datacite)


def test_validate_checks_deposits_against_the_xsd(tmp_path: Path) -> None:
    good = (CASES / "deposit-journal.article5.3.1.xml").read_bytes()
    result = validate(good, "crossref", schema_dir=SCHEMAS)
    assert result.valid and result.records == 1 and "checked" in result.schema
    bad = good.replace(b"<title>This is a journal article title</title>", b"")
    result = validate(bad, "crossref", schema_dir=SCHEMAS)
    assert not result.valid and "XSD" in result.errors[0].message
    # query output: the query-output schema and the unixref schema together
    query = (CASES / "unixref-records.xml").read_bytes()
    result = validate(query, "crossref", schema_dir=SCHEMAS)
    assert result.valid and result.records == 3 and "unixref 1.1 checked" in result.schema
    # live output is newer than the 0.3.1 bundle (as measured in ../shared/examples/README.md)
    live = validate(
        (CASES / "unixsd-elife-journal-article.xml").read_bytes(), "crossref", schema_dir=SCHEMAS
    )
    assert [p.line for p in live.errors] and "crossmark" in live.errors[0].message
    live = validate(
        (CASES / "unixsd-schema-4.6-values.xml").read_bytes(), "crossref", schema_dir=SCHEMAS
    )
    assert all("authenticated" in p.message for p in live.errors) and live.errors


# -- errors --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty input"),
        (b"<doi_batch><head>", "line 1"),
        (b'<?xml version="1.0"?>\n<resource xmlns="x"/>', "not Crossref XML"),
        (
            b"<crossref_result><query_result><body><query><doi_record><crossref>"
            b"<error>DOI not found</error></crossref></doi_record></query></body></query_result>"
            b"</crossref_result>",
            "DOI not found",
        ),
    ],
)
def test_malformed_input_is_one_clear_line(data: bytes, message: str) -> None:
    with pytest.raises(ParseError) as info:
        biblioconv.loads(data, "crossref")
    text = str(info.value)
    assert message in text and "\n" not in text


def test_broken_work_is_skipped_and_the_rest_read() -> None:
    data = (
        (CASES / "edge-dates.xml")
        .read_bytes()
        .replace(
            b"<publication_date><year>1999</year></publication_date>",
            b"<publication_date><year>1999</year></publication_date><pages/>",
        )
    )
    records = biblioconv.loads(data, "crossref", strict=False)
    assert len(records) == 4


def test_entities_are_refused() -> None:
    doc = (
        b'<?xml version="1.0"?><!DOCTYPE doi_batch [<!ENTITY x "boom">]>'
        b'<doi_batch xmlns="http://www.crossref.org/schema/5.3.1"/>'
    )
    with pytest.raises(UnsafeInputError):
        biblioconv.loads(doc, "crossref")


# -- streaming ------------------------------------------------------------------------------------


def _query_output(n: int) -> Iterator[bytes]:
    yield b'<?xml version="1.0" encoding="UTF-8"?>\n<crossref_result xmlns="http://www.crossref.org/qrschema/3.0" version="3.0"><query_result><head><doi_batch_id>x</doi_batch_id></head><body>'
    for i in range(n):
        yield (
            f'<query status="resolved"><doi type="journal_article">10.5555/s.{i}</doi>'
            '<doi_record><crossref xmlns="http://www.crossref.org/xschema/1.1"><journal>'
            "<journal_metadata><full_title>Stream Journal</full_title></journal_metadata>"
            f"<journal_article><titles><title>Record {i}</title></titles>"
            '<contributors><person_name sequence="first" contributor_role="author">'
            "<given_name>A</given_name><surname>B</surname></person_name></contributors>"
            "<publication_date><year>2020</year></publication_date>"
            f"<doi_data><doi>10.5555/s.{i}</doi><resource>https://example.org/{i}</resource>"
            "</doi_data></journal_article></journal></crossref></doi_record></query>"
        ).encode()
    yield b"</body></query_result></crossref_result>"


_RSS = """
import io, resource, sys
sys.path[:0] = [{here!r}, {tests!r}]
import test_crossref as T
import biblioconv
n = 0
for record in biblioconv.read(io.BufferedReader(T._Chunks(T._query_output({n}))), "crossref"):
    n += 1
assert n == {n}
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _max_rss_kib(n: int) -> int:
    here = str(Path(__file__).parent)
    code = _RSS.format(here=here, tests=str(Path(__file__).parents[2]), n=n)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout.split()[-1])


def test_query_output_streams_in_constant_memory() -> None:
    """Ten times the records (about 18 MB of query output) take no more memory: each work is
    released when it has been read (libxml2's memory included, which tracemalloc cannot see)."""
    small, large = _max_rss_kib(4000), _max_rss_kib(40000)
    assert large - small < 8 * 1024, (small, large)


def test_reader_yields_before_the_input_ends() -> None:
    stream = biblioconv.read(io.BufferedReader(_Chunks(_query_output(10**6))), "crossref")
    first = next(iter(stream))
    assert first.doi == "10.5555/s.0"


def test_holders_are_the_schema_body_children() -> None:
    xsd = etree.parse(str(SCHEMAS / "crossref/schema-0.3.1/crossref5.3.1.xsd"))
    ns = {"x": "http://www.w3.org/2001/XMLSchema"}
    body = xsd.find(".//x:element[@name='body']", ns)
    assert body is not None
    assert [e.get("ref") for e in body.iterfind(".//x:element", ns)] == list(HOLDERS)
