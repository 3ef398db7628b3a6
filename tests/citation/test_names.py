"""Name formatting helpers (:mod:`biblioconv.formats.citation.names`)."""

from __future__ import annotations

import pytest

from biblioconv.formats.citation.names import initialize_with, is_cjk


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
