"""The rules core (biblioconv.rules): concrete paths, the compiled getters, what a rule table
carried, and the patches that make CSL-JSON exact. The CSL-JSON table serves as the worked
example: record -> CSL-JSON -> record must give the record back for any record, and the item must
hold in ``custom`` no more than what the variables did not carry."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import biblioconv
from biblioconv.crosswalk import parse_path
from biblioconv.formats.csl_json.crosswalk import RULE_TABLE
from biblioconv.formats.csl_json.mapping import csl_to_record, record_to_csl
from biblioconv.model import Record
from biblioconv.report import ConversionReport
from biblioconv.rules import (
    Carried,
    Rule,
    RuleContext,
    RuleTable,
    apply_patches,
    getter,
    leaves,
    preserve,
    put,
    select,
    split_path,
    uncarried,
)

SAMPLE = Record.model_validate(
    {
        "titles": [{"text": "Main"}, {"text": "Sub", "type": "subtitle"}],
        "contributors": [
            {"family": "A", "given": "B", "identifiers": [{"scheme": "orcid", "value": "x"}]},
            {"family": "E", "role": "editor"},
        ],
        "formats": ["a", "b"],
        "container": {"titles": [{"text": "J"}], "volume": "3"},
        "extras": {"bibtex": {"note": "n"}},
    }
)


def test_leaves_name_every_value_by_concrete_path() -> None:
    got = leaves(SAMPLE)
    assert got["titles[1].type"] == "subtitle"
    assert got["contributors[0].identifiers[0].value"] == "x"
    assert got["contributors[1].role"] == "editor"
    assert got["formats[1]"] == "b"
    assert got["container.volume"] == "3"
    assert got["extras.bibtex.note"] == "n"
    assert "titles[0].type" not in got  # the default
    assert split_path("contributors[2].identifiers[0].value") == [
        "contributors",
        2,
        "identifiers",
        0,
        "value",
    ]


def test_put_builds_record_data_from_homes() -> None:
    data: dict[str, Any] = {}
    put(data, "titles(type=main).text", "T")
    put(data, "titles(type=short).text", "S")
    put(data, "contributors(role=editor)", [{"family": "E"}])
    put(data, "publisher.name", "P")
    put(data, "publisher.place", "Q")
    put(data, "identifiers(scheme=doi)", "10.1/x")
    put(data, "formats", "pdf")
    record = Record.model_validate(data)
    assert [(t.type, t.text) for t in record.titles] == [("main", "T"), ("short", "S")]
    assert record.editors[0].family == "E"
    assert (record.publisher.name, record.publisher.place) == ("P", "Q")  # type: ignore[union-attr]
    assert record.doi == "10.1/x" and record.formats == ["pdf"]


def test_compiled_getters_agree_with_select() -> None:
    homes = {r.home for r in RULE_TABLE.rules if r.home != "extras"}
    records = list(biblioconv.read(_example()))
    for record in [SAMPLE, *records]:
        for home in homes:
            assert getter(home)(record) == select(record, home), home


def test_a_table_reports_what_it_did_not_carry_finely() -> None:
    table = RuleTable(
        [
            Rule("T", "titles(type=main).text"),
            Rule("A", "contributors(role=author)", take="all", parts=("family", "given")),
            Rule("F", "formats"),  # the first format only
        ]
    )
    native, carried = table.write(SAMPLE, RuleContext(record=SAMPLE))
    assert native == {"T": "Main", "A": SAMPLE.contributors[0], "F": "a"}
    assert uncarried(SAMPLE, carried, skip=("extras",)) == [
        "titles[1]",
        "contributors[0].identifiers[0]",
        "contributors[1]",
        "container",
        "formats[1]",
    ]


def test_uses_and_exact_make_a_value_approximate() -> None:
    table = RuleTable([Rule("T", "titles(type=main).text", uses=("titles(type=subtitle)",))])
    _, carried = table.write(SAMPLE, RuleContext(record=SAMPLE))
    assert carried.approx == {"titles[1]": "T"}


def test_patches_put_back_order_insertions_and_parts() -> None:
    data: dict[str, Any] = {
        "identifiers": [{"scheme": "doi", "value": "10.1/a"}, {"scheme": "url", "value": "u"}],
        "contributors": [{"family": "A"}],
    }
    apply_patches(
        data,
        {
            "@order": {"identifiers": [2, 0]},
            "identifiers[1]": {"scheme": "local", "value": "L"},
            "contributors[0].affiliations": [{"name": "X"}],
        },
    )
    assert [i["scheme"] for i in data["identifiers"]] == ["url", "local", "doi"]
    assert data["contributors"][0]["affiliations"] == [{"name": "X"}]


def test_preserve_keeps_only_what_was_not_carried() -> None:
    carried = Carried()
    carried.mark(["titles[0].text", "titles[0].type", "container", "formats[0]"])
    carried.partial["contributors[0]"] = {"family": True, "given": True}
    carried.partial["contributors[1]"] = {"family": True, "role": True}
    patches = preserve(SAMPLE, carried, skip=("extras",))
    assert patches == {
        "titles[1]": {"text": "Sub", "type": "subtitle"},
        "contributors[0].identifiers[0]": {"scheme": "orcid", "value": "x", "valid": False},
        "formats[1]": "b",
    }


# -- CSL-JSON: exact trips, lean items ---------------------------------------------------------

_word = st.text(st.sampled_from("abcdefgh"), min_size=1, max_size=6)
_SCHEMES = ["doi", "url", "isbn", "pmid", "arxiv", "local"]
_ROLES = ["author", "editor", "translator", "author", "contributor", "contact-person"]
_DATES = ["issued", "accessed", "accepted", "submitted", "available", "issued"]


@st.composite
def _records(draw: st.DrawFn) -> Record:
    people = [
        {
            "family": draw(_word).capitalize(),
            "given": draw(_word),
            "role": draw(st.sampled_from(_ROLES)),
            **(
                {"identifiers": [{"scheme": "orcid", "value": "0000-0002-1825-0097"}]}
                if draw(st.booleans())
                else {}
            ),
            **({"affiliations": [{"name": draw(_word)}]} if draw(st.booleans()) else {}),
        }
        for _ in range(draw(st.integers(0, 4)))
    ]
    if draw(st.booleans()):
        people.insert(draw(st.integers(0, len(people))), {"kind": "organization", "literal": "O"})
    titles = [{"text": draw(_word)}]
    if draw(st.booleans()):
        titles.append({"text": draw(_word), "type": draw(st.sampled_from(["subtitle", "short"]))})
    data: dict[str, Any] = {
        "citation_key": "k" + draw(_word),
        "type": draw(st.sampled_from(["article-journal", "book", "chapter", "dataset", "report"])),
        "titles": draw(st.permutations(titles)),
        "contributors": people,
        "dates": [
            {"type": t, "start": {"year": draw(st.integers(1900, 2030))}}
            for t in draw(st.lists(st.sampled_from(_DATES), max_size=4))
        ],
        "identifiers": [
            {"scheme": s, "value": f"10.1/{draw(_word)}" if s == "doi" else draw(_word)}
            for s in draw(st.lists(st.sampled_from(_SCHEMES), max_size=4))
        ],
        "subjects": [
            {"term": t} for t in draw(st.lists(st.sampled_from(["a", "b, c"]), max_size=3))
        ],
        "formats": draw(st.lists(_word, max_size=2)),
        "peer_reviewed": draw(st.sampled_from([None, True])),
        "extras": {"ris": {"N1": "x"}} if draw(st.booleans()) else {},
    }
    if draw(st.booleans()):
        data["container"] = {
            "titles": [{"text": draw(_word)}],
            "type": draw(st.sampled_from([None, "periodical", "book"])),
            "volume": draw(st.sampled_from([None, "3"])),
            "number": draw(st.sampled_from([None, "e5"])),
        }
    return Record.model_validate(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_records())
def test_csl_json_trip_is_exact_and_custom_holds_only_the_losses(record: Record) -> None:
    report = ConversionReport()
    item = record_to_csl(record, report)
    assert csl_to_record(json.loads(json.dumps(item))) == record
    preserved = {d.field or "" for d in report.diagnostics if d.code.value == "FIELD_PRESERVED"}
    approximated = {d.field for d in report.by_code("VALUE_COERCED")}
    custom = item.get("custom", {}).get("biblioconv", {})
    if not (preserved or approximated or record.extras):
        # but for list order and what the reader would infer from the type
        assert set(custom) <= {"@order", "container.type", "container.number_type"}
    # each preserved value is there, under its own path (other formats' fields under extras)
    assert {"extras" if f.startswith("extras.") else f for f in preserved} <= set(custom)


def test_every_rule_home_is_a_model_path() -> None:
    for rule in RULE_TABLE.rules:
        if rule.home != "extras":
            assert parse_path(rule.home)
    assert RULE_TABLE.check() == []
    assert RuleTable([Rule("X", "titles(type=nonsense).text")]).check()


def _example() -> Any:
    from testsupport import ROOT

    return ROOT / "examples" / "social-innovators.record.json"


def test_a_crosswalk_gives_the_reason_for_a_concrete_path() -> None:
    from biblioconv.formats.csl_json.crosswalk import CROSSWALK

    record = Record.model_validate(
        {
            "dates": [
                {"type": "issued", "start": {"year": 2001}},
                {"type": "accepted", "start": {"year": 2000}},
            ],
            "contributors": [{"family": "A", "affiliations": [{"name": "X"}]}],
        }
    )
    assert CROSSWALK.reason(record, "dates[1]") == CROSSWALK.unmapped["dates(type=accepted)"]
    assert (
        CROSSWALK.reason(record, "contributors[0].affiliations[0]")
        == (CROSSWALK.unmapped["contributors.affiliations"])
    )
    assert CROSSWALK.reason(record, "dates[0]") == ""  # issued has a home
