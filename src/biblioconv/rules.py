"""Executable crosswalks: a format's field mapping as a table of rules that runs.

A :class:`Rule` ties one native field to its *home* in the record model (a path such as
``container.titles(type=main).text``, see :mod:`biblioconv.crosswalk`) with the two conversions
(``to_hub`` for reading, ``from_hub`` for writing) and the condition under which it applies. A
:class:`RuleTable` runs the rules both ways:

* reading, :meth:`RuleTable.read` puts each native field's value at its home in the record data;
* writing, :meth:`RuleTable.write` fills the native fields from the record and keeps track of
  which parts of the record each rule carried (exactly or approximately), so that what the target
  cannot hold is known as the record is mapped, at the finest level (``contributors[2].identifiers``,
  ``container.identifiers[1]``), with no read-back.

The same rows give the format's :class:`~biblioconv.crosswalk.Crosswalk` (its documentation table and
loss-matrix cells), so the mapping, its documentation and its loss report cannot drift apart.

Concrete paths name one value of one record: attribute names joined by ``.`` with list indexes in
brackets (``contributors[2].identifiers[0].value``); :func:`leaves` lists a record's.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from biblioconv.crosswalk import FieldMap, Kind, parse_path

__all__ = [
    "Carried",
    "Rule",
    "RuleContext",
    "RuleTable",
    "apply_patches",
    "leaves",
    "put",
    "split_path",
    "uncarried",
]


# -- the record's concrete paths --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _FieldInfo:
    name: str
    default: Any
    kind: str  # "model", "models", "dict", "list", "scalar"


def _unwrap(annotation: Any) -> Any:
    origin = get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return _unwrap(args[0])
    return annotation


@cache
def _fields(model: type[BaseModel]) -> tuple[_FieldInfo, ...]:
    out = []
    for name, info in model.model_fields.items():
        ann = _unwrap(info.annotation)
        origin = get_origin(ann)
        if origin is list:
            (arg,) = get_args(ann) or (Any,)
            arg = _unwrap(arg)
            kind = "models" if isinstance(arg, type) and issubclass(arg, BaseModel) else "list"
        elif origin is dict:
            kind = "dict"
        elif isinstance(ann, type) and issubclass(ann, BaseModel):
            kind = "model"
        else:
            kind = "scalar"
        default = info.get_default(call_default_factory=True)
        out.append(_FieldInfo(name, default, kind))
    return tuple(out)


def leaves(obj: BaseModel, prefix: str = "") -> dict[str, Any]:
    """Every value a model carries, by concrete path (defaults left out): scalars, one entry per
    element of a list of scalars, one per key of a mapping (``extras.bibtex.note``)."""
    out: dict[str, Any] = {}
    _leaves(obj, prefix, out)
    return out


def _leaves(obj: BaseModel, prefix: str, out: dict[str, Any]) -> None:
    for f in _fields(type(obj)):
        value = getattr(obj, f.name)
        if value is None or value == f.default:
            continue
        path = prefix + f.name
        kind = f.kind
        if kind == "scalar":
            out[path] = value
        elif kind == "model":
            _leaves(value, path + ".", out)
        elif kind == "models":
            for i, item in enumerate(value):
                _leaves(item, f"{path}[{i}].", out)
        elif kind == "list":
            for i, item in enumerate(value):
                out[f"{path}[{i}]"] = item
        else:  # dict: one level of keys, two for extras (format -> field)
            for key, sub in value.items():
                if isinstance(sub, dict) and f.name == "extras":
                    for k2, v2 in sub.items():
                        out[f"{path}.{key}.{k2}"] = v2
                else:
                    out[f"{path}.{key}"] = sub


def split_path(path: str) -> list[str | int]:
    """``contributors[2].identifiers`` -> ``['contributors', 2, 'identifiers']``."""
    parts: list[str | int] = []
    for piece in path.split("."):
        name, _, rest = piece.partition("[")
        if name:
            parts.append(name)
        while rest:
            index, _, rest = rest.partition("]")
            parts.append(int(index))
            rest = rest[1:] if rest.startswith("[") else rest
    return parts


def _prefixes(path: str) -> Iterator[str]:
    """The concrete paths above ``path`` (and itself), shortest first."""
    for i, ch in enumerate(path):
        if ch in ".[":
            yield path[:i]
    yield path


# -- rules -----------------------------------------------------------------------------------


@dataclass(slots=True)
class RuleContext:
    """What a rule's condition and conversions may look at: the hub type, the native type, the
    record being written (writing) or the native fields being read (reading), and a reporter
    (anything with ``add(code, message, field, severity=...)``) or ``None``."""

    hub_type: str | None = None
    native_type: str | None = None
    record: Any = None
    fields: Mapping[str, Any] | None = None
    reporter: Any = None
    options: Any = None


def _identity(value: Any, ctx: RuleContext) -> Any:
    return value


def _first(values: list[Any], ctx: RuleContext) -> Any:
    return values[0] if values else None


@dataclass(frozen=True, slots=True)
class Rule:
    """One native field and its home in the record.

    ``to_hub(value, ctx)`` gives the value to put at ``home`` (``None``: nothing); ``from_hub(values,
    ctx)`` gets the record's values at ``home`` and gives the native value (``None``: not written).
    ``take``: which of the values at ``home`` the written field carries (``"all"`` or ``"first"``);
    ``parts``: for homes that select list elements, the element attributes the field carries (all
    when empty); ``uses``: further homes the field carries (approximately, e.g. a subtitle joined to
    the title); ``exact(values, ctx)``: whether this record's values survive the trip unchanged (a
    rule of kind ``exact`` is assumed to). ``when(ctx)``: the rule applies only when true (both
    directions). ``read``/``write`` switch a direction off (aliases, read-only variants).
    """

    source: str
    home: str
    kind: Kind = "exact"
    to_hub: Callable[[Any, RuleContext], Any] | None = _identity
    from_hub: Callable[[list[Any], RuleContext], Any] | None = _first
    when: Callable[[RuleContext], bool] | None = None
    take: str = "first"
    parts: tuple[str, ...] = ()
    uses: tuple[str, ...] = ()
    exact: Callable[[list[Any], RuleContext], bool] | None = None
    note: str = ""
    read: bool = True
    write: bool = True

    def field_map(self) -> FieldMap:
        """The documentation row of this rule."""
        return FieldMap(self.source, self.home, self.kind, self.note)


@dataclass(slots=True)
class Carried:
    """What writing one record carried: concrete paths carried exactly and approximately."""

    exact: set[str] = field(default_factory=set)
    approx: set[str] = field(default_factory=set)

    def mark(self, paths: Iterable[str], *, approx: bool = False) -> None:
        """Record paths (and everything below them) as carried."""
        (self.approx if approx else self.exact).update(paths)

    def covers(self, path: str) -> bool:
        """Whether ``path`` (or a path above it) was carried, exactly or not."""
        return any(p in self.exact or p in self.approx for p in _prefixes(path))


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
        if obj not in (None, "", [], {}):
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
            if filters and not all(str(getattr(item, k, None)) == v for k, v in filters):
                continue
            here = f"{prefix}{name}[{i}]"
            fkeys = keys + tuple(f"{here}.{k}" for k, _ in filters)
            if rest:
                _select(item, rest, here + ".", fkeys, out)
            elif item not in (None, "", [], {}):
                out.append((here, item, fkeys))
    else:
        _select(value, rest, f"{prefix}{name}.", keys, out)


class RuleTable:
    """The rules of one format, run both ways."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)
        self._by_source: dict[str, list[Rule]] = {}
        for r in self.rules:
            if r.read and r.to_hub is not None:
                self._by_source.setdefault(r.source, []).append(r)
        self.writing = tuple(r for r in self.rules if r.write and r.from_hub is not None)
        for r in self.rules:  # fail at import time on a home the model does not have
            if r.home != "extras":
                parse_path(r.home)
            for u in r.uses:
                parse_path(u)

    @property
    def sources(self) -> frozenset[str]:
        """Every native field a rule reads."""
        return frozenset(self._by_source)

    def field_maps(self) -> tuple[FieldMap, ...]:
        """The documentation rows (one per rule)."""
        return tuple(r.field_map() for r in self.rules)

    def rule_for(self, source: str, ctx: RuleContext) -> Rule | None:
        """The reading rule of a native field that applies in ``ctx``."""
        for r in self._by_source.get(source, ()):
            if r.when is None or r.when(ctx):
                return r
        return None

    def read(
        self, fields: Iterable[tuple[str, Any]], data: dict[str, Any], ctx: RuleContext
    ) -> list[str]:
        """Put each native field's value at its home in ``data`` (record data, as for
        ``Record.model_validate``); return the fields no rule reads."""
        unknown: list[str] = []
        for source, value in fields:
            rule = self.rule_for(source, ctx)
            if rule is None:
                unknown.append(source)
                continue
            if rule.home == "extras":
                continue
            hub = rule.to_hub(value, ctx)  # type: ignore[misc]
            if hub is not None:
                put(data, rule.home, hub)
        return unknown

    def write(
        self, record: Any, ctx: RuleContext, out: dict[str, Any] | None = None
    ) -> tuple[dict[str, Any], Carried]:
        """The native fields of a record (in table order, the first rule to fill a field wins)
        and what they carried."""
        native: dict[str, Any] = {} if out is None else out
        carried = Carried()
        for r in self.writing:
            if r.source in native or (r.when is not None and not r.when(ctx)):
                continue
            found = select(record, r.home)
            if not found:
                continue
            if r.take == "first":
                found = found[:1]
            values = [v for _, v, _ in found]
            value = r.from_hub(values, ctx)  # type: ignore[misc]
            if value is None:
                continue
            native[r.source] = value
            approx = r.kind != "exact" or (r.exact is not None and not r.exact(values, ctx))
            for path, _, keys in found:
                if r.parts:
                    carried.mark((f"{path}.{p}" for p in r.parts), approx=approx)
                else:
                    carried.mark((path,), approx=approx)
                carried.mark(keys, approx=approx)
            for u in r.uses:
                carried.mark((p for p, _, _ in select(record, u)), approx=True)
        return native, carried


def uncarried(record: BaseModel, carried: Carried, *, skip: Iterable[str] = ()) -> list[str]:
    """The concrete paths of what a record carries that no rule carried, each as high up as
    nothing below it was carried (``contributors[2].identifiers``, not each of its values).
    ``skip``: top-level fields handled elsewhere (``extras``, ``native_types``...)."""
    skipped = set(skip)
    touched: set[str] = set()
    for p in carried.exact | carried.approx:
        touched.update(_prefixes(p))
    roots: dict[str, None] = {}
    for path in leaves(record):
        top = split_path(path)[0]
        if top in skipped or carried.covers(path):
            continue
        root = next((p for p in _prefixes(path) if p not in touched), path)
        roots.setdefault(root, None)
    return list(roots)


# -- building record data from homes ---------------------------------------------------------


@cache
def _plan(home: str) -> tuple[tuple[str, tuple[tuple[str, str], ...], bool], ...]:
    """(name, filters, is_list) for each segment of a home."""
    from biblioconv.model import Record

    plan = []
    model: Any = Record
    for name, filters in parse_path(home):
        info = {f.name: f for f in _fields(model)}[name]
        is_list = info.kind in ("models", "list")
        plan.append((name, filters, is_list))
        ann = _unwrap(model.model_fields[name].annotation)
        if get_origin(ann) is list:
            ann = _unwrap(get_args(ann)[0])
        model = ann if isinstance(ann, type) and issubclass(ann, BaseModel) else None
    return tuple(plan)


def put(data: dict[str, Any], home: str, value: Any) -> None:
    """Put a value at a home in record data: a list segment before the end starts a new element
    (with the home's filters); a list at the end is extended (each element given the filters; a
    scalar for a list of models becomes its ``value``); other segments are set or merged."""
    plan = _plan(home)
    target = data
    last = len(plan) - 1
    for i, (name, filters, is_list) in enumerate(plan):
        if i < last:
            if is_list:
                element: dict[str, Any] = dict(filters)
                target.setdefault(name, []).append(element)
                target = element
            else:
                target = target.setdefault(name, {})
            continue
        if not is_list:
            if isinstance(value, dict) and isinstance(target.get(name), dict):
                target[name].update(value)
            else:
                target[name] = value
            return
        values = value if isinstance(value, list) else [value]
        items = target.setdefault(name, [])
        for v in values:
            if filters:
                v = {**(v if isinstance(v, dict) else {"value": v}), **dict(filters)}
            items.append(v)


def apply_patches(data: dict[str, Any], patches: Mapping[str, Any]) -> None:
    """Apply concrete-path patches to record data (as :func:`uncarried` names them): a whole list
    element the reader did not produce is inserted at its index (ascending), anything else set."""
    inserts = sorted(
        ((p, v) for p, v in patches.items() if isinstance(split_path(p)[-1], int)),
        key=lambda pv: split_path(pv[0]),
    )
    for path, value in inserts:
        *head, index = split_path(path)
        items = _walk_to(data, head, create_list=True)
        assert isinstance(index, int)
        items.insert(min(index, len(items)), value)
    for path, value in patches.items():
        parts = split_path(path)
        if isinstance(parts[-1], int):
            continue
        *head, name = parts
        _walk_to(data, head)[name] = value


def _walk_to(data: Any, parts: list[str | int], *, create_list: bool = False) -> Any:
    target = data
    for i, part in enumerate(parts):
        if isinstance(part, int):
            while len(target) <= part:
                target.append({})
            target = target[part]
        else:
            last = i == len(parts) - 1
            default: Any = [] if (last and create_list) else {}
            if target.get(part) is None:
                target[part] = default
            target = target[part]
    return target
