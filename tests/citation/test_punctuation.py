"""Punctuation merged at seams (:mod:`biblioconv.formats.citation.punctuation`)."""

from __future__ import annotations

import pytest

from biblioconv.formats.citation.punctuation import into_quotes, merge


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a.. b", "a. b"),
        ("a;: b", "a; b"),
        ("a.: b", "a.: b"),
        ("a:. b", "a: b"),
        ("a?. b", "a? b"),
        ("a\u2026. b", "a\u2026 b"),
        ("a;! b", "a! b"),
        ("a:? b", "a? b"),
        ("a,! b", "a,! b"),
        ("a!, b", "a!, b"),
        ("a.,", "a.,"),
        ("a\ue001;\ue002: b", "a\ue001;\ue002 b"),
    ],
)
def test_merge(text: str, expected: str) -> None:
    assert merge(text) == expected


def test_into_quotes() -> None:
    assert into_quotes("\u201ca\u201d. b", ("\u201d",)) == "\u201ca.\u201d b"
    assert into_quotes("\u201ca\u201d!, b", ("\u201d",)) == "\u201ca!,\u201d b"
    assert into_quotes("\u201ca\u201d; b", ("\u201d",)) == "\u201ca\u201d; b"
    assert into_quotes("a. b", ()) == "a. b"
