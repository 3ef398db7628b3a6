"""Checks every registered format gets for free: empty input, junk, the example record,
unicode, streaming, and one-line errors."""

from __future__ import annotations

import contextlib
import io
import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from testsupport import EXAMPLES

import biblioconv
from biblioconv import registry
from biblioconv.dates import parse_date
from biblioconv.errors import BiblioconvError
from biblioconv.model import Contributor, Identifier, Publisher, Record, Title
from biblioconv.report import ConversionReport

READERS = [s.name for s in registry.all_formats() if s.can_read]
WRITERS = [s.name for s in registry.all_formats() if s.can_write]
BOTH = [n for n in READERS if n in WRITERS]
EXAMPLE = next(biblioconv.read(EXAMPLES / "social-innovators.record.json"))

# Complete records: every format's mandatory properties are present (DataCite needs a DOI,
# a publisher and a year; Crossref a DOI with its landing page), so every writer must write them.
UNICODE = Record(
    id="unicode1",
    type="book",
    titles=[Title(text="Über Ærø: ĳ, ß, 中文, Ελληνικά — “quotes” & ampersands")],
    contributors=[
        Contributor(family="Ðorđević", given="Željko"),
        Contributor(family="Øster", given="Åse"),
    ],
    identifiers=[
        Identifier(scheme="doi", value="10.1234/unicode.1"),
        Identifier(scheme="url", value="https://example.org/unicode/1"),
    ],
    publisher=Publisher(name="Ærø Forlag"),
    dates=[parse_date("2021")],
)


@pytest.mark.parametrize("name", READERS)
def test_empty_input_gives_no_records_or_a_clear_error(name: str) -> None:
    try:
        assert biblioconv.loads(b"", name) == []
    except BiblioconvError as exc:
        assert "\n" not in str(exc)


@pytest.mark.parametrize("name", READERS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=200))
def test_arbitrary_bytes_give_records_or_documented_errors(name: str, data: bytes) -> None:
    try:
        biblioconv.loads(data, name)
    except BiblioconvError as exc:
        assert "\n" not in str(exc)


@pytest.mark.parametrize("name", WRITERS)
def test_example_record_is_written_or_refused_with_reason(name: str) -> None:
    report = ConversionReport()
    text = biblioconv.dumps(EXAMPLE, name, report=report)
    assert report.records_written + report.records_skipped == 1
    if report.records_written:
        assert text.strip()
    else:  # refused: the report says which mandatory properties are missing
        assert report.by_code("RECORD_SKIPPED") and report.by_code("MISSING_REQUIRED")
    # strict mode turns exactly the lossy conversions into errors
    with pytest.raises(BiblioconvError) if report.lossy else contextlib.nullcontext():
        biblioconv.dumps(EXAMPLE, name, strict=True)


@pytest.mark.parametrize("name", WRITERS)
def test_writing_nothing_is_fine(name: str) -> None:
    buf = io.BytesIO()
    biblioconv.write([], name, buf)


@pytest.mark.parametrize("name", BOTH)
def test_unicode_survives_a_round_trip(name: str) -> None:
    text = biblioconv.dumps(UNICODE, name)
    [back] = biblioconv.loads(text, name)
    assert back.title == UNICODE.title
    assert [c.family for c in back.authors] == ["Ðorđević", "Øster"]


@pytest.mark.parametrize("name", BOTH)
def test_reading_is_lazy(name: str) -> None:
    recs = [
        UNICODE.model_copy(
            update={
                "id": f"r{i}",
                "titles": [Title(text=f"Title {i}")],
                "identifiers": [
                    Identifier(scheme="doi", value=f"10.1234/r.{i}"),
                    Identifier(scheme="url", value=f"https://example.org/r/{i}"),
                ],
            }
        )
        for i in range(50)
    ]
    data = biblioconv.dumps(recs, name).encode("utf-8")
    stream = biblioconv.read(data, name)
    first = list(itertools.islice(stream, 2))
    assert [r.title for r in first] == ["Title 0", "Title 1"]
    assert stream.report.records_read == 2
    assert len(list(stream)) == 48
