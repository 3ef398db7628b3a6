"""Every recipe of docs/cookbook.md marked <!-- run --> runs as written and succeeds."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from testsupport import ROOT, SCHEMAS

COOKBOOK = ROOT / "docs" / "cookbook.md"
_BLOCK = re.compile(r"<!-- run -->\n```(sh|python)\n(.*?)```", re.DOTALL)
RECIPES = [(lang, code) for lang, code in _BLOCK.findall(COOKBOOK.read_text("utf-8"))]


def test_the_cookbook_has_recipes() -> None:
    assert len(RECIPES) >= 7


@pytest.mark.parametrize(("lang", "code"), RECIPES, ids=[f"recipe{i}" for i in range(len(RECIPES))])
def test_recipe_runs(lang: str, code: str, tmp_path: Path) -> None:
    work = tmp_path / "repo"
    work.mkdir()
    (work / "examples").symlink_to(ROOT / "examples")
    (work / "docs").symlink_to(ROOT / "docs")
    bindir = str(Path(sys.executable).parent)
    env = {
        **os.environ,
        "PATH": bindir + os.pathsep + os.environ.get("PATH", ""),
        "BIBLIOCONV_SCHEMA_DIR": str(SCHEMAS),
    }
    cmd = ["bash", "-eo", "pipefail", "-c", code] if lang == "sh" else [sys.executable, "-c", code]
    res = subprocess.run(cmd, cwd=work, env=env, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, f"{code}\n--- stdout\n{res.stdout}\n--- stderr\n{res.stderr}"
    assert res.stdout.strip(), "a recipe shows its result"
    assert "Traceback" not in res.stderr
