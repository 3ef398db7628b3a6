"""Writers: every output validates against the official schemas (loaded offline), round trips
keep every element, and what Dublin Core cannot hold is reported."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from dc_helpers import CASES, assert_valid, case_format, case_stem, dump, elements
from lxml import etree
from testsupport import EXAMPLES, SHARED

import biblioconv
from biblioconv.formats.dublin_core.reader import _is_dc
from biblioconv.model import (
    Contributor,
    DateValue,
    Funding,
    GeoBox,
    GeoLocation,
    GeoPoint,
    Identifier,
    PartialDate,
    Record,
    Relation,
    Rights,
    Subject,
    Title,
)
from biblioconv.report import Code, ConversionReport

#: every case that holds records (oai_no_records is read-only: an empty harvest)
INPUTS = [p for p in sorted(CASES.glob("*.xml")) if "<error " not in p.read_text("utf-8")]
EXAMPLE = Record.model_validate_json((EXAMPLES / "social-innovators.record.json").read_text())
OPTS = {"response_date": "2026-01-01T00:00:00Z"}


def _records(path: Path) -> list[Record]:
    return biblioconv.loads(path.read_bytes(), case_format(path), strict=False)


@pytest.mark.parametrize("fmt", ["dc", "dcterms"])
@pytest.mark.parametrize("path", INPUTS, ids=case_stem)
def test_every_case_writes_valid_xml(path: Path, fmt: str) -> None:
    records = _records(path)
    assert records
    xml = biblioconv.dumps(records, fmt, **OPTS)
    assert_valid(xml, fmt)


@pytest.mark.parametrize("fmt", ["dc", "dcterms"])
def test_example_is_valid_and_matches_the_committed_example(fmt: str) -> None:
    xml = biblioconv.dumps(EXAMPLE, fmt)
    assert_valid(xml, fmt)
    committed = EXAMPLES / f"social-innovators.{'oai_dc' if fmt == 'dc' else 'dcterms'}.xml"
    assert committed.read_text("utf-8") == xml


@pytest.mark.parametrize("path", INPUTS, ids=case_stem)
def test_same_format_round_trip_is_stable(path: Path) -> None:
    """format -> hub -> format -> hub gives the same records (for dcterms sources, dcterms)."""
    fmt = case_format(path)
    first = _records(path)
    assert first
    xml = biblioconv.dumps(first, fmt, envelope="oai-pmh", **OPTS)
    again = biblioconv.loads(xml, fmt)
    a, b = dump(first), dump(again)
    for before, after in zip(a, b, strict=True):
        if "native_types" not in before:  # a written DCMI term names the type where none was
            after.pop("native_types", None)
    for rec in a + b:  # ids of records without one are made up by the envelope
        rec.pop("id", None)
        extra = rec.get("extras", {}).get(fmt, {})
        extra.pop("oai:datestamp", None)
        for key in [k for k in extra if k.startswith("{")]:  # non-DC elements: reported dropped
            extra.pop(key)
        if not rec.get("extras", {}).get(fmt, {"x": 1}):
            rec["extras"].pop(fmt)
        if rec.get("extras") == {}:
            rec.pop("extras")
    assert b == a


#: the DCMES element each refinement dumbs down to (../shared/fields/dublin-core.json)
_PARENT = {
    f["name"].partition(":")[2]: (f["refines_dc_element"] or f["twin_of"] or f["name"]).partition(
        ":"
    )[2]
    for f in json.loads((SHARED / "fields" / "dublin-core.json").read_text("utf-8"))["fields"]
}
#: pointers to other resources: OpenAIRE alternative identifiers (dc:relation) are written as
#: dc:identifier (DataCite mapping), a bare ISSN in dc:source as a dc:relation of the container.
_GROUP = {"identifier": "pointer", "relation": "pointer", "source": "pointer"}


DC_GROUPS = {
    _GROUP.get(n, n)
    for n in (
        "title",
        "creator",
        "subject",
        "description",
        "publisher",
        "contributor",
        "date",
        "type",
        "format",
        "identifier",
        "source",
        "language",
        "relation",
        "coverage",
        "rights",
    )
}


def _group(name: str) -> str:
    parent = _PARENT.get(name, name)
    return _GROUP.get(parent, parent)


def _input_elements(path: Path) -> list[Counter[str]]:
    root = etree.parse(str(path)).getroot()

    def is_dc(el: etree._Element) -> bool:
        return isinstance(el.tag, str) and _is_dc(el.tag)

    out = []
    for el in root.iter():
        if not isinstance(el.tag, str) or is_dc(el):
            continue
        kids = [c for c in el if is_dc(c)]
        if kids and not any(is_dc(a) for a in el.iterancestors()):
            out.append(Counter(_group(etree.QName(k).localname) for k in kids))
    return out


@pytest.mark.parametrize("fmt", ["dc", "dcterms"])
@pytest.mark.parametrize("path", INPUTS, ids=case_stem)
def test_round_trip_keeps_every_element(path: Path, fmt: str) -> None:
    """Every element of the input comes back (as itself or, in oai_dc, as the element it
    refines) at least as often; values may be normalised."""
    records = _records(path)
    assert records
    xml = biblioconv.dumps(records, fmt, envelope="oai-pmh", **OPTS)
    written = [Counter(_group(name) for name, _ in rec) for rec in elements(xml)]
    read = _input_elements(path)
    if fmt == "dc":  # terms outside the 15 elements cannot be written in oai_dc: reported
        report = ConversionReport()
        biblioconv.dumps(records, fmt, report=report, envelope="oai-pmh", **OPTS)
        reported = " ".join(d.field or "" for d in report.by_code(Code.FIELD_DROPPED))
        for counts in read:
            for name in [n for n in counts if n not in DC_GROUPS]:
                if name != "rightsHolder":  # written as dc:contributor
                    assert name in reported
                del counts[name]
    assert len(written) == len(read)
    for before, after in zip(read, written, strict=True):
        missing = {k: v - after[k] for k, v in before.items() if after[k] < v}
        assert not missing, f"elements lost: {missing}"


def test_verbatim_values_survive_a_dc_round_trip() -> None:
    xml = (CASES / "eprints_article.dc.xml").read_text("utf-8")
    out = biblioconv.dumps(biblioconv.loads(xml, "dc"), "dc")
    for value in (
        "Deep learning for crop disease detection",
        "Patel, Ravi",
        "O'Brien, Siobhan",
        "QA75 Electronic computers. Computer science",
        "http://eprints.example.ac.uk/4321/1/crop_disease.pdf",
        "cc_by",
        "PeerReviewed",
        "Article",
        "http://eprints.example.ac.uk/4321/",
    ):
        assert f">{value}<" in out.replace("&apos;", "'")


def test_example_as_oai_dc_follows_the_datacite_and_openaire_conventions() -> None:
    report = ConversionReport()
    xml = biblioconv.dumps(EXAMPLE, "dc", report=report)
    [rec] = elements(xml)
    values = {name: [v for n, v in rec if n == name] for name, _ in rec}
    assert values["title"] == [
        "Using medical education as a tool to train doctors as social innovators"
    ]
    assert values["creator"][0] == "https://orcid.org/0000-0003-3870-2609"
    assert len(values["creator"]) == 5
    assert values["contributor"] == ["University of Oxford"]
    assert values["date"] == ["2022-06-03", "2022-05-21", "2026-05-11"]
    assert values["type"] == [
        "info:eu-repo/semantics/article",
        *([EXAMPLE.genre] if EXAMPLE.genre else []),
        "Text",
        "info:eu-repo/semantics/publishedVersion",
        "PeerReviewed",
    ]
    assert values["source"] == ["BMJ Innovations, 8(3), 190-198"]
    assert values["relation"] == ["ISSN 2055-8074", "eISSN 2055-642X"]
    assert values["identifier"] == ["1489933", "pubs:1489933", "https://openalex.org/W4281688137"]
    messages = {(d.code, d.field or "", d.message) for d in report}
    if EXAMPLE.archive:
        assert (
            Code.FIELD_DROPPED,
            "archive",
            "dc has no home for archive: no home for the holding archive",
        ) in messages
    orcid_names = [d for d in report.by_code(Code.VALUE_COERCED) if "ORCID" in d.message]
    assert len(orcid_names) == 5 and all(d.severity == "info" for d in orcid_names)
    coerced = {(f, m) for c, f, m in messages if c == Code.VALUE_COERCED and "ORCID" not in m}
    assert coerced == {
        (
            "contributors[0].affiliations[0].name",
            "written as dc:contributor: written as organisations "
            "(option affiliations_as_contributors)",
        ),
        ("dates[1].type", "a date of type accepted written untyped"),
        ("dates[2].type", "a date of type deposited written untyped"),
        (
            "contributors[5]",
            "the affiliation 'University of Oxford' written as a contributor reads back as "
            "contributors[5]",
        ),
    }
    dropped = {f for c, f, _ in messages if c == Code.FIELD_DROPPED}
    assert {f"identifiers[{i}].label" for i in range(3)} <= dropped
    assert not report.by_code(Code.TYPE_APPROXIMATED)


def test_example_as_dcterms_uses_refinements_and_encoding_schemes() -> None:
    xml = biblioconv.dumps(EXAMPLE, "dcterms")
    root = etree.fromstring(xml.encode())
    got = {
        (etree.QName(c).localname, c.get("{http://www.w3.org/2001/XMLSchema-instance}type"))
        for c in root
    }
    assert ("issued", "dcterms:W3CDTF") in got
    assert ("dateAccepted", "dcterms:W3CDTF") in got
    assert ("abstract", None) in got
    assert ("isPartOf", None) in got
    assert ("type", "dcterms:DCMIType") in got
    assert ("language", "dcterms:RFC4646") in got


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("url", "https://doi.org/10.1136/x"),
        ("info", "info:doi/10.1136/x"),
        ("doi", "doi:10.1136/x"),
    ],
)
def test_doi_forms(form: str, expected: str) -> None:
    rec = Record(
        titles=[Title(text="T")], identifiers=[Identifier(scheme="doi", value="10.1136/x")]
    )
    xml = biblioconv.dumps(rec, "dc", doi_form=form)
    assert ("identifier", expected) in elements(xml)[0]
    assert biblioconv.loads(xml, "dc")[0].doi == "10.1136/x"


def test_iso639_3_language_and_no_openaire_terms() -> None:
    rec = Record(
        type="book", titles=[Title(text="T")], language="de-CH", publication_status="published"
    )
    xml = biblioconv.dumps(rec, "dcterms", language="iso639-3", openaire=False)
    assert_valid(xml, "dcterms")
    assert '<dcterms:language xsi:type="dcterms:ISO639-3">deu</dcterms:language>' in xml
    assert "info:eu-repo" not in xml
    assert biblioconv.loads(xml, "dcterms")[0].language == "de"


def test_several_records_make_an_oai_pmh_response_read_back_lazily() -> None:
    recs = [Record(id=f"oai:x:{i}", titles=[Title(text=f"T{i}")]) for i in range(3)]
    xml = biblioconv.dumps(recs, "dc", **OPTS)
    assert xml.count("<record>") == 3 and "<responseDate>2026-01-01T00:00:00Z<" in xml
    back = biblioconv.loads(xml, "dc")
    assert [r.id for r in back] == ["oai:x:0", "oai:x:1", "oai:x:2"]
    with pytest.raises(biblioconv.WriteError, match="envelope"):
        biblioconv.dumps(recs, "dc", envelope="none")


def test_nothing_to_write_is_a_no_records_response() -> None:
    xml = biblioconv.dumps([], "dc", **OPTS)
    assert 'code="noRecordsMatch"' in xml
    assert biblioconv.loads(xml, "dc", strict=False) == []


def test_rich_record_in_dcterms_is_valid_and_reads_back() -> None:
    rec = Record(
        type="dataset",
        titles=[
            Title(text="Main", lang="en"),
            Title(text="Sub", type="subtitle"),
            Title(text="Titre", type="translated", lang="fr"),
        ],
        contributors=[
            Contributor(family="Doe", given="Jane"),
            Contributor(kind="organization", literal="ACME Lab", role="rights-holder"),
            Contributor(family="Roe", given="Rick", role="editor"),
        ],
        dates=[
            DateValue(start=PartialDate(year=2020)),
            DateValue(type="coverage", start=PartialDate(year=2000), end=PartialDate(year=2010)),
            DateValue(type="accessed", start=PartialDate(year=2024, month=1, day=1)),
        ],
        subjects=[Subject(term="Birds", scheme="LCSH"), Subject(term="free")],
        rights=[Rights(uri="https://creativecommons.org/licenses/by/4.0/", identifier="CC-BY-4.0")],
        access_rights="info:eu-repo/semantics/embargoedAccess",
        funding=[Funding(funder_name="EC", award_number="123456")],
        relations=[
            Relation(
                type="IsSupplementTo", identifier=Identifier(scheme="doi", value="10.1234/a.b")
            ),
            Relation(type="IsPartOf", identifier=Identifier(scheme="doi", value="10.1234/c")),
        ],
        geo_locations=[
            GeoLocation(place="Oslo", point=GeoPoint(latitude=59.9, longitude=10.7)),
            GeoLocation(box=GeoBox(west=1, east=2, south=3, north=4)),
        ],
        version="2.0",
        edition="3",
    )
    report = ConversionReport()
    xml = biblioconv.dumps(rec, "dcterms", report=report)
    assert_valid(xml, "dcterms")
    [back] = biblioconv.loads(xml, "dcterms")
    assert back.title == "Main: Sub" and back.version == "2.0"
    assert [(s.term, s.scheme) for s in back.subjects] == [("Birds", "LCSH"), ("free", None)]
    assert back.geo_locations[0].point == rec.geo_locations[0].point
    assert back.geo_locations[1].box == rec.geo_locations[1].box
    assert back.funding[0].award_number == "123456"
    assert {r.type for r in back.relations} == {"Other", "IsPartOf"}
    dropped = {d.field for d in report.by_code(Code.FIELD_DROPPED)}
    assert rec.dates[2].type == "accessed"
    assert {"dates[2]", "edition"} <= dropped
    coerced = " ".join(d.message for d in report.by_code(Code.VALUE_COERCED))
    assert "subtitle joined" in coerced and "IsSupplementTo" in coerced and "editor" in coerced
    oai = biblioconv.dumps(rec, "dc")
    assert_valid(oai, "dc")


def test_type_without_a_dublin_core_word_is_reported() -> None:
    report = ConversionReport()
    biblioconv.dumps(Record(type="proceedings", titles=[Title(text="P")]), "dc", report=report)
    [approx] = report.by_code(Code.TYPE_APPROXIMATED)
    assert "reads back as book" in approx.message
    report = ConversionReport()
    biblioconv.dumps(
        Record(type="proceedings", genre="Conference proceedings", titles=[Title(text="P")]),
        "dc",
        report=report,
    )
    assert not report.by_code(Code.TYPE_APPROXIMATED)


@pytest.mark.parametrize("fmt", ["dc", "dcterms"])
def test_a_name_that_reads_back_otherwise_is_reported(fmt: str) -> None:
    people = [
        Contributor(family="Commission", given="Anna"),
        Contributor(family="Smith", given="Jane"),
        Contributor(kind="organization", literal="World Bank"),
        Contributor(kind="organization", literal="Acme Widgets"),
        Contributor(literal="Anna Smith"),
        Contributor(literal="Plato"),
    ]
    record = Record(type="book", titles=[Title(text="T")], contributors=people)
    report = ConversionReport()
    text = biblioconv.dumps(record, fmt, report=report)
    assert [d.message for d in report.by_code(Code.VALUE_COERCED)] == [
        "person 'Commission, Anna' written as free text, which reads back as an organisation",
        "organisation 'Acme Widgets' written as free text, which reads back as a person",
        "name 'Anna Smith' written whole, which reads back split into family and given names",
    ]
    # what the messages say happens; the names not named read back as they were
    back = biblioconv.loads(text.encode("utf-8"), fmt)[0].contributors
    assert [(c.kind, c.literal, c.family, c.given) for c in back] == [
        ("organization", "Commission, Anna", None, None),
        ("person", None, "Smith", "Jane"),
        ("organization", "World Bank", None, None),
        ("person", None, "Widgets", "Acme"),
        ("person", None, "Smith", "Anna"),
        ("person", "Plato", None, None),
    ]


def test_names_whose_parts_read_back_otherwise_are_reported() -> None:
    def coerced(c: Contributor) -> list[str]:
        report = ConversionReport()
        record = Record(type="book", titles=[Title(text="T")], contributors=[c])
        biblioconv.dumps(record, "dc", report=report)
        return [d.message for d in report.by_code(Code.VALUE_COERCED)]

    assert coerced(Contributor(family="de la Cruz", given="Juana Inés")) == [
        "name 'de la Cruz, Juana Inés' reads back as family 'Cruz', given 'Juana Inés', "
        "non dropping particle 'de la'"
    ]
    assert coerced(Contributor(family="Li")) == ["name 'Li' reads back as unsplit name 'Li'"]
    # the record's own particle split is what the reader finds: nothing to report
    assert coerced(Contributor(family="Cruz", given="Juana", non_dropping_particle="de la")) == []
    assert coerced(Contributor(family="King", given="Martin Luther", suffix="Jr.")) == []


@pytest.mark.parametrize("fmt", ["dc", "dcterms"])
def test_what_reads_back_otherwise_is_reported(fmt: str) -> None:
    """Free-text Dublin Core: the writer says what the reader's rules will read otherwise."""

    def coerced(**fields: object) -> tuple[list[str], Record]:
        record = Record.model_validate({"type": "article-journal", "titles": [{"text": "T"}],
                                        **fields})  # fmt: skip
        report = ConversionReport()
        text = biblioconv.dumps(record, fmt, report=report)
        back = biblioconv.loads(text.encode("utf-8"), fmt)[0]
        return [d.message for d in report.by_code(Code.VALUE_COERCED)], back

    # a volume alone is written "vol. 3", which reads back; nothing to report
    said, back = coerced(container={"type": "periodical", "titles": [{"text": "J"}], "volume": "3"})
    assert said == [] and back.container is not None and back.container.volume == "3"
    # a title that the citation parser cuts short
    said, back = coerced(
        container={"type": "periodical", "titles": [{"text": "J (2001)"}], "volume": "3"}
    )
    assert (
        "container written as the citation 'J (2001), vol. 3', which parses as title 'J', "
        "volume '3'"
    ) in said
    if fmt == "dcterms":  # the title as dcterms:isPartOf, the citation apart: a source
        assert len(said) == 3 and "reads back as the source (IsDerivedFrom)" in said[0]
        assert [r.type for r in back.relations] == ["IsDerivedFrom"]
    else:
        assert len(said) == 1 and not back.relations
    said, back = coerced(descriptions=[{"text": "A note", "type": "note"}])
    assert said == ["a description of type note reads back as abstract"]
    assert [d.type for d in back.descriptions] == ["abstract"]
    said, back = coerced(titles=[{"text": "T"}, {"text": "U", "type": "translated", "lang": "de"}])
    assert said == ["a title of type translated written as an alternative title"]
    assert [t.type for t in back.titles] == ["main", "alternative"]
    said, back = coerced(
        rights=[{"statement": "CC BY 4.0", "uri": "https://creativecommons.org/licenses/by/4.0/"}]
    )
    assert said == [
        "a rights statement and its URI written as separate rights elements (they read back as "
        "two)",
        "the statement of rights[0] reads back as rights[1]",
    ]
    assert len(back.rights) == 2


@pytest.mark.parametrize("fmt", ["dc", "dcterms"])
def test_rich_text_is_written_plain(fmt: str) -> None:
    """Dublin Core is plain text: the model's markup (italics, protected case) is removed and
    said (severity info), not written as escaped tags."""
    record = Record.model_validate(
        {
            "type": "article-journal",
            "titles": [{"text": 'On <i>E. coli</i> and <span class="nocase">DNA</span>'}],
            "container": {
                "type": "periodical",
                "titles": [{"text": '<span class="nocase">ACM</span> Computing Surveys'}],
                "volume": "49",
                "issue": "3",
            },
        }
    )
    report = ConversionReport()
    text = biblioconv.dumps(record, fmt, report=report)
    assert "&lt;" not in text
    assert "On E. coli and DNA</" in text and "ACM Computing Surveys, 49(3)</" in text
    notes = [(d.severity, d.message) for d in report.by_code(Code.VALUE_COERCED)]
    title = "dcterms:title" if fmt == "dcterms" else "dc:title"
    assert (
        "info",
        f"rich-text markup (italics, protected case...) removed from {title}: "
        "Dublin Core is plain text",
    ) in notes
    back = biblioconv.loads(text.encode("utf-8"), fmt)[0]
    assert back.title == "On E. coli and DNA"
    assert back.container is not None and back.container.title == "ACM Computing Surveys"
