"""MODS: goldens from Zotero's MODS test cases (3.0-3.7, a prefixed namespace), the 3.8 XSD for
every golden and the whole BibTeX corpus, hand-written edge cases, streaming, errors."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from testsupport import SCHEMAS, SHARED

import biblioconv
from biblioconv import readback, registry
from biblioconv.errors import ParseError, UnsafeInputError
from biblioconv.model import Record
from biblioconv.report import Code, ConversionReport
from biblioconv.validation import xsd

CASES = Path(__file__).parent / "cases"
GOLDENS = sorted(CASES.glob("*.xml"))
MODS = "{http://www.loc.gov/mods/v3}"


def _schema() -> Any:
    return xsd(str(SCHEMAS), "mods/3.8/mods-3-8.xsd")


def _valid(data: bytes) -> list[str]:
    schema = _schema()
    root = etree.fromstring(data)
    if schema.validate(etree.ElementTree(root)):
        return []
    return [str(e) for e in schema.error_log]


@pytest.mark.parametrize("path", GOLDENS, ids=lambda p: p.stem)
def test_golden_reads_as_its_record(path: Path) -> None:
    expected = json.loads(path.with_suffix(".record.json").read_text("utf-8"))
    [record] = biblioconv.loads(path.read_bytes(), "mods")
    assert record.model_dump(mode="json", exclude_defaults=True) == expected


@pytest.mark.parametrize("path", GOLDENS, ids=lambda p: p.stem)
def test_golden_written_is_valid_mods_38_and_reads_back(path: Path) -> None:
    [record] = biblioconv.loads(path.read_bytes(), "mods")
    text = biblioconv.dumps([record], "mods")
    assert _valid(text.encode("utf-8")) == []
    assert list(readback.check([record], "mods")) == []
    # same-format trip: what MODS holds comes back, the top-level elements it kept verbatim too
    [back] = biblioconv.loads(text, "mods")
    assert back.title == record.title
    assert back.type == record.type
    assert back.extras.get("mods", {}).get("xml") == record.extras.get("mods", {}).get("xml")


def test_the_golden_sources_are_the_shared_examples() -> None:
    shared = {p.name.removeprefix("zotero-mods-") for p in (SHARED / "examples/mods").glob("*.xml")}
    assert {p.name for p in GOLDENS} == shared


def test_prefixed_namespace_and_old_versions_read_alike() -> None:
    [letter] = biblioconv.loads((CASES / "case19-letter-prefixed.xml").read_bytes(), "mods")
    assert letter.title == "[Brief Josef Blaas' an Albrecht Penck]"
    blaas, penck = letter.contributors[:2]
    assert (blaas.family, blaas.given, blaas.role) == ("Blaas", "Josef", "author")
    assert blaas.role_label == "Verfasser"
    assert penck.role == "recipient"
    assert letter.language == "de"  # iso639-2b ger
    [article] = biblioconv.loads((CASES / "case09-journalarticle-mods3.0.xml").read_bytes(), "mods")
    assert article.type == "article-journal"


def test_corpus_to_mods_is_one_valid_collection(tmp_path: Path) -> None:
    """The whole real-world BibTeX corpus as one modsCollection, streamed; every record valid."""
    out = tmp_path / "corpus.mods.xml"
    report = ConversionReport()
    biblioconv.convert(SHARED / "corpus" / "bibtex-real.bib", "mods", out, report=report)
    assert report.records_written == report.records_read == 6119
    schema = _schema()
    invalid, count = [], 0
    with out.open("rb") as fh:
        for _event, elem in etree.iterparse(fh, tag=f"{MODS}mods"):
            count += 1
            if not schema.validate(etree.ElementTree(etree.fromstring(etree.tostring(elem)))):
                invalid.append(f"record {count}: {schema.error_log.last_error}")
            elem.clear()
    assert count == 6119
    assert invalid == []


# -- hand-written edge cases -----------------------------------------------------------------

EDGE: dict[str, Any] = {
    "type": "chapter",
    "titles": [
        {"text": "Über die Quantenmechanik", "lang": "de"},
        {"text": "eine Einführung", "type": "subtitle", "lang": "de"},
        {"text": "QM", "type": "short"},
    ],
    "contributors": [
        *({"family": f"Müller{i}", "given": "Zoë", "role": "author"} for i in range(60)),
        {
            "family": "Ørsted",
            "given": "Hans Christian",
            "identifiers": [{"scheme": "orcid", "value": "0000-0002-1825-0097"}],
            "affiliations": [{"name": "Københavns Universitet"}],
        },
        {"kind": "organization", "literal": "CERN", "role": "author"},
        {"family": "Editor", "given": "Ed", "role": "editor"},
    ],
    "et_al": ["author"],
    "dates": [
        {"type": "issued", "start": {"year": 2021, "month": 3, "day": 9}},
        {"type": "created", "start": {"year": 2020, "month": 11}},
        {"type": "copyrighted", "start": {"year": 2020}},
        {"type": "accessed", "start": {"year": 2024, "month": 1, "day": 2}},
        {"type": "collected", "start": {"year": 2019}, "end": {"year": 2020}},
        {"type": "valid", "start": {"year": 2018}, "open_end": True},
        {"type": "other", "literal": "Frühjahr 1850", "information": "Entstehung"},
        {"type": "submitted", "start": {"year": 2020, "month": 5}, "approximate": True},
    ],
    "publisher": {"name": "Springer", "place": "Berlin"},
    "container": {
        "titles": [{"text": "Handbuch der Physik"}],
        "identifiers": [{"scheme": "isbn", "value": "978-3-16-148410-0"}],
        "volume": "3",
        "pages": {"first": "100", "last": "120"},
    },
    "series": {"titles": [{"text": "Lecture Notes"}], "number": "12"},
    "identifiers": [
        {"scheme": "doi", "value": "10.1000/xyz123"},
        {"scheme": "handle", "value": "1234/5678"},
    ],
    "funding": [
        {
            "funder_name": "Deutsche Forschungsgemeinschaft",
            "funder_identifier": {"scheme": "ror", "value": "https://ror.org/018mejw64"},
            "award_number": "SFB 123",
        }
    ],
    "relations": [
        {"type": "IsSupplementedBy", "identifier": {"scheme": "doi", "value": "10.5281/zenodo.1"}},
        {"type": "Continues", "citation": "Old handbook, 1990"},
    ],
    "related_items": [
        {
            "relation_type": "IsReviewedBy",
            "titles": [{"text": "A review"}],
            "contributors": [{"family": "Critic", "given": "Carl"}],
        }
    ],
    "language": "de",
    "subjects": [
        {"term": "Physik", "scheme": "gnd"},
        {"term": "530", "code": "530", "scheme": "ddc"},
    ],
    "descriptions": [{"text": "Ein Abstract.", "lang": "de"}, {"text": "A note", "type": "note"}],
    "rights": [{"statement": "CC BY 4.0", "uri": "https://creativecommons.org/licenses/by/4.0/"}],
    "access_rights": "info:eu-repo/semantics/openAccess",
}


def _edge() -> Record:
    return Record.model_validate(EDGE)


def test_edge_record_is_valid_and_loses_only_what_it_reports() -> None:
    report = ConversionReport(max_diagnostics=None)
    text = biblioconv.dumps([_edge()], "mods", report=report)
    assert _valid(text.encode("utf-8")) == []
    assert list(readback.check([_edge()], "mods")) == []
    fields = {d.field for d in report.diagnostics if d.code is Code.FIELD_DROPPED}
    assert any(f and f.startswith("funding[0]") for f in fields)  # the award number
    [back] = biblioconv.loads(text, "mods")
    assert len(back.authors) == 62 and back.et_al == ["author"]
    assert back.authors[60].orcid == "0000-0002-1825-0097"
    assert back.authors[60].affiliations[0].name == "Københavns Universitet"
    assert back.authors[61].kind == "organization"
    assert back.editors[0].family == "Editor"
    assert back.funding[0].funder_name == "Deutsche Forschungsgemeinschaft"
    assert back.funding[0].funder_identifier is not None
    assert [d.model_dump(exclude_defaults=True) for d in back.dates] == [
        d.model_dump(exclude_defaults=True) for d in _edge().dates
    ]
    assert back.container is not None and back.container.volume == "3"
    assert back.container.pages is not None and back.container.pages.text() == "100-120"
    assert back.series is not None and back.series.number == "12"
    assert [r.type for r in back.relations] == ["IsSupplementedBy", "Continues"]
    assert back.related_items[0].relation_type == "IsReviewedBy"
    assert back.subjects == _edge().subjects
    assert back.access_rights == "info:eu-repo/semantics/openAccess"
    assert back.subtitle == "eine Einführung"


def test_editor_of_a_chapter_is_in_the_host() -> None:
    text = biblioconv.dumps([_edge()], "mods")
    root = etree.fromstring(text.encode("utf-8"))
    host = root.find(f"{MODS}relatedItem[@type='host']")
    assert host is not None
    assert [n.findtext(f"{MODS}namePart[@type='family']") for n in host.findall(f"{MODS}name")] == [
        "Editor"
    ]


def test_collection_and_single_documents() -> None:
    one = biblioconv.dumps([_edge()], "mods")
    assert etree.fromstring(one.encode()).tag == f"{MODS}mods"
    two = biblioconv.dumps([_edge(), _edge()], "mods")
    root = etree.fromstring(two.encode())
    assert root.tag == f"{MODS}modsCollection" and len(root) == 2
    assert len(biblioconv.loads(two, "mods")) == 2
    empty = biblioconv.dumps([], "mods")
    assert etree.fromstring(empty.encode()).tag == f"{MODS}modsCollection"
    always = biblioconv.dumps([_edge()], "mods", collection="always")
    assert etree.fromstring(always.encode()).tag == f"{MODS}modsCollection"


def test_detection_by_name_and_content() -> None:
    spec = registry.get("mods")
    head = (CASES / "case19-letter-prefixed.xml").read_bytes()[:2000]
    assert spec.sniff_bytes(head) > 0.9
    assert biblioconv.detect(io.BytesIO(head)).format == "mods"
    assert registry.by_extension("x.mods.xml")[0].name == "mods"
    dc = b'<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"/>'
    assert spec.sniff_bytes(dc) == 0.0


def test_unknown_top_level_elements_round_trip_verbatim() -> None:
    doc = (
        b'<mods xmlns="http://www.loc.gov/mods/v3"><titleInfo><title>T</title></titleInfo>'
        b'<targetAudience authority="marctarget">juvenile</targetAudience>'
        b'<titleInfo script="Latn"><title>U</title></titleInfo></mods>'
    )
    report = ConversionReport(max_diagnostics=None)
    [record] = biblioconv.loads(doc, "mods", report=report)
    assert record.extras["mods"]["xml"] == [
        '<targetAudience xmlns="http://www.loc.gov/mods/v3" '
        'xmlns:xlink="http://www.w3.org/1999/xlink" authority="marctarget">juvenile</targetAudience>'
    ]
    assert record.extras["mods"]["titleInfo/@script"] == ["Latn"]
    assert any(d.code is Code.UNKNOWN_FIELD for d in report.diagnostics)
    again = biblioconv.dumps([record], "mods")
    assert "juvenile</targetAudience>" in again
    [back] = biblioconv.loads(again, "mods")
    assert back.extras["mods"]["xml"] == record.extras["mods"]["xml"]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty input"),
        (b"<mods xmlns='http://www.loc.gov/mods/v3'><titleInfo>", "line 1"),
        (b"<other/>", "no MODS <mods> element"),
    ],
)
def test_malformed_input_is_one_line_error(data: bytes, words: str) -> None:
    with pytest.raises(ParseError) as info:
        biblioconv.loads(data, "mods")
    message = str(info.value)
    assert words in message and "\n" not in message


def test_hostile_xml_is_refused() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
        b'<mods xmlns="http://www.loc.gov/mods/v3"><titleInfo><title>&b;</title></titleInfo></mods>'
    )
    with pytest.raises(UnsafeInputError):
        biblioconv.loads(bomb, "mods")


def test_validate_checks_the_official_schema() -> None:
    from biblioconv.validation import check

    good = (CASES / "case05-booksection.xml").read_bytes()
    result = check(good, "mods", schema_dir=SCHEMAS)
    assert result.valid and result.schema == "MODS 3.8 XSD checked"
    bad = b'<mods xmlns="http://www.loc.gov/mods/v3"><titleInfo><bogus/></titleInfo></mods>'
    result = check(bad, "mods", schema_dir=SCHEMAS)
    assert not result.valid
    assert any("XSD" in str(p) for p in result.errors)


def _all_golden_records() -> list[tuple[str, Record]]:
    out = []
    for path in sorted((CASES.parent.parent).glob("*/cases/*.record.json")):
        data = json.loads(path.read_text("utf-8"))
        for n, item in enumerate(data if isinstance(data, list) else [data]):
            out.append((f"{path.parent.parent.name}/{path.stem}#{n}", Record.model_validate(item)))
    return out


def test_every_golden_of_every_format_writes_valid_mods_38() -> None:
    """The golden records of all formats' tests, as one modsCollection: every record valid."""
    goldens = _all_golden_records()
    assert len(goldens) > 100
    text = biblioconv.dumps([r for _, r in goldens], "mods")
    root = etree.fromstring(text.encode("utf-8"))
    schema = _schema()
    invalid = []
    for (name, _), elem in zip(goldens, root, strict=True):
        if not schema.validate(etree.ElementTree(etree.fromstring(etree.tostring(elem)))):
            invalid.append(f"{name}: {schema.error_log.last_error}")
    assert invalid == []


def test_parallel_conversion_gives_the_same_output(tmp_path: Path) -> None:
    from biblioconv import parallel

    records = [r for _, r in _all_golden_records()][:120]
    source = tmp_path / "many.mods.xml"
    source.write_text(biblioconv.dumps(records, "mods"), encoding="utf-8")
    single, par = tmp_path / "single.ris", tmp_path / "parallel.ris"
    r1 = biblioconv.convert(source, "ris", single)
    r2 = parallel.convert_file(source, "ris", par, jobs=2, chunk_bytes=20_000)
    assert single.read_bytes() == par.read_bytes()
    assert r1.records_read == r2.records_read == len(records)
    assert sorted(str(d) for d in r1.diagnostics) == sorted(str(d) for d in r2.diagnostics)


def test_life_dates_of_names_are_kept_and_written_back() -> None:
    doc = (
        b'<mods xmlns="http://www.loc.gov/mods/v3"><titleInfo><title>T</title></titleInfo>'
        b'<name type="personal"><namePart type="family">Kant</namePart>'
        b'<namePart type="given">Immanuel</namePart><namePart type="date">1724-1804</namePart>'
        b'</name><name type="personal"><namePart type="family">Other</namePart></name></mods>'
    )
    [record] = biblioconv.loads(doc, "mods")
    assert record.extras["mods"]["namePart@date"] == [[0, "1724-1804"]]
    assert [c.family for c in record.contributors] == ["Kant", "Other"]
    text = biblioconv.dumps([record], "mods")
    assert _valid(text.encode()) == []
    [back] = biblioconv.loads(text, "mods")
    assert back.extras == record.extras


def _mods(body: str) -> bytes:
    return (
        '<?xml version="1.0"?><mods xmlns="http://www.loc.gov/mods/v3" version="3.7">'
        f"<titleInfo><title>T</title></titleInfo>{body}</mods>"
    ).encode()


def test_an_isbn_qualifier_is_its_label_and_is_written_back() -> None:
    data = _mods(
        '<identifier type="isbn">0801486394 (pbk. : acid-free, recycled paper)</identifier>'
        '<identifier type="isbn">978-0-306-40615-7 (v. 1)</identifier>'
        '<identifier type="issn">1545-9616 (Print)</identifier>'
        '<identifier type="isbn">9780306406157</identifier>'
        '<identifier type="local">A-1 (old)</identifier>'
        '<relatedItem type="host"><titleInfo><title>Host</title></titleInfo>'
        '<identifier type="isbn">0306406152 (hbk.)</identifier></relatedItem>'
    )
    report = ConversionReport(max_diagnostics=None)
    [record] = biblioconv.loads(data, "mods", report=report)
    assert [(i.scheme, i.value, i.valid, i.label) for i in record.identifiers] == [
        ("isbn", "9780801486395", True, "pbk. : acid-free, recycled paper"),
        ("isbn", "9780306406157", True, "v. 1"),
        ("issn", "1545-9616", True, "Print"),
        ("isbn", "9780306406157", True, None),
        ("local", "A-1 (old)", None, None),  # only ISBNs and ISSNs have qualifiers
    ]
    assert record.container is not None
    assert [(i.value, i.label) for i in record.container.identifiers] == [("9780306406157", "hbk.")]
    assert not [d for d in report.diagnostics if d.code is Code.INVALID_VALUE]
    text = biblioconv.dumps([record], "mods")
    assert _valid(text.encode("utf-8")) == []
    ids = [e.text for e in etree.fromstring(text.encode()).iter(f"{MODS}identifier")]
    assert ids == [
        "9780306406157 (hbk.)",
        "9780801486395 (pbk. : acid-free, recycled paper)",
        "9780306406157 (v. 1)",
        "1545-9616 (Print)",
        "9780306406157",
        "A-1 (old)",
    ]
    [back] = biblioconv.loads(text, "mods")
    assert back.identifiers == record.identifiers
    assert list(readback.check([record], "mods")) == []


def test_an_isbn_label_mods_cannot_write_as_a_qualifier_is_reported() -> None:
    record = Record.model_validate(
        {
            "type": "book",
            "titles": [{"text": "T"}],
            "identifiers": [
                {"scheme": "isbn", "value": "9780306406157", "label": "set (2 v.)"},
                {"scheme": "isbn", "value": "9780306406157 (pbk.)"},  # read back split
                {"scheme": "doi", "value": "10.1000/x", "label": "Pubs id"},
            ],
        }
    )
    report = ConversionReport(max_diagnostics=None)
    biblioconv.dumps([record], "mods", report=report)
    said = {d.field: d.code for d in report.diagnostics}
    assert said["identifiers[0].label"] is Code.FIELD_DROPPED
    assert said["identifiers[1]"] is Code.VALUE_COERCED
    assert said["identifiers[2].label"] is Code.FIELD_DROPPED
    assert list(readback.check([record], "mods")) == []


def test_a_url_given_again_is_one_identifier() -> None:
    data = _mods(
        "<location><url>http://example.org/a</url></location>"
        '<identifier type="doi">10.1000/xyz</identifier>'
        "<location><url>http://example.org/a</url><url>http://example.org/b</url>"
        '<url dateLastAccessed="2020-01-02">http://example.org/a</url></location>'
        '<identifier type="uri">http://example.org/b</identifier>'
    )
    [record] = biblioconv.loads(data, "mods")
    assert [(i.scheme, i.value) for i in record.identifiers] == [
        ("url", "http://example.org/a"),
        ("doi", "10.1000/xyz"),
        ("url", "http://example.org/b"),
    ]
    accessed = record.date("accessed")
    assert accessed is not None and accessed.edtf() == "2020-01-02"
    assert list(readback.check([record], "mods")) == []


def test_a_url_twice_from_elsewhere_is_reported_as_read_back_once() -> None:
    record = Record.model_validate(
        {
            "type": "webpage",
            "titles": [{"text": "T"}],
            "identifiers": [
                {"scheme": "url", "value": "http://example.org/a"},
                {"scheme": "url", "value": "http://example.org/a"},
                {"scheme": "doi", "value": "10.1000/xyz"},
            ],
        }
    )
    report = ConversionReport(max_diagnostics=None)
    text = biblioconv.dumps([record], "mods", report=report)
    said = {d.field for d in report.diagnostics if d.code is Code.VALUE_COERCED}
    assert {"identifiers[1]", "identifiers[2]"} <= said
    [back] = biblioconv.loads(text, "mods")
    assert [i.scheme for i in back.identifiers] == ["url", "doi"]
    assert list(readback.check([record], "mods")) == []


_UNREAD = b"""<?xml version="1.0"?>
<m:mods xmlns:m="http://www.loc.gov/mods/v3" xmlns:x="urn:x" version="3.5" x:foo="bar">
 <m:titleInfo lang="en" script="Latn"><m:title>Title</m:title><m:title>Second</m:title>
  <m:unknownKid>z</m:unknownKid></m:titleInfo>
 <m:name type="personal" authority="naf"><m:namePart type="family" x:n="1">Doe</m:namePart>
  <m:role><m:roleTerm type="code" authority="marcrelator">aut</m:roleTerm><m:x>r</m:x></m:role>
  <m:description>d</m:description></m:name>
 <m:subject><m:topic>A</m:topic><m:name><m:namePart>X</m:namePart></m:name></m:subject>
 <m:part><m:detail type="volume"><m:number>5</m:number><m:number>6</m:number></m:detail>
  <m:extent unit="pages"><m:start>10</m:start><m:end>20</m:end><m:total>11</m:total></m:extent>
  <m:date>2001</m:date></m:part>
 <m:relatedItem type="host"><m:titleInfo><m:title>Host</m:title></m:titleInfo>
  <m:abstract>x</m:abstract></m:relatedItem>
 <m:recordInfo><m:recordIdentifier>rid1</m:recordIdentifier><m:recordOrigin>o</m:recordOrigin>
 </m:recordInfo>
 <m:targetAudience>all</m:targetAudience>
</m:mods>"""


def test_what_a_read_element_leaves_unread_is_kept_in_order() -> None:
    [record] = biblioconv.loads(_UNREAD, "mods")
    kept = record.extras["mods"]
    ns = 'xmlns="http://www.loc.gov/mods/v3" xmlns:xlink="http://www.w3.org/1999/xlink"'
    assert list(kept) == [
        "part/extent/total",
        "titleInfo/@script",
        "titleInfo/title",
        "titleInfo/unknownKid",
        "name/@authority",
        "name/description",
        "role/x",
        "namePart/@n",
        "subject/name",
        "part/date",  # an element's unread children before what its read ones leave
        "detail/number",
        "relatedItem/abstract",
        "recordInfo/recordOrigin",
        "mods/@{urn:x}foo",
        "xml",
    ]
    assert kept["titleInfo/title"] == [f"<title {ns}>Second</title>"]
    assert kept["detail/number"] == [f"<number {ns}>6</number>"]
    assert kept["part/extent/total"] == ["11"]
    assert kept["namePart/@n"] == ["1"]
    assert record.title == "Title" and record.id == "rid1"
    assert list(readback.check([record], "mods")) == []


@pytest.mark.parametrize(
    "text", ["520-529", " 12--34 ", "e1234–e1240", "A1 — A9", "7", "12-15, 20", "iv-x", "-"]
)
@pytest.mark.parametrize("given", ["list", "detail"])
def test_pages_are_read_as_the_model_parses_them(text: str, given: str) -> None:
    from biblioconv.model import PageRange

    if given == "list":
        body = f'<part><extent unit="pages"><list>{text}</list></extent></part>'
    else:
        body = f'<part><detail type="page"><number>{text}</number></detail></part>'
    [record] = biblioconv.loads(_mods(body), "mods")
    c = record.container
    assert c is not None and c.pages is not None
    expected = PageRange.parse(text).model_dump(exclude_defaults=True)
    assert c.pages.model_dump(exclude_defaults=True) == expected


def test_host_identifiers_are_written_and_only_what_mods_cannot_hold_is_reported() -> None:
    record = Record.model_validate(
        {
            "type": "article-journal",
            "titles": [{"text": "T"}],
            "container": {
                "titles": [{"text": "J"}],
                "identifiers": [
                    {"scheme": "issn", "value": "1545-9616"},
                    {"scheme": "eissn", "value": "0378-5955", "label": "Online"},
                    {"scheme": "doi", "value": "10.1000/x", "label": "Pubs id"},
                ],
            },
            "series": {
                "titles": [{"text": "S"}],
                "identifiers": [
                    {"scheme": "issn", "value": "0378-5955", "scheme_uri": "http://x.org/"}
                ],
            },
        }
    )
    report = ConversionReport(max_diagnostics=None)
    text = biblioconv.dumps([record], "mods", report=report)
    assert _valid(text.encode("utf-8")) == []
    dropped = {d.field for d in report.diagnostics if d.code is Code.FIELD_DROPPED}
    assert dropped == {
        "container.identifiers[2].label",
        "series.identifiers[0].scheme_uri",
    }
    [back] = biblioconv.loads(text, "mods")
    assert back.container is not None
    assert [(i.scheme, i.value, i.label) for i in back.container.identifiers] == [
        ("issn", "1545-9616", None),
        ("eissn", "0378-5955", "Online"),
        ("doi", "10.1000/x", None),
    ]
    assert list(readback.check([record], "mods")) == []


_READ_ATTRS = _mods(
    '<name type="personal"><namePart>Doe, J.</namePart><role>'
    '<roleTerm type="code" authority="marcrelator">aut</roleTerm>'
    '<roleTerm type="text" authority="marcrelator" lang="eng">author</roleTerm>'
    '<roleTerm type="code" authorityURI="http://id.loc.gov/vocabulary/relators/"'
    ' valueURI="http://id.loc.gov/vocabulary/relators/edt">edt</roleTerm></role></name>'
    '<typeOfResource manuscript="yes" collection="yes">text</typeOfResource>'
    '<originInfo eventType="publication"><place><placeTerm type="code" authority="marccountry">'
    "nyu</placeTerm></place><publisher>P</publisher></originInfo>"
    '<language><languageTerm type="code" authority="iso639-2b" lang="eng"'
    ' authorityURI="http://id.loc.gov/vocabulary/iso639-2"'
    ' valueURI="http://id.loc.gov/vocabulary/iso639-2/ger">ger</languageTerm></language>'
    '<physicalDescription><form authority="marcform">print</form></physicalDescription>'
    '<relatedItem type="host"><titleInfo><title>Host</title></titleInfo>'
    '<genre authority="marcgt">periodical</genre></relatedItem>'
    '<identifier type="isbn" invalid="yes">0306406153</identifier>'
    '<location><physicalLocation authority="isil">DE-611</physicalLocation>'
    '<url usage="primary display" access="object in context" displayLabel="Full text"'
    ' note="n" dateLastAccessed="2020-01-02">http://example.org/a</url></location>'
    '<part><extent unit="leaves"><start>3</start><end>9</end></extent></part>'
    '<recordInfo><recordIdentifier source="DE-611">rid</recordIdentifier></recordInfo>'
).replace(b'version="3.7"', b'version="3.7" ID="m1"')


def test_attributes_read_but_not_in_the_model_are_kept_in_the_extras() -> None:
    """Every attribute the reader takes has a home: the model (the role code, the language,
    the url's access date...) or the extras, which are named when writing does not give them
    back."""
    report = ConversionReport(max_diagnostics=None)
    [record] = biblioconv.loads(_READ_ATTRS, "mods", report=report)
    kept = record.extras["mods"]
    assert {k: v for k, v in kept.items() if "/@" in k} == {
        # the text term's, by contributor (the writer gives none); a later code term's apart
        "roleTerm/@attributes": [
            [
                0,
                {
                    "text": {
                        "value": "author",
                        "attributes": {"authority": "marcrelator", "lang": "eng"},
                    }
                },
            ]
        ],
        "roleTerm/@authorityURI": ["http://id.loc.gov/vocabulary/relators/"],
        "roleTerm/@valueURI": ["http://id.loc.gov/vocabulary/relators/edt"],
        "typeOfResource/@manuscript": ["yes"],
        "typeOfResource/@collection": ["yes"],
        "originInfo/@eventType": ["publication"],
        "placeTerm/@authority": ["marccountry"],
        "languageTerm/@lang": ["eng"],
        "languageTerm/@authorityURI": ["http://id.loc.gov/vocabulary/iso639-2"],
        "languageTerm/@valueURI": ["http://id.loc.gov/vocabulary/iso639-2/ger"],
        "form/@authority": ["marcform"],
        "relatedItem/genre/@authority": [["periodical", "marcgt"]],
        "identifier/@invalid": ["yes"],
        "physicalLocation/@authority": ["isil"],
        "location/url/@attributes": [
            [
                "http://example.org/a",
                {
                    "usage": "primary display",
                    "access": "object in context",
                    "displayLabel": "Full text",
                    "note": "n",
                },
            ]
        ],
        "extent/@unit": ["leaves"],
        "recordIdentifier/@source": ["DE-611"],
        "mods/@ID": ["m1"],
    }
    accessed = record.date("accessed")
    assert accessed is not None and accessed.edtf() == "2020-01-02"
    assert record.contributors[0].role == "author" and record.language == "de"
    said = {d.field for d in report.diagnostics if d.code is Code.UNKNOWN_FIELD}
    assert {f"extras.mods.{k}" for k in kept} <= said
    report = ConversionReport(max_diagnostics=None)
    text = biblioconv.dumps([record], "mods", report=report)
    assert _valid(text.encode("utf-8")) == []
    assert list(readback.check([record], "mods")) == []
    # given back where they were: the url's and typeOfResource's, the record's ID; the others
    # are named
    root = etree.fromstring(text.encode("utf-8"))
    assert root.get("ID") == "m1"
    [url] = root.iter(f"{MODS}url")
    assert dict(url.attrib) == {
        "usage": "primary display",
        "access": "object in context",
        "displayLabel": "Full text",
        "note": "n",
    }
    [resource] = root.iter(f"{MODS}typeOfResource")
    assert dict(resource.attrib) == {"manuscript": "yes", "collection": "yes"}
    # the text term is not written (author is the code's own word): its attributes are named
    terms = [dict(t.attrib) for t in root.iter(f"{MODS}roleTerm")]
    assert terms == [{"type": "code", "authority": "marcrelator"}]
    dropped = {d.field for d in report.diagnostics if d.code is Code.FIELD_DROPPED}
    given = {
        "location/url/@attributes",
        "typeOfResource/@manuscript",
        "typeOfResource/@collection",
        "relatedItem/genre/@authority",
        "mods/@ID",
    }
    assert {f"extras.mods.{k}" for k in kept if k not in given} <= dropped
    assert not {f"extras.mods.{k}" for k in given} & dropped
    [back] = biblioconv.loads(text, "mods")
    assert {k: back.extras["mods"][k] for k in given} == {k: kept[k] for k in given}


def test_url_attributes_go_back_to_their_url_and_what_cannot_is_named() -> None:
    data = _mods(
        '<location><url displayLabel="A" usage="primary display">http://example.org/a</url>'
        '<url access="raw object">http://example.org/b</url>'
        '<url displayLabel="A again">http://example.org/a</url></location>'
        '<identifier type="doi">10.1000/xyz</identifier>'
        '<typeOfResource manuscript="yes">text</typeOfResource>'
        '<typeOfResource collection="yes">still image</typeOfResource>'
    )
    [record] = biblioconv.loads(data, "mods")
    assert [i.value for i in record.identifiers] == [
        "http://example.org/a",
        "http://example.org/b",
        "10.1000/xyz",
    ]
    kept = record.extras["mods"]
    assert kept["location/url/@attributes"] == [
        ["http://example.org/a", {"displayLabel": "A", "usage": "primary display"}],
        ["http://example.org/b", {"access": "raw object"}],
        ["http://example.org/a", {"displayLabel": "A again"}],
    ]
    assert kept["typeOfResource/@manuscript"] == ["yes"]
    # a second typeOfResource is kept whole, with its attributes
    assert kept["xml"] == [
        '<typeOfResource xmlns="http://www.loc.gov/mods/v3" '
        'xmlns:xlink="http://www.w3.org/1999/xlink" collection="yes">still image</typeOfResource>'
    ]
    report = ConversionReport(max_diagnostics=None)
    text = biblioconv.dumps([record], "mods", report=report)
    assert _valid(text.encode("utf-8")) == []
    root = etree.fromstring(text.encode("utf-8"))
    assert [(u.text, dict(u.attrib)) for u in root.iter(f"{MODS}url")] == [
        ("http://example.org/a", {"displayLabel": "A", "usage": "primary display"}),
        ("http://example.org/b", {"access": "raw object"}),
    ]
    assert [(t.text, dict(t.attrib)) for t in root.iter(f"{MODS}typeOfResource")] == [
        ("text", {"manuscript": "yes"}),
        ("still image", {"collection": "yes"}),
    ]
    dropped = {d.field for d in report.diagnostics if d.code is Code.FIELD_DROPPED}
    assert dropped == {"extras.mods.location/url/@attributes"}  # the url's second element's
    assert list(readback.check([record], "mods")) == []


def test_genres_not_taken_keep_their_authorities_and_type_words() -> None:
    data = _mods(
        '<genre authority="local">book</genre><genre authority="local">thesis</genre>'
        '<genre authority="marcgt">book</genre><genre authority="marcgt">theses</genre>'
        '<genre authority="lcgft">Festschriften</genre><genre authority="aat">essays</genre>'
        "<genre>misc</genre>"
    )
    report = ConversionReport(max_diagnostics=None)
    [record] = biblioconv.loads(data, "mods", report=report)
    assert (record.type, record.genre) == ("book", "theses")
    kept = record.extras["mods"]
    assert kept["genre/@authority"] == ["marcgt"]  # the genre's own, written back with it
    assert kept["genre"] == ["Festschriften", "essays", "misc"]
    assert kept["genre+/@authority"] == ["lcgft", "aat", ""]
    # a second local type word is kept; marcgt book is what the writer gives for a book
    assert kept["genre@type"] == [["local", "thesis"]]
    report = ConversionReport(max_diagnostics=None)
    text = biblioconv.dumps([record], "mods", report=report)
    assert _valid(text.encode("utf-8")) == []
    dropped = {d.field for d in report.diagnostics if d.code is Code.FIELD_DROPPED}
    assert {"extras.mods.genre+/@authority", "extras.mods.genre@type"} <= dropped
    assert list(readback.check([record], "mods")) == []


def test_role_term_attributes_go_back_to_the_term_they_were_on() -> None:
    """case19's roleTerms (a spelled-out authority, its URIs, lang): back on each name's term of
    the same value; a code written otherwise (cre is written aut) does not take them: named."""
    [record] = biblioconv.loads((CASES / "case19-letter-prefixed.xml").read_bytes(), "mods")
    kept = record.extras["mods"]["roleTerm/@attributes"]
    assert kept[0] == [
        0,
        {
            "code": {
                "value": "cre",
                "attributes": {
                    "authority": "MARC Code List for Relators Scheme",
                    "authorityURI": "http://id.loc.gov/vocabulary/relators/",
                    "lang": "eng",
                    "valueURI": "http://id.loc.gov/vocabulary/relators/cre",
                },
            },
            "text": {"value": "Verfasser", "attributes": {"lang": "ger"}},
        },
    ]
    report = ConversionReport(max_diagnostics=None)
    text = biblioconv.dumps([record], "mods", report=report)
    assert _valid(text.encode("utf-8")) == []
    dropped = {d.field for d in report.diagnostics if d.code is Code.FIELD_DROPPED}
    assert "extras.mods.roleTerm/@attributes" in dropped
    out = etree.fromstring(text.encode("utf-8"))
    first = out.find(f"{MODS}name/{MODS}role")
    assert [(t.text, dict(t.attrib)) for t in first] == [
        ("aut", {"type": "code", "authority": "marcrelator"}),
        ("Verfasser", {"type": "text", "lang": "ger"}),
    ]
    [back] = biblioconv.loads(text, "mods")
    assert back.extras["mods"]["roleTerm/@attributes"][0] == [
        0,
        {"text": {"value": "Verfasser", "attributes": {"lang": "ger"}}},
    ]
    assert list(readback.check([record], "mods")) == []


def test_role_term_attributes_come_back_exactly() -> None:
    data = _mods(
        '<name type="personal"><namePart type="family">Roe</namePart><role>'
        '<roleTerm type="code" authority="marcrelator" authorityURI="http://id.loc.gov/'
        'vocabulary/relators" valueURI="http://id.loc.gov/vocabulary/relators/edt">edt</roleTerm>'
        '<roleTerm type="text" lang="ger">Herausgeberin</roleTerm></role></name>'
        '<name type="personal"><namePart type="family">Doe</namePart><role>'
        '<roleTerm type="code" authority="marcrelator">aut</roleTerm></role></name>'
    )
    [record] = biblioconv.loads(data, "mods")
    report = ConversionReport(max_diagnostics=None)
    text = biblioconv.dumps([record], "mods", report=report)
    assert _valid(text.encode("utf-8")) == []
    assert not [d for d in report.diagnostics if "roleTerm" in (d.field or "")]
    src, out = etree.fromstring(data), etree.fromstring(text.encode("utf-8"))
    terms = [[(t.text, dict(t.attrib)) for t in r] for r in src.iter(f"{MODS}role")]
    assert [[(t.text, dict(t.attrib)) for t in r] for r in out.iter(f"{MODS}role")] == terms
    [back] = biblioconv.loads(text, "mods")
    assert back.extras == record.extras
    assert list(readback.check([record], "mods")) == []


def test_role_term_attributes_of_names_written_without_them_are_kept_and_named() -> None:
    data = _mods(
        '<name type="conference"><namePart>Conf</namePart><role>'
        '<roleTerm type="text" lang="eng">host</roleTerm></role></name>'
        '<relatedItem type="series"><titleInfo><title>S</title></titleInfo>'
        '<name type="personal"><namePart>Ed</namePart><role>'
        '<roleTerm type="code" authority="marcrelator" valueURI="http://x.org/edt">edt'
        "</roleTerm></role></name></relatedItem>"
    )
    [record] = biblioconv.loads(data, "mods")
    assert record.extras["mods"]["roleTerm/@attributes+"] == [
        {"text": {"value": "host", "attributes": {"lang": "eng"}}},
        {"code": {"value": "edt", "attributes": {"valueURI": "http://x.org/edt"}}},
    ]
    report = ConversionReport(max_diagnostics=None)
    text = biblioconv.dumps([record], "mods", report=report)
    assert _valid(text.encode("utf-8")) == []
    dropped = {d.field for d in report.diagnostics if d.code is Code.FIELD_DROPPED}
    assert "extras.mods.roleTerm/@attributes+" in dropped
    assert list(readback.check([record], "mods")) == []


def test_a_related_items_genres_keep_their_authority_and_words() -> None:
    data = _mods(
        '<relatedItem type="host"><titleInfo><title>J</title></titleInfo>'
        '<genre authority="marcgt">periodical</genre>'
        '<genre authority="lcgft">Yearbooks</genre><genre>annual</genre></relatedItem>'
    )
    [record] = biblioconv.loads(data, "mods")
    assert record.container is not None and record.container.type == "periodical"
    kept = record.extras["mods"]
    assert kept["relatedItem/genre/@authority"] == [  # in the walk's order: the last first
        ["Yearbooks", "lcgft"],
        ["periodical", "marcgt"],
    ]
    assert kept["relatedItem/genre"] == ["Yearbooks", "annual"]  # not the container's type
    report = ConversionReport(max_diagnostics=None)
    text = biblioconv.dumps([record], "mods", report=report)
    assert _valid(text.encode("utf-8")) == []
    host = etree.fromstring(text.encode("utf-8")).find(f"{MODS}relatedItem")
    genres = [(g.text, g.get("authority")) for g in host.findall(f"{MODS}genre")]
    assert genres == [("periodical", "marcgt")]
    dropped = {d.field for d in report.diagnostics if d.code is Code.FIELD_DROPPED}
    # Yearbooks' authority goes with Yearbooks, which is not written: both named
    assert {"extras.mods.relatedItem/genre", "extras.mods.relatedItem/genre/@authority"} <= dropped
    assert list(readback.check([record], "mods")) == []
    one = _mods(
        '<relatedItem type="host"><titleInfo><title>J</title></titleInfo>'
        '<genre authority="marcgt">periodical</genre></relatedItem>'
    )
    [record] = biblioconv.loads(one, "mods")
    report = ConversionReport(max_diagnostics=None)
    text = biblioconv.dumps([record], "mods", report=report)
    assert not [d for d in report.diagnostics if "genre" in (d.field or "")]
    [back] = biblioconv.loads(text, "mods")
    assert back.extras == record.extras


def test_part_details_the_model_does_not_hold_are_kept_whole() -> None:
    data = _mods(
        '<part><detail type="Volume"><number>3</number></detail>'
        '<detail type="section"><number>B</number></detail>'
        "<detail><number>7</number></detail><detail><number>8</number></detail>"
        '<detail type="page"><number>5</number></detail>'
        '<extent unit="pages"><start>5</start><end>9</end></extent></part>'
    )
    [record] = biblioconv.loads(data, "mods")
    c = record.container
    assert c is not None and (c.volume, c.number, c.pages and c.pages.text()) == ("3", "7", "5")
    ns = 'xmlns="http://www.loc.gov/mods/v3" xmlns:xlink="http://www.w3.org/1999/xlink"'
    assert record.extras["mods"]["part/detail"] == [
        f'<detail {ns} type="section"><number>B</number></detail>',
        f"<detail {ns}><number>8</number></detail>",
    ]
    assert record.extras["mods"]["part/extent"] == [
        f'<extent {ns} unit="pages"><start>5</start><end>9</end></extent>'
    ]
    text = biblioconv.dumps([record], "mods")
    assert _valid(text.encode("utf-8")) == []
    assert list(readback.check([record], "mods")) == []


def test_what_a_later_part_gives_otherwise_is_kept() -> None:
    data = _mods(
        '<part><detail type="volume"><number>1</number></detail></part>'
        '<part><detail type="volume"><number>2</number></detail>'
        '<detail type="issue"><number>4</number></detail></part>'
        '<relatedItem type="host"><titleInfo><title>J</title></titleInfo>'
        '<part><detail type="volume"><number>1</number></detail></part>'
        '<part><detail type="volume"><number>9</number></detail></part></relatedItem>'
    )
    [record] = biblioconv.loads(data, "mods")
    c = record.container
    assert c is not None and (c.volume, c.issue) == ("1", "4")
    assert record.extras["mods"]["part"] == [{"volume": "2"}]
    assert record.extras["mods"]["relatedItem/part"] == [{"volume": "9"}]
    text = biblioconv.dumps([record], "mods")
    assert _valid(text.encode("utf-8")) == []
    assert list(readback.check([record], "mods")) == []


def test_note_and_access_types_key_dates_and_subject_attributes_are_kept() -> None:
    data = _mods(
        '<note type="performers">P</note><note type="annotation">A</note>'
        '<originInfo><dateCreated keyDate="yes">2001</dateCreated></originInfo>'
        '<accessCondition type="GPO scope determination">fdlp</accessCondition>'
        '<subject authority="lcsh" valueURI="http://s/1"><topic valueURI="http://t/1">Media'
        "</topic></subject>"
        '<subject authority="naf" valueURI="http://s/2"><geographic>Oslo</geographic></subject>'
    )
    report = ConversionReport(max_diagnostics=None)
    [record] = biblioconv.loads(data, "mods", report=report)
    kept = record.extras["mods"]
    assert kept["mods/note/@type"] == [["P", "performers"]]  # annotation is a description type
    assert kept["dateCreated/@keyDate"] == ["yes"]
    assert kept["mods/accessCondition/@type"] == [["fdlp", "GPO scope determination"]]
    # the first subject's authority goes to its topic, its own valueURI does not (the topic has one)
    assert kept["subject/@valueURI"] == ["http://s/1", "http://s/2"]
    assert kept["subject/@authority"] == ["naf"]
    assert [(s.term, s.scheme, s.value_uri) for s in record.subjects] == [
        ("Media", "lcsh", "http://t/1")
    ]
    text = biblioconv.dumps([record], "mods", report=report)
    assert _valid(text.encode("utf-8")) == []
    dropped = {d.field for d in report.diagnostics if d.code is Code.FIELD_DROPPED}
    # the note's type goes back on its note; the others are named
    assert {f"extras.mods.{k}" for k in kept if k != "mods/note/@type"} <= dropped
    assert "extras.mods.mods/note/@type" not in dropped
    assert '<note type="performers">P</note>' in text
    assert list(readback.check([record], "mods")) == []


def _with_id(value: str, title: str) -> bytes:
    return (
        '<?xml version="1.0"?><mods xmlns="http://www.loc.gov/mods/v3" version="3.7" '
        f'ID="{value}"><titleInfo><title>{title}</title></titleInfo></mods>'
    ).encode()


def _id_diagnostics(report: ConversionReport) -> list[tuple[str | None, str, str]]:
    return [
        (d.record, d.code, d.message)
        for d in report.diagnostics
        if d.field == "extras.mods.mods/@ID"
    ]


def test_a_record_id_is_written_back() -> None:
    path = CASES / "case21-document-large.xml"
    [record] = biblioconv.loads(path.read_bytes(), "mods")
    assert record.extras["mods"]["mods/@ID"] == ["P0b002ee183d8e4ad"]
    report = ConversionReport(max_diagnostics=None)
    out = io.BytesIO()
    biblioconv.write([record], "mods", out, report=report)
    root = etree.fromstring(out.getvalue())
    assert root.get("ID") == "P0b002ee183d8e4ad"
    assert _valid(out.getvalue()) == []
    assert _id_diagnostics(report) == []
    [back] = biblioconv.loads(out.getvalue(), "mods")
    assert back.extras["mods"]["mods/@ID"] == ["P0b002ee183d8e4ad"]


def test_record_ids_of_a_collection_are_written_when_unique_else_named() -> None:
    # two inputs with the same ID, and one that is not an XML ID (a source read leniently)
    records = [
        *biblioconv.loads(_with_id("rec1", "First"), "mods"),
        *biblioconv.loads(_with_id("rec2", "Second"), "mods"),
        *biblioconv.loads(_with_id("rec1", "Third"), "mods"),
        *biblioconv.loads(_with_id("9 lives", "Fourth"), "mods"),
    ]
    records = [r.model_copy(update={"id": f"r{i}"}) for i, r in enumerate(records)]
    report = ConversionReport(max_diagnostics=None)
    out = io.BytesIO()
    biblioconv.write(records, "mods", out, report=report)
    data = out.getvalue()
    assert _valid(data) == []  # an ID twice would not be valid MODS
    mods = etree.fromstring(data).findall(f"{MODS}mods")
    assert [m.get("ID") for m in mods] == ["rec1", "rec2", None, None]
    assert _id_diagnostics(report) == [
        (
            "r2",
            Code.FIELD_DROPPED,
            "MODS mods/@ID 'rec1' is an earlier record's ID in this collection: not written "
            "(an ID is unique in a document)",
        ),
        ("r3", Code.FIELD_DROPPED, "MODS mods/@ID '9 lives' is not an XML ID: not written"),
    ]
    # each record alone has its ID back; the one that is no XML ID is named
    assert list(readback.check(records[:3], "mods")) == []
    assert list(readback.check(records[3:], "mods")) == []


def test_the_same_record_twice_in_a_collection_has_its_id_once() -> None:
    ok = biblioconv.loads(_with_id("rec1", "Kept"), "mods")[0]
    report = ConversionReport(max_diagnostics=None)
    out = io.BytesIO()
    biblioconv.write([ok, ok.model_copy(update={"id": "again"})], "mods", out, report=report)
    assert _valid(out.getvalue()) == []
    root = etree.fromstring(out.getvalue())
    assert [m.get("ID") for m in root] == ["rec1", None]
    assert [m.findtext(f"{MODS}titleInfo/{MODS}title") for m in root] == ["Kept", "Kept"]
    assert [d[0] for d in _id_diagnostics(report)] == ["again"]


def test_record_info_and_physical_description_children_kept_whole_are_written_back() -> None:
    # no recordIdentifier, no extent or form: the writer makes the recordInfo and
    # physicalDescription they go back to; two recordInfo of the source become one
    data = _mods(
        "<physicalDescription><digitalOrigin>born digital</digitalOrigin>"
        '<note type="condition">Torn</note></physicalDescription>'
        '<recordInfo><recordContentSource authority="marcorg">DLC</recordContentSource>'
        '<recordCreationDate encoding="marc">990101</recordCreationDate></recordInfo>'
        "<recordInfo><recordOrigin>Converted</recordOrigin>"
        '<recordCreationDate encoding="w3cdtf">2001-02-03</recordCreationDate>'
        "<recordInfoNote>Checked</recordInfoNote></recordInfo>"
    )
    [record] = biblioconv.loads(data, "mods")
    kept = record.extras["mods"]
    keys = [k for k in kept if k.startswith(("recordInfo/", "physicalDescription/"))]
    assert sorted(keys) == [
        "physicalDescription/digitalOrigin",
        "physicalDescription/note",
        "recordInfo/recordContentSource",
        "recordInfo/recordCreationDate",
        "recordInfo/recordInfoNote",
        "recordInfo/recordOrigin",
    ]
    report = ConversionReport(max_diagnostics=None)
    out = io.BytesIO()
    biblioconv.write([record], "mods", out, report=report)
    assert _valid(out.getvalue()) == []
    assert not [d for d in report.diagnostics if d.field in {f"extras.mods.{k}" for k in keys}]
    root = etree.fromstring(out.getvalue())
    [info] = root.findall(f"{MODS}recordInfo")
    assert [etree.QName(c).localname for c in info] == [
        "recordContentSource",
        "recordCreationDate",
        "recordCreationDate",
        "recordOrigin",
        "recordInfoNote",
    ]
    assert info[0].get("authority") == "marcorg" and info[2].get("encoding") == "w3cdtf"
    [phys] = root.findall(f"{MODS}physicalDescription")
    assert [(etree.QName(c).localname, c.text) for c in phys] == [
        ("digitalOrigin", "born digital"),
        ("note", "Torn"),
    ]
    [back] = biblioconv.loads(out.getvalue(), "mods")
    assert {k: back.extras["mods"][k] for k in keys} == {k: kept[k] for k in keys}
    assert list(readback.check([record], "mods")) == []


def test_kept_children_go_into_the_written_record_info_and_physical_description() -> None:
    data = _mods(
        '<physicalDescription><extent unit="pages">320</extent>'
        "<reformattingQuality>access</reformattingQuality></physicalDescription>"
        '<recordInfo><recordIdentifier source="x">id-1</recordIdentifier>'
        "<descriptionStandard>rda</descriptionStandard></recordInfo>"
    )
    [record] = biblioconv.loads(data, "mods")
    text = biblioconv.dumps([record, record], "mods")
    assert _valid(text.encode("utf-8")) == []
    for mods in etree.fromstring(text.encode("utf-8")).findall(f"{MODS}mods"):
        [info] = mods.findall(f"{MODS}recordInfo")
        names = [etree.QName(c).localname for c in info]
        assert names == ["recordIdentifier", "descriptionStandard"]
        [phys] = mods.findall(f"{MODS}physicalDescription")
        assert [etree.QName(c).localname for c in phys] == ["extent", "reformattingQuality"]
    assert list(readback.check([record], "mods")) == []


def test_a_kept_child_that_is_not_its_element_is_named_not_written() -> None:
    record = Record.model_validate(
        {
            "type": "book",
            "titles": [{"text": "T"}],
            "extras": {
                "mods": {
                    "recordInfo/recordOrigin": ["plain text, no element"],
                    "recordInfo/recordChangeDate": ["<recordChangeDate>2020</recordChangeDate>"],
                    "physicalDescription/digitalOrigin": [
                        '<note xmlns="http://www.loc.gov/mods/v3">another element</note>'
                    ],
                }
            },
        }
    )
    report = ConversionReport(max_diagnostics=None)
    out = io.BytesIO()
    biblioconv.write([record], "mods", out, report=report)
    assert _valid(out.getvalue()) == []
    named = {d.field for d in report.diagnostics if d.code is Code.FIELD_DROPPED}
    # the second is no MODS element (no namespace), the third another element than its key's
    assert {
        "extras.mods.recordInfo/recordOrigin",
        "extras.mods.recordInfo/recordChangeDate",
        "extras.mods.physicalDescription/digitalOrigin",
    } <= named
    root = etree.fromstring(out.getvalue())
    assert root.find(f"{MODS}recordInfo") is None
    assert root.find(f"{MODS}physicalDescription") is None


def test_issuance_and_frequency_are_written_back_in_the_origin_info() -> None:
    data = _mods(
        "<originInfo><issuance>serial</issuance><frequency>Monthly</frequency></originInfo>"
        "<originInfo><issuance>continuing</issuance></originInfo>"
    )
    [record] = biblioconv.loads(data, "mods")
    kept = record.extras["mods"]
    assert kept["originInfo/issuance"] == ["serial", "continuing"]
    assert kept["originInfo/frequency"] == ["Monthly"]
    report = ConversionReport(max_diagnostics=None)
    out = io.BytesIO()
    biblioconv.write([record], "mods", out, report=report)
    assert _valid(out.getvalue()) == []
    assert not [d for d in report.diagnostics if "originInfo/" in (d.field or "")]
    [origin] = etree.fromstring(out.getvalue()).findall(f"{MODS}originInfo")
    assert [(etree.QName(c).localname, c.text) for c in origin] == [
        ("issuance", "serial"),
        ("issuance", "continuing"),
        ("frequency", "Monthly"),
    ]
    [back] = biblioconv.loads(out.getvalue(), "mods")
    assert back.extras["mods"]["originInfo/issuance"] == kept["originInfo/issuance"]
    assert back.extras["mods"]["originInfo/frequency"] == kept["originInfo/frequency"]
    assert list(readback.check([record], "mods")) == []


def test_an_issuance_mods_38_does_not_allow_is_named_not_written() -> None:
    [record] = biblioconv.loads(
        _mods("<originInfo><issuance>monografic</issuance></originInfo>"), "mods"
    )
    report = ConversionReport(max_diagnostics=None)
    out = io.BytesIO()
    biblioconv.write([record], "mods", out, report=report)
    assert _valid(out.getvalue()) == []
    assert etree.fromstring(out.getvalue()).find(f"{MODS}originInfo") is None
    assert [
        (d.code, d.record)
        for d in report.diagnostics
        if d.field == "extras.mods.originInfo/issuance"
    ] == [(Code.FIELD_DROPPED, record.label)]
    assert list(readback.check([record], "mods")) == []


def test_physical_locations_and_shelf_locators_after_the_first_are_written_back() -> None:
    data = _mods(
        "<location><physicalLocation>Archive A</physicalLocation>"
        "<physicalLocation>Archive B</physicalLocation><shelfLocator>S 1</shelfLocator>"
        "</location><location><shelfLocator>S 2</shelfLocator></location>"
    )
    [record] = biblioconv.loads(data, "mods")
    assert record.archive is not None
    assert (record.archive.name, record.archive.call_number) == ("Archive A", "S 1")
    kept = record.extras["mods"]
    assert (kept["location/physicalLocation"], kept["location/shelfLocator"]) == (
        ["Archive B"],
        ["S 2"],
    )
    report = ConversionReport(max_diagnostics=None)
    out = io.BytesIO()
    biblioconv.write([record], "mods", out, report=report)
    assert _valid(out.getvalue()) == []
    assert not [d for d in report.diagnostics if "location/" in (d.field or "")]
    [loc] = etree.fromstring(out.getvalue()).findall(f"{MODS}location")
    assert [(etree.QName(c).localname, c.text) for c in loc] == [
        ("physicalLocation", "Archive A"),
        ("physicalLocation", "Archive B"),
        ("shelfLocator", "S 1"),
        ("shelfLocator", "S 2"),
    ]
    [back] = biblioconv.loads(out.getvalue(), "mods")
    assert {k: back.extras["mods"][k] for k in kept} == kept
    assert list(readback.check([record], "mods")) == []


def test_a_related_items_location_kept_whole_is_not_written_as_a_text() -> None:
    # a related item's location children are kept whole (XML) under the same extras keys
    data = _mods(
        "<location><physicalLocation>Archive A</physicalLocation></location>"
        '<relatedItem type="original"><titleInfo><title>O</title></titleInfo><location>'
        "<physicalLocation>Elsewhere</physicalLocation></location></relatedItem>"
    )
    [record] = biblioconv.loads(data, "mods")
    [kept] = record.extras["mods"]["location/physicalLocation"]
    assert kept.startswith("<physicalLocation ") and "Elsewhere" in kept
    report = ConversionReport(max_diagnostics=None)
    out = io.BytesIO()
    biblioconv.write([record], "mods", out, report=report)
    assert _valid(out.getvalue()) == []
    named = {d.field for d in report.diagnostics if d.code is Code.FIELD_DROPPED}
    assert "extras.mods.location/physicalLocation" in named
    texts = [e.text for e in etree.fromstring(out.getvalue()).iter(f"{MODS}physicalLocation")]
    assert texts == ["Archive A"]


def test_a_related_items_location_is_kept_beside_the_records_later_locations() -> None:
    # the record's physical locations after the first and a related item's location children
    # share the extras key: both are kept (the related item's was overwritten, lost unsaid)
    data = _mods(
        "<location><physicalLocation>Archive A</physicalLocation>"
        "<physicalLocation>Archive B</physicalLocation></location>"
        '<relatedItem type="original"><titleInfo><title>O</title></titleInfo><location>'
        "<physicalLocation>Elsewhere</physicalLocation></location></relatedItem>"
    )
    [record] = biblioconv.loads(data, "mods")
    assert record.archive is not None and record.archive.name == "Archive A"
    related, text = record.extras["mods"]["location/physicalLocation"]
    assert related.startswith("<physicalLocation ") and "Elsewhere" in related
    assert text == "Archive B"
    report = ConversionReport(max_diagnostics=None)
    text_out = biblioconv.dumps([record], "mods", report=report)
    assert _valid(text_out.encode()) == []
    named = {d.field for d in report.diagnostics if d.code is Code.FIELD_DROPPED}
    assert "extras.mods.location/physicalLocation" in named  # not a list of texts alone
    assert list(readback.check([record], "mods")) == []


def test_note_types_a_description_does_not_hold_are_written_back_on_their_note() -> None:
    data = _mods(
        '<note type="performers">The Band.</note><note>Plain.</note>'
        '<note type="system details">Mode of access: Internet.</note>'
        '<note type="system details">Mode of access: Internet.</note>'
        '<note type="methods">How.</note>'
    )
    [record] = biblioconv.loads(data, "mods")
    kept = record.extras["mods"]["mods/note/@type"]
    assert kept == [
        ["The Band.", "performers"],
        ["Mode of access: Internet.", "system details"],
        ["Mode of access: Internet.", "system details"],
    ]
    report = ConversionReport(max_diagnostics=None)
    text = biblioconv.dumps([record], "mods", report=report)
    assert _valid(text.encode()) == []
    assert not [d for d in report.diagnostics if d.field == "extras.mods.mods/note/@type"]
    notes = [(n.get("type"), n.text) for n in etree.fromstring(text.encode()).iter(f"{MODS}note")]
    assert notes == [
        ("performers", "The Band."),
        (None, "Plain."),
        ("system details", "Mode of access: Internet."),
        ("system details", "Mode of access: Internet."),
        ("methods", "How."),
    ]
    [back] = biblioconv.loads(text, "mods")
    assert back.extras["mods"]["mods/note/@type"] == kept
    assert back.descriptions == record.descriptions
    assert list(readback.check([record], "mods")) == []
    # a note no longer in the record: its type is named, none is put on another note
    edited = record.model_copy(update={"descriptions": record.descriptions[1:]})
    report = ConversionReport(max_diagnostics=None)
    text = biblioconv.dumps([edited], "mods", report=report)
    assert [d.code for d in report.diagnostics if d.field == "extras.mods.mods/note/@type"] == [
        Code.FIELD_DROPPED
    ]
    types = [n.get("type") for n in etree.fromstring(text.encode()).iter(f"{MODS}note")]
    assert types == [None, None, None, "methods"]
    assert list(readback.check([edited], "mods")) == []
