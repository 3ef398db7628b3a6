"""``biblioconv validate`` for DataCite XML and JSON: mandatory properties, the properties and
controlled lists of the kernel version (the one given, else the one the document declares), and
for XML the official DataCite XSD of that version when a schema directory is found."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from biblioconv import xmlsafe
from biblioconv.errors import ParseError
from biblioconv.validation import (
    SCHEMA_DIR_ENV,
    Problem,
    ValidationContext,
    ValidationResult,
    concatenated_hint,
    problem_from_error,
    xsd,
)

__all__ = ["validate_json", "validate_xml"]

_OFFICIAL = "DataCite XSD"


def validate_xml(data: bytes, ctx: ValidationContext) -> None:
    """Check a DataCite XML document: one resource or an OAI-PMH response (several concatenated
    documents are no XML document)."""
    _validate_xml(data, ctx.version, ctx.schema_dir, ctx.result)
    if ctx.schema_dir is None:
        ctx.result.schema = (
            f"{_OFFICIAL} not checked: no --schema-dir, ${SCHEMA_DIR_ENV} or fetched cache"
        )
    else:
        ctx.result.schema = f"{_OFFICIAL} checked"


def validate_json(data: bytes, ctx: ValidationContext) -> None:
    """Check a DataCite JSON document (no official schema is checked)."""
    _validate_json(data, ctx.version, ctx.result)
    ctx.result.schema = f"no official schema checked for {ctx.format}"


def _validate_xml(
    data: bytes, version: str | None, schema_dir: Path | None, result: ValidationResult
) -> None:
    from lxml import etree

    from biblioconv.formats.datacite import reader as dc_reader
    from biblioconv.formats.datacite import versions as V

    problems = result.problems
    index = 0
    try:
        # the document as an XML parser sees it: a dump of several documents is none
        for _event, elem in xmlsafe.iterparse(
            io.BytesIO(data), source="<input>", tags=dc_reader._TAGS
        ):
            if etree.QName(elem).localname != "resource":
                continue
            index += 1
            rec, line = str(index), elem.sourceline
            chosen = version or dc_reader.detect_version(elem)
            ns = etree.QName(elem).namespace
            if ns != V.namespace(chosen):
                problems.append(
                    Problem(
                        "error",
                        f"namespace {ns!r} is not that of DataCite {chosen} "
                        f"({V.namespace(chosen)})",
                        line,
                        rec,
                    )
                )
            problems += [Problem("error", p, at, rec) for p, at in _structure(elem, chosen)]
            if schema_dir is not None:
                schema = xsd(str(schema_dir), f"datacite/{V.xsd_version(chosen)}/metadata.xsd")
                doc = etree.ElementTree(etree.fromstring(etree.tostring(elem)))
                if not schema.validate(doc):
                    for err in schema.error_log:
                        at = (line or 1) + err.line - 1
                        problems.append(Problem("error", f"XSD: {err.message}", at, rec))
            xmlsafe.release(elem)
    except ParseError as exc:
        reason = concatenated_hint(exc.reason)
        if not data.strip(b" \t\r\n\x00\xef\xbb\xbf"):
            reason = "empty input: not an XML document"
        problems.append(Problem("error", reason, exc.line, None))
    result.records = index
    if index == 0 and result.valid:
        problems.append(Problem("error", "no DataCite <resource> found"))


def _structure(resource: Any, version: str) -> list[tuple[str, int | None]]:
    """Mandatory properties, properties and controlled values of one ``<resource>``: each
    problem with the line of the element it is about (of the resource for a missing one)."""
    from biblioconv.formats.datacite import reader as dc_reader
    from biblioconv.formats.datacite import versions as V

    problems: list[tuple[str, int | None]] = []
    at = resource.sourceline
    present: dict[str, list[Any]] = {}
    for elem in resource.iter():
        if elem is resource or not isinstance(elem.tag, str):
            continue
        path = dc_reader._path(elem, resource)
        present.setdefault(path, []).append(elem)
        if not V.has_path(path, version):
            problems.append((f"<{path}> is not a property of DataCite {version}", elem.sourceline))
        for name, value in elem.attrib.items():
            attr = dc_reader._attr_name(name)
            if attr in ("schemaLocation",):
                continue
            if not V.has_path(f"{path}@{attr}", version):
                problems.append(
                    (f"{path}@{attr} is not an attribute of DataCite {version}", elem.sourceline)
                )
            list_name = dc_reader._LIST_ATTRS.get(attr)
            if list_name and not V.is_allowed(list_name, value, version):
                problems.append(
                    (
                        f"{path}@{attr}: {value!r} is not in DataCite {version}'s {list_name} list",
                        elem.sourceline,
                    )
                )
    mandatory = [
        ("identifier", "identifier (DOI)"),
        ("creators/creator/creatorName", "creators/creator/creatorName"),
        ("titles/title", "titles/title"),
        ("publisher", "publisher"),
        ("publicationYear", "publicationYear"),
    ]
    if not version.startswith("3") and "resourceType" not in present:
        problems.append(("missing mandatory property resourceType with resourceTypeGeneral", at))
    for path, label in mandatory:
        elems = present.get(path, [])
        if not elems or not any((e.text or "").strip() for e in elems):
            problems.append((f"missing mandatory property {label}", at))
    for e in present.get("publicationYear", []):
        text = (e.text or "").strip()
        if text and not (len(text) == 4 and text.isdigit()):
            problems.append((f"publicationYear {text!r} is not a four-digit year", e.sourceline))
    for e in present.get("resourceType", []):
        if not e.get("resourceTypeGeneral"):
            problems.append(("resourceType has no resourceTypeGeneral", e.sourceline))
    ident = present.get("identifier", [])
    if ident and ident[0].get("identifierType") != "DOI":
        found = ident[0].get("identifierType")
        problems.append((f"identifierType is {found!r}, not 'DOI'", ident[0].sourceline))
    return problems


def _validate_json(data: bytes, version: str | None, result: ValidationResult) -> None:
    from biblioconv.formats.datacite import versions as V
    from biblioconv.formats.datacite.json_reader import _entries
    from biblioconv.jsonstream import iter_json

    chosen = version or V.DEFAULT_VERSION
    lists = {
        ("types", "resourceTypeGeneral"): "resourceType",
        ("dates", "dateType"): "dateType",
        ("contributors", "contributorType"): "contributorType",
        ("relatedIdentifiers", "relationType"): "relationType",
        ("relatedIdentifiers", "relatedIdentifierType"): "relatedIdentifierType",
        ("titles", "titleType"): "titleType",
        ("descriptions", "descriptionType"): "descriptionType",
        ("creators", "nameType"): "nameType",
        ("fundingReferences", "funderIdentifierType"): "funderIdentifierType",
        ("relatedItems", "relatedItemType"): "resourceType",
        ("relatedItems", "relationType"): "relationType",
    }
    index = 0
    try:
        for start, value, in_array in iter_json(io.BytesIO(data), source="<input>"):
            # where the record starts: in an array or JSON Lines (in one document, line 1)
            line = start if in_array or start > 1 else None
            for attrs, rid in _entries(value):
                index += 1

                def problem(message: str, line: int | None = line, rec: str = str(index)) -> None:
                    result.problems.append(Problem("error", message, line, rec))

                if not isinstance(attrs, dict):
                    problem("not an object")
                    continue
                for key, label in (
                    ("creators", "creators"),
                    ("titles", "titles"),
                    ("publisher", "publisher"),
                    ("publicationYear", "publicationYear"),
                    ("types", "types.resourceTypeGeneral"),
                ):
                    if not attrs.get(key):
                        problem(f"missing mandatory property {label}")
                if not (attrs.get("doi") or rid):
                    problem("missing mandatory property doi")
                year = str(attrs.get("publicationYear") or "")
                if year and not (len(year) == 4 and year.isdigit()):
                    problem(f"publicationYear {year!r} is not a four-digit year")
                for (key, attr), list_name in lists.items():
                    items = attrs.get(key)
                    for item in items if isinstance(items, list) else [items]:
                        if (
                            isinstance(item, dict)
                            and isinstance(item.get(attr), str)
                            and not V.is_allowed(list_name, item[attr], chosen)
                        ):
                            problem(
                                f"{key}.{attr}: {item[attr]!r} is not in "
                                f"DataCite {chosen}'s {list_name} list"
                            )
    except ParseError as exc:
        result.problems.append(problem_from_error(exc))
    result.records = index
    if index == 0 and result.valid:
        result.problems.append(Problem("error", "no DataCite record found"))
