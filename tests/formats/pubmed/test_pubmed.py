"""MEDLINE/nbib and PubMed XML: goldens from the shared real examples and hand-written edge
cases, MEDLINE round trips, the 2025 DTD, detection, errors, streaming, property tests."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from testsupport import SCHEMAS, SHARED
from testsupport import Chunks as _Chunks

import biblioconv
from biblioconv import readback, registry
from biblioconv.errors import BiblioconvError, ParseError, UnsafeInputError
from biblioconv.formats.pubmed.tags import format_field
from biblioconv.report import Code, ConversionReport
from biblioconv.validation import check as validate

CASES = Path(__file__).parent / "cases"
NBIB = sorted(CASES.glob("*.nbib"))
XML = sorted(CASES.glob("*.xml"))


def expected(path: Path) -> list[dict[str, Any]]:
    data = json.loads(path.with_suffix(".record.json").read_text("utf-8"))
    return data if isinstance(data, list) else [data]


def _fmt(path: Path) -> str:
    return "medline" if path.suffix == ".nbib" else "pubmed-xml"


@pytest.mark.parametrize("path", NBIB + XML, ids=lambda p: p.name)
def test_golden_reads_as_its_records(path: Path) -> None:
    records = biblioconv.loads(path.read_bytes(), _fmt(path))
    assert [r.model_dump(mode="json", exclude_defaults=True) for r in records] == expected(path)


@pytest.mark.parametrize("path", NBIB + XML, ids=lambda p: p.name)
def test_golden_written_as_medline_reads_back(path: Path) -> None:
    records = biblioconv.loads(path.read_bytes(), _fmt(path))
    assert list(readback.check(records, "medline")) == []
    text = biblioconv.dumps(records, "medline")
    back = biblioconv.loads(text, "medline")
    assert [(r.identifier("pmid"), r.title, r.type) for r in back] == [
        (
            r.identifier("pmid"),
            r.title.replace("<sub>", "")
            .replace("</sub>", "")
            .replace("<i>", "")
            .replace("</i>", "")
            if r.title
            else None,
            r.type,
        )
        for r in records
    ]
    for before, after in zip(records, back, strict=True):
        assert [c.family for c in after.contributors] == [c.family for c in before.contributors]
        assert after.subjects == before.subjects
        assert after.funding == before.funding


def test_the_golden_sources_are_the_shared_examples() -> None:
    for example in (SHARED / "examples" / "pubmed").iterdir():
        assert (CASES / example.name).read_bytes() == example.read_bytes()


def test_medline_edge_cases() -> None:
    records = biblioconv.loads((CASES / "edge-cases.nbib").read_bytes(), "medline")
    r = records[0]
    assert len(r.authors) == 32
    first = r.contributors[0]
    assert (first.family, first.given, first.orcid) == (
        "d'Alembert",
        "Marie-Claire",
        "0000-0002-1825-0097",
    )
    assert [a.name for a in first.affiliations] == [
        "Université de Genève, Genève, Switzerland.",
        "CERN, Meyrin, Switzerland.",
    ]
    org = r.contributors[1]
    assert org.kind == "organization" and org.literal == "The Ψ Collaboration"
    assert r.title.startswith("Über Zellen") and "wrapped over several lines" in r.title
    assert r.container is not None
    assert [(i.scheme, i.value) for i in r.container.identifiers] == [
        ("issn", "0028-0836"),
        ("eissn", "1476-4687"),
        ("lissn", "0028-0836"),
    ]
    assert r.container.pages is not None
    assert (r.container.pages.first, r.container.pages.last) == ("101", "109")
    assert [(f.funder_name, f.award_number) for f in r.funding] == [
        ("NCI NIH HHS", "R01 CA123456"),
        ("Wellcome Trust", "100000"),
    ]
    assert r.language == "en" and r.extras["medline"]["LA"] == ["eng", "ger"]
    assert [(s.term, s.scheme) for s in r.subjects] == [
        ("Animals", "MeSH"),
        ("Cells/*physiology", "MeSH"),
        ("cells", None),
        ("biology", None),
    ]
    assert [(x.type_information, x.citation) for x in r.relations] == [
        ("CIN", "Nature. 2021 Jun;12(4):200. PMID: 99000002"),
        ("EIN", "Nature. 2021 Jul;12(5):1. PMID: 99000003"),
    ]
    assert [i.scheme for i in r.identifiers] == ["pmid", "doi", "other"]
    # dates of every precision
    assert [[d.literal or d.edtf() for d in x.dates if d.type == "issued"] for x in records] == [
        ["2021-21"],
        ["2020"],
        ["2019-03"],
        ["2018 Nov-Dec"],
        ["2017-01-31"],
    ]
    chapter = records[4]
    assert chapter.type == "chapter" and chapter.container is not None
    assert chapter.container.title == "The Book of Things"
    assert chapter.editors[0].family == "Editor" and chapter.edition == "2nd ed."


def test_pubmed_xml_edge_cases() -> None:
    report = ConversionReport()
    records = biblioconv.loads((CASES / "edge-set.xml").read_bytes(), "pubmed-xml", report=report)
    assert len(records) == 2
    r = records[0]
    assert r.title == "CO<sub>2</sub> and <i>Escherichia coli</i>: Ψ-effects."
    assert r.contributors[0].orcid == "0000-0002-1825-0097"
    assert r.contributors[1].literal == "The Consortium of Things"
    assert r.abstract == "BACKGROUND: Background text. RESULTS: Résultats: ça marche."
    assert [(i.scheme, i.value) for i in r.identifiers] == [
        ("pmid", "98000001"),
        ("doi", "10.5555/set.1"),
        ("pmcid", "PMC1234567"),
    ]
    assert r.dates[0].literal == "2020 Nov-Dec" and r.dates[0].year == 2020
    assert r.dates[1].type == "available" and r.dates[1].edtf() == "2020-10-05"
    assert [s.term for s in r.subjects] == ["*Animals", "Escherichia coli/*physiology", "bacteria"]
    assert r.funding[0].award_number == "R01 GM000001"
    assert r.relations[0].citation == "Nature. 2021;6:1 PMID: 98000009"
    assert records[1].dates[0].edtf() == "1999-24" and records[1].language == "fr"
    assert records[1].type == "letter"
    assert report.by_code("DELETED_RECORD")


@pytest.mark.parametrize(
    ("given", "tag"),
    [
        ("eng", "en"),
        ("ENG", "en"),
        ("English", "en"),
        ("ger", "de"),
        ("French", "fr"),
        ("scr", "hr"),
    ],
)
def test_language_reads_as_its_bcp47_tag_and_writes_back_as_given(given: str, tag: str) -> None:
    nbib = f"PMID- 1\nTI  - A title.\nLA  - {given}\nPT  - Journal Article\n\n".encode()
    [r] = biblioconv.loads(nbib, "medline")
    assert r.language == tag
    # a word MEDLINE would write otherwise is kept for the round trip; a code it writes is not
    assert r.extras.get("medline", {}).get("LA") == (None if given.islower() else [given])
    assert "LA  - " + given + "\n" in biblioconv.dumps([r], "medline")
    xml = (
        "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>"
        f"<ArticleTitle>T</ArticleTitle><Language>{given}</Language></Article>"
        "</MedlineCitation></PubmedArticle></PubmedArticleSet>"
    ).encode()
    [x] = biblioconv.loads(xml, "pubmed-xml")
    assert x.language == tag
    assert "LA  - " + given + "\n" in biblioconv.dumps([x], "medline")


def test_medline_languages_round_trip_unchanged() -> None:
    nbib = b"PMID- 1\nTI  - A title.\nLA  - eng\nLA  - ger\nPT  - Journal Article\n\n"
    [r] = biblioconv.loads(nbib, "medline")
    assert r.language == "en"
    text = biblioconv.dumps([r], "medline")
    assert [line for line in text.splitlines() if line.startswith("LA")] == [
        "LA  - eng",
        "LA  - ger",
    ]
    # a record whose language was changed is written with the code of its new language
    changed = r.model_copy(update={"language": "fr"})
    text = biblioconv.dumps([changed], "medline")
    assert [line for line in text.splitlines() if line.startswith("LA")] == ["LA  - fre"]


def test_an_isbn_label_medline_has_no_place_for_is_reported() -> None:
    record = biblioconv.Record.model_validate(
        {
            "type": "book",
            "titles": [{"text": "A book"}],
            "identifiers": [{"scheme": "isbn", "value": "9780306406157", "label": "pbk."}],
        }
    )
    report = ConversionReport(max_diagnostics=None)
    assert "ISBN- 9780306406157\n" in biblioconv.dumps([record], "medline", report=report)
    assert [(d.code, d.field) for d in report.diagnostics] == [
        (Code.FIELD_DROPPED, "identifiers[0].label")
    ]


def test_medline_lines_are_wrapped_with_six_spaces() -> None:
    text = format_field("AB", "word " * 40)
    lines = text.splitlines()
    assert lines[0].startswith("AB  - ") and all(len(line) <= 82 for line in lines)
    assert all(line.startswith("      ") for line in lines[1:])


def test_loss_report_names_record_paths() -> None:
    [r] = biblioconv.loads((CASES / "edge-set.xml").read_bytes(), "pubmed-xml")[:1]
    r = r.model_copy(update={"version": "2", "identifiers": [*r.identifiers]})
    report = ConversionReport(max_diagnostics=None)
    biblioconv.dumps([r], "medline", report=report)
    fields = {d.field: d.code for d in report.diagnostics}
    assert fields["version"] is Code.FIELD_DROPPED
    assert fields["titles[0]"] is Code.VALUE_COERCED  # the markup of the title


def test_detection() -> None:
    for path in NBIB + XML:
        head = path.read_bytes()[:4096]
        best = max(registry.all_formats(), key=lambda s: s.sniff_bytes(head))
        assert best.name == _fmt(path), path.name
    assert registry.get("nbib").name == "medline"
    assert "medline" in [s.name for s in registry.by_extension("refs.nbib")]
    assert "pubmed-xml" in [s.name for s in registry.by_extension("set.pubmed.xml")]


def test_validate_against_the_dtd() -> None:
    good = (CASES / "edge-set.xml").read_bytes()
    result = validate(good, "pubmed-xml", schema_dir=SCHEMAS)
    assert result.valid and "DTD" in result.schema and result.records == 2
    bad = good.replace(b"<ArticleTitle>", b"<ArticleTitle><Oops/>", 1)
    result = validate(bad, "pubmed-xml", schema_dir=SCHEMAS)
    assert not result.valid and "DTD" in result.errors[0].message and result.errors[0].line
    for path in XML:
        assert validate(path.read_bytes(), "pubmed-xml", schema_dir=SCHEMAS).valid, path.name


@pytest.mark.parametrize(
    ("data", "fmt", "message"),
    [
        (b"", "pubmed-xml", "empty input"),
        (b"<PubmedArticleSet><PubmedArticle>", "pubmed-xml", ":1:"),
        (b"<records/>", "pubmed-xml", "not PubMed XML"),
        (b"      continued\nPMID- 1\n", "medline", "continuation line before any tag"),
        (b"PMID- 1\nthis is not a tag line\n", "medline", "not a MEDLINE tag line"),
    ],
)
def test_malformed_input_is_one_clear_line(data: bytes, fmt: str, message: str) -> None:
    with pytest.raises(ParseError) as info:
        biblioconv.loads(data, fmt)
    assert message in str(info.value) and "\n" not in str(info.value)


def test_entities_are_refused() -> None:
    doc = b'<?xml version="1.0"?><!DOCTYPE PubmedArticleSet [<!ENTITY x "y">]><PubmedArticleSet/>'
    with pytest.raises(UnsafeInputError):
        biblioconv.loads(doc, "pubmed-xml")


def test_latin1_medline_is_read_and_reported() -> None:
    report = ConversionReport()
    [r] = biblioconv.loads("PMID- 1\nTI  - Caf\u00e9\n".encode("cp1252"), "medline", report=report)
    assert r.title == "Café" and report.by_code("ENCODING")


# -- streaming ------------------------------------------------------------------------------------


def _set(n: int) -> Iterator[bytes]:
    yield b'<?xml version="1.0" encoding="UTF-8"?>\n<PubmedArticleSet>\n'
    for i in range(n):
        yield (
            f'<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">'
            f"{i + 1}</PMID><Article><Journal><Title>J</Title></Journal><ArticleTitle>Article "
            f"{i}</ArticleTitle><AuthorList><Author><LastName>Doe</LastName><ForeName>Jane"
            "</ForeName></Author></AuthorList></Article></MedlineCitation></PubmedArticle>\n"
        ).encode()
    yield b"</PubmedArticleSet>\n"


_RSS = """
import io, resource, sys
sys.path[:0] = [{here!r}, {tests!r}]
import test_pubmed as T
import biblioconv
n = sum(1 for _ in biblioconv.read(io.BufferedReader(T._Chunks(T._set({n}))), "pubmed-xml"))
assert n == {n}
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _max_rss_kib(n: int) -> int:
    code = _RSS.format(here=str(Path(__file__).parent), tests=str(Path(__file__).parents[2]), n=n)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout.split()[-1])


def test_pubmed_sets_stream_in_constant_memory() -> None:
    small, large = _max_rss_kib(3000), _max_rss_kib(30000)
    assert large - small < 8 * 1024, (small, large)


def test_reader_yields_before_the_input_ends() -> None:
    stream = biblioconv.read(io.BufferedReader(_Chunks(_set(10**6))), "pubmed-xml")
    assert next(iter(stream)).identifier("pmid") == "1"


# -- properties -----------------------------------------------------------------------------------

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
_word = (
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")),
        min_size=1,
        max_size=12,
    )
    .map(str.strip)
    .filter(lambda w: w and "," not in w)
)


@SETTINGS
@given(
    title=st.lists(_word, min_size=1, max_size=30),
    people=st.lists(st.tuples(_word, _word), max_size=8),
)
def test_generated_medline_reads_as_it_says(
    title: list[str], people: list[tuple[str, str]]
) -> None:
    text = " ".join(title)
    lines = ["PMID- 1", format_field("TI", text).rstrip("\n")]
    for family, given_name in people:
        lines.append(f"FAU - {family}, {given_name}")
    [r] = biblioconv.loads(("\n".join(lines) + "\n").encode(), "medline")
    assert r.title == " ".join(text.split())
    # a name is read as written on its line (a title's lines are joined: its spaces are one)
    assert [(c.family, c.given) for c in r.contributors] == [(f, g) for f, g in people]


@SETTINGS
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_raise_only_biblioconv_errors(data: bytes) -> None:
    for fmt in ("medline", "pubmed-xml"):
        with contextlib.suppress(BiblioconvError):
            biblioconv.loads(data, fmt, strict=False)
