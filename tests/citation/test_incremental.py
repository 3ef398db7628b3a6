"""Clusters appended to a CitationSession render as a full rendering of the document does."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from biblioconv import CitationSession
from biblioconv.formats.citation.engine import render_citations

STYLES = [
    "apa",  # author-date: disambiguation with a global given-name rule, year suffixes
    "chicago-author-date",
    "chicago-notes-bibliography",  # notes: ibid, subsequent, first-reference-note-number
    "ieee",  # numeric, numbered by first citation
    "acm-sig-proceedings",  # numeric, numbered in sorted bibliography order
]
FAMILIES = ["Doe", "Smith", "Nguyen"]
GIVENS = ["Jane", "John", "Ann", "Anne"]

names = st.lists(
    st.fixed_dictionaries({"family": st.sampled_from(FAMILIES), "given": st.sampled_from(GIVENS)}),
    min_size=1,
    max_size=3,
)
items = st.lists(
    st.fixed_dictionaries(
        {
            "type": st.sampled_from(["book", "article-journal"]),
            "title": st.sampled_from(["Soil", "Rivers", "Memory"]),
            "author": names,
            "issued": st.sampled_from([2001, 2002]).map(lambda y: {"date-parts": [[y]]}),
        }
    ),
    min_size=1,
    max_size=8,
)
cite = st.fixed_dictionaries(
    {"n": st.integers(0, 7)},
    optional={
        "locator": st.sampled_from(["12", "13"]),
        "prefix": st.sampled_from(["see ", "cf. "]),
        "suppress-author": st.just(True),
    },
)
clusters = st.lists(
    st.tuples(st.lists(cite, min_size=1, max_size=3), st.sampled_from([None, None, 0, 1, 3])),
    min_size=1,
    max_size=10,
)


def _cites(raw: list[dict[str, Any]], count: int) -> list[dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for c in raw:
        key = f"item{c['n'] % count}"
        out.setdefault(key, {**{k: v for k, v in c.items() if k != "n"}, "id": key})
    return list(out.values())


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
@given(st.sampled_from(STYLES), items, clusters)
def test_appended_clusters_match_a_full_rendering(
    style: str, raw_items: list[dict[str, Any]], document: list[Any]
) -> None:
    catalog = [{**item, "id": f"item{i}"} for i, item in enumerate(raw_items)]
    session = CitationSession(style, items=catalog)
    previous: list[str] = []
    for raw, note in document:
        result = session.cite(_cites(raw, len(catalog)), note=note)
        clusters = session.clusters
        # the items in first-cited order of the items, as the session registers them
        order = list(dict.fromkeys(str(c["id"]) for cl in clusters for c in cl.cites))
        full = render_citations(
            [next(i for i in catalog if i["id"] == key) for key in order],
            [list(cl.cites) for cl in clusters],
            style=style,
            notes=[cl.note for cl in clusters],
        )
        texts = [cl.text for cl in clusters]
        assert texts == full
        assert result.text == texts[-1]
        changed = {clusters[i].id for i, t in enumerate(previous) if t != texts[i]}
        assert {c.id for c in result.updated} == changed
        assert all(texts[c.index] == c.text for c in result.updated)
        previous = texts


def test_an_edit_then_appending_again_matches_a_full_rendering() -> None:
    catalog = [
        {"id": f"i{n}", "type": "book", "title": "T", "author": [{"family": "Doe", "given": g}]}
        | {"issued": {"date-parts": [[2000]]}}
        for n, g in enumerate(["Jane", "John", "Jane"])
    ]
    session = CitationSession("apa", items=catalog)
    session.cite(["i0"], id="a")
    session.cite(["i1"], id="b")
    session.cite(["i2"], id="c", index=0)  # an edit: full rendering, then appending again
    session.remove("b")
    session.cite(["i1", "i0"])
    clusters = session.clusters
    full = render_citations(
        [catalog[2], catalog[0], catalog[1]], [list(c.cites) for c in clusters], style="apa"
    )
    assert [c.text for c in clusters] == full
