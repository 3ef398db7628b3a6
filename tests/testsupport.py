"""Shared test support: where the shared reference material is, and offline schema loading.

Import it as ``from testsupport import ...`` (``tests/`` is on the path through pytest's
``pythonpath`` setting); fixtures live in ``conftest.py``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()
SCHEMAS = SHARED / "schemas"
EXAMPLES = ROOT / "examples"

_REMOTE = {
    "http://www.w3.org/2001/03/xml.xsd": SCHEMAS / "dc/xml.xsd",
    "http://www.w3.org/2009/01/xml.xsd": SCHEMAS / "w3c/2009-01/xml.xsd",
    "http://dublincore.org/schemas/xmls/simpledc20021212.xsd": SCHEMAS / "dc/simpledc20021212.xsd",
}


class _LocalSchemas(etree.Resolver):
    def resolve(self, url: str, pubid: str, context: Any) -> Any:  # type: ignore[override]
        if url in _REMOTE:
            return self.resolve_filename(str(_REMOTE[url]), context)
        return None


@cache
def load_xsd(rel: str) -> etree.XMLSchema:
    """An official XSD from ../shared/schemas, loaded offline.

    ``rel`` is relative to the schemas folder, e.g. ``datacite/kernel-4.7/metadata.xsd``.
    """
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalSchemas())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / rel), parser))


@cache
def csl_data_schema() -> dict[str, Any]:
    """The CSL-JSON item schema (csl-data.json)."""
    data: dict[str, Any] = json.loads((SCHEMAS / "csl" / "csl-data.json").read_text("utf-8"))
    return data
