"""CSL-JSON: golden cases, identity round trips, schema validity, properties and errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from testsupport import EXAMPLES, csl_data_schema

import biblioconv
from biblioconv.errors import BiblioconvError
from biblioconv.formats.csl_json.mapping import csl_to_record, record_to_csl
from biblioconv.model import Record
from biblioconv.report import ConversionReport

CASES = Path(__file__).parent / "cases"
CASE_FILES = sorted(p for p in CASES.glob("*.json") if not p.name.endswith(".record.json"))
VALIDATOR = jsonschema.Draft7Validator(csl_data_schema())


def _validate(items: list[dict[str, Any]]) -> None:
    errors = [f"{e.json_path}: {e.message}" for e in VALIDATOR.iter_errors(items)]
    assert not errors, errors


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: p.stem)
def test_identity_on_canonical_input(case: Path) -> None:
    items = json.loads(case.read_text("utf-8"))
    _validate(items)
    records = biblioconv.loads(case.read_text("utf-8"), "csl-json")
    out = json.loads(biblioconv.dumps(records, "csl-json"))
    _validate(out)
    assert out == items


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: p.stem)
def test_golden_records(case: Path) -> None:
    golden = case.with_suffix(".record.json")
    records = biblioconv.loads(case.read_text("utf-8"), "csl-json")
    got = [r.model_dump(mode="json", exclude_defaults=True) for r in records]
    assert got == json.loads(golden.read_text("utf-8"))


def test_golden_details() -> None:
    [rec] = biblioconv.loads((CASES / "journal-article.json").read_bytes(), "csl-json")
    assert rec.type == "article-journal"
    assert rec.title == 'The <i>Drosophila</i> genome and <span class="nocase">DNA</span> repair'
    names = rec.authors
    assert names[1].dropping_particle == "van" and names[1].family == "Beethoven"
    assert names[2].non_dropping_particle == "de"
    assert names[3].suffix == "Jr." and names[3].comma_suffix
    assert names[4].kind == "organization" and names[4].literal == "World Health Organization"
    assert rec.container is not None and rec.container.pages is not None
    assert (rec.container.pages.first, rec.container.pages.last) == ("190", "198")
    assert [i.value for i in rec.container.identifiers] == ["0028-0836"]
    assert rec.doi == "10.1000/xyz123"
    assert [s.term for s in rec.subjects] == ["genomics", "DNA repair", "flies"]
    assert rec.date("accessed") is not None


@pytest.mark.parametrize(
    "csl_type",
    [
        t["name"]
        for t in json.loads(
            (
                Path(__file__).resolve().parents[3] / ".." / "shared" / "fields" / "csl-1.0.2.json"
            ).read_text()
        )["types"]
    ],
)
def test_every_item_type_round_trips(csl_type: str) -> None:
    item = {"id": "x", "type": csl_type, "title": "T"}
    [rec] = biblioconv.loads(json.dumps([item]), "csl-json")
    assert json.loads(biblioconv.dumps(rec, "csl-json")) == [item]


def test_example_record_round_trips_losslessly() -> None:
    original = next(biblioconv.read(EXAMPLES / "social-innovators.record.json"))
    report = ConversionReport()
    text = biblioconv.dumps(original, "csl-json", report=report)
    _validate(json.loads(text))
    [back] = biblioconv.loads(text, "csl-json")
    assert back == original
    # what plain CSL cannot hold is named, each value (info: kept in custom.biblioconv)
    fields = {d.field for d in report.diagnostics if d.code.value == "FIELD_PRESERVED"}
    assert fields == {
        "contributors[0].affiliations[0]",
        "dates[1]",
        "dates[2]",
        "identifiers[0]",
        "identifiers[1]",
        "identifiers[2]",
        "publication_status",
        "peer_reviewed",
    }
    # and only those are kept, each where it was
    custom = json.loads(text)[0]["custom"]["biblioconv"]
    assert set(custom) == fields | {"container.identifiers"}  # print and electronic ISSN joined
    assert all(d.severity == "info" for d in report.diagnostics)
    assert not report.lossy


def test_without_preserve_losses_are_warnings() -> None:
    original = next(biblioconv.read(EXAMPLES / "social-innovators.record.json"))
    report = ConversionReport()
    item = json.loads(biblioconv.dumps(original, "csl-json", report=report, preserve=False))[0]
    assert "custom" not in item
    # persons known only by ORCID stay visible: the iD as the name
    assert item["author"][0] == {"literal": "https://orcid.org/0000-0003-3870-2609"}
    assert report.lossy
    dropped = {d.field for d in report.diagnostics if d.code.value == "FIELD_DROPPED"}
    assert {"contributors[0].affiliations[0]", "dates[1]", "peer_reviewed"} <= dropped
    assert all(d.severity == "warning" for d in report.diagnostics if d.field in dropped)


def test_unknown_keys_are_kept_and_output_stays_valid() -> None:
    report = ConversionReport()
    [rec] = biblioconv.loads(
        '[{"id": "a", "type": "book", "title": "T", "zotero-extra": "x"}]',
        "csl-json",
        report=report,
    )
    assert rec.extras["csl-json"]["zotero-extra"] == "x"
    assert [d.code.value for d in report.diagnostics] == ["UNKNOWN_FIELD"]
    out = json.loads(biblioconv.dumps(rec, "csl-json"))
    _validate(out)
    assert out[0]["custom"]["zotero-extra"] == "x"


@pytest.mark.parametrize(
    ("value", "edtf"),
    [
        ({"raw": "June 2022"}, "2022-06"),
        ({"raw": "2020/2021"}, "2020/2021"),
        ("2022-06-03", "2022-06-03"),
        ({"date-parts": [["2022", "6", "3"]]}, "2022-06-03"),
        ({"date-parts": [[2022, 13]]}, "2022-21"),
    ],
)
def test_date_forms(value: Any, edtf: str) -> None:
    [rec] = biblioconv.loads(json.dumps({"id": "d", "type": "book", "issued": value}), "csl")
    assert rec.issued is not None and rec.issued.edtf() == edtf


def test_single_object_and_json_lines() -> None:
    one = biblioconv.loads('{"id": "a", "type": "book", "title": "A"}', "csl-json")
    lines = biblioconv.loads(
        '{"id": "a", "type": "book"}\n{"id": "b", "type": "song"}\n', "csl-json"
    )
    assert [r.id for r in one] == ["a"]
    assert [r.type for r in lines] == ["book", "song"]
    text = biblioconv.dumps(lines, "csl-json", lines=True)
    assert text.count("\n") == 2 and biblioconv.loads(text, "csl-json") == lines


def test_yaml_round_trip() -> None:
    records = biblioconv.loads((CASES / "book-chapter.json").read_bytes(), "csl-json")
    text = biblioconv.dumps(records, "csl-yaml")
    assert biblioconv.loads(text, "csl-yaml") == records
    pandoc = "---\nreferences:\n- id: x\n  type: book\n  title: T\n  issued: 2020-01-02\n...\n"
    [rec] = biblioconv.loads(pandoc, "csl-yaml")
    assert rec.issued is not None and rec.issued.edtf() == "2020-01-02"


def test_bad_items_are_skipped_and_reported() -> None:
    report = ConversionReport()
    records = biblioconv.loads(
        '[{"id": "ok", "type": "book"}, 42, {"id": "ok2", "type": "book"}]',
        "csl-json",
        report=report,
        strict=False,
    )
    assert [r.id for r in records] == ["ok", "ok2"]
    assert report.records_skipped == 1
    assert report.by_code("RECORD_SKIPPED")[0].line == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[{"id": 1,', "invalid JSON"),
        ('[{"id": 1}', "unterminated JSON array"),
        ('[{"id": 1}] trailing', "unexpected data"),
        ("\n\n[1 2]", "expected ','"),
        (b"[\xff\xfe]", "not UTF-8"),
    ],
)
def test_malformed_json_gives_one_line_error(text: str | bytes, message: str) -> None:
    with pytest.raises(BiblioconvError) as info:
        biblioconv.loads(text, "csl-json", strict=False)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_streaming_reads_lazily() -> None:
    big = "[" + ",".join(json.dumps({"id": f"i{n}", "type": "book"}) for n in range(5000)) + "]"
    stream = biblioconv.read(big.encode(), "csl-json")
    first = next(stream)
    assert first.id == "i0"
    assert stream.report.records_read == 1
    assert sum(1 for _ in stream) == 4999


# -- properties ----------------------------------------------------------------------------------

_text = (
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="<>&"),
        min_size=1,
        max_size=20,
    )
    .map(str.strip)
    .filter(bool)
)
_name = st.one_of(
    st.fixed_dictionaries({"family": _text}, optional={"given": _text, "suffix": _text}),
    st.fixed_dictionaries({"literal": _text}),
)
_date = st.builds(
    lambda y, m, d: {
        "date-parts": [[y, m, d][: 1 + (m is not None) + (m is not None and d is not None)]]
    },
    st.integers(1000, 2100),
    st.one_of(st.none(), st.integers(1, 12)),
    st.one_of(st.none(), st.integers(1, 28)),
)
_TYPES = [
    "article-journal",
    "book",
    "chapter",
    "report",
    "thesis",
    "webpage",
    "dataset",
    "software",
]
_item = st.fixed_dictionaries(
    {"id": _text, "type": st.sampled_from(_TYPES)},
    optional={
        "title": _text,
        "author": st.lists(_name, min_size=1, max_size=4),
        "editor": st.lists(_name, min_size=1, max_size=2),
        "issued": _date,
        "container-title": _text,
        "volume": st.from_regex(r"[1-9][0-9]{0,2}", fullmatch=True),
        "publisher": _text,
        "publisher-place": _text,
        "abstract": _text,
        "note": _text,
        "edition": st.from_regex(r"[1-9]", fullmatch=True),
        "language": st.sampled_from(["en", "de", "fr-CA"]),
    },
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_item, min_size=1, max_size=3))
def test_property_read_write_identity(items: list[dict[str, Any]]) -> None:
    records = biblioconv.loads(json.dumps(items), "csl-json")
    out = json.loads(biblioconv.dumps(records, "csl-json"))
    _validate(out)
    assert out == items
    assert biblioconv.loads(json.dumps(out), "csl-json") == records


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_property_arbitrary_bytes_give_records_or_documented_errors(data: bytes) -> None:
    try:
        biblioconv.loads(data, "csl-json")
    except BiblioconvError as exc:
        assert "\n" not in str(exc)


def test_record_to_csl_is_pure() -> None:
    rec = csl_to_record({"id": "x", "type": "book", "title": "T"})
    first = record_to_csl(rec)
    assert record_to_csl(rec) == first
    assert rec == Record.model_validate(rec.model_dump())


_LEGACY = {"event", "shortTitle", "journalAbbreviation"}  # read, but written under their new names


def _kitchen_sink() -> dict[str, Any]:
    fields = json.loads(
        (
            Path(__file__).resolve().parents[3] / ".." / "shared" / "fields" / "csl-1.0.2.json"
        ).read_text()
    )
    values: dict[str, Any] = {
        "id": "sink",
        "type": "article-journal",
        "DOI": "10.1000/sink",
        "URL": "https://example.org/sink",
        "ISBN": "9780306406157",
        "ISSN": "0028-0836",
        "PMID": "123",
        "PMCID": "PMC123",
        "page": "10-20",
        "page-first": "10",
        "language": "en",
        "categories": ["a", "b"],
        "custom": {"note": "x"},
        "keyword": "alpha, beta",
        "status": "in-press",
    }
    item: dict[str, Any] = {}
    for f in fields["fields"]:
        name = f["name"]
        if not f["in_schema"] or name in _LEGACY or name == "page-first":
            continue
        if name in values:
            item[name] = values[name]
        elif f["kind"] == "name":
            item[name] = [{"family": f"F-{name}", "given": "G"}]
        elif f["kind"] == "date":
            item[name] = {"date-parts": [[2001, 2, 3]]}
        elif f["kind"] == "number":
            item[name] = "7"
        else:
            item[name] = f"text of {name}"
    return item


def test_every_schema_variable_round_trips() -> None:
    item = _kitchen_sink()
    _validate([item])
    [rec] = biblioconv.loads(json.dumps([item]), "csl-json")
    assert json.loads(biblioconv.dumps(rec, "csl-json")) == [item]
    # and typed homes, not extras, for the variables the model has fields for
    assert set(rec.extras.get("csl-json", {})) <= {
        "categories", "authority", "division", "jurisdiction", "scale", "part-title",
        "volume-title", "volume-title-short", "printing", "supplement", "reviewed-title",
        "reviewed-genre", "citation-label", "citation-number", "first-reference-note-number",
        "locator", "year-suffix", "custom",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("legacy", "modern"),
    [
        ("event", "event-title"),
        ("shortTitle", "title-short"),
        ("journalAbbreviation", "container-title-short"),
    ],
)
def test_legacy_variables_are_read_and_written_under_new_names(legacy: str, modern: str) -> None:
    [rec] = biblioconv.loads(json.dumps({"id": "x", "type": "article-journal", legacy: "L"}), "csl")
    assert json.loads(biblioconv.dumps(rec, "csl-json"))[0][modern] == "L"


def test_a_name_written_approximately_is_reported_by_the_parts_it_has() -> None:
    # a person known only by a literal reads back as an organisation: approximate, and said so
    # by what the name holds, not by every name part CSL could write
    record = Record.model_validate(
        {
            "type": "book",
            "titles": [{"text": "T"}],
            "contributors": [
                {"family": "Smith", "given": "Jane"},
                {"role": "editor", "literal": "Andres, Bucchianeri, Buote"},
            ],
        }
    )
    report = ConversionReport()
    biblioconv.dumps(record, "csl-json", report=report)
    fields = sorted(d.field or "" for d in report.diagnostics if d.code.value == "VALUE_COERCED")
    assert fields == ["contributors[1].kind", "contributors[1].literal", "contributors[1].role"]
