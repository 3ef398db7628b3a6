"""User-supplied CSL style files are XML too: entities in them never leak a local file."""

from __future__ import annotations

from pathlib import Path

import pytest

import biblioconv
from biblioconv.errors import BiblioconvError
from biblioconv.formats.citation.styles import resolve_style
from biblioconv.model import Record

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "social-innovators.record.json"
MARKER = "S3CRET-MARKER-7f1c2e"


@pytest.mark.parametrize(
    "where",
    [
        ("</layout>", '<text value="&x;"/></layout>'),
        ("</layout>", '<text term="and" prefix="&x;"/></layout>'),
        ("<info>", "<info><summary>&x;</summary>"),
    ],
    ids=["attribute", "prefix", "content"],
)
def test_style_with_external_entity_does_not_leak(where: tuple[str, str], tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(MARKER, encoding="utf-8")
    text = resolve_style("apa").read_text("utf-8")
    doctype = f'<!DOCTYPE style [<!ENTITY x SYSTEM "{secret.as_uri()}">]>\n'
    text = text.replace("<style ", doctype + "<style ", 1).replace(where[0], where[1], 1)
    style = tmp_path / "hostile.csl"
    style.write_text(text, encoding="utf-8")
    record = Record.model_validate_json(EXAMPLE.read_text("utf-8"))
    try:
        out = biblioconv.dumps([record], "citation", style=str(style))
    except BiblioconvError as exc:
        out = str(exc)
    assert MARKER not in out
