"""Rich text and quotes of CSL-JSON strings (flip-flop), resolved and converted."""

from __future__ import annotations

from biblioconv.formats.citation.flipflop import parse, punctuation_in_quote, resolve_quotes
from biblioconv.formats.citation.markup import (
    INNER_QUOTE,
    ITALIC,
    NOCASE,
    QUOTE,
    QUOTE_CLOSE,
    QUOTE_CLOSE_KEPT,
    convert,
)
from biblioconv.formats.citation.textcase import apply_text_case

US = ("\u201c", "\u201d", "\u2018", "\u2019")


def html(value: str) -> str:
    return convert(resolve_quotes(parse(value), US), "html")


def test_quotes_take_the_level_of_their_nesting() -> None:
    assert parse('say "hi"') == f"say {QUOTE}hi{QUOTE_CLOSE}"
    assert html("'friend'") == "\u201cfriend\u201d"  # the first quote form is the outer one
    assert html("\"a 'b' c\"") == "\u201ca \u2018b\u2019 c\u201d"
    assert html("'a \"b\" c'") == "\u201ca \u2018b\u2019 c\u201d"
    assert html("It is (“<i>My Title</i>”) now") == "It is (\u201c<i>My Title</i>\u201d) now"
    # inside a quote added by the style, the field's outer quotes become inner ones
    assert resolve_quotes(QUOTE + parse("This is 'The One'") + QUOTE_CLOSE, US) == (
        "\u201cThis is \u2018The One\u2019\u201d"
    )
    assert parse("\u2018x\u2019") == f"{INNER_QUOTE}x{QUOTE_CLOSE}"


def test_apostrophes() -> None:
    assert html("You're 'late'") == "You\u2019re \u201clate\u201d"
    assert html("(ETFA '09)") == "(ETFA \u201909)"
    assert html("Insha\u2019Allah") == "Insha\u2019Allah"
    assert (
        parse("<span class=\"nocase\">l'''</span>") == NOCASE[0] + "l\u2019\u2019\u2019" + NOCASE[1]
    )


def test_tags_that_do_not_pair_stay_text() -> None:
    assert parse("<i>a</b>") == "<i>a</b>"
    assert parse("a <i>b</i>") == f"a {ITALIC[0]}b{ITALIC[1]}"
    assert parse("<I>b</I>") == f"{ITALIC[0]}b{ITALIC[1]}"


def test_flip_flop_of_formatting() -> None:
    assert convert(parse("<i>a <i>b</i> c</i>"), "html") == (
        '<i>a <span style="font-style:normal;">b</span> c</i>'
    )
    assert convert(parse("<b>a <b>b</b></b>"), "html") == (
        '<b>a <span style="font-weight:normal;">b</span></b>'
    )
    assert convert(parse('<i>Lessard <span class="nodecor">v.</span> Schmidt</i>'), "html") == (
        '<i>Lessard <span style="font-style:normal;">v.</span> Schmidt</i>'
    )
    assert convert(parse('<span class="nodecor">v.</span>'), "html") == "v."


def test_punctuation_in_quote() -> None:
    assert punctuation_in_quote(f"{QUOTE}a{QUOTE_CLOSE}, b") == f"{QUOTE}a,{QUOTE_CLOSE} b"
    # a quote of the field's own text keeps the text's punctuation outside
    assert parse("'God willing'. Next") == f"{QUOTE}God willing{QUOTE_CLOSE_KEPT}. Next"
    assert punctuation_in_quote(parse("'a'. b")) == parse("'a'. b")


def test_text_case_keeps_apostrophes_and_nodecor() -> None:
    assert apply_text_case(parse("'nobody knows you're a dog': as"), "title") == (
        parse("'Nobody Knows You're a Dog': As")
    )
    # citeproc-js capitalises a stop word before a hyphen in the first segment only
    assert apply_text_case("out-of-fashion pro-active", "title") == "Out-of-Fashion pro-Active"
    assert apply_text_case("fashion pro-active", "title") == "Fashion Pro-Active"
    assert apply_text_case("low-temperature x-ray", "title") == "Low-Temperature x-Ray"
    assert apply_text_case(parse('a <span class="nodecor">v.</span> b'), "capitalize-all") == (
        parse('A <span class="nodecor">v.</span> B')
    )
