"""Sort keys: punctuation ignored, words kept apart, no "and" or "et al." between names."""

from __future__ import annotations

from pathlib import Path

from biblioconv.formats.citation import render_citations
from biblioconv.formats.citation.sorting import punctuation_ignored


def test_punctuation_ignored() -> None:
    assert punctuation_ignored("simple title, here a") == "simple title here a"
    assert punctuation_ignored("\u201csimple title here b\u201d") == "simple title here b"
    assert punctuation_ignored("dale, zippy") < punctuation_ignored("dalebout, arnie")
    assert punctuation_ignored("  a \u2014  b ") == "a b"


_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>t</id><title>t</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <macro name="author"><names variable="author"><name form="short" and="text"/></names></macro>
  <citation><sort><key macro="author"/></sort>
    <layout delimiter="; "><text macro="author"/></layout></citation>
</style>"""


def test_no_and_in_name_sort_keys(tmp_path: Path) -> None:
    style = tmp_path / "sort.csl"
    style.write_text(_STYLE, encoding="utf-8")
    items = [
        {"id": "a", "author": [{"family": "Colaresi"}, {"family": "Thompson"}]},
        {"id": "b", "author": [{"family": "Colaresi"}, {"family": "Rasler"}, {"family": "T"}]},
    ]
    cited = render_citations(items, [[{"id": "a"}, {"id": "b"}]], style=str(style))
    assert cited == ["Colaresi, Rasler, and T; Colaresi and Thompson"]


def test_no_et_al_in_name_sort_keys(tmp_path: Path) -> None:
    style = tmp_path / "etal.csl"
    style.write_text(
        _STYLE.replace(
            '<key macro="author"/>',
            '<key macro="author" names-min="1" names-use-first="1"/><key variable="title"/>',
        ),
        encoding="utf-8",
    )
    items = [
        {"id": "a", "title": "B", "author": [{"family": "Smith"}]},
        {"id": "b", "title": "A", "author": [{"family": "Smith"}, {"family": "Jones"}]},
    ]
    cited = render_citations(items, [[{"id": "a"}, {"id": "b"}]], style=str(style))
    assert cited == ["Smith and Jones; Smith"]


def test_punctuation_separates_words() -> None:
    assert punctuation_ignored("d\u2019wander") < punctuation_ignored("de\u2019 frinkle")
    assert punctuation_ignored("\u2019t horvath") == "t horvath"
