"""Validation of documents: structural checks always, official schemas when available.

Every format's documents must read without a record skipped; what the reader flags about values
are warnings. A format adds its own checks by declaring a *validator* in its
:class:`~biblioconv.registry.FormatSpec`: ``validator(data, ctx)`` with a
:class:`ValidationContext`, built from the helpers here (:func:`read_problems`,
:func:`xsd_problems`, :func:`schema_status`). Structural checks need no files. Validation against
official schemas uses the schema files from a directory the
user names (argument ``schema_dir`` or the environment variable ``BIBLIOCONV_SCHEMA_DIR``), laid
out as in the project's manifest (the paths of ``data/official-schemas.json``), or from the user
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
from collections.abc import Callable
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
    "ValidationContext",
    "ValidationResult",
    "Validator",
    "check",
    "concatenated_hint",
    "default_cache_dir",
    "fetch_schemas",
    "find_schema_dir",
    "manifest",
    "problem_from_error",
    "read_problems",
    "schema_parser",
    "schema_status",
    "validate",
    "xsd",
    "xsd_problems",
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
    if any((cached / entry["path"]).is_file() for entry in manifest()["files"]):
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
def xsd(schema_dir: str, rel: str) -> Any:
    """The official XML schema at ``rel`` (a path of the manifest) in ``schema_dir``, its files
    checked against the manifest's sha256 and its remote imports resolved locally."""
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
    return etree.XMLSchema(etree.parse(str(path), schema_parser(schema_dir)))


def schema_parser(schema_dir: str | Path) -> Any:
    """A safe parser (:func:`biblioconv.xmlsafe.parser`) for schema documents of ``schema_dir``
    that resolves the manifest's remote imports to their local copies there."""
    from lxml import etree

    root = Path(schema_dir)
    remote = {url: root / rel_path for url, rel_path in manifest()["remote_imports"].items()}

    class _Local(etree.Resolver):
        def resolve(self, url: str, pubid: str, context: Any) -> Any:  # type: ignore[override]
            if url in remote:
                return self.resolve_filename(str(remote[url]), context)  # type: ignore[attr-defined]
            return None

    parser = xmlsafe.parser()
    parser.resolvers.add(_Local())
    return parser


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
        """One line naming the file, line, record and severity: ``refs.txt:12: record 3: warning:
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


#: Reader diagnostics that are warnings about a document's values (RECORD_SKIPPED and any
#: diagnostic of severity error make it invalid; other codes are about the conversion).
_WARNINGS = frozenset({"INVALID_VALUE", "SYNTAX", "MISSING_REQUIRED", "DUPLICATE", "ENCODING"})


@dataclass
class ValidationContext:
    """What a format's validator gets besides the document."""

    format: str
    result: ValidationResult
    """Where the validator adds problems, the number of records and :attr:`~ValidationResult.schema`."""
    source: str = "<input>"
    """How the reader's messages name the document."""
    version: str | None = None
    """The version of the format to check against (None: the one the document declares)."""
    schema_dir: Path | None = None
    """The directory of official schema files, when one was found (:func:`find_schema_dir`)."""


Validator = Callable[[bytes, ValidationContext], None]
"""A format's checks of a document: add problems and the record count to ``ctx.result``."""


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
    reader flags about values (a bad checksum, a repeated field) are warnings. A format's
    validator adds its own checks (its mandatory properties and controlled lists, of the
    ``version`` given or the one the document declares) and the official schema, checked when a
    schema directory is found (see :func:`find_schema_dir`). ``source`` names the document in
    the reader's messages.
    """
    spec = registry.get(format)
    ctx = ValidationContext(
        format=spec.name,
        result=ValidationResult(format=spec.name),
        source=source,
        version=version,
        schema_dir=find_schema_dir(schema_dir),
    )
    validator = spec.get_validator()
    if validator is None:
        read_problems(data, ctx)
        ctx.result.schema = f"no official schema checked for {spec.name}"
    else:
        validator(data, ctx)
    return ctx.result


def schema_status(ctx: ValidationContext, official: str) -> bool:
    """Whether the official schema named ``official`` can be checked: sets the result's
    :attr:`~ValidationResult.schema` to why not (no schema directory, or the document already
    has errors) and returns False, or returns True (the caller sets "... checked" when done)."""
    if ctx.schema_dir is None:
        ctx.result.schema = (
            f"{official} not checked: no --schema-dir, ${SCHEMA_DIR_ENV} or fetched cache"
        )
        return False
    if not ctx.result.valid:
        ctx.result.schema = f"{official} not checked: the document has errors"
        return False
    return True


def read_problems(data: bytes, ctx: ValidationContext) -> None:
    """Structural checks every format gets: the document reads, and what its reader flags."""
    from biblioconv.api import no_record_error, read
    from biblioconv.report import ConversionReport

    fmt, source, result = ctx.format, ctx.source, ctx.result
    report = ConversionReport(max_diagnostics=None)
    stream = io.BytesIO(data)
    stream.name = source  # how the reader names the document
    try:
        for _record in read(stream, fmt, report=report):
            result.records += 1
    except BiblioconvError as exc:
        result.problems.append(problem_from_error(exc))
    if result.records == 0 and result.valid:
        nothing = no_record_error(report, source, fmt)  # the command line's no-record rule
        if nothing is not None:
            result.problems.append(problem_from_error(nothing))
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


def problem_from_error(exc: BiblioconvError) -> Problem:
    """The error that stopped reading a document, as a problem."""
    if isinstance(exc, ParseError):
        return Problem("error", concatenated_hint(exc.reason), exc.line, exc.record)
    return Problem("error", str(exc))


#: libxml2's words for a second document after the first (with or without its declaration).
_CONCATENATED = ("XML declaration allowed only at the start", "Extra content at the end")


def concatenated_hint(reason: str) -> str:
    """An XML syntax error that says a second document follows the first, explained."""
    if any(words in reason for words in _CONCATENATED):
        return reason + (
            " (several XML documents one after another, which no XML parser accepts: "
            "one document holding them all, such as a harvest response, or a file each)"
        )
    return reason


def xsd_problems(data: bytes, where: Path, rel: str, record_tag: str) -> list[Problem]:
    """Validate every record element ``record_tag`` (Clark notation) of a document, or the
    document itself, against the XSD at ``rel`` in the schema directory ``where``."""
    from lxml import etree

    schema = xsd(str(where), rel)
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
