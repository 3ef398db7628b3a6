"""The per-element render plans and inlined calls give what the plain calls give.

With caching off, no plan is memoised and every element renders through citeproc-py's calls
(``Macro.render``, ``render_children``, ``Name.render``, ``format`` then ``wrap``); with it on,
macros, branches, groups and names take the planned paths. Both must print the same.
"""

from __future__ import annotations

import copy
import itertools
import random
from collections.abc import Iterator
from typing import Any

import pytest
from citeproc.string import MixedString, String, normalize_seam

from biblioconv.formats.citation import render_bibliography, render_citations, seams, values
from biblioconv.formats.citation.engine import set_caching

FAMILIES = ["Okafor", "Smith", "Nguyen", "de la Cruz", "Tanaka", "Smith", "van Gogh"]
GIVENS = ["Chidi", "Anna", "Thi Lan", "Jean-Paul", "Hiro", "Marie", "Vincent"]


def _varied(items: list[dict[str, Any]], count: int, seed: int) -> list[dict[str, Any]]:
    """``count`` items derived from the fixtures with other names and years."""
    rng = random.Random(seed)
    out = []
    for n in range(count):
        item = copy.deepcopy(items[n % len(items)])
        item["id"] = f"p{n}"
        for name in item.get("author") or []:
            if "family" in name:
                name["family"] = rng.choice(FAMILIES)
                name["given"] = rng.choice(GIVENS)
        if "issued" in item and rng.random() < 0.8:
            item["issued"] = {"date-parts": [[rng.randint(2018, 2021)]]}
        out.append(item)
    return out


def _cites(items: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    plain = [[{"id": i["id"]}] for i in items]
    located = [[{"id": i["id"], "locator": "12-15", "label": "page"}] for i in items[::3]]
    return plain + located + [[{"id": items[0]["id"]}, {"id": items[1]["id"]}]]


@pytest.fixture
def uncached() -> Iterator[None]:
    set_caching(False)
    try:
        yield
    finally:
        set_caching(True)


@pytest.mark.parametrize("style", ["ieee", "vancouver", "chicago-notes-bibliography"])
def test_planned_rendering_equals_plain_rendering(
    style: str, items: list[dict[str, Any]], request: pytest.FixtureRequest
) -> None:
    varied = _varied(items, 120, seed=7 + len(style))
    cites = _cites(varied[:50])
    planned_bib = render_bibliography(varied, style=style, output="html")
    planned_cites = render_citations(varied, cites, style=style)
    request.getfixturevalue("uncached")
    assert render_bibliography(varied, style=style, output="html") == planned_bib
    assert render_citations(varied, cites, style=style) == planned_cites


def _pieces() -> list[Any]:
    """Short texts of every kind a seam meets, led and ended by doubled characters or not."""
    words = ["", "a", ".", ",", " ", "a.", ". ", " a", "..", "a,"]
    out: list[Any] = []
    for word in words:
        out += [word, String(word)]
    out += [MixedString([String("a"), String(".")]), MixedString([String(""), String(" b")])]
    out += [MixedString([]), MixedString([String(".")])]
    return out


def test_seam_equals_citeproc_normalize_seam() -> None:
    for left, right in itertools.product(_pieces(), repeat=2):
        ours = seams.seam(left, right)
        theirs = normalize_seam(left, right)
        assert type(ours) is type(theirs), (left, right)
        assert str(ours) == str(theirs), (left, right)
        if isinstance(theirs, MixedString):
            assert [type(s) for s in ours] == [type(s) for s in theirs]


def test_join_with_empty_delimiter_keeps_types() -> None:
    for first, second in itertools.product(_pieces(), repeat=2):
        ours = seams.join([first, second], "")
        theirs = seams.concat(seams.concat(first, seams.seam(first, "")), "")
        theirs = seams.concat(theirs, seams.seam(theirs, second))
        assert type(ours) is type(theirs), (first, second)
        assert str(ours) == str(theirs), (first, second)


def test_guard_equals_the_plain_substitution() -> None:
    alphabet = ["a", ":", ".", ",", "\u2026", "?"]
    for size in range(1, 5):
        for letters in itertools.product(alphabet, repeat=size):
            text = "".join(letters)
            assert values.guard(text) == values._PAIR_RE.sub(values.GUARD, text), text
