"""subsequent-author-substitute: names compared and replaced without their label."""

from __future__ import annotations

from pathlib import Path

from biblioconv.formats.citation import render_bibliography

_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>t</id><title>t</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <macro name="author">
    <names variable="author">
      <name name-as-sort-order="first"/>
      <label form="short" prefix=" " strip-periods="true"/>
      <substitute><names variable="editor"/></substitute>
    </names>
  </macro>
  <citation><layout><text value="x"/></layout></citation>
  <bibliography subsequent-author-substitute="---">
    <sort><key macro="author"/><key variable="title"/></sort>
    <layout><text macro="author" suffix=". "/><text variable="title"/></layout>
  </bibliography>
</style>"""


def test_label_kept_and_ignored(tmp_path: Path) -> None:
    style = tmp_path / "sas.csl"
    style.write_text(_STYLE, encoding="utf-8")
    doe = [{"family": "Doe", "given": "John"}]
    items = [
        {"id": "a", "type": "book", "title": "A", "author": doe},
        {"id": "b", "type": "book", "title": "B", "editor": doe},
        {"id": "c", "type": "book", "title": "C", "author": doe},
    ]
    entries = [text for _, text in render_bibliography(items, style=str(style))]
    assert entries == ["Doe, John. A", "--- ed. B", "---. C"]
