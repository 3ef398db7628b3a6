"""The command line, run as a user would (subprocess): conversions, errors, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLES

import biblioconv

EXAMPLE = EXAMPLES / "social-innovators.record.json"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "biblioconv", *args], input=stdin, capture_output=True, timeout=120
    )


def test_version_names_key_dependencies() -> None:
    out = run("--version")
    assert out.returncode == 0
    text = out.stdout.decode()
    for name in ("biblioconv", "pydantic", "lxml", "bibtexparser", "citeproc-py"):
        assert name in text


def test_console_script_is_installed() -> None:
    exe = Path(sys.executable).with_name("biblioconv")
    out = subprocess.run([str(exe), "formats"], capture_output=True, text=True, check=True)
    assert "csl-json" in out.stdout


def test_convert_example_to_csl_json_round_trips(tmp_path: Path) -> None:
    out = tmp_path / "example.json"
    res = run("convert", str(EXAMPLE), "-t", "csl-json", "-o", str(out))
    assert res.returncode == 0, res.stderr
    assert b"records: 1 read, 1 written, 0 skipped" in res.stderr
    back = tmp_path / "back.record.json"
    res = run("convert", str(out), "-t", "record-json", "-o", str(back))
    assert res.returncode == 0, res.stderr
    original = next(biblioconv.read(EXAMPLE))
    assert next(biblioconv.read(back)) == original


def test_stdin_to_stdout_pipe() -> None:
    data = b'[{"id": "a", "type": "book", "title": "Piped"}]'
    res = run("convert", "-", "-f", "csl-json", "-t", "csl-yaml", "-q", stdin=data)
    assert res.returncode == 0
    assert b"title: Piped" in res.stdout
    assert res.stderr == b""


def test_convert_to_all_formats(tmp_path: Path) -> None:
    res = run("convert", str(EXAMPLE), "-t", "all", "-o", str(tmp_path))
    assert res.returncode == 0, res.stderr
    writable = {s.name for s in biblioconv.formats() if s.can_write}
    written = {p.name for p in tmp_path.iterdir()}
    assert len(written) >= len(writable) - 1  # a format may refuse a record (reported)
    assert "social-innovators.csl.json" in written


def test_report_file_and_strict_exit_code(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    out = tmp_path / "out.json"
    res = run(
        "convert", str(EXAMPLE), "-t", "csl-json", "-o", str(out),
        "-O", "csl-json.preserve=false", "--strict", "--report", str(report),
    )  # fmt: skip
    assert res.returncode == 3
    assert not out.exists()
    data = json.loads(report.read_text())
    assert any(d["code"] == "FIELD_DROPPED" and d["field"] == "contributors" for d in data["diagnostics"])
    assert res.stderr.count(b"\n") == 1 and b"Traceback" not in res.stderr


def test_missing_input_is_one_line_exit_1() -> None:
    res = run("convert", "no-such-file.bib", "-f", "csl-json", "-t", "csl-yaml")
    assert res.returncode == 1
    assert res.stderr == b"biblioconv: error: no-such-file.bib: No such file or directory\n"


def test_malformed_input_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('[\n  {"id": "a", "type": "book"},\n  {"id": \n')
    out = tmp_path / "out.yaml"
    res = run("convert", str(bad), "-f", "csl-json", "-t", "csl-yaml", "-o", str(out))
    assert res.returncode == 1
    line = res.stderr.decode()
    assert line.count("\n") == 1 and f"{bad}:" in line and "invalid JSON" in line
    assert not out.exists()


def test_usage_errors_exit_2() -> None:
    assert run("convert", str(EXAMPLE), "-t", "no-such-format").returncode == 2
    assert run("convert", str(EXAMPLE)).returncode == 2
    assert run("convert", str(EXAMPLE), "-t", "csl-json", "-O", "nonsense").returncode == 2
    res = run("convert", str(EXAMPLE), "-t", "csl-json", "-O", "csl-json.indent=x")
    assert res.returncode == 2 and b"indent" in res.stderr
    assert run().returncode == 2


def test_formats_json_lists_capabilities() -> None:
    res = run("formats", "--json")
    rows = {r["name"]: r for r in json.loads(res.stdout)}
    assert rows["csl-json"]["read"] and rows["csl-json"]["write"] and rows["csl-json"]["streams"]
    assert "preserve" in rows["csl-json"]["write_options"]
