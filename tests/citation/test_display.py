"""Parts of bibliography entries rendered by elements with ``display``."""

from __future__ import annotations

from biblioconv.formats.citation.markup import ITALIC, convert, display


def marked(kind: str, text: str) -> str:
    return str(display(kind, text))


def test_display_parts_in_html_as_citeproc_js_writes_them() -> None:
    text = marked("block", "Doe") + marked("left-margin", "1999") + marked("right-inline", "Title")
    assert convert(text, "html", entry=True) == (
        '<div class="csl-block">Doe</div>\n\n    <div class="csl-left-margin">1999</div>'
        '<div class="csl-right-inline">Title</div>'
    )
    text = "Smith, " + ITALIC[0] + "Book" + ITALIC[1] + marked("indent", "Abstract.")
    assert convert(text, "html", entry=True) == (
        'Smith, <i>Book</i><div class="csl-indent">Abstract.</div>'
    )


def test_empty_parts_are_dropped_and_other_outputs_are_inline() -> None:
    text = marked("block", "") + marked("left-margin", "[1]") + marked("right-inline", "Title")
    assert convert(text, "html", entry=True).startswith('<div class="csl-left-margin">[1]</div>')
    assert convert(text, "text", entry=True) == "[1] Title"
    assert convert(text, "text") == "[1]Title"
    assert convert(marked("indent", "x"), "html") == "x"
