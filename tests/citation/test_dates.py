"""Date ranges and seasons rendered as citeproc-js renders them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from citeproc.source import Date

from biblioconv.formats.citation import render_citations
from biblioconv.formats.citation.dates import differing_parts

_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <info><id>t</id><title>t</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout>{date}</layout></citation>
</style>"""


def _cite(tmp_path: Path, date: str, issued: dict[str, Any]) -> str:
    style = tmp_path / "dates.csl"
    style.write_text(_STYLE.format(date=date), encoding="utf-8")
    items = [{"id": "a", "type": "book", "issued": issued}]
    return render_citations(items, [[{"id": "a"}]], style=str(style))[0]


def test_differing_parts() -> None:
    begin, end = Date(year=1999, month=1, day=2), Date(year=1999, month=3, day=2)
    assert differing_parts(begin, end, ["year", "month", "day"]) == ["month", "day"]
    assert differing_parts(begin, end, ["year"]) == []
    assert differing_parts(Date(year=1999, season=1), Date(year=1999, season=2), ["month"]) == [
        "month"
    ]


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ([[1999, 1, 2], [1999, 1, 4]], "2/4 January 1999"),
        ([[1999, 1, 2], [1999, 3, 4]], "2 January-4 March 1999"),
        ([[1999, 1, 2], [2000, 1, 4]], "2 January 1999=4 January 2000"),
    ],
)
def test_range_repeats_differing_parts_with_their_delimiter(
    tmp_path: Path, parts: list[list[int]], expected: str
) -> None:
    date = """<date variable="issued" delimiter=" ">
      <date-part name="day" range-delimiter="/"/>
      <date-part name="month" range-delimiter="-"/>
      <date-part name="year" range-delimiter="="/></date>"""
    assert _cite(tmp_path, date, {"date-parts": parts}) == expected


def test_affixes_at_the_range_seam_dropped(tmp_path: Path) -> None:
    date = '<date variable="issued" form="text"/>'
    assert _cite(tmp_path, date, {"date-parts": [[1999, 1, 2], [1999, 3, 4]]}) == (
        "January 2\u2013March 4, 1999"
    )


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ([[1999, 21], [1999, 22]], "Spring\u2013Summer 1999"),
        ([[1999, 22], [1999, 21]], "Summer\u2013Spring 1999"),
        ([[1999, 13], [2001, 24]], "Spring 1999\u2013Winter 2001"),
        ([[1999, 17]], "Spring 1999"),
        ([[1999, 60]], "1999"),
    ],
)
def test_seasons_as_months_13_to_24(tmp_path: Path, parts: list[list[int]], expected: str) -> None:
    date = '<date variable="issued" form="text" date-parts="year-month-day"/>'
    assert _cite(tmp_path, date, {"date-parts": parts}) == expected
