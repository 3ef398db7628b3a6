"""codemeta.json documents <-> records, run by the rules of
:mod:`biblioconv.formats.codemeta.crosswalk`.

Keys are compacted against the CodeMeta context before the rules see them: ``schema:name``,
``http://schema.org/name`` and ``name`` are one term, ``id`` and ``type`` are ``@id`` and
``@type`` (the 3.0 context's aliases). The 2.0 terms renamed in 3.0 are read by their 3.0 names
(``contIntegration`` as ``continuousIntegration``, ``embargoDate`` as ``embargoEndDate``) and
written by the names of the version written. Terms without a home in the record are kept in
the record's CodeMeta extras as given and written back, types and keys no context defines as
``schema:`` compact IRIs.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError as PydanticValidationError

from biblioconv.crosswalk import report_foreign_extras
from biblioconv.formats.cff.mapping import _report_order
from biblioconv.formats.codemeta.crosswalk import (
    CROSSWALK,
    NAME_TERMS,
    PERSON_TERMS,
    RULE_TABLE,
    is_grant,
    text,
)
from biblioconv.formats.codemeta.terms import CONTEXTS, TERMS
from biblioconv.model import Record
from biblioconv.report import Code
from biblioconv.rules import RuleContext, uncarried

__all__ = ["compact", "context_version", "object_record", "record_object"]

FORMAT = "codemeta"
_PREFIXES = (
    "schema:",
    "codemeta:",
    "http://schema.org/",
    "https://schema.org/",
    "https://codemeta.github.io/terms/",
)
_ALIASES = {"id": "@id", "type": "@type"}
#: Terms renamed between 2.0 and 3.0: the 3.0 name of a 2.0 term.
RENAMED = {"contIntegration": "continuousIntegration", "embargoDate": "embargoEndDate"}
_SPECIAL = frozenset({*_ALIASES, *RENAMED})
_KNOWN = frozenset(r.source for r in RULE_TABLE.rules) | {"@context", "@type", "@id"}


def _term(key: str) -> str:
    if ":" not in key and key not in _SPECIAL:
        return key  # the common case: a plain term
    if key in _ALIASES:
        return _ALIASES[key]
    for prefix in _PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            key = key[len(prefix) :]
            break
    return RENAMED.get(key, key)  # a 2.0 term by its 3.0 name


def compact(value: Any) -> Any:
    """A JSON-LD value with its keys (and ``@type`` values) as plain CodeMeta terms."""
    if type(value) is dict:
        out = {}
        for k, v in value.items():
            term = _term(k)
            if term == "@type" and type(v) is str:
                out[term] = _term(v)
            elif type(v) is dict or type(v) is list:
                out[term] = compact(v)
            else:
                out[term] = v
        return out
    if type(value) is list:
        return [compact(v) if type(v) is dict or type(v) is list else v for v in value]
    return value


def context_version(context: Any) -> str | None:
    """The CodeMeta version a ``@context`` names (``2.0``, ``3.0``), or None."""
    for c in context if isinstance(context, list) else [context]:
        if not isinstance(c, str):
            continue
        if "codemeta-2.0" in c or "codemeta/2.0" in c:
            return "2.0"
        if "codemeta/3" in c or "codemeta.jsonld" in c:
            return "3.0"
    return None


def _details(obj: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for term in NAME_TERMS:
        for i, p in (
            enumerate(obj.get(term) or [])
            if isinstance(obj.get(term), list)
            else ([(0, obj[term])] if isinstance(obj.get(term), dict) else [])
        ):
            if isinstance(p, dict):
                extra = {k: v for k, v in p.items() if k not in PERSON_TERMS}
                if extra:
                    out[f"{term}[{i}]"] = extra
    return out


def object_record(obj: dict[str, Any], reporter: Any) -> Record | None:
    """The record of one CodeMeta object (keys compacted by :func:`compact`)."""
    data: dict[str, Any] = {}
    extras: dict[str, Any] = {}
    native = text(obj.get("@type"))
    hub = CROSSWALK.type_to_hub(native) if native else "software"
    if hub is None:
        reporter.add(Code.TYPE_APPROXIMATED, f"unknown @type {native!r}; read as software", "@type")
        extras["@type"] = obj["@type"]
        hub = "software"
    data["type"] = hub
    if native and native != "SoftwareSourceCode":
        data["native_types"] = {FORMAT: native}
    ctx = RuleContext(hub_type=hub, native_type=native, fields=obj, reporter=reporter)
    RULE_TABLE.read(obj, data, ctx)
    for key, value in obj.items():
        if key in ("@context", "@type"):
            continue
        if key not in _KNOWN:
            reporter.add(Code.UNKNOWN_FIELD, f"{key!r} is not a CodeMeta term; kept in extras", key)
            extras[key] = value
            continue
        rule = RULE_TABLE.rule_for(key, ctx)
        if key == "@id" or rule is None or rule.home == "extras":
            extras[key] = value
        elif key == "funding":  # text and grants without a funder are kept as given
            rest = [v for v in (value if isinstance(value, list) else [value]) if not is_grant(v)]
            if rest:
                extras[key] = rest if isinstance(value, list) else rest[0]
    if "version" in obj and "softwareVersion" in obj and obj["version"] == obj["softwareVersion"]:
        extras.pop("version", None)  # the same version twice
    for term in NAME_TERMS:  # what no person or organisation could be made of
        items = obj.get(term)
        bad = [
            v
            for v in (items if isinstance(items, list) else [items])
            if v is not None and not isinstance(v, (dict, str))
        ]
        if bad:
            extras[f"{term}-unread"] = bad
    found = _details(obj)
    if found:
        extras["details"] = found
    if extras:
        data["extras"] = {FORMAT: extras}
    try:
        return Record.model_validate(data)
    except PydanticValidationError as exc:
        err = exc.errors()[0]
        at = ".".join(str(p) for p in err.get("loc", ()))
        reporter.skip(f"{at}: {err['msg']}" if at else err["msg"], what="unreadable object")
        return None


# -- writing ---------------------------------------------------------------------------------


def _for_version(value: Any, version: str) -> Any:
    """A value kept as given, with keys and types the context does not define written as
    ``schema:`` compact IRIs and the 2.0/3.0 renamings applied."""
    terms = TERMS[version]
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            key = _rename(k, version)
            if not (key.startswith("@") or key in terms or ":" in key):
                key = f"schema:{key}"
            if key == "@type" and isinstance(v, str) and v not in terms and ":" not in v:
                out[key] = f"schema:{v}"
            else:
                out[key] = _for_version(v, version)
        return out
    if isinstance(value, list):
        return [_for_version(v, version) for v in value]
    return value


def _rename(key: str, version: str) -> str:
    if version == "3.0":
        return RENAMED.get(key, key)
    back = {v: k for k, v in RENAMED.items()}
    return back.get(key, key)


def _merge_details(obj: dict[str, Any], found: Any, version: str) -> list[str]:
    """Put the kept keys of persons back into the objects at their paths; the paths that
    are not in ``obj``."""
    if not isinstance(found, dict):
        return []
    lost = []
    for path, extra in found.items():
        key, _, rest = path.partition("[")
        index = rest.rstrip("]")
        target: Any = obj.get(key)
        if isinstance(target, list) and index.isdigit() and int(index) < len(target):
            target = target[int(index)]
        elif not (isinstance(target, dict) and index == "0"):
            target = None
        if isinstance(target, dict) and isinstance(extra, dict):
            for k, v in _for_version(extra, version).items():
                target.setdefault(k, v)
        else:
            lost.append(path)
    return lost


def record_object(record: Record, version: str, reporter: Any) -> dict[str, Any]:
    """The CodeMeta object of a record (``version``: 2.0 or 3.0), its losses reported."""
    native = record.native_types.get(FORMAT)
    if not (native and CROSSWALK.type_to_hub(native) == record.type):
        native = CROSSWALK.type_from_hub(record.type) or "SoftwareSourceCode"
    obj: dict[str, Any] = {"@context": CONTEXTS[version], "@type": native}
    ctx = RuleContext(hub_type=record.type, native_type=native, record=record)
    fields, carried = RULE_TABLE.write(record, ctx)
    terms = TERMS[version]
    cm = record.extras.get(FORMAT, {})
    if "@id" in cm and isinstance(cm["@id"], str):
        obj["@id"] = cm["@id"]
    obj.update({_rename(k, version): v for k, v in fields.items()})
    for key, value in cm.items():
        if key in ("details", "@id", "@type") or key.endswith("-unread"):
            if key != "details" and key != "@id":
                reporter.add(
                    Code.FIELD_DROPPED,
                    f"{key!r} kept as given is not written (not a person, organisation or type)",
                    f"extras.{FORMAT}.{key}",
                )
            continue
        term = _rename(key, version)
        if term not in terms:
            reporter.add(
                Code.FIELD_DROPPED,
                f"{key!r} is not a term of the CodeMeta {version} context; not written",
                f"extras.{FORMAT}.{key}",
            )
            continue
        if term == "funding" and term in obj:  # grants written by the table, then the text
            kept = value if isinstance(value, list) else [value]
            obj[term] = [*obj[term], *(_for_version(v, version) for v in kept)]
            continue
        if term in obj:
            if obj[term] != value:
                reporter.add(
                    Code.FIELD_DROPPED,
                    f"{key!r} kept as given is not written: the record's own value is",
                    f"extras.{FORMAT}.{key}",
                )
            continue
        obj[term] = _for_version(value, version)
    lost = _merge_details(obj, cm.get("details"), version)
    if lost:
        reporter.add(
            Code.FIELD_DROPPED,
            f"kept keys of {', '.join(lost)} not written: no such person is written",
            f"extras.{FORMAT}.details",
        )
    # report
    if CROSSWALK.type_to_hub(native) != record.type:
        reporter.add(Code.TYPE_APPROXIMATED, f"{record.type} written as @type {native}", "type")
    for path, source in sorted(carried.approx.items()):
        reporter.add(
            Code.VALUE_COERCED, f"written approximately in CodeMeta {source}", path, severity="info"
        )
    _report_order(carried, reporter)
    for path in uncarried(record, carried, skip=("type", "native_types", "extras")):
        why = CROSSWALK.reason(record, path)
        reporter.add(
            Code.FIELD_DROPPED,
            f"no CodeMeta term for {path}" + (f" ({why})" if why else ""),
            path,
        )
    report_foreign_extras(
        record, FORMAT, (FORMAT,), reporter.report, source_format=reporter.source_format
    )
    return obj
