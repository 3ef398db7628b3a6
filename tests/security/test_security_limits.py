"""Configurable limits: exceeding one gives a clear error (or a skipped record with a
diagnostic), never a crash, in every format; the defaults accept ordinary input."""

from __future__ import annotations

import io
import json

import pytest

import biblioconv
from biblioconv.errors import LimitExceeded
from biblioconv.jsonstream import iter_json
from biblioconv.model import (
    Contributor,
    DateValue,
    Identifier,
    PartialDate,
    Publisher,
    Record,
    Title,
)
from biblioconv.registry import Limits
from biblioconv.report import ConversionReport

FORMATS = [
    s.name for s in biblioconv.formats() if s.can_read and s.can_write and s.name != "citation"
]


def _limited(data: bytes, fmt: str, limits: Limits) -> str:
    """'error' if the read raised LimitExceeded, 'skipped' if a record was skipped with a
    diagnostic, else 'read'."""
    report = ConversionReport()
    try:
        list(biblioconv.read(data, fmt, report=report, limits=limits))
    except LimitExceeded as exc:
        assert "\n" not in str(exc)
        return "error"
    if report.records_skipped and any(d.code.value == "RECORD_SKIPPED" for d in report.diagnostics):
        return "skipped"
    return "read"


def _doc(fmt: str, record: Record) -> bytes:
    """The record written in a format, completed with what every format requires."""
    full = record.model_copy(
        update={
            "contributors": record.contributors or [Contributor(family="Doe", given="Jane")],
            "identifiers": [
                Identifier(scheme="doi", value="10.1234/limits"),
                Identifier(scheme="url", value="https://example.org/limits"),
            ],
            "publisher": Publisher(name="Example Press"),
            "dates": [DateValue(type="issued", start=PartialDate(year=2020))],
        }
    )
    report = ConversionReport()
    data = biblioconv.dumps([full], fmt, report=report).encode("utf-8")
    assert report.records_written == 1, f"{fmt} did not write the test record"
    return data


@pytest.mark.parametrize("fmt", FORMATS)
def test_field_length_limit(fmt: str) -> None:
    record = Record(id="long", type="book", titles=[Title(text="x" * 5000)])
    data = _doc(fmt, record)
    assert _limited(data, fmt, Limits()) == "read"
    assert _limited(data, fmt, Limits(max_field_chars=1000)) in ("error", "skipped")


@pytest.mark.parametrize("fmt", FORMATS)
def test_names_limit(fmt: str) -> None:
    names = [Contributor(family=f"Family{i}", given="Given") for i in range(30)]
    record = Record(id="many", type="book", titles=[Title(text="Many")], contributors=names)
    data = _doc(fmt, record)
    assert _limited(data, fmt, Limits()) == "read"
    assert _limited(data, fmt, Limits(max_names=10)) in ("error", "skipped")


@pytest.mark.parametrize("fmt", FORMATS)
def test_record_size_limit(fmt: str) -> None:
    names = [Contributor(family=f"Family{i}", given="Given") for i in range(50)]
    record = Record(id="big", type="book", titles=[Title(text="y" * 3000)], contributors=names)
    data = _doc(fmt, record)
    assert _limited(data, fmt, Limits(max_record_bytes=2000)) in ("error", "skipped")


@pytest.mark.parametrize(
    "fmt", [f for f in FORMATS if f in ("csl-json", "record-json", "datacite-json")]
)
def test_json_nesting_limit_is_configurable(fmt: str) -> None:
    record = Record(id="n", type="book", titles=[Title(text="Nested")])
    deep: object = "leaf"
    for _ in range(8):
        deep = [deep]
    record.extras[fmt] = {"deep": deep}  # type: ignore[dict-item]
    data = _doc(fmt, record)
    assert _limited(data, fmt, Limits()) == "read"
    assert _limited(data, fmt, Limits(max_nesting=5)) == "error"


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f in ("datacite", "dc", "dcterms")])
def test_xml_depth_limit_is_configurable(fmt: str) -> None:
    data = _doc(fmt, Record(id="d", type="book", titles=[Title(text="Depth")]))
    assert _limited(data, fmt, Limits(max_xml_depth=1)) == "error"


# -- the shared JSON reader ------------------------------------------------------------------------


def _values(data: bytes, **kw: object) -> list[object]:
    return [v for _, v, _ in iter_json(io.BytesIO(data), source="d.json", **kw)]  # type: ignore[arg-type]


def test_jsonstream_limits() -> None:
    ok = json.dumps([{"a": [[["x"]]]}]).encode()
    assert _values(ok, limits=Limits(max_nesting=4)) == [{"a": [[["x"]]]}]
    with pytest.raises(LimitExceeded, match="nested deeper than 3 levels"):
        _values(ok, limits=Limits(max_nesting=3))
    with pytest.raises(LimitExceeded, match="JSON string of 11 characters"):
        _values(json.dumps([{"k": "x" * 11}]).encode(), limits=Limits(max_field_chars=10))
    with pytest.raises(LimitExceeded, match="JSON string of 11 characters"):
        _values(json.dumps([{"k" * 11: 1}]).encode(), limits=Limits(max_field_chars=10))
    with pytest.raises(LimitExceeded, match="exceeds 100 bytes"):
        _values(json.dumps([{"k": "x" * 200}]).encode(), max_value_bytes=100)
    with pytest.raises(LimitExceeded, match="nested too deeply"):
        _values(b"[" * 200_000 + b"]" * 200_000)
    with pytest.raises(LimitExceeded, match="nested deeper than 100"):
        _values(b'{"a": ' + b"[" * 150 + b"]" * 150 + b"}")


def test_jsonstream_reads_long_values_across_chunks() -> None:
    """A value far larger than the read chunk is read whole, items before and after intact."""
    items = [{"i": 0}, {"big": ["v" * 100] * 5000}, {"i": 2}]
    data = json.dumps(items).encode()
    assert _values(data) == items
    lines = b"\n".join(json.dumps(i).encode() for i in items)
    assert _values(lines) == items


def test_jsonstream_reports_duplicate_keys_when_asked() -> None:
    data = b'[{"a": 1},\n{"t": "first", "n": {"x": 1, "x": 2}, "t": "second"}]'
    seen: list[tuple[str, int]] = []
    values = [
        v
        for _, v, _ in iter_json(
            io.BytesIO(data), source="d", on_duplicate=lambda k, ln: seen.append((k, ln))
        )
    ]
    assert values == [{"a": 1}, {"t": "first", "n": {"x": 1}}]
    assert seen == [("x", 2), ("t", 2)]
    assert _values(data)[1] == {"t": "second", "n": {"x": 2}}


def test_limit_problem_boundaries() -> None:
    """The per-record check is exact at its limits (its JSON fast path never hides a problem)."""
    from biblioconv.api import limit_problem

    rec = Record(titles=[Title(text="x" * 500)], extras={"bibtex": {"note": "y" * 300}})
    assert limit_problem(rec, Limits(max_field_chars=500)) is None
    assert limit_problem(rec, Limits(max_field_chars=499)) == (
        "a field of 500 characters exceeds the limit of 499"
    )
    # 800 characters of text plus the type names "document" and "main"
    assert limit_problem(rec, Limits(max_record_bytes=812)) is None
    assert limit_problem(rec, Limits(max_record_bytes=811)) == (
        "the record's 812 characters exceed the limit of 811"
    )
    many = Record(contributors=[Contributor(family=f"N{i}") for i in range(11)])
    assert limit_problem(many, Limits(max_names=10)) == "11 names exceed the limit of 10"
    assert limit_problem(many, Limits()) is None
