"""The record model: validation rules, normalisation, and the committed JSON Schema."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from pydantic import ValidationError
from testsupport import ROOT

from biblioconv import docgen
from biblioconv.dates import parse_date
from biblioconv.model import (
    Contributor,
    DateValue,
    Identifier,
    PageRange,
    PartialDate,
    Record,
    Relation,
    Rights,
)


def test_person_known_only_by_identifier_is_valid() -> None:
    c = Contributor(
        identifiers=[Identifier(scheme="ORCID", value="https://orcid.org/0000-0002-1825-0097")]
    )
    assert c.orcid == "0000-0002-1825-0097"
    assert c.display_name == "orcid:0000-0002-1825-0097"


def test_contributor_needs_a_name_or_identifier() -> None:
    with pytest.raises(ValidationError, match="needs a name or an identifier"):
        Contributor()


@pytest.mark.parametrize(
    ("scheme", "value", "expected", "valid"),
    [
        (
            "DOI",
            "https://doi.org/10.1136/BMJINNOV-2021-000862",
            "10.1136/bmjinnov-2021-000862",
            True,
        ),
        ("isbn", "0-306-40615-2", "9780306406157", True),
        ("isbn", "0-306-40615-3", "0-306-40615-3", False),
        ("ISSN", "2055-642x", "2055-642X", True),
        ("orcid", "0000000218250097", "0000-0002-1825-0097", True),
        ("orcid", "0000-0002-1825-0098", "0000-0002-1825-0098", False),
    ],
)
def test_identifiers_are_normalised_and_checked(
    scheme: str, value: str, expected: str, valid: bool
) -> None:
    ident = Identifier(scheme=scheme, value=value)
    assert (ident.value, ident.valid) == (expected, valid)


def test_invalid_identifier_is_kept_not_dropped() -> None:
    rec = Record(identifiers=[Identifier(scheme="issn", value="1234-5678")])
    assert rec.identifiers[0].value == "1234-5678" and rec.identifiers[0].valid is False


def test_dates_need_content_and_consistent_parts() -> None:
    with pytest.raises(ValidationError):
        DateValue()
    with pytest.raises(ValidationError):
        PartialDate(year=2020, day=3)
    with pytest.raises(ValidationError):
        PartialDate(year=2020, month=13)


@pytest.mark.parametrize(
    ("text", "edtf", "precision"),
    [
        ("2022-06-03", "2022-06-03", "day"),
        ("2022-06", "2022-06", "month"),
        ("June 2022", "2022-06", "month"),
        ("2022~", "2022~", "year"),
        ("2020/2021", "2020/2021", "year"),
        ("2019/..", "2019/..", "year"),
        ("Spring 1998", "1998-21", "year"),
    ],
)
def test_date_precision_and_edtf(text: str, edtf: str, precision: str) -> None:
    d = parse_date(text)
    assert d.edtf() == edtf
    assert d.start is not None and d.start.precision == precision


def test_unparseable_date_is_kept_as_literal() -> None:
    d = parse_date("55 BC", "issued", information="Roman")
    assert d.literal == "55 BC" and d.information == "Roman" and d.edtf() is None


@pytest.mark.parametrize(
    ("text", "first", "last", "literal"),
    [
        ("190-198", "190", "198", None),
        ("190--198", "190", "198", None),
        ("e1234", "e1234", None, None),
        ("12-15, 20", None, None, "12-15, 20"),
    ],
)
def test_page_ranges(text: str, first: str | None, last: str | None, literal: str | None) -> None:
    p = PageRange.parse(text)
    assert (p.first, p.last, p.literal) == (first, last, literal)


def test_relations_and_rights_need_a_target() -> None:
    with pytest.raises(ValidationError):
        Relation(type="Cites")
    with pytest.raises(ValidationError):
        Rights()


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValidationError):
        Record.model_validate({"title": "not a field"})


def test_record_json_schema_is_current() -> None:
    committed = (ROOT / "schemas" / "record.schema.json").read_text("utf-8")
    assert committed == docgen.record_schema(), "run: python -m biblioconv.docgen"


def test_generated_docs_are_current() -> None:
    stale = [
        str(path.relative_to(ROOT))
        for path, content in docgen.outputs(ROOT).items()
        if not path.exists() or path.read_text("utf-8") != content
    ]
    assert not stale, f"stale generated files {stale}; run: python -m biblioconv.docgen"


def test_example_record_validates() -> None:
    rec = Record.model_validate_json(
        (ROOT / "examples" / "social-innovators.record.json").read_text()
    )
    assert rec.doi is None  # the real record has no DOI: none may be invented
    assert len(rec.authors) == 5 and all(a.orcid and not a.family for a in rec.authors)
    assert rec.peer_reviewed is True and rec.publication_status == "published"


@given(st.text(alphabet="0123456789eSp -–—‐,.x\t", max_size=12))
@example("190--198")
@example(" e1234 ")
@example("12-15, 20")
@example("")
def test_page_range_data_is_what_parse_gives(text: str) -> None:
    from biblioconv.model import PageRange

    data = PageRange.parse_data(text)
    assert data == PageRange.parse(text).model_dump(exclude_none=True)
    assert PageRange.model_validate(data) == PageRange.parse(text)
