"""RIS: crosswalk coverage, real exports, writer options, the showcase example, errors, limits,
streaming and detection."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from rissupport import CORPUS, EXAMPLES  # type: ignore[import-not-found]

import biblioconv
from biblioconv.crosswalk import LOSS_ROWS, loss_cell
from biblioconv.errors import LimitExceeded, ParseError
from biblioconv.formats.ris.crosswalk import CROSSWALK, RULE_TABLE, slot_for, tag_for
from biblioconv.formats.ris.names import parse_name
from biblioconv.model import Record
from biblioconv.readback import check
from biblioconv.registry import Limits
from biblioconv.report import ConversionReport
from biblioconv.rules import RuleContext, select

SHARED_FIELDS = CORPUS.parent.parent / "fields" / "ris.json"
CORPUS_FILES = sorted(CORPUS.glob("*.ris"))
#: records per real export (ER lines counted by hand with grep)
CORPUS_COUNTS = {
    "_baseline.ris": 100,
    "baseline_zotero.ris": 100,
    "embase.ris": 6,
    "ovid_psycinfo.ris": 6,
    "ovid_zotero.ris": 6,
    "proquest.ris": 6,
    "pubmed_zotero.ris": 6,
    "scopus.ris": 6,
}


# -- the table --------------------------------------------------------------------------------------


def test_crosswalk_is_valid() -> None:
    assert CROSSWALK.check() == []


def test_every_tag_and_type_of_the_field_list_is_mapped() -> None:
    spec = json.loads(SHARED_FIELDS.read_text("utf-8"))
    tags = {f["name"] for f in spec["fields"]}
    assert tags <= {fm.field for fm in CROSSWALK.fields}
    assert tags <= RULE_TABLE.sources
    for t in spec["types"]:
        assert CROSSWALK.type_to_hub(t["name"]) is not None, t["name"]


def test_every_loss_row_has_a_verdict() -> None:
    assert [row for row in LOSS_ROWS if loss_cell(CROSSWALK, row) == "unknown"] == []


@pytest.mark.parametrize(
    ("tag", "ty", "slot"),
    [
        ("T2", "JOUR", "container_title"),
        ("T2", "CHAP", "container_title"),
        ("T2", "BOOK", "series_title"),
        ("T2", "CPAPER", "event_title"),
        ("A2", "CHAP", "editor"),
        ("A2", "BOOK", "collection_editor"),
        ("A3", "BOOK", "editor"),
        ("ET", "COMP", "version"),
        ("ET", "BOOK", "edition"),
        ("M1", "JOUR", "m1_issue"),
        ("M1", "BOOK", "series_number"),
        ("C7", "JOUR", "article_number"),
        ("C3", "CPAPER", "container_title"),
        ("SP", "BOOK", "number_of_pages"),
        ("AU", "EDBOOK", "editor"),
        ("ZZ", "JOUR", None),
    ],
)
def test_type_dependent_meanings(tag: str, ty: str, slot: str | None) -> None:
    assert slot_for(tag, ty) == slot


def test_writer_prefers_2011_tags() -> None:
    assert tag_for("title", "JOUR") == "TI"
    assert tag_for("author", "JOUR") == "AU"
    assert tag_for("abstract", "JOUR") == "AB"
    assert tag_for("container_title", "CHAP") == "T2"
    assert tag_for("version", "COMP") == "ET"
    assert tag_for("archive_location", "JOUR") == "AV"  # only the 2001 spec has one


# -- real exports ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_real_exports_read_and_round_trip(path: Path) -> None:
    report = ConversionReport()
    records = list(biblioconv.read(path, report=report))
    assert len(records) == CORPUS_COUNTS[path.name]
    assert report.records_skipped == 0
    assert all(r.title for r in records)
    text = biblioconv.dumps(records, "ris")
    assert biblioconv.loads(text, "ris") == records


def test_real_export_details() -> None:
    scopus = biblioconv.loads((CORPUS / "scopus.ris").read_bytes(), "ris")
    first = scopus[0]
    assert first.container is not None and first.container.number == "104501"  # C7
    notes = first.extras["ris"]["N1"]  # Scopus's bookkeeping: kept verbatim, not as notes
    assert isinstance(notes, list)
    refs = next(n for n in notes if n.startswith("References:"))
    assert refs.count("\n") > 10  # continuation lines kept as lines
    ovid = biblioconv.loads((CORPUS / "ovid_psycinfo.ris").read_bytes(), "ris")
    assert [r.id for r in ovid][:2] == ["2019-65183-001", "2019-29490-001"]
    assert ovid[0].extras["ris"]["NL"] == "Clin Psychol Psychother"  # tag after ER
    assert ovid[0].doi == "10.1002/cpp.2398"
    embase = biblioconv.loads((CORPUS / "embase.ris").read_bytes(), "ris")
    assert embase[0].authors[0].family == "Liu" and embase[0].authors[0].given == "R."
    assert embase[0].language == "en"


# -- writer ---------------------------------------------------------------------------------------

_SIMPLE = "TY  - JOUR\nTI  - T\nAU  - Doe, Jane\nAB  - Abstract\nT2  - J\nPY  - 2020\nDA  - 2020/05/01/\nER  - \n"


def test_writer_line_ends_and_bom() -> None:
    records = biblioconv.loads(_SIMPLE, "ris")
    buf = io.BytesIO()
    biblioconv.write(records, "ris", buf)
    raw = buf.getvalue()
    assert raw.startswith(b"TY  - JOUR\r\n") and raw.endswith(b"ER  - \r\n\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    buf = io.BytesIO()
    biblioconv.write(records, "ris", buf, line_endings="lf", bom=True)
    raw = buf.getvalue()
    assert raw.startswith(b"\xef\xbb\xbfTY  - JOUR\n") and b"\r" not in raw
    assert biblioconv.loads(raw, "ris") == records


def test_writer_old_spec_tags() -> None:
    records = biblioconv.loads(_SIMPLE, "ris")
    text = biblioconv.dumps(records, "ris", spec="2001", line_endings="lf")
    tags = [line[:2] for line in text.splitlines() if line]
    assert tags == ["TY", "T1", "A1", "JF", "N2", "Y1", "ER"]
    assert "Y1  - 2020/05/01/" in text
    assert biblioconv.loads(text, "ris") == records


def test_writer_old_spec_chapter_uses_bt() -> None:
    records = biblioconv.loads("TY  - CHAP\nTI  - C\nT2  - The book\nER  - \n", "ris")
    assert "BT  - The book" in biblioconv.dumps(records, "ris", spec="2001")


def test_title_markup_is_plain_text_unless_the_record_came_from_ris() -> None:
    bib = (
        "@article{k, title = {The {DNA} of \\emph{E. coli}}, journal = {{ACM} Notes},"
        " author = {Doe, Jane}, year = 2020}"
    )
    [record] = biblioconv.loads(bib, "bibtex")
    assert record.title == 'The <span class="nocase">DNA</span> of <i>E. coli</i>'
    report = ConversionReport()
    text = biblioconv.dumps([record], "ris", report=report, line_endings="lf")
    assert "TI  - The DNA of E. coli\n" in text and "T2  - ACM Notes\n" in text
    assert "<" not in text
    said = {(d.code.value, d.field, d.severity) for d in report.diagnostics}
    assert ("VALUE_COERCED", "titles[0]", "info") in said
    assert ("VALUE_COERCED", "container.titles[0]", "info") in said
    # as Zotero writes it, on request
    kept = biblioconv.dumps([record], "ris", markup="keep", line_endings="lf")
    assert "<i>E. coli</i>" in kept and '<span class="nocase">ACM</span>' in kept
    # a record read from RIS had its tags in its RIS text: written back as read (same-format
    # round trip), unless plain text is asked for
    zotero = "TY  - JOUR\nTI  - Growth of <i>E. coli</i> at <sup>37</sup>C\nER  - \n"
    records = biblioconv.loads(zotero, "ris")
    report = ConversionReport()
    again = biblioconv.dumps(records, "ris", report=report, line_endings="lf")
    assert "TI  - Growth of <i>E. coli</i> at <sup>37</sup>C\n" in again
    assert not report.diagnostics
    assert biblioconv.loads(again, "ris") == records
    plain = biblioconv.dumps(records, "ris", markup="plain", line_endings="lf")
    assert "TI  - Growth of E. coli at 37C\n" in plain


def test_writer_options_are_validated() -> None:
    with pytest.raises(ValueError):
        biblioconv.dumps([], "ris", line_endings="cr")


def test_continuation_line_that_looks_like_a_tag_is_protected() -> None:
    r = Record(
        type="article-journal",
        titles=[{"text": "T"}],
        descriptions=[{"text": "one\nAU  - not a name\nER  - "}],
    )
    text = biblioconv.dumps(r, "ris")
    back = biblioconv.loads(text, "ris")
    assert back[0].authors == []
    assert back[0].abstract == "one\nAU  - not a name\nER  -"


def test_showcase_example() -> None:
    record = Record.model_validate_json(
        (EXAMPLES / "social-innovators.record.json").read_text("utf-8")
    )
    report = ConversionReport()
    buf = io.BytesIO()
    biblioconv.write(record, "ris", buf, report=report)
    assert buf.getvalue() == (EXAMPLES / "social-innovators.ris").read_bytes()
    text = buf.getvalue().decode("utf-8")
    # persons known only by ORCID: the iD as the name, reported (info)
    assert "\nAU  - https://orcid.org/0000-0003-3870-2609\r\n" in text
    orcid_names = [d for d in report.by_code("VALUE_COERCED") if "ORCID" in d.message]
    assert len(orcid_names) == 5 and all(d.severity == "info" for d in orcid_names)
    dropped = [(d.field, d.message) for d in report.by_code("FIELD_DROPPED")]
    assert "contributors" not in {f for f, _ in dropped}
    assert "contributors.identifiers" not in {f for f, _ in dropped}
    lost = {  # named per value: dates[2], identifiers[1]...
        path
        for home in (
            "dates(type=accepted)",
            "dates(type=deposited)",
            "identifiers(scheme=local)",
            "identifiers(scheme=openalex)",
        )
        for path, _, _ in select(record, home)
    }
    assert len(lost) >= 4 and all("[" in p for p in lost)
    assert {f for f, _ in dropped} >= lost | {"publication_status", "peer_reviewed"}
    back = biblioconv.loads(text, "ris")[0]
    assert back.title == record.title
    assert [c.orcid for c in back.contributors] == [c.orcid for c in record.contributors]
    assert not any(c.family or c.literal for c in back.contributors)
    assert back.container is not None and back.container.pages is not None
    assert back.container.pages.text() == "190-198"
    assert back.issued is not None and back.issued.edtf() == "2022-06-03"


# -- errors, limits, strict mode ------------------------------------------------------------------

_BROKEN = "TY  - JOUR\nTI  - ok 1\nER  - \n\nAU  - X, Y\nTI  - no TY\nER  - \n\nTY  - JOUR\nTI  - ok 2\nER  - \n"


def test_broken_record_is_skipped_with_its_line() -> None:
    report = ConversionReport()
    records = biblioconv.loads(_BROKEN, "ris", report=report, strict=False)
    assert [r.title for r in records] == ["ok 1", "ok 2"]
    assert report.records_skipped == 1
    (skip,) = report.by_code("RECORD_SKIPPED")
    assert skip.line == 5 and "does not start with TY" in skip.message


def test_strict_mode_raises_a_one_line_error() -> None:
    with pytest.raises(ParseError) as err:
        list(biblioconv.read(_BROKEN.encode(), "ris", strict=True))
    assert str(err.value) == "<bytes>:5: record #2: record does not start with TY (first tag AU)"


def test_field_limit_skips_only_that_record() -> None:
    data = f"TY  - JOUR\nTI  - {'x' * 500}\nER  - \nTY  - JOUR\nTI  - short\nER  - \n"
    report = ConversionReport()
    recs = list(
        biblioconv.read(data.encode(), "ris", report=report, limits=Limits(max_field_chars=100))
    )
    assert [r.title for r in recs] == ["short"]
    assert report.by_code("RECORD_SKIPPED")[0].line in (1, 2)


def test_over_long_line_is_not_read_into_memory() -> None:
    data = b"TY  - JOUR\nAB  - " + b"y" * 300_000 + b"\nER  - \nTY  - BOOK\nTI  - fine\nER  - \n"
    report = ConversionReport()
    recs = list(biblioconv.read(data, "ris", report=report, limits=Limits(max_field_chars=1000)))
    assert [r.title for r in recs] == ["fine"]
    assert "longer than" in report.by_code("RECORD_SKIPPED")[0].message


def test_continuation_lines_join_whatever_comes_between_or_after() -> None:
    data = (
        "TY  - JOUR\nAB  - one\n  two\n\nthree\nN1  - \nfirst\nsecond\n"
        "TI  - a long\ntitle\nER  - \nUR  - http://a.example\nhttp://b.example\n"
        "\nTY  - BOOK\nAB  - last\nline"
    )
    report = ConversionReport()
    first, second = biblioconv.loads(data, "ris", report=report)
    assert first.abstract == "one\ntwo\nthree"
    assert [d.text for d in first.descriptions if d.type == "note"] == ["first\nsecond"]
    assert first.title == "a long title"
    assert [i.value for i in first.identifiers if i.scheme == "url"] == [
        "http://a.example",
        "http://b.example",
    ]
    assert second.abstract == "last\nline"


def test_field_limit_counts_continuation_lines() -> None:
    data = "TY  - JOUR\nAB  - " + "\n".join(["x" * 40] * 3) + "\nER  - \n"
    fits = biblioconv.loads(data, "ris", limits=Limits(max_field_chars=122))
    assert fits[0].abstract == "\n".join(["x" * 40] * 3)
    report = ConversionReport()
    assert (
        biblioconv.loads(
            data, "ris", report=report, limits=Limits(max_field_chars=121), strict=False
        )
        == []
    )
    (skip,) = report.by_code("RECORD_SKIPPED")
    assert skip.line == 4 and "field AB longer than 121" in skip.message


def test_too_many_names() -> None:
    data = "TY  - JOUR\n" + "AU  - A, B\n" * 20 + "ER  - \n"
    report = ConversionReport()
    recs = list(biblioconv.read(data.encode(), "ris", report=report, limits=Limits(max_names=10)))
    assert recs == [] and report.records_skipped == 1
    with pytest.raises(ParseError):
        list(biblioconv.read(data.encode(), "ris", strict=True, limits=Limits(max_names=10)))
    assert issubclass(LimitExceeded, ParseError)


def test_explicit_encoding_and_bad_bytes() -> None:
    data = "TY  - JOUR\nTI  - Ærø\nER  - \n".encode("latin-1")
    assert biblioconv.loads(data, "ris", options={"encoding": "latin-1"})[0].title == "Ærø"
    with pytest.raises(ParseError) as err:
        biblioconv.loads(data, "ris", options={"encoding": "utf-8"})
    assert ":2:" in str(err.value)


def test_keyword_split_can_be_turned_off() -> None:
    data = "TY  - JOUR\nKW  - a; b\nER  - \n"
    assert [s.term for s in biblioconv.loads(data, "ris")[0].subjects] == ["a", "b"]
    off = biblioconv.loads(data, "ris", options={"split_keywords": False})
    assert [s.term for s in off[0].subjects] == ["a; b"]


# -- streaming and detection ----------------------------------------------------------------------


class _Endless(io.RawIOBase):
    """An endless RIS stream: records are generated as they are read."""

    def __init__(self) -> None:
        self.n = 0
        self.buf = b""

    def readable(self) -> bool:
        return True

    def readinto(self, b: bytearray) -> int:  # type: ignore[override]
        while len(self.buf) < len(b):
            self.n += 1
            self.buf += f"TY  - JOUR\r\nTI  - Record {self.n}\r\nER  - \r\n\r\n".encode()
        n = len(b)
        b[:n] = self.buf[:n]
        self.buf = self.buf[n:]
        return n


def test_reader_streams() -> None:
    stream = io.BufferedReader(_Endless())
    records: Iterator[Record] = biblioconv.read(stream, "ris")
    titles = [next(records).title for _ in range(3)]
    assert titles == ["Record 1", "Record 2", "Record 3"]


@pytest.mark.parametrize(
    "head",
    [
        b"TY  - JOUR\r\n",
        b"\xef\xbb\xbfTY  - JOUR\r\n",
        b"\n\n1.\nTY  - JOUR\n",
        b"TY - JOUR\nTI  - x\n",
    ],
)
def test_detection(head: bytes) -> None:
    assert biblioconv.detect(head + b"TI  - x\nER  - \n").format == "ris"


def test_sniff_rejects_other_formats() -> None:
    from biblioconv.formats.ris.reader import sniff

    assert sniff(b"@article{x, title={T}}") == 0.0
    assert sniff(b'[{"id": "x", "type": "book"}]') == 0.0
    assert sniff(b"<?xml version='1.0'?><resource/>") == 0.0


def test_a_name_that_reads_back_otherwise_is_reported() -> None:
    """RIS names have no type: the reader goes by commas and organisation words, and the writer
    says where its output will read back otherwise."""
    from biblioconv.model import Contributor, Title

    people = [
        Contributor(kind="organization", literal="Smith"),
        Contributor(kind="organization", literal="Acme Widgets"),
        Contributor(kind="organization", literal="World Health Organization"),
        Contributor(literal="Anna Smith"),
        Contributor(literal="Plato"),
        Contributor(family="Commission", given="Anna"),
    ]
    record = Record(type="book", titles=[Title(text="T")], contributors=people)
    report = ConversionReport()
    text = biblioconv.dumps(record, "ris", report=report)
    assert [d.message for d in report.by_code("VALUE_COERCED")] == [
        "organisation 'Smith' written as a RIS name, which reads back as a person",
        "organisation 'Acme Widgets' written as a RIS name, which reads back as a person",
        "name 'Anna Smith' written whole, which reads back split into family and given names",
    ]
    back = biblioconv.loads(text.encode("utf-8"), "ris")[0].contributors
    assert [(c.kind, c.literal, c.family, c.given) for c in back] == [
        ("person", "Smith", None, None),
        ("person", None, "Widgets", "Acme"),
        ("organization", "World Health Organization", None, None),
        ("person", None, "Smith", "Anna"),
        ("person", "Plato", None, None),
        ("person", None, "Commission", "Anna"),
    ]


def test_particles_and_one_part_names_in_ris_are_reported() -> None:
    from biblioconv.model import Contributor, Title

    def coerced(c: Contributor) -> list[tuple[str, str]]:
        report = ConversionReport()
        record = Record(type="book", titles=[Title(text="T")], contributors=[c])
        biblioconv.dumps(record, "ris", report=report)
        return [(d.severity, d.message) for d in report.by_code("VALUE_COERCED")]

    assert coerced(Contributor(family="Gogh", given="Vincent", non_dropping_particle="van")) == [
        ("info", "particle of 'van Gogh, Vincent' written in the name: RIS has no field for it")
    ]
    assert coerced(Contributor(given="Sukarno")) == [
        ("info", "name 'Sukarno' reads back as unsplit name 'Sukarno'")
    ]
    assert coerced(Contributor(family="King", given="Martin Luther", suffix="Jr.")) == []
    assert coerced(Contributor(family="de la Cruz", given="Juana Inés")) == []


# -- what the writer cannot carry, by record path ---------------------------------------------------


def _lossy_record() -> Record:
    return Record.model_validate(
        {
            "type": "chapter",
            "citation_key": "ed2020",
            "titles": [{"text": "Main", "lang": "en"}, {"text": "Other", "type": "alternative"}],
            "contributors": [
                {"role": "editor", "family": "Editor", "given": "Ann"},
                {
                    "family": "Author",
                    "given": "Bo",
                    "identifiers": [{"scheme": "orcid", "value": "0000-0002-1825-0097"}],
                },
            ],
            "identifiers": [
                {"scheme": "arxiv", "value": "1706.03762"},
                {"scheme": "url", "value": "https://example.org/x"},
                {"scheme": "isbn", "value": "9780306406157"},
            ],
            "container": {"titles": [{"text": "The Book"}], "volume": "2"},
            "dates": [{"type": "accepted", "start": {"year": 2019}}],
        }
    )


def test_writer_names_each_loss_by_record_path() -> None:
    record = _lossy_record()
    report = ConversionReport()
    text = biblioconv.dumps(record, "ris", line_endings="lf", report=report)
    assert "AU  - Author, Bo\nA2  - Editor, Ann\n" in text  # names grouped by tag
    dropped = {d.field: d.message for d in report.by_code("FIELD_DROPPED")}
    assert set(dropped) == {
        "titles[0].lang",
        "titles[1]",
        "contributors[1].identifiers[0]",
        "identifiers[0]",
        "dates[0]",
    }
    assert "no arXiv tag" in dropped["identifiers[0]"]  # the crosswalk's reason
    coerced = {d.field for d in report.by_code("VALUE_COERCED")}
    # the key becomes the id; the names swap places; the URL moves up one place; a chapter's
    # ISBN reads back as the book's; the book reads back typed
    assert {
        "citation_key",
        "id",
        "contributors[0]",
        "contributors[1]",
        "identifiers[1]",
        "identifiers[2]",
        "container.type",
    } <= coerced


def test_every_difference_of_the_read_back_is_named() -> None:
    assert list(check([_lossy_record()], "ris")) == []


def test_rules_give_the_documentation_rows_and_the_writer_tags() -> None:
    rows = {(fm.field, fm.home) for fm in CROSSWALK.fields}
    assert rows >= {(r.source, r.home) for r in RULE_TABLE.rules}
    assert ("T2", "series.titles(type=main).text") in rows
    book = RuleContext(native_type="BOOK")
    assert RULE_TABLE.rule_for("A3", book).home == "contributors(role=editor)"  # type: ignore[union-attr]
    assert tag_for("series_title", "BOOK") == "T2" and tag_for("series_title", "JOUR") == "T3"


@pytest.mark.parametrize(
    ("text", "fields", "heuristic"),
    [
        ("Smith, John A.", {"family": "Smith", "given": "John A."}, False),
        ("  Smith ,\tJohn  ", {"family": "Smith", "given": "John"}, False),
        ("Smith,", {"family": "Smith"}, False),
        ("Smith, ", {"family": "Smith"}, False),
        (", John", {"literal": ", John"}, True),
        (",", {"literal": ","}, True),
        ("Smith, John, Jr.", {"family": "Smith", "given": "John", "suffix": "Jr."}, False),
        ("Smith, Jr., John", {"family": "Smith", "given": "John", "suffix": "Jr."}, True),
        ("Smith, John, Paul", {"literal": "Smith, John, Paul"}, True),
    ],
)
def test_comma_names(text: str, fields: dict[str, str], heuristic: bool) -> None:
    got, why = parse_name(text, "editor")
    got.pop("comma_suffix", None)
    assert got == {"role": "editor", **fields}
    assert (why is not None) == heuristic
