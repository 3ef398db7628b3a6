"""No writer reads its own output back at run time: what a target cannot hold is known from the
rules as the writer maps (``RuleTable.write`` and ``uncarried``). Reading the output back is the
test oracle only (``biblioconv.readback``, the read-back contract of this folder)."""

from __future__ import annotations

import re

import pytest
from testsupport import ROOT

FORMATS = ROOT / "src" / "biblioconv" / "formats"
_READBACK = re.compile(r"\bbiblioconv\.readback\b|from biblioconv import [^\n]*\breadback\b")


@pytest.mark.parametrize(
    "module", sorted(p.relative_to(FORMATS).as_posix() for p in FORMATS.rglob("*.py"))
)
def test_format_modules_do_not_read_their_output_back(module: str) -> None:
    text = (FORMATS / module).read_text(encoding="utf-8")
    found = [text.count("\n", 0, m.start()) + 1 for m in _READBACK.finditer(text)]
    assert not found, (
        f"{module} imports biblioconv.readback (line {found[0]}): a writer must not read its "
        "output back at run time; say what the target cannot hold from the rules "
        "(RuleTable.write's Carried, rules.uncarried, Crosswalk.reason), and let the read-back "
        "contract (tests/contract/test_readback_contract.py) check that the report is complete"
    )
