"""Property tests of the EndNote XML reader and writer: any library built of arbitrary text in
its elements reads without an error other than biblioconv's, and any record written reads back
as it was, or a diagnostic of the write names the difference."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import biblioconv
from biblioconv import readback
from biblioconv.errors import BiblioconvError
from biblioconv.formats.endnote_xml.xmlio import ORDER
from biblioconv.model import Record

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
    max_size=30,
)
WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzÄöüßéøł -.", min_size=1, max_size=12).filter(
    lambda s: s.strip() != ""
)
PATHS = st.sampled_from(
    [
        "ref-type",
        "titles/title",
        "titles/secondary-title",
        "contributors/authors/author",
        "contributors/secondary-authors/author",
        "dates/year",
        "dates/pub-dates/date",
        "pages",
        "volume",
        "isbn",
        "electronic-resource-num",
        "keywords/keyword",
        "urls/related-urls/url",
        "language",
        "custom3",
        "periodical/full-title",
        *ORDER[:10],
    ]
)
FACES = st.sampled_from(["normal", "italic", "bold", "bold italic", "superscript", "subscript"])


@given(st.lists(st.tuples(PATHS, st.lists(st.tuples(FACES, TEXT), max_size=3), TEXT), max_size=15))
@settings(max_examples=150, deadline=None)
def test_reader_takes_any_library_built_of_any_text(items: list[Any]) -> None:
    root = etree.Element("xml")
    record = etree.SubElement(etree.SubElement(root, "records"), "record")
    for path, runs, text in items:
        parent = record
        *heads, leaf = path.split("/")
        for head in heads:
            found = parent.find(head)
            parent = found if found is not None else etree.SubElement(parent, head)
        elem = etree.SubElement(parent, leaf)
        elem.text = text
        for face, run in runs:
            style = etree.SubElement(elem, "style", face=face, font="default", size="100%")
            style.text = run
    try:
        records = biblioconv.loads(etree.tostring(root), "endnote-xml")
    except BiblioconvError:
        return
    assert len(records) == 1
    assert biblioconv.dumps(records, "endnote-xml")
    assert list(readback.check(records, "endnote-xml")) == []


@given(
    title=WORD,
    rich=st.booleans(),
    people=st.lists(
        st.fixed_dictionaries(
            {"family": WORD, "given": WORD},
            optional={"role": st.sampled_from(["author", "editor", "translator"])},
        ),
        max_size=5,
    ),
    year=st.none() | st.integers(1000, 2100),
    month=st.none() | st.integers(1, 12),
    kind=st.sampled_from(["article-journal", "book", "chapter", "report", "webpage", "thesis"]),
    pages=st.none() | st.from_regex(r"[1-9][0-9]{0,3}-[1-9][0-9]{0,3}", fullmatch=True),
)
@settings(max_examples=80, deadline=None)
def test_any_record_reads_back_or_names_the_difference(
    title: str,
    rich: bool,
    people: list[dict[str, Any]],
    year: int | None,
    month: int | None,
    kind: str,
    pages: str | None,
) -> None:
    data: dict[str, Any] = {
        "type": kind,
        "titles": [{"text": f"<i>{title}</i> x" if rich else title}],
        "contributors": people,
    }
    if year:
        data["dates"] = [{"type": "issued", "start": {"year": year, "month": month}}]
    if pages:
        data["container"] = {"titles": [{"text": "J"}], "pages": {"literal": pages}}
    record = Record.model_validate(data)
    assert list(readback.check([record], "endnote-xml")) == []
    [back] = biblioconv.loads(biblioconv.dumps([record], "endnote-xml"), "endnote-xml")
    assert back.type == kind
    assert len(back.contributors) == len(record.contributors)
