"""CSL-JSON items <-> records, run by the rules of :mod:`biblioconv.formats.csl_json.crosswalk`.

CSL strings are rich text already, so they pass through unchanged. What a record holds beyond CSL's
variables is, by default, kept in the item's ``custom.biblioconv`` object (the schema's escape hatch)
as patches at the finest level the rules know (``contributors[2].identifiers``), so that record ->
CSL-JSON -> record is lossless; plain CSL consumers simply ignore it. Items that lose nothing carry
no ``custom``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError as PydanticValidationError

from biblioconv.crosswalk import BOOKKEEPING_EXTRAS
from biblioconv.formats.csl_json.crosswalk import (
    ARTICLE_NUMBER_TYPES,
    CROSSWALK,
    PART_TYPES,
    RULE_TABLE,
)
from biblioconv.formats.csl_json.plan import Plan, Written, uncarried
from biblioconv.formats.csl_json.plan import preserve as preserve_patches
from biblioconv.formats.csl_json.values import text
from biblioconv.model import Record
from biblioconv.names import orcid_name, orcid_name_note
from biblioconv.report import Code, ConversionReport, RecordReporter, Severity
from biblioconv.rules import RuleContext, apply_patches, value_at

__all__ = ["ARTICLE_NUMBER_TYPES", "CUSTOM_KEY", "csl_to_record", "record_to_csl"]

FORMAT = "csl-json"
CUSTOM_KEY = "biblioconv"

_EXTRAS_VARS = frozenset(r.source for r in RULE_TABLE.rules if r.home == "extras") - {"custom"}
_KNOWN = frozenset(fm.field for fm in CROSSWALK.fields) | {"custom"}
#: Spec variables that csl-data.json does not allow at the top level.
_SPEC_ONLY = frozenset(
    {"editor-translator", "part-number", "printing-number", "supplement-number", "license"}
)
_SCHEMA_VARS = _KNOWN - _SPEC_ONLY
_PART_TYPES = PART_TYPES

# what the container of an item of a CSL type is (as the other readers tell it from their types)
_CONTAINER_TYPES = {
    "article-journal": "periodical",
    "article-magazine": "periodical",
    "article-newspaper": "periodical",
    "chapter": "book",
    "entry-dictionary": "book",
    "entry-encyclopedia": "book",
    "paper-conference": "proceedings",
}
#: top-level fields the rules do not handle: the type and id (written by hand below), the type
#: names of other formats (bookkeeping) and the extras (written back or kept apart)
_SKIP = frozenset(("id", "type", "native_types", "extras"))
_PLAN = Plan(RULE_TABLE)


def _quiet(*args: Any, **kwargs: Any) -> None:
    """Diagnostics nobody asked for."""


class _Quiet:
    add = staticmethod(_quiet)


# -- reading ---------------------------------------------------------------------------------------


def csl_to_record(
    item: dict[str, Any],
    *,
    report: ConversionReport | None = None,
    source: str | None = None,
    fmt: str = FORMAT,
    line: int | None = None,
) -> Record:
    """Map one CSL-JSON item to a record (diagnostics to ``report``, naming the item and the
    ``line`` it starts on in ``source``)."""
    label = text(item.get("id")) or text(item.get("citation-key"))
    data: dict[str, Any] = {}
    extras: dict[str, Any] = {}
    reporter: Any = (
        RecordReporter(report, record=label, source=source, line=line, source_format=fmt)
        if report is not None
        else _Quiet
    )
    note = reporter.add

    item_id = text(item.get("id"))
    if item_id is not None and item_id != text(item.get("citation-key")):
        data["id"] = item_id  # an id that is the citation key is the writer's choice of id
    native = text(item.get("type"))
    hub: str | None = None
    if native:
        hub = CROSSWALK.type_to_hub(native)
        if hub is None:
            note(Code.TYPE_APPROXIMATED, f"unknown CSL type {native!r}; read as document", "type")
            hub = "document"
        data["type"] = hub
        if CROSSWALK.type_from_hub(hub) != native:  # the type's usual name needs no note
            data["native_types"] = {fmt: native}

    ctx = RuleContext(hub_type=hub, native_type=native, fields=item, reporter=reporter)
    unknown = [k for k in RULE_TABLE.read(item, data, ctx) if k not in ("id", "type")]

    container = data.get("container")
    if container is not None:
        if "titles" in container and native in _CONTAINER_TYPES:
            container["type"] = _CONTAINER_TYPES[native]
        if "number" in container:
            container["number_type"] = "Article"
    if "status" in item and "publication_status" not in data and (v := text(item["status"])):
        extras["status"] = v

    for var, value in item.items():
        if var in _EXTRAS_VARS:
            extras[var] = value
    custom = item.get("custom")
    preserved: dict[str, Any] = {}
    if isinstance(custom, dict):
        rest = {k: v for k, v in custom.items() if k != CUSTOM_KEY}
        if rest:
            extras["custom"] = rest
        if isinstance(custom.get(CUSTOM_KEY), dict):
            preserved = custom[CUSTOM_KEY]
    elif custom is not None:
        note(Code.INVALID_VALUE, "custom is not an object; kept as given in extras", "custom")
        extras["custom"] = custom
    for key in unknown:
        if key not in _KNOWN and key not in extras:
            extras[key] = item[key]
            note(
                Code.UNKNOWN_FIELD,
                f"unknown CSL variable {key!r} kept in extras",
                key,
                severity="info",
            )
    if extras:
        data["extras"] = {fmt: extras}

    if preserved:
        return _restore(data, preserved, note)
    return Record.model_validate(data)


def _restore(data: dict[str, Any], preserved: dict[str, Any], note: Any) -> Record:
    """The record of ``data`` with the patches kept in ``custom.biblioconv`` applied (the
    extras of other formats merged with the item's own)."""
    patches = dict(preserved)
    others = patches.pop("extras", None)
    plain = Record.model_validate(data)
    try:
        apply_patches(data, patches)
        if isinstance(others, dict):
            merged = dict(others)
            for fmt, values in (data.get("extras") or {}).items():
                merged[fmt] = {**merged.get(fmt, {}), **values}
            data["extras"] = merged
        return Record.model_validate(data)
    except (PydanticValidationError, TypeError, ValueError, IndexError, AttributeError) as exc:
        reason = exc.errors()[0]["msg"] if isinstance(exc, PydanticValidationError) else str(exc)
        note(Code.INVALID_VALUE, f"custom.{CUSTOM_KEY} ignored: {reason}", "custom")
        return plain


# -- writing ---------------------------------------------------------------------------------------


def record_to_csl(
    record: Record,
    report: ConversionReport | None = None,
    *,
    preserve: bool = True,
    fmt: str = FORMAT,
    source_format: str | None = None,
) -> dict[str, Any]:
    """Map a record to a CSL-JSON item (valid against csl-data.json).

    With ``preserve`` (default) what CSL cannot hold goes to ``custom.biblioconv`` so that reading
    the item back gives the same record; each such field is reported as preserved (severity
    info). Without it, each is reported as dropped (a warning) or changed.
    """
    item: dict[str, Any] = {"id": record.id or record.citation_key or _fallback_id(record)}
    native = record.native_types.get(fmt)
    if not (native and CROSSWALK.type_to_hub(native) == record.type):
        native = CROSSWALK.type_from_hub(record.type) or "document"
    item["type"] = native
    retyped = CROSSWALK.type_to_hub(native) != record.type  # the type is not CSL's
    ctx = RuleContext(hub_type=record.type, native_type=native, record=record)
    # what the variables carried matters for what is kept or reported only
    carried = _PLAN.write(record, ctx, item, track=preserve or report is not None)
    extras = record.extras.get(fmt, {})
    for key, extra in extras.items():
        if key == "custom":
            # csl-data.json wants an object: a value that was not one is wrapped
            wrapped: dict[str, Any] = extra if isinstance(extra, dict) else {"value": extra}
            item["custom"] = {**wrapped, **item.get("custom", {})}
        elif key in item:
            continue
        elif key in _SCHEMA_VARS:
            item[key] = extra
        else:  # not valid as a top-level key in csl-data.json: keep it in custom
            item.setdefault("custom", {})[key] = extra
    if not preserve and report is None:
        return item

    inferred = _inferred(record, item, native, carried)
    lost = uncarried(record, carried, _SKIP)
    patches: dict[str, Any] = {}
    if preserve:
        patches = {**preserve_patches(record, carried, lost), **inferred}
        if retyped:
            patches["type"] = record.type
        others = {
            f: kept
            for f, values in record.extras.items()
            if f != fmt
            and (kept := {k: v for k, v in values.items() if k not in BOOKKEEPING_EXTRAS})
        }
        if others:
            patches["extras"] = others
        if patches:
            item["custom"] = {**item.get("custom", {}), CUSTOM_KEY: patches}
    if report is not None:
        _report(record, report, carried, lost, preserve, fmt, source_format)
        severity: Severity = "info" if preserve else "warning"
        note = f"; kept in custom.{CUSTOM_KEY}" if preserve else ""
        if retyped:
            report.add(
                Code.TYPE_APPROXIMATED,
                f"{record.type} written as CSL type {native}{note}",
                severity=severity,
                record=record.label,
                field="type",
                source_format=source_format,
                target_format=fmt,
            )
        for path, value in inferred.items():
            if value is not None:  # what the reader would infer differs from the record
                report.add(
                    Code.VALUE_COERCED,
                    f"{path} {value!r} is not what the CSL type {native} implies{note}",
                    severity=severity,
                    record=record.label,
                    field=path,
                    source_format=source_format,
                    target_format=fmt,
                )
        if record.id is None and record.citation_key is None:
            report.add(
                Code.MISSING_REQUIRED,
                f"a CSL item needs an id; {item['id']!r} written",
                severity="info",
                record=record.label,
                field="id",
                source_format=source_format,
                target_format=fmt,
            )
    return item


def _inferred(
    record: Record, item: dict[str, Any], native: str, carried: Written
) -> dict[str, Any]:
    """What the reader infers from the item's type (the container's type, an article number's
    kind): marked carried where the record agrees, patched where it does not."""
    patches: dict[str, Any] = {}
    cont = record.container
    if cont is None:
        return patches
    inferred = _CONTAINER_TYPES.get(native) if "container-title" in item else None
    if cont.type == inferred:
        if inferred is not None:
            carried.mark(("container", "type"))
    else:
        patches["container.type"] = cont.type
    if item.get("number") is not None and native in ARTICLE_NUMBER_TYPES and cont.number:
        if cont.number_type == "Article":
            carried.mark(("container", "number_type"))
        else:
            patches["container.number_type"] = cont.number_type
    return patches


def _report(
    record: Record,
    report: ConversionReport,
    carried: Written,
    lost: list[tuple[str, Any]],
    preserve_: bool,
    fmt: str,
    source_format: str | None,
) -> None:
    label = record.label

    def add(code: Code, message: str | Callable[[], str], field: str, severity: str) -> None:
        report.add(
            code,
            message,
            severity=severity,  # type: ignore[arg-type]
            record=label,
            field=field,
            source_format=source_format,
            target_format=fmt,
        )

    for position, c in enumerate(record.contributors):
        if c.family or c.given or c.literal:
            continue  # named: not written by its ORCID (see orcid_name)
        if orcid_name(c) is not None and c.role != "editor-translator":
            add(
                Code.VALUE_COERCED,
                orcid_name_note(c, f"{c.role} {position + 1}"),
                f"contributors[{position}]",
                "info",
            )
    kept = f"; kept in custom.{CUSTOM_KEY}" if preserve_ else ""
    for path, var in sorted(carried.approx.items()) if carried.approx else ():
        if path.startswith("contributors[") and orcid_name(_contributor(record, path)) is not None:
            continue  # said above
        if _absent(record, path):
            # an attribute the value does not have (the dropping particle of a name written
            # approximately): CSL's reader does not make one up, so there is nothing to say
            continue
        add(
            Code.VALUE_COERCED,
            f"written approximately in CSL {var}{kept}",
            path,
            "info" if preserve_ else "warning",
        )
    code, severity = (
        (Code.FIELD_PRESERVED, "info") if preserve_ else (Code.FIELD_DROPPED, "warning")
    )
    for path, _ in lost:
        # the reason is looked up only for a diagnostic kept in full (the message is lazy)
        def message(path: str = path, kept: str = kept) -> str:
            reason = CROSSWALK.reason(record, path)
            reason = f" ({reason})" if reason and reason != _NO_HOME_TEXT else ""
            return f"no CSL variable for {path}{reason}{kept}"

        report.add(
            code,
            message,
            severity=severity,  # type: ignore[arg-type]
            record=label,
            field=path,
            source_format=source_format,
            target_format=fmt,
        )
    others = sorted(
        f
        for f, values in record.extras.items()
        if f != fmt and any(k not in BOOKKEEPING_EXTRAS for k in values)
    )
    for f in others:
        if preserve_:
            add(Code.FIELD_PRESERVED, f"{f}-only fields{kept}", f"extras.{f}", "info")
        else:
            add(Code.FIELD_DROPPED, f"{f}-only fields not written", f"extras.{f}", "warning")


def _absent(record: Record, path: str) -> bool:
    """Whether the record holds nothing at ``path`` (None, False, an empty text or list)."""
    try:
        value = value_at(record, path)
    except (AttributeError, IndexError, TypeError):
        return True
    return value is None or value is False or (type(value) in (str, list, dict) and not value)


def _contributor(record: Record, path: str) -> Any:
    index = int(path[len("contributors[") : path.index("]")])
    return record.contributors[index]


_NO_HOME_TEXT = "no CSL variable"


def _fallback_id(record: Record) -> str:
    doi = record.doi
    if doi:
        return doi
    first = next(iter(record.contributors), None)
    who = (first.family or first.literal or "item") if first else "item"
    year = record.issued.year if record.issued and record.issued.year else "nd"
    return re.sub(r"\W+", "", f"{who}{year}") or "item"
