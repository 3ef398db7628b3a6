"""Caches and lazy work never change the output: shape memos, skipped empty subtrees, sort keys."""

from __future__ import annotations

import copy
import random
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from biblioconv.formats.citation import patches, render_bibliography, render_citations
from biblioconv.formats.citation.engine import set_caching

FAMILIES = ["Okafor", "Smith", "Nguyen", "Müller", "de la Cruz", "Tanaka", "Smith", "O'Brien"]
GIVENS = ["Chidi", "Anna", "Thi Lan", "José", "Jan", "Hiro", "Marie-Claire", "Sean"]


def _varied(items: list[dict[str, Any]], count: int, seed: int) -> list[dict[str, Any]]:
    """``count`` items derived from the fixtures with other names, titles and years (so many
    items share a shape, an author and a year)."""
    rng = random.Random(seed)
    out = []
    for n in range(count):
        item = copy.deepcopy(items[n % len(items)])
        item["id"] = f"v{n}"
        for name in item.get("author") or []:
            if "family" in name:
                name["family"] = rng.choice(FAMILIES)
                name["given"] = rng.choice(GIVENS)
        item["title"] = f"{item.get('title', 'Untitled')} {rng.randint(1, 9)}"
        if "issued" in item and rng.random() < 0.8:
            item["issued"] = {"date-parts": [[rng.randint(2018, 2021)]]}
        out.append(item)
    return out


@pytest.fixture
def uncached() -> Iterator[None]:
    set_caching(False)
    try:
        yield
    finally:
        set_caching(True)


def _cites(items: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    plain = [[{"id": i["id"]}] for i in items]
    located = [[{"id": i["id"], "locator": "12-15", "label": "page"}] for i in items]
    chapters = [[{"id": i["id"], "locator": "3", "label": "chapter"}] for i in items[::3]]
    return plain + located + chapters


def _assert_caches_keep_output(
    items: list[dict[str, Any]],
    cites: list[list[dict[str, Any]]],
    style: str,
    request: pytest.FixtureRequest,
) -> None:
    """The bibliography (HTML) and the citations of ``items`` are the same rendered with the
    caches and without them."""
    cached_bib = render_bibliography(items, style=style, output="html")
    cached_cites = render_citations(items, cites, style=style)
    request.getfixturevalue("uncached")
    assert render_bibliography(items, style=style, output="html") == cached_bib
    assert render_citations(items, cites, style=style) == cached_cites


@pytest.mark.parametrize(
    "style",
    [
        "apa",
        "modern-language-association",
        "harvard-cite-them-right",
        "nature",
        # tests `<if variable="locator">`: a cite's locator is not part of an item's shape
        "chicago-author-date-16th-edition",
    ],
)
def test_caches_never_change_output_on_varied_items(
    style: str, items: list[dict[str, Any]], request: pytest.FixtureRequest
) -> None:
    varied = _varied(items, 150, seed=len(style))
    cites = _cites(varied[:60])
    _assert_caches_keep_output(varied, cites, style, request)


def test_locator_condition_is_evaluated_per_cite(items: list[dict[str, Any]]) -> None:
    style = "chicago-author-date-16th-edition"
    book = next(i for i in items if i.get("type") == "book" and i.get("author"))
    other = copy.deepcopy(book)
    other["id"] = "other"
    # the same item shape cited without and then with a locator, and the other way round
    first = render_citations(
        [book, other], [[{"id": book["id"]}], [{"id": "other", "locator": "5"}]], style=style
    )
    second = render_citations(
        [book, other], [[{"id": "other", "locator": "5"}], [{"id": book["id"]}]], style=style
    )
    assert first[1].endswith(", 5)")
    assert second[0].endswith(", 5)")
    assert not first[0].endswith(", 5)") and not second[1].endswith(", 5)")


def test_later_sort_keys_are_computed_only_for_ties(
    items: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    varied = _varied(items, 120, seed=3)
    expected = render_bibliography(varied, style="apa")
    calls: Counter[str] = Counter()
    original = patches.Key.sort_key

    def counting(self: Any, item: Any, context: Any) -> Any:
        calls[self.get("macro") or self.get("variable")] += 1
        return original(self, item, context)

    monkeypatch.setattr(patches.Key, "sort_key", counting)
    assert render_bibliography(varied, style="apa") == expected
    # every item needs its first key; the title (fifth key) only breaks ties of the first four
    assert calls["author-sort"] == len(varied)
    assert 0 < calls["title"] < len(varied)


def test_empty_subtrees_are_skipped_by_shape(
    items: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Groups that rendered nothing for an item shape are not walked again for that shape."""
    varied = _varied(items, 96, seed=5)
    walked: Counter[bool] = Counter()
    original = patches.Group._process_group

    def counting(self: Any, *args: Any, **kwargs: Any) -> Any:
        walked[patches.caching()] += 1
        return original(self, *args, **kwargs)

    render_bibliography(varied, style="apa")  # learn the empty groups of these shapes
    monkeypatch.setattr(patches.Group, "_process_group", counting)
    cached = render_bibliography(varied, style="apa")
    set_caching(False)
    try:
        uncached = render_bibliography(varied, style="apa")
    finally:
        set_caching(True)
    assert cached == uncached
    assert walked[True] < walked[False] * 0.8


DATE_PART_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Date part overrides</title><id>date-part-overrides</id>
    <updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <layout>
      <group delimiter="; ">
        <text variable="title"/>
        <date form="text" variable="issued">
          <date-part name="month" text-case="uppercase" font-style="italic"/>
        </date>
        <date form="text" variable="accessed"/>
      </group>
    </layout>
  </bibliography>
</style>
"""


def test_localized_date_part_overrides_apply_to_their_date_only(
    tmp_path: Any, request: pytest.FixtureRequest
) -> None:
    style = tmp_path / "date-part-overrides.csl"
    style.write_text(DATE_PART_STYLE, encoding="utf-8")
    item = {
        "id": "a",
        "type": "book",
        "title": "T",
        "issued": {"date-parts": [[2020, 3, 5]]},
        "accessed": {"date-parts": [[2021, 4, 6]]},
    }
    expected = [("a", "T; <i>MARCH</i> 5, 2020; April 6, 2021")]
    for _ in range(2):  # the second time from the memoised formatting
        assert render_bibliography([item], style=str(style), output="html") == expected
    request.getfixturevalue("uncached")
    assert render_bibliography([item], style=str(style), output="html") == expected


VIEW_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Shape views</title><id>shape-views</id>
    <updated>2024-01-01T00:00:00+00:00</updated></info>
  <macro name="noted">
    <text variable="note"/>
  </macro>
  <macro name="remark">
    <text macro="noted"/>
  </macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <layout>
      <group delimiter=" " suffix=". "><text value="Translated by"/><names variable="translator"/></group>
      <group delimiter=" " suffix=". "><text value="Note:"/><text macro="remark"/></group>
      <text variable="title"/>
    </layout>
  </bibliography>
</style>
"""


def test_empty_subtrees_are_remembered_for_the_variables_they_read(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A group that rendered nothing is skipped for items that differ only in variables it does
    not read, and walked for items that differ in one it reads (through macros, too)."""
    style = tmp_path / "shape-views.csl"
    style.write_text(VIEW_STYLE, encoding="utf-8")
    walked: Counter[str] = Counter()
    original = patches.Group._process_group

    def counting(self: Any, *args: Any, **kwargs: Any) -> Any:
        walked[self[0].get("value")] += 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(patches.Group, "_process_group", counting)
    plain = {"id": "a", "type": "book", "title": "A"}
    # other shapes: a variable neither group reads (DOI, URL), then the note the second reads
    with_doi = {"id": "b", "type": "book", "title": "B", "DOI": "10.1/b"}
    with_url = {"id": "c", "type": "book", "title": "C", "URL": "https://example.org/c"}
    noted = {"id": "d", "type": "book", "title": "D", "note": "kept"}
    rendered = [
        render_bibliography([item], style=str(style))[0][1]
        for item in (plain, with_doi, with_url, noted)
    ]
    assert rendered == ["A", "B", "C", "Note: kept. D"]
    # each group walked for the first item only, and the note group again for the noted one
    assert walked == {"Translated by": 1, "Note:": 2}
    monkeypatch.setattr(patches.Group, "_process_group", original)
    set_caching(False)
    try:
        uncached = [
            render_bibliography([item], style=str(style))[0][1]
            for item in (plain, with_doi, with_url, noted)
        ]
    finally:
        set_caching(True)
    assert uncached == rendered


@pytest.mark.parametrize(
    "style", ["apa", "modern-language-association", "ieee", "chicago-notes-bibliography"]
)
def test_caches_never_change_output_on_items_missing_random_variables(
    style: str, items: list[dict[str, Any]], request: pytest.FixtureRequest
) -> None:
    """Items of many shapes (each fixture item with random variables left out): what an
    element remembers for the variables it reads holds for every one of them."""
    rng = random.Random(len(style))
    varied = []
    for n in range(160):
        item = copy.deepcopy(items[n % len(items)])
        item["id"] = f"r{n}"
        for key in [k for k in item if k not in ("id", "type")]:
            if rng.random() < 0.3:
                del item[key]
        varied.append(item)
    cites = _cites(varied[:50])
    _assert_caches_keep_output(varied, cites, style, request)
