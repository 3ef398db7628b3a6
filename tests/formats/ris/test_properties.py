"""Property tests: the reader on arbitrary input fails only with biblioconv errors and always ends;
records the writer produces read back to the same values."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import biblioconv
from biblioconv.errors import BiblioconvError
from biblioconv.model import PageRange, Record
from biblioconv.report import ConversionReport

_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _read_all(data: bytes) -> list[Record]:
    report = ConversionReport()
    try:
        return list(biblioconv.read(data, "ris", report=report))
    except BiblioconvError:
        return []


@_SETTINGS
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data: bytes) -> None:
    _read_all(data)


_TAGS = [
    "TY",
    "ER",
    "AU",
    "A2",
    "TI",
    "T2",
    "PY",
    "DA",
    "Y1",
    "SP",
    "EP",
    "SN",
    "DO",
    "UR",
    "KW",
    "M1",
    "M3",
    "C2",
    "ZZ",
    "ty",
    "au",
]
_line = st.one_of(
    st.tuples(
        st.sampled_from(_TAGS),
        st.sampled_from(["  - ", " - ", "- ", "  -", "-"]),
        st.text(max_size=40),
    ).map(lambda t: f"{t[0]}{t[1]}{t[2]}"),
    st.text(max_size=40),
    st.just(""),
    st.sampled_from(["TY  - JOUR", "TY  - BOOK", "TY  - CHAP", "ER  - ", "1.", "\ufeffTY  - GEN"]),
)


@_SETTINGS
@given(st.lists(_line, max_size=60), st.sampled_from(["\n", "\r\n", "\r"]))
def test_ris_like_text(lines: list[str], eol: str) -> None:
    data = eol.join(lines).encode("utf-8", "surrogatepass")
    records = _read_all(data)
    assert len(records) <= sum(
        1 for line in lines if line.upper().lstrip("\ufeff").startswith("TY")
    )


_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéöß", min_size=2, max_size=10).map(
    str.capitalize
)
_phrase = st.lists(_word, min_size=1, max_size=6).map(" ".join)
_person = st.tuples(_word, _word).map(lambda t: {"family": t[0], "given": t[1]})
_date = st.one_of(
    st.tuples(st.integers(1000, 2100)).map(lambda t: {"year": t[0]}),
    st.tuples(st.integers(1000, 2100), st.integers(1, 12)).map(
        lambda t: {"year": t[0], "month": t[1]}
    ),
    st.tuples(st.integers(1000, 2100), st.integers(1, 12), st.integers(1, 28)).map(
        lambda t: {"year": t[0], "month": t[1], "day": t[2]}
    ),
)
_TYPES = [
    "article-journal",
    "book",
    "chapter",
    "report",
    "thesis",
    "dataset",
    "software",
    "webpage",
]


@st.composite
def _records(draw: st.DrawFn) -> dict[str, Any]:
    rtype = draw(st.sampled_from(_TYPES))
    data: dict[str, Any] = {"type": rtype, "titles": [{"text": draw(_phrase)}]}
    data["contributors"] = draw(st.lists(_person, max_size=4))
    data["dates"] = [{"start": draw(_date)}]
    if rtype in ("article-journal", "chapter"):
        first = draw(st.integers(1, 500))
        data["container"] = {
            "titles": [{"text": draw(_phrase)}],
            "volume": str(draw(st.integers(1, 99))),
            "pages": {"first": str(first), "last": str(first + draw(st.integers(0, 50)))},
        }
    data["descriptions"] = [{"text": "\n".join(draw(st.lists(_phrase, min_size=1, max_size=3)))}]
    data["subjects"] = [{"term": t} for t in draw(st.lists(_phrase, max_size=4, unique=True))]
    if draw(st.booleans()):
        data["identifiers"] = [
            {"scheme": "doi", "value": f"10.{draw(st.integers(1000, 99999))}/{draw(_word).lower()}"}
        ]
    return data


def _pages(pages: PageRange | None) -> str | None:
    """The pages as text; a range whose ends are the same page is that one page (read so)."""
    if pages is None:
        return None
    if pages.first is not None and pages.first == pages.last:
        return pages.first
    return pages.text()


def _view(r: Record) -> dict[str, Any]:
    c = r.container
    return {
        "type": r.type,
        "titles": [(t.type, t.text) for t in r.titles],
        "names": [(x.role, x.family, x.given) for x in r.contributors],
        "dates": [d.edtf() for d in r.dates],
        "container": None if c is None else (c.title, c.volume, _pages(c.pages)),
        "descriptions": [d.text for d in r.descriptions],
        "subjects": [s.term for s in r.subjects],
        "doi": r.doi,
    }


@_SETTINGS
@given(_records(), st.sampled_from(["2011", "2001"]), st.sampled_from(["crlf", "lf"]))
def test_write_then_read_gives_the_record_back(data: dict[str, Any], spec: str, eol: str) -> None:
    record = Record.model_validate(data)
    report = ConversionReport()
    text = biblioconv.dumps(record, "ris", spec=spec, line_endings=eol, report=report)
    assert not report.lossy
    (back,) = biblioconv.loads(text, "ris")
    assert _view(back) == _view(record)
    # and a second trip changes nothing at all
    assert biblioconv.loads(biblioconv.dumps(back, "ris", spec=spec), "ris") == [back]
