"""crossref parents are found wherever they are, however many there are, from files and streams
(the reader keeps where each parent is and parses it on demand)."""

from __future__ import annotations

import io

import pytest

import biblioconv
from biblioconv.formats.bibtex.reader import _Parents


def _bib(n: int) -> str:
    children = "".join(
        f"@inproceedings{{c{i}, title = {{Paper {i}}}, crossref = {{P{i}}}}}\n" for i in range(n)
    )
    parents = "".join(
        f"@proceedings{{p{i}, title = {{Proceedings {i}}}, year = {{{2000 + i % 20}}}, "
        f"publisher = {{Press {i}}}}}\n"
        for i in reversed(range(n))
    )
    # half the children before their parents, half after
    half = children.splitlines(keepends=True)
    return "".join(half[: n // 2]) + parents + "".join(half[n // 2 :])


@pytest.mark.parametrize("as_stream", [False, True])
def test_more_parents_than_are_kept_parsed(as_stream: bool) -> None:
    n = _Parents.CACHE + 50
    data = _bib(n).encode()
    source = io.BufferedReader(io.BytesIO(data)) if as_stream else data
    records = {r.citation_key: r for r in biblioconv.read(source, "bibtex")}
    for i in range(n):
        child = records[f"c{i}"]
        assert child.container is not None and child.container.title == f"Proceedings {i}"
        assert child.issued is not None and child.issued.year == 2000 + i % 20
        assert child.publisher is not None and child.publisher.name == f"Press {i}"


def test_missing_parent_is_reported() -> None:
    report = biblioconv.ConversionReport()
    data = b"@inproceedings{c, title = {T}, crossref = {nowhere}}\n"
    [rec] = biblioconv.read(data, "bibtex", report=report)
    assert rec.container is None
    assert any("crossref target 'nowhere' not found" in d.message for d in report.diagnostics)


def test_parent_entries_from_elsewhere_are_inherited_from_but_not_read() -> None:
    """``parent_entries``: entries a crossref/xdata may name besides the input's own (the
    input's own first); they give fields, not records."""
    child = (
        "@inproceedings{c1, title = {Paper}, crossref = {p1}}\n"
        "@inproceedings{c2, title = {Other}, crossref = {p2}}\n"
        "@proceedings{p2, title = {Own Proceedings}}\n"
    )
    parents = (
        "@proceedings{p1, title = {Proceedings}, xdata = {x1}}\n"
        "@proceedings{p2, title = {Not These}}\n"
        "@xdata{x1, publisher = {Press}, year = 2001}\n"
    )
    records = biblioconv.loads(child, "bibtex", options={"parent_entries": parents})
    assert [r.citation_key for r in records] == ["c1", "c2", "p2"]
    first, second = records[0], records[1]
    assert first.container is not None and first.container.title == "Proceedings"
    assert first.publisher is not None and first.publisher.name == "Press"
    assert first.issued is not None and first.issued.year == 2001
    assert second.container is not None and second.container.title == "Own Proceedings"
    plain = biblioconv.loads(child, "bibtex")
    assert plain[0].container is None or plain[0].container.title != "Proceedings"
