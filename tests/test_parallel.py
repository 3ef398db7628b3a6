"""biblioconv.parallel: one file split at record boundaries gives the single-process output."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

import pytest

import biblioconv
from biblioconv import parallel, registry
from biblioconv.api import LossError
from biblioconv.errors import ParseError
from biblioconv.model import Record
from biblioconv.registry import FormatSpec, Limits, WriteContext
from biblioconv.report import ConversionReport

SMALL = 20_000  # bytes per chunk: many chunks from small inputs


def _cut(text: str, size: int) -> str:
    """The first ``size`` characters of a BibTeX file, extended to the next entry."""
    return text[: text.index("\n@", size) + 1]


@pytest.fixture(scope="module")
def bib_file(tmp_path_factory: pytest.TempPathFactory, shared: Path) -> Path:
    text = (shared / "corpus" / "bibtex-real.bib").read_text(encoding="utf-8")
    path = tmp_path_factory.mktemp("bib") / "part.bib"
    path.write_text(_cut(text, 400_000), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def ris_file(tmp_path_factory: pytest.TempPathFactory, shared: Path) -> Path:
    path = tmp_path_factory.mktemp("ris") / "all.ris"
    data = b"".join(p.read_bytes() for p in sorted((shared / "corpus" / "ris").glob("*.ris")))
    path.write_bytes(data)
    return path


@pytest.fixture(scope="module")
def jsonl_file(tmp_path_factory: pytest.TempPathFactory, bib_file: Path) -> Path:
    path = tmp_path_factory.mktemp("jsonl") / "items.jsonl"
    biblioconv.convert(
        bib_file, "csl-json", path, read_options={"resolve_crossref": False}, lines=True
    )
    return path


def _oai(n: int) -> bytes:
    rec = """    <record>
      <header{status}>
        <identifier>oai:repo.example.org:{i}</identifier>
        <datestamp>2024-01-0{d}</datestamp>
      </header>{meta}
    </record>
"""
    meta = """
      <metadata>
        <oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
            xmlns:dc="http://purl.org/dc/elements/1.1/">
          <dc:title>Record number {i} &amp; friends</dc:title>
          <dc:creator>Doe, Jane {i}</dc:creator>
          <dc:date>20{y:02d}</dc:date>
          <dc:type>{t}</dc:type>
          <dc:identifier>https://doi.org/10.1234/r{i}</dc:identifier>
        </oai_dc:dc>
      </metadata>"""
    body = []
    for i in range(n):
        deleted = i % 17 == 5
        body.append(
            rec.format(
                i=i,
                d=i % 9 + 1,
                status=' status="deleted"' if deleted else "",
                meta=""
                if deleted
                else meta.format(i=i, y=i % 30, t=("Article", "Dataset", "Thesis")[i % 3]),
            )
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">\n'
        "  <responseDate>2024-03-01T12:00:00Z</responseDate>\n"
        '  <request verb="ListRecords" metadataPrefix="oai_dc">https://repo.example.org/oai</request>\n'
        "  <ListRecords>\n"
        + "".join(body)
        + '    <resumptionToken cursor="0">tok-42</resumptionToken>\n'
        "  </ListRecords>\n</OAI-PMH>\n"
    ).encode()


def _both(
    tmp_path: Path, source: Path, to: str, **kw: Any
) -> tuple[bytes, ConversionReport, bytes, ConversionReport]:
    single, par = tmp_path / "single.out", tmp_path / "parallel.out"
    r1 = biblioconv.convert(source, to, single, **kw)
    r2 = parallel.convert_file(source, to, par, jobs=2, chunk_bytes=SMALL, **kw)
    return single.read_bytes(), r1, par.read_bytes(), r2


def _same_report(r1: ConversionReport, r2: ConversionReport) -> None:
    assert (r1.records_read, r1.records_written, r1.records_skipped) == (
        r2.records_read,
        r2.records_written,
        r2.records_skipped,
    )
    # the same diagnostics, in the same order for each record (a reader that looks one record
    # ahead interleaves reading and writing differently where chunks meet)
    assert sorted(str(d) for d in r1.diagnostics) == sorted(str(d) for d in r2.diagnostics)
    for key in {d.record for d in r1.diagnostics}:
        assert [str(d) for d in r1.diagnostics if d.record == key] == [
            str(d) for d in r2.diagnostics if d.record == key
        ]
    assert r1.resumption_token == r2.resumption_token


# -- byte-identical output -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("to", "options"),
    [
        ("csl-json", {}),
        ("csl-json", {"lines": True}),
        ("csl-json", {"indent": None}),
        ("record-json", {"lines": True}),
        ("record-json", {}),
        ("ris", {}),
        ("ris", {"bom": True, "line_endings": "crlf"}),
    ],
)
def test_jsonl_input_same_output(
    tmp_path: Path, jsonl_file: Path, to: str, options: dict[str, Any]
) -> None:
    assert len(list(parallel.split(jsonl_file, "csl-json", chunk_bytes=SMALL))) > 10
    a, r1, b, r2 = _both(tmp_path, jsonl_file, to, from_="csl-json", **options)
    assert a == b
    _same_report(r1, r2)
    assert r2.records_read > 500


@pytest.mark.parametrize("to", ["csl-json", "ris", "record-json"])
def test_bibtex_same_output(tmp_path: Path, bib_file: Path, to: str) -> None:
    kw: dict[str, Any] = {"from_": "bibtex", "read_options": {"resolve_crossref": False}}
    a, r1, b, r2 = _both(tmp_path, bib_file, to, **kw)
    assert a == b
    _same_report(r1, r2)


@pytest.mark.parametrize("to", ["csl-json", "ris"])
def test_ris_same_output(tmp_path: Path, ris_file: Path, to: str) -> None:
    assert len(list(parallel.split(ris_file, "ris", chunk_bytes=SMALL))) > 10
    a, r1, b, r2 = _both(tmp_path, ris_file, to, from_="ris")
    assert a == b
    _same_report(r1, r2)
    assert any(d.record and d.record.startswith("#") for d in r2.diagnostics)


def test_oai_pmh_same_output(tmp_path: Path) -> None:
    src = tmp_path / "harvest.xml"
    src.write_bytes(_oai(400))
    chunks = list(parallel.split(src, "dc", chunk_bytes=SMALL))
    assert len(chunks) > 3
    a, r1, b, r2 = _both(tmp_path, src, "csl-json", from_="dc")
    assert a == b
    _same_report(r1, r2)
    assert r2.resumption_token == "tok-42"
    assert r2.records_read == 400 - len([i for i in range(400) if i % 17 == 5])


def test_output_order_with_more_workers(tmp_path: Path, jsonl_file: Path) -> None:
    out = tmp_path / "out.jsonl"
    parallel.convert_file(jsonl_file, "csl-json", out, jobs=3, chunk_bytes=4_000, lines=True)
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    expected = [
        json.loads(line)["id"] for line in jsonl_file.read_text(encoding="utf-8").splitlines()
    ]
    assert ids == expected


def test_stream_destination(tmp_path: Path, jsonl_file: Path) -> None:
    buf = io.BytesIO()
    parallel.convert_file(jsonl_file, "ris", buf, jobs=2, chunk_bytes=SMALL)
    assert buf.getvalue() == biblioconv.dumps(biblioconv.read(jsonl_file), "ris").encode()


# -- framing -------------------------------------------------------------------------------------


def test_framing_chosen_per_writer() -> None:
    concat = parallel.choose_framing("ris", None, {})
    array = parallel.choose_framing("csl-json", None, {"indent": 2})
    lines = parallel.choose_framing("csl-json", None, {"lines": True})
    assert concat is not None and concat[0].name == "concatenation"
    assert array is not None and array[0].name == "JSON array" and array[1] == b"[]\n"
    assert lines is not None and lines[0].name == "concatenation"


def test_xml_wrapper_framing_joins_documents() -> None:
    parts = [
        b'<?xml version="1.0"?>\n<list a="1>2">\n  <r>1</r>\n  <r>2</r>\n</list>\n',
        b'<?xml version="1.0"?>\n<list a="1>2">\n  <r>3</r>\n</list>\n',
        b'<?xml version="1.0"?>\n<list a="1>2">\n  <r>4</r>\n</list>\n',
    ]
    assert parallel.XML_WRAPPER.join(parts) == (
        b'<?xml version="1.0"?>\n<list a="1>2">\n  <r>1</r>\n  <r>2</r>\n'
        b"  <r>3</r>\n  <r>4</r>\n</list>\n"
    )


def _footer_writer(records: Iterable[Record], stream: IO[bytes], ctx: WriteContext) -> None:
    n = 0
    for record in records:
        n += 1
        stream.write(f"{n}. {record.title or '?'}\n".encode())
        ctx.report.count("written")
    stream.write(f"-- {n} records\n".encode())


def test_writer_without_known_framing_gets_records(tmp_path: Path, jsonl_file: Path) -> None:
    spec = FormatSpec(name="numbered-test", title="numbered", writer=_footer_writer)
    registry.register(spec)
    try:
        assert parallel.choose_framing("numbered-test", None, {}) is None
        a, r1, b, r2 = _both(tmp_path, jsonl_file, "numbered-test", from_="csl-json")
    finally:
        registry.unregister("numbered-test")
    assert a == b
    assert b.count(b"records\n") == 1
    _same_report(r1, r2)


# -- inputs that are not split -------------------------------------------------------------------


def test_json_array_is_converted_in_one_process(tmp_path: Path, jsonl_file: Path) -> None:
    array = tmp_path / "items.json"
    biblioconv.convert(jsonl_file, "csl-json", array)
    with pytest.raises(parallel.Unsplittable):
        list(parallel.split(array, "csl-json", chunk_bytes=SMALL))
    a, r1, b, r2 = _both(tmp_path, array, "ris", from_="csl-json")
    assert a == b
    _same_report(r1, r2)


def test_bibtex_crossref_parents_travel_with_the_chunks_that_need_them(
    tmp_path: Path, bib_file: Path
) -> None:
    """A child and its parent in different chunks (and a parent's own xdata parent, further
    away): the chunk gets the entries it names from elsewhere, the output and the report are
    those of one process."""
    src = tmp_path / "xref.bib"
    text = bib_file.read_text(encoding="utf-8")
    src.write_text(
        "@inproceedings{child,\n  title = {Child},\n  crossref = {parent},\n}\n\n"
        + text
        + "\n@proceedings{parent,\n  title = {The Parent},\n  xdata = {grand},\n}\n\n"
        + "@xdata{grand,\n  year = 1999,\n  publisher = {Grand Press},\n}\n",
        encoding="utf-8",
    )
    chunks = list(parallel.split(src, "bibtex", chunk_bytes=SMALL))
    assert len(chunks) > 5
    first = chunks[0].read_options["parent_entries"]
    assert first.startswith("@proceedings{parent,") and "@xdata{grand," in first
    assert not chunks[1].read_options  # a chunk that names nothing gets nothing
    a, r1, b, r2 = _both(tmp_path, src, "csl-json", from_="bibtex")
    assert a == b
    child = json.loads(b)[0]
    assert child["container-title"] == "The Parent" and child["publisher"] == "Grand Press"
    _same_report(r1, r2)


def test_bibtex_with_a_cross_referenced_key_twice_is_converted_in_one_process(
    tmp_path: Path, bib_file: Path
) -> None:
    src = tmp_path / "twice.bib"
    text = bib_file.read_text(encoding="utf-8")
    src.write_text(
        "@inproceedings{child,\n  title = {Child},\n  crossref = {parent},\n}\n\n"
        + text
        + "\n@proceedings{parent,\n  title = {First},\n}\n"
        + "\n@proceedings{parent,\n  title = {Second},\n}\n",
        encoding="utf-8",
    )
    with pytest.raises(parallel.Unsplittable, match="occurs more than once"):
        list(parallel.split(src, "bibtex", chunk_bytes=SMALL))
    a, r1, b, r2 = _both(tmp_path, src, "csl-json", from_="bibtex")
    assert a == b
    assert json.loads(b)[0]["container-title"] == "First"
    _same_report(r1, r2)


def test_the_real_corpus_with_its_crossrefs_splits_to_the_same_output(
    tmp_path: Path, shared: Path
) -> None:
    """bibtex-real.bib: 847 entries with a crossref; split into chunks (not one process), the
    same CSL-JSON, the same counts and, when all are kept, the same diagnostics as one process."""
    src = shared / "corpus" / "bibtex-real.bib"
    chunks = list(parallel.split(src, "bibtex", chunk_bytes=256 * 1024))
    assert len(chunks) > 10
    assert any(c.read_options for c in chunks)  # parents from other chunks travel along
    single, par = tmp_path / "single.json", tmp_path / "parallel.json"
    everything = {"max_diagnostics": None}  # as --report keeps them: all, past the first 1,000
    r1 = biblioconv.convert(src, "csl-json", single, report=ConversionReport(**everything))
    r2 = parallel.convert_file(
        src, "csl-json", par, jobs=2, chunk_bytes=256 * 1024, report=ConversionReport(**everything)
    )
    assert single.read_bytes() == par.read_bytes()
    assert (r1.records_read, r1.records_written, r1.counts) == (
        r2.records_read,
        r2.records_written,
        r2.counts,
    )
    assert len(r1.diagnostics) > 1_000
    assert sorted(map(str, r1.diagnostics)) == sorted(map(str, r2.diagnostics))


def test_non_utf8_input_is_converted_in_one_process(tmp_path: Path, ris_file: Path) -> None:
    src = tmp_path / "latin1.ris"
    data = ris_file.read_bytes()
    src.write_bytes(data + "TY  - JOUR\nTI  - Caf\u00e9 cr\u00e8me\nER  - \n".encode("latin-1"))
    a, r1, b, r2 = _both(tmp_path, src, "csl-json", from_="ris")
    assert a == b
    assert "Café crème".encode() in b
    _same_report(r1, r2)


def test_bytes_and_small_inputs_fall_back(tmp_path: Path) -> None:
    data = b"TY  - JOUR\nTI  - One\nER  - \n"
    out = tmp_path / "x.json"
    report = parallel.convert_file(data, "csl-json", out, from_="ris", jobs=2)
    assert report.records_written == 1
    assert out.read_bytes() == biblioconv.dumps(biblioconv.loads(data, "ris"), "csl-json").encode()


# -- errors --------------------------------------------------------------------------------------


def test_parse_error_names_the_line_and_record_in_the_file(tmp_path: Path, ris_file: Path) -> None:
    data = ris_file.read_bytes()
    at = data.index(b"\nTY  - ", len(data) * 2 // 3) + 1
    broken = tmp_path / "broken.ris"
    long_record = b"TY  - JOUR\nTI  - Too long\nAB  - " + b"x" * 50_000 + b"\nER  - \n\n"
    broken.write_bytes(data[:at] + long_record + data[at:])
    kw: dict[str, Any] = {"from_": "ris", "strict": True, "limits": Limits(max_field_chars=40_000)}
    with pytest.raises(ParseError) as single:
        biblioconv.convert(broken, "csl-json", tmp_path / "s.json", **kw)
    out = tmp_path / "p.json"
    with pytest.raises(ParseError) as par:
        parallel.convert_file(broken, "csl-json", out, jobs=2, chunk_bytes=SMALL, **kw)
    assert str(par.value) == str(single.value)
    assert par.value.line == data[:at].count(b"\n") + 3
    assert par.value.record is not None and par.value.record.startswith("#")
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_strict_loss_leaves_no_output(tmp_path: Path, bib_file: Path) -> None:
    kw: dict[str, Any] = {"from_": "bibtex", "read_options": {"resolve_crossref": False}}
    with pytest.raises(LossError):
        biblioconv.convert(bib_file, "ris", tmp_path / "single.ris", strict=True, **kw)
    out = tmp_path / "strict.ris"
    with pytest.raises(LossError):
        parallel.convert_file(bib_file, "ris", out, jobs=2, chunk_bytes=SMALL, strict=True, **kw)
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


# -- splitters -----------------------------------------------------------------------------------


def test_bibtex_chunks_carry_macros_and_keep_comments_in_place(tmp_path: Path) -> None:
    entries = "".join(
        f"@article{{k{i},\n  title = {{Title {i}}},\n  journal = jn,\n}}\n\n" for i in range(300)
    )
    src = tmp_path / "m.bib"
    src.write_text(
        '@string{jn = "Journal of Tests"}% a comment after the macro\n\n'
        + entries
        + "% trailing comment\n",
        encoding="utf-8",
    )
    chunks = list(parallel.split(src, "bibtex", chunk_bytes=2_000))
    assert len(chunks) > 5
    for chunk in chunks[1:]:
        assert chunk.data.startswith(b'@string{jn = "Journal of Tests"}\n@article{')
        assert chunk.line_map[0][0] == 2
    records = [r for c in chunks for r in biblioconv.loads(c.data, "bibtex")]
    whole = biblioconv.loads(src.read_bytes(), "bibtex")
    assert records == whole
    assert all(r.container and r.container.title == "Journal of Tests" for r in records)


def test_bibtex_no_cut_after_a_comment_between_entries(tmp_path: Path) -> None:
    src = tmp_path / "c.bib"
    src.write_text(
        "".join(f"@misc{{k{i}, title = {{T {i}}}}}\n% note on k{i + 1}\n" for i in range(200)),
        encoding="utf-8",
    )
    assert len(list(parallel.split(src, "bibtex", chunk_bytes=500))) == 1


def test_ris_cut_only_after_er(tmp_path: Path) -> None:
    src = tmp_path / "r.ris"
    recs = "".join(f"TY  - JOUR\nTI  - Title {i}\nER  - \n\n" for i in range(200))
    src.write_text(recs + "TY  - JOUR\nTI  - no end\nTY  - BOOK\nTI  - last\nER  - \n")
    chunks = list(parallel.split(src, "ris", chunk_bytes=300))
    assert len(chunks) > 10
    assert all(c.data.startswith(b"TY  - ") for c in chunks)
    assert b"".join(c.data for c in chunks) == src.read_bytes()
    last = chunks[-1]
    assert last.original_line(last.line_map[0][0]) == last.line_map[0][1]


def test_single_record_xml_is_not_split(tmp_path: Path) -> None:
    src = tmp_path / "one.xml"
    src.write_bytes(
        b'<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" '
        b'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>T</dc:title></oai_dc:dc>'
    )
    with pytest.raises(parallel.Unsplittable):
        list(parallel.split(src, "dc"))


def test_concatenated_datacite_documents_same_output(tmp_path: Path, bib_file: Path) -> None:
    src = tmp_path / "many.datacite.xml"
    biblioconv.convert(bib_file, "datacite", src, from_="bibtex", fill_unknown=True)
    assert len(list(parallel.split(src, "datacite", chunk_bytes=SMALL))) > 5
    a, r1, b, r2 = _both(tmp_path, src, "csl-json", from_="datacite")
    assert a == b
    _same_report(r1, r2)
    assert r2.records_read > 300


def test_missing_input_is_reported_as_usual(tmp_path: Path) -> None:
    with pytest.raises(ParseError) as exc:
        parallel.convert_file(tmp_path / "nope.ris", "csl-json", tmp_path / "o.json", from_="ris")
    assert str(tmp_path / "nope.ris") in str(exc.value)


def test_datacite_json_lines_same_output(tmp_path: Path, bib_file: Path) -> None:
    src = tmp_path / "many.jsonl"
    biblioconv.convert(
        bib_file, "datacite-json", src, from_="bibtex", fill_unknown=True, lines=True
    )
    assert len(list(parallel.split(src, "datacite-json", chunk_bytes=SMALL))) > 5
    a, r1, b, r2 = _both(tmp_path, src, "csl-json", from_="datacite-json")
    assert a == b
    _same_report(r1, r2)


@pytest.mark.parametrize("to", ["ris", "csl-json"])
@pytest.mark.parametrize("jobs", [1, 2])
def test_require_records_refuses_an_input_of_only_broken_records(
    tmp_path: Path, to: str, jobs: int
) -> None:
    src = tmp_path / "bad.bib"
    src.write_text("".join(f"@article{{k{i}\n  title = {{T {i}}},\n}}\n\n" for i in range(2000)))
    assert len(list(parallel.split(src, "bibtex", chunk_bytes=SMALL))) > 2
    out = tmp_path / "out.txt"
    out.write_text("kept")
    with pytest.raises(ParseError, match=r"bad.bib:1: no bibtex record read: malformed entry"):
        parallel.convert_file(
            src, to, out, from_="bibtex", jobs=jobs, chunk_bytes=SMALL, require_records=True
        )
    assert out.read_text() == "kept"
    # without the option the conversion gives an empty output, as before
    report = parallel.convert_file(src, to, out, from_="bibtex", jobs=jobs, chunk_bytes=SMALL)
    assert report.records_written == 0 and out.read_text() != "kept"


# -- the command as a user types it: parallel by default for one large input -------------------


def _split_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    from biblioconv import cli

    calls: list[int] = []
    real = cli._run_split_job

    def spy(job: Any, n: int) -> Any:
        calls.append(n)
        return real(job, n)

    monkeypatch.setattr(cli, "_run_split_job", spy)
    return calls


def test_a_large_input_is_split_without_asking(
    tmp_path: Path, bib_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from biblioconv import cli

    big = tmp_path / "big.bib"
    text = bib_file.read_bytes()
    big.write_bytes(text * (cli.AUTO_SPLIT_BYTES // len(text) + 1))
    monkeypatch.setattr(cli, "_cores", lambda: 2)
    calls = _split_calls(monkeypatch)
    auto, one = tmp_path / "auto.json", tmp_path / "one.json"
    assert cli.main(["convert", str(big), "-t", "csl-json", "-o", str(auto), "-q"]) == 0
    assert calls == [2]
    assert cli.main(["convert", str(big), "-t", "csl-json", "-o", str(one), "-q", "-j", "1"]) == 0
    assert calls == [2]
    assert auto.read_bytes() == one.read_bytes()


def test_a_small_input_or_one_core_stays_in_one_process(
    tmp_path: Path, bib_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from biblioconv import cli

    calls = _split_calls(monkeypatch)
    out = tmp_path / "out.json"
    assert cli.main(["convert", str(bib_file), "-t", "csl-json", "-o", str(out), "-q"]) == 0
    big = tmp_path / "big.bib"
    big.write_bytes(bib_file.read_bytes() * (cli.AUTO_SPLIT_BYTES // bib_file.stat().st_size + 1))
    monkeypatch.setattr(cli, "_cores", lambda: 1)
    assert cli.main(["convert", str(big), "-t", "csl-json", "-o", str(out), "-q"]) == 0
    assert calls == []


# -- reading: parallel.read_file ------------------------------------------------------------------


def _dumps(records: Iterable[Record]) -> list[str]:
    return [r.model_dump_json(exclude_defaults=True) for r in records]


def _title(record: Record) -> str:
    return f"{record.label}: {record.title}"


@pytest.mark.parametrize("name", ["bib_file", "ris_file"])
def test_read_file_gives_the_records_and_report_of_one_process(
    name: str, request: pytest.FixtureRequest
) -> None:
    path: Path = request.getfixturevalue(name)
    one, par = ConversionReport(), ConversionReport()
    single = list(biblioconv.read(path, report=one))
    records = parallel.read_file(path, jobs=2, chunk_bytes=SMALL, report=par)
    assert len(records) == len(single) > 100
    assert _dumps(records) == _dumps(single)
    assert par.records_read == one.records_read
    assert par.counts == one.counts
    assert [str(d) for d in par.diagnostics] == [str(d) for d in one.diagnostics]


def test_read_file_transforms_in_the_workers(bib_file: Path) -> None:
    single = [_title(r) for r in biblioconv.read(bib_file)]
    assert parallel.read_file(bib_file, "bibtex", jobs=2, chunk_bytes=SMALL, transform=_title) == (
        single
    )


def test_read_file_error_names_the_line_in_the_file(tmp_path: Path, ris_file: Path) -> None:
    data = ris_file.read_bytes()
    at = data.index(b"\nTY  - ", len(data) * 2 // 3) + 1
    broken = tmp_path / "broken.ris"
    long_record = b"TY  - JOUR\nTI  - Too long\nAB  - " + b"x" * 50_000 + b"\nER  - \n\n"
    broken.write_bytes(data[:at] + long_record + data[at:])
    kw: dict[str, Any] = {"strict": True, "limits": Limits(max_field_chars=40_000)}
    with pytest.raises(ParseError) as single:
        list(biblioconv.read(broken, "ris", **kw))
    with pytest.raises(ParseError) as par:
        parallel.read_file(broken, "ris", jobs=2, chunk_bytes=SMALL, **kw)
    assert str(par.value) == str(single.value)
    assert par.value.line == data[:at].count(b"\n") + 3


def test_read_file_falls_back_to_one_process(tmp_path: Path) -> None:
    small = tmp_path / "one.bib"
    small.write_text("@article{a, title={One}, year=2001}\n", encoding="utf-8")
    assert [r.label for r in parallel.read_file(small, jobs=2)] == ["a"]
    stream = io.BytesIO(small.read_bytes())
    assert [r.label for r in parallel.read_file(stream, "bibtex", jobs=2)] == ["a"]
    with pytest.raises(ParseError, match=r"missing\.bib: No such file"):  # as biblioconv.read
        parallel.read_file(tmp_path / "missing.bib", "bibtex", jobs=2)


def _mods_collection(path: Path, ids: list[str]) -> Path:
    body = "".join(
        f'<mods ID="{rid}" version="3.8"><titleInfo><title>Title {n}</title></titleInfo>'
        f"<originInfo><dateIssued>2001</dateIssued></originInfo></mods>\n"
        for n, rid in enumerate(ids)
    )
    path.write_text(
        '<?xml version="1.0"?>\n<modsCollection xmlns="http://www.loc.gov/mods/v3">\n'
        + body
        + "</modsCollection>\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("repeated", [False, True])
def test_an_id_the_document_holds_once_is_kept_once_with_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, repeated: bool
) -> None:
    """MODS keeps a record's ``@ID`` (an XML ID, unique in a document): written in parts, an ID
    repeated in two parts would make the document invalid. Such an input is converted in one
    process, whose writer keeps the ID once; other inputs are joined from the parts."""
    ids = [f"r{n}" for n in range(600)]
    if repeated:
        ids[590] = "r3"  # the same ID in the first chunk and in the last
    src = _mods_collection(tmp_path / "ids.mods.xml", ids)
    assert len(list(parallel.split(src, "mods", chunk_bytes=SMALL))) > 3
    joined: list[int] = []
    real = parallel._write_joined

    def spy(results: Any, *args: Any) -> None:
        joined.append(1)
        real(results, *args)

    monkeypatch.setattr(parallel, "_write_joined", spy)
    a, r1, b, r2 = _both(tmp_path, src, "mods", collection="always")
    assert a == b
    _same_report(r1, r2)
    assert b.count(b'ID="r3"') == 1
    assert len(joined) == 1  # parts joined first; with a repeated ID, then one process
    dropped = [d for d in r1.by_code("FIELD_DROPPED") if "@ID" in (d.field or "")]
    assert len(dropped) == (1 if repeated else 0)
    from biblioconv.formats.mods.writer import unique_values

    assert len(unique_values(b)) == (599 if repeated else 600)
