"""``biblioconv validate`` for PubMed XML: every article reads, and the document is valid against
the 2025 PubMed DTD when a schema directory is found."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from biblioconv import xmlsafe
from biblioconv.validation import Problem, ValidationContext, manifest, read_problems, schema_status

__all__ = ["validate_xml"]

_OFFICIAL = "PubMed DTD 2025"
_DTD = "pubmed/250101/pubmed_250101.dtd"


@cache
def _dtd(schema_dir: str) -> Any:
    from lxml import etree

    from biblioconv.errors import ValidationError

    path = Path(schema_dir) / _DTD
    if not path.is_file():
        raise ValidationError(f"schema file {_DTD} is missing in {schema_dir}")
    known = {e["path"] for e in manifest()["files"]}
    if _DTD not in known:  # pragma: no cover - the manifest lists it
        raise ValidationError(f"{_DTD} is not in the schema manifest")
    return etree.DTD(str(path))


def validate_xml(data: bytes, ctx: ValidationContext) -> None:
    """Check a PubMed XML document."""
    from lxml import etree

    read_problems(data, ctx)
    if not schema_status(ctx, _OFFICIAL):
        return
    assert ctx.schema_dir is not None
    dtd = _dtd(str(ctx.schema_dir))
    root = etree.fromstring(data, xmlsafe.parser())
    if not dtd.validate(root):
        for err in dtd.error_log:
            ctx.result.problems.append(Problem("error", f"DTD: {err.message} ({_DTD})", err.line))
    ctx.result.schema = f"{_OFFICIAL} checked"
