"""CodeMeta (codemeta.json 2.0 and 3.0): goldens from the real examples and hand-written edge
cases, round trips, only context terms in what we write (both versions), persons, identifiers,
dates, licences, relations, detection, validation, losses and malformed input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from testsupport import ROOT, SCHEMAS, SHARED

import biblioconv
from biblioconv import readback, validation
from biblioconv.errors import BiblioconvError
from biblioconv.formats.codemeta.terms import TERMS
from biblioconv.formats.codemeta.validate import undefined_terms
from biblioconv.model import Contributor, Funding, Identifier, Record, Title, plain_text
from biblioconv.report import ConversionReport

CASES = Path(__file__).parent / "cases"
CASE_FILES = sorted(p for p in CASES.glob("*.json") if not p.name.endswith(".record.json"))
EXAMPLES = SHARED / "examples" / "codemeta"
VERSIONS = ("3.0", "2.0")


def _dump(records: list[Record]) -> list[dict[str, Any]]:
    return [r.model_dump(mode="json", exclude_defaults=True) for r in records]


def _context_terms(version: str) -> frozenset[str]:
    data = json.loads((SCHEMAS / "codemeta" / version / "codemeta.jsonld").read_text("utf-8"))
    return frozenset(data["@context"])


def _assert_terms(text: str, version: str) -> None:
    doc = json.loads(text)
    bad = undefined_terms(doc, version)
    assert not bad, bad
    for obj in doc if isinstance(doc, list) else [doc]:
        assert (
            obj["@context"]
            == {
                "3.0": "https://w3id.org/codemeta/3.0",
                "2.0": "https://doi.org/10.5063/schema/codemeta-2.0",
            }[version]
        )


def test_our_term_lists_are_the_contexts() -> None:
    for version in VERSIONS:
        assert _context_terms(version) == TERMS[version]


def test_every_real_example_is_a_case() -> None:
    for p in EXAMPLES.glob("*.json"):
        copy = CASES / p.name.replace("INVALID-", "invalid-")
        assert copy.read_bytes() == p.read_bytes(), f"{copy.name} differs from the example"


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: p.stem)
def test_golden_records(case: Path) -> None:
    records = biblioconv.loads(case.read_bytes(), "codemeta", strict=False)
    golden = json.loads(case.with_suffix(".record.json").read_text("utf-8"))
    assert _dump(records) == golden


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("version", VERSIONS)
def test_codemeta_to_codemeta_keeps_the_record_and_uses_context_terms(
    case: Path, version: str
) -> None:
    records = biblioconv.loads(case.read_bytes(), "codemeta", strict=False)
    report = ConversionReport(max_diagnostics=None)
    text = biblioconv.dumps(records, "codemeta", version=version, report=report)
    _assert_terms(text, version)
    back = biblioconv.loads(text, "codemeta", strict=False)
    if case.name.startswith("invalid-"):  # its unknown keys are reported, not written
        assert {d.field for d in report.by_code("FIELD_DROPPED")} == {
            "extras.codemeta.descriptionn",
            "extras.codemeta.not_in_schema",
        }
        return
    if version == "2.0":  # 3.0-only terms kept as given are not written to 2.0, and said so
        for d in report.diagnostics:
            assert d.code.value == "FIELD_DROPPED" and "2.0 context" in d.message, d
        for before, after in zip(records, back, strict=True):
            for path in readback.differences(before, after):
                assert readback.is_named(path, report.diagnostics, before), path
        return
    assert _dump(back) == _dump(records)
    assert not report.diagnostics, report.diagnostics


def test_every_golden_record_of_every_format_uses_only_context_terms() -> None:
    bad = {}
    for path in sorted((ROOT / "tests" / "formats").glob("*/cases/*.record.json")):
        items = json.loads(path.read_text("utf-8"))
        for item in items if isinstance(items, list) else [items]:
            record = Record.model_validate(item)
            for version in VERSIONS:
                found = undefined_terms(
                    json.loads(biblioconv.dumps(record, "codemeta", version=version)), version
                )
                if found:
                    bad[f"{path.name} {version}"] = found[:3]
    assert not bad, bad


# -- what the reader makes of the examples ----------------------------------------------------


def test_persons_organisations_orcids_and_rors() -> None:
    [rec] = biblioconv.loads((CASES / "edge-many-authors.json").read_bytes(), "codemeta")
    assert len(rec.authors) == 42
    first = rec.authors[0]
    assert (first.given, first.family, first.orcid) == ("Zoë", "Müller", "0000-0002-1825-0097")
    assert first.affiliations[0].name == "Universität Zürich"
    assert first.affiliations[0].identifiers[0].scheme == "ror"
    assert rec.authors[6].orcid == "0000-0002-1694-233X"
    cern = rec.authors[40]
    assert cern.kind == "organization" and cern.identifiers[0].value == "01ggx4157"
    [maintainer] = rec.contributors_with("contact-person")
    assert maintainer.family == "Müller"
    assert rec.extras["codemeta"]["details"] == {
        "author[0]": {"email": "person0@example.org"},
        "author[7]": {"email": "person7@example.org"},
        "author[14]": {"email": "person14@example.org"},
        "author[21]": {"email": "person21@example.org"},
        "author[28]": {"email": "person28@example.org"},
        "author[35]": {"email": "person35@example.org"},
        "maintainer[0]": {"email": "zoe@example.org"},
    }
    funders = [(f.funder_name, f.funder_identifier.scheme) for f in rec.funding[:2]]
    assert funders == [
        ("National Science Foundation", "crossref-funder"),
        ("Schweizerischer Nationalfonds", "ror"),
    ]
    grant = rec.funding[2]
    assert (grant.funder_name, grant.award_number, grant.award_title) == (
        "National Science Foundation",
        "1549758",
        "A Rosetta Stone for software metadata",
    )
    assert rec.extras["codemeta"]["funding"] == [
        "Internal seed money of the Ærø Software Cooperative"
    ]
    assert [r.identifier for r in rec.rights] == ["MIT", "Apache-2.0"]
    out = json.loads(biblioconv.dumps(rec, "codemeta"))
    assert out["author"][0]["@id"] == "https://orcid.org/0000-0002-1825-0097"
    assert out["author"][0]["email"] == "person0@example.org"
    assert out["funder"][0]["@id"] == "https://doi.org/10.13039/100000001"
    assert out["license"] == [
        "https://spdx.org/licenses/MIT",
        "https://spdx.org/licenses/Apache-2.0",
    ]


def test_dates_identifiers_and_relations() -> None:
    [rec] = biblioconv.loads((CASES / "edge-dates-identifiers.json").read_bytes(), "codemeta")
    assert {d.type: d.edtf() for d in rec.dates} == {
        "issued": "2024-02-29",
        "created": "2016",
        "updated": "2024-02",
        "available": "2024-06-01T12:00:00Z",
        "copyrighted": "2023",
    }
    assert [(i.scheme, i.value, i.label) for i in rec.identifiers] == [
        ("url", "https://identifier-kit.example.org", None),
        ("doi", "10.5281/zenodo.1234566", None),
        ("swhid", "swh:1:rel:99f6850374dc6597af01bd0ee1d3fc0699301b9f", None),
        ("other", "SCR_022966", "RRID"),
        ("other", "identifier-kit", None),
    ]
    kinds = [(r.type, r.identifier.value if r.identifier else r.citation) for r in rec.relations]
    assert kinds == [
        ("IsDescribedBy", "10.21105/joss.03021"),
        ("References", "10.1000/cited.1"),
        ("References", "Doe J. (2001) A book without an identifier."),
        ("IsPartOf", "https://example.org/suite"),
    ]
    assert rec.rights[0].uri == "https://example.org/licence"
    assert rec.rights[0].statement == "Example licence 1.0"
    assert rec.extras["codemeta"]["@id"] == "https://doi.org/10.5281/zenodo.1234567"


def test_codemeta_2_terms_and_joined_strings() -> None:
    [rec] = biblioconv.loads((CASES / "edge-codemeta-2.0.json").read_bytes(), "codemeta")
    assert [a.family for a in rec.authors] == ["Lovelace"]  # 2.0 creator
    assert [s.term for s in rec.subjects] == ["alpha", "beta", "gamma"]
    assert [i.value for i in rec.identifiers] == ["10.5281/zenodo.1", "RRID:SCR_1"]
    assert rec.extras["codemeta"]["continuousIntegration"] == "https://ci.example.org/old-style"
    v2 = json.loads(biblioconv.dumps(rec, "codemeta", version="2.0"))
    v3 = json.loads(biblioconv.dumps(rec, "codemeta"))
    assert v2["contIntegration"] == v3["continuousIntegration"]
    assert v2["embargoDate"] == v3["embargoEndDate"] == "2019-01-01"
    assert v2["programmingLanguage"]["@type"] == "schema:ComputerLanguage"


def test_prefixed_and_aliased_keys_are_read() -> None:
    [artist] = biblioconv.loads((CASES / "artist-v3.json").read_bytes(), "codemeta")
    assert "releaseNotes" in artist.extras["codemeta"]  # "schema:releaseNotes"
    assert artist.authors[0].orcid == "0000-0002-4705-6285"  # "id"


# -- writing other records ------------------------------------------------------------------


def test_an_article_is_written_as_software_and_says_so() -> None:
    rec = Record(
        type="article-journal",
        titles=[Title(text="Paper")],
        contributors=[Contributor(family="Doe", given="Jane")],
        identifiers=[
            Identifier(scheme="doi", value="10.1234/x"),
            Identifier(scheme="isbn", value="9780306406157"),
        ],
        funding=[Funding(funder_name="NSF", award_number="123")],
        container=biblioconv.model.Container(titles=[Title(text="Journal")]),
    )
    report = ConversionReport()
    out = json.loads(biblioconv.dumps(rec, "codemeta", report=report))
    assert out["@type"] == "SoftwareSourceCode"
    assert out["identifier"] == "https://doi.org/10.1234/x"
    assert out["funding"] == [
        {
            "@type": "schema:Grant",
            "identifier": "123",
            "funder": {"@type": "Organization", "name": "NSF"},
        }
    ]
    assert report.by_code("TYPE_APPROXIMATED")
    dropped = {d.field for d in report.by_code("FIELD_DROPPED")}
    assert {"identifiers[1]", "container"} <= dropped


def test_version_option_is_validated() -> None:
    with pytest.raises(BiblioconvError, match="version"):
        biblioconv.dumps(Record(titles=[Title(text="T")]), "codemeta", version="1.0")


def test_several_records_are_an_array() -> None:
    recs = [Record(type="software", titles=[Title(text=f"T{i}")]) for i in range(3)]
    text = biblioconv.dumps(recs, "codemeta")
    assert isinstance(json.loads(text), list)
    assert [r.title for r in biblioconv.loads(text, "codemeta")] == ["T0", "T1", "T2"]


# -- detection and validation ---------------------------------------------------------------


def test_detection_by_name_and_content(tmp_path: Path) -> None:
    data = (CASES / "gosset-v2.json").read_bytes()
    named = tmp_path / "codemeta.json"
    named.write_bytes(data)
    assert biblioconv.detect(named).format == "codemeta"
    other = tmp_path / "metadata.json"
    other.write_bytes(data)
    assert biblioconv.detect(other).format == "codemeta"


@pytest.mark.parametrize(
    "case", [p for p in CASE_FILES if not p.name.startswith("invalid-")], ids=lambda p: p.stem
)
def test_validate_cases(case: Path) -> None:
    result = validation.check(case.read_bytes(), "codemeta", schema_dir=SCHEMAS)
    assert result.errors == []
    assert result.schema == "CodeMeta context checked"


def test_validate_flags_terms_outside_the_context() -> None:
    result = validation.check(
        (CASES / "invalid-example-codemeta-invalid.json").read_bytes(), "codemeta"
    )
    text = " ".join(str(p) for p in result.warnings)
    assert "descriptionn" in text and "not_in_schema" in text


# -- malformed input --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty input"),
        (b"[1, 2]", "not CodeMeta"),
        (b'{"@context": "https://w3id.org/codemeta/3.0", "name": ', ""),
        (b"\xff\xfe{junk", ""),
    ],
)
def test_malformed_input_gives_one_line_errors(data: bytes, message: str) -> None:
    with pytest.raises(BiblioconvError) as exc:
        biblioconv.loads(data, "codemeta")
    assert message in str(exc.value)
    assert "\n" not in str(exc.value)


def test_wrong_shapes_are_reported_and_kept() -> None:
    data = json.dumps(
        {
            "@context": "https://example.org/other-context",
            "name": "Shapes",
            "author": [7, {"@type": "Person"}, "Jane Doe"],
            "datePublished": "last spring",
            "identifier": [{"propertyID": "x"}],
        }
    ).encode()
    report = ConversionReport()
    [rec] = biblioconv.loads(data, "codemeta", report=report, strict=False)
    codes = {d.code.value for d in report.diagnostics}
    assert {"INVALID_VALUE"} <= codes
    assert rec.authors[0].literal == "Jane Doe"
    assert rec.dates[0].literal == "last spring"
    assert rec.extras["codemeta"]["author-unread"] == [7]


# -- property: the reader on generated documents -------------------------------------------

_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20
).filter(lambda s: s.strip() == s and ";" not in s and "," not in s)
_PERSON = st.fixed_dictionaries(
    {"@type": st.just("Person"), "familyName": _TEXT},
    optional={"givenName": _TEXT, "email": _TEXT},
)
_ORG = st.fixed_dictionaries({"@type": st.just("Organization"), "name": _TEXT})
_DOC = st.fixed_dictionaries(
    {
        "@context": st.sampled_from(
            ["https://w3id.org/codemeta/3.0", "https://doi.org/10.5063/schema/codemeta-2.0"]
        ),
        "@type": st.just("SoftwareSourceCode"),
        "name": _TEXT,
    },
    optional={
        "author": st.lists(st.one_of(_PERSON, _ORG), min_size=1, max_size=5),
        "description": _TEXT,
        "keywords": st.lists(_TEXT, min_size=1, max_size=4),
        "softwareVersion": _TEXT,
        "dateCreated": st.dates().map(lambda d: d.isoformat()),
        "codeRepository": st.just("https://github.com/a/b"),
        "programmingLanguage": _TEXT,
    },
)


@settings(
    max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(doc=_DOC)
def test_reader_reads_generated_documents_and_writes_them_back(doc: dict[str, Any]) -> None:
    [rec] = biblioconv.loads(json.dumps(doc), "codemeta")
    assert rec.title == doc["name"]
    assert len(rec.authors) == len(doc.get("author", []))
    for version in VERSIONS:
        text = biblioconv.dumps(rec, "codemeta", version=version)
        _assert_terms(text, version)
        assert _dump(biblioconv.loads(text, "codemeta")) == _dump([rec])


@pytest.mark.parametrize(
    "fmt",
    [
        "bibtex",
        "biblatex",
        "ris",
        "csl-json",
        "csl-yaml",
        "datacite",
        "datacite-json",
        "dc",
        "dcterms",
        "cff",
    ],
)
def test_codemeta_through_other_formats_and_back(fmt: str) -> None:
    """codemeta.json -> FORMAT -> codemeta.json: only context terms, name and authors kept."""
    for case in ("codemeta-project-v3.json", "edge-many-authors.json", "pipcore-v2.json"):
        [rec] = biblioconv.loads((CASES / case).read_bytes(), "codemeta")
        options = {"fill_unknown": True} if fmt.startswith("datacite") else {}
        report = ConversionReport()
        text = biblioconv.dumps(rec, fmt, report=report, **options)
        if report.records_skipped:  # DataCite: no publication year, said so
            assert report.by_code("MISSING_REQUIRED")
            continue
        middle = biblioconv.loads(text, fmt, strict=False)
        out = biblioconv.dumps(middle, "codemeta")
        _assert_terms(out, "3.0")
        [again] = biblioconv.loads(out, "codemeta")
        assert again.title == plain_text(middle[0].title or ""), (case, fmt)  # no markup
        assert [c.display_name for c in again.authors] == [c.display_name for c in rec.authors]
