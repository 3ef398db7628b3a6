"""``biblioconv validate`` for Crossref XML: the document reads without a record skipped, and a
deposit of schema 5.3.1 is checked against the official XSD when a schema directory is found
(other versions and query output are checked by reading only: libxml2 cannot compile the XSD 1.1
of deposit schemas 5.4+, and live query output is newer than the 5.3.1 bundle)."""

from __future__ import annotations

import re

from biblioconv.validation import ValidationContext, read_problems, schema_status, xsd_problems

__all__ = ["validate_xml"]

_OFFICIAL = "Crossref deposit XSD 5.3.1"
_XSD = "crossref/schema-0.3.1/crossref5.3.1.xsd"
_NS = b"http://www.crossref.org/schema/5.3.1"
_ROOT = "{http://www.crossref.org/schema/5.3.1}doi_batch"


def validate_xml(data: bytes, ctx: ValidationContext) -> None:
    """Check a Crossref document (deposit or query output)."""
    read_problems(data, ctx)
    head = data[:4096]
    if not re.search(rb"<(?:\w+:)?doi_batch\b", head):
        ctx.result.schema = f"{_OFFICIAL} not checked: query output (no deposit)"
        return
    if _NS not in head:
        ctx.result.schema = f"{_OFFICIAL} not checked: the deposit is of another schema version"
        return
    if not schema_status(ctx, _OFFICIAL):
        return
    assert ctx.schema_dir is not None
    ctx.result.problems += xsd_problems(data, ctx.schema_dir, _XSD, _ROOT)
    ctx.result.schema = f"{_OFFICIAL} checked"
