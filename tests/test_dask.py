"""biblioconv.dask on a local cluster of two worker processes: same output as the CLI."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("distributed")  # the dask extra; installed with the test extras

import biblioconv
from biblioconv import dask as bdask
from biblioconv.cli import main as cli
from biblioconv.errors import ParseError


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    from distributed import Client, LocalCluster

    cluster = LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
    )
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


@pytest.fixture(scope="module")
def jsonl(tmp_path_factory: pytest.TempPathFactory, shared: Path) -> Path:
    text = (shared / "corpus" / "bibtex-real.bib").read_text(encoding="utf-8")
    bib = tmp_path_factory.mktemp("src") / "part.bib"
    bib.write_text(text[: text.index("\n@", 300_000) + 1], encoding="utf-8")
    path = bib.with_suffix(".jsonl")
    biblioconv.convert(bib, "csl-json", path, read_options={"resolve_crossref": False}, lines=True)
    return path


def _cli(tmp_path: Path, *args: str) -> None:
    assert cli(["convert", *args, "--quiet"]) == 0


def test_partitions_cut_json_lines_at_line_boundaries(jsonl: Path) -> None:
    parts = bdask.partitions(jsonl, blocksize=40_000)
    assert len(parts) > 5
    data = jsonl.read_bytes()
    assert parts[0].start == 0 and parts[-1].end == len(data)
    for a, b in itertools.pairwise(parts):
        assert a.end == b.start
        assert data[b.start - 1 : b.start + 1] == b"\n{"
        assert b.line == data[: b.start].count(b"\n") + 1
    assert [p.index for p in parts] == list(range(len(parts)))


def test_json_lines_partitions_same_output_as_cli(tmp_path: Path, client: Any, jsonl: Path) -> None:
    out = tmp_path / "parts"
    report = bdask.convert(jsonl, "ris", out, scheduler=client, from_="csl-json", blocksize=40_000)
    parts = sorted(out.glob("part-*.ris"))
    assert len(parts) == len(bdask.partitions(jsonl, blocksize=40_000)) > 5
    single = tmp_path / "single.ris"
    _cli(tmp_path, str(jsonl), "-f", "csl-json", "-t", "ris", "-o", str(single))
    assert b"".join(p.read_bytes() for p in parts) == single.read_bytes()
    expected = biblioconv.convert(jsonl, "ris", tmp_path / "api.ris", from_="csl-json")
    assert report.records_read == expected.records_read == report.records_written
    assert sorted(str(d) for d in report.diagnostics) == sorted(
        str(d) for d in expected.diagnostics
    )


def test_many_files_one_part_each(tmp_path: Path, client: Any, shared: Path) -> None:
    files = sorted((shared / "corpus" / "ris").glob("*.ris"))
    out = tmp_path / "parts"
    report = bdask.convert(
        str(shared / "corpus" / "ris" / "*.ris"), "csl-json", out, scheduler=client, lines=True
    )
    parts = sorted(out.glob("part-*"))
    assert len(parts) == len(files)
    read = 0
    for src, part in zip(files, parts, strict=True):
        single = tmp_path / f"{src.stem}.jsonl"
        _cli(tmp_path, str(src), "-t", "csl-json", "-O", "csl-json.lines=true", "-o", str(single))
        assert part.read_bytes() == single.read_bytes()
        read += len(single.read_text(encoding="utf-8").splitlines())
    assert report.records_written == read
    assert {d.source for d in report.diagnostics if d.source} <= {str(f) for f in files}


def test_oai_pmh_dump_one_partition_per_file(tmp_path: Path, client: Any) -> None:
    src = tmp_path / "dump"
    src.mkdir()
    for page in range(3):
        records = "".join(
            f"""<record><header><identifier>oai:x:{page}-{i}</identifier>
<datestamp>2024-01-01</datestamp></header><metadata>
<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Page {page} item {i}</dc:title>
<dc:date>2020</dc:date></oai_dc:dc></metadata></record>
"""
            for i in range(5)
        )
        (src / f"page-{page}.xml").write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords>\n'
            f"{records}</ListRecords></OAI-PMH>\n",
            encoding="utf-8",
        )
    out = tmp_path / "out"
    report = bdask.convert(src, "csl-json", out, scheduler=client, from_="dc")
    assert report.records_read == 15
    titles = [
        item["title"]
        for part in sorted(out.glob("part-*.json"))
        for item in json.loads(part.read_text(encoding="utf-8"))
    ]
    assert titles == [f"Page {p} item {i}" for p in range(3) for i in range(5)]


def test_default_local_cluster(tmp_path: Path, jsonl: Path) -> None:
    out = tmp_path / "parts"
    report = bdask.convert([jsonl], "csl-json", out, blocksize=100_000, lines=True)
    assert b"".join(p.read_bytes() for p in sorted(out.glob("part-*"))) == jsonl.read_bytes()
    assert report.records_read == len(jsonl.read_bytes().splitlines())


def test_error_names_the_line_in_the_file(tmp_path: Path, client: Any, jsonl: Path) -> None:
    lines = jsonl.read_bytes().splitlines(keepends=True)
    bad = len(lines) - 10
    broken = tmp_path / "broken.jsonl"
    broken.write_bytes(b"".join([*lines[:bad], b"[1, 2]\n", *lines[bad:]]))
    with pytest.raises(ParseError) as exc:
        bdask.convert(
            broken,
            "csl-json",
            tmp_path / "o",
            scheduler=client,
            from_="csl-json",
            blocksize=40_000,
            strict=True,
        )
    assert exc.value.source == str(broken)
    assert exc.value.line == bad + 1


def test_no_input(tmp_path: Path) -> None:
    with pytest.raises(biblioconv.errors.BiblioconvError, match="no file matches"):
        bdask.convert(str(tmp_path / "*.ris"), "csl-json", tmp_path / "o")
