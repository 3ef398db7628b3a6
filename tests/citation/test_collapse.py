"""Cite grouping and collapsing in citation clusters (``cs:citation`` ``collapse`` options)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from biblioconv.formats.citation.engine import render_citations

_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="{cls}" version="1.0">
  <info><id>x</id><title>x</title><updated>2020-01-01T00:00:00+00:00</updated></info>
  <citation {attrs}>
    {sort}
    <layout prefix="(" suffix=")" delimiter="{delimiter}">{layout}</layout>
  </citation>
  <bibliography><layout><text variable="title"/></layout></bibliography>
</style>"""

_AUTHOR_DATE = """<group delimiter=" "><names variable="author"><name form="short"/></names>
<date variable="issued"><date-part name="year"/></date></group>"""


def _style(tmp_path: Path, layout: str, attrs: str = "", **kw: str) -> str:
    path = tmp_path / "style.csl"
    text = _STYLE.format(
        cls=kw.get("cls", "in-text"),
        attrs=attrs,
        sort=kw.get("sort", ""),
        delimiter=kw.get("delimiter", "; "),
        layout=layout,
    )
    path.write_text(text, encoding="utf-8")
    return str(path)


def _item(item_id: str, family: str, year: int) -> dict[str, Any]:
    return {
        "id": item_id,
        "type": "book",
        "title": item_id,
        "author": [{"family": family, "given": "A."}],
        "issued": {"date-parts": [[year]]},
    }


def test_citation_numbers_collapse_to_ranges(tmp_path: Path) -> None:
    style = _style(
        tmp_path,
        '<text variable="citation-number" prefix="[" suffix="]"/>',
        'collapse="citation-number"',
        sort='<sort><key variable="citation-number"/></sort>',
        delimiter=", ",
    )
    items = [{"id": f"I{i}", "type": "book", "title": f"T{i}"} for i in range(1, 8)]
    cluster = [{"id": f"I{i}"} for i in (7, 1, 2, 3, 5, 6)]
    assert render_citations(items, [cluster], style=style) == ["([1]–[3], [5]–[7])"]
    # a locator breaks a run
    cluster = [{"id": "I1"}, {"id": "I2", "locator": "4"}, {"id": "I3"}]
    assert render_citations(items, [cluster], style=style) == ["([1], [2], [3])"]


def test_year_collapse_groups_cites_by_author(tmp_path: Path) -> None:
    style = _style(
        tmp_path,
        _AUTHOR_DATE,
        'collapse="year"',
        sort='<sort><key variable="issued"/></sort>',
    )
    items = [_item("a", "Smith", 2000), _item("b", "Jones", 1990), _item("c", "Smith", 1980)]
    cluster = [{"id": "a"}, {"id": "b"}, {"id": "c"}]
    assert render_citations(items, [cluster], style=style) == ["(Smith 1980, 2000; Jones 1990)"]


def test_year_suffix_collapse_and_delimiters(tmp_path: Path) -> None:
    attrs = (
        'collapse="year-suffix-ranged" disambiguate-add-year-suffix="true" '
        'year-suffix-delimiter="," after-collapse-delimiter="; "'
    )
    style = _style(tmp_path, _AUTHOR_DATE, attrs, delimiter=", ", cls="note")
    items = [_item(f"s{i}", "Smith", 2000) for i in range(4)] + [_item("j", "Jones", 1999)]
    cluster = [{"id": f"s{i}"} for i in range(4)] + [{"id": "j"}]
    assert render_citations(items, [cluster], style=style) == ["(Smith 2000a–d; Jones 1999)"]
    cluster = [{"id": "s0"}, {"id": "s2"}, {"id": "s3"}]
    assert render_citations(items, [cluster], style=style) == ["(Smith 2000a,c,d)"]


def test_styles_without_collapse_keep_every_cite(tmp_path: Path) -> None:
    style = _style(tmp_path, _AUTHOR_DATE)
    items = [_item("a", "Smith", 2000), _item("b", "Smith", 2001)]
    out = render_citations(items, [[{"id": "a"}, {"id": "b"}]], style=style)
    assert out == ["(Smith 2000; Smith 2001)"]
