"""Spaces and punctuation at the end of bibliography entries, as citeproc-js leaves them."""

from __future__ import annotations

from pathlib import Path

from biblioconv.formats.citation import render_bibliography

_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>t</id><title>t</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text value="x"/></layout></citation>
  <bibliography{align}><layout>
    <text variable="citation-number" suffix=". "/><text variable="title" suffix=", "/>
  </layout></bibliography>
</style>"""


def _entry(tmp_path: Path, align: str = "") -> str:
    style = tmp_path / "spaces.csl"
    style.write_text(_STYLE.format(align=align), encoding="utf-8")
    return render_bibliography([{"id": "a", "title": "T"}], style=str(style), output="html")[0][1]


def test_trailing_space_kept(tmp_path: Path) -> None:
    assert _entry(tmp_path) == "1. T, "


def test_display_parts_trimmed(tmp_path: Path) -> None:
    assert not _entry(tmp_path, ' second-field-align="flush"').endswith(" ")


_DISPLAY_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>t</id><title>t</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text value="x"/></layout></citation>
  <bibliography><layout suffix=".">
    <group display="block"><text variable="title"/></group>
  </layout></bibliography>
</style>"""


def test_layout_suffix_inside_the_last_display_part(tmp_path: Path) -> None:
    style = tmp_path / "display.csl"
    style.write_text(_DISPLAY_STYLE, encoding="utf-8")
    entry = render_bibliography([{"id": "a", "title": "T"}], style=str(style), output="html")
    assert entry[0][1] == '<div class="csl-block">T.</div>'
