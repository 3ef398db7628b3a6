"""Golden cases through the hub: cases/<name>.bib -> <name>.record.json (hand-verified), and the
writer's output for the same records -> <name>.out.bib (BibLaTeX cases: blx_*)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bibtex_support import CASES, UPDATE

import biblioconv
from biblioconv.report import ConversionReport

CASE_FILES = sorted(CASES.glob("*.bib"))
CASE_FILES = [p for p in CASE_FILES if not p.name.endswith(".out.bib")]


def _fmt(path: Path) -> str:
    return "biblatex" if path.name.startswith("blx_") else "bibtex"


def _read(path: Path) -> tuple[list[biblioconv.Record], ConversionReport]:
    report = ConversionReport()
    records = biblioconv.loads(path.read_bytes(), _fmt(path), report=report, strict=False)
    return records, report


def _dump(records: list[biblioconv.Record]) -> str:
    data = [r.model_dump(mode="json", exclude_defaults=True) for r in records]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def test_enough_cases() -> None:
    assert len(CASE_FILES) >= 40


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_read_golden(path: Path) -> None:
    records, _ = _read(path)
    golden = path.with_suffix(".record.json")
    if UPDATE:
        golden.write_text(_dump(records), encoding="utf-8")
    assert _dump(records) == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_write_golden(path: Path) -> None:
    records, _ = _read(path)
    out = biblioconv.dumps(records, _fmt(path))
    golden = path.with_suffix(".out.bib")
    if UPDATE:
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "path", [p for p in CASE_FILES if p.stem != "duplicate_keys"], ids=lambda p: p.stem
)
def test_written_output_reads_back_the_same(path: Path) -> None:
    records, _ = _read(path)
    back = biblioconv.loads(biblioconv.dumps(records, _fmt(path)), _fmt(path))
    assert [r.model_dump(exclude_defaults=True) for r in back] == [
        r.model_dump(exclude_defaults=True) for r in records
    ]
