"""Rich-text markers, output conversion and CSL text case."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from biblioconv.formats.citation.markup import (
    ITALIC,
    NOCASE,
    convert,
    parse_rich_text,
    strip_markers,
)
from biblioconv.formats.citation.patches import format_page_range, initialize_given
from biblioconv.formats.citation.textcase import apply_text_case


def test_parse_rich_text() -> None:
    marked = parse_rich_text('A <i>b</i> <span class="nocase">iPhone</span> <sup>2</sup> <u>x</u>')
    assert strip_markers(marked) == "A b iPhone 2 <u>x</u>"
    assert convert(marked, "html") == "A <i>b</i> iPhone <sup>2</sup> &lt;u&gt;x&lt;/u&gt;"
    assert parse_rich_text("<i>closed</i>") == ITALIC[0] + "closed" + ITALIC[1]
    assert parse_rich_text("<i>unclosed") == "<i>unclosed"  # kept as text, as citeproc-js does


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Co"))))
def test_plain_text_survives_conversion(text: str) -> None:
    assert convert(text, "text") == text
    assert strip_markers(convert(parse_rich_text(text), "text")) == strip_markers(
        parse_rich_text(text)
    )


@given(st.text(alphabet="abc <>&{}%$#_\\~^*"))
def test_escaping_round_trip(text: str) -> None:
    import html

    assert html.unescape(convert(text, "html")) == text
    latex = convert(text, "latex")
    assert re.search(r"(?<!\\)[&%$#_]", latex) is None


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCXYZéÉüÜøØçÇ  "))
def test_case_transforms(text: str) -> None:
    assert apply_text_case(text, "lowercase") == text.lower()
    assert apply_text_case(text, "uppercase") == text.upper()
    titled = apply_text_case(text, "title")
    assert titled.lower() == text.lower()
    assert apply_text_case(titled, "title") == titled


def test_title_case_follows_citeproc_js() -> None:
    assert (
        apply_text_case("health policy in the U.S. after the reform: an overview", "title")
        == "Health Policy in the U.S. after the Reform: An Overview"
    )
    assert apply_text_case("a consortium-wide analysis", "title") == "A Consortium-Wide Analysis"
    assert apply_text_case("notes on et al. usage", "title") == "Notes on et al. Usage"
    protected = "the " + NOCASE[0] + "iPhone and ebay" + NOCASE[1] + " story"
    assert (
        apply_text_case(protected, "title")
        == "The " + NOCASE[0] + "iPhone and ebay" + NOCASE[1] + " Story"
    )
    assert apply_text_case(protected, "uppercase").endswith(
        "iPhone and ebay" + NOCASE[1] + " STORY"
    )
    # elided articles, lower-case words with digits and a word going on after an apostrophe
    assert (
        apply_text_case("a tour d’horizon pour l’aide", "title") == "A Tour d’horizon Pour l’aide"
    )
    assert apply_text_case("status of the v2.0 core", "title") == "Status of the v2.0 Core"
    bcp = NOCASE[0] + "BCP" + NOCASE[1]
    assert apply_text_case(f"on {bcp}’ed cavities", "title") == f"On {bcp}’ed Cavities"


def test_initials() -> None:
    assert initialize_given("Jean-Paul", ". ", True, True) == "J.-P."
    assert initialize_given("Jean-Paul", "", True, False) == "JP"
    assert initialize_given("Jean-Paul", "", True, True) == "J-P"
    assert initialize_given("Martin Luther", ".", True, True) == "M.L."
    assert initialize_given("J. R. R.", "", True, True) == "JRR"
    assert initialize_given("Robert B.", ". ", False, True) == "Robert B."
    assert initialize_given("Thi Lan", ". ", True, True) == "T. L."


def test_page_ranges() -> None:
    assert format_page_range("321", "328", "minimal") == "8"
    assert format_page_range("321", "328", "minimal-two") == "28"
    assert format_page_range("5", "29", "minimal-two") == "29"
    assert format_page_range("1107", "1115", "chicago-16") == "15"
    assert format_page_range("1321", "1329", "chicago-16") == "29"
    assert format_page_range("1496", "1504", "chicago-15") == "1504"
    assert format_page_range("42", "45", "chicago-16") == "45"
    assert format_page_range("321", "8", "expanded") == "328"


def test_turkish_casing_of_i() -> None:
    assert apply_text_case("ic and ıd", "uppercase", "tr") == "\u0130C AND ID"
    assert apply_text_case("ia and ıb", "uppercase", "en") == "IA AND IB"
    assert apply_text_case("IŞIK \u0130ZMİR", "lowercase", "tr") == "\u0131ş\u0131k izmir"
