"""Numbers (:mod:`biblioconv.formats.citation.numeric`)."""

from __future__ import annotations

import pytest
from lxml import etree

from biblioconv.formats.citation.numeric import (
    is_plural,
    labelled,
    labelled_parts,
    ordinal_suffix,
    ranges,
    superscripts_to_html,
    term_gender,
)


@pytest.mark.parametrize(
    ("value", "plural"),
    [
        ("1-2", True),
        ("4\u20136", True),
        ("2, 5", True),
        ("213 & 235", True),
        ("213 and 235", True),
        ("i-ix", True),
        ("5", False),
        ("3\\-B", False),
        ("327\\-30", False),
        ("Michaelson-Morely", False),
    ],
)
def test_is_plural(value: str, plural: bool) -> None:
    assert is_plural(value) is plural


def test_is_plural_with_the_locale_word_for_and() -> None:
    assert not is_plural("213 et 235")
    assert is_plural("213 et 235", ["et"])
    assert is_plural("213, et 235", ["et"])


def test_superscripts_to_html() -> None:
    assert superscripts_to_html("1\u02b3\u1d49 \u00e9d.") == "1<sup>r</sup><sup>e</sup> \u00e9d."
    assert superscripts_to_html("1.\u00aa") == "1.<sup>a</sup>"
    assert superscripts_to_html("\u2122") == "<sup>TM</sup>"
    assert superscripts_to_html("plain") == "plain"


def test_ranges() -> None:
    assert ranges("200 - 201") == "200\u2013201"
    assert ranges("12-15, 18") == "12\u201315, 18"
    assert ranges("vol. 1, fol. 186") == "vol. 1, fol. 186"


LOCALE = """<locale xmlns="http://purl.org/net/xbiblio/csl"><terms>
<term name="ordinal">.\u00aa</term>
<term name="ordinal-01" gender-form="masculine">.\u00ba</term>
<term name="ordinal-01" gender-form="feminine">.\u00aa</term>
<term name="ordinal-02" gender-form="masculine">.\u00ba\u00ba</term>
<term name="ordinal-11">th</term>
<term name="ordinal-12" match="whole-number">W</term>
<term name="issue" gender="masculine">issue</term>
</terms></locale>"""


def test_ordinal_suffix_by_gender_and_match() -> None:
    locales = [etree.fromstring(LOCALE)]
    assert term_gender(locales, "issue") == "masculine"
    assert term_gender(locales, "edition") is None
    assert ordinal_suffix(1, locales, "masculine") == ".\u00ba"
    assert ordinal_suffix(1, locales, "feminine") == ".\u00aa"
    assert ordinal_suffix(2, locales, "feminine") == ".\u00aa"  # no feminine ordinal-02
    assert ordinal_suffix(2, locales, "masculine") == ".\u00ba\u00ba"
    assert ordinal_suffix(111, locales) == "th"  # last two digits
    assert ordinal_suffix(12, locales) == "W"
    assert ordinal_suffix(112, locales) == ".\u00aa"  # whole-number only
    assert ordinal_suffix(21, locales, "masculine") == ".\u00ba"  # last digit


def test_labelled() -> None:
    assert labelled("vol. 1, fol. 186, 8 April 1544")
    assert labelled("p. 3-8")
    assert not labelled("12-15")
    assert not labelled("Vol. One")


def test_labelled_parts() -> None:
    assert labelled_parts("7, p. 3-8") == [(None, "7"), ("page", "3-8")]
    assert labelled_parts("7, 9") is None
