"""JATS 1.3: golden cases (articles and their references), the front matter in detail, citations
of every kind, the writer's ref-list against the Publishing 1.3 XSD, round trips, loss reports,
detection, validation and hostile or malformed input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from testsupport import ROOT, load_xsd

import biblioconv
from biblioconv import registry
from biblioconv.errors import BiblioconvError, ParseError, UnsafeInputError
from biblioconv.formats.jats.sniff import sniff
from biblioconv.model import Contributor, DateValue, Identifier, PartialDate, Record, Title
from biblioconv.report import ConversionReport

CASES = Path(__file__).parent / "cases"
CASE_FILES = sorted(CASES.glob("*.xml"))
XSD = "jats/1.3/JATS-journalpublishing1-3-mathml3.xsd"


def _dump(records: list[Record]) -> list[dict[str, Any]]:
    return [r.model_dump(mode="json", exclude_defaults=True) for r in records]


def _valid(text: str) -> None:
    schema = load_xsd(XSD)
    doc = etree.fromstring(text.encode("utf-8"))
    assert schema.validate(doc), str(schema.error_log)[:2000]


def _all_golden_records() -> list[Record]:
    out: list[Record] = []
    for path in sorted((ROOT / "tests" / "formats").glob("*/cases/*.record.json")):
        data = json.loads(path.read_text("utf-8"))
        out += [Record.model_validate(d) for d in (data if isinstance(data, list) else [data])]
    return out


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: p.name)
def test_golden_records(case: Path) -> None:
    golden = json.loads(case.with_suffix(".record.json").read_text("utf-8"))
    assert _dump(biblioconv.loads(case.read_bytes(), "jats")) == golden


def test_every_example_has_a_golden() -> None:
    shared = ROOT.parent / "shared" / "examples" / "jats"
    assert {p.name for p in shared.glob("*.xml")} == {p.name for p in CASE_FILES}


def test_front_matter_in_detail() -> None:
    article, *refs = biblioconv.loads((CASES / "pmc-pone.0000217.xml").read_bytes(), "jats")
    assert article.type == "article-journal" and article.native_types == {
        "jats": "research-article"
    }
    assert article.title == "Quantifying Organismal Complexity using a Population Genetic Approach"
    assert article.doi == "10.1371/journal.pone.0000217"
    assert article.identifier("pmid") == "17299597"
    assert article.identifier("pmcid") == "PMC1790863"
    cont = article.container
    assert cont is not None and cont.title == "PLoS ONE" and cont.type == "periodical"
    assert (cont.volume, cont.issue, cont.number) == ("2", "2", "e217")
    assert article.authors[0].affiliations[0].name.startswith("Institut National")
    assert [c.family for c in article.editors] == ["Buckling"]
    assert article.issued is not None and article.issued.edtf() == "2007-02-14"
    assert article.abstract and article.abstract.startswith("Various definitions")
    assert len(refs) == 33 and all(r.id for r in refs)


def test_elife_orcid_funding_license_keywords() -> None:
    [article] = biblioconv.loads((CASES / "elife07586.xml").read_bytes(), "jats")
    assert article.authors[0].orcid == "0000-0002-0375-2764"
    [editorial] = biblioconv.loads((CASES / "elife00270.xml").read_bytes(), "jats")
    assert editorial.title == "Launching <i>eLife</i>, Part 1"  # rich text
    assert [s.term for s in editorial.subjects if s.scheme == "author-keywords"] == [
        "publishing",
        "peer review",
        "open access",
        "<i>eLife</i>",
    ]
    assert editorial.rights[1].uri == "http://creativecommons.org/licenses/by/3.0/"
    assert editorial.container is not None
    assert editorial.container.identifiers[0].scheme == "eissn"
    assert "article-meta/custom-meta-group" in editorial.extras["jats"]  # kept as XML
    big = biblioconv.loads((CASES / "elife00005.xml").read_bytes(), "jats")[0]
    assert big.funding and big.funding[0].funder_name


def test_mixed_citation_keeps_its_text() -> None:
    records = biblioconv.loads((CASES / "pmc-pntd.0002065.xml").read_bytes(), "jats")
    murphy = next(r for r in records if r.id == "pntd.0002065-Murphy1")
    assert murphy.citation is not None and murphy.citation.startswith("Murphy FA")


def test_references_can_be_left_out() -> None:
    data = (CASES / "pmc-pone.0000217.xml").read_bytes()
    assert len(biblioconv.loads(data, "jats", options={"references": False})) == 1


@pytest.mark.parametrize(
    ("xml", "check"),
    [
        (
            '<element-citation publication-type="book"><person-group person-group-type="editor">'
            "<name><surname>Doe</surname><given-names>J</given-names></name><etal/></person-group>"
            "<chapter-title>A chapter</chapter-title><source>The Book</source>"
            "<publisher-loc>Oxford</publisher-loc><publisher-name>OUP</publisher-name>"
            "<year>2001</year><fpage>10</fpage><lpage>20</lpage><isbn>978-0-306-40615-7</isbn>"
            "</element-citation>",
            lambda r: (
                r.type == "chapter"
                and r.container.title == "The Book"
                and r.container.identifiers[0].value == "9780306406157"
                and r.et_al == ["editor"]
                and r.publisher.place == "Oxford"
            ),
        ),
        (
            '<element-citation publication-type="book"><source>Whole <italic>book</italic>'
            '</source><edition>2nd</edition><year>1999</year><size units="pages">300</size>'
            "</element-citation>",
            lambda r: (
                r.type == "book"
                and r.title == "Whole <i>book</i>"
                and r.container is None
                and r.number_of_pages == "300"
            ),
        ),
        (
            '<element-citation publication-type="webpage"><collab>WHO</collab>'
            "<article-title>Fact sheet</article-title><year>2020</year><month>Mar</month>"
            '<date-in-citation content-type="access-date" iso-8601-date="2021-05-04">4 May 2021'
            '</date-in-citation><ext-link xmlns:xlink="http://www.w3.org/1999/xlink" '
            'xlink:href="https://who.int/x">who.int</ext-link></element-citation>',
            lambda r: (
                r.authors[0].kind == "organization"
                and r.issued.edtf() == "2020-03"
                and r.date("accessed").edtf() == "2021-05-04"
                and r.identifier("url") == "https://who.int/x"
            ),
        ),
        (
            '<element-citation publication-type="confproc"><string-name>Ada Lovelace'
            "</string-name><article-title>Notes</article-title><source>Proc. X</source>"
            "<conf-name>X 2020</conf-name><conf-loc>Paris</conf-loc><year>2020</year>"
            '<pub-id pub-id-type="doi">10.1234/ABC</pub-id><season>Spring</season>'
            "</element-citation>",
            lambda r: (
                r.type == "paper-conference"
                and r.event.title == "X 2020"
                and r.doi == "10.1234/abc"
                and r.authors[0].literal == "Ada Lovelace"
                and r.issued.start.season == 1
            ),
        ),
    ],
)
def test_citations_of_every_kind(xml: str, check: Any) -> None:
    doc = f'<ref-list><ref id="r1">{xml}</ref-list>'.replace("</ref-list>", "</ref></ref-list>")
    [rec] = biblioconv.loads(doc, "jats")
    assert check(rec), rec.model_dump(exclude_defaults=True)


def test_writer_output_is_valid_jats_for_every_golden_record() -> None:
    records = _all_golden_records()
    assert len(records) > 500
    text = biblioconv.dumps(records, "jats")
    _valid(text)
    ids = etree.fromstring(text.encode()).xpath("//ref/@id")
    assert len(ids) == len(set(ids)) == len(records)


@pytest.mark.parametrize("case", CASE_FILES[4:7], ids=lambda p: p.name)
def test_references_round_trip(case: Path) -> None:
    records = biblioconv.loads(case.read_bytes(), "jats")[1:]
    report = ConversionReport()
    back = biblioconv.loads(biblioconv.dumps(records, "jats", report=report), "jats")
    lossy = {d.record for d in report.diagnostics if d.severity != "info"}
    assert len(back) == len(records)
    same = [a for a, b in zip(records, back, strict=True) if a.label not in lossy]
    assert same, "every reference was lossy"
    for a, b in zip(records, back, strict=True):
        if a.label not in lossy:
            assert _dump([a]) == _dump([b])


def test_losses_are_reported() -> None:
    rec = Record(
        id="x",
        type="article-journal",
        titles=[Title(text="T"), Title(text="S", type="subtitle")],
        contributors=[
            Contributor(
                family="Smith",
                given="J",
                identifiers=[Identifier(scheme="orcid", value="0000-0002-1825-0097")],
            )
        ],
        dates=[DateValue(type="created", start=PartialDate(year=2020))],
    )
    report = ConversionReport()
    biblioconv.dumps([rec], "jats", report=report)
    fields = {d.field for d in report.by_code("FIELD_DROPPED")}
    assert {
        "titles(type=subtitle)",
        "contributors[0].identifiers[0]",
        "dates(type=created)",
    } <= fields


def test_names_and_detection() -> None:
    assert registry.get("jats").name == registry.get("nlm").name == "jats"
    assert biblioconv.detect(CASES / "elife00270.xml").format == "jats"
    assert sniff(b'<?xml version="1.0"?><ref-list><ref id="a"><element-citation>') > 0.5
    assert (
        sniff(b'<?xml version="1.0"?><resource xmlns="http://datacite.org/schema/kernel-4">') == 0
    )


def test_validate_checks_the_xsd() -> None:
    from biblioconv.validation import check

    schemas = ROOT.parent / "shared" / "schemas"
    good = biblioconv.dumps(_all_golden_records()[:50], "jats").encode()
    result = check(good, "jats", schema_dir=schemas)
    assert result.valid and "checked" in (result.schema or "")
    bad = good.replace(b"<element-citation", b'<element-citation bogus="1"', 1)
    assert not check(bad, "jats", schema_dir=schemas).valid


@pytest.mark.parametrize(
    ("data", "error", "message"),
    [
        (b"", ParseError, "empty input"),
        (b"<article><front>", ParseError, ""),
        (b'<?xml version="1.0"?><resource/>', ParseError, "not a JATS document"),
        (
            b'<?xml version="1.0"?><!DOCTYPE article [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b"<article><front><article-meta><title-group><article-title>&x;</article-title>"
            b"</title-group></article-meta></front></article>",
            UnsafeInputError,
            "",
        ),
    ],
)
def test_malformed_and_hostile_input(data: bytes, error: type, message: str) -> None:
    with pytest.raises(error) as info:
        biblioconv.loads(data, "jats")
    assert message in str(info.value) and "\n" not in str(info.value)


@settings(
    max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    st.lists(
        st.sampled_from(
            [
                "<article-title>T</article-title>",
                "<source>S</source>",
                "<year>2001</year>",
                "<month>13</month>",
                "<day>x</day>",
                '<pub-id pub-id-type="doi">10.1/x</pub-id>',
                '<pub-id pub-id-type="weird">z</pub-id>',
                '<person-group person-group-type="odd"><name><surname>A</surname></name>'
                "</person-group>",
                "<name/>",
                "<collab></collab>",
                "<fpage>1</fpage>",
                "<issn>1234</issn>",
                "text &amp; more",
                '<size units="pages">many</size>',
            ]
        ),
        max_size=8,
    ),
    st.sampled_from(["journal", "book", "other", "", "unknown-type"]),
)
def test_property_reader_takes_any_citation(parts: list[str], kind: str) -> None:
    doc = f'<ref-list><ref id="p"><element-citation publication-type="{kind}">{"".join(parts)}'
    doc += "</element-citation></ref></ref-list>"
    try:
        records = biblioconv.loads(doc, "jats", strict=False)
    except BiblioconvError as exc:
        assert "\n" not in str(exc)
        return
    for rec in records:
        _valid(biblioconv.dumps([rec], "jats"))


def test_a_long_ref_list_is_read_incrementally() -> None:
    import io

    records = [
        Record(id=f"r{i}", type="book", titles=[Title(text=f"Book {i}")]) for i in range(3000)
    ]
    data = biblioconv.dumps(records, "jats").encode()

    class Counting(io.BytesIO):
        taken = 0

        def read(self, size: int | None = -1) -> bytes:
            chunk = super().read(size)
            Counting.taken += len(chunk)
            return chunk

    stream = biblioconv.read(Counting(data), "jats")
    first = next(iter(stream))
    assert first.title == "Book 0"
    assert Counting.taken < len(data) // 2  # the first record came before the rest was read
    assert sum(1 for _ in stream) == 2999


def test_pretty_output_adds_no_space_inside_titles() -> None:
    rec = Record(
        id="t",
        type="article-journal",
        titles=[Title(text="Al-<i>M</i><sup>+</sup> centres in <b>Si</b>")],
    )
    text = biblioconv.dumps([rec], "jats")
    assert "<italic>M</italic><sup>+</sup> centres in <bold>Si</bold>" in text
    assert biblioconv.loads(text, "jats")[0].title == rec.title


def test_a_container_title_without_a_title_is_reported() -> None:
    from biblioconv.model import Container

    rec = Record(id="u", type="article-journal", container=Container(titles=[Title(text="J")]))
    report = ConversionReport()
    [back] = biblioconv.loads(biblioconv.dumps([rec], "jats", report=report), "jats")
    assert back.title == "J" and back.container is None
    assert {"container", "titles(type=main)"} <= {d.field for d in report.by_code("VALUE_COERCED")}


def test_a_mixed_citation_is_the_citation_text_only_when_it_has_text_between_its_parts() -> None:
    doc = (
        '<ref-list><ref id="a"><mixed-citation publication-type="journal"><string-name>'
        "<surname>Avery</surname> <given-names>SV</given-names></string-name>. "
        "<article-title>Microbial cells</article-title>. <source>Nat Rev</source> "
        "<year>2006</year>;<volume>4</volume>:<fpage>577</fpage>.</mixed-citation></ref>"
        '<ref id="b"><mixed-citation publication-type="journal"><name><surname>Avery</surname>'
        "<given-names>SV</given-names></name><article-title>Microbial cells</article-title>"
        "<source>Nat Rev</source><year>2006</year></mixed-citation></ref></ref-list>"
    )
    a, b = biblioconv.loads(doc.encode(), "jats")
    assert a.citation == "Avery SV. Microbial cells. Nat Rev 2006;4:577."
    assert b.citation is None  # PMC's tagged parts without punctuation: the fields give them
    assert (b.title, b.container.title if b.container else None) == ("Microbial cells", "Nat Rev")


def test_a_ref_list_in_the_front_matter_leaves_the_front_whole() -> None:
    # Publishing 1.3 allows front/notes/ref-list after article-meta: the ref ends before the front
    # does, so releasing it must not free the front's earlier children (what xmlsafe.release does)
    doc = (
        '<article xmlns:xlink="http://www.w3.org/1999/xlink" article-type="research-article">'
        '<front><journal-meta><journal-id journal-id-type="nlm-ta">JT</journal-id>'
        "<journal-title-group><journal-title>J Test</journal-title></journal-title-group>"
        "<issn>1234-5678</issn></journal-meta><article-meta>"
        '<article-id pub-id-type="doi">10.1000/a1</article-id>'
        "<title-group><article-title>The Article</article-title></title-group></article-meta>"
        '<notes><sec><title>N</title><ref-list><ref id="r1">'
        '<element-citation publication-type="journal"><article-title>Ref One</article-title>'
        "<source>S</source><year>2001</year></element-citation></ref></ref-list></sec></notes>"
        "</front><body><p>x</p></body></article>"
    )
    schema = load_xsd(XSD)
    assert schema.validate(etree.fromstring(doc.encode())), str(schema.error_log)[:2000]
    ref, article = biblioconv.loads(doc, "jats")
    assert (ref.id, ref.title) == ("r1", "Ref One")
    assert article.title == "The Article"
    assert article.container is not None and article.container.title == "J Test"
    assert [(i.scheme, i.value) for i in article.identifiers] == [("doi", "10.1000/a1")]
