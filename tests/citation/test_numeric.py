"""Numbers (:mod:`biblioconv.formats.citation.numeric`)."""

from __future__ import annotations

import pytest

from biblioconv.formats.citation.numeric import is_plural, ranges, superscripts_to_html


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
