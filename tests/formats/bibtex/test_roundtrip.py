"""Round trips (bibtex -> model -> bibtex, cross-format), the real corpus, errors and fuzzing."""

from __future__ import annotations

import io
import json
import unicodedata

import pytest
from bibtex_support import CORPUS, EXAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import biblioconv
from biblioconv.errors import BiblioconvError, ParseError
from biblioconv.formats.bibtex.unicode_latex import FOLDS
from biblioconv.model import Record
from biblioconv.report import ConversionReport


def _norm(records: list[Record]) -> list[dict[str, object]]:
    return [r.model_dump(exclude_defaults=True) for r in records]


def _folded(records: list[Record]) -> list[dict[str, object]]:
    """The records as ASCII output gives them back: U+2010 as '-' (and the other characters
    LaTeX sets as others), keys folded to ASCII."""
    table = str.maketrans(FOLDS)
    out = []
    for r in records:
        data = json.loads(r.model_dump_json(exclude_defaults=True).translate(table))
        key = data.get("citation_key")
        if key and not key.isascii():
            data["citation_key"] = unicodedata.normalize("NFKD", key).encode("ascii", "ignore")
            data["citation_key"] = data["citation_key"].decode()
        out.append(data)
    return out


@pytest.fixture(scope="module")
def corpus_records() -> list[Record]:
    return list(biblioconv.read(CORPUS, "bibtex"))


def test_corpus_reads_completely(corpus_records: list[Record]) -> None:
    assert len(corpus_records) == 6119
    # every record built without validation shortcuts is valid
    for r in corpus_records[:500]:
        assert Record.model_validate(r.model_dump()) == r


def test_corpus_same_format_round_trip(corpus_records: list[Record]) -> None:
    text = biblioconv.dumps(corpus_records, "bibtex")
    back = biblioconv.loads(text, "bibtex")
    a, b = _folded(corpus_records), _folded(back)
    assert len(a) == len(b)
    diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    # known: three children whose inherited organization is written as a publisher; only the
    # bookkeeping of inherited fields differs, every value is the same; and two whose unknown
    # fields (kept as LaTeX source) hold non-ASCII text, written as ASCII LaTeX
    assert len(diff) <= 5, [x.get("citation_key") for x, _ in diff]
    for x, y in diff:
        assert {k: v for k, v in x.items() if k != "extras"} == {
            k: v for k, v in y.items() if k != "extras"
        }


def test_written_output_parses_with_bibtexparser(corpus_records: list[Record]) -> None:
    import bibtexparser

    text = biblioconv.dumps(corpus_records[:300], "biblatex")
    lib = bibtexparser.parse_string(text)
    assert len(lib.entries) == 300 and not lib.failed_blocks


def test_malformed_entry_reported_and_skipped() -> None:
    report = ConversionReport()
    data = b"@misc{a, title={A}}\n@misc{b, title={B\n@misc{c, title={C}}\n"
    recs = biblioconv.loads(data, "bibtex", report=report, strict=False)
    assert [r.citation_key for r in recs] == ["a", "c"]
    skipped = report.by_code("RECORD_SKIPPED")
    assert len(skipped) == 1 and skipped[0].line == 2 and skipped[0].record == "b"
    assert report.records_skipped == 1


def test_strict_mode_raises_with_location() -> None:
    data = b"@misc{a, title={A}}\n@misc{b, title={B\n@misc{c, title={C}}\n"
    with pytest.raises(ParseError) as err:
        list(biblioconv.read(data, "bibtex", strict=True))
    assert err.value.line == 2 and err.value.record == "b"
    assert "\n" not in str(err.value)


def test_latin1_detected_with_diagnostic() -> None:
    report = ConversionReport()
    data = "@book{x, title={Ökonomie}, author={Müller, Jörg}}\n".encode("latin-1")
    (rec,) = biblioconv.loads(data, "bibtex", report=report)
    assert rec.title == "Ökonomie" and rec.authors[0].family == "Müller"
    assert len(report.by_code("ENCODING")) == 1


def test_duplicates_reported() -> None:
    report = ConversionReport()
    data = b"@misc{k, title={A}, title={B}}\n@misc{k, title={C}}\n"
    recs = biblioconv.loads(data, "bibtex", report=report)
    assert [r.title for r in recs] == ["A", "C"]
    assert {d.field for d in report.by_code("DUPLICATE")} == {"title", None}
    out_report = ConversionReport()
    out = biblioconv.dumps(recs, "bibtex", report=out_report)
    assert "@misc{k," in out and "@misc{ka," in out
    assert out_report.by_code("DUPLICATE")


def test_streaming_reads_lazily() -> None:
    """Records come out before the input is exhausted (chunked reading)."""
    entry = b"@misc{k%d, title={T}}\n"
    data = b"".join(entry % i for i in range(20000))
    stream = io.BytesIO(data)
    it = biblioconv.read(stream, "bibtex")
    next(it)
    assert stream.tell() < len(data)


def test_crossref_parent_after_child_in_a_pipe() -> None:
    class Pipe(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self._b = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def seekable(self) -> bool:
            return False

        def readinto(self, b: bytearray) -> int:  # type: ignore[override]
            chunk = self._b.read(len(b))
            b[: len(chunk)] = chunk
            return len(chunk)

    data = (
        b"@inproceedings{c, title={P}, crossref={p}}\n"
        b"@proceedings{p, title={Proc}, year={2020}, publisher={X}}\n"
    )
    recs = list(biblioconv.read(Pipe(data), "bibtex"))  # type: ignore[arg-type]
    assert recs[0].container is not None and recs[0].container.title == "Proc"
    assert recs[0].issued is not None and recs[0].issued.year == 2020


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_arbitrary_bytes_raise_only_biblioconv_errors(data: bytes) -> None:
    try:
        biblioconv.loads(b"@misc{k, " + data, "bibtex")
        biblioconv.loads(data, "bibtex")
    except BiblioconvError:
        pass


_T = (
    st.text(alphabet="abcdefghij KLMNO-é&%$#_ü", min_size=1, max_size=20)
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)


@st.composite
def records(draw: st.DrawFn) -> Record:
    data: dict[str, object] = {
        "citation_key": draw(st.from_regex(r"[a-z]{1,8}[0-9]{0,4}", fullmatch=True)),
        "type": draw(st.sampled_from(["article-journal", "book", "chapter", "report", "thesis"])),
        "titles": [{"text": draw(_T)}],
        "contributors": [
            {
                "given": draw(st.from_regex(r"[A-Z][a-z]{1,6}", fullmatch=True)),
                "family": draw(st.from_regex(r"[A-Z][a-zü]{1,8}", fullmatch=True)),
            }
            for _ in range(draw(st.integers(1, 3)))
        ],
        "dates": [
            {
                "start": {
                    "year": draw(st.integers(1500, 2100)),
                    "month": draw(st.one_of(st.none(), st.integers(1, 12))),
                }
            }
        ],
    }
    if draw(st.booleans()):
        data["container"] = {
            "titles": [{"text": draw(_T)}],
            "volume": "3",
            "pages": {"first": "1", "last": "9"},
        }
    if draw(st.booleans()):
        data["identifiers"] = [
            {
                "scheme": "doi",
                "value": "10.1000/x" + draw(st.from_regex(r"[0-9]{1,5}", fullmatch=True)),
            }
        ]
    if draw(st.booleans()):
        data["descriptions"] = [{"text": draw(_T), "type": "abstract"}]
    return Record.model_validate(data)


@settings(max_examples=100, deadline=None)
@given(records(), st.sampled_from(["bibtex", "biblatex"]))
def test_write_read_gives_the_record_back(record: Record, fmt: str) -> None:
    text = biblioconv.dumps(record, fmt, protect_case=False)  # exact markup (tested apart)
    (back,) = biblioconv.loads(text, fmt)
    expected = record.model_dump(exclude_defaults=True, exclude={"native_types", "genre"})
    got = back.model_dump(exclude_defaults=True, exclude={"native_types", "genre"})
    # the reader adds what the entry type says (container type, thesis genre)
    if "container" in got:
        got["container"].pop("type", None)
        expected.get("container", {}).pop("type", None)
    assert got == expected


def test_example_record_as_bibtex() -> None:
    record = Record.model_validate_json((EXAMPLES / "social-innovators.record.json").read_text())
    report = ConversionReport()
    out = biblioconv.dumps(record, "bibtex", report=report)
    # persons known only by ORCID: the iD as the name, braced, reported (info)
    assert "author = {{https://orcid.org/0000-0003-3870-2609} and {https://orcid.org/" in out
    orcid_names = [d for d in report.by_code("VALUE_COERCED") if "ORCID" in d.message]
    assert len(orcid_names) == 5 and all(d.severity == "info" for d in orcid_names)
    dropped = {d.field for d in report.by_code("FIELD_DROPPED")}
    assert not any(f.startswith("contributors") and "]." not in f for f in dropped)
    assert not any(f.startswith("contributors[") and ".identifiers" in f for f in dropped)
    assert any(f.startswith("contributors[") and ".affiliations[" in f for f in dropped)
    accepted = next(i for i, d in enumerate(record.dates) if d.type == "accepted")
    assert f"dates[{accepted}]" in dropped
    openalex = next(i for i, x in enumerate(record.identifiers) if x.scheme == "openalex")
    assert f"identifiers[{openalex}]" in dropped
    assert (EXAMPLES / "social-innovators.bib").read_text(encoding="utf-8") == biblioconv.dumps(
        record, "biblatex"
    )
    (back,) = biblioconv.loads(out, "bibtex")
    assert back.title == record.title
    assert back.container is not None and back.container.volume == "8"


def test_what_an_entry_cannot_hold_is_reported_and_keywords_keep_their_commas() -> None:
    from biblioconv.model import Record
    from biblioconv.report import ConversionReport

    record = Record.model_validate(
        {
            "type": "article-journal",
            "titles": [{"text": "Titre", "lang": "fr"}],
            "identifiers": [
                {"scheme": "doi", "value": "10.1000/a"},
                {"scheme": "doi", "value": "10.1000/b"},
            ],
            "subjects": [{"term": "a"}, {"term": "b, c"}, {"term": "d; e"}],
        }
    )
    for fmt in ("bibtex", "biblatex"):
        report = ConversionReport()
        text = biblioconv.dumps(record, fmt, report=report)
        assert text.count("doi = ") == 1  # one field of a name per entry
        assert "keywords = {a, {b, c}, {d; e}}" in text
        assert {(d.code.value, d.field, d.message) for d in report.diagnostics} == {
            (
                "MISSING_REQUIRED",
                "citation_key",
                "an entry needs a key; a generated key 'titre' written",
            ),
            ("FIELD_DROPPED", "identifiers[1]", f"no {fmt} field left for identifiers[1]"),
            (
                "FIELD_DROPPED",
                "titles[0].lang",
                f"no {fmt} field for titles[0].lang (no language per title (langid is the "
                "entry's))",
            ),
        }
        back = biblioconv.loads(text.encode("utf-8"), fmt)[0]
        assert [s.term for s in back.subjects] == ["a", "b, c", "d; e"]
