"""Engine behaviour: caches, styles, locales, outputs, errors, raw dates."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from biblioconv.errors import BiblioconvError
from biblioconv.formats.citation import (
    CitationError,
    StyleError,
    list_styles,
    render_bibliography,
    render_citations,
    resolve_style,
)
from biblioconv.formats.citation.engine import parse_raw_date, set_caching


@pytest.mark.parametrize("style", ["apa", "chicago-author-date", "ieee", "nlm-citation-sequence"])
def test_caches_never_change_output(style: str, items: list[dict[str, Any]]) -> None:
    cached = render_bibliography(items, style=style, output="html")
    cites = render_citations(items, [[{"id": i["id"]}] for i in items[:10]], style=style)
    set_caching(False)
    try:
        uncached = render_bibliography(items, style=style, output="html")
        cites_uncached = render_citations(
            items, [[{"id": i["id"]}] for i in items[:10]], style=style
        )
    finally:
        set_caching(True)
    assert cached == uncached
    assert cites == cites_uncached


def test_rendering_is_repeatable(items: list[dict[str, Any]]) -> None:
    first = render_bibliography(items, style="modern-language-association")
    second = render_bibliography(list(reversed(items)), style="modern-language-association")
    assert first == second


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("apa", "apa"),
        ("APA", "apa"),
        ("vancouver", "nlm-citation-sequence"),
        ("harvard", "harvard-cite-them-right"),
        ("chicago", "chicago-author-date"),
        ("mla", "modern-language-association"),
        ("apa6", "apa-6th-edition"),
        ("http://www.zotero.org/styles/apa", "apa"),
        ("https://www.zotero.org/styles/ieee", "ieee"),
        ("nature-digest", "nature"),
    ],
)
def test_resolve_style(name: str, stem: str) -> None:
    path = resolve_style(name)
    assert path.stem == stem
    assert "dependent" not in path.parts


def test_resolve_style_file_and_dependent_file(tmp_path: Path) -> None:
    own = tmp_path / "mine.csl"
    own.write_text(resolve_style("ieee").read_text(encoding="utf-8"), encoding="utf-8")
    assert resolve_style(str(own)) == own.resolve()
    dependent = resolve_style("ieee").parent / "dependent" / "nature-digest.csl"
    assert resolve_style(str(dependent)).stem == "nature"


@pytest.mark.parametrize("name", ["no-such-style-xyz", "../etc/passwd", "", "missing/file.csl"])
def test_unknown_style_is_one_line_error(name: str) -> None:
    with pytest.raises(StyleError) as info:
        resolve_style(name)
    assert "\n" not in str(info.value)
    assert isinstance(info.value, BiblioconvError)


def test_list_styles_search() -> None:
    found = list_styles("vancouver")
    assert found
    assert all("vancouver" in f"{sid} {title}".lower() for sid, title in found)
    assert ("apa", dict(list_styles("apa"))["apa"]) in list_styles("apa")


def test_locale_changes_terms(items: list[dict[str, Any]]) -> None:
    german = dict(render_bibliography(items, style="apa", locale="de-DE"))
    assert "Hrsg." in german["edited-book-2012"]
    assert "o.\u00a0J." in german["nodate-book"]
    fallback = dict(render_bibliography(items, style="apa", locale="de"))
    assert fallback == german


def test_bad_locale_is_error(items: list[dict[str, Any]]) -> None:
    with pytest.raises(StyleError, match="locale"):
        render_bibliography(items, style="apa", locale="not a locale!")


def test_outputs(items: list[dict[str, Any]]) -> None:
    item = next(i for i in items if i["id"] == "nocase-2017")
    book = next(i for i in items if i["id"] == "suffix-king-1963")
    html = dict(render_bibliography([item, book], style="apa", output="html"))
    assert "<i>Genome Biology</i>" in html["nocase-2017"]
    assert "<i>Escherichia coli</i>" in html["nocase-2017"]
    assert "Harper &amp; Row" in html["suffix-king-1963"]
    # italics inside an italic book title flip to roman
    titled = copy.deepcopy(book)
    titled["title"] = "On <i>Homo sapiens</i>"
    flipped = dict(render_bibliography([titled], style="apa", output="html"))["suffix-king-1963"]
    assert '<i>On <span style="font-style:normal;">Homo sapiens</span></i>' in flipped
    md = dict(render_bibliography([item], style="apa", output="markdown"))["nocase-2017"]
    assert "*Genome Biology*" in md
    rtf = dict(render_bibliography([book], style="apa", output="rtf"))["suffix-king-1963"]
    assert "{\\i Strength to love}" in rtf
    latex = dict(render_bibliography([book], style="apa", output="latex"))["suffix-king-1963"]
    assert "\\emph{Strength to love}" in latex and "Harper \\& Row" in latex
    text = dict(render_bibliography([item], style="apa"))["nocase-2017"]
    assert "<" not in text and "Escherichia coli" in text


def test_nocase_is_protected_in_title_case(items: list[dict[str, Any]]) -> None:
    item = next(i for i in items if i["id"] == "nocase-2017")
    entry = dict(render_bibliography([item], style="chicago-author-date"))["nocase-2017"]
    assert "Sequencing the iPhone Generation" in entry


def test_ieee_left_margin_label_spacing(items: list[dict[str, Any]]) -> None:
    entries = render_bibliography(items[:2], style="ieee")
    assert entries[0][1].startswith("[1] ")
    html = render_bibliography(items[:1], style="ieee", output="html")[0][1]
    assert html.startswith('<div class="csl-left-margin">[1]</div><div class="csl-right-inline">')


def test_year_suffixes_and_substituted_editors(items: list[dict[str, Any]]) -> None:
    apa = dict(render_bibliography(items, style="apa"))
    assert "(2020a)" in apa["sameyear-b-2020"] and "(2020b)" in apa["sameyear-a-2020"]
    chicago = dict(render_bibliography(items, style="chicago-author-date"))
    entry = chicago["edited-book-2012"]
    assert entry.startswith("Denzin, Norman K., and Yvonna S. Lincoln, eds.")
    assert entry.count("Denzin") == 1


def test_item_errors() -> None:
    with pytest.raises(CitationError, match="missing id"):
        render_bibliography([{"type": "book", "title": "x"}])
    with pytest.raises(CitationError, match="duplicate id"):
        render_bibliography([{"id": "a", "type": "book"}, {"id": "A", "type": "book"}])
    with pytest.raises(CitationError, match="not a list of names"):
        render_bibliography([{"id": "a", "type": "book", "author": "Smith"}])
    with pytest.raises(CitationError, match="output"):
        render_bibliography([{"id": "a", "type": "book"}], output="pdf")
    with pytest.raises(CitationError, match="no item"):
        render_citations([{"id": "a", "type": "book"}], [[{"id": "b"}]])


def test_unsupported_style_feature_names_style_and_element(tmp_path: Path) -> None:
    style = tmp_path / "broken.csl"
    style.write_text(
        '<?xml version="1.0"?><style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" '
        'version="1.0"><info><title>Broken</title><id>broken</id></info>'
        '<citation><layout><text variable="title"/></layout></citation>'
        '<bibliography><layout><text macro="missing-macro"/></layout></bibliography></style>',
        encoding="utf-8",
    )
    with pytest.raises(StyleError) as info:
        render_bibliography([{"id": "a", "type": "book", "title": "T"}], style=str(style))
    message = str(info.value)
    assert "style broken" in message and "missing-macro" in message and "\n" not in message


def test_style_without_bibliography(tmp_path: Path) -> None:
    style = tmp_path / "notes.csl"
    style.write_text(
        '<?xml version="1.0"?><style xmlns="http://purl.org/net/xbiblio/csl" class="note" '
        'version="1.0"><info><title>N</title><id>n</id></info>'
        '<citation><layout><text variable="title"/></layout></citation></style>',
        encoding="utf-8",
    )
    with pytest.raises(StyleError, match="no bibliography"):
        render_bibliography([{"id": "a", "type": "book", "title": "T"}], style=str(style))
    assert render_citations(
        [{"id": "a", "type": "book", "title": "T"}], [[{"id": "a"}]], style=str(style)
    ) == ["T"]


@pytest.mark.parametrize(
    ("raw", "parts"),
    [
        ("2018-03-15", [[2018, 3, 15]]),
        ("2018-03", [[2018, 3]]),
        ("June 2022", [[2022, 6]]),
        ("3 June 2022", [[2022, 6, 3]]),
        ("2019/2020", [[2019], [2020]]),
        ("Spring 2001", [[2001, 13]]),
        ("someday", None),
    ],
)
def test_parse_raw_date(raw: str, parts: list[list[int]] | None) -> None:
    assert parse_raw_date(raw) == parts


def test_raw_and_literal_dates_render() -> None:
    items = [
        {"id": "r", "type": "book", "title": "Raw", "issued": {"raw": "June 2022"}},
        {"id": "l", "type": "book", "title": "Lit", "issued": {"literal": "ca. 1850"}},
        {"id": "s", "type": "book", "title": "Str", "issued": {"date-parts": [["2001", "5"]]}},
    ]
    out = dict(render_bibliography(items, style="apa"))
    assert "(2022)" in out["r"] and "(ca. 1850)" in out["l"] and "(2001)" in out["s"]
