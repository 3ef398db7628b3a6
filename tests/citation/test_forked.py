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

    ways: list[tuple[int, bool, bool]] = []
    as_read: list[bool] = []
    real_first = engine._first_pass_as_read
    aheads: list[int] = []
    real_start = engine._Ahead.start
    real_ready = forked.Stream.ready

    class Reading:
        """A reading that never has items waiting (so the style is warmed up in full first)
        and never ends (so the entries are rendered ahead from the end of the first pass)."""

        def waiting(self) -> bool:
            return True

        def finished(self) -> bool:
            return False

    def other_way(
        items: Any, style: str, locale: str, convert: Any, jobs: int = 1, arriving: Any = False
    ) -> Any:
        jobs, arriving, take_all = ways[-1]
        # as the command's items come: an iterator, read while the first pass is made
        reading = Reading() if take_all else arriving
        return real(iter(list(items)), style, locale, convert, jobs, reading)

    warm_ups: list[bool] = []
    real_warm_up = engine._warm_up

    def warm_up(*args: Any) -> None:
        warm_ups.append(True)
        real_warm_up(*args)

    def start(self: Any, bib: Any, prepared: Any, rest: Any, firsts: Any) -> None:
        real_start(self, bib, prepared, rest, firsts)
        if self.stream is not None:
            aheads.append(len(prepared.keys) + len(rest))

    kept: list[bool] = []
    real_kept = engine._as_rendered_ahead
    real_changed = engine._disambiguated

    def as_rendered(bib: Any, key: str, calls: Any) -> bool:
        kept.append(real_kept(bib, key, calls))
        return kept[-1]

    def disambiguated(bib: Any, key: str) -> bool:
        if real_changed(bib, key):
            kept.append(False)  # rendered again at once
            return True
        return False

    left: list[str] = []

    def ready(self: Any) -> Any:
        # with ways[-1][2], every entry rendered ahead is taken, and checked
        taken = list(self) if ways[-1][2] else real_ready(self)
        left.extend(key for key, entry, _ in taken if entry is None)
        return taken

    def first_as_read(style: Any, items: Any, ahead: Any = None, reading: Any = None) -> Any:
        as_read.append(True)
        return real_first(style, items, ahead, reading)

    def counted(fn: Any, parts: Any) -> Any:
        forks.append(len(parts))
        return real_map(fn, parts)

    monkeypatch.setattr(engine, "_render_marked", other_way)
    monkeypatch.setattr(engine, "_first_pass_as_read", first_as_read)
    monkeypatch.setattr(engine, "PARALLEL_ENTRIES", 2)
    monkeypatch.setattr(engine, "_ARRIVING_CHUNK", 1)  # the first pass item by item
    monkeypatch.setattr(forked, "map_slices", counted)
    monkeypatch.setattr(engine._Ahead, "start", start)
    monkeypatch.setattr(forked.Stream, "ready", ready)
    monkeypatch.setattr(engine, "_as_rendered_ahead", as_rendered)
    monkeypatch.setattr(engine, "_disambiguated", disambiguated)
    monkeypatch.setattr(engine, "_warm_up", warm_up)
    # two processes; the first pass made as the items arrive, in one process and in two (the
    # entries rendered ahead by the second: as many as it made before this one met them, or
    # all of them, each kept only where the disambiguation left it as it was, the style warmed
    # up first)
    for way in ((2, False, False), (1, True, False), (2, True, False), (2, True, True)):
        ways.append(way)
        forks.clear()
        as_read.clear()
        aheads.clear()
        warm_ups.clear()
        kept.clear()
        left.clear()
        different = [
            fixture.name
            for fixture, style in fixtures
            if outcome(fixture, style) != serial[fixture.name]
        ]
        assert different == [], way
        if way[:2] == (2, False):  # each bibliography of two entries and more: sort, entries
            assert len(forks) >= 100
        elif way[:2] == (2, True):  # the entries rendered ahead, for those made as read
            assert len(aheads) >= 50
        if way[1]:
            assert len(as_read) >= 130  # each style without citation numbers
        if way[2]:  # most entries rendered ahead hold; those disambiguated are made again
            assert kept.count(True) >= 130 and kept.count(False) >= 25
            # and those whose first cites were alike were left to this process at once
            assert len(left) >= 30
            assert len(warm_ups) >= 130  # and each style was warmed up before its items


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


def test_a_stream_tells_what_has_come_without_waiting() -> None:
    """:meth:`Stream.ready` hands out the items that have come (in order, with those iteration
    has not taken yet) and never waits; :meth:`Stream.waiting` tells whether none is there,
    :meth:`Stream.finished` when all have come."""
    import time

    def slow() -> Any:
        yield from range(5)
        time.sleep(0.3)
        yield from range(5, 9)

    stream = forked.Stream(slow, batch=1)
    iterator = iter(stream)
    got = [next(iterator)]
    deadline = time.monotonic() + 5
    while len(got) < 5 and time.monotonic() < deadline:
        got += stream.ready()
    assert got == list(range(5))
    assert not stream.finished()  # the child sleeps before the last items
    assert stream.waiting()
    assert stream.ready() == []
    while not stream.finished():
        assert time.monotonic() < deadline
        time.sleep(0.01)
    assert not stream.waiting()
    assert next(iterator) == 5  # iteration and ready share one order
    assert stream.ready() == [6, 7, 8]
    assert list(iterator) == []


def test_a_stream_that_failed_is_finished_and_raises_after_its_items() -> None:
    def failing() -> Any:
        yield from range(3)
        raise CitationError("item 4: missing id")

    stream = forked.Stream(failing, batch=2)
    while not stream.finished():
        pass
    assert stream.ready() == [0, 1, 2]
    with pytest.raises(CitationError, match="item 4"):
        next(iter(stream))


_SHORT_NAMES = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Short names</title><id>short-names</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation disambiguate-add-givenname="true" givenname-disambiguation-rule="all-names"
            disambiguate-add-year-suffix="true">
    <layout delimiter="; ">
      <group delimiter=" ">
        <names variable="author"><name form="short" initialize-with=". "/></names>
        <date variable="issued"><date-part name="year"/></date>
      </group>
    </layout>
  </citation>
  <bibliography>
    <sort><key variable="title"/></sort>
    <layout suffix=".">
      <group delimiter=". ">
        <names variable="author"><name form="short" initialize-with=". "/></names>
        <text variable="title"/>
        <date variable="issued"><date-part name="year"/></date>
      </group>
    </layout>
  </bibliography>
</style>
"""


@pytest.mark.parametrize("leave", [True, False])
@pytest.mark.parametrize("take_all", [False, True])
def test_entries_rendered_ahead_give_way_to_the_disambiguation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, take_all: bool, leave: bool
) -> None:
    """The process rendering entries ahead renders them before the disambiguation: an entry
    that took a year suffix is rendered here first, one whose names the cite's disambiguation
    expanded (here given initials for all names, which the entry shows too) once its names are
    seen to be asked differently; the others are kept. With ``leave`` (as the command runs),
    the items whose first cites are alike are not rendered ahead at all, but here at once."""
    style = tmp_path / "short-names.csl"
    style.write_text(_SHORT_NAMES, encoding="utf-8")

    def item(n: int, given: str, family: str, year: int) -> dict[str, Any]:
        return {
            "id": f"i{n}",
            "type": "book",
            "title": f"Title {n:02d}",
            "author": [{"family": family, "given": given}],
            "issued": {"date-parts": [[year]]},
        }

    items = [item(n, "Ann", f"Author{n}", 2000 + n) for n in range(12)]
    items += [item(12, "John", "Smith", 1999), item(13, "Mary", "Smith", 1999)]
    items += [item(14, "Kim", "Lee", 2001), item(15, "Kim", "Lee", 2001)]
    one = engine._render_bibliography(iter(items), str(style), "en-US", "text", 1, True)
    texts = dict(one)
    assert texts["i12"] == "J. Smith. Title 12. 1999." and texts["i13"].startswith("M. Smith.")
    assert texts["i14"].endswith("2001a.") and texts["i15"].endswith("2001b.")

    monkeypatch.setattr(engine, "PARALLEL_ENTRIES", 2)
    kept: list[tuple[str, bool]] = []
    real_kept = engine._as_rendered_ahead
    changed: list[str] = []
    real_changed = engine._disambiguated

    def as_rendered(bib: Any, key: str, calls: Any) -> bool:
        kept.append((key, real_kept(bib, key, calls)))
        return kept[-1][1]

    def disambiguated(bib: Any, key: str) -> bool:
        if real_changed(bib, key):
            changed.append(key)
            return True
        return False

    left: list[str] = []
    real_ready = forked.Stream.ready

    def ready(self: Any) -> Any:
        taken = list(self) if take_all else real_ready(self)  # with take_all: every one
        left.extend(key for key, entry, _ in taken if entry is None)
        return taken

    monkeypatch.setattr(engine, "_as_rendered_ahead", as_rendered)
    monkeypatch.setattr(engine, "_disambiguated", disambiguated)
    monkeypatch.setattr(forked.Stream, "ready", ready)
    if not leave:  # (the process rendering ahead is forked from this one: it sees the patch)
        monkeypatch.setattr(engine, "_surely_ambiguous", lambda firsts: set())
    two = engine._render_bibliography(iter(items), str(style), "en-US", "text", 2, True)
    assert two == one
    # the year suffixes are seen at once (rendered first, while the other process goes on); the
    # given names the cites' disambiguation added for all names, by what the entries asked
    assert sorted(changed) == ["i14", "i15"]
    if take_all and leave:
        assert sorted(left) == ["i12", "i13", "i14", "i15"]
        assert len(kept) == 12 and all(held for _, held in kept)
    elif take_all:
        assert left == []
        assert sorted(key for key, held in kept if not held) == ["i12", "i13"]
        assert len(kept) == 14


def test_an_entry_that_fails_ahead_is_the_same_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry that cannot be rendered ends the process rendering ahead; the error is the one
    a single process raises (the first such entry in the bibliography's order)."""
    from biblioconv.formats.citation import elements_names

    items = _same_author(40)
    for n, entry in enumerate(items):
        entry["author"] = [{"family": f"Author{n:02d}", "given": "A."}]
    real = elements_names.Names.render

    def broken(self: Any, item: Any, *args: Any, **kwargs: Any) -> Any:
        from biblioconv.formats.citation import patches

        family = str(item.reference.get("author")[0].get("family"))
        st = patches.state()
        if st.in_bibliography and not st.sorting and family in ("Author07", "Author31"):
            raise KeyError("no such key")
        return real(self, item, *args, **kwargs)

    monkeypatch.setattr(elements_names.Names, "render", broken)
    monkeypatch.setattr(engine, "PARALLEL_ENTRIES", 2)
    messages = []
    for jobs, take_all in ((1, False), (2, False), (2, True)):
        if take_all:
            monkeypatch.setattr(forked.Stream, "ready", lambda self: list(self))
        with pytest.raises(StyleError) as caught:
            engine._render_bibliography(iter(items), "apa", "en-US", "text", jobs, True)
        messages.append(str(caught.value))
    assert messages[0] == messages[1] == messages[2]
    assert "w7" in messages[0]


def test_a_child_far_ahead_does_not_wait_for_the_pipe() -> None:
    """Where the system allows, a stream's pipe holds a megabyte: a child making its items
    long before they are taken (the entries rendered ahead while the other process sorts) is
    not held up by a full pipe."""
    import sys
    import time

    stream = forked.Stream(lambda: iter(["x" * 1000] * 600), batch=8)
    if sys.platform.startswith("linux"):  # elsewhere the pipe keeps the system's size
        deadline = time.monotonic() + 10
        while not stream.finished():  # 600 KB, all sent while nothing is taken
            assert time.monotonic() < deadline, "the child waited for the pipe"
            time.sleep(0.01)
    assert len(list(stream)) == 600
