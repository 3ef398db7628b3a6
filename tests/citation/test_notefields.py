"""Variables read from the leading ``variable: value`` lines of an item's note."""

from __future__ import annotations

from biblioconv.formats.citation.notefields import merge_note_fields


def test_leading_lines_set_missing_variables() -> None:
    item = {
        "id": "a",
        "title": "Kept",
        "note": "container-title-short: Cont\nreviewed-author: Hall || W.C.\n"
        "reviewed-author: Org\nevent-date: 2004-10-01/2004-10-14\ntitle: Ignored\nrest: of note",
    }
    merged = merge_note_fields(item)
    assert merged["container-title-short"] == "Cont"
    assert merged["reviewed-author"] == [{"family": "Hall", "given": "W.C."}, {"literal": "Org"}]
    assert merged["event-date"] == {"raw": "2004-10-01/2004-10-14"}
    assert merged["title"] == "Kept"
    assert merged["note"] == "rest: of note"
    assert item["note"].startswith("container-title-short")  # the input is not changed


def test_other_notes_untouched() -> None:
    item = {"id": "a", "note": "ArticleType: research-article / Full publication date: 2000"}
    assert merge_note_fields(item) is item
    assert merge_note_fields({"id": "b", "note": "PMID: 117"}) == {"id": "b", "PMID": "117"}
