"""What the newer formats' records bring to the Dublin Core writers: each value either comes back
from the reader as it was, or the write names it (the read-back contract, record by record), and
the output stays valid."""

from __future__ import annotations

from typing import Any

import pytest
from dc_helpers import assert_valid

import biblioconv
from biblioconv import readback
from biblioconv.model import Record
from biblioconv.report import Code, ConversionReport

FORMATS = ["dc", "dcterms"]


def _record(**fields: Any) -> Record:
    return Record.model_validate({"type": "article-journal", "titles": [{"text": "T"}], **fields})


def _write(record: Record, fmt: str) -> tuple[dict[str, list[tuple[Code, str]]], Record]:
    """The write's diagnostics by field, and the record read back; the output is valid and the
    contract finds no difference the write does not name."""
    report = ConversionReport(max_diagnostics=None)
    text = biblioconv.dumps(record, fmt, report=report)
    assert_valid(text, fmt)
    assert list(readback.check([record], fmt)) == []
    said: dict[str, list[tuple[Code, str]]] = {}
    for d in report.diagnostics:
        said.setdefault(d.field or "", []).append((d.code, d.message))
    return said, biblioconv.loads(text.encode("utf-8"), fmt)[0]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_bare_spdx_id_reads_back_as_the_licence_id(fmt: str) -> None:
    said, back = _write(
        _record(
            rights=[
                {
                    "identifier": "MIT",
                    "identifier_scheme": "SPDX",
                    "scheme_uri": "https://spdx.org/licenses/",
                }
            ]
        ),
        fmt,
    )
    assert not [f for f in said if f.startswith("rights")]
    assert [(r.identifier, r.identifier_scheme, r.statement) for r in back.rights] == [
        ("MIT", "SPDX", None)
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_licence_texts_that_read_back_otherwise_are_named(fmt: str) -> None:
    # a licence id SPDX does not know reads back as a statement
    said, back = _write(_record(rights=[{"identifier": "LicenseRef-own"}]), fmt)
    assert "rights[0].identifier" in said and "rights[0].statement" in said
    assert back.rights[0].statement == "LicenseRef-own" and back.rights[0].identifier is None
    # a Creative Commons URL gains its SPDX id
    said, back = _write(
        _record(rights=[{"uri": "https://creativecommons.org/licenses/by/4.0/"}]), fmt
    )
    assert {"rights[0].identifier", "rights[0].identifier_scheme", "rights[0].scheme_uri"} <= set(
        said
    )
    assert back.rights[0].identifier == "CC-BY-4.0"


def test_access_rights_without_an_access_term() -> None:
    record = _record(access_rights="embargoed until 2020")
    said, back = _write(record, "dc")  # oai_dc: a dc:rights, read back as a statement
    assert Code.VALUE_COERCED in [c for c, _ in said["access_rights"]]
    assert back.access_rights is None and back.rights[0].statement == "embargoed until 2020"
    said, back = _write(record, "dcterms")  # dcterms:accessRights
    assert "access_rights" not in said and back.access_rights == "embargoed until 2020"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_relation_is_written_as_its_identifier_without_its_citation(fmt: str) -> None:
    said, back = _write(
        _record(
            relations=[
                {
                    "type": "References",
                    "identifier": {"scheme": "doi", "value": "10.1038/000000a0"},
                    "citation": "Curie (1903). Nature. 1, 10",
                }
            ]
        ),
        fmt,
    )
    [(code, message)] = said["relations[0].citation"]
    assert (
        code is Code.FIELD_DROPPED
        and "the citation of a relation with an identifier is not written" in message
    )
    assert back.relations[0].identifier is not None and back.relations[0].citation is None


@pytest.mark.parametrize("fmt", FORMATS)
def test_relations_the_reader_takes_for_the_container(fmt: str) -> None:
    said, back = _write(
        _record(
            relations=[
                {"type": "IsPartOf", "identifier": {"scheme": "issn", "value": "0028-0836"}},
                {"type": "IsDerivedFrom", "identifier": {"scheme": "other", "value": "GSE12345"}},
            ]
        ),
        fmt,
    )
    assert "relations[0]" in said and "container.identifiers" in said
    assert "relations[1]" in said and "container" in said
    assert back.relations == []
    assert back.container is not None
    assert [i.value for i in back.container.identifiers] == ["0028-0836"]
    assert back.container.title == "GSE12345"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_citation_read_for_the_container_is_named(fmt: str) -> None:
    """The record's citation is parsed for the container before dc:source: a citation that does
    not parse as the container (text run together, as some JATS references have it) is
    named."""
    said, back = _write(
        _record(
            container={
                "titles": [{"text": "Nat Rev Microbiol"}],
                "volume": "4",
                "pages": {"first": "577", "last": "587"},
            },
            citation="AverySVMicrobial cell individuality and the underlying sources of "
            "heterogeneityNat Rev Microbiol2006457758710.1038/nrmicro146016845428",
        ),
        fmt,
    )
    assert back.container is not None
    if fmt == "dc":  # read from its dc:identifier first: the container takes its parts
        assert any("is parsed for the container" in m for _, m in said["container"])
        assert back.container.title != "Nat Rev Microbiol"
        assert [r.type for r in back.relations] == ["IsDerivedFrom"]  # dc:source, conflicting
    else:  # the dcterms:isPartOf title is read first and the citation's parts left alone
        assert "container" not in said
        assert (back.container.title, back.container.volume) == ("Nat Rev Microbiol", "4")


@pytest.mark.parametrize("fmt", FORMATS)
def test_identifiers_in_a_citation_read_for_the_container(fmt: str) -> None:
    said, back = _write(
        _record(
            container={"titles": [{"text": "Journal X"}], "volume": "12", "issue": "3"},
            citation="Smith, J. (2019) A title. Journal X, 12 (3). pp. 45-67. "
            "https://doi.org/10.1234/abc",
        ),
        fmt,
    )
    assert any("reads back as an identifier of the record" in m for _, m in said["identifiers"])
    assert [i.value for i in back.identifiers] == ["10.1234/abc"]


def test_further_issue_dates_and_date_texts() -> None:
    said, back = _write(
        _record(
            dates=[
                {"start": {"year": 2021, "month": 7, "day": 7}, "information": "online"},
                {"start": {"year": 2021}, "literal": "2021-34-07"},
                {"literal": "spring 2019", "type": "created"},
            ]
        ),
        "dc",
    )
    assert any("further issue date" in m for _, m in said["dates[1].type"])
    assert [c for c, _ in said["dates[1].literal"]] == [Code.FIELD_DROPPED]
    assert any("reads back parsed as a date" in m for _, m in said["dates[2]"])
    assert [d.type for d in back.dates] == ["issued", "other", "other"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_sizes_and_formats_land_where_the_reader_puts_them(fmt: str) -> None:
    said, back = _write(
        _record(type="book", sizes=["vii, 322 p. ; 23 cm."], formats=["print"]), fmt
    )
    if fmt == "dc":  # no dcterms:extent: a dc:format that is no size reads back as a format
        assert "sizes[0]" in said and "formats[1]" in said
        assert back.formats == ["print", "vii, 322 p. ; 23 cm."]
    else:
        assert "sizes[0]" not in said and back.sizes == ["vii, 322 p. ; 23 cm."]
    said, back = _write(_record(number_of_pages="4455-4464"), fmt)
    assert "number_of_pages" in said


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_container_of_an_article(fmt: str) -> None:
    said, back = _write(
        _record(
            container={
                "titles": [{"text": "Br J Dermatol"}],
                "volume": "142",
                "identifiers": [
                    {"scheme": "issn", "value": "0007-0963", "label": "Print"},
                    {"scheme": "issn", "value": "0007-0963"},
                ],
                "issued": {"start": {"year": 2000}, "information": "print"},
            }
        ),
        fmt,
    )
    assert "container.type" in said  # inferred on reading: a periodical
    assert [c for c, _ in said["container.identifiers[0].label"]] == [Code.FIELD_DROPPED]
    assert any("same identifier" in m for _, m in said["container.identifiers[1]"])
    assert [c for c, _ in said["container.issued.information"]] == [Code.FIELD_DROPPED]
    assert "dates(type=issued)" in said  # the container's year becomes the record's
    assert back.container is not None and back.container.type == "periodical"
    assert [i.value for i in back.container.identifiers] == ["0007-0963"]


def test_subject_schemes_and_markup() -> None:
    said, back = _write(
        _record(subjects=[{"term": "Cats", "scheme": "lcsh"}, {"term": "<i>eLife</i>"}]),
        "dcterms",
    )
    assert any("reads back as 'LCSH'" in m for _, m in said["subjects[0].scheme"])
    assert "subjects[1].term" in said
    assert [(s.term, s.scheme) for s in back.subjects] == [("Cats", "LCSH"), ("eLife", None)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_names_with_life_dates_and_versions_in_titles(fmt: str) -> None:
    said, back = _write(
        _record(
            contributors=[{"literal": "Holberg, Ludvig, 1684-1754", "role": "container-author"}]
        ),
        fmt,
    )
    assert f"extras.{fmt}.life_dates" in said
    assert back.extras[fmt]["life_dates"] == {"Holberg, Ludvig": "1684-1754"}
    said, back = _write(_record(version="Internal development version"), fmt)
    assert "titles[0].text" in said and back.version is None
    said, back = _write(_record(version="1.2"), fmt)  # a version that reads back apart
    assert "titles[0].text" not in said and back.version == "1.2"


@pytest.mark.parametrize(
    "url",
    [
        "https://www.safetylit.org/citations/index.php?citationIds[]=citjournalarticle_577952_23",
        "https://example.org/a%zz",
        "https://example.org/{x}|y",
    ],
)
def test_urls_that_are_no_any_uri_are_written_without_the_uri_scheme(url: str) -> None:
    """dcterms:URI is xs:anyURI: a URL with brackets, braces or a stray percent sign (as RIS
    exports have them) is written untyped, and the output stays valid."""
    record = _record(
        identifiers=[{"scheme": "url", "value": url}],
        relations=[{"type": "References", "identifier": {"scheme": "url", "value": url}}],
        rights=[{"uri": url}],
    )
    text = biblioconv.dumps(record, "dcterms")
    assert_valid(text, "dcterms")
    assert "dcterms:URI" not in text
    assert list(readback.check([record], "dcterms")) == []
    back = biblioconv.loads(text.encode("utf-8"), "dcterms")[0]
    assert [i.value for i in back.identifiers] == [url]
    fine = _record(identifiers=[{"scheme": "url", "value": "https://example.org/a%20b?c=1#d"}])
    assert "dcterms:URI" in biblioconv.dumps(fine, "dcterms")
