"""Our output against citeproc-js's expected strings (whitespace-normalised)."""

from __future__ import annotations

from typing import Any

import pytest

from biblioconv.formats.citation import render_bibliography, render_citations
from biblioconv.formats.citation.fidelity import STYLES, compare, normalise


def test_fixture_set_is_diverse(items: list[dict[str, Any]]) -> None:
    types = {item["type"] for item in items}
    assert len(items) >= 40
    assert {"article-journal", "book", "chapter", "report", "thesis", "webpage"} <= types
    counts = {len(item.get("author", [])) for item in items}
    assert {0, 1, 2, 3, 8, 22} <= counts


@pytest.mark.parametrize("style", STYLES)
def test_bibliography_matches_citeproc_js(
    style: str, items: list[dict[str, Any]], expected: dict[str, Any], known: dict[str, Any]
) -> None:
    ours = dict(render_bibliography(items, style=style))
    exceptions = known["bibliography"].get(style, {})
    exp = expected["styles"][style]["bibliography"]
    assert [i for i, _ in render_bibliography(items, style=style)] == [i for i, _ in exp]
    for item_id, text in exp:
        if item_id in exceptions:
            assert normalise(ours[item_id]) != normalise(text), f"{item_id} now matches: update"
            continue
        assert normalise(ours[item_id]) == normalise(text), item_id


def test_overall_fidelity_floor(items: list[dict[str, Any]], expected: dict[str, Any]) -> None:
    report = compare(items, expected)
    assert report.total == len(STYLES) * len(items)
    assert report.ratio >= 0.95
    for result in report.styles:
        assert result.ratio >= 0.90, result.style


@pytest.mark.parametrize("style", STYLES)
def test_showcase_record_in_every_style(
    style: str, items: list[dict[str, Any]], expected: dict[str, Any], known: dict[str, Any]
) -> None:
    ours = dict(render_bibliography(items, style=style))
    wanted = dict(expected["styles"][style]["bibliography"])["showcase-bmj-2022"]
    if "showcase-bmj-2022" not in known["bibliography"].get(style, {}):
        assert normalise(ours["showcase-bmj-2022"]) == normalise(wanted)
    assert "https://orcid.org/0000-0003-3870-2609" in ours["showcase-bmj-2022"]
    assert "using medical education" in ours["showcase-bmj-2022"].lower()
    assert "190" in ours["showcase-bmj-2022"]


@pytest.mark.parametrize("style", STYLES)
def test_in_text_citations_match_citeproc_js(
    style: str, items: list[dict[str, Any]], expected: dict[str, Any], known: dict[str, Any]
) -> None:
    ids = [str(item["id"]) for item in items]
    plain = render_citations(items, [[{"id": i}] for i in ids], style=style)
    located = render_citations(
        items, [[{"id": i, "locator": "12-15", "label": "page"}] for i in ids], style=style
    )
    exceptions = known["citations"].get(style, {})
    exp = expected["styles"][style]
    for item_id, ours, ours_loc in zip(ids, plain, located, strict=False):
        assert normalise(ours_loc) == normalise(exp["citations_locator"][item_id]), item_id
        if item_id not in exceptions:
            assert normalise(ours) == normalise(exp["citations"][item_id]), item_id


def test_html_of_numbered_style_matches_citeproc_js(
    items: list[dict[str, Any]], expected: dict[str, Any]
) -> None:
    ours = dict(render_bibliography(items, style="ieee", output="html"))
    for item_id, html in expected["styles"]["ieee"]["html"]:
        inner = html.removeprefix('<div class="csl-entry">').removesuffix("</div>")
        inner = inner.replace("&#38;", "&amp;")
        assert normalise(ours[item_id]) == normalise(inner).replace("> <", "><"), item_id
