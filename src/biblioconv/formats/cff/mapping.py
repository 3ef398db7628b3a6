"""CITATION.cff documents <-> records, run by the rules of :mod:`biblioconv.formats.cff.crosswalk`.

Reading (option ``record``):

* ``preferred`` (default): the record is the ``preferred-citation`` when the file has one (what
  a citation of the work should point to), else the work (the top level). The top level's keys
  that the preferred citation does not repeat are kept in the record's CFF extras (``work``),
  its DOI (or URL or code repository) also as a relation ``Describes``;
* ``work``: the record is the top level; the preferred citation is kept in the extras
  (``preferred-citation``) and, with its DOI or URL, as a relation ``IsDescribedBy``;
* ``both``: the work, then the preferred citation.

Then (option ``references``, default true) each reference is a record of its own; without it
the ``references`` are kept as given in the first record's extras. Either way those with a DOI
or URL are relations ``References`` of the first record. Writing inverts this: a record with a ``work`` in its
CFF extras, or of a type CFF's top level cannot hold (anything but software and data), is
written as the ``preferred-citation`` of a top level made of its title and authors (and the
kept ``work``); a software or data record is the top level. Further records are written as
``references``. Keys of persons and entities that have no home in the record (email, address,
alias...) are kept in the extras (``details``) by their path and written back to the same
object.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError as PydanticValidationError

from biblioconv.crosswalk import report_foreign_extras
from biblioconv.formats.cff.crosswalk import (
    CROSSWALK,
    NAME_KEYS,
    REF_RULES,
    REF_TABLE,
    ROOT_RULES,
    ROOT_TABLE,
    ROOT_TYPES,
    WORK_TYPES,
    _single_license,
)
from biblioconv.formats.cff.values import (
    MAPPED_ENTITY_KEYS,
    MAPPED_PERSON_KEYS,
    details,
    is_entity,
    text,
)
from biblioconv.model import Record, Relation
from biblioconv.report import Code
from biblioconv.rules import Carried, RuleContext, RuleTable, uncarried

__all__ = [
    "CFF_VERSION",
    "DEFAULT_MESSAGE",
    "REF_KEYS",
    "ROOT_KEYS",
    "document_records",
    "records_document",
]

FORMAT = "cff"
CFF_VERSION = "1.2.0"
DEFAULT_MESSAGE = "If you use this software, please cite it using the metadata from this file."
ROOT_KEYS = frozenset(r.source for r in ROOT_RULES) | {"type"}
REF_KEYS = frozenset(r.source for r in REF_RULES) | {"type", "month"}
_DOC_KEYS = ("cff-version", "preferred-citation", "references")
#: Entity-valued keys of a reference and the keys of each the record holds.
_ENTITY_FIELDS: dict[str, frozenset[str]] = {
    "conference": frozenset({"name", "location", "date-start", "date-end"}),
    "publisher": frozenset({"name", "city"}),
    "institution": frozenset({"name"}),
    "location": frozenset({"name"}),
}
_KEY_ORDER = (
    "cff-version",
    "message",
    "type",
    "title",
    "abbreviation",
    "authors",
)


class _Quiet:
    @staticmethod
    def add(*args: Any, **kwargs: Any) -> None:
        """Diagnostics nobody asked for."""


# -- reading ---------------------------------------------------------------------------------


def _collect_details(obj: dict[str, Any], keys: frozenset[str], prefix: str = "") -> dict[str, Any]:
    """Person and entity keys without a home in the record, by the object's path."""
    out: dict[str, Any] = {}
    for key in NAME_KEYS:
        if key in keys and isinstance(obj.get(key), list):
            for i, person in enumerate(obj[key]):
                mapped = MAPPED_ENTITY_KEYS if is_entity(person) else MAPPED_PERSON_KEYS
                extra = details(person, mapped)
                if extra:
                    out[f"{prefix}{key}[{i}]"] = extra
    for key, mapped in _ENTITY_FIELDS.items():
        if key in keys and isinstance(obj.get(key), dict):
            extra = details(obj[key], mapped)
            if extra:
                out[f"{prefix}{key}"] = extra
    return out


def _read_fields(
    fields: dict[str, Any],
    table: RuleTable,
    known: frozenset[str],
    reporter: Any,
    *,
    root: bool,
) -> dict[str, Any]:
    """Record data of the top level (``root``) or of a reference."""
    data: dict[str, Any] = {}
    extras: dict[str, Any] = {}
    native = text(fields.get("type"))
    if root:
        hub = ROOT_TYPES.get(native or "software")
        if hub is None:
            reporter.add(
                Code.TYPE_APPROXIMATED,
                f"unknown top-level type {native!r} (software or dataset); read as software",
                "type",
            )
            hub = "software"
            extras["type"] = fields["type"]
    else:
        hub = CROSSWALK.type_to_hub(native) if native else None
        if hub is None:
            reporter.add(
                Code.TYPE_APPROXIMATED,
                f"unknown reference type {native!r}; read as generic"
                if native
                else "a reference needs a type; read as generic",
                "type",
            )
            if native:
                extras["type"] = fields["type"]
            hub = "document"
        elif CROSSWALK.type_from_hub(hub) != native:
            data["native_types"] = {FORMAT: native}
    data["type"] = hub
    ctx = RuleContext(hub_type=hub, native_type=native, fields=fields, reporter=reporter)
    table.read(fields, data, ctx)
    for key, value in fields.items():
        if key in ("type", "month") or key in _DOC_KEYS:
            continue
        if key == "end" and "start" in fields:
            continue  # read with start
        if key == "license-url" and "license" in fields and _single_license(fields):
            continue  # read with the one licence
        if key not in known:
            reporter.add(
                Code.UNKNOWN_FIELD,
                f"{key!r} is not a CFF 1.2.0 key; kept in extras",
                key,
            )
            extras[key] = value
            continue
        rule = table.rule_for(key, ctx)
        kept = rule is None or rule.home == "extras"
        if kept and key != "cff-version" and not (key == "message" and value == DEFAULT_MESSAGE):
            extras[key] = value
    # month is read with year; alone, or beside a date-published, it is kept as given
    if "month" in fields and ("year" not in fields or "date-published" in fields):
        extras["month"] = fields["month"]
    if (status := text(fields.get("status"))) is not None and "publication_status" not in data:
        extras["status"] = fields["status"]
        if status not in ("abstract", "advance-online"):
            reporter.add(Code.INVALID_VALUE, f"unknown status {status!r}; kept in extras", "status")
    languages = fields.get("languages")
    if isinstance(languages, list) and len(languages) > 1:
        extras["languages-more"] = languages[1:]
    found = _collect_details(fields, known)
    if found:
        extras["details"] = found
    if extras:
        data["extras"] = {FORMAT: extras}
    return data


def _relation(kind: str, obj: Any) -> dict[str, Any] | None:
    """A relation to a CFF work or reference given by its DOI, else its URL (or its code
    repository, for the work)."""
    if not isinstance(obj, dict):
        return None
    for key, scheme in (("doi", "doi"), ("url", "url"), ("repository-code", "url")):
        value = text(obj.get(key))
        if value is not None:
            return {"type": kind, "identifier": {"scheme": scheme, "value": value}}
    return None


def derived_relations(
    work: Any, preferred: Any, references: Any, *, as_preferred: bool
) -> list[dict[str, Any]]:
    """The relations the reader adds for what a record read from a CITATION.cff is not: the
    work (``Describes``, for the preferred citation) or the preferred citation
    (``IsDescribedBy``, for the work), and the references (``References``)."""
    out: list[dict[str, Any]] = []
    rel = _relation("Describes", work) if as_preferred else _relation("IsDescribedBy", preferred)
    if rel is not None:
        out.append(rel)
    for ref in references if isinstance(references, list) else ():
        rel = _relation("References", ref)
        if rel is not None:
            out.append(rel)
    return out


def _record(data: dict[str, Any], reporter: Any, what: str) -> Record | None:
    try:
        return Record.model_validate(data)
    except PydanticValidationError as exc:
        err = exc.errors()[0]
        at = ".".join(str(p) for p in err.get("loc", ()))
        reporter.skip(f"{at}: {err['msg']}" if at else err["msg"], what=f"unreadable {what}")
        return None


def _work_diff(top: dict[str, Any], pc: dict[str, Any]) -> dict[str, Any]:
    """The top-level keys a preferred citation does not repeat (what writing it back needs)."""
    out = {}
    for key, value in top.items():
        if key in _DOC_KEYS:
            continue
        if key in ("title", "authors") and pc.get(key) == value:
            continue
        if key == "message" and value == DEFAULT_MESSAGE:
            continue
        out[key] = value
    return out


def document_records(
    doc: dict[str, Any], mode: str, references: bool, reporter_for: Any
) -> list[Record]:
    """The records of one CITATION.cff document (see the module's description for ``mode`` and
    ``references``); ``reporter_for(label)`` gives the reporter of a record."""
    pc = doc.get("preferred-citation")
    refs = doc.get("references")
    top_rep = reporter_for(text(doc.get("title")) or "(work)")
    for key in ("cff-version", "message", "title", "authors"):
        if key not in doc:
            top_rep.add(Code.MISSING_REQUIRED, f"CITATION.cff needs {key!r}", key)
    if "cff-version" in doc and text(doc["cff-version"]) != CFF_VERSION:
        top_rep.add(
            Code.INVALID_VALUE,
            f"cff-version {text(doc['cff-version'])!r} read as {CFF_VERSION}",
            "cff-version",
            severity="info",
        )
    if pc is not None and not isinstance(pc, dict):
        top_rep.add(
            Code.INVALID_VALUE,
            "preferred-citation is not a mapping; kept in extras",
            "preferred-citation",
        )
    if refs is not None and not isinstance(refs, list):
        top_rep.add(Code.INVALID_VALUE, "references is not a list; kept in extras", "references")
        refs = [refs]
    kept = None if references else refs  # the references as given, when not records
    main: list[Record] = []
    if mode == "preferred" and isinstance(pc, dict):
        rep = reporter_for(text(pc.get("title")) or "preferred-citation")
        data = _read_fields(pc, REF_TABLE, REF_KEYS, rep, root=False)
        extras = data.setdefault("extras", {}).setdefault(FORMAT, {})
        work = _work_diff(doc, pc)
        if work:
            extras["work"] = work
        if kept is not None:
            extras["references"] = kept
        rels = derived_relations(doc, pc, refs, as_preferred=True)
        if rels:
            data.setdefault("relations", []).extend(rels)
        if not extras:
            del data["extras"]
        rec = _record(data, rep, "preferred-citation")
        if rec is not None:
            main.append(rec)
    else:
        data = _read_fields(doc, ROOT_TABLE, ROOT_KEYS, top_rep, root=True)
        extras = data.setdefault("extras", {}).setdefault(FORMAT, {})
        if pc is not None and mode != "both":
            extras["preferred-citation"] = pc
        if kept is not None:
            extras["references"] = kept
        if not extras:
            del data["extras"]
        rels = derived_relations(doc, pc, refs, as_preferred=False)
        if rels:
            data.setdefault("relations", []).extend(rels)
        rec = _record(data, top_rep, "CITATION.cff")
        if rec is not None:
            main.append(rec)
        if mode == "both" and pc is not None:
            main.extend(_references([("preferred-citation", pc)], reporter_for))
    if references and refs:
        main.extend(_references(list(enumerate(refs)), reporter_for))
    return main


def _references(items: list[tuple[Any, Any]], reporter_for: Any) -> list[Record]:
    """Records of references (``(index or label, reference)`` pairs)."""
    out: list[Record] = []
    for at, ref in items:
        label = at if isinstance(at, str) else f"references[{at}]"
        rep = reporter_for((text(ref.get("title")) if isinstance(ref, dict) else None) or label)
        if not isinstance(ref, dict):
            rep.skip(f"{label} is not a mapping", what="unreadable reference")
            continue
        r = _record(_read_fields(ref, REF_TABLE, REF_KEYS, rep, root=False), rep, label)
        if r is not None:
            out.append(r)
    return out


# -- writing ---------------------------------------------------------------------------------


def _ordered(obj: dict[str, Any]) -> dict[str, Any]:
    head = {k: obj[k] for k in _KEY_ORDER if k in obj}
    return {**head, **{k: v for k, v in obj.items() if k not in head}}


def _merge_details(obj: dict[str, Any], found: Any) -> list[str]:
    """Put the kept person and entity keys back into the objects at their paths; the paths
    that are not in ``obj``."""
    if not isinstance(found, dict):
        return []
    lost = []
    for path, extra in found.items():
        key, _, rest = path.partition("[")
        target: Any = obj.get(key)
        if rest:
            index = rest.rstrip("]")
            ok = isinstance(target, list) and index.isdigit() and int(index) < len(target)
            target = target[int(index)] if ok else None
        if isinstance(target, dict) and isinstance(extra, dict):
            for k, v in extra.items():
                target.setdefault(k, v)
        else:
            lost.append(path)
    return lost


def _write_fields(
    record: Record, table: RuleTable, native: str | None
) -> tuple[dict[str, Any], Carried]:
    ctx = RuleContext(hub_type=record.type, native_type=native, record=record)
    out: dict[str, Any] = {}
    if native is not None:
        out["type"] = native
    native_out, carried = table.write(record, ctx, out)
    return native_out, carried


def _ref_type(record: Record) -> str:
    native = record.native_types.get(FORMAT)
    if native and CROSSWALK.type_to_hub(native) == record.type and native not in ROOT_TYPES:
        return native
    if native == "software" and record.type == "software":
        return native
    return CROSSWALK.type_from_hub(record.type) or "generic"


class _Writer:
    """Writes the records of one CITATION.cff and reports what each loses."""

    def __init__(self, reporter_for: Any) -> None:
        self.reporter_for = reporter_for
        self.skipped = 0  # records not written (a reference the same as an earlier one)

    def document(self, records: list[Record]) -> dict[str, Any]:
        first, rest = records[0], records[1:]
        written: list[dict[str, Any]] = []
        seen: dict[str, str] = {}  # a reference's YAML-ready form -> the record that gave it
        for record in rest:
            ref = self._reference(record, where="references")
            key = json.dumps(ref, sort_keys=True, default=str)
            if key in seen:
                # the schema holds each reference once (uniqueItems)
                self.reporter_for(record.label).skip(
                    f"the same reference as record {seen[key]}: CFF holds each reference once"
                )
                self.skipped += 1
                continue
            seen[key] = record.label
            written.append(ref)
        cff = first.extras.get(FORMAT, {})
        kept = cff.get("references")
        refs = [*(kept if isinstance(kept, list) else []), *written] or None
        if isinstance(cff.get("work"), dict) or first.type not in WORK_TYPES:
            return self._as_preferred(first, refs)
        return self._as_work(first, refs)

    # -- one record --------------------------------------------------------------------------

    def _required(self, obj: dict[str, Any], record: Record, rep: Any, where: str) -> None:
        if "title" not in obj:
            obj["title"] = "untitled"
            rep.add(
                Code.MISSING_REQUIRED,
                f"{where} needs a title; 'untitled' written",
                "titles(type=main)",
            )
        if "authors" not in obj:
            obj["authors"] = [{"name": "anonymous"}]
            rep.add(
                Code.MISSING_REQUIRED,
                f"{where} needs authors; an entity 'anonymous' written",
                "contributors" if record.contributors else "contributors(role=author)",
            )

    def _extras_into(
        self, obj: dict[str, Any], record: Record, known: frozenset[str], rep: Any
    ) -> None:
        cff = record.extras.get(FORMAT, {})
        for key, value in cff.items():
            if key in ("details", "work", "preferred-citation", "references", "languages-more"):
                continue
            if key in known and key not in _DOC_KEYS and key != "type":
                if key not in obj:
                    obj[key] = value
                elif obj[key] != value:
                    rep.add(
                        Code.FIELD_DROPPED,
                        f"{key!r} kept as given is not written: the record's own value is",
                        f"extras.{FORMAT}.{key}",
                    )
            elif key not in _DOC_KEYS:
                rep.add(
                    Code.FIELD_DROPPED,
                    f"{key!r} is not a CFF 1.2.0 key of this object; not written",
                    f"extras.{FORMAT}.{key}",
                )
        lost = _merge_details(obj, cff.get("details"))
        if lost:
            rep.add(
                Code.FIELD_DROPPED,
                f"kept keys of {', '.join(lost)} not written: no such person or entity is written",
                f"extras.{FORMAT}.details",
            )
        if "languages-more" in cff and "languages" not in obj:
            rep.add(
                Code.FIELD_DROPPED,
                "further languages not written (no first language)",
                f"extras.{FORMAT}.languages-more",
            )

    def _reference(
        self, record: Record, where: str, derived: list[dict[str, Any]] | None = None
    ) -> dict[str, Any]:
        rep = self.reporter_for(record.label)
        native = _ref_type(record)
        ref, carried = _write_fields(record, REF_TABLE, native)
        self._extras_into(ref, record, REF_KEYS, rep)
        self._required(ref, record, rep, where)
        self._report(record, carried, rep, derived or [], level="reference")
        hub = CROSSWALK.type_to_hub(native)
        if hub != record.type:
            rep.add(
                Code.TYPE_APPROXIMATED,
                f"{record.type} written as CFF type {native}",
                "type",
            )
        return _ordered(ref)

    def _as_preferred(self, record: Record, refs: list[Any] | None) -> dict[str, Any]:
        cff = record.extras.get(FORMAT, {})
        kept = cff.get("work")
        work: dict[str, Any] = kept if isinstance(kept, dict) else {}
        derived = derived_relations(work, None, refs, as_preferred=True)
        ref = self._reference(record, "the preferred citation", derived)
        doc: dict[str, Any] = {
            "cff-version": CFF_VERSION,
            "message": DEFAULT_MESSAGE,
            "title": ref["title"],
            "authors": ref["authors"],
        }
        for key, value in work.items():
            if key not in _DOC_KEYS:
                doc[key] = value
        doc = _ordered(doc)
        doc["preferred-citation"] = ref
        if refs is not None:
            doc["references"] = refs
        return doc

    def _as_work(self, record: Record, refs: list[Any] | None) -> dict[str, Any]:
        rep = self.reporter_for(record.label)
        cff = record.extras.get(FORMAT, {})
        pc = cff.get("preferred-citation")
        kind = WORK_TYPES[record.type]
        top, carried = _write_fields(record, ROOT_TABLE, kind if kind != "software" else None)
        self._extras_into(top, record, ROOT_KEYS, rep)
        self._required(top, record, rep, "CITATION.cff")
        derived = derived_relations(None, pc, refs, as_preferred=False)
        self._report(record, carried, rep, derived, level="work")
        if ROOT_TYPES[kind] != record.type:
            rep.add(Code.TYPE_APPROXIMATED, f"{record.type} written as CFF type {kind}", "type")
        doc = _ordered({"cff-version": CFF_VERSION, "message": DEFAULT_MESSAGE, **top})
        if pc is not None:
            doc["preferred-citation"] = pc
        if refs is not None:
            doc["references"] = refs
        return doc

    # -- the loss report ---------------------------------------------------------------------

    def _report(
        self,
        record: Record,
        carried: Carried,
        rep: Any,
        derived: list[dict[str, Any]],
        *,
        level: str,
    ) -> None:
        # relations the reader derives from the kept work, preferred citation and references
        wanted = [Relation.model_validate(d) for d in derived]
        for i, rel in enumerate(record.relations):
            if rel in wanted:
                wanted.remove(rel)
                carried.exact.add(f"relations[{i}]")
                carried.elements.append(f"relations[{i}]")
        for path, source in sorted(carried.approx.items()):
            rep.add(
                Code.VALUE_COERCED, f"written approximately in CFF {source}", path, severity="info"
            )
        _report_order(carried, rep)
        for path in uncarried(record, carried, skip=("type", "native_types", "extras")):
            rep.add(
                Code.FIELD_DROPPED, f"no CFF key for {path}{_reason(record, path, level)}", path
            )
        report_foreign_extras(
            record, FORMAT, (FORMAT,), rep.report, source_format=rep.source_format
        )


def _report_order(carried: Carried, rep: Any) -> None:
    """List elements that read back at another index than the record's: the written keys hold
    them in another order, or an element before them was not written."""
    seen: set[str] = set()
    order: dict[str, list[int]] = {}
    for element in carried.elements:
        i = element.rfind("[")
        base, index = element[:i], int(element[i + 1 : element.index("]", i)])
        key = f"{base}[{index}]"
        if key not in seen:
            seen.add(key)
            order.setdefault(base, []).append(index)
    for base, indexes in order.items():
        for position, index in enumerate(indexes):
            if position != index:
                rep.add(
                    Code.VALUE_COERCED,
                    f"read back as {base}[{position}] (CFF keys hold the list in their own "
                    "order, without what is not written)",
                    f"{base}[{index}]",
                    severity="info",
                )


_REF_HOMES = frozenset(r.home.split("(")[0].split(".")[0] for r in REF_RULES) - frozenset(
    r.home.split("(")[0].split(".")[0] for r in ROOT_RULES
)


def _reason(record: Record, path: str, level: str) -> str:
    top = path.split("[")[0].split(".")[0]
    if path in ("id", "citation_key"):
        return " (a CITATION.cff has no record id or key)"
    if level == "work" and top in _REF_HOMES:
        why = "held by a reference only: a software or data record is the top-level work"
    else:
        why = CROSSWALK.reason(record, path)
    return f" ({why})" if why else ""


def records_document(records: list[Record], reporter_for: Any) -> tuple[dict[str, Any], int]:
    """The CITATION.cff document of records: the first as the work or its preferred citation,
    the others as references (see the module's description); and how many records it does not
    hold (a reference the same as an earlier one: the schema holds each once)."""
    writer = _Writer(reporter_for)
    return writer.document(records), writer.skipped
