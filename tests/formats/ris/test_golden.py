"""Golden cases through the hub: RIS input -> records (and diagnostics) -> RIS output.

Each ``cases/<name>.ris`` has ``<name>.record.json`` (the expected records), ``<name>.report.json``
(the expected diagnostics, one line each: severity, code, field, line) and, where written, the
expected writer output ``<name>.out.ris``. All were checked by hand against the input.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rissupport import CASES, UPDATE  # type: ignore[import-not-found]

import biblioconv
from biblioconv.report import ConversionReport

CASE_FILES = sorted(CASES.glob("*.ris"))
CASE_FILES = [p for p in CASE_FILES if not p.name.endswith(".out.ris")]


def _diag_lines(report: ConversionReport) -> list[str]:
    return [
        f"{d.severity} {d.code.value} {d.field or '-'} line {d.line}: {d.message}"
        for d in report.diagnostics
    ]


def _check(path: Path, actual: object) -> None:
    if UPDATE:
        path.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n", "utf-8")
    expected = json.loads(path.read_text("utf-8"))
    assert actual == expected


def test_there_are_enough_cases() -> None:
    assert len(CASE_FILES) >= 30


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_read(path: Path) -> None:
    report = ConversionReport()
    records = list(biblioconv.read(path, report=report))  # format detected: sniff + extension
    dumped = [r.model_dump(mode="json", exclude_defaults=True) for r in records]
    _check(path.with_suffix(".record.json"), dumped)
    _check(path.with_suffix(".report.json"), _diag_lines(report))


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_write(path: Path) -> None:
    records = biblioconv.loads(path.read_bytes(), "ris", strict=False)
    out = path.with_name(path.stem + ".out.ris")
    report = ConversionReport()
    text = biblioconv.dumps(records, "ris", line_endings="lf", report=report)
    if UPDATE:
        out.write_text(text, "utf-8")
    assert text == out.read_text("utf-8")
    _check(path.with_suffix(".write.json"), _diag_lines(report))
    back = biblioconv.loads(text, "ris")
    assert len(back) == len(records)
    if not report.lossy:  # what was written reads back to the same records
        assert back == records
    else:  # the report names every coercion (golden above); the rest reads back unchanged
        assert any(a != b for a, b in zip(back, records, strict=True))
