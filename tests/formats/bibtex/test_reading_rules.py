"""The BibTeX/BibLaTeX reader takes fields by the rule table: type-dependent homes, the first of
several fields for one home, and fields read with another one."""

from __future__ import annotations

import pytest

import biblioconv
from biblioconv.formats.bibtex.crosswalk import ALL_RULES
from biblioconv.rules import RuleContext


def _read(text: str, fmt: str = "biblatex") -> biblioconv.Record:
    (record,) = biblioconv.read(text.encode(), fmt)
    return record


@pytest.mark.parametrize(
    ("etype", "hub", "home"),
    [
        ("article", "article-journal", "container.issue"),
        ("techreport", "report", "number"),
        ("book", "book", "series.number"),
        ("incollection", "chapter", "series.number"),
    ],
)
def test_number_home_depends_on_the_entry_type(etype: str, hub: str, home: str) -> None:
    ctx = RuleContext(hub, etype, fields={"number": "7"})
    rule = ALL_RULES.rule_for("number", ctx)
    assert rule is not None and rule.home == home


def test_first_container_title_wins_and_the_other_is_kept() -> None:
    r = _read("@article{a, journaltitle = {First}, journal = {Second}, title = {T}}")
    assert [t.text for t in r.container.titles] == ["First"]
    assert r.container.type == "periodical"
    assert r.extras["biblatex"]["journal"] == "Second"


def test_thesis_publisher_is_its_school() -> None:
    r = _read("@phdthesis{a, publisher = {P}, school = {S}, title = {T}}", "bibtex")
    assert r.publisher.name == "S"
    assert r.extras["bibtex"]["publisher"] == "P"


def test_organization_is_a_sponsor_beside_a_publisher() -> None:
    r = _read("@manual{a, organization = {O}, publisher = {P}, title = {T}}", "bibtex")
    assert r.publisher.name == "P"
    assert [(c.role, c.literal) for c in r.contributors] == [("sponsor", "O")]
    r = _read("@manual{a, organization = {O}, title = {T}}", "bibtex")
    assert r.publisher.name == "O" and not r.contributors


def test_location_beside_address_is_the_event_place_of_a_part() -> None:
    r = _read("@inproceedings{a, location = {L}, address = {A}, booktitle = {B}}", "bibtex")
    assert (r.publisher.place, r.event.place) == ("A", "L")
    r = _read("@book{a, location = {L}, address = {A}, title = {T}}", "bibtex")
    assert r.publisher.place == "A" and r.extras["bibtex"]["location"] == "L"


def test_eprint_scheme_from_eprinttype_which_is_consumed() -> None:
    r = _read("@online{a, eprint = {123}, eprinttype = {jstor}, title = {T}}")
    assert [(i.scheme, i.value) for i in r.identifiers] == [("jstor", "123")]
    assert "eprinttype" not in r.extras.get("biblatex", {})
    r = _read("@online{a, eprint = {x-1}, title = {T}}")
    assert not r.identifiers and r.extras["biblatex"]["eprint"] == "x-1"
    r = _read("@online{a, eprinttype = {jstor}, title = {T}}")
    assert r.extras["biblatex"]["eprinttype"] == "jstor"


def test_issn_field_with_two_issns_gives_an_eissn() -> None:
    r = _read("@article{a, issn = {0028-0836, 1476-4687}, journaltitle = {N}}")
    assert [i.scheme for i in r.container.identifiers] == ["issn", "eissn"]


def test_lone_url_in_howpublished_is_the_url() -> None:
    r = _read("@misc{a, howpublished = {\\url{https://example.org/x}}, title = {T}}", "bibtex")
    assert [(i.scheme, i.value) for i in r.identifiers] == [("url", "https://example.org/x")]
    assert not r.formats


def test_names_keep_field_order_and_et_al() -> None:
    r = _read("@book{a, editor = {E. Ed}, author = {A. Au and others}, title = {T}}")
    assert [(c.role, c.family) for c in r.contributors] == [("editor", "Ed"), ("author", "Au")]
    assert r.et_al == ["author"]
