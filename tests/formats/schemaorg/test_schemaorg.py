"""schema.org JSON-LD: golden cases, JSON-LD forms, HTML landing pages, the vocabulary of what is
written, round trips, loss reports, options, detection, validation and errors."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from testsupport import ROOT

import biblioconv
from biblioconv import registry
from biblioconv.errors import BiblioconvError, LimitExceeded, ParseError
from biblioconv.formats.schemaorg.sniff import sniff
from biblioconv.formats.schemaorg.validate import unknown_terms
from biblioconv.formats.schemaorg.vocabulary import PROPERTIES, TYPES
from biblioconv.model import (
    Affiliation,
    Contributor,
    DateValue,
    Funding,
    Identifier,
    PartialDate,
    Record,
    Relation,
    Title,
)
from biblioconv.report import ConversionReport

CASES = Path(__file__).parent / "cases"
CASE_FILES = sorted(p for p in CASES.iterdir() if not p.name.endswith(".record.json"))
SETTINGS = settings(
    max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)


def _dump(records: list[Record]) -> list[dict[str, Any]]:
    return [r.model_dump(mode="json", exclude_defaults=True) for r in records]


def _nodes(value: Any) -> Iterator[dict[str, Any]]:
    """Every JSON object inside a value."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            yield item
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _assert_in_vocabulary(text: str) -> None:
    docs = [json.loads(line) for line in text.splitlines()] if text.startswith('{"') else None
    value = json.loads(text) if docs is None else docs
    for node in _nodes(value):
        for key, v in node.items():
            if key.startswith("@"):
                if key == "@type":
                    for t in v if isinstance(v, list) else [v]:
                        assert t in TYPES, f"type {t!r} is not in the vocabulary"
                continue
            assert key in PROPERTIES, f"property {key!r} is not in the vocabulary"


# -- golden cases ------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: p.name)
def test_golden_records(case: Path) -> None:
    golden = json.loads(case.with_suffix(".record.json").read_text("utf-8"))
    assert _dump(biblioconv.loads(case.read_bytes(), "schemaorg")) == golden


def test_every_example_has_a_golden() -> None:
    shared = ROOT.parent / "shared" / "examples" / "schemaorg"
    names = {p.name.rsplit(".", 1)[0] for p in shared.iterdir() if p.suffix in (".json", ".jsonld")}
    assert names <= {p.name.rsplit(".", 1)[0] for p in CASE_FILES}
    assert len(names) == 11


def test_article_in_an_issue_volume_periodical_graph() -> None:
    [rec] = biblioconv.loads(
        (CASES / "schemaorg-eg-0399-scholarlyarticle-volume-issue-graph.jsonld").read_bytes(),
        "schemaorg",
    )
    assert rec.type == "article-journal"
    cont = rec.container
    assert cont is not None
    assert (cont.title, cont.volume, cont.issue, cont.type) == (
        "Cataloging & Classification Quarterly",
        "50",
        "5",
        "periodical",
    )
    assert [i.value for i in cont.identifiers] == ["1544-4554", "0163-9374"]
    assert cont.pages is not None and (cont.pages.first, cont.pages.last) == ("360", "368")
    assert cont.publisher is not None and cont.publisher.name == "Taylor & Francis Group"
    assert rec.doi == "10.1080/01639374.2012.682254"  # from sameAs
    assert rec.extras["schemaorg"]["about"] == ["Works", "Catalog"]


def test_chapter_with_prefixed_keys_and_a_book_in_the_graph() -> None:
    [rec] = biblioconv.loads((CASES / "schemaorg-eg-0216-chapter.jsonld").read_bytes(), "schemaorg")
    assert rec.type == "chapter" and rec.title == "Chapter 16: Gates AND JOBS"
    assert rec.container is not None and rec.container.title == "Steve Jobs"
    assert rec.container.identifiers[0].value == "9781408703748"
    assert rec.container.type == "book"


def test_codemeta_list_context_and_orcid_ids() -> None:
    [rec] = biblioconv.loads(
        (CASES / "schema-org-codemeta-softwaresourcecode.jsonld").read_bytes(), "schemaorg"
    )
    assert rec.type == "software" and rec.version == "0.1.0"
    assert [c.orcid for c in rec.authors] == [
        "0000-0002-2192-403X",
        "0000-0003-0077-4738",
        "0000-0002-1642-628X",
    ]
    assert rec.relations[0].type == "IsSupplementedBy"  # codeRepository
    assert rec.extras["schemaorg"]["programmingLanguage"]["name"] == "R"


def test_edge_many_authors_non_ascii_orgs_orcid_ror_funders() -> None:
    [rec] = biblioconv.loads((CASES / "edge-article-many-authors.jsonld").read_bytes(), "schemaorg")
    assert len(rec.authors) == 13
    first = rec.authors[0]
    assert (first.given, first.family, first.orcid) == ("Zoë", "Østergård", "0000-0002-1825-0097")
    assert first.affiliations[0].identifiers[0].scheme == "ror"
    assert rec.authors[1].orcid == "0000-0001-5109-3700"  # sameAs
    assert rec.authors[4].kind == "organization" and rec.authors[4].literal.startswith("CERN")
    assert rec.authors[7].suffix == "Jr."
    assert rec.authors[8].identifiers[0].scheme == "isni"
    assert rec.authors[9].identifiers[0].value == "0000-0003-1419-2405"  # an ORCID alone
    assert rec.editors[0].given == "Ève"
    assert [f.funder_name for f in rec.funding] == [
        "European Research Council",
        "Schweizerischer Nationalfonds",
    ]
    assert rec.funding[0].award_number == "200021_123456"
    assert rec.funding[1].funder_identifier is not None
    assert rec.funding[1].funder_identifier.scheme == "crossref-funder"
    assert [i.scheme for i in rec.identifiers] == ["pmid", "arxiv", "doi"]
    assert rec.subtitle == "Teil I — Grundlagen"
    assert [s.term for s in rec.subjects] == ["Eis", "Kristallographie", "Röntgenbeugung"]
    assert [(r.type, r.identifier.scheme if r.identifier else None) for r in rec.relations] == [
        ("References", None),
        ("References", "doi"),
        ("References", "arxiv"),
    ]


@pytest.mark.parametrize(
    ("text", "edtf"),
    [
        ("1999", "1999"),
        ("2020-07", "2020-07"),
        ("2018-02-28", "2018-02-28"),
        ("2024-03-05T10:15:00Z", "2024-03-05T10:15:00Z"),
        ("2011/2012", "2011/2012"),
        ("2019/..", "2019/.."),
        ("-0044-03-15", "-0044-03-15"),
    ],
)
def test_dates_of_every_precision(text: str, edtf: str) -> None:
    doc = {"@context": "https://schema.org", "@type": "Dataset", "name": "d", "datePublished": text}
    [rec] = biblioconv.loads(json.dumps(doc), "schemaorg")
    assert rec.issued is not None and rec.issued.edtf() == edtf
    out = json.loads(biblioconv.dumps([rec], "schemaorg"))
    assert out["datePublished"] == edtf


def test_landing_page_blocks_graph_and_main_entity() -> None:
    records = biblioconv.loads((CASES / "landing-page.html").read_bytes(), "schemaorg")
    assert [r.title for r in records] == [
        "Café measurements &amp; more",  # script text is raw: no entity is decoded
        "Second work on the page",
    ]
    assert records[0].doi == "10.5281/zenodo.42"
    assert [s.term for s in records[0].subjects] == ["coffee", "chemistry, analytical"]


def test_html_extraction_can_be_switched_off() -> None:
    data = (CASES / "landing-page.html").read_bytes()
    with pytest.raises(ParseError, match="HTML extraction is off"):
        biblioconv.loads(data, "schemaorg", options={"html": False})


def test_html_is_parsed_without_network_or_entities() -> None:
    page = (
        b'<!DOCTYPE html SYSTEM "http://127.0.0.1:1/evil.dtd">'
        b'<html><head><link rel="stylesheet" href="http://127.0.0.1:1/x.css">'
        b'<script type="application/ld+json">'
        b'{"@context": "https://schema.org", "@type": "Book", "name": "&xxe; safe"}'
        b"</script></head></html>"
    )
    [rec] = biblioconv.loads(page, "schemaorg")
    assert rec.title == "&xxe; safe"


# -- JSON-LD forms -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "context",
    [
        "https://schema.org",
        "http://schema.org",
        "https://schema.org/",
        "http://schema.org/",
        {"@vocab": "https://schema.org/"},
        ["https://schema.org", {"author": {"@id": "schema:author", "@container": "@list"}}],
    ],
)
def test_contexts(context: Any) -> None:
    doc = {"@context": context, "@type": "Book", "name": "Ctx", "author": {"@list": ["A B"]}}
    data = json.dumps(doc).encode()
    assert sniff(data) >= 0.9
    [rec] = biblioconv.loads(data, "schemaorg")
    assert rec.type == "book" and rec.title == "Ctx" and rec.authors[0].literal == "A B"


def test_full_iri_keys_and_value_objects() -> None:
    doc = {
        "@context": {"s": "http://schema.org/"},
        "@type": "http://schema.org/Book",
        "http://schema.org/name": {"@value": "Full", "@language": "en"},
        "s:isbn": "9780306406157",
    }
    [rec] = biblioconv.loads(json.dumps(doc), "schemaorg")
    assert (rec.type, rec.title, rec.identifier("isbn")) == ("book", "Full", "9780306406157")


def test_array_and_graph_give_several_records_streamed() -> None:
    docs = [{"@context": "https://schema.org", "@type": "Book", "name": f"B{i}"} for i in range(3)]
    stream = biblioconv.read(json.dumps(docs).encode(), "schemaorg")
    assert next(iter(stream)).title == "B0"  # yields before the rest is read
    graph = {"@context": "https://schema.org", "@graph": [{**d, "@context": None} for d in docs]}
    for node in graph["@graph"]:
        del node["@context"]
    assert [r.title for r in biblioconv.loads(json.dumps(graph), "schemaorg")] == ["B0", "B1", "B2"]


# -- writing -------------------------------------------------------------------------------------


def _all_golden_records() -> list[Record]:
    out: list[Record] = []
    for path in sorted((ROOT / "tests" / "formats").glob("*/cases/*.record.json")):
        data = json.loads(path.read_text("utf-8"))
        out += [Record.model_validate(d) for d in (data if isinstance(data, list) else [data])]
    return out


def test_everything_written_is_in_the_vocabulary() -> None:
    # the writer's own output: what schema.org input kept as given (extras) is left out
    records = [
        r.model_copy(update={"extras": {k: v for k, v in r.extras.items() if k != "schemaorg"}})
        for r in _all_golden_records()
    ]
    assert len(records) > 100
    text = biblioconv.dumps(records, "schemaorg")
    _assert_in_vocabulary(text)
    assert list(unknown_terms(json.loads(text))) == []


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: p.name)
def test_same_format_round_trip(case: Path) -> None:
    records = biblioconv.loads(case.read_bytes(), "schemaorg")
    report = ConversionReport()
    text = biblioconv.dumps(records, "schemaorg", report=report)
    back = biblioconv.loads(text, "schemaorg")
    lossy = {d.record for d in report.diagnostics if d.severity != "info"}
    for a, b in zip(records, back, strict=True):
        if a.label not in lossy:
            assert _dump([a]) == _dump([b])


def test_writer_container_options() -> None:
    records = [Record(type="book", titles=[Title(text=f"T{i}")]) for i in range(2)]
    graph = json.loads(biblioconv.dumps(records, "schemaorg"))
    assert graph["@context"] == "https://schema.org"
    assert [n["name"] for n in graph["@graph"]] == ["T0", "T1"]
    array = json.loads(biblioconv.dumps(records, "schemaorg", container="array"))
    assert [d["@context"] for d in array] == ["https://schema.org"] * 2
    lines = biblioconv.dumps(records, "schemaorg", container="lines", indent=0).splitlines()
    assert [json.loads(line)["name"] for line in lines] == ["T0", "T1"]
    compact = biblioconv.dumps(records[:1], "schemaorg", indent=0)
    assert "\n" not in compact.strip()
    assert json.loads(compact) == {"@context": "https://schema.org", "@type": "Book", "name": "T0"}
    for text in (
        biblioconv.dumps(records, "schemaorg", indent=0),
        biblioconv.dumps(records, "schemaorg", container="array"),
    ):
        assert [r.title for r in biblioconv.loads(text, "schemaorg")] == ["T0", "T1"]
    assert json.loads(biblioconv.dumps([], "schemaorg"))["@graph"] == []


def test_article_chain_is_written_as_issue_volume_periodical() -> None:
    [rec] = biblioconv.loads((CASES / "edge-article-many-authors.jsonld").read_bytes(), "schemaorg")
    node = json.loads(biblioconv.dumps([rec], "schemaorg"))
    issue = node["isPartOf"]
    assert issue["@type"] == "PublicationIssue" and issue["issueNumber"] == "3"
    volume = issue["isPartOf"]
    assert volume["@type"] == "PublicationVolume" and volume["volumeNumber"] == "17"
    assert volume["isPartOf"]["@type"] == "Periodical"
    assert volume["isPartOf"]["issn"] == ["0044-2968", "2196-7105"]
    assert node["author"][0]["@id"] == "https://orcid.org/0000-0002-1825-0097"
    assert node["author"][0]["affiliation"][0]["@id"] == "https://ror.org/02crff812"
    assert node["@id"] == "https://doi.org/10.5555/étude.2024.001"
    assert {g["@type"] for g in node["funding"]} == {"Grant"}


def test_losses_are_reported_by_record_field_and_formats() -> None:
    rec = Record(
        id="lossy",
        type="paper-conference",
        titles=[Title(text="T"), Title(text="Tr", type="translated")],
        contributors=[
            Contributor(family="Beethoven", given="Ludwig", dropping_particle="van"),
            Contributor(family="Doe", role="data-manager"),
        ],
        dates=[DateValue(type="accessed", start=PartialDate(year=2020))],
        citation_key="key1",
    )
    report = ConversionReport()
    biblioconv.dumps([rec], "schemaorg", report=report)
    found = {(d.code.value, d.field) for d in report.diagnostics}
    assert ("TYPE_APPROXIMATED", "type") in found
    for field in (
        "titles[1]",
        "contributors[0].dropping_particle",
        "contributors[1]",
        "dates[0]",
        "citation_key",
    ):
        assert ("FIELD_DROPPED", field) in found, field
    assert all(d.record == "key1" and d.target_format == "schemaorg" for d in report.diagnostics)


def test_foreign_extras_are_reported() -> None:
    rec = Record(type="book", titles=[Title(text="T")], extras={"bibtex": {"note2": "x"}})
    report = ConversionReport()
    biblioconv.dumps([rec], "schemaorg", report=report)
    assert [d.field for d in report.by_code("FIELD_DROPPED")] == ["extras.bibtex"]


def test_round_trip_through_every_format_keeps_the_core() -> None:
    rec = Record(
        id="rt",
        type="article-journal",
        titles=[Title(text="Round trip")],
        contributors=[
            Contributor(
                family="Smith",
                given="Jane",
                identifiers=[Identifier(scheme="orcid", value="0000-0002-1825-0097")],
                affiliations=[Affiliation(name="Uni")],
            )
        ],
        dates=[DateValue(start=PartialDate(year=2021, month=4))],
        identifiers=[Identifier(scheme="doi", value="10.1234/rt")],
        funding=[Funding(funder_name="NSF", award_number="1")],
        relations=[
            Relation(type="References", identifier=Identifier(scheme="doi", value="10.1/x"))
        ],
    )
    start = biblioconv.dumps([rec], "schemaorg")
    for spec in registry.all_formats():
        if not (spec.can_read and spec.can_write) or spec.name in ("citation", "schemaorg"):
            continue
        opts = {"fill_unknown": True} if spec.name.startswith("datacite") else {}
        other = biblioconv.loads(start, "schemaorg")
        report = ConversionReport()
        text = biblioconv.dumps(other, spec.name, report=report, **opts)
        if report.by_code("RECORD_SKIPPED"):  # a format that needs more than the record has
            continue
        [back] = biblioconv.loads(text, spec.name, strict=False)
        again = biblioconv.loads(biblioconv.dumps([back], "schemaorg"), "schemaorg")[0]
        assert again.title == "Round trip", spec.name
        assert again.doi == "10.1234/rt", spec.name


# -- detection, options, validation -------------------------------------------------------------


def test_names_and_extension() -> None:
    for name in ("schemaorg", "schema.org", "jsonld", "json-ld"):
        assert registry.get(name).name == "schemaorg"
    case = CASES / "schemaorg-eg-0309-dataset-minimal.jsonld"
    assert biblioconv.detect(case).format == "schemaorg"
    assert biblioconv.detect(CASES / "landing-page.html").format == "schemaorg"


@pytest.mark.parametrize(
    ("head", "low"),
    [
        (b'[{"id": "x", "type": "book", "title": "CSL"}]', True),
        (b'{"data": {"attributes": {"doi": "10.1/x"}}}', True),
        (b"<html><body>no json-ld</body></html>", True),
        (b'{"@context": "https://schema.org", "@type": "Book"}', False),
        (b'[{"@context": ["http://schema.org/"], "@type": "Book"}]', False),
    ],
)
def test_sniff(head: bytes, low: bool) -> None:
    assert (sniff(head) < 0.5) is low


def test_validate_reports_properties_outside_the_vocabulary() -> None:
    from biblioconv.validation import check

    doc = {"@context": "https://schema.org", "@type": "Book", "name": "V", "colour": "red"}
    result = check(json.dumps(doc).encode(), "schemaorg")
    assert result.valid  # a warning, not an error
    assert any("colour" in p.message for p in result.problems)
    assert "vocabulary (scholarly subset) checked" in (result.schema or "")
    page = check((CASES / "landing-page.html").read_bytes(), "schemaorg")
    assert page.valid and page.records == 2 and page.problems == []
    own = [r.model_copy(update={"extras": {}}) for r in _all_golden_records()[:40]]
    assert check(biblioconv.dumps(own, "schemaorg").encode(), "schemaorg").problems == []
    bad = check(b'{"@context": "https://schema.org", "@type": "Book", "name": ', "schemaorg")
    assert not bad.valid


# -- errors and hostile input -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty input"),
        (b'{"@context": "https://schema.org", "@type": "Book", "name": ', "invalid JSON"),
        (b'{"@type": "Book", "name": "x"}', "no @context"),
        (b"<html><p>nothing</p></html>", "without a schema.org JSON-LD block"),
    ],
)
def test_malformed_input_gives_one_line_errors(data: bytes, message: str) -> None:
    with pytest.raises(ParseError) as info:
        biblioconv.loads(data, "schemaorg")
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_hostile_nesting_and_sizes_are_refused() -> None:
    deep = '{"@context": "https://schema.org", "@type": "Book", "x": ' + "[" * 5000 + "]" * 5000
    with pytest.raises(LimitExceeded):
        biblioconv.loads(deep + "}", "schemaorg")
    deep_html = (
        b'<html><script type="application/ld+json">{"@context": "https://schema.org", '
        b'"@type": "Book", "about": ' + b"[" * 100_000 + b"]" * 100_000 + b"}</script></html>"
    )
    with pytest.raises(LimitExceeded):
        biblioconv.loads(deep_html, "schemaorg")
    wide = {
        "@context": "https://schema.org",
        "@graph": [
            {"@id": f"#n{i}", "@type": "Book", "isPartOf": f"#n{i + 1}"} for i in range(2000)
        ],
    }
    records = biblioconv.loads(json.dumps(wide), "schemaorg", strict=False)
    assert len(records) <= 2000  # a long isPartOf chain ends (depth-limited), no hang


# -- property tests --------------------------------------------------------------------------------

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5000, 5000),
    st.text(max_size=20),
    st.floats(allow_nan=False),
)
_keys = st.sampled_from(
    sorted(
        [
            "name",
            "author",
            "creator",
            "datePublished",
            "identifier",
            "isPartOf",
            "keywords",
            "funding",
            "funder",
            "license",
            "citation",
            "sameAs",
            "@id",
            "@type",
            "pageStart",
            "pagination",
            "publisher",
            "givenName",
            "familyName",
            "affiliation",
            "propertyID",
            "value",
            "issueNumber",
            "volumeNumber",
            "inLanguage",
            "distribution",
            "spatialCoverage",
            "temporalCoverage",
            "whatever",
        ]
    )
)
_json = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_keys, inner, max_size=5)),
    max_leaves=25,
)
_types = st.sampled_from(["ScholarlyArticle", "Dataset", "Book", "Chapter", "Person", "Thing", 7])


@SETTINGS
@given(st.dictionaries(_keys, _json, max_size=8), _types)
def test_property_reader_takes_any_node(body: dict[str, Any], type_: Any) -> None:
    doc = {**body, "@context": "https://schema.org", "@type": type_}
    report = ConversionReport()
    try:
        records = biblioconv.loads(json.dumps(doc), "schemaorg", report=report, strict=False)
    except BiblioconvError as exc:
        assert "\n" not in str(exc)
        return
    for rec in records:  # what was read writes and reads back
        text = biblioconv.dumps([rec], "schemaorg")
        assert len(biblioconv.loads(text, "schemaorg", strict=False)) == 1
        own = rec.model_copy(update={"extras": {}})  # what the writer makes of the fields it maps
        _assert_in_vocabulary(biblioconv.dumps([own], "schemaorg"))


@SETTINGS
@given(st.binary(max_size=300))
def test_property_arbitrary_bytes(data: bytes) -> None:
    try:
        list(
            biblioconv.read(io.BytesIO(b'{"@context": "https://schema.org", ' + data), "schemaorg")
        )
    except BiblioconvError as exc:
        assert "\n" not in str(exc)


def test_an_id_that_reads_back_as_an_identifier_is_reported() -> None:
    rec = Record(id="10.1234/abc", type="book", titles=[Title(text="x")])
    report = ConversionReport()
    [back] = biblioconv.loads(biblioconv.dumps([rec], "schemaorg", report=report), "schemaorg")
    assert back.id is None and back.doi == "10.1234/abc"
    assert [d.field for d in report.by_code("VALUE_COERCED")] == ["id"]


def test_series_pages_and_container_types_round_trip() -> None:
    text = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "Book",
            "name": "In a series",
            "isPartOf": {"@type": "BookSeries", "name": "Lecture Notes", "position": "12"},
            "numberOfPages": "300",
            "bookEdition": "3",
        }
    )
    [rec] = biblioconv.loads(text, "schemaorg")
    assert rec.series is not None and (rec.series.title, rec.series.number) == (
        "Lecture Notes",
        "12",
    )
    node = json.loads(biblioconv.dumps([rec], "schemaorg"))
    assert node["isPartOf"] == {"@type": "BookSeries", "name": "Lecture Notes", "position": "12"}
    assert biblioconv.loads(json.dumps(node), "schemaorg") == [rec]
