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
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from biblioconv import registry, xmlsafe
from biblioconv.errors import BiblioconvError, ParseError, ValidationError

__all__ = [
    "SCHEMA_DIR_ENV",
    "Problem",
    "ValidationResult",
    "check",
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


@dataclass(frozen=True)
class Problem:
    """One finding: an ``error`` makes the document invalid; a ``warning`` is about a value of a
    valid document (a bad ISBN checksum, an impossible date, a repeated field)."""

    severity: Literal["error", "warning"]
    message: str
    line: int | None = None
    """Line in the document (1-based) where the record or the problem is, when known."""
    record: str | None = None
    """The record's key, id or position (1-based) in the document, when known."""

    def __str__(self) -> str:
        parts = [
            f"line {self.line}" if self.line else "",
            f"record {self.record}" if self.record else "",
        ]
        return ": ".join([*(p for p in parts if p), self.message])

    def located(self, source: str) -> str:
        """One line naming the file, line, record and severity: ``refs.ris:12: record 3: warning:
        ...``."""
        where = f"{source}:{self.line}" if self.line else source
        record = f" record {self.record}:" if self.record else ""
        return f"{where}:{record} {self.severity}: {self.message}"


@dataclass
class ValidationResult:
    """What :func:`check` found in a document."""

    format: str
    records: int = 0
    """Records found in the document."""
    problems: list[Problem] = field(default_factory=list)
    schema: str = ""
    """What was checked against an official schema, or why nothing was, in a few words."""

    @property
    def errors(self) -> list[Problem]:
        """The problems that make the document invalid."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """The problems about values of a document that is otherwise valid."""
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def valid(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not self.errors


#: The formats checked against an official schema, and the schema's name.
_OFFICIAL = {"datacite": "DataCite XSD", "dc": "oai_dc XSD", "csl-json": "CSL-JSON schema"}
#: Reader diagnostics that are warnings about a document's values (RECORD_SKIPPED and any
#: diagnostic of severity error make it invalid; other codes are about the conversion).
_WARNINGS = frozenset({"INVALID_VALUE", "SYNTAX", "MISSING_REQUIRED", "DUPLICATE", "ENCODING"})


def validate(
    data: bytes,
    format: str,
    *,
    version: str | None = None,
    schema_dir: Path | None = None,
) -> list[str]:
    """The errors found in a document (empty list: valid); see :func:`check` for the warnings,
    the number of records and what was checked against an official schema."""
    return [str(p) for p in check(data, format, version=version, schema_dir=schema_dir).errors]


def check(
    data: bytes,
    format: str,
    *,
    source: str = "<input>",
    version: str | None = None,
    schema_dir: Path | None = None,
) -> ValidationResult:
    """Check a document: errors (it is not a valid document of the format) and warnings (a value
    is doubtful), each with its line and record.

    Every format: the document must be well-formed and read without a record skipped; what its
    reader flags about values (a bad checksum, a repeated field) are warnings. ``datacite``
    (XML: one resource or an OAI-PMH response; several concatenated documents are no XML
    document) and ``datacite-json`` also get DataCite's mandatory properties and the controlled
    lists of the kernel ``version`` (default: the one the document declares). Official schemas
    (the DataCite and oai_dc XSDs, the CSL-JSON schema with ``jsonschema`` installed) are checked
    when a schema directory is found (see :func:`find_schema_dir`). ``source`` names the document
    in the reader's messages.
    """
    spec = registry.get(format)
    where = find_schema_dir(schema_dir)
    result = ValidationResult(format=spec.name)
    if spec.name == "datacite":
        _validate_xml(data, version, where, result)
    elif spec.name == "datacite-json":
        _validate_json(data, version, result)
    else:
        _read_problems(data, spec.name, source, result)
    official = _OFFICIAL.get(spec.name)
    if official is None:
        result.schema = f"no official schema checked for {spec.name}"
        return result
    if where is None:
        result.schema = (
            f"{official} not checked: no --schema-dir, ${SCHEMA_DIR_ENV} or fetched cache"
        )
        return result
    if spec.name == "dc" and result.valid:
        result.problems += _xsd_problems(
            data, where, "oai_dc/oai_dc.xsd", "{http://www.openarchives.org/OAI/2.0/oai_dc/}dc"
        )
    if spec.name == "csl-json":
        if not result.valid:
            result.schema = f"{official} not checked: the document has errors"
            return result
        missing = _csl_schema_problems(data, where, result)
        if missing:
            result.schema = f"{official} not checked: {missing}"
            return result
    result.schema = f"{official} checked"
    return result


def _read_problems(data: bytes, fmt: str, source: str, result: ValidationResult) -> None:
    """Structural checks every format gets: the document reads, and what its reader flags."""
    from biblioconv.api import no_record_error, read
    from biblioconv.report import ConversionReport

    report = ConversionReport(max_diagnostics=None)
    stream = io.BytesIO(data)
    stream.name = source  # how the reader names the document
    try:
        for _record in read(stream, fmt, report=report):
            result.records += 1
    except BiblioconvError as exc:
        result.problems.append(_from_error(exc))
    if result.records == 0 and result.valid:
        nothing = no_record_error(report, source, fmt)  # the command line's no-record rule
        if nothing is not None:
            result.problems.append(_from_error(nothing))
            return
    for d in report.diagnostics:
        if d.severity == "info":
            continue
        if d.severity == "error" or d.code.value == "RECORD_SKIPPED":
            severity: Literal["error", "warning"] = "error"
        elif d.code.value in _WARNINGS:
            severity = "warning"
        else:
            continue
        fld = f" {d.field}:" if d.field else ""
        message = f"{d.code.value}{fld} {d.message}"
        result.problems.append(Problem(severity, message, d.line, d.record))


def _from_error(exc: BiblioconvError) -> Problem:
    if isinstance(exc, ParseError):
        return Problem("error", _concatenated_hint(exc.reason), exc.line, exc.record)
    return Problem("error", str(exc))


#: libxml2's words for a second document after the first (with or without its declaration).
_CONCATENATED = ("XML declaration allowed only at the start", "Extra content at the end")


def _concatenated_hint(reason: str) -> str:
    """An XML syntax error that says a second document follows the first, explained."""
    if any(words in reason for words in _CONCATENATED):
        return reason + (
            " (several XML documents one after another, which no XML parser accepts: "
            "one document, e.g. an OAI-PMH ListRecords response, or a file each)"
        )
    return reason


def _xsd_problems(data: bytes, where: Path, rel: str, record_tag: str) -> list[Problem]:
    """Validate every record element of a document (or the document itself) against an XSD."""
    from lxml import etree

    schema = _xsd(str(where), rel)
    root = etree.fromstring(data, xmlsafe.parser())
    records = [root] if root.tag == record_tag else list(root.iter(record_tag))
    problems: list[Problem] = []
    for n, element in enumerate(records, start=1):
        doc = etree.ElementTree(etree.fromstring(etree.tostring(element), xmlsafe.parser()))
        if not schema.validate(doc):
            for err in schema.error_log:
                line = (element.sourceline or 1) + err.line - 1
                problems.append(Problem("error", f"XSD: {err.message} ({rel})", line, str(n)))
    return problems


def _csl_schema_problems(data: bytes, where: Path, result: ValidationResult) -> str:
    """Validate every CSL-JSON item against csl-data.json, adding the problems to ``result``;
    why it could not be done, or ``""``."""
    try:
        import jsonschema
    except ImportError:
        return "jsonschema is not installed"
    path = where / "csl" / "csl-data.json"
    if not path.is_file():
        return f"csl/csl-data.json is not in {where}"
    from biblioconv.jsonstream import iter_json

    schema = json.loads(path.read_text("utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    index = 0
    for line, value, _in_array in iter_json(io.BytesIO(data), source="<input>"):
        for item in value if isinstance(value, list) else [value]:
            index += 1
            label = item.get("id") if isinstance(item, dict) else None
            record = str(label) if isinstance(label, (str, int)) else str(index)
            for err in validator.iter_errors([item]):
                at = ".".join(str(p) for p in list(err.absolute_path)[1:])
                message = f"{at}: {err.message}" if at else err.message
                result.problems.append(Problem("error", f"{message} (csl-data.json)", line, record))
    return ""


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
                schema = _xsd(str(schema_dir), f"datacite/{V.xsd_version(chosen)}/metadata.xsd")
                doc = etree.ElementTree(etree.fromstring(etree.tostring(elem)))
                if not schema.validate(doc):
                    for err in schema.error_log:
                        at = (line or 1) + err.line - 1
                        problems.append(Problem("error", f"XSD: {err.message}", at, rec))
            dc_reader._release(elem)
    except ParseError as exc:
        reason = _concatenated_hint(exc.reason)
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
        result.problems.append(_from_error(exc))
    result.records = index
    if index == 0 and result.valid:
        result.problems.append(Problem("error", "no DataCite record found"))
