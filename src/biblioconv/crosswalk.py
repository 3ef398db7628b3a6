"""Crosswalk tables: field and type mappings as data.

Each format declares a :class:`Crosswalk`: where every one of its fields lives in the record model
(its *home*, a path such as ``titles(type=main).text``), how its types map to the hub's resource
types, and which hub fields it cannot hold (``unmapped``). The same table drives the writers' loss
reports, the coverage tests and the generated documentation.

Home paths: attribute names joined by ``.``; a list attribute may carry filters in parentheses,
``dates(type=accessed)``, ``contributors(role=editor,kind=organization)``. The special home
``extras`` means the field is kept verbatim in ``Record.extras[<format>]``.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from biblioconv.model import Record

__all__ = [
    "LOSS_ROWS",
    "Crosswalk",
    "FieldMap",
    "Kind",
    "TypeMap",
    "covers",
    "distinct_rows",
    "dropped_fields",
    "grouped_rows",
    "loss_cell",
    "parse_path",
    "report_dropped",
    "select",
    "values_at",
]

Kind = Literal["exact", "approx", "extras", "derived", "consumed"]
"""How a field maps: ``exact``; ``approx`` (meaning or precision changes); ``extras`` (kept verbatim
for same-format round trips); ``derived`` (computed from other fields, e.g. page-first from page);
``consumed`` (a processing instruction with no data of its own, e.g. CSL ``parse-names``)."""


@dataclass(frozen=True, slots=True)
class FieldMap:
    """One row of a crosswalk: a format field and its home in the model."""

    field: str
    home: str
    kind: Kind = "exact"
    note: str = ""


@dataclass(frozen=True, slots=True)
class TypeMap:
    """A format type and the hub resource type; ``read``/``write`` say which directions use it."""

    native: str
    hub: str
    read: bool = True
    write: bool = True
    note: str = ""


def distinct_rows(*groups: Iterable[FieldMap]) -> tuple[FieldMap, ...]:
    """The rows of ``groups`` in order, only the first of each (field, home) pair: a rule table's
    rows first, then rows for what no rule names, each field documented once per home."""
    rows: dict[tuple[str, str], FieldMap] = {}
    for group in groups:
        for fm in group:
            rows.setdefault((fm.field, fm.home), fm)
    return tuple(rows.values())


def grouped_rows(table: str) -> tuple[FieldMap, ...]:
    """The rows of a table written one home per line, ``home | kind | note | field field ...``
    (fields separated by white space): one row for each field, in order."""
    rows: list[FieldMap] = []
    for line in table.strip().splitlines():
        home, kind, note, names = (part.strip() for part in line.split("|"))
        rows.extend(FieldMap(name, home, kind, note) for name in names.split())  # type: ignore[arg-type]
    return tuple(rows)


@dataclass(frozen=True, eq=False)
class Crosswalk:
    """The mapping table of one format."""

    format: str
    fields: tuple[FieldMap, ...]
    types: tuple[TypeMap, ...] = ()
    unmapped: Mapping[str, str] = field(default_factory=dict)
    """Hub paths the format cannot hold, with the reason (used for loss reports)."""

    def field_map(self, name: str) -> FieldMap | None:
        """The row of a format field, if declared."""
        return _index(self).get(name)

    def type_to_hub(self, native: str) -> str | None:
        """The hub type of a native type (case-insensitive), if mapped for reading."""
        return _read_types(self).get(native.lower())

    def type_from_hub(self, hub: str) -> str | None:
        """The native type to write for a hub type, if mapped for writing."""
        return _write_types(self).get(hub)

    def reason(self, record: Any, path: str) -> str:
        """Why the format cannot hold what is at a concrete ``path`` of ``record`` (``dates[2]``):
        the reason of the ``unmapped`` entry that selects it or a path above it, else ``""``."""
        top = re.split(r"[.\[]", path, maxsplit=1)[0]
        for home, why in _unmapped_by_top(self).get(top, ()):
            if home == path:
                return why
            for at, _, _ in select(record, home):
                if path == at or path.startswith((at + ".", at + "[")):
                    return why
        return ""

    def check(self) -> list[str]:
        """Problems in the table: home paths that do not exist in the model, unknown hub types."""
        from biblioconv.vocab import RESOURCE_TYPES

        problems: list[str] = []
        for fm in self.fields:
            if fm.home != "extras" or fm.kind != "extras":
                try:
                    parse_path(fm.home)
                except ValueError as exc:
                    problems.append(f"{self.format}: field {fm.field!r}: {exc}")
        for path in self.unmapped:
            try:
                parse_path(path)
            except ValueError as exc:
                problems.append(f"{self.format}: unmapped {path!r}: {exc}")
        for tm in self.types:
            if tm.hub not in RESOURCE_TYPES:
                problems.append(f"{self.format}: type {tm.native!r} -> unknown hub type {tm.hub!r}")
        return problems


@cache
def _unmapped_by_top(cw: Crosswalk) -> dict[str, list[tuple[str, str]]]:
    """The ``unmapped`` entries by the top-level field of their home."""
    out: dict[str, list[tuple[str, str]]] = {}
    for home, why in cw.unmapped.items():
        out.setdefault(re.split(r"[.(]", home, maxsplit=1)[0], []).append((home, why))
    return out


@cache
def _index(cw: Crosswalk) -> dict[str, FieldMap]:
    out: dict[str, FieldMap] = {}
    for fm in cw.fields:
        out.setdefault(fm.field, fm)
    return out


@cache
def _read_types(cw: Crosswalk) -> dict[str, str]:
    out: dict[str, str] = {}
    for tm in cw.types:
        if tm.read:
            out.setdefault(tm.native.lower(), tm.hub)
    return out


@cache
def _write_types(cw: Crosswalk) -> dict[str, str]:
    out: dict[str, str] = {}
    for tm in cw.types:
        if tm.write:
            out.setdefault(tm.hub, tm.native)
    return out


# -- paths ---------------------------------------------------------------------------------------

Segment = tuple[str, tuple[tuple[str, str], ...]]
_SEGMENT = re.compile(r"([a-z_]+)(?:\(([^)]*)\))?")


def _model_of(annotation: Any) -> tuple[type[BaseModel] | None, Any]:
    """The pydantic model inside an annotation (list[X], X | None), and the leaf annotation."""
    args = get_args(annotation)
    origin = get_origin(annotation)
    if origin in (list, tuple) and args:
        return _model_of(args[0])
    if origin in (typing.Union, types.UnionType):
        for a in args:
            if a is not type(None):
                return _model_of(a)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, annotation
    return None, annotation


@cache
def parse_path(path: str) -> tuple[Segment, ...]:
    """Parse and validate a home path against the model; raise ValueError when it is not there."""
    if path == "extras":
        return (("extras", ()),)
    segments: list[Segment] = []
    model: type[BaseModel] | None = Record
    for raw in path.split("."):
        m = _SEGMENT.fullmatch(raw)
        if not m or model is None:
            raise ValueError(f"bad path segment {raw!r} in {path!r}")
        name, quals = m.group(1), m.group(2)
        if name not in model.model_fields:
            raise ValueError(f"{model.__name__} has no field {name!r} (path {path!r})")
        sub, _ = _model_of(model.model_fields[name].annotation)
        filters: list[tuple[str, str]] = []
        if quals:
            if sub is None:
                raise ValueError(f"filter on non-model field {name!r} in {path!r}")
            for q in quals.split(","):
                k, _, v = q.partition("=")
                k, v = k.strip(), v.strip()
                if k not in sub.model_fields:
                    raise ValueError(f"{sub.__name__} has no field {k!r} (path {path!r})")
                allowed = _literal_values(sub.model_fields[k].annotation)
                if allowed and v not in allowed:
                    raise ValueError(f"{v!r} is not a value of {sub.__name__}.{k} ({path!r})")
                filters.append((k, v))
        segments.append((name, tuple(filters)))
        model = sub
    return tuple(segments)


def _literal_values(annotation: Any) -> set[str]:
    """The values of the ``Literal`` types in an annotation (``Literal[...] | None``, lists)."""
    if get_origin(annotation) is Literal:  # its arguments are the values, nothing to look into
        return {str(v) for v in get_args(annotation)}
    values: set[str] = set()
    for a in get_args(annotation) or ():
        values |= _literal_values(a)
    return values


def values_at(obj: Any, path: str) -> Iterator[Any]:
    """Every non-empty value found at a path in a record (or a sub-model)."""
    if path == "extras":
        if getattr(obj, "extras", None):
            yield obj.extras
        return
    yield from _walk(obj, parse_path(path))


def _walk(obj: Any, segments: tuple[Segment, ...]) -> Iterator[Any]:
    if not segments:
        if obj not in (None, "", [], {}, False):
            yield obj
        return
    (name, filters), rest = segments[0], segments[1:]
    value = getattr(obj, name, None)
    items = value if isinstance(value, list) else [value]
    for item in items:
        if item is None:
            continue
        if filters and not all(str(getattr(item, k, None)) == v for k, v in filters):
            continue
        yield from _walk(item, rest)


def _empty(value: Any) -> bool:
    """None, or an empty string, list or mapping (no model's ``__eq__`` is called)."""
    return value is None or (type(value) in (str, list, dict) and not value)


def _matches(value: Any, wanted: str) -> bool:
    return value == wanted or (value is not None and str(value) == wanted)


def select(obj: Any, home: str, prefix: str = "") -> list[tuple[str, Any, tuple[str, ...]]]:
    """The values at ``home`` in a record: (concrete path, value, concrete paths of the filter
    attributes that selected it)."""
    out: list[tuple[str, Any, tuple[str, ...]]] = []
    _select(obj, parse_path(home), prefix, (), out)
    return out


def _select(
    obj: Any,
    segments: tuple[tuple[str, tuple[tuple[str, str], ...]], ...],
    prefix: str,
    keys: tuple[str, ...],
    out: list[tuple[str, Any, tuple[str, ...]]],
) -> None:
    if not segments:
        if not _empty(obj):
            out.append((prefix.rstrip("."), obj, keys))
        return
    (name, filters), rest = segments[0], segments[1:]
    value = getattr(obj, name, None)
    if value is None:
        return
    if isinstance(value, list):
        for i, item in enumerate(value):
            if item is None:
                continue
            if filters and not all(_matches(getattr(item, k, None), v) for k, v in filters):
                continue
            here = f"{prefix}{name}[{i}]"
            fkeys = keys + tuple(f"{here}.{k}" for k, _ in filters)
            if rest:
                _select(item, rest, here + ".", fkeys, out)
            elif not _empty(item):
                out.append((here, item, fkeys))
    else:
        _select(value, rest, f"{prefix}{name}.", keys, out)


def covers(home: str, row: str) -> bool:
    """True when a field whose home is ``home`` fills (part of) the loss-matrix row ``row``.

    Filters of the home that the row does not name count as wildcards; conflicting ones do not
    match (``contributors(role=editor)`` does not fill ``contributors(role=author)``).
    """
    if home == "extras" or row == "extras":
        return home == row
    h, r = parse_path(home), parse_path(row)
    if len(h) < len(r):
        return False
    for (hn, hq), (rn, rq) in zip(h, r, strict=False):
        if hn != rn:
            return False
        home_filters = dict(hq)
        if any(k in home_filters and home_filters[k] != v for k, v in rq):
            return False
    return True


#: Keys of a record's extras that only say how it was read (which BibTeX fields came from a
#: crossref parent): no data of their own, so never reported as lost.
BOOKKEEPING_EXTRAS = frozenset({"@inherited"})


def foreign_extras(record: Record, keep: Iterable[str]) -> dict[str, list[str]]:
    """The record's extras of formats other than ``keep`` (format -> its field names): what a
    writer of another format cannot write back (bookkeeping keys left out)."""
    kept = set(keep)
    out: dict[str, list[str]] = {}
    for fmt, fields in record.extras.items():
        if fmt in kept or not isinstance(fields, dict):
            continue
        names = sorted(k for k in fields if k not in BOOKKEEPING_EXTRAS)
        if names:
            out[fmt] = names
    return out


def report_foreign_extras(
    record: Record,
    target: str,
    keep: Iterable[str],
    report: Any,
    *,
    source_format: str | None = None,
) -> None:
    """One FIELD_DROPPED per format whose own fields (kept in the record's extras) ``target``
    cannot write."""
    for fmt, names in foreign_extras(record, keep).items():
        report.add(
            "FIELD_DROPPED",
            f"{fmt}-only fields not written: {', '.join(names)}",
            record=record.label,
            field=f"extras.{fmt}",
            source_format=source_format,
            target_format=target,
        )


def dropped_fields(record: Record, cw: Crosswalk) -> list[str]:
    """The unmapped hub paths that carry a value in this record."""
    return [p for p in cw.unmapped if next(values_at(record, p), None) is not None]


def report_dropped(
    record: Record,
    cw: Crosswalk,
    report: Any,
    *,
    source_format: str | None = None,
    record_label: str | None = None,
) -> list[str]:
    """Add one FIELD_DROPPED diagnostic per unmapped field the record carries; return the paths."""
    dropped = dropped_fields(record, cw)
    for path in dropped:
        report.add(
            "FIELD_DROPPED",
            f"{cw.format} has no home for {path}: {cw.unmapped[path]}",
            record=record_label or record.label,
            field=path,
            source_format=source_format,
            target_format=cw.format,
        )
    return dropped


def loss_cell(cw: Crosswalk, row: str) -> Literal["kept", "approximated", "dropped", "unknown"]:
    """How a format treats a loss-matrix row."""
    if row in cw.unmapped:
        return "dropped"
    kinds = {fm.kind for fm in cw.fields if fm.home != "extras" and covers(fm.home, row)}
    if "exact" in kinds:
        return "kept"
    if kinds & {"approx", "derived"}:
        return "approximated"
    if any(covers(p, row) or covers(row, p) for p in cw.unmapped):
        return "dropped"
    return "unknown"


#: The rows of the loss matrix: what users care about, as hub paths.
LOSS_ROWS: tuple[str, ...] = (
    "type",
    "genre",
    "titles(type=main)",
    "titles(type=subtitle)",
    "titles(type=alternative)",
    "titles(type=translated)",
    "titles(type=short)",
    "contributors(role=author)",
    "contributors(role=author,kind=organization)",
    "contributors(role=editor)",
    "contributors(role=translator)",
    "contributors.identifiers",
    "contributors.affiliations",
    "et_al",
    "dates(type=issued)",
    "dates(type=accessed)",
    "dates(type=submitted)",
    "dates(type=accepted)",
    "dates(type=created)",
    "dates(type=available)",
    "dates(type=updated)",
    "dates(type=original)",
    "publisher.name",
    "publisher.place",
    "publisher.identifiers",
    "container.titles(type=main)",
    "container.titles(type=short)",
    "container.identifiers",
    "container.volume",
    "container.issue",
    "container.pages",
    "container.number",
    "series.titles",
    "series.number",
    "event.title",
    "event.place",
    "identifiers(scheme=doi)",
    "identifiers(scheme=url)",
    "identifiers(scheme=isbn)",
    "identifiers(scheme=pmid)",
    "identifiers(scheme=arxiv)",
    "identifiers(scheme=local)",
    "edition",
    "version",
    "number",
    "number_of_pages",
    "language",
    "descriptions(type=abstract)",
    "descriptions(type=note)",
    "subjects",
    "subjects.scheme",
    "rights",
    "access_rights",
    "funding",
    "relations",
    "related_items",
    "sizes",
    "formats",
    "geo_locations",
    "archive",
    "attachments",
    "publication_status",
    "peer_reviewed",
)
