"""CFF (CITATION.cff 1.2.0): goldens from the real examples and hand-written edge cases, schema
validity of what we write, the YAML date trap, the preferred citation, references, options,
detection, losses, hostile YAML and malformed input."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from testsupport import ROOT, SCHEMAS, SHARED

import biblioconv
from biblioconv import validation
from biblioconv.errors import BiblioconvError, LimitExceeded, ParseError
from biblioconv.formats.cff.values import load_yaml
from biblioconv.model import (
    Contributor,
    DateValue,
    Identifier,
    PartialDate,
    Record,
    Title,
    plain_text,
)
from biblioconv.report import ConversionReport

CASES = Path(__file__).parent / "cases"
CASE_FILES = sorted(CASES.glob("*.cff"))
VALID_CASES = [p for p in CASE_FILES if not p.name.startswith("invalid-")]
EXAMPLES = SHARED / "examples" / "cff"
SCHEMA = json.loads((SCHEMAS / "cff" / "1.2.0" / "schema.json").read_text("utf-8"))
VALIDATOR = jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.FormatChecker())


def _errors(text: str) -> list[str]:
    doc = load_yaml(text.encode("utf-8"), "<out>", 10**8)
    return [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(doc)]


def _assert_valid(text: str) -> None:
    errors = _errors(text)
    assert not errors, errors


def _dump(records: list[Record]) -> list[dict[str, Any]]:
    return [r.model_dump(mode="json", exclude_defaults=True) for r in records]


# -- goldens -----------------------------------------------------------------------------------


def test_every_real_example_is_a_case() -> None:
    names = {p.name.replace("INVALID-", "invalid-") for p in EXAMPLES.glob("*.cff")}
    assert names <= {p.name for p in CASE_FILES}
    for p in EXAMPLES.glob("*.cff"):
        copy = CASES / p.name.replace("INVALID-", "invalid-")
        assert copy.read_bytes() == p.read_bytes(), f"{copy.name} differs from the example"


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: p.stem)
def test_golden_records(case: Path) -> None:
    records = biblioconv.loads(case.read_bytes(), "cff", strict=False)
    golden = json.loads(case.with_suffix(".record.json").read_text("utf-8"))
    assert _dump(records) == golden


@pytest.mark.parametrize("case", VALID_CASES, ids=lambda p: p.stem)
def test_valid_cases_are_valid_once_dates_stay_text(case: Path) -> None:
    _assert_valid(case.read_text("utf-8"))


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("references", [True, False])
def test_cff_to_cff_keeps_every_record(case: Path, references: bool) -> None:
    """Reading what we write gives the same records, and what we write is valid (the two
    invalid examples: what makes them invalid is not written, and that is reported)."""
    options = {"references": references}
    records = biblioconv.loads(case.read_bytes(), "cff", strict=False, options=options)
    report = ConversionReport(max_diagnostics=None)
    text = biblioconv.dumps(records, "cff", report=report)
    back = biblioconv.loads(text, "cff", strict=False, options=options)
    _assert_valid(text)
    if case.name.startswith("invalid-"):
        assert [d for d in report.diagnostics if d.severity == "warning"]
        return
    assert _dump(back) == _dump(records)
    assert not [d for d in report.diagnostics if d.severity != "info"], report.diagnostics


def test_golden_details_key_complete() -> None:
    """The key-complete example: the preferred citation is the record; persons and entities."""
    [rec, ref] = biblioconv.loads((CASES / "key-complete.cff").read_bytes(), "cff")
    assert rec.type == "book" and rec.title == "Book Title"
    person, entity = rec.authors
    assert (person.family, person.given) == ("Real Person", "One Truly")
    assert person.non_dropping_particle == "van der" and person.suffix == "IV"
    assert person.orcid == "0000-0001-2345-6789"
    assert person.affiliations[0].name == "Excellent University, Niceplace, Arcadia"
    assert entity.kind == "organization" and entity.literal.startswith("Entity Project Team")
    details = rec.extras["cff"]["details"]
    assert isinstance(details, dict)
    assert details["authors[0]"]["email"] == "project@entity.com"
    assert details["authors[1]"]["date-start"] == "2017-01-01"  # text, not a date object
    assert rec.event is not None and rec.event.title == "Entity Project Team Conference entity"
    # a book: its container is the collection; the journal is kept as given
    assert rec.container is not None and rec.container.titles[0].text == "Collection Title"
    assert rec.extras["cff"]["journal"] == "PeerJ"
    assert rec.container.pages is not None and rec.container.pages.first == "123"
    assert rec.publication_status is None and rec.extras["cff"]["status"] == "advance-online"
    work = rec.extras["cff"]["work"]
    assert isinstance(work, dict) and work["title"] == "Citation File Format 1.0.0"
    assert [r.type for r in rec.relations][:1] == ["IsSupplementedBy"]
    assert any(r.type == "Describes" for r in rec.relations)
    assert ref.title == "Book Title"  # its one reference, a record of its own


# -- the preferred citation, references, options ---------------------------------------------


def test_preferred_citation_is_what_bibtex_cites() -> None:
    data = (CASES / "poc.cff").read_bytes()
    records = biblioconv.loads(data, "cff")
    text = biblioconv.dumps(records, "bibtex")
    assert text.lstrip().lower().startswith("@article")
    assert "my preferred citation" in text


def test_option_record_work_gives_the_software() -> None:
    data = (CASES / "edge-identifiers.cff").read_bytes()
    [work, *_refs] = biblioconv.loads(data, "cff", options={"record": "work"})
    assert work.type == "software" and work.title == "Identifier kit"
    assert "preferred-citation" in work.extras["cff"]
    described = [r.identifier.value for r in work.relations if r.type == "IsDescribedBy"]
    assert described == ["10.21105/joss.03021"]


def test_option_record_both_gives_work_then_preferred_citation() -> None:
    data = (CASES / "poc.cff").read_bytes()
    records = biblioconv.loads(data, "cff", options={"record": "both", "references": False})
    assert [r.type for r in records] == ["software", "article-journal"]


def test_references_as_records_or_kept() -> None:
    data = (CASES / "edge-identifiers.cff").read_bytes()
    first, *refs = biblioconv.loads(data, "cff")
    assert [r.title for r in refs] == ["A book with an ISBN", "A web page"]
    assert refs[0].identifier("isbn") == "9781891830440"
    kinds = [(r.type, r.identifier.value if r.identifier else None) for r in first.relations]
    assert ("References", "https://example.org/page") in kinds
    [only] = biblioconv.loads(data, "cff", options={"references": False})
    kept = only.extras["cff"]["references"]
    assert isinstance(kept, list) and len(kept) == 2
    assert only.relations == first.relations


def test_unknown_option_is_refused() -> None:
    with pytest.raises(BiblioconvError, match="record"):
        biblioconv.loads(b"cff-version: 1.2.0\n", "cff", options={"records": "all"})


def test_several_records_are_the_work_and_its_references() -> None:
    software = Record(
        type="software",
        titles=[Title(text="Tool")],
        contributors=[Contributor(family="Doe", given="Jane")],
    )
    paper = Record(
        type="article-journal",
        titles=[Title(text="Paper")],
        contributors=[Contributor(family="Roe", given="Rick")],
        identifiers=[Identifier(scheme="doi", value="10.1234/paper")],
    )
    text = biblioconv.dumps([software, paper], "cff")
    _assert_valid(text)
    doc = yaml.safe_load(text)
    assert doc["title"] == "Tool" and doc["references"][0]["type"] == "article"
    back = biblioconv.loads(text, "cff")
    assert [r.title for r in back] == ["Tool", "Paper"]
    assert back[0].relations[0].type == "References"


# -- dates ------------------------------------------------------------------------------------


def test_dates_are_written_as_quoted_text() -> None:
    rec = Record(
        type="software",
        titles=[Title(text="T")],
        contributors=[Contributor(family="A")],
        dates=[DateValue(start=PartialDate(year=2021, month=8, day=5))],
    )
    text = biblioconv.dumps(rec, "cff")
    assert "date-released: '2021-08-05'" in text
    assert isinstance(yaml.safe_load(text)["date-released"], str)  # even for a plain loader
    _assert_valid(text)


def test_reader_accepts_unquoted_quoted_and_timestamp_dates() -> None:
    base = "cff-version: 1.2.0\nmessage: m\ntitle: t\nauthors:\n  - name: A\n"
    for value in ("2021-08-05", "'2021-08-05'", "!!timestamp 2021-08-05"):
        [rec] = biblioconv.loads(base + f"date-released: {value}\n", "cff")
        assert rec.issued is not None and rec.issued.edtf() == "2021-08-05", value
    # a date object from another YAML loader is accepted by the value conversion too
    from biblioconv.formats.cff.values import cff_date

    assert cff_date(datetime.date(2020, 2, 29), "issued") == {
        "type": "issued",
        "start": {"year": 2020, "month": 2, "day": 29},
    }


def test_dates_of_every_precision() -> None:
    records = biblioconv.loads((CASES / "edge-dates.cff").read_bytes(), "cff")
    work, day, month, year, talk = records
    assert work.issued is not None and work.issued.edtf() == "2021-08-05"
    assert {d.type: d.edtf() for d in day.dates} == {
        "issued": "2020-02-29",
        "available": "2020-03-15",
        "accessed": "2023-01-31",
    }
    assert {d.type: d.edtf() for d in month.dates} == {"issued": "1999-12", "original": "1887"}
    assert [d.edtf() for d in year.dates] == ["2001"]
    assert talk.event is not None and talk.event.date is not None
    assert talk.event.date.edtf() == "2017-04-01/2017-04-03"
    assert talk.container is not None and talk.container.title == (
        "Proceedings of the 1st Conference on Dates"
    )
    text = biblioconv.dumps(records, "cff")
    doc = yaml.safe_load(text)
    assert doc["references"][1]["year"] == 1999 and doc["references"][1]["month"] == 12
    assert doc["references"][2]["year"] == 2001 and "month" not in doc["references"][2]


def test_a_year_only_software_date_is_reported_not_invented() -> None:
    rec = Record(
        type="software",
        titles=[Title(text="T")],
        contributors=[Contributor(family="A")],
        dates=[DateValue(start=PartialDate(year=2019))],
    )
    report = ConversionReport()
    text = biblioconv.dumps(rec, "cff", report=report)
    assert "date-released" not in text and "2019" not in text
    assert [d.field for d in report.by_code("FIELD_DROPPED")] == ["dates[0]"]


def test_invalid_date_is_kept_as_text_and_reported() -> None:
    report = ConversionReport()
    data = (CASES / "invalid-bso-toolbox-invalid-date.cff").read_bytes()
    [rec] = biblioconv.loads(data, "cff", report=report)
    assert rec.dates[0].literal == "2020-05-xx"
    [diag] = report.by_code("INVALID_VALUE")
    assert diag.field == "date-released" and "2020-05-xx" in diag.message


# -- persons, organisations, identifiers, licences ---------------------------------------------


def test_many_authors_non_ascii_orcids_and_organisations() -> None:
    [rec] = biblioconv.loads((CASES / "edge-many-authors.cff").read_bytes(), "cff")
    assert len(rec.authors) == 66
    assert rec.authors[1].family == "Østergård" and rec.authors[1].given == "José"
    assert rec.authors[3].orcid == "0000-0003-1419-2405"
    assert rec.authors[6].orcid == "0000-0002-1694-233X"  # check digit X
    org = rec.authors[64]
    assert org.kind == "organization" and org.literal == "CERN ATLAS Collaboration"
    assert org.identifiers[0].scheme == "url" and "ror.org/01ggx4157" in org.identifiers[0].value
    assert [r.identifier for r in rec.rights] == ["MIT", "Apache-2.0"]
    assert [s.term for s in rec.subjects] == ["Eis", "結晶構造", "2024"]
    text = biblioconv.dumps(rec, "cff")
    _assert_valid(text)
    assert "Ærøskøbing" in text and "\\u" not in text  # written as UTF-8, not escaped


def test_ror_and_isni_of_contributors_are_reported() -> None:
    rec = Record(
        type="software",
        titles=[Title(text="T")],
        contributors=[
            Contributor(
                kind="organization",
                literal="CERN",
                identifiers=[Identifier(scheme="ror", value="01ggx4157")],
            ),
            Contributor(
                family="Doe",
                identifiers=[
                    Identifier(scheme="isni", value="0000000121032683"),
                    Identifier(scheme="orcid", value="0000-0002-1825-0097"),
                ],
            ),
        ],
    )
    report = ConversionReport()
    text = biblioconv.dumps(rec, "cff", report=report)
    _assert_valid(text)
    dropped = {d.field for d in report.by_code("FIELD_DROPPED")}
    assert {"contributors[0].identifiers[0]", "contributors[1].identifiers[0]"} <= dropped


def test_identifiers_keys_and_list() -> None:
    [rec, *_] = biblioconv.loads((CASES / "edge-identifiers.cff").read_bytes(), "cff")
    assert rec.type == "article-journal"  # the preferred citation
    assert rec.doi == "10.21105/joss.03021"
    assert rec.identifier("pmcid") == "PMC1234567"
    assert rec.container is not None
    assert [(i.scheme, i.value) for i in rec.container.identifiers] == [
        ("doi", "10.21105/joss"),
        ("issn", "2475-9066"),
    ]
    work = rec.extras["cff"]["work"]
    assert isinstance(work, dict) and work["identifiers"][1]["type"] == "swh"
    [software, *_] = biblioconv.loads(
        (CASES / "edge-identifiers.cff").read_bytes(), "cff", options={"record": "work"}
    )
    assert [(i.scheme, i.label) for i in software.identifiers] == [
        ("doi", None),
        ("url", None),
        ("doi", "The concept DOI of all versions."),
        ("swhid", None),
        ("url", None),
        ("other", "The preprint."),
    ]
    assert software.rights[0].identifier == "GPL-3.0-or-later"
    assert software.rights[0].uri == "https://www.gnu.org/licenses/gpl-3.0.html"
    assert software.relations[0].identifier is not None
    assert software.relations[0].identifier.value == "https://github.com/example/identifier-kit"


def test_a_licence_that_is_not_spdx_is_reported() -> None:
    rec = biblioconv.loads(
        b'[{"id": "x", "type": "software", "title": "T", "author": [{"family": "A"}]}]',
        "csl-json",
    )[0].model_copy(
        update={
            "rights": [
                biblioconv.model.Rights(statement="All rights reserved"),
                biblioconv.model.Rights(identifier="Not-A-Licence", identifier_scheme="SPDX"),
            ]
        }
    )
    report = ConversionReport()
    text = biblioconv.dumps(rec, "cff", report=report)
    _assert_valid(text)
    assert "license" not in yaml.safe_load(text)
    assert {"rights[0]", "rights[1]"} <= {d.field for d in report.by_code("FIELD_DROPPED")}


# -- losses -------------------------------------------------------------------------------------


def test_reference_only_fields_of_software_are_reported_with_the_reason() -> None:
    rec = Record(
        type="software",
        titles=[Title(text="T")],
        contributors=[Contributor(family="A"), Contributor(family="E", role="editor")],
        edition="2",
    )
    report = ConversionReport()
    biblioconv.dumps(rec, "cff", report=report)
    by_field = {d.field: d.message for d in report.by_code("FIELD_DROPPED")}
    assert "reference only" in by_field["edition"]
    assert "contributors[1]" in by_field


def test_missing_title_and_authors_are_filled_and_reported() -> None:
    report = ConversionReport()
    text = biblioconv.dumps(Record(type="book"), "cff", report=report)
    _assert_valid(text)
    fields = {d.field for d in report.by_code("MISSING_REQUIRED")}
    assert fields == {"titles(type=main)", "contributors(role=author)"}


def test_other_formats_extras_are_reported() -> None:
    rec = Record(
        type="software",
        titles=[Title(text="T")],
        contributors=[Contributor(family="A")],
        extras={"bibtex": {"note": "n"}},
    )
    report = ConversionReport()
    biblioconv.dumps(rec, "cff", report=report)
    assert [d.field for d in report.by_code("FIELD_DROPPED")] == ["extras.bibtex"]


def test_unknown_keys_are_kept_reported_and_not_written() -> None:
    report = ConversionReport()
    data = (CASES / "invalid-ls1-mardyn-invalid-author-array.cff").read_bytes()
    [rec, _ref] = biblioconv.loads(data, "cff", report=report)
    assert rec.extras["cff"]["author"] == [
        {"name": "Boltzmann-Zuse Society for Computational Molecular Engineering", "country": "DE"}
    ]
    assert [d.field for d in report.by_code("UNKNOWN_FIELD")] == ["author"]
    assert "authors" in {d.field for d in report.by_code("MISSING_REQUIRED")}
    out = ConversionReport()
    text = biblioconv.dumps([rec], "cff", report=out)
    assert "\nauthor:" not in text
    assert "extras.cff.author" in {d.field for d in out.by_code("FIELD_DROPPED")}


# -- detection ----------------------------------------------------------------------------------


def test_detection_by_name_and_content(tmp_path: Path) -> None:
    data = (CASES / "minimal.cff").read_bytes()
    named = tmp_path / "CITATION.cff"
    named.write_bytes(data)
    assert biblioconv.detect(named).format == "cff"
    unnamed = tmp_path / "metadata.yml"
    unnamed.write_bytes(data)
    assert biblioconv.detect(unnamed).format == "cff"
    csl = tmp_path / "refs.yaml"
    csl.write_bytes(b"- id: x\n  type: book\n  title: T\n")
    assert biblioconv.detect(csl).format == "csl-yaml"


# -- validate -----------------------------------------------------------------------------------


@pytest.mark.parametrize("case", VALID_CASES, ids=lambda p: p.stem)
def test_validate_valid_cases(case: Path) -> None:
    result = validation.check(case.read_bytes(), "cff", schema_dir=SCHEMAS)
    assert result.errors == [] and result.schema == "CFF 1.2.0 schema checked"


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("invalid-bso-toolbox-invalid-date.cff", "date-released"),
        ("invalid-ls1-mardyn-invalid-author-array.cff", "'authors' is a required property"),
    ],
)
def test_validate_invalid_examples(case: str, expected: str) -> None:
    errors = validation.validate((CASES / case).read_bytes(), "cff", schema_dir=SCHEMAS)
    assert errors and any(expected in e for e in errors), errors
    assert all("\n" not in e for e in errors)


def test_validate_names_the_line_of_each_schema_problem() -> None:
    data = (CASES / "invalid-date-text.cff").read_bytes()
    result = validation.check(data, "cff", schema_dir=SCHEMAS)
    lines = {p.line for p in result.errors}
    assert lines == {14}  # preferred-citation.date-published
    assert data.decode().splitlines()[13].strip() == "date-published: spring 2019"


# -- hostile and malformed input ---------------------------------------------------------------

BOMB = (
    "cff-version: 1.2.0\nmessage: m\ntitle: t\nauthors: [{name: A}]\n"
    "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 12))
)


def test_yaml_alias_bomb_is_refused() -> None:
    with pytest.raises(LimitExceeded, match="aliases"):
        biblioconv.loads(BOMB, "cff")


def test_deep_nesting_is_refused() -> None:
    data = "cff-version: 1.2.0\nx: " + "[" * 5000 + "]" * 5000 + "\n"
    with pytest.raises(ParseError) as exc:
        biblioconv.loads(data, "cff")
    assert "\n" not in str(exc.value)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty input"),
        (b"- a\n- b\n", "not a mapping"),
        (b"just text\n", "not a mapping"),
        (b"foo: 1\nbar: 2\n", "none of cff-version"),
        (b"cff-version: 1.2.0\ntitle: [unclosed\n", "invalid YAML"),
        (b"cff-version: 1.2.0\n---\ncff-version: 1.2.0\n", "2 YAML documents"),
        (b"\xff\xfe\x00junk", ""),
    ],
)
def test_malformed_input_gives_one_line_errors(data: bytes, message: str) -> None:
    with pytest.raises(BiblioconvError) as exc:
        biblioconv.loads(data, "cff")
    assert message in str(exc.value)
    assert "\n" not in str(exc.value)


def test_wrong_shapes_are_reported_not_raised() -> None:
    data = (
        b"cff-version: 1.2.0\nmessage: m\ntitle: t\nauthors: [7, {name: A}]\n"
        b"references: [12, {type: book, title: B, authors: [{name: C}]}]\n"
        b"keywords: [[nested]]\nidentifiers: [{type: doi}]\n"
    )
    report = ConversionReport()
    records = biblioconv.loads(data, "cff", report=report, strict=False)
    assert [r.title for r in records] == ["t", "B"]
    assert report.by_code("RECORD_SKIPPED") and report.by_code("INVALID_VALUE")


# -- property: the reader on generated CITATION.cff documents ----------------------------------


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20
).filter(lambda s: s.strip() == s and s)
_PERSON = st.fixed_dictionaries(
    {"family-names": _TEXT},
    optional={"given-names": _TEXT, "name-particle": _TEXT, "affiliation": _TEXT, "email": _TEXT},
)
_ENTITY = st.fixed_dictionaries({"name": _TEXT}, optional={"city": _TEXT})
_DATE = st.dates(min_value=datetime.date(1000, 1, 1)).map(lambda d: d.isoformat())
_REF = st.fixed_dictionaries(
    {
        "type": st.sampled_from(["article", "book", "software", "thesis", "report", "generic"]),
        "title": _TEXT,
        "authors": st.lists(st.one_of(_PERSON, _ENTITY), min_size=1, max_size=4, unique_by=_key),
    },
    optional={
        "year": st.integers(1000, 2100),
        "date-published": _DATE,
        "journal": _TEXT,
        "volume": st.integers(1, 500),
        "notes": _TEXT,
        "keywords": st.lists(_TEXT, min_size=1, max_size=3, unique=True),
    },
)
_DOC = st.fixed_dictionaries(
    {
        "cff-version": st.just("1.2.0"),
        "message": _TEXT,
        "title": _TEXT,
        "authors": st.lists(st.one_of(_PERSON, _ENTITY), min_size=1, max_size=5, unique_by=_key),
    },
    optional={
        "version": _TEXT,
        "date-released": _DATE,
        "abstract": _TEXT,
        "keywords": st.lists(_TEXT, min_size=1, max_size=4, unique=True),
        "preferred-citation": _REF,
        "references": st.lists(_REF, min_size=1, max_size=3),
        "type": st.sampled_from(["software", "dataset"]),
    },
)


@settings(
    max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(doc=_DOC)
def test_reader_reads_generated_documents_and_writes_them_back(doc: dict[str, Any]) -> None:
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    records = biblioconv.loads(text, "cff")
    assert len(records) == 1 + len(doc.get("references", []))
    first = records[0]
    main = doc.get("preferred-citation", doc)
    assert first.title == main["title"]
    assert len(first.authors) == len(main["authors"])
    again = biblioconv.loads(biblioconv.dumps(records, "cff"), "cff")
    assert _dump(again) == _dump(records)


@settings(
    max_examples=80, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    data=st.recursive(
        st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=10)),
        lambda inner: st.one_of(
            st.lists(inner, max_size=4),
            st.dictionaries(
                st.sampled_from(
                    [
                        "authors",
                        "title",
                        "references",
                        "preferred-citation",
                        "doi",
                        "date-released",
                        "name",
                        "family-names",
                        "type",
                        "license",
                        "identifiers",
                        "year",
                        "start",
                        "conference",
                        "publisher",
                        "keywords",
                        "languages",
                        "status",
                    ]
                ),
                inner,
                max_size=6,
            ),
        ),
        max_leaves=20,
    )
)
def test_reader_on_arbitrary_shapes_never_crashes(data: Any) -> None:
    doc = {"cff-version": "1.2.0", "message": "m", "title": "t", "authors": [{"name": "A"}]}
    if isinstance(data, dict):
        doc.update(data)
    text = yaml.safe_dump(doc, allow_unicode=True)
    try:
        records = biblioconv.loads(text, "cff", strict=False)
    except BiblioconvError as exc:
        assert "\n" not in str(exc)
        return
    biblioconv.dumps(records, "cff")


# -- output of every golden record of every format validates ------------------------------------


def _golden_records() -> list[tuple[str, Record]]:
    out = []
    for path in sorted((ROOT / "tests" / "formats").glob("*/cases/*.record.json")):
        items = json.loads(path.read_text("utf-8"))
        for i, item in enumerate(items if isinstance(items, list) else [items]):
            out.append((f"{path.parent.parent.name}/{path.stem}#{i}", Record.model_validate(item)))
    return out


def test_every_golden_record_of_every_format_is_written_valid() -> None:
    bad = {}
    for name, record in _golden_records():
        errors = _errors(biblioconv.dumps(record, "cff"))
        if errors:
            bad[name] = errors[:2]
    assert not bad, bad


# -- through every other format and back ----------------------------------------------------


def _name(c: Contributor) -> tuple[str | None, ...]:
    """A name's parts as CFF holds them (an unsplit name beside split ones is reported lost)."""
    return (c.family, c.given) if c.family or c.given else (c.literal,)


OLD_FORMATS = [
    "bibtex",
    "biblatex",
    "ris",
    "csl-json",
    "csl-yaml",
    "datacite",
    "datacite-json",
    "dc",
    "dcterms",
]


@pytest.mark.parametrize("fmt", OLD_FORMATS)
def test_cff_through_every_old_format_and_back(fmt: str) -> None:
    """CITATION.cff -> FORMAT -> CITATION.cff: valid, the preferred citation's title and
    authors kept, and whatever FORMAT could not hold was reported on the way there."""
    for case in (
        "poc.cff",
        "edge-identifiers.cff",
        "reference-thesis.cff",
        "edge-many-authors.cff",
    ):
        records = biblioconv.loads((CASES / case).read_bytes(), "cff")
        there = ConversionReport(max_diagnostics=None)
        options = {"fill_unknown": True} if fmt.startswith("datacite") else {}
        text = biblioconv.dumps(records, fmt, report=there, **options)
        lost = there.by_code("FIELD_DROPPED") + there.by_code("FIELD_PRESERVED")
        assert lost, (case, fmt)  # the CFF extras, at least
        middle = biblioconv.loads(text, fmt, strict=False) if text.strip() else []
        if len(middle) < len(records):  # DataCite refuses a record without a year: said so
            assert len(there.by_code("RECORD_SKIPPED")) == len(records) - len(middle)
        if not middle:
            continue
        back = biblioconv.dumps(middle, "cff")
        _assert_valid(back)
        again = biblioconv.loads(back, "cff")
        assert plain_text(again[0].title or "") == plain_text(middle[0].title or ""), (case, fmt)
        assert [_name(c) for c in again[0].authors] == [_name(c) for c in middle[0].authors], (
            case,
            fmt,
        )
