"""Punctuation merged at seams (:mod:`biblioconv.formats.citation.punctuation`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from biblioconv.formats.citation.engine import render_bibliography
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


def test_entry_keeps_a_leading_affix_space(tmp_path: Path) -> None:
    style = tmp_path / "style.csl"
    style.write_text(
        '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">'
        "<info><id>x</id><title>x</title><updated>2020-01-01T00:00:00+00:00</updated></info>"
        '<citation><layout><text variable="title"/></layout></citation>'
        '<bibliography><layout suffix="."><text variable="title" prefix=" \'" suffix="\'"/>'
        "</layout></bibliography></style>",
        encoding="utf-8",
    )
    items = [{"id": "a", "type": "book", "title": "Title"}]
    assert render_bibliography(items, style=str(style)) == [("a", " 'Title'.")]
