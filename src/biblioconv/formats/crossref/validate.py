"""``biblioconv validate`` for Crossref XML: the document reads without a record skipped; a
deposit of schema 5.3.1 is checked against the official deposit XSD, query output against the
query-output schema (qrschema 3.0) and the unixref 1.1 record schema loaded together (neither
validates it alone: the records inside ``doi_record`` are a strict wildcard of the other
namespace), when a schema directory is found. Deposits of other versions are checked by reading
only (libxml2 cannot compile the XSD 1.1 of deposit schemas 5.4+)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from biblioconv import xmlsafe
from biblioconv.validation import (
    Problem,
    ValidationContext,
    read_problems,
    schema_parser,
    schema_status,
    xsd,
    xsd_problems,
)

__all__ = ["validate_xml"]

_DEPOSIT = "Crossref deposit XSD 5.3.1"
_QUERY = "Crossref query output XSD 3.0 with unixref 1.1"
_DIR = "crossref/schema-0.3.1"
_XSD = f"{_DIR}/crossref5.3.1.xsd"
_NS = b"http://www.crossref.org/schema/5.3.1"
_ROOT = "{http://www.crossref.org/schema/5.3.1}doi_batch"
_QR = "http://www.crossref.org/qrschema/3.0"
_UNIXREF = "http://www.crossref.org/xschema/1.1"
_DRIVER = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:import namespace="{_QR}" schemaLocation="crossref_query_output3.0.xsd"/>
  <xs:import namespace="{_UNIXREF}" schemaLocation="unixref1.1.xsd"/>
</xs:schema>"""


def validate_xml(data: bytes, ctx: ValidationContext) -> None:
    """Check a Crossref document (deposit or query output)."""
    read_problems(data, ctx)
    head = data[:4096]
    if not re.search(rb"<(?:\w+:)?doi_batch\b", head):
        _query_output(data, ctx)
        return
    if _NS not in head:
        ctx.result.schema = f"{_DEPOSIT} not checked: the deposit is of another schema version"
        return
    if not schema_status(ctx, _DEPOSIT):
        return
    assert ctx.schema_dir is not None
    ctx.result.problems += xsd_problems(data, ctx.schema_dir, _XSD, _ROOT)
    ctx.result.schema = f"{_DEPOSIT} checked"


@cache
def _query_schema(schema_dir: str) -> Any:
    """The query-output and unixref schemas as one (a driver importing both)."""
    from lxml import etree

    xsd(schema_dir, f"{_DIR}/crossref_query_output3.0.xsd")  # the files' hashes are checked
    base = (Path(schema_dir) / _DIR / "driver.xsd").as_uri()
    parser = schema_parser(schema_dir)
    return etree.XMLSchema(etree.fromstring(_DRIVER.encode(), parser, base_url=base))


def _query_output(data: bytes, ctx: ValidationContext) -> None:
    from lxml import etree

    if not schema_status(ctx, _QUERY):
        return
    assert ctx.schema_dir is not None
    schema = _query_schema(str(ctx.schema_dir))
    root = etree.fromstring(data, xmlsafe.parser())
    if etree.QName(root).namespace == _QR:
        records = [root]
    else:  # unixref records alone or in doi_records
        records = [e for e in root.iter(f"{{{_UNIXREF}}}crossref")]
    for n, element in enumerate(records, start=1):
        doc = etree.ElementTree(etree.fromstring(etree.tostring(element), xmlsafe.parser()))
        if not schema.validate(doc):
            for err in schema.error_log:
                line = (element.sourceline or 1) + err.line - 1
                ctx.result.problems.append(
                    Problem(
                        "error", f"XSD: {err.message} (query output 3.0, unixref 1.1)", line, str(n)
                    )
                )
    ctx.result.schema = f"{_QUERY} checked"
