"""Term forms a locale lacks fall back (verb-short -> verb -> long); citation-label sort keys;
a cite that renders nothing."""

from __future__ import annotations

from pathlib import Path

from biblioconv.formats.citation import render_citations

_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <info><id>t</id><title>t</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation>{sort}<layout delimiter="; ">{layout}</layout></citation>
</style>"""


def _cite(tmp_path: Path, layout: str, items: list[dict[str, object]], sort: str = "") -> str:
    style = tmp_path / "terms.csl"
    style.write_text(_STYLE.format(layout=layout, sort=sort), encoding="utf-8")
    return render_citations(items, [[{"id": i["id"]} for i in items]], style=str(style))[0]


def test_verb_short_falls_back_to_verb(tmp_path: Path) -> None:
    layout = """<names variable="reviewed-author">
      <label form="verb-short" suffix=" "/><name/></names>"""
    item = {"id": "a", "type": "review", "reviewed-author": [{"family": "Burtle", "given": "B"}]}
    assert _cite(tmp_path, layout, [item]) == "by B Burtle"


def test_sorted_by_citation_label(tmp_path: Path) -> None:
    sort = '<sort><key variable="citation-label"/></sort>'
    items: list[dict[str, object]] = [
        {"id": "a", "type": "book", "citation-label": "Zed"},
        {"id": "b", "type": "book", "citation-label": "Abe"},
    ]
    assert _cite(tmp_path, '<text variable="citation-label"/>', items, sort) == "Abe; Zed"


def test_a_cite_without_printed_form(tmp_path: Path) -> None:
    item = {"id": "a", "type": "book", "title": "T"}
    assert _cite(tmp_path, '<date variable="issued" form="text"/>', [item]) == (
        "[CSL STYLE ERROR: reference with no printed form.]"
    )
