"""No data loss on failure: a failed conversion leaves no output file, a record one writer
cannot hold is reported by key and the others are written."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import biblioconv
from biblioconv.errors import ParseError
from biblioconv.model import Record, Title
from biblioconv.report import ConversionReport

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "social-innovators.record.json"
WRITABLE = [s.name for s in biblioconv.formats() if s.can_write and s.name != "citation"]


def _example() -> Record:
    return Record.model_validate_json(EXAMPLE.read_text("utf-8"))


def _failing(n: int) -> Iterator[Record]:
    base = _example()
    for i in range(n):
        yield base.model_copy(update={"id": f"r{i}", "citation_key": f"r{i}"})
    raise ParseError("broken after the good records", source="in.json", line=9)


@pytest.mark.parametrize("fmt", WRITABLE)
def test_api_write_to_a_path_leaves_nothing_when_reading_fails(fmt: str, tmp_path: Path) -> None:
    dest = tmp_path / "out" / "result.txt"
    report = ConversionReport()
    with pytest.raises(ParseError, match="broken after the good records"):
        biblioconv.write(_failing(3), fmt, dest, report=report)
    assert not dest.exists()
    assert list(dest.parent.iterdir()) == []
    assert report.records_written == 0


@pytest.mark.parametrize("fmt", WRITABLE)
def test_api_write_replaces_an_existing_file_only_on_success(fmt: str, tmp_path: Path) -> None:
    dest = tmp_path / "result.txt"
    dest.write_text("previous content", encoding="utf-8")
    with pytest.raises(ParseError):
        biblioconv.write(_failing(2), fmt, dest)
    assert dest.read_text("utf-8") == "previous content"
    biblioconv.write([_example()], fmt, dest)
    assert dest.read_text("utf-8") != "previous content"


@pytest.mark.parametrize("fmt", WRITABLE)
def test_a_record_that_cannot_be_written_is_reported_and_the_others_written(fmt: str) -> None:
    good = _example()
    odd = Record(id="odd-one", citation_key="odd-one", titles=[Title(text="")])
    report = ConversionReport()
    biblioconv.dumps([good, odd, good.model_copy(update={"id": "g2"})], fmt, report=report)
    assert report.records_written + report.records_skipped == 3
    skipped = [d for d in report.diagnostics if d.code.value == "RECORD_SKIPPED"]
    assert len(skipped) == report.records_skipped
    for d in skipped:
        assert d.record, "a skipped record must be named"


def test_cli_failure_mid_stream_leaves_no_output(tmp_path: Path) -> None:
    """The real command line, in its own process: one error line, no traceback, no file."""
    src = tmp_path / "refs.json"
    good = '{"id": "a", "type": "book", "title": "Fine"}'
    src.write_text(f'[{good}, {good.replace("a", "b", 1)}, {{"id": "c", "ti', "utf-8")
    outdir = tmp_path / "out"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "biblioconv",
            "convert",
            str(src),
            "-f",
            "csl-json",
            "-t",
            "bibtex,ris,record-json",
            "-o",
            str(outdir),
            "-q",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"biblioconv: error: {src}"), proc.stderr
    assert proc.stdout == ""
    files = [p for p in outdir.rglob("*") if p.is_file()] if outdir.exists() else []
    assert files == []
