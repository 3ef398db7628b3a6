"""Property tests of the MODS reader and writer: any MODS document built from arbitrary text in
its elements reads without an error other than biblioconv's, and any record written to MODS is
valid MODS 3.8 and reads back as it was, or a diagnostic of the write names the difference."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from testsupport import SCHEMAS

import biblioconv
from biblioconv import readback
from biblioconv.errors import BiblioconvError
from biblioconv.model import Record
from biblioconv.validation import xsd

M = "{http://www.loc.gov/mods/v3}"

# XML-safe text (no control characters, no surrogates)
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
    max_size=30,
)
WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzÄöüßéøł -.", min_size=1, max_size=12).filter(
    lambda s: s.strip() != ""
)
ELEMENTS = st.sampled_from(
    [
        ("titleInfo", "title"),
        ("titleInfo", "subTitle"),
        ("name", "namePart"),
        ("originInfo", "dateIssued"),
        ("originInfo", "publisher"),
        ("abstract", None),
        ("note", None),
        ("genre", None),
        ("typeOfResource", None),
        ("identifier", None),
        ("language", "languageTerm"),
        ("subject", "topic"),
        ("relatedItem", "titleInfo"),
        ("part", "detail"),
        ("physicalDescription", "extent"),
        ("accessCondition", None),
    ]
)
ATTRS = st.dictionaries(
    st.sampled_from(["type", "authority", "encoding", "point", "lang", "unit"]), WORD, max_size=2
)


@given(st.lists(st.tuples(ELEMENTS, ATTRS, TEXT), max_size=12))
@settings(max_examples=150, deadline=None)
def test_reader_takes_any_mods_built_of_any_text(items: list[Any]) -> None:
    root = etree.Element(M + "mods")
    for (outer, inner), attrs, text in items:
        elem = etree.SubElement(root, M + outer)
        target = etree.SubElement(elem, M + inner) if inner else elem
        for key, value in attrs.items():
            target.set(key, value)
        target.text = text
    data = etree.tostring(root)
    try:
        records = biblioconv.loads(data, "mods")
    except BiblioconvError:
        return
    assert len(records) <= 1
    for record in records:
        Record.model_validate(record.model_dump())  # a record of the model
        assert biblioconv.dumps(records, "mods")  # and writable back


PEOPLE = st.lists(
    st.fixed_dictionaries(
        {"family": WORD, "given": WORD},
        optional={
            "role": st.sampled_from(["author", "editor", "translator", "container-author"]),
            "kind": st.just("person"),
        },
    ),
    max_size=5,
)
DATES = st.lists(
    st.builds(
        lambda t, y, m, d: {"type": t, "start": {"year": y, "month": m, "day": d if m else None}},
        st.sampled_from(["issued", "created", "accessed", "submitted", "copyrighted"]),
        st.integers(1000, 2100),
        st.none() | st.integers(1, 12),
        st.none() | st.integers(1, 28),
    ),
    max_size=3,
)


@given(
    title=WORD,
    people=PEOPLE,
    dates=DATES,
    kind=st.sampled_from(["article-journal", "book", "chapter", "report", "dataset", "thesis"]),
    volume=st.none() | WORD,
    doi=st.none() | st.from_regex(r"10\.[0-9]{4}/[a-z0-9]{1,8}", fullmatch=True),
)
@settings(max_examples=80, deadline=None)
def test_any_record_writes_valid_mods_and_reads_back(
    title: str,
    people: list[dict[str, Any]],
    dates: list[dict[str, Any]],
    kind: str,
    volume: str | None,
    doi: str | None,
) -> None:
    data: dict[str, Any] = {
        "type": kind,
        "titles": [{"text": title}],
        "contributors": people,
        "dates": dates,
    }
    if volume:
        data["container"] = {"titles": [{"text": "Journal"}], "volume": volume}
    if doi:
        data["identifiers"] = [{"scheme": "doi", "value": doi}]
    record = Record.model_validate(data)
    text = biblioconv.dumps([record], "mods")
    schema = xsd(str(SCHEMAS), "mods/3.8/mods-3-8.xsd")
    assert schema.validate(etree.ElementTree(etree.fromstring(text.encode()))), schema.error_log
    assert list(readback.check([record], "mods")) == []
    [back] = biblioconv.loads(text, "mods")
    assert back.type == kind

    def norm(value: str | None) -> str:
        return " ".join((value or "").split())

    # every person comes back (a chapter's editors may move after its authors, as reported)
    assert sorted((norm(c.family), c.role) for c in back.contributors) == sorted(
        (norm(c.family), c.role) for c in record.contributors
    )
