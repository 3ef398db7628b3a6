"""Every malformed input gives records plus diagnostics or a documented error, quickly, through
the API and the command line (one error line, no traceback, no partial output file)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from malformed_cases import Case, deadline, load_cases

import biblioconv
import biblioconv.errors as errors
from biblioconv.cli import main as cli_main
from biblioconv.report import ConversionReport

CASES = load_cases()
IDS = [c.name for c in CASES]
SECONDS = 5.0
WRITABLE = [s.name for s in biblioconv.formats() if s.can_write and s.name != "citation"]


def test_corpus_size_and_coverage() -> None:
    assert len(CASES) >= 60
    readable = {s.name for s in biblioconv.formats() if s.can_read}
    covered = {c.format for c in CASES}
    assert covered <= readable, f"cases for unregistered formats: {covered - readable}"
    assert readable - covered == set(), f"formats without malformed cases: {readable - covered}"
    for c in CASES:
        assert c.expect["outcome"] in ("records", "error", "refused"), c.name


def _read(
    case: Case,
) -> tuple[list[biblioconv.Record] | None, BaseException | None, ConversionReport]:
    report = ConversionReport()
    try:
        with deadline(SECONDS, case.name):
            records = list(biblioconv.read(case.data(), case.format, report=report))
    except errors.BiblioconvError as exc:
        return None, exc, report
    return records, None, report


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_read_through_the_api(case: Case) -> None:
    exp = case.expect
    records, error, report = _read(case)
    codes = {d.code.value for d in report.diagnostics}
    if exp["outcome"] == "error":
        assert error is not None, f"expected {exp['error']}, read {len(records or [])} records"
        assert isinstance(error, getattr(errors, exp["error"])), repr(error)
        assert exp["message"].lower() in str(error).lower()
        assert "\n" not in str(error)
        return
    if exp["outcome"] == "refused":
        if error is None:
            assert records == []
            assert any(d.severity != "info" for d in report.diagnostics), "nothing said"
        return
    assert error is None, f"unexpected error: {error!r}"
    assert records is not None
    assert len(records) == exp["records"]
    if "skipped" in exp:
        assert report.records_skipped == exp["skipped"]
    if "codes" in exp:
        assert codes == set(exp["codes"])
    assert set(exp.get("codes_include", [])) <= codes
    assert not set(exp.get("codes_exclude", [])) & codes
    if "titles" in exp:
        assert [r.title for r in records] == exp["titles"]
    dumped = json.dumps([r.model_dump(mode="json") for r in records])
    for text in exp.get("absent", []):
        assert text not in dumped
    if "message_in_diagnostics" in exp:
        assert any(exp["message_in_diagnostics"] in d.message for d in report.diagnostics)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_convert_through_the_cli(
    case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / case.name
    src.write_bytes(case.data())
    out = tmp_path / "out.record.json"
    argv = ["convert", str(src), "-f", case.format, "-t", "record-json", "-o", str(out), "-q"]
    with deadline(SECONDS, case.name):
        code = cli_main(argv)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    lines = captured.err.splitlines()
    outcome = case.expect["outcome"]
    # no record read while the reader warned (a refusal) or skipped one: the command line fails
    # with one line rather than write an empty output
    nothing = (
        outcome == "records"
        and case.expect["records"] == 0
        and bool(case.expect.get("codes") or case.expect.get("codes_include"))
    )
    if outcome in ("error", "refused") or nothing:
        assert code == 1
        assert len(lines) == 1, captured.err
        assert lines[0].startswith(f"biblioconv: error: {src}"), lines[0]
        assert not out.exists(), "a failed conversion left an output file"
        assert sorted(p.name for p in tmp_path.iterdir()) == [case.name], "temporary files left"
        return
    assert code == 0, captured.err
    assert lines == []
    assert len(json.loads(out.read_text("utf-8"))) == case.expect["records"]


@pytest.mark.parametrize(
    "case", [c for c in CASES if c.expect["outcome"] == "records"], ids=lambda c: c.name
)
def test_what_was_read_writes_in_every_format(case: Case) -> None:
    """Odd values that a reader let through never crash a writer."""
    records, error, _ = _read(case)
    assert error is None and records is not None
    for fmt in WRITABLE:
        report = ConversionReport()
        with deadline(SECONDS, f"{case.name} -> {fmt}"):
            try:
                text = biblioconv.dumps(records, fmt, report=report)
            except errors.BiblioconvError as exc:
                pytest.fail(f"{fmt}: {exc}")
        assert report.records_written + report.records_skipped == len(records), fmt
        assert isinstance(text, str)
