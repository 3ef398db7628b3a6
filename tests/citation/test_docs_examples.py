"""The citation-session and ``--clusters`` examples of docs/citations.md run and print what they show."""

from __future__ import annotations

import contextlib
import io
import json
import re
import subprocess
import sys
from pathlib import Path

from testsupport import ROOT

DOC = (ROOT / "docs" / "citations.md").read_text("utf-8")
SECTION = DOC[DOC.index("## Citing in a document") : DOC.index("## Citing in a Markdown document")]
SESSION = re.search(r"```python\n(.*?)```", SECTION, re.S)
CLUSTERS = re.search(r"```console\n(\$ echo .*? > clusters\.json\n.*?)```", DOC, re.S)


def _session_code() -> str:
    assert SESSION is not None, "docs/citations.md lost its session example"
    return SESSION.group(1)


def _shown(code: str) -> list[str]:
    """What the example's comments say its print lines print (the first line of each)."""
    shown = []
    for line in code.splitlines():
        if "print(" in line and "#" in line:
            comment = line.split("#", 1)[1].strip()
            shown.append(comment.split("  ...")[0].strip())
    return shown


def test_the_session_example_prints_what_it_shows() -> None:
    code = _session_code()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "docs/citations.md", "exec"), {})
    printed = out.getvalue().splitlines()
    expected = _shown(code)
    assert len(expected) >= 7
    position = 0
    for line in expected:  # in order, each the first line its print statement printed
        assert line in printed[position:], (line, printed)
        position = printed.index(line, position) + 1


def test_the_clusters_example_prints_what_it_shows(tmp_path: Path) -> None:
    assert CLUSTERS is not None, "docs/citations.md lost its --clusters example"
    # the items of the session example, as the CSL-JSON file the example reads
    namespace: dict[str, object] = {}
    items_code = _session_code().split("session = ")[0]
    exec(compile(items_code, "docs/citations.md", "exec"), namespace)
    (tmp_path / "items.json").write_text(json.dumps(namespace["items"]), "utf-8")
    lines = CLUSTERS.group(1).splitlines()
    commands = [line[2:] for line in lines if line.startswith("$ ")]
    shown = [line for line in lines if not line.startswith("$ ")]
    shim = f'biblioconv() {{ "{sys.executable}" -m biblioconv "$@"; }}\n'
    res = subprocess.run(
        ["bash", "-eo", "pipefail", "-c", shim + "\n".join(commands)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines() == shown
