"""The read-back contract: a record written to a format and read back with the same format holds
what it held, or a diagnostic of the write names what it does not.

The oracle (:mod:`biblioconv.readback`) is tested first on hand-made records, so that it can be
seen to fail. Then it runs over every golden record of the format tests and the shared corpus
(see ``readback_cases.py``) through every format that reads and writes. What the writers do not
report yet is listed in ``readback_baseline.json`` (target -> path pattern -> count): a difference
it does not list fails, and so does an entry that no longer occurs or occurs less often (the
baseline only shrinks). ``python scripts/readback_baseline.py`` regenerates it;
``--table`` prints the findings by source and target with an example each.
"""

from __future__ import annotations

import io
import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import pytest
import readback_cases as cases

import biblioconv
from biblioconv import readback, registry
from biblioconv.cli import main
from biblioconv.model import Record
from biblioconv.registry import ReadContext, WriteContext
from biblioconv.report import Code, Diagnostic

# -- the oracle on hand-made records -----------------------------------------------------------

BASE: dict[str, Any] = {
    "type": "book",
    "titles": [{"text": "A study"}, {"text": "in two parts", "type": "subtitle"}],
    "contributors": [
        {
            "family": "Smith",
            "given": "Jane",
            "identifiers": [{"scheme": "orcid", "value": "0000-0002-1825-0097"}],
        },
        {"family": "Doe", "given": "John", "role": "editor"},
    ],
    "dates": [
        {"type": "issued", "start": {"year": 2001}},
        {"type": "accessed", "start": {"year": 2020}},
    ],
    "container": {
        "titles": [{"text": "Series"}],
        "identifiers": [{"scheme": "issn", "value": "0317-8471"}],
    },
    "edition": "2",
    "native_types": {"toy": "BOOK"},
    "extras": {"toy": {"note": "kept"}},
}


def _record(**changes: Any) -> Record:
    data = json.loads(json.dumps(BASE))
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return Record.model_validate(data)


def _said(*fields: str | None, code: Code = Code.FIELD_DROPPED) -> list[Diagnostic]:
    return [Diagnostic(code=code, message="m", field=f, target_format="toy") for f in fields]


def test_an_identical_record_has_no_difference() -> None:
    assert readback.differences(_record(), _record()) == []


def test_a_lost_value_a_changed_value_and_an_added_value_are_differences() -> None:
    original = _record()
    data = original.model_dump(exclude_defaults=True)
    data["contributors"][0]["identifiers"] = []  # lost
    data["edition"] = "3"  # changed
    data["language"] = "en"  # added by the reader
    back = Record.model_validate(data)
    assert readback.differences(original, back) == [
        "contributors[0].identifiers[0].scheme",
        "contributors[0].identifiers[0].value",
        "contributors[0].identifiers[0].valid",
        "edition",
        "language",
    ]


def test_native_types_are_bookkeeping_but_id_and_key_are_compared() -> None:
    back = _record(native_types={"other": "x"}, id="r1", citation_key="k1")
    assert readback.differences(_record(), back) == ["id", "citation_key"]


def test_bookkeeping_extras_are_not_compared() -> None:
    extras = {"toy": {"note": "kept", "@inherited": ["publisher"], "@before": ["% a comment"]}}
    assert readback.differences(_record(extras=extras), _record()) == ["extras.toy.@before"]


def test_only_the_listed_reader_additions_are_allowed() -> None:
    extras = {"toy": {"note": "kept", "unknownValues": {"publisher": ":unav"}, "guess": "x"}}
    assert readback.differences(_record(), _record(extras=extras)) == ["extras.toy.guess"]
    assert all(reason for reason in readback.ALLOWED_ADDITIONS.values())
    # an allowed path that the original holds is compared like any other
    before = _record(extras={"toy": {"unknownValues": {"a": 1}}})
    after = _record(extras={"toy": {"unknownValues": {"a": 2}}})
    assert readback.differences(before, after) == ["extras.toy.unknownValues"]


def test_a_silent_loss_is_not_named() -> None:
    original = _record()
    path = "contributors[0].identifiers[0].value"
    assert not readback.is_named(path, [], original)
    assert not readback.is_named(path, _said(None, "edition", "contributors[1]"), original)
    # native field names and paths that only start alike name nothing
    assert not readback.is_named(
        path, _said("AU", "creators/creator", "contributors[0].id"), original
    )
    assert not readback.is_named("edition", _said("editions", "edit"), original)


@pytest.mark.parametrize(
    ("field", "path"),
    [
        ("contributors[0].identifiers[0].value", "contributors[0].identifiers[0].value"),
        ("contributors[0]", "contributors[0].identifiers[0].value"),
        ("contributors[0].identifiers", "contributors[0].identifiers[0].valid"),
        ("contributors", "contributors[1].family"),
        ("contributors(role=author)", "contributors[0].identifiers[0].value"),
        ("contributors(role=author).identifiers", "contributors[0].identifiers[0].scheme"),
        ("contributors(role=editor)", "contributors[1].given"),
        ("titles(type=subtitle)", "titles[1].text"),
        ("dates(type=accessed)", "dates[1].start.year"),
        ("container.identifiers", "container.identifiers[0].value"),
        ("extras.toy", "extras.toy.note"),
        ("extras", "extras.toy.note"),
    ],
)
def test_a_reported_loss_is_named(field: str, path: str) -> None:
    assert readback.is_named(path, _said(field), _record())


@pytest.mark.parametrize(
    ("field", "path"),
    [
        ("contributors(role=editor)", "contributors[0].family"),
        ("titles(type=subtitle)", "titles[0].text"),
        ("dates(type=accessed)", "dates[0].start.year"),
        ("container.titles", "container.identifiers[0].value"),
        ("extras.other", "extras.toy.note"),
    ],
)
def test_a_diagnostic_about_something_else_does_not_name_it(field: str, path: str) -> None:
    assert not readback.is_named(path, _said(field), _record())


def test_a_refused_record_is_named_as_a_whole() -> None:
    said = _said(None, code=Code.RECORD_SKIPPED)
    assert readback.is_named("contributors[0].family", said, _record())


def test_a_placeholder_is_named_where_the_read_back_record_has_it() -> None:
    original = _record(dates=None)
    back = _record()
    path = "dates[0].start.year"
    said = _said("dates(type=issued)", code=Code.MISSING_REQUIRED)
    assert not readback.is_named(path, said, original)
    assert readback.is_named(path, said, original, added_in=back)


def test_patterns_replace_indexes() -> None:
    assert readback.pattern("contributors[12].identifiers[0].value") == (
        "contributors[*].identifiers[*].value"
    )


# -- check() through toy formats: JSON lines of the record, one without its edition ---------------


def _toy_reader(stream: IO[bytes], ctx: ReadContext) -> Iterator[Record]:
    for line in stream.read().decode("utf-8").splitlines():
        yield Record.model_validate_json(line)


def _toy_writer(report: bool) -> Any:
    def write(records: Iterable[Record], stream: IO[bytes], ctx: WriteContext) -> None:
        for record in records:
            if report and record.edition:
                ctx.reporter(record.label).add(Code.FIELD_DROPPED, "no edition", "edition")
            copy = record.model_copy(update={"edition": None})
            stream.write(copy.model_dump_json(exclude_defaults=True).encode() + b"\n")

    return write


@pytest.fixture
def toys() -> Iterator[None]:
    for name, report in (("toy-silent", False), ("toy-honest", True)):
        spec = registry.FormatSpec(
            name=name, title="Toy", reader=_toy_reader, writer=_toy_writer(report)
        )
        biblioconv.register(spec)
    try:
        yield
    finally:
        registry.unregister("toy-silent")
        registry.unregister("toy-honest")


def test_check_finds_a_silent_loss_and_not_a_reported_one(toys: None) -> None:
    records = [_record(citation_key="a"), _record(citation_key="b", edition=None)]
    found = list(readback.check(records, "toy-silent"))
    assert found == [readback.Unnamed("a", 0, "toy-silent", "edition", "2", None)]
    assert list(readback.check(records, "toy-honest")) == []


def test_the_command_line_check(
    toys: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in.json"
    src.write_text("\n".join(r.model_dump_json() for r in [_record(citation_key="a")]) + "\n")
    assert main(["readback", str(src), "-f", "toy-silent", "-t", "toy-silent"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        'a: edition: "2" -> (absent) (not reported)',
        "1 unnamed difference in 1 of 1 record (toy-silent -> toy-silent -> toy-silent)",
    ]
    assert main(["readback", str(src), "-f", "toy-silent", "-t", "toy-honest"]) == 0
    assert capsys.readouterr().out.endswith(
        "0 unnamed differences in 0 of 1 record (toy-silent -> toy-honest -> toy-honest)\n"
    )
    assert main(["readback", str(src), "-f", "toy-silent", "-t", "citation"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot be read back" in err


def test_the_command_line_check_reads_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = b"TY  - JOUR\nAU  - Smith, Jane\nTI  - A study\nPY  - 2001\nER  - \n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["readback", "-", "-t", "ris"]) == 0
    assert capsys.readouterr().out == "0 unnamed differences in 0 of 1 record (ris -> ris -> ris)\n"


# -- the contract over the golden records and the corpus, against the baseline -------------------


@pytest.fixture(scope="module")
def sources() -> dict[str, list[Record]]:
    return cases.sources()


def test_the_sources_are_all_there(sources: dict[str, list[Record]]) -> None:
    folders = {"bibtex", "csl_json", "datacite", "dublin_core", "ris"}
    assert {f"golden/{f}" for f in folders} <= set(sources)
    assert len(sources["corpus/bibtex-real.bib"]) == 612  # every 10th of 6,119 entries
    ris = sum(len(v) for k, v in sources.items() if k.startswith("corpus/ris/"))
    assert ris == 236  # the eight vendor exports
    assert all(sources.values())


def test_the_baseline_names_every_target_and_only_those() -> None:
    assert sorted(cases.load_baseline()) == sorted(cases.TARGETS)
    assert cases.BASELINE.read_text(encoding="utf-8") == cases.dump_baseline(cases.load_baseline())


@pytest.mark.parametrize("target", cases.TARGETS)
def test_nothing_lost_silently_beyond_the_baseline(
    target: str, sources: dict[str, list[Record]]
) -> None:
    known = Counter(cases.load_baseline().get(target, {}))
    counts: Counter[str] = Counter()
    examples: dict[str, str] = {}
    for name, records in sources.items():
        for u in cases.unnamed(records, target):
            pat = readback.pattern(u.path)
            counts[pat] += 1
            examples.setdefault(pat, f"{name}: {u.record}: {u.path}: {u.before!r} -> {u.after!r}")
    new = [
        f"{pat}: {n} (baseline {known[pat]}), e.g. {examples[pat]}"
        for pat, n in sorted(counts.items())
        if n > known[pat]
    ]
    fewer = [
        f"{pat}: {counts[pat]} (baseline {n})"
        for pat, n in sorted(known.items())
        if counts[pat] < n
    ]
    hint = "; regenerate with python scripts/readback_baseline.py if this is intended"
    assert not new, f"{target}: differences no diagnostic names: {new}"
    assert not fewer, f"{target}: fewer unnamed differences than the baseline: {fewer}{hint}"
