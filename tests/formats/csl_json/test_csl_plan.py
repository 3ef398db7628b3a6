"""The compiled CSL-JSON writing plan gives what the generic rule functions give: the same
variables in the same order, the same paths not carried (in order), the same paths carried
approximately and the same ``custom.biblioconv`` patches, over every golden record of every
format, a sample of the shared corpus and hand-made records that take the rarer ways (a subtitle
carried approximately, inexact pages, keywords with commas, persons known only by an ORCID,
organisations with a family name, a date's text beside its value, list elements out of order)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from testsupport import ROOT, SHARED

import biblioconv
from biblioconv.formats.csl_json.crosswalk import CROSSWALK, RULE_TABLE
from biblioconv.formats.csl_json.mapping import _PLAN, _SKIP
from biblioconv.formats.csl_json.plan import Written, preserve, uncarried
from biblioconv.model import Record
from biblioconv.rules import RuleContext
from biblioconv.rules import preserve as generic_preserve
from biblioconv.rules import uncarried as generic_uncarried

HAND_MADE: list[dict[str, Any]] = [
    {
        "type": "chapter",
        "titles": [
            {"text": "Sub", "type": "subtitle"},
            {"text": "Main"},
            {"text": "Short", "type": "short"},
        ],
        "contributors": [
            {"role": "editor", "family": "Z"},
            {"family": "Doe", "given": "J.", "literal": "John Doe", "lang": "en"},
            {"identifiers": [{"scheme": "orcid", "value": "0000-0002-1825-0097"}]},
            {"kind": "organization", "literal": "ACME", "family": "Acme"},
            {"literal": "Plato"},
            {"role": "editor", "family": "A", "affiliations": [{"name": "U"}]},
        ],
        "dates": [
            {"type": "issued", "start": {"year": 2018}, "literal": "2018 Nov-Dec"},
            {"type": "accessed", "start": {"year": 2020, "month": 3, "time": "10:00"}},
            {"type": "created", "start": {"year": 2001}},
        ],
        "container": {
            "type": "book",
            "titles": [{"text": "Book"}],
            "identifiers": [
                {"scheme": "isbn", "value": "0801486394 (pbk.)"},
                {"scheme": "issn", "value": "1234-5678", "label": "print"},
            ],
            "pages": {"first": "5", "last": "7", "literal": "5-7 and plates"},
            "number": "5",
            "number_type": "Chapter",
        },
        "identifiers": [
            {"scheme": "doi", "value": "10.1/x", "scheme_uri": "https://doi.org"},
            {"scheme": "arxiv", "value": "2101.00001"},
            {"scheme": "url", "value": "https://x.org"},
        ],
        "subjects": [{"term": "a, b"}, {"term": "c", "scheme": "LCSH"}],
        "sizes": ["1 vol", "2 MB"],
        "formats": ["print"],
        "event": {"title": "Conf", "date": {"type": "event", "start": {"year": 2017}}},
        "extras": {"bibtex": {"note": "x"}, "csl-json": {"citation-label": "L"}},
        "native_types": {"csl-json": "chapter"},
    },
    {
        "type": "article-journal",
        "titles": [{"text": "T", "lang": "en"}],
        "container": {
            "titles": [{"text": "J"}],
            "identifiers": [
                {"scheme": "issn", "value": "1234-5678"},
                {"scheme": "eissn", "value": "8765-4321"},
                {"scheme": "issn", "value": "1234-5678"},
            ],
            "pages": {"first": "e12"},
            "number": "104501",
        },
        "contributors": [
            {"role": "editor", "family": "E"},
            {"family": "A"},
            {"role": "translator", "family": "T"},
            {"family": "B", "comma_suffix": True, "suffix": "Jr."},
        ],
        "event": {"date": {"type": "event", "start": {"year": 2017}, "open_end": True}},
        "publication_status": "published",
        "relations": [
            {"type": "References", "citation": "Ref"},
            {"type": "IsPartOf", "citation": "P"},
        ],
    },
    {"type": "periodical", "identifiers": [{"scheme": "issn", "value": "1234-5678"}]},
    {"type": "document"},
]


def _records() -> list[Record]:
    records = [Record.model_validate(r) for r in HAND_MADE]
    for path in sorted((ROOT / "tests" / "formats").glob("*/cases/*.record.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        records += [Record.model_validate(d) for d in (data if isinstance(data, list) else [data])]
    corpus = SHARED / "corpus"
    bib = biblioconv.loads((corpus / "bibtex-real.bib").read_bytes(), "bibtex", strict=False)
    records += bib[::25]
    for ris in sorted((corpus / "ris").glob("*.ris")):
        records += biblioconv.loads(ris.read_bytes(), "ris", strict=False)[::5]
    return records


RECORDS = _records()


def _context(record: Record) -> RuleContext:
    native = CROSSWALK.type_from_hub(record.type) or "document"
    return RuleContext(hub_type=record.type, native_type=native, record=record)


def _same(record: Record, inferred: bool) -> None:
    generic_item: dict[str, Any] = {"id": "x"}
    planned_item: dict[str, Any] = {"id": "x"}
    _, carried = RULE_TABLE.write(record, _context(record), generic_item)
    written = _PLAN.write(record, _context(record), planned_item)
    assert list(planned_item.items()) == list(generic_item.items())
    assert list(written.approx.items()) == list(carried.approx.items())
    if inferred:  # as the writer marks what the reader infers from the item's type
        carried.mark(["container.type", "container.number_type"])
        written.mark(("container", "type"))
        written.mark(("container", "number_type"))
    lost = generic_uncarried(record, carried, skip=_SKIP)
    planned = uncarried(record, written, _SKIP)
    assert [p for p, _ in planned] == lost
    patches = generic_preserve(record, carried, roots=lost)
    assert json.dumps(preserve(record, written, planned)) == json.dumps(patches)


@pytest.mark.parametrize("inferred", [False, True])
def test_the_plan_gives_what_the_rules_give(inferred: bool) -> None:
    assert len(RECORDS) > 1000
    for record in RECORDS:
        _same(record, inferred)


def test_an_untracked_write_gives_the_same_variables() -> None:
    """Without tracking (citing: nothing is kept or reported), the plan writes the very same
    variables, in the same order, and marks nothing."""
    for record in RECORDS:
        tracked: dict[str, Any] = {"id": "x"}
        untracked: dict[str, Any] = {"id": "x"}
        _PLAN.write(record, _context(record), tracked)
        written = _PLAN.write(record, _context(record), untracked, track=False)
        assert list(untracked.items()) == list(tracked.items())
        assert not written.approx and not written.marks


def test_the_rarer_ways_are_taken() -> None:
    """The hand-made records do go through approximations, partial elements and reordering."""
    record = RECORDS[0]
    written = _PLAN.write(record, _context(record), {})
    assert {"titles[0]", "container.pages"} <= set(written.approx)
    assert any(p.startswith("contributors[") for p in written.approx)
    lost = [p for p, _ in uncarried(record, written, _SKIP)]
    assert {"contributors[1].lang", "dates[1].start.time", "identifiers[0].scheme_uri"} <= set(lost)
    assert "@order" in preserve(record, written, uncarried(record, written, _SKIP))


def test_written_marks_a_path_once_carried_whole() -> None:
    written = Written()
    written.mark(("container", "identifiers", 0, "scheme"))
    written.mark(("container", "identifiers"))
    written.mark(("container", "identifiers", 1))
    assert written.marks == {"container": {"identifiers": True}}
