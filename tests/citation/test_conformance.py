"""The test-suite fixture runner: reading fixtures, driving the engine, comparing, time limits."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from biblioconv.formats.citation import conformance
from biblioconv.formats.citation.conformance import (
    Fixture,
    FixtureError,
    Outcome,
    format_failure_list,
    normalise,
    parse_fixture,
    read_failure_list,
    run_fixture,
    summary,
)

STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id/><title/><updated>2009-08-10T04:49:00+09:00</updated></info>
  <citation><layout delimiter="; "><text variable="title"/></layout></citation>
  <bibliography><layout><text variable="title"/></layout></bibliography>
</style>"""
ITEMS = [{"id": "ITEM-1", "type": "book", "title": "Title A"}, {"id": "ITEM-2", "title": "B & C"}]


def fixture_text(mode: str, result: str, items: Any = ITEMS, **sections: Any) -> str:
    parts = [("MODE", mode), ("RESULT", result), ("CSL", STYLE), ("INPUT", json.dumps(items))]
    parts += [
        (name.replace("_", "-").upper(), json.dumps(value)) for name, value in sections.items()
    ]
    return "\n\n".join(f">>===== {n} =====>>\n{body}\n<<===== {n} =====<<" for n, body in parts)


def fixture(mode: str, result: str, items: Any = ITEMS, **sections: Any) -> Fixture:
    return parse_fixture(fixture_text(mode, result, items, **sections), "group_Example")


def test_sections_are_read_whatever_the_rule_length_and_after_a_byte_order_mark() -> None:
    text = (
        "\ufeff>>== MODE ==>>\ncitation\n<<== MODE ==<<\n"
        ">>==== RESULT ====>>\nTitle A\n<<==== RESULT ====<<\n"
        f">>===== CSL =====>>\n{STYLE}\n<<===== CSL =====<<\n"
        '>>===== CITATION-ITEMS ====>>\n[[{"id": "ITEM-1"}]]\n<<===== CITATION-ITEMS =====<<\n'
        f">>===== INPUT =====>>\n{json.dumps(ITEMS)}\n<<===== INPUT =====<<\n"
    )
    parsed = parse_fixture(text, "affix_Example")
    assert parsed.mode == "citation"
    assert parsed.result == "Title A"
    assert parsed.citation_items == [[{"id": "ITEM-1"}]]
    assert parsed.category == "affix"
    assert parsed.measured
    assert run_fixture(parsed).passed


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            ">>===== MODE =====>>\ncitation\n\n>>===== CSL =====>>\n",
            "line 1: section MODE is not closed",
        ),
        (">>== MODE ==>>\ncitation\n<<== MODE ==<<\n", "no RESULT section"),
        (fixture_text("citation", "x", items="{"), "section INPUT: not a list"),
    ],
)
def test_a_malformed_fixture_is_named_with_the_problem(text: str, message: str) -> None:
    with pytest.raises(FixtureError, match=message):
        parse_fixture(text, "bad_Fixture")


def test_an_unreadable_fixture_file_is_a_failure_not_an_error(tmp_path: Path) -> None:
    path = tmp_path / "bad_Fixture.txt"
    path.write_text(">>== MODE ==>>\ncitation\n<<== MODE ==<<\n", encoding="utf-8")
    outcome = run_fixture(path)
    assert not outcome.passed
    assert outcome.reason == "unreadable fixture: bad_Fixture: no RESULT section"


def test_comparison_normalises_whitespace_and_spellings_of_characters_not_markup() -> None:
    assert normalise("  A\n\t  &#38;  B ", markup=True) == normalise("A &amp; B", markup=True)
    assert normalise("A &#38; B", markup=False) == "A & B"
    # escaped tags are text, not markup
    assert normalise("1&#60;sup&#62;er&#60;/sup&#62;", markup=True) != normalise(
        "1<sup>er</sup>", markup=True
    )


def test_a_citation_fixture_cites_every_item_in_one_cluster_by_default() -> None:
    outcome = run_fixture(fixture("citation", "Title A; B &#38; C"))
    assert outcome.passed, outcome.reason
    assert outcome.actual == "Title A; B & C"


def test_a_bibliography_is_compared_as_the_reference_html() -> None:
    result = (
        '<div class="csl-bib-body">\n  <div class="csl-entry">Title A</div>\n'
        '  <div class="csl-entry">B &#38; C</div>\n</div>'
    )
    outcome = run_fixture(fixture("bibliography", result))
    assert outcome.passed, outcome.reason


def test_items_without_an_id_or_sharing_one_are_held_as_the_reference_runner_holds_them() -> None:
    items = [{"title": "No id"}, {"id": "X", "title": "First"}, {"id": "X", "title": "Second"}]
    outcome = run_fixture(fixture("citation", "No id; Second", items=items))
    assert outcome.passed, outcome.reason


def test_a_difference_is_a_one_line_reason_with_the_first_differing_characters() -> None:
    outcome = run_fixture(fixture("citation", "Title A; B and C"))
    assert not outcome.passed
    assert outcome.reason == (
        "output differs at character 12: expected 'Title A; B and C', got 'Title A; B & C'"
    )


def test_features_without_an_api_are_ignored_and_named_when_the_output_differs() -> None:
    cites = [[{"id": "ITEM-1", "uris": ["https://example.org"]}]]
    assert run_fixture(fixture("citation", "Title A", citation_items=cites)).passed
    outcome = run_fixture(fixture("citation", "ibid.", citation_items=cites))
    assert outcome.reason.startswith("needs cite fields uris; output differs at character 1")


def test_a_fixture_that_raises_fails_with_the_exception_in_one_line() -> None:
    outcome = run_fixture(fixture("citation", "x", citation_items=[[{"id": "NOPE"}]]))
    assert not outcome.passed
    assert outcome.actual is None
    assert outcome.reason == "raises CitationError: cite NOPE: no item with this id"
    outcome = run_fixture(fixture("citation", "x", citation_items=[[{"id": "ITEM-1"}, {}]]))
    assert outcome.reason == "raises CitationError: cite: each cite item needs an id"


def test_citations_are_cited_in_document_order_and_the_last_step_marked() -> None:
    steps = [
        [{"citationID": "C1", "citationItems": [{"id": "ITEM-1"}]}, [], []],
        [{"citationID": "C2", "citationItems": [{"id": "ITEM-2"}]}, [], [["C1", 2]]],
    ]
    parsed = fixture("citation", ">>[0] B &#38; C\n..[1] Title A", citations=steps)
    assert not parsed.measured
    outcome = run_fixture(parsed)
    assert outcome.passed, outcome.reason
    outcome = run_fixture(fixture("citation", "..[0] B &#38; C\n..[1] Title A", citations=steps))
    assert outcome.reason.startswith("output differs")


def _hang(fixture: Fixture, style_path: Path) -> str:
    time.sleep(5)
    return ""


def test_a_hanging_fixture_fails_when_its_time_is_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(conformance, "render_fixture", _hang)
    started = time.perf_counter()
    outcome = run_fixture(fixture("citation", "Title A"), timeout=0.2)
    assert time.perf_counter() - started < 2
    assert outcome.reason == "timed out after 0.2 s"


def test_the_time_limit_holds_off_the_main_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(conformance, "render_fixture", _hang)
    box: list[Outcome] = []
    worker = threading.Thread(
        target=lambda: box.append(run_fixture(fixture("citation", "Title A"), timeout=0.2))
    )
    worker.start()
    worker.join(3)
    assert box and box[0].reason == "timed out after 0.2 s"


def test_the_failure_list_round_trips(tmp_path: Path) -> None:
    outcomes = [
        Outcome("b_Two", False, "raises X"),
        Outcome("a_One", False, "output differs"),
        Outcome("a_Ok", True),
    ]
    path = tmp_path / "list.txt"
    path.write_text(format_failure_list(outcomes, "header\nlines"), encoding="utf-8")
    assert path.read_text(encoding="utf-8").startswith("# header\n# lines\na_One  output differs\n")
    assert read_failure_list(path) == {"a_One": "output differs", "b_Two": "raises X"}
    path.write_text("a_One  x\na_One  y\n", encoding="utf-8")
    with pytest.raises(FixtureError, match="line 2: a_One is listed twice"):
        read_failure_list(path)


def test_summary_gives_overall_measured_and_per_category_rates() -> None:
    outcomes = [
        Outcome("a_One", True),
        Outcome("a_Two", False, "x", measured=False),
        Outcome("b_One", False, "x"),
    ]
    text = summary(outcomes)
    assert "all fixtures: 1/3 (33.3%)" in text
    assert "without CITATIONS: 1/2 (50.0%)" in text
    assert "| a | 1 | 2 | 50.0 |" in text
