"""cs:substitute: names rendered as a substitute are suppressed at once; a term substitutes.

Also: a macro with output counts as a rendered variable for the group around it."""

from __future__ import annotations

from pathlib import Path

from biblioconv.formats.citation import render_citations

_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <info><id>t</id><title>t</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <locale><terms><term name="editor"></term></terms></locale>
  <macro name="editors">
    <names variable="editor"><name/><label prefix=" " form="short"/></names>
    <names variable="editor"><name/><label prefix=" "/></names>
  </macro>
  <citation><layout delimiter="; ">
    <group delimiter=" ">
      <text value="By:"/>
      <names variable="author"><substitute>{substitutes}</substitute></names>
    </group>
  </layout></citation>
</style>"""


def _cite(tmp_path: Path, substitutes: str) -> str:
    style = tmp_path / "substitute.csl"
    style.write_text(_STYLE.format(substitutes=substitutes), encoding="utf-8")
    items = [{"id": "a", "type": "book", "editor": [{"family": "Doe", "given": "John"}]}]
    return render_citations(items, [[{"id": "a"}]], style=str(style))[0]


def test_substituted_names_suppressed_within_the_substitute(tmp_path: Path) -> None:
    assert _cite(tmp_path, '<text macro="editors"/>') == "By: John Doe ed."


def test_an_empty_term_ends_the_substitution(tmp_path: Path) -> None:
    assert _cite(tmp_path, '<text term="editor"/><text value="x"/>') == "By:"


_GROUP_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <info><id>t</id><title>t</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <macro name="date">
    <choose><if variable="issued"><date variable="issued" form="text" date-parts="year"/></if>
    <else><text value="n.d."/></else></choose>
  </macro>
  <citation><layout>
    <group delimiter=", "><text macro="date"/><text variable="volume"/></group>
  </layout></citation>
</style>"""


def test_a_macro_with_output_counts_for_its_group(tmp_path: Path) -> None:
    style = tmp_path / "group.csl"
    style.write_text(_GROUP_STYLE, encoding="utf-8")
    items = [{"id": "a", "type": "book"}]
    assert render_citations(items, [[{"id": "a"}]], style=str(style)) == ["n.d."]
