"""Validation of DataCite metadata: structural checks always, official XSDs when available.

Structural checks need no files: mandatory properties, the controlled lists and properties of the
document's kernel version. XSD validation uses the official schema files from a directory the
user names (argument ``schema_dir`` or the environment variable ``BIBLIOCONV_SCHEMA_DIR``), laid
out as in the project's manifest (``datacite/kernel-4.7/metadata.xsd``...), or from the user
cache that :func:`fetch_schemas` fills from the canonical URLs, checking every file against the
sha256 in the manifest. biblioconv ships the manifest, not the schema files, and never fetches
anything while validating.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import urllib.request
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from biblioconv import registry, xmlsafe
from biblioconv.errors import ParseError, ValidationError

__all__ = [
    "SCHEMA_DIR_ENV",
    "default_cache_dir",
    "fetch_schemas",
    "find_schema_dir",
    "manifest",
    "validate",
]

SCHEMA_DIR_ENV = "BIBLIOCONV_SCHEMA_DIR"
_XSI_LOCATION = "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"


@cache
def manifest() -> dict[str, Any]:
    """The manifest of official schema files (name, version, path, canonical URL, sha256)."""
    text = resources.files("biblioconv").joinpath("data/official-schemas.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def default_cache_dir() -> Path:
    """Where :func:`fetch_schemas` puts the schema files by default."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "biblioconv" / "schemas"


def find_schema_dir(schema_dir: Path | str | None = None) -> Path | None:
    """The schema directory to use: the argument, else ``$BIBLIOCONV_SCHEMA_DIR``, else the user
    cache if :func:`fetch_schemas` has filled it; None when there is none."""
    if schema_dir is not None:
        return Path(schema_dir)
    env = os.environ.get(SCHEMA_DIR_ENV)
    if env:
        return Path(env)
    cached = default_cache_dir()
    if (cached / "datacite").is_dir():
        return cached
    return None


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch_schemas(cache_dir: Path | str | None = None, *, timeout: float = 30.0) -> Path:
    """Download every file of the manifest from its canonical URL into ``cache_dir`` (default:
    :func:`default_cache_dir`), checking each against its sha256; return the directory.

    Raises :class:`ValidationError` naming the files that could not be fetched or differ.
    """
    target = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    problems: list[str] = []
    for entry in manifest()["files"]:
        dest = target / entry["path"]
        if dest.exists() and _sha256(dest) == entry["sha256"]:
            continue
        try:
            with urllib.request.urlopen(entry["url"], timeout=timeout) as response:
                data = response.read()
        except OSError as exc:
            problems.append(f"{entry['url']}: {exc}")
            continue
        digest = hashlib.sha256(data).hexdigest()
        if digest != entry["sha256"]:
            problems.append(f"{entry['url']}: sha256 {digest} differs from the manifest")
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(data)
    if problems:
        raise ValidationError("some official schema files could not be fetched", problems=problems)
    return target


@cache
def _xsd(schema_dir: str, rel: str) -> Any:
    from lxml import etree

    root = Path(schema_dir)
    entries = {e["path"]: e for e in manifest()["files"]}
    path = root / rel
    if not path.is_file():
        raise ValidationError(f"schema file {rel} is missing in {root}")
    for name, entry in entries.items():
        if (
            name.startswith(rel.rsplit("/", 1)[0] + "/")
            or name in manifest()["remote_imports"].values()
        ):
            candidate = root / name
            if candidate.is_file() and _sha256(candidate) != entry["sha256"]:
                raise ValidationError(
                    f"schema file {name} in {root} does not match the manifest's sha256"
                )
    remote = {url: root / rel_path for url, rel_path in manifest()["remote_imports"].items()}

    class _Local(etree.Resolver):
        def resolve(self, url: str, pubid: str, context: Any) -> Any:  # type: ignore[override]
            if url in remote:
                return self.resolve_filename(str(remote[url]), context)  # type: ignore[attr-defined]
            return None

    parser = xmlsafe.parser()
    parser.resolvers.add(_Local())
    return etree.XMLSchema(etree.parse(str(path), parser))


def validate(
    data: bytes,
    format: str,
    *,
    version: str | None = None,
    schema_dir: Path | None = None,
) -> list[str]:
    """Problems found in a document (empty list: valid).

    ``format`` is ``datacite`` (XML: a single resource, a dump or an OAI-PMH response) or
    ``datacite-json``. ``version`` overrides the version the document declares. Structural
    checks always run; XSD validation (XML only) runs when a schema directory is found (see
    :func:`find_schema_dir`).
    """
    spec = registry.get(format)
    if spec.name == "datacite":
        return _validate_xml(data, version, find_schema_dir(schema_dir))
    if spec.name == "datacite-json":
        return _validate_json(data, version)
    problems = _read_problems(data, spec.name)
    where = find_schema_dir(schema_dir)
    if where is not None and spec.name == "dc" and not problems:
        problems += _xsd_problems(
            data, where, "oai_dc/oai_dc.xsd", "{http://www.openarchives.org/OAI/2.0/oai_dc/}dc"
        )
    if where is not None and spec.name == "csl-json" and not problems:
        problems += _csl_schema_problems(data, where)
    return problems


def _read_problems(data: bytes, fmt: str) -> list[str]:
    """Structural checks every format gets: the document reads, and what its reader flags."""
    from biblioconv.api import loads
    from biblioconv.errors import BiblioconvError
    from biblioconv.report import ConversionReport

    report = ConversionReport()
    try:
        loads(data, fmt, report=report)
    except BiblioconvError as exc:
        return [str(exc)]
    flagged = ("INVALID_VALUE", "RECORD_SKIPPED", "SYNTAX", "MISSING_REQUIRED", "DUPLICATE")
    return [str(d) for d in report.diagnostics if d.code.value in flagged and d.severity != "info"]


def _xsd_problems(data: bytes, where: Path, rel: str, record_tag: str) -> list[str]:
    """Validate every record element of a document (or the document itself) against an XSD."""
    from lxml import etree

    schema = _xsd(str(where), rel)
    root = etree.fromstring(data, xmlsafe.parser())
    records = [root] if root.tag == record_tag else list(root.iter(record_tag))
    problems: list[str] = []
    for n, element in enumerate(records, start=1):
        doc = etree.ElementTree(etree.fromstring(etree.tostring(element), xmlsafe.parser()))
        if not schema.validate(doc):
            for err in schema.error_log:
                problems.append(f"record {n}: line {err.line}: {err.message} ({rel})")
    return problems


def _csl_schema_problems(data: bytes, where: Path) -> list[str]:
    """Validate CSL-JSON against csl-data.json when jsonschema is installed."""
    try:
        import jsonschema
    except ImportError:
        return []
    path = where / "csl" / "csl-data.json"
    if not path.is_file():
        return []
    schema = json.loads(path.read_text("utf-8"))
    text = data.decode("utf-8-sig")
    try:
        doc = json.loads(text)
    except ValueError:
        doc = [json.loads(line) for line in text.splitlines() if line.strip()]
    items = doc if isinstance(doc, list) else [doc]
    validator = jsonschema.Draft7Validator(schema)
    return [f"{e.json_path}: {e.message} (csl-data.json)" for e in validator.iter_errors(items)]


def _validate_xml(data: bytes, version: str | None, schema_dir: Path | None) -> list[str]:
    from lxml import etree

    from biblioconv.formats.datacite import reader as dc_reader
    from biblioconv.formats.datacite import versions as V

    problems: list[str] = []
    stream = io.BufferedReader(dc_reader._Documents(io.BytesIO(data)))
    index = 0
    try:
        for _event, elem in xmlsafe.iterparse(stream, source="<input>", tags=dc_reader._TAGS):
            if etree.QName(elem).localname != "resource":
                continue
            index += 1
            where = f"record {index}"
            chosen = version or dc_reader.detect_version(elem)
            ns = etree.QName(elem).namespace
            if ns != V.namespace(chosen):
                problems.append(
                    f"{where}: namespace {ns!r} is not that of DataCite {chosen} "
                    f"({V.namespace(chosen)})"
                )
            problems += [f"{where}: {p}" for p in _structure(elem, chosen)]
            if schema_dir is not None:
                schema = _xsd(str(schema_dir), f"datacite/{V.xsd_version(chosen)}/metadata.xsd")
                doc = etree.ElementTree(etree.fromstring(etree.tostring(elem)))
                if not schema.validate(doc):
                    for err in schema.error_log:
                        problems.append(f"{where}: line {err.line}: XSD: {err.message}")
            dc_reader._release(elem)
    except ParseError as exc:
        problems.append(str(exc.reason if exc.line is None else f"line {exc.line}: {exc.reason}"))
    if index == 0 and not problems:
        problems.append("no DataCite <resource> found")
    return problems


def _structure(resource: Any, version: str) -> list[str]:
    """Mandatory properties, properties and controlled values of one ``<resource>``."""
    from biblioconv.formats.datacite import reader as dc_reader
    from biblioconv.formats.datacite import versions as V

    problems: list[str] = []
    present: dict[str, list[Any]] = {}
    for elem in resource.iter():
        if elem is resource or not isinstance(elem.tag, str):
            continue
        path = dc_reader._path(elem, resource)
        present.setdefault(path, []).append(elem)
        if not V.has_path(path, version):
            problems.append(f"<{path}> is not a property of DataCite {version}")
        for name, value in elem.attrib.items():
            attr = dc_reader._attr_name(name)
            if attr in ("schemaLocation",):
                continue
            if not V.has_path(f"{path}@{attr}", version):
                problems.append(f"{path}@{attr} is not an attribute of DataCite {version}")
            list_name = dc_reader._LIST_ATTRS.get(attr)
            if list_name and not V.is_allowed(list_name, value, version):
                problems.append(
                    f"{path}@{attr}: {value!r} is not in DataCite {version}'s {list_name} list"
                )
    mandatory = [
        ("identifier", "identifier (DOI)"),
        ("creators/creator/creatorName", "creators/creator/creatorName"),
        ("titles/title", "titles/title"),
        ("publisher", "publisher"),
        ("publicationYear", "publicationYear"),
    ]
    if not version.startswith("3") and "resourceType" not in present:
        problems.append("missing mandatory property resourceType with resourceTypeGeneral")
    for path, label in mandatory:
        elems = present.get(path, [])
        if not elems or not any((e.text or "").strip() for e in elems):
            problems.append(f"missing mandatory property {label}")
    for e in present.get("publicationYear", []):
        text = (e.text or "").strip()
        if text and not (len(text) == 4 and text.isdigit()):
            problems.append(f"publicationYear {text!r} is not a four-digit year")
    for e in present.get("resourceType", []):
        if not e.get("resourceTypeGeneral"):
            problems.append("resourceType has no resourceTypeGeneral")
    ident = present.get("identifier", [])
    if ident and ident[0].get("identifierType") != "DOI":
        problems.append(f"identifierType is {ident[0].get('identifierType')!r}, not 'DOI'")
    return problems


def _validate_json(data: bytes, version: str | None) -> list[str]:
    from biblioconv.formats.datacite import versions as V
    from biblioconv.formats.datacite.json_reader import _entries
    from biblioconv.jsonstream import iter_json

    chosen = version or V.DEFAULT_VERSION
    problems: list[str] = []
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
        for _line, value, _arr in iter_json(io.BytesIO(data), source="<input>"):
            for attrs, rid in _entries(value):
                index += 1
                where = f"record {index}"
                if not isinstance(attrs, dict):
                    problems.append(f"{where}: not an object")
                    continue
                for key, label in (
                    ("creators", "creators"),
                    ("titles", "titles"),
                    ("publisher", "publisher"),
                    ("publicationYear", "publicationYear"),
                    ("types", "types.resourceTypeGeneral"),
                ):
                    if not attrs.get(key):
                        problems.append(f"{where}: missing mandatory property {label}")
                if not (attrs.get("doi") or rid):
                    problems.append(f"{where}: missing mandatory property doi")
                year = str(attrs.get("publicationYear") or "")
                if year and not (len(year) == 4 and year.isdigit()):
                    problems.append(f"{where}: publicationYear {year!r} is not a four-digit year")
                for (key, attr), list_name in lists.items():
                    items = attrs.get(key)
                    for item in items if isinstance(items, list) else [items]:
                        if (
                            isinstance(item, dict)
                            and isinstance(item.get(attr), str)
                            and not V.is_allowed(list_name, item[attr], chosen)
                        ):
                            problems.append(
                                f"{where}: {key}.{attr}: {item[attr]!r} is not in "
                                f"DataCite {chosen}'s {list_name} list"
                            )
    except ParseError as exc:
        problems.append(str(exc))
    if index == 0 and not problems:
        problems.append("no DataCite record found")
    return problems
