"""Helpers shared by the Dublin Core tests (not a test module)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree
from testsupport import SCHEMAS, load_xsd

CASES = Path(__file__).resolve().parent / "cases"
_WRAPPER_NS = "http://dspace.org/qualifieddc/"


def case_format(path: Path) -> str:
    """The format of a case file from its name (``x.dc.xml`` / ``x.dcterms.xml``)."""
    return "dcterms" if path.name.endswith(".dcterms.xml") else "dc"


def case_stem(path: Path) -> str:
    return path.name.split(".")[0]


def dump(records: list[Any]) -> list[dict[str, Any]]:
    return [r.model_dump(mode="json", exclude_defaults=True) for r in records]


def load_json(path: Path) -> Any:
    return json.loads(path.read_text("utf-8"))


@cache
def oai_dc_schema() -> etree.XMLSchema:
    return load_xsd("oai_dc/oai_dc.xsd")


@cache
def dcterms_schema(namespace: str = _WRAPPER_NS, name: str = "qualifieddc") -> etree.XMLSchema:
    """A wrapper schema: one container element of type dcterms:elementOrRefinementContainer,
    importing the DCMI qualified-DC schemas from ../shared/schemas."""
    dcterms = (SCHEMAS / "dc" / "qdc-2008-02-11" / "dcterms.xsd").as_uri()
    text = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
        xmlns:dcterms="http://purl.org/dc/terms/" targetNamespace="{namespace}"
        elementFormDefault="qualified">
      <xs:import namespace="http://purl.org/dc/terms/" schemaLocation="{dcterms}"/>
      <xs:element name="{name}" type="dcterms:elementOrRefinementContainer"/>
    </xs:schema>"""
    parser = etree.XMLParser(no_network=True)
    from testsupport import _LocalSchemas  # the offline resolver for the remote xml.xsd import

    parser.resolvers.add(_LocalSchemas())
    base = (SCHEMAS / "dc" / "qdc-2008-02-11" / "wrapper.xsd").as_uri()  # never written
    return etree.XMLSchema(etree.fromstring(text.encode(), parser, base_url=base))


_OAI = "{http://www.openarchives.org/OAI/2.0/}"


def record_roots(xml: str) -> list[Any]:
    """The record elements of a writer's output (bare record or inside an OAI-PMH envelope)."""
    root = etree.fromstring(xml.encode("utf-8"))
    if root.tag == f"{_OAI}OAI-PMH":
        return [m[0] for m in root.iter(f"{_OAI}metadata")]
    return [root]


def assert_valid(xml: str, fmt: str) -> None:
    """Every record in the output validates against the official schema."""
    schema = oai_dc_schema() if fmt == "dc" else dcterms_schema()
    roots = record_roots(xml)
    assert roots, "no record in output"
    for el in roots:
        doc = etree.ElementTree(el)
        if not schema.validate(doc):
            raise AssertionError(f"{fmt} output invalid: {schema.error_log}\n{xml[:3000]}")


def elements(xml: str) -> list[list[tuple[str, str]]]:
    """Per record: (element local name, text) in document order."""
    out = []
    for el in record_roots(xml):
        out.append([(etree.QName(c).localname, (c.text or "").strip()) for c in el])
    return out
