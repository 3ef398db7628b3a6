"""Name formatting helpers (:mod:`biblioconv.formats.citation.names`)."""

from __future__ import annotations

from typing import Any

import pytest

from biblioconv.formats.citation.names import (
    PartStyle,
    format_person,
    initialize_with,
    is_cjk,
    names_with_markup,
    parse_particles,
)


@pytest.mark.parametrize(
    ("given", "terminator", "initialize", "expected"),
    [
        ("ME", " ", True, "M"),
        ("ME.", ". ", True, "ME."),
        ("John M.E.", ". ", True, "J. M. E."),
        ("Ph. M.E.", "", True, "PhME"),
        ("M.E", ".", False, "M.E."),
        ("John M.E.", " ", False, "John M E"),
        ("Me.", " ", False, "Me"),
        ("Ts.", ".", True, "Ts."),
        ("Guo-ping", "", True, "G"),
        ("Jean-Paul", ". ", True, "J.-P."),
    ],
)
def test_initialize_with(given: str, terminator: str, initialize: bool, expected: str) -> None:
    assert initialize_with(given, terminator, initialize) == expected


def test_initialize_with_leaves_other_scripts() -> None:
    assert initialize_with("栄", ". ") == "栄"
    assert initialize_with("Jean-Paul", "", hyphen=False) == "JP"


def test_is_cjk() -> None:
    assert is_cjk("我妻")
    assert not is_cjk("Doe")
    assert not is_cjk("")


LA_FONTAINE = {
    "given": "Jean",
    "dropping-particle": "de",
    "non-dropping-particle": "La",
    "family": "Fontaine",
    "suffix": "III",
}
GIVEN = PartStyle(prefix="[", suffix="]")
FAMILY = PartStyle(str.upper, "(", ")")


def test_format_person_part_affixes_wrap_groups() -> None:
    name = LA_FONTAINE
    plain = format_person(name, "Jean", given_style=GIVEN, family_style=FAMILY)
    assert plain == "[Jean] (de LA FONTAINE III)"
    inverted = format_person(
        name, "Jean", inverted=True, demote="never", given_style=GIVEN, family_style=FAMILY
    )
    assert inverted == "(LA FONTAINE), [Jean de], III"
    demoted = format_person(name, "Jean", inverted=True, given_style=GIVEN, family_style=FAMILY)
    assert demoted == "(FONTAINE), [Jean de LA], III"


def test_format_person_scripts_and_particles() -> None:
    assert format_person({"family": "我妻", "given": "栄"}, "栄") == "我妻栄"
    assert format_person({"family": "Aubignac", "dropping-particle": "d’"}, None) == "d’Aubignac"
    short = {"family": "One", "non-dropping-particle": "al-"}
    assert format_person(short, None, short=True) == "al-One"
    nbsp = PartStyle(suffix="\u00a0")
    assert format_person({"family": "Doe", "given": "John"}, "John", given_style=nbsp) == (
        "John\u00a0Doe"
    )


@pytest.mark.parametrize(
    ("name", "parsed"),
    [
        ({"family": "van der Vlist", "given": "Eric"}, {"non-dropping-particle": "van der"}),
        ({"family": "al-One", "given": "Alan"}, {"non-dropping-particle": "al-", "family": "One"}),
        ({"family": "d'Aubignac", "given": "F."}, {"non-dropping-particle": "d'"}),
        ({"family": "Humboldt", "given": "Alexander von"}, {"dropping-particle": "von"}),
        ({"family": "Doe", "given": "John,! Jr."}, {"suffix": "Jr.", "comma-suffix": True}),
        ({"family": "Doe", "given": "John, Jr."}, {"suffix": "Jr.", "given": "John"}),
        ({"family": "Jean-Paul", "given": "X"}, {"family": "Jean-Paul"}),
        ({"family": "van Gogh"}, {"family": "van Gogh"}),
    ],
)
def test_parse_particles(name: dict[str, Any], parsed: dict[str, Any]) -> None:
    parse_particles(name)
    assert {key: name.get(key) for key in parsed} == parsed


def test_parse_particles_respects_the_source() -> None:
    name = {"family": "van Gogh", "given": "Vincent"}
    parse_particles(name, {"family": "van Gogh", "parse-names": False})
    assert name["family"] == "van Gogh"
    parse_particles(name, {"family": '"van Gogh"'})
    assert name["family"] == "van Gogh"


def test_initials_keep_their_markup() -> None:
    bold_john = "\ue002John\ue003"  # <b>John</b> as parsed rich text
    assert initialize_with(bold_john + " Quiggly", ". ") == "\ue002J.\ue003 Q."
    assert initialize_with(bold_john + "-Quiggly", ". ") == "\ue002J.\ue003-Q."


def test_names_with_markup() -> None:
    name = {"family": "Doe", "given": "John"}
    shown = names_with_markup(name, {"family": "\ue002Doe\ue003"})
    assert shown == {"family": "\ue002Doe\ue003", "given": "John"}
    parsed = {"family": "Gogh", "non-dropping-particle": "van"}
    assert names_with_markup(parsed, {"family": "\ue002van Gogh\ue003"}) == parsed
