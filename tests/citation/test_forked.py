"""A bibliography rendered by several processes is the one rendered by one."""

from __future__ import annotations

import os
from collections.abc import Sequence
from itertools import islice
from pathlib import Path
from typing import Any

import pytest

from biblioconv.formats.citation import engine, forked
from biblioconv.formats.citation.errors import CitationError, StyleError

pytestmark = pytest.mark.skipif(not forked.can_fork(), reason="this platform does not fork")


def _corpus_items(shared: Path, count: int) -> list[dict[str, Any]]:
    import biblioconv
    from biblioconv.formats.csl_json.mapping import record_to_csl

    records = biblioconv.read(shared / "corpus" / "bibtex-real.bib")
    try:
        return [record_to_csl(r, None, preserve=False) for r in islice(records, count)]
    finally:
        records.close()


def _same_author(count: int) -> list[dict[str, Any]]:
    return [
        {
            "id": f"w{i}",
            "type": "book",
            "author": [{"family": "Okafor", "given": "Chidi"}],
            "title": f"Work {chr(65 + i)}",
            "issued": {"date-parts": [[2000 + i]]},
        }
        for i in range(count)
    ]


def test_slices_are_consecutive_and_cover_everything() -> None:
    assert forked.slices(list(range(7)), 3) == [[0, 1], [2, 3], [4, 5, 6]]
    assert forked.slices([1, 2], 4) == [[1], [2]]
    assert forked.slices([], 2) == [[]]


def test_map_slices_keeps_order_and_runs_in_other_processes() -> None:
    def part(values: Sequence[int]) -> tuple[int, list[int]]:
        return os.getpid(), [v * v for v in values]

    results = forked.map_slices(part, forked.slices(list(range(10)), 3))
    assert [squares for _, squares in results] == [[0, 1, 4], [9, 16, 25], [36, 49, 64, 81]]
    assert results[0][0] == os.getpid()
    assert len({pid for pid, _ in results}) == 3


def test_a_childs_exception_is_raised_here() -> None:
    def part(values: Sequence[int]) -> int:
        if values[0] >= 5:
            raise StyleError(f"style x: cannot render item {values[0]}")
        return len(values)

    with pytest.raises(StyleError, match="cannot render item 5"):
        forked.map_slices(part, forked.slices(list(range(10)), 2))


def test_an_exception_that_does_not_pickle_is_named() -> None:
    class Local(Exception):  # a local class does not pickle
        pass

    def part(values: Sequence[int]) -> int:
        if values[0]:
            raise Local("broken")
        return 0

    with pytest.raises(CitationError, match="Local: broken"):
        forked.map_slices(part, [[0], [1]])


def test_a_child_that_dies_without_a_result_is_reported() -> None:
    def part(values: Sequence[int]) -> int:
        if values[0]:
            os._exit(3)
        return 0

    with pytest.raises(CitationError, match=r"ended without a result \(status 3\)"):
        forked.map_slices(part, [[0], [1]])


@pytest.mark.parametrize("style", ["apa", "modern-language-association", "ieee"])
@pytest.mark.parametrize("output", ["text", "html"])
def test_bibliography_in_processes_is_the_same(
    shared: Path, monkeypatch: pytest.MonkeyPatch, style: str, output: str
) -> None:
    items = _corpus_items(shared, 120)
    one = engine.render_bibliography(items, style=style, output=output)
    monkeypatch.setattr(engine, "PARALLEL_ENTRIES", 50)
    calls: list[int] = []
    real = forked.map_slices

    def spy(fn: Any, parts: Any) -> Any:
        calls.append(len(parts))
        return real(fn, parts)

    monkeypatch.setattr(forked, "map_slices", spy)
    assert engine.render_bibliography(items, style=style, output=output, jobs=3) == one
    assert engine.render_bibliography_multi(items, style=style, jobs=2) == [
        (item_id, {"text": text, "html": html})
        for (item_id, text), (_, html) in zip(
            engine.render_bibliography(items, style=style),
            engine.render_bibliography(items, style=style, output="html"),
            strict=True,
        )
    ]
    assert set(calls) == {3, 2}


def test_subsequent_author_substitution_crosses_the_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    """MLA replaces a repeated author by dashes: the entries after the cut follow the one
    before it."""
    items = _same_author(6)
    one = engine.render_bibliography(items, style="modern-language-association")
    monkeypatch.setattr(engine, "PARALLEL_ENTRIES", 2)
    two = engine.render_bibliography(items, style="modern-language-association", jobs=2)
    assert two == one
    assert one[0][1].startswith("Okafor, Chidi.")
    assert all(entry.startswith("———.") for _, entry in one[1:])


def test_below_the_threshold_one_process_renders(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(fn: Any, parts: Any) -> Any:
        raise AssertionError("forked below the threshold")

    monkeypatch.setattr(forked, "map_slices", refuse)
    items = _same_author(3)
    assert len(engine.render_bibliography(items, jobs=4)) == 3


def test_cli_jobs_give_the_same_output(
    tmp_path: Path, shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from biblioconv import cli

    monkeypatch.setattr(engine, "PARALLEL_ENTRIES", 30)
    source = tmp_path / "items.json"
    source.write_text(json.dumps(_corpus_items(shared, 60)), encoding="utf-8")
    outputs = {}
    for jobs in ("1", "2", "auto"):
        for fmt in ("text", "json"):
            out = tmp_path / f"{jobs}.{fmt}"
            argv = ["cite", str(source), "--style", "apa", "--format", fmt, "-j", jobs]
            assert cli.main([*argv, "-o", str(out)]) == 0
            outputs[jobs, fmt] = out.read_bytes()
    for fmt in ("text", "json"):
        assert outputs["1", fmt] == outputs["2", fmt] == outputs["auto", fmt]
    assert len(json.loads(outputs["1", "json"])) == 60


def _suite_bibliographies(shared: Path) -> list[Path]:
    suite = shared / "csl-test-suite" / "humans"
    return [
        path
        for path in sorted(suite.glob("*.txt"))
        if ">>===== MODE =====>>\nbibliography" in path.read_text(encoding="utf-8")
    ]


def test_every_bibliography_of_the_csl_suite_renders_the_same_forked(
    shared: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each bibliography fixture of the CSL test suite (disambiguation, sorting, year suffixes,
    subsequent-author substitution, ...) rendered by two processes, even with two entries, is
    the one rendered by one process: output or error."""
    from biblioconv.formats.citation.conformance import FixtureError, load_fixture, render_fixture

    def outcome(fixture: Any, style: Path) -> str:
        try:
            return render_fixture(fixture, style)
        except Exception as exc:
            return f"{type(exc).__name__}: {exc}"

    serial: dict[str, str] = {}
    fixtures = []
    for path in _suite_bibliographies(shared):
        try:
            fixture = load_fixture(path)
        except FixtureError:
            continue
        style = tmp_path / f"{fixture.name}.csl"
        style.write_text(fixture.csl, encoding="utf-8")
        serial[fixture.name] = outcome(fixture, style)
        fixtures.append((fixture, style))
    assert len(fixtures) > 150

    real = engine._render_marked
    forks: list[int] = []
    real_map = forked.map_slices

    ways: list[tuple[int, bool]] = []
    as_read: list[bool] = []
    real_first = engine._first_pass_as_read

    def other_way(
        items: Any, style: str, locale: str, convert: Any, jobs: int = 1, arriving: bool = False
    ) -> Any:
        jobs, arriving = ways[-1]
        # as the command's items come: an iterator, read while the first pass is made
        return real(iter(list(items)), style, locale, convert, jobs, arriving)

    def first_as_read(style: Any, items: Any) -> Any:
        as_read.append(True)
        return real_first(style, items)

    def counted(fn: Any, parts: Any) -> Any:
        forks.append(len(parts))
        return real_map(fn, parts)

    monkeypatch.setattr(engine, "_render_marked", other_way)
    monkeypatch.setattr(engine, "_first_pass_as_read", first_as_read)
    monkeypatch.setattr(engine, "PARALLEL_ENTRIES", 2)
    monkeypatch.setattr(engine, "_ARRIVING_CHUNK", 1)  # the first pass item by item
    monkeypatch.setattr(forked, "map_slices", counted)
    # two processes; the first pass made as the items arrive, in one process and in two
    for way in ((2, False), (1, True), (2, True)):
        ways.append(way)
        forks.clear()
        as_read.clear()
        different = [
            fixture.name
            for fixture, style in fixtures
            if outcome(fixture, style) != serial[fixture.name]
        ]
        assert different == [], way
        if way == (2, False):  # each bibliography of two entries and more: sort, entries
            assert len(forks) >= 100
        elif way == (2, True):  # the entries only, for those made as read
            assert len(forks) >= 60
        if way[1]:
            assert len(as_read) >= 130  # each style without citation numbers


def test_cite_reads_in_a_forked_process_while_the_engine_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With more than one core, ``cite`` reads a small input in a forked process while this one
    loads the citation engine and the style: the same output, and the same one-line errors."""
    from biblioconv import cli

    monkeypatch.setattr(cli, "_cores", lambda: 2)
    started: list[int] = []
    real = forked.Stream.__init__

    def spy(self: Any, fn: Any, batch: int = 64) -> None:
        started.append(os.getpid())
        real(self, fn, 2)  # small batches: the items come in several

    monkeypatch.setattr(forked.Stream, "__init__", spy)
    good = tmp_path / "refs.bib"
    good.write_text(
        "@string{j = {Journal of Tests}}\n"
        "@article{doe, author={Doe, Jane and von Last, Jr., First}, title={On {DNA}},"
        " journal=j, year=2020}\n@book{roe, author={Roe, R.}, title={A Book}, year=2019,"
        " publisher={Pub}}\n",
        encoding="utf-8",
    )
    bad = tmp_path / "bad.bib"
    bad.write_text("@article{a, title={x}\n", encoding="utf-8")
    outputs: dict[str, tuple[int, bytes, str]] = {}
    for source in (good, bad, tmp_path / "missing.bib"):
        for style in ("apa", "no-such-style"):
            for jobs in ("1", "auto"):
                out = tmp_path / f"{source.stem}.{style}.{jobs}.txt"
                argv = ["cite", str(source), "--style", style, "-j", jobs, "-o", str(out)]
                code = cli.main(argv)
                data = out.read_bytes() if out.exists() else b""
                outputs[f"{source.stem}.{style}.{jobs}"] = (code, data, capsys.readouterr().err)
    for name in ("refs", "bad", "missing"):
        for style in ("apa", "no-such-style"):  # an unreadable input is told first, as in one
            assert outputs[f"{name}.{style}.1"] == outputs[f"{name}.{style}.auto"]
    assert "unknown style" in outputs["refs.no-such-style.auto"][2]
    assert "bad.bib:1:" in outputs["bad.no-such-style.auto"][2]
    outputs = {key.replace(".apa", ""): value for key, value in outputs.items()}
    assert outputs["refs.1"][1].decode().startswith("Doe, J., & von Last, F., Jr. (2020).")
    assert outputs["bad.1"][0] == 1 and outputs["bad.1"][2].count("\n") == 1
    assert "bad.bib:1:" in outputs["bad.1"][2]
    assert len(started) == 6  # once per input and style read with auto


def test_a_stream_yields_the_childs_items_in_order_and_raises_where_it_failed() -> None:
    def items() -> Any:
        yield from range(7)
        raise CitationError("item 8: not a CSL-JSON object")

    stream = forked.Stream(items, batch=3)
    got = []
    with pytest.raises(CitationError, match="item 8"):
        for item in stream:
            got.append(item)
    assert got == list(range(7))

    whole = forked.Stream(lambda: iter(range(1000)), batch=64)
    assert list(whole) == list(range(1000))


def test_a_stream_closed_early_stops_its_child(tmp_path: Path) -> None:
    marker = tmp_path / "finished"

    def endless() -> Any:
        n = 0
        while n < 10_000_000:
            yield n
            n += 1
        marker.write_text("the child was not stopped")

    stream = forked.Stream(endless, batch=10)
    first = next(iter(stream))
    stream.close()
    stream.close()  # twice is harmless
    assert first == 0 and not marker.exists()
    with pytest.raises(StopIteration):
        next(iter(stream))


@pytest.mark.parametrize("style", ["apa", "acm-sig-proceedings"])  # cites without, with numbers
def test_an_unexpected_error_is_the_same_one_line_error_with_processes(
    monkeypatch: pytest.MonkeyPatch, style: str
) -> None:
    """What citeproc-py cannot do while sorting (here: a key that raises) is the style's one-line
    error, the same whether the keys are made by one process or by several."""
    from biblioconv.formats.citation import elements_style

    items = _same_author(6)
    for n, item in enumerate(items):
        item["author"] = [{"family": f"Author{n}", "given": "A."}]

    def broken(self: Any, item: Any, context: Any) -> Any:
        raise KeyError("no such key")

    monkeypatch.setattr(elements_style.Key, "sort_key", broken)
    messages = []
    for jobs in (1, 2):
        monkeypatch.setattr(engine, "PARALLEL_ENTRIES", 2)
        with pytest.raises(StyleError) as caught:
            engine.render_bibliography(items, style=style, jobs=jobs)
        messages.append(str(caught.value))
    assert messages[0] == messages[1]
    assert "cannot render item ?" in messages[0] and "KeyError" in messages[0]
    assert "\n" not in messages[0]


def test_an_error_reading_arriving_items_is_raised_as_it_is() -> None:
    """Items that come as another process reads them: the reading's error (here after 40
    items, in the middle of the first pass) reaches the caller unchanged, not as the style's."""
    from biblioconv.errors import ParseError

    def items() -> Any:
        for n, item in enumerate(_same_author(60)):
            if n == 40:
                raise ParseError("refs.bib:99: unexpected end of input")
            item["author"] = [{"family": f"Author{n}", "given": "A."}]
            yield item

    with pytest.raises(ParseError, match=r"refs\.bib:99"):
        engine._render_bibliography(items(), "apa", "en-US", "text", 2, arriving=True)
    # and the engine is usable afterwards (its state was reset)
    assert engine.render_bibliography(_same_author(2))[0][1].startswith("Okafor, C. (2000)")
