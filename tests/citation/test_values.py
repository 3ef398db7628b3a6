"""Variable values printed as citeproc-js prints them (real-corpus differences)."""

from __future__ import annotations

from biblioconv.formats.citation import render_bibliography
from biblioconv.formats.citation.values import GUARD, guard, literal, number_ranges, unguard


def test_guard_separates_adjacent_marks_only() -> None:
    assert guard("35:6<615::aid") == f"35:6<615:{GUARD}:aid"
    assert guard("Wait...") == f"Wait.{GUARD}.{GUARD}."
    assert guard("a: b. c") == "a: b. c"
    assert unguard(guard("x::y?!")) == "x::y?!"


def test_number_ranges() -> None:
    assert number_ranges("1-2") == "1\u20132"
    assert number_ranges(" 3 - 4 ") == "3\u20134"
    assert number_ranges("1-2", "/") == "1/2"
    assert number_ranges("S1-S2") is None
    assert number_ranges("12") is None
    assert number_ranges("1-2, 5") is None


def _entry(style: str, **fields: object) -> str:
    item = {"id": "a", "type": "article-journal", "title": "T", "container-title": "J"}
    item.update(fields)
    return render_bibliography([item], style=style)[0][1]


def test_punctuation_inside_a_value_is_kept() -> None:
    doi = "10.1002/1520-6750(198812)35:6<615::aid-nav3220350608>3.0.co;2-k"
    assert doi in _entry("apa", DOI=doi)
    assert "Wait... what" in _entry("apa", title="Wait... what")


def test_issue_range_takes_an_en_dash() -> None:
    assert "50(1\u20132)" in _entry("apa", volume="50", issue="1-2")
    assert "2003;50(1\u20132)" in _entry(
        "nlm-citation-sequence", volume="50", issue="1-2", issued={"date-parts": [[2003]]}
    )


def test_date_range_within_the_shown_parts_prints_once() -> None:
    issued = {"date-parts": [[1994, 1], [1994, 2]]}
    assert "(1994)." in _entry("apa", author=[{"family": "L", "given": "K"}], issued=issued)


def test_number_keeps_leading_zeros() -> None:
    assert "no. 084" in _entry("ieee", volume="13", issue="084")


def test_literal_value_punctuation_stays_outside_quotes() -> None:
    assert literal(".") == f"{GUARD}."
    assert literal("and") == "and"

    def entry(**fields: object) -> str:
        item = {"id": "a", "type": "article-journal", "author": [{"family": "Doe", "given": "J."}]}
        item.update(fields)
        return render_bibliography([item], style="ieee")[0][1]

    # IEEE's <text value="."/> after a quoted title: never moved into the quotes nor merged
    assert entry(title="Plain title").endswith("“Plain title”.")
    assert entry(title="Why?").endswith("“Why?”.")
    assert entry(title="Plain", DOI="10.1/x").endswith("“Plain”, doi: 10.1/x.")


def test_page_range_of_one_page_takes_the_delimiter() -> None:
    assert "17: 1065\u20131065." in _entry("chicago-author-date", volume="17", page="1065-1065")
