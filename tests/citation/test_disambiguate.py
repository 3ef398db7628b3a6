"""Disambiguation of cites (names, given names, disambiguate conditions, year suffixes)."""

from __future__ import annotations

from typing import Any

from biblioconv.formats.citation.disambiguate import (
    AmbigConfig,
    Options,
    citation_label,
    disambiguate,
    global_levels,
)


def _name(family: str, given: str) -> dict[str, str]:
    return {"family": family, "given": given}


ITEMS: dict[str, list[dict[str, str]]] = {
    "a": [_name("Smith", "John"), _name("Brown", "John"), _name("Jones", "John")],
    "b": [_name("Smith", "John"), _name("Brown", "John"), _name("Jones", "John")],
    "c": [_name("Smith", "John"), _name("Benson", "John"), _name("Jones", "John")],
    "d": [_name("Smith", "John"), _name("Brown", "John"), _name("Jones", "Arthur")],
    "e": [_name("Doe", "Jane")],
}


def _render(key: str, config: AmbigConfig) -> str:
    """A short-form author list with et-al after one of three names, as a style renders it."""
    names = ITEMS[key]
    shown = 1 if len(names) >= 3 else len(names)
    shown, levels = config.nameset(names, shown, 0, True)
    parts = []
    for name, level in zip(names[:shown], levels, strict=True):
        given = {0: "", 1: name["given"][0] + ". ", 2: name["given"] + " "}[level]
        parts.append(given + name["family"])
    text = ", ".join(parts) + (" et al." if shown < len(names) else "")
    if config.disambiguate:
        text += f" [{key}]" if key != "b" else " [a]"
    return text + " 1980"


def _texts(configs: dict[str, AmbigConfig]) -> dict[str, str]:
    texts = {}
    for key in ITEMS:
        configs[key].start()
        texts[key] = _render(key, configs[key])
    return texts


def test_options_are_read_from_the_citation_element() -> None:
    citation = {"disambiguate-add-names": "true", "givenname-disambiguation-rule": "nonsense"}
    options = Options.from_citation(citation, uses_disambiguate=False)
    assert options.add_names and not options.add_givenname and options.given_rule == "by-cite"
    assert options.active and not options.by_cite
    assert not Options.from_citation({}, uses_disambiguate=False).active


def test_names_then_given_names_are_added_until_cites_differ() -> None:
    options = Options(add_names=True, add_givenname=True)
    configs, remaining = disambiguate(list(ITEMS), _render, options)
    texts = _texts(configs)
    assert texts["c"] == "Smith, Benson et al. 1980"
    assert texts["d"] == "Smith, Brown, A. Jones 1980"
    # a and b never differ: they keep the names that told the others apart
    assert texts["a"] == texts["b"] == "Smith, Brown, J. Jones 1980"
    assert remaining == [["a", "b"]]
    assert texts["e"] == "Doe 1980"


def test_without_given_names_only_names_are_added() -> None:
    configs, _ = disambiguate(list(ITEMS), _render, Options(add_names=True))
    texts = _texts(configs)
    assert texts["c"] == "Smith, Benson et al. 1980"
    # the third name does not tell d from a and b: not added
    assert texts["a"] == texts["d"] == "Smith, Brown et al. 1980"


def test_disambiguate_conditions_are_tried_after_names() -> None:
    def render(key: str, config: AmbigConfig) -> str:
        config.conditions = 1  # the style has one disambiguate="true" condition
        return _render(key, config)

    options = Options(year_suffix=True, extra_text=True)
    configs, remaining = disambiguate(list(ITEMS), render, options)
    assert configs["c"].disambiguate == 1 and configs["e"].disambiguate == 0
    assert remaining == [["a", "b"]]


def test_global_rules_expand_names_sharing_a_family_name() -> None:
    lists: list[list[tuple[list[Any], int, bool]]] = [
        [([_name("Asthma", "Albert"), _name("Bronchitis", "Bosworth")], 1, True)],
        [([_name("Asthma", "Albert"), _name("Bronchitis", "Beauregarde")], 1, True)],
        [([_name("Cold", "Crispin"), _name("Asthma", "Gargoyle")], 1, True)],
    ]
    levels = global_levels(lists, "all-names")
    assert levels[("Bronchitis", "Bosworth")] == 2
    assert levels[("Asthma", "Albert")] == 1 and levels[("Asthma", "Gargoyle")] == 1
    assert ("Cold", "Crispin") not in levels
    initials = global_levels(lists, "all-names-with-initials")
    assert initials[("Asthma", "Albert")] == 1 and ("Bronchitis", "Bosworth") not in initials
    primary = global_levels(lists, "primary-name")
    assert ("Bronchitis", "Bosworth") not in primary and ("Asthma", "Albert") not in primary


def test_a_name_list_shows_at_least_the_names_the_style_shows() -> None:
    config = AmbigConfig(names=[3], givens=[[0, 2]])
    config.start()
    names = ITEMS["a"]
    assert config.nameset(names, 1, 0) == (3, [0, 2, 0])
    assert config.nameset(names, 2, 1) == (2, [1, 1])
    assert [shown for _names, shown, _initials in config.recorded] == [1, 2]


def test_a_citation_label_is_made_from_creators_and_year() -> None:
    from citeproc.source import Date

    def ref(*families: str, year: int | None = 2000) -> dict[str, Any]:
        data: dict[str, Any] = {"author": [_name(f, "X") for f in families]}
        if year is not None:
            data["issued"] = Date(year=year)
        return data

    assert citation_label(ref("Asthma")) == "Asth00"
    assert citation_label(ref("Bronchitis", "Cholera", year=1998)) == "BrCh98"
    assert citation_label(ref("von Dipheria", "Eczema", "Flu", "Goiter", "Hiccups")) == "DEFG00"
    assert citation_label(ref("The Times", year=None)) == "Time00"


STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>t</id><title>t</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation et-al-min="3" et-al-use-first="1" disambiguate-add-names="true"
            disambiguate-add-givenname="true" disambiguate-add-year-suffix="true">
    <layout delimiter="; ">
      <group delimiter=" ">
        <names variable="author">
          <name form="short" initialize-with=". " and="symbol" delimiter=", "/>
        </names>
        <date variable="issued"><date-part name="year"/></date>
        <choose><if disambiguate="true"><text variable="title"/></if></choose>
      </group>
    </layout>
  </citation>
  <bibliography><layout><text variable="title"/></layout></bibliography>
</style>
"""


def test_the_engine_disambiguates_rendered_cites(tmp_path: Any) -> None:
    from biblioconv.formats.citation.engine import render_citations

    style = tmp_path / "style.csl"
    style.write_text(STYLE, encoding="utf-8")

    def item(id_: str, title: str, *names: tuple[str, str]) -> dict[str, Any]:
        authors = [{"family": f, "given": g} for f, g in names]
        return {
            "id": id_,
            "type": "book",
            "title": title,
            "author": authors,
            "issued": {"date-parts": [[1980]]},
        }

    items = [
        item("a", "One", ("Smith", "John"), ("Brown", "Ann"), ("Jones", "Bob")),
        item("b", "Two", ("Smith", "John"), ("Benson", "Ann"), ("Jones", "Bob")),
        item("c", "Three", ("Doe", "John")),
        item("d", "Four", ("Doe", "Jane")),
        item("e", "Five", ("Roe", "Jim")),
        item("f", "Six", ("Roe", "Jim")),
        item("g", "Seven", ("Poe", "Al")),
        item("h", "Seven", ("Poe", "Al")),
    ]
    cites = [[{"id": i["id"]}] for i in items]
    assert render_citations(items, cites, style=str(style)) == [
        "Smith, Brown, et al. 1980",  # a name added
        "Smith, Benson, et al. 1980",
        "John Doe 1980",  # given names expanded
        "Jane Doe 1980",
        "Roe 1980 Five",  # the disambiguate="true" branch
        "Roe 1980 Six",
        "Poe 1980a Seven",  # year suffixes
        "Poe 1980b Seven",
    ]


def test_bibliography_shows_names_the_cites_added() -> None:
    """citeproc-js renders an entry with the names and given names its cite's
    disambiguation added (Chicago: et al. after three names in the bibliography)."""
    from biblioconv.formats.citation.engine import render_bibliography

    common = [_name(f"Author{c}", f"{c}.") for c in "ABC"]
    items: list[dict[str, Any]] = [
        {
            "id": key,
            "type": "article-journal",
            "title": f"Title {key}",
            "author": [*common, _name(fourth, "X."), *(_name(f"Other{i}", "Y.") for i in range(4))],
            "issued": {"date-parts": [[2019]]},
        }
        for key, fourth in (("a", "Fourth"), ("b", "Fifth"))
    ]
    texts = dict(render_bibliography(items, "chicago-author-date"))
    start = "AuthorA, A., B. AuthorB, C. AuthorC, X. {}, et al. 2019. Title"
    assert texts["a"].startswith(start.format("Fourth"))
    assert texts["b"].startswith(start.format("Fifth"))
