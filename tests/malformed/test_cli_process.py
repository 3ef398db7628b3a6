"""The real command line, one process per format over that format's whole malformed corpus:
one ``biblioconv: error:`` line per input that fails (an error, or no record read while the
reader warned) and nothing else on stderr (no traceback, no library logging), output files only
for the inputs that succeeded."""

from __future__ import annotations

import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from malformed_cases import Case, load_cases

CASES = [c for c in load_cases() if not c.expect.get("generate")]
BY_FORMAT: dict[str, list[Case]] = defaultdict(list)
for _case in CASES:
    BY_FORMAT[_case.format].append(_case)


@pytest.mark.parametrize("fmt", sorted(BY_FORMAT))
def test_cli_process_over_the_corpus(fmt: str, tmp_path: Path) -> None:
    cases = BY_FORMAT[fmt]
    inputs = tmp_path / "in"
    inputs.mkdir()
    for case in cases:
        (inputs / case.name).write_bytes(case.data())
    out = tmp_path / "out"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "biblioconv",
            "convert",
            *(str(inputs / c.name) for c in cases),
            "-f",
            fmt,
            "-t",
            "record-json",
            "-o",
            str(out),
            "-q",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = proc.stderr.splitlines()
    assert "Traceback" not in proc.stderr
    prefix = f"biblioconv: error: {inputs}/"
    stray = [ln for ln in lines if not ln.startswith(prefix)]
    assert stray == [], f"unexpected stderr output: {stray[:5]}"
    failed = {ln[len(prefix) :].split(":", 1)[0] for ln in lines}
    assert len(failed) == len(lines), "more than one line for one input"
    # no record read while the reader warned or skipped one: the command line fails (one line,
    # no empty output), as for an error
    nothing = {
        c.name
        for c in cases
        if c.expect["outcome"] == "records"
        and c.expect["records"] == 0
        and (c.expect.get("codes") or c.expect.get("codes_include"))
    }
    must_fail = {c.name for c in cases if c.expect["outcome"] == "error"} | nothing
    may_fail = must_fail | {c.name for c in cases if c.expect["outcome"] == "refused"}
    assert must_fail <= failed <= may_fail
    assert proc.returncode == (1 if failed else 0)
    written = {p.name for p in out.rglob("*") if p.is_file()} if out.exists() else set()
    assert len(written) == len(cases) - len(failed)
