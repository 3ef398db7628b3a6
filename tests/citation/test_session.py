"""The citation session: clusters cited in document order, positions and updated clusters."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import biblioconv
from biblioconv.formats.citation import CitationError, StyleError
from biblioconv.formats.citation.session import CitationSession, Cluster

ITEMS: list[dict[str, Any]] = [
    {
        "id": "doe",
        "type": "book",
        "title": "A Book",
        "author": [{"family": "Doe", "given": "Jane"}],
        "issued": {"date-parts": [[2020]]},
        "publisher": "Pub",
    },
    {
        "id": "roe",
        "type": "book",
        "title": "Other Book",
        "author": [{"family": "Roe", "given": "Rick"}],
        "issued": {"date-parts": [[2019]]},
        "publisher": "Pub",
    },
]

# A note style showing every position, the note of the first reference and near-note.
NOTE_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <info><title>Positions</title><id>positions</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation near-note-distance="2">
    <layout suffix="." delimiter="; ">
      <choose>
        <if position="ibid-with-locator">
          <group delimiter=" "><text term="ibid"/><text variable="locator"/></group>
        </if>
        <else-if position="ibid"><text term="ibid"/></else-if>
        <else-if position="near-note">
          <group delimiter=" "><names variable="author"><name form="short"/></names>
            <text value="near"/><text variable="first-reference-note-number"/></group>
        </else-if>
        <else-if position="subsequent">
          <group delimiter=" "><names variable="author"><name form="short"/></names>
            <text value="supra n"/><text variable="first-reference-note-number"/></group>
        </else-if>
        <else>
          <group delimiter=", "><names variable="author"/><text variable="title"/>
            <text variable="locator"/></group>
        </else>
      </choose>
    </layout>
  </citation>
  <bibliography><layout><names variable="author"/><text variable="title" prefix=". "/></layout></bibliography>
</style>
"""


@pytest.fixture
def note_style(tmp_path: Path) -> str:
    path = tmp_path / "positions.csl"
    path.write_text(NOTE_STYLE, encoding="utf-8")
    return str(path)


def test_exported_from_the_package() -> None:
    assert biblioconv.CitationSession is CitationSession
    assert "CitationSession" in dir(biblioconv)
    assert all(not name.startswith("_") or name == "__version__" for name in dir(biblioconv))


def test_positions_follow_the_notes(note_style: str) -> None:
    session = CitationSession(note_style, items=ITEMS)
    assert session.cite([{"id": "doe", "locator": "12"}], note=1).text == "Jane Doe, A Book, 12."
    assert session.cite([{"id": "doe", "locator": "15"}], note=2).text == "Ibid. 15."
    assert session.cite([{"id": "doe", "locator": "15"}], note=2).text == "Ibid."
    # after a locator, a cite without one is not ibid (CSL): near-note, 1 note back
    assert session.cite(["doe"], note=3).text == "Doe near 1."
    assert session.cite(["doe"], note=3).text == "Ibid."
    assert session.cite(["roe"], note=4).text == "Rick Roe, Other Book."
    assert session.cite(["doe"], note=5).text == "Doe near 1."  # 2 notes after note 3
    assert session.cite(["roe"], note=9).text == "Roe supra n 4."
    # in one cluster: the second cite of the same item is ibid, not capitalised
    assert session.cite(["doe", "doe"], note=10).text == "Doe supra n 1; ibid."


def test_ibid_needs_the_previous_note_or_the_same_note(note_style: str) -> None:
    session = CitationSession(note_style, items=ITEMS)
    session.cite(["doe"], note=1)
    assert session.cite(["doe"], note=3).text == "Doe near 1."  # a note without citation between
    assert session.cite(["roe"], note=4).text == "Rick Roe, Other Book."
    assert session.cite(["doe"], note=7).text == "Doe supra n 1."  # 4 notes back: not near


def test_ibid_not_after_a_citation_of_several_items(note_style: str) -> None:
    session = CitationSession(note_style, items=ITEMS)
    session.cite(["doe", "roe"], note=1)
    assert session.cite(["roe"], note=2).text == "Roe near 1."


def test_a_prefix_ending_a_sentence_capitalises_ibid(note_style: str) -> None:
    session = CitationSession(note_style, items=ITEMS)
    session.cite(["doe"], note=1)
    assert session.cite([{"id": "doe", "prefix": "See "}], note=2).text == "See ibid."
    assert session.cite([{"id": "doe", "prefix": "As said. "}], note=3).text == "As said. Ibid."


def test_notes_default_to_one_per_cluster_in_a_note_style(note_style: str) -> None:
    session = CitationSession(note_style, items=ITEMS)
    session.cite(["doe"])
    session.cite(["roe"])
    assert [c.note for c in session.clusters] == [1, 2]


def test_inserting_a_cluster_updates_the_later_ones(note_style: str) -> None:
    session = CitationSession(note_style, items=ITEMS)
    first = session.cite(["doe"], id="a")
    assert (first.id, first.index, first.updated) == ("a", 0, ())
    session.cite(["roe"], id="b")
    result = session.cite(["roe"], id="c", index=0)
    assert result.index == 0 and result.text == "Rick Roe, Other Book."
    changed = {c.id: c.text for c in result.updated}
    assert changed == {"a": "Jane Doe, A Book.", "b": "Roe near 1."}
    assert [c.id for c in session.clusters] == ["c", "a", "b"]
    assert [c.index for c in result.updated] == [1, 2]


def test_editing_and_removing_clusters(note_style: str) -> None:
    session = CitationSession(note_style, items=ITEMS)
    session.cite(["doe"], id="a")
    session.cite(["doe"], id="b")
    assert session.clusters[1].text == "Ibid."
    edited = session.cite(["roe"], id="a")  # same id: replaced in place
    assert edited.index == 0
    assert [c.text for c in edited.updated] == ["Jane Doe, A Book."]
    # b's text stays, but its item's first note changes (1): reported, as citeproc-js does
    updated = session.remove("a")
    assert [(c.id, c.index, c.note, c.text) for c in updated] == [("b", 0, 1, "Jane Doe, A Book.")]
    assert [c.id for c in session.clusters] == ["b"]
    with pytest.raises(CitationError, match="not in the document"):
        session.remove("a")


def test_year_suffixes_update_earlier_clusters() -> None:
    second = dict(ITEMS[0], id="doe2", title="Second")
    session = CitationSession("apa", items=[*ITEMS, second])
    assert session.cite([{"id": "doe", "locator": "4"}]).text == "(Doe, 2020, p. 4)"
    result = session.cite(["doe2"])
    assert result.text == "(Doe, 2020b)"
    assert [(c.index, c.text) for c in result.updated] == [(0, "(Doe, 2020a, p. 4)")]
    bibliography = session.bibliography()
    assert [b.id for b in bibliography] == ["doe", "doe2"]
    assert bibliography[0].text.startswith("Doe, J. (2020a).")


def test_suppress_author_and_author_only() -> None:
    session = CitationSession("apa", items=ITEMS)
    assert session.cite([{"id": "doe", "suppress-author": True}]).text == "(2020)"
    assert session.cite([{"id": "doe", "author_only": True}]).text == "Doe"


def test_the_bibliography_holds_the_cited_items_only(note_style: str) -> None:
    session = CitationSession(note_style, output="html", items=ITEMS)
    assert session.bibliography() == []
    session.cite(["roe"])
    assert [b.id for b in session.bibliography()] == ["roe"]
    assert session.bibliography()[0].html == "Rick Roe. Other Book"


def test_records_are_items() -> None:
    records = biblioconv.loads(
        '[{"id": "r", "type": "book", "title": "T", "author": [{"family": "Poe"}],'
        ' "issued": {"date-parts": [[1999]]}}]',
        "csl-json",
    )
    session = CitationSession("apa", output="markdown", items=records)
    assert session.cite(["r"]).text == "(Poe, 1999)"


def test_process_mirrors_process_citation_cluster(note_style: str) -> None:
    session = CitationSession(note_style, items=ITEMS)
    session.process(["doe"], 1, id="A")
    session.process(["roe"], 2, id="B", before=[("A", 1)])
    # C goes first, B is dropped, A moves to note 2
    updated = session.process(["roe"], 1, id="C", after=[("A", 2)])
    assert [(c.id, c.index, c.note) for c in updated] == [("C", 0, 1), ("A", 1, 2)]
    assert [c.id for c in session.clusters] == ["C", "A"]
    assert session.clusters[1] == Cluster("A", 1, 2, "Jane Doe, A Book.", ())


def test_errors() -> None:
    with pytest.raises(CitationError, match="output"):
        CitationSession("apa", output="pdf")
    with pytest.raises(StyleError):
        CitationSession("no-such-style-anywhere")
    session = CitationSession("apa", items=ITEMS)
    with pytest.raises(CitationError, match="no item with this id"):
        session.cite(["nope"])
    with pytest.raises(CitationError, match="unknown field"):
        session.cite([{"id": "doe", "pages": "3"}])
    with pytest.raises(CitationError, match="at least one"):
        session.cite([])
    assert session.clusters == []  # nothing was added by the failed calls


def _cli(tmp_path: Path, clusters: Any, *argv: str) -> str:
    import argparse
    import json

    from biblioconv.formats.citation.cli import configure, run

    source = tmp_path / "items.json"
    source.write_text(json.dumps(ITEMS), encoding="utf-8")
    path = tmp_path / "clusters.json"
    path.write_text(json.dumps(clusters), encoding="utf-8")
    out = tmp_path / "out.txt"
    parser = argparse.ArgumentParser()
    configure(parser)
    args = parser.parse_args([str(source), "--clusters", str(path), *argv, "-o", str(out)])
    assert run(args) == 0
    return out.read_text(encoding="utf-8")


def test_cli_clusters(tmp_path: Path) -> None:
    import json

    clusters = [[{"id": "doe", "locator": "12"}], {"id": "x", "note": 0, "cites": ["roe"]}]
    text = _cli(tmp_path, clusters, "--style", "apa")
    assert text.splitlines()[:3] == ["(Doe, 2020, p. 12)", "(Roe, 2019)", ""]
    assert text.splitlines()[3].startswith("Doe, J. (2020).")
    data = json.loads(_cli(tmp_path, clusters, "--style", "apa", "--format", "json"))
    assert data["citations"] == [
        {"id": "cluster-1", "note": 0, "text": "(Doe, 2020, p. 12)"},
        {"id": "x", "note": 0, "text": "(Roe, 2019)"},
    ]
    assert [e["id"] for e in data["bibliography"]] == ["doe", "roe"]
    with pytest.raises(CitationError, match="cluster 1 is not a list or object"):
        _cli(tmp_path, ["doe"], "--style", "apa")
