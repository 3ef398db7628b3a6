"""Output that classic BibTeX and pdflatex accept: ASCII LaTeX for every character, acronyms
protected in titles from sources without case protection, one field per name."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import biblioconv
from biblioconv.formats.bibtex.latex import decode, encode, strip_markup
from biblioconv.formats.bibtex.unicode_latex import FOLDS
from biblioconv.model import Container, Contributor, Identifier, Record, Title
from biblioconv.report import ConversionReport

# -- ASCII output ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "latex"),
    [
        ("α-synuclein", r"{$\alpha$}-synuclein"),
        ("p ≤ 0.05 and q ≥ 1", r"p {$\leq$} 0.05 and q {$\geq$} 1"),
        ("Δ−3 ∼ μ", r"{$\Delta$}{$-$}3 {$\sim$} {$\mu$}"),
        ("single\u2010crystal", "single-crystal"),
        ("4.3–5.5 ‰", r"4.3--5.5 {\textperthousand}"),
        ("‘quoted’ “twice”", r"{\textquoteleft}quoted{\textquoteright} ``twice''"),
        ("Jänsch Ærø ệ", r"J{\"a}nsch {\AE}r{\o} {\^{\d e}}"),
        ("q\u0303", r"{\~q}"),
        ("😀", "^^f0^^9f^^98^^80"),
    ],
)
def test_ascii_encoding(text: str, latex: str) -> None:
    assert encode(text, rich=True, ascii=True) == latex
    assert decode(latex, True) == unicodedata.normalize("NFC", text).translate(str.maketrans(FOLDS))


def test_a_group_of_one_math_symbol_reads_as_the_character() -> None:
    assert decode(r"{$\alpha$}-helix {$\leq$} {$-$}1", True) == "α-helix ≤ −1"
    assert decode(r"{$\alpha$} and {$\beta$}") == "α and β"  # outside titles too


_ANY_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40
)


def _expected(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).translate(str.maketrans(FOLDS)).split())


@settings(max_examples=400, deadline=None)
@given(_ANY_TEXT, st.booleans())
@example("Ελλάδα 😀 ≤ ‐ \u0301x", True)
@example("\\A\u03b1", False)  # a math symbol right after a kept unknown macro
@example("&\u0301", True)  # a combining mark with no letter
@example("1\u2010-3 -\u2010 \u2012- \\A\u2010-", True)  # no ligature from folded dashes
def test_ascii_output_is_ascii_and_reads_back(text: str, rich: bool) -> None:
    text = " ".join(text.split())
    if not text or "<" in text:
        return  # "<" could open rich-text markup
    out = encode(text, rich, True)
    assert out.isascii()
    # (a character LaTeX sets as another may also come back as itself: after a kept macro)
    assert _expected(strip_markup(decode(out, rich))) == _expected(text)


@settings(max_examples=60, deadline=None)
@given(_ANY_TEXT)
@example("Ελλάδα 😀 ≤ ‐ x")
def test_written_entry_is_ascii_and_reads_back(text: str) -> None:
    text = " ".join(text.split())
    if not _expected(text) or "<" in text:  # nothing to write (a soft hyphen alone)
        return
    record = Record(
        citation_key="k",
        type="article-journal",
        titles=[Title(text=text)],
        contributors=[Contributor(family=text, given="Ann")],
        container=Container(titles=[Title(text=text)]),
    )
    out = biblioconv.dumps(record, "bibtex")
    assert out.isascii()
    (back,) = biblioconv.loads(out, "bibtex")
    assert strip_markup(back.title or "") == _expected(text)
    assert back.container is not None
    assert strip_markup(back.container.title or "") == _expected(text)


def test_characters_without_latex_are_reported() -> None:
    report = ConversionReport()
    record = Record(citation_key="k", type="book", titles=[Title(text="Ελλάδα 😀 α")])
    out = biblioconv.dumps(record, "bibtex", report=report)
    assert out.isascii()
    assert r"{$\alpha$}" in out and "^^f0^^9f^^98^^80" in out
    coerced = [d for d in report.by_code("VALUE_COERCED") if d.field == "title"]
    assert len(coerced) == 1
    assert "U+1F600" in coerced[0].message and "U+0395" in coerced[0].message
    assert "U+03B1" not in coerced[0].message  # α has a LaTeX form


def test_utf8_output_unchanged() -> None:
    record = Record(citation_key="k", type="book", titles=[Title(text="α ≤ β‐x")])
    assert "title = {α ≤ β‐x}" in biblioconv.dumps(record, "biblatex")


def test_ascii_output_of_verbatim_fields_and_keys() -> None:
    report = ConversionReport()
    record = Record(
        citation_key="Müller2020",
        type="webpage",
        titles=[Title(text="T")],
        identifiers=[Identifier(scheme="url", value="https://example.org/Straße")],
    )
    out = biblioconv.dumps(record, "bibtex", report=report)
    assert out.isascii()
    assert "@misc{Muller2020," in out
    assert "url = {https://example.org/Stra%C3%9Fe}" in out
    assert {d.field for d in report.by_code("VALUE_COERCED")} >= {"citation_key", "identifiers[0]"}


# -- case protection ---------------------------------------------------------------------------

_RIS = """TY  - JOUR
TI  - Effects of EMDR on PTSD: a PRISMA review of COVID-19 and mRNA Self-Efficacy on the iPhone
T2  - Journal of Things
AU  - Doe, Jane
PY  - 2021
SN  - 1234-5679
SN  - 2049-3630
ER  -
"""


def test_acronyms_protected_from_ris() -> None:
    report = ConversionReport()
    records = biblioconv.loads(_RIS, "ris")
    out = biblioconv.dumps(records, "bibtex", report=report)
    title = re.search(r"title = \{(.*)\},", out)
    assert title is not None
    assert title.group(1) == (
        "Effects of {EMDR} on {PTSD}: a {PRISMA} review of {COVID-19} and {mRNA} "
        "Self-Efficacy on the {iPhone}"
    )
    info = report.by_code("HEURISTIC_APPLIED")
    assert len(info) == 1 and info[0].severity == "info" and "{COVID-19}" in info[0].message
    (back,) = biblioconv.loads(out, "bibtex")
    assert strip_markup(back.title or "") == records[0].title


def test_acronym_protection_can_be_switched_off() -> None:
    records = biblioconv.loads(_RIS, "ris")
    out = biblioconv.dumps(records, "bibtex", protect_case=False)
    assert "{EMDR}" not in out and "Effects of EMDR on PTSD" in out


def test_sources_with_case_protection_keep_theirs() -> None:
    bib = "@article{k, title = {A {PRISMA} review of COVID-19 studies}, year = 2020}\n"
    records = biblioconv.loads(bib, "bibtex")
    out = biblioconv.dumps(records, "bibtex")
    assert "title = {A {PRISMA} review of COVID-19 studies}" in out
    # CSL-JSON with nocase markup: protected as the author marked it
    csl = (
        '[{"id": "k", "type": "article-journal", "title": '
        '"A <span class=\\"nocase\\">PRISMA</span> review of COVID-19 studies"}]'
    )
    out = biblioconv.dumps(biblioconv.loads(csl, "csl-json"), "bibtex")
    assert "title = {A {PRISMA} review of COVID-19 studies}" in out
    # plain CSL-JSON: acronyms protected
    plain = '[{"id": "k", "type": "article-journal", "title": "A PRISMA review"}]'
    assert "title = {A {PRISMA} review}" in biblioconv.dumps(
        biblioconv.loads(plain, "csl-json"), "bibtex"
    )


def test_all_capitals_title_is_not_braced_word_by_word() -> None:
    record = Record(citation_key="k", type="book", titles=[Title(text="EFFECTS OF STRESS")])
    assert "title = {EFFECTS OF STRESS}" in biblioconv.dumps(record, "bibtex")


# -- one field per name ------------------------------------------------------------------------


def test_two_issns_are_one_field_and_read_back() -> None:
    records = biblioconv.loads(_RIS, "ris")
    for fmt in ("bibtex", "biblatex"):
        out = biblioconv.dumps(records, fmt)
        assert out.count("issn = ") == 1
        assert "issn = {1234-5679, 2049-3630}" in out
        (back,) = biblioconv.loads(out, fmt)
        assert back.container is not None
        assert [i.value for i in back.container.identifiers] == ["1234-5679", "2049-3630"]


def test_no_field_name_is_written_twice() -> None:
    report = ConversionReport()
    record = Record(
        citation_key="k",
        type="report",
        titles=[Title(text="T")],
        number="R-7",
        container=Container(
            issue="3",
            identifiers=[
                Identifier(scheme="eissn", value="2049-3630"),
                Identifier(scheme="issn", value="1234-5679"),
            ],
        ),
        identifiers=[Identifier(scheme="pmid", value="1"), Identifier(scheme="pmid", value="2")],
    )
    for fmt in ("bibtex", "biblatex"):
        out = biblioconv.dumps(record, fmt, report=report)
        names = re.findall(r"^  ([a-z]+) = ", out, re.M)
        assert len(names) == len(set(names)), out
    assert any(d.field == "container.issue" for d in report.by_code("FIELD_DROPPED"))
