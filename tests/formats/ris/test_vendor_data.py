"""Vendor data in RIS exports that must not reach citations: document types in M3, "no pagination"
markers and other non-values; article numbers (C7) that must reach every format that has a home."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import etree
from rissupport import CORPUS  # type: ignore[import-not-found]

import biblioconv
from biblioconv.report import ConversionReport

VENDOR_EXPORTS = sorted(CORPUS.glob("*.ris"))


def _read(text: str) -> tuple[list[biblioconv.Record], ConversionReport]:
    report = ConversionReport()
    return biblioconv.loads(text, "ris", report=report), report


def _messages(report: ConversionReport, field: str) -> list[str]:
    return [d.message for d in report.diagnostics if d.field == field]


# -- M3: the database's document type is not the genre ----------------------------------------------

_SCOPUS = """TY  - JOUR
TI  - Stress and the brain-gut axis
T2  - Psychoneuroendocrinology
VL  - 111
PY  - 2020
AU  - Labanski, A.
M3  - Review
DB  - Scopus
C7  - 104501
ER  -
"""


def test_scopus_m3_is_kept_verbatim_not_as_the_genre() -> None:
    (record,), report = _read(_SCOPUS)
    assert record.genre is None
    assert record.extras["ris"]["M3"] == "Review"
    assert any("document type" in m for m in _messages(report, "M3"))


def test_scopus_m3_reaches_no_citation_and_no_bibtex_type() -> None:
    records, _ = _read(_SCOPUS)
    (item,) = json.loads(biblioconv.dumps(records, "csl-json"))
    assert "genre" not in item
    (entry,) = biblioconv.cite(records, style="apa")
    assert "[Review]" not in entry.text
    assert not re.search(r"^\s*type\s*=", biblioconv.dumps(records, "biblatex"), re.MULTILINE)


def test_the_m3_of_an_article_round_trips_through_ris() -> None:
    records, _ = _read(_SCOPUS)
    (back,), _ = _read(biblioconv.dumps(records, "ris"))
    assert back.extras["ris"]["M3"] == "Review"
    assert back.genre is None


@pytest.mark.parametrize(
    "value",
    [
        "Health Psychology & Medicine [3360]",  # Ovid PsycINFO classification
        "Review; Journal Article",  # Ovid MEDLINE publication types
        "Article",
    ],
)
def test_vendor_document_types_are_no_genre_even_where_m3_is_the_type_of_work(value: str) -> None:
    (record,), report = _read(f"TY  - THES\nTI  - A dissertation\nM3  - {value}\nER  - \n")
    assert record.genre is None
    assert record.extras["ris"]["M3"] == value
    assert _messages(report, "M3")


def test_a_type_of_work_stays_the_genre() -> None:
    (record,), _ = _read("TY  - THES\nTI  - A dissertation\nM3  - PhD thesis\nER  - \n")
    assert record.genre == "PhD thesis"


def test_a_doi_in_m3_is_still_the_doi() -> None:
    (record,), _ = _read("TY  - JOUR\nTI  - T\nM3  - 10.1016/j.mehy.2019.109324\nER  - \n")
    assert record.doi == "10.1016/j.mehy.2019.109324"
    assert "M3" not in record.extras.get("ris", {})


def test_database_bookkeeping_in_n1_is_no_note() -> None:
    text = (
        "TY  - JOUR\nTI  - T\nT2  - J\nN1  - Export Date: 18 November 2019\nN1  - CODEN: PSYCD\n"
        "N1  - Funding text 1: Funded by the DFG.\nN1  - Last updated - 2019-06-07\n"
        "N1  - A note of the author\nDB  - Scopus\nER  -\n"
    )
    records, report = _read(text)
    assert [d.text for d in records[0].descriptions] == ["A note of the author"]
    assert len(records[0].extras["ris"]["N1"]) == 4
    assert len(_messages(report, "N1")) == 4
    bib = biblioconv.dumps(records, "biblatex")
    assert "Export Date" not in bib and "CODEN" not in bib
    (back,), _ = _read(biblioconv.dumps(records, "ris"))
    assert len(back.extras["ris"]["N1"]) == 4


# -- non-values ------------------------------------------------------------------------------------

_OVID = """TY  - JOUR
T1  - The influence of self-criticism on depression symptoms.
A1  - Trindade, Ines A
Y1  - 2019//
JF  - Clinical Psychology & Psychotherapy
SP  - No
EP  - Specified
ER  -
"""


def test_ovid_no_pagination_specified_gives_no_pages() -> None:
    (record,), report = _read(_OVID)
    assert record.container is not None
    assert record.container.pages is None
    assert "EP" not in record.extras.get("ris", {})
    assert any("non-value" in m for m in _messages(report, "SP"))
    bib = biblioconv.dumps([record], "bibtex")
    assert "pages" not in bib
    (entry,) = biblioconv.cite([record], style="apa")
    assert ", No." not in entry.text
    assert "Psychotherapy." in entry.text


@pytest.mark.parametrize(
    "lines",
    [
        "SP  - No Pagination Specified",
        "SP  - Pagination not specified",
        "SP  - nan\nEP  - nan",
        "SP  - -",
        "SP  - n/a",
    ],
)
def test_page_non_values_are_dropped_and_reported(lines: str) -> None:
    (record,), report = _read(f"TY  - JOUR\nTI  - T\nT2  - J\n{lines}\nER  - \n")
    assert record.container is not None
    assert record.container.pages is None
    assert any("non-value" in d.message for d in report.diagnostics)


def test_nan_is_no_value_in_any_tag() -> None:
    (record,), report = _read(
        "TY  - JOUR\nTI  - T\nT2  - J\nVL  - 3\nIS  - nan\nDO  - nan\nN1  - nan\nER  - \n"
    )
    assert record.container is not None
    assert record.container.volume == "3"
    assert record.container.issue is None
    assert record.doi is None
    assert not record.descriptions
    assert {d.field for d in report.diagnostics if "non-value" in d.message} == {"IS", "DO", "N1"}


@pytest.mark.parametrize("lines", ["SP  - 42\nEP  - 42", "SP  - 42-42", "SP  - 42--42"])
def test_a_range_from_a_page_to_itself_is_that_page(lines: str) -> None:
    (record,), report = _read(f"TY  - JOUR\nTI  - T\nT2  - J\n{lines}\nER  - \n")
    assert record.container is not None
    assert record.container.pages is not None
    assert (record.container.pages.first, record.container.pages.last) == ("42", None)
    assert any("one page" in d.message for d in report.diagnostics)
    (item,) = json.loads(biblioconv.dumps([record], "csl-json"))
    assert item["page"] == "42"


def test_a_real_range_and_a_word_page_are_kept() -> None:
    (record,), _ = _read("TY  - JOUR\nTI  - T\nT2  - J\nSP  - 42\nEP  - 45\nER  - \n")
    assert record.container is not None and record.container.pages is not None
    assert record.container.pages.text() == "42-45"


def test_a_reference_in_is_is_not_the_issue() -> None:
    text = (
        "TY  - JOUR\nTI  - T\nT2  - J\nVL  - 119\n"
        "IS  - Achenbach, T. (1991). Child Behavior Checklist/4-18. Burlington, VT: University "
        "Associates in Psychiatry.\nER  - \n"
    )
    (record,), report = _read(text)
    assert record.container is not None
    assert record.container.issue is None
    assert str(record.extras["ris"]["IS"]).startswith("Achenbach")
    assert _messages(report, "IS")


# -- article numbers -------------------------------------------------------------------------------


def test_scopus_c7_is_the_csl_number_and_apa_prints_it() -> None:
    records, _ = _read(_SCOPUS)
    (item,) = json.loads(biblioconv.dumps(records, "csl-json"))
    assert item["number"] == "104501"
    (entry,) = biblioconv.cite(records, style="apa")
    assert "Article 104501" in entry.text


def test_the_csl_number_of_an_article_is_its_article_number() -> None:
    item = {"id": "a", "type": "article-journal", "title": "T", "number": "e0229812"}
    (record,) = biblioconv.loads(json.dumps([item]), "csl-json")
    assert record.container is not None
    assert (record.container.number, record.container.number_type) == ("e0229812", "Article")
    assert record.number is None
    report = "".join(biblioconv.dumps([record], "biblatex").split())
    assert "eid={e0229812}" in report


def test_the_csl_number_of_a_report_stays_its_number() -> None:
    item = {"id": "r", "type": "report", "title": "T", "number": "TR-7"}
    (record,) = biblioconv.loads(json.dumps([item]), "csl-json")
    assert record.number == "TR-7"
    assert record.container is None or record.container.number is None


@pytest.mark.parametrize(
    "target", ["csl-json", "csl-yaml", "biblatex", "bibtex", "ris", "datacite", "datacite-json"]
)
def test_the_article_number_survives_a_round_trip(target: str) -> None:
    records, _ = _read(_SCOPUS)
    options = {"fill_unknown": True} if target.startswith("datacite") else {}
    text = biblioconv.dumps(records, target, **options)
    (back,) = biblioconv.loads(text, target)
    assert back.container is not None
    assert back.container.number == "104501"


def test_the_article_number_is_a_datacite_related_item_number() -> None:
    records, _ = _read(_SCOPUS)
    xml = biblioconv.dumps(records, "datacite", fill_unknown=True)
    root = etree.fromstring(xml.encode())
    numbers = root.findall(".//{*}relatedItem/{*}number")
    assert [(n.text, n.get("numberType")) for n in numbers] == [("104501", "Article")]


@pytest.mark.parametrize("ty", ["CONF", "CPAPER"])
def test_c7_of_a_conference_paper_is_its_article_number(ty: str) -> None:
    (record,), _ = _read(f"TY  - {ty}\nTI  - A paper\nC7  - 9123456\nER  - \n")
    assert record.container is not None
    assert record.container.number == "9123456"
    assert "C7  - 9123456" in biblioconv.dumps([record], "ris")


def test_scopus_c7_is_the_article_number_whatever_the_type() -> None:
    (record,), _ = _read("TY  - CHAP\nTI  - A chapter\nDB  - Scopus\nC7  - 12\nER  - \n")
    assert record.container is not None
    assert record.container.number == "12"
    (other,), _ = _read("TY  - CHAP\nTI  - A chapter\nC7  - 12\nER  - \n")
    assert other.extras["ris"]["C7"] == "12"


# -- the real vendor exports -----------------------------------------------------------------------

_VENDOR_GENRE = re.compile(
    r"\[(?:Article|Review|Editorial|Letter|Note|Erratum|Conference Paper|[^\]]*\d{4})\]"
)


def test_there_are_vendor_exports() -> None:
    assert len(VENDOR_EXPORTS) >= 8


@pytest.mark.parametrize("path", VENDOR_EXPORTS, ids=lambda p: p.stem)
def test_vendor_exports_give_no_genre_no_false_pages_and_their_article_numbers(
    path: Path,
) -> None:
    raw = path.read_text("utf-8-sig", errors="replace")
    records = biblioconv.loads(path.read_bytes(), "ris")
    items = json.loads(biblioconv.dumps(records, "csl-json"))
    assert len(items) == len(records) > 0
    assert not [i["genre"] for i in items if "genre" in i]
    bad_pages = [i["page"] for i in items if not re.search(r"\d", i.get("page", "0"))]
    assert not bad_pages
    assert not [i["page"] for i in items if re.fullmatch(r"(\w+)-\1", i.get("page", ""))]
    article_numbers = re.findall(r"^C7  - (.+?)\s*$", raw, re.MULTILINE)
    assert sorted(i["number"] for i in items if "number" in i) == sorted(article_numbers)
    bib = biblioconv.dumps(records, "biblatex")
    assert not re.search(r"^\s*(?:type|pages) = \{(?:No|Specified|nan)\b", bib, re.MULTILINE)
    assert not re.search(r"^\s*type = ", bib, re.MULTILINE)  # no M3 as the entry's type
    entries = [e.text for e in biblioconv.cite(records, style="apa")]
    for text in entries:
        assert not _VENDOR_GENRE.search(text), text
        assert not re.search(r", (?:No|Specified)\.", text), text
    for number in article_numbers:
        assert any(f"Article {number}" in text for text in entries)
