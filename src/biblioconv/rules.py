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

import re
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from biblioconv.crosswalk import FieldMap, Kind, _empty, _matches, parse_path, select

__all__ = [
    "Carried",
    "Rule",
    "RuleContext",
    "RuleTable",
    "apply_patches",
    "first_value",
    "getter",
    "leaves",
    "parts_tree",
    "preserve",
    "put",
    "role_home",
    "select",
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


@cache
def _field_index(model: type[BaseModel]) -> dict[str, _FieldInfo]:
    return {f.name: f for f in _fields(model)}


def _set_fields(obj: BaseModel) -> Iterator[tuple[_FieldInfo, Any]]:
    """The fields of a model that hold something other than their default, with the value
    (read from the instance's dict: no attribute lookups)."""
    index = _field_index(type(obj))
    for name, value in obj.__dict__.items():
        if value is None or value is False:
            continue
        f = index[name]
        kind = f.kind
        if kind == "scalar":
            if value == f.default or value == "":
                continue
        elif kind != "model" and not value:
            continue
        yield f, value


def leaves(obj: BaseModel, prefix: str = "") -> dict[str, Any]:
    """Every value a model carries, by concrete path (defaults left out): scalars, one entry per
    element of a list of scalars, one per key of a mapping (``extras.bibtex.note``)."""
    out: dict[str, Any] = {}
    _leaves(obj, prefix, out)
    return out


def _leaves(obj: BaseModel, prefix: str, out: dict[str, Any]) -> None:
    for f, value in _set_fields(obj):
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


def role_home(role: str, label: str | None = None) -> tuple[str, tuple[str, ...]]:
    """The home of the contributors with ``role`` (and ``label`` as their role label, if given),
    and the contributor parts that home itself says (for :attr:`Rule.parts`)."""
    if label:
        return f"contributors(role={role},role_label={label})", ("role", "role_label")
    return f"contributors(role={role})", ("role",)


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


_SEP = re.compile(r"[.\[]")


def _prefixes(path: str) -> list[str]:
    """The concrete paths above ``path`` (and itself), shortest first."""
    return [path[: m.start()] for m in _SEP.finditer(path)] + [path]


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


def first_value(values: list[Any], ctx: RuleContext) -> Any:
    """The default ``from_hub``: the first value at the home (``None`` when there is none). A
    writer's plan may recognise it and take the value itself without a call."""
    return values[0] if values else None


@dataclass(frozen=True, slots=True)
class Rule:
    """One native field and its home in the record.

    ``to_hub(value, ctx)`` gives the value to put at ``home`` (``None``: nothing); ``from_hub(values,
    ctx)`` gets the record's values at ``home`` and gives the native value (``None``: not written).
    ``take``: which of the values at ``home`` the written field carries (``"all"`` or ``"first"``);
    ``parts``: for homes that select list elements, the element attributes the field carries (all
    when empty; or a function of the element giving them, None for an element not written);
    ``uses``: further homes the field carries (approximately, e.g. a subtitle joined to
    the title); ``exact(values, ctx)``: whether this record's values survive the trip unchanged (a
    rule of kind ``exact`` is assumed to). ``when(ctx)``: the rule applies only when true (both
    directions). ``read``/``write`` switch a direction off (aliases, read-only variants).
    """

    source: str
    home: str
    kind: Kind = "exact"
    to_hub: Callable[[Any, RuleContext], Any] | None = _identity
    from_hub: Callable[[list[Any], RuleContext], Any] | None = first_value
    when: Callable[[RuleContext], bool] | None = None
    take: str = "first"
    parts: tuple[str, ...] | Callable[[Any], tuple[str, ...] | None] = ()
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
    """What writing one record carried: concrete paths carried exactly and approximately, and the
    list elements in the order the written fields hold them (which is the order a reader of the
    fields produces them in)."""

    exact: set[str] = field(default_factory=set)
    approx: dict[str, str] = field(default_factory=dict)
    """path -> the native field that holds it approximately"""
    partial: dict[str, dict[str, Any]] = field(default_factory=dict)
    """path -> the tree of its attributes carried exactly (``{"start": {"year": True}}``)"""
    elements: list[str] = field(default_factory=list)

    def mark(self, paths: Iterable[str], *, approx: str | None = None) -> None:
        """Record paths (and everything below them) as carried (``approx``: approximately, by
        that native field)."""
        if approx is None:
            self.exact.update(paths)
        else:
            for p in paths:
                self.approx.setdefault(p, approx)

    def covers(self, path: str) -> bool:
        """Whether ``path`` (or a path above it) was carried, exactly or not."""
        return any(p in self.exact or p in self.approx for p in _prefixes(path))


_Found = list[tuple[str, Any, tuple[str, ...]]]
_Getter = Callable[[Any], _Found]


@cache
def getter(home: str) -> _Getter:
    """A fast :func:`select` for one home: compiled for homes with at most one list (with at most
    one filter) followed by plain attributes, :func:`select` for the others."""
    segments = parse_path(home)
    plan = _plan(home)
    lists = [i for i, (_, _, is_list) in enumerate(plan) if is_list]
    if len(lists) > 1 or any(len(f) > 1 for _, f in segments):
        return lambda obj: select(obj, home)
    if not lists:
        names = [name for name, _ in segments]

        def plain(obj: Any) -> _Found:
            for n in names:
                obj = getattr(obj, n, None)
                if obj is None:
                    return []
            return [] if _empty(obj) else [(home, obj, ())]

        return plain
    at = lists[0]
    pre = [name for name, _ in segments[:at]]
    lname, filters = segments[at]
    post = [name for name, _ in segments[at + 1 :]]
    base = "".join(n + "." for n in pre) + lname
    tail = "".join("." + n for n in post)
    fkey, fval = filters[0] if filters else (None, None)

    def listed(obj: Any) -> _Found:
        for n in pre:
            obj = getattr(obj, n, None)
            if obj is None:
                return []
        items = getattr(obj, lname, None)
        if not items:
            return []
        out: _Found = []
        for i, item in enumerate(items):
            if fkey is not None and not _matches(getattr(item, fkey, None), fval):  # type: ignore[arg-type]
                continue
            v = item
            for n in post:
                v = getattr(v, n, None)
                if v is None:
                    break
            if _empty(v):
                continue
            here = f"{base}[{i}]"
            out.append((here + tail, v, (f"{here}.{fkey}",) if fkey is not None else ()))
        return out

    return listed


def _index(entry: tuple[int, Rule]) -> int:
    return entry[0]


class RuleTable:
    """The rules of one format, run both ways."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)
        self._by_source: dict[str, list[Rule]] = {}
        for r in self.rules:
            if r.read and (r.to_hub is not None or r.home == "extras"):
                self._by_source.setdefault(r.source, []).append(r)
        self.reading = tuple(
            r for r in self.rules if r.read and (r.to_hub is not None or r.home == "extras")
        )
        self._reading_at: dict[str, list[tuple[int, Rule]]] = {}
        for i, r in enumerate(self.reading):
            self._reading_at.setdefault(r.source, []).append((i, r))
        self.writing = tuple(r for r in self.rules if r.write and r.from_hub is not None)
        self._compiled: tuple[list[Any], dict[str, Any]] | None = None

    def check(self) -> list[str]:
        """Problems in the table: homes (and ``uses``) that are not paths of the model."""
        problems = []
        for r in self.rules:
            for home in (r.home, *r.uses):
                if home == "extras":
                    continue
                try:
                    parse_path(home)
                except ValueError as exc:
                    problems.append(f"{r.source}: {exc}")
        return problems

    def _compile(self) -> tuple[list[Any], dict[str, Any]]:
        """The writing rules with their compiled getters, and per top-level field the rules
        without a filter on it and those with one by the filter's value, so that a record's
        candidates are found without trying every rule (made on first use: importing a format
        stays cheap)."""
        writing: list[tuple[Rule, str, str | None, Any, _Getter]] = []
        for r in self.writing:
            (top, filters), *_ = parse_path(r.home)
            key, wanted = filters[0] if len(filters) == 1 else (None, None)
            writing.append((r, top, key, wanted, getter(r.home)))
        tops: dict[str, tuple[list[int], dict[str, dict[Any, list[int]]]]] = {}
        for i, (_, top, key, wanted, _) in enumerate(writing):
            plain, keyed = tops.setdefault(top, ([], {}))
            if key is None:
                plain.append(i)
            else:
                keyed.setdefault(key, {}).setdefault(wanted, []).append(i)
        self._compiled = (writing, tops)
        return self._compiled

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

    def read(self, fields: Mapping[str, Any], data: dict[str, Any], ctx: RuleContext) -> list[str]:
        """Put each native field's value at its home in ``data`` (record data, as for
        ``Record.model_validate``), in table order (so lists come out in the order a writer of
        the same table writes them); return the fields no rule reads, in input order."""
        # only the rules of the fields given, in table order
        picked: list[tuple[int, Rule]] = []
        at = self._reading_at
        for name in fields:
            found = at.get(name)
            if found is not None:
                picked += found
        picked.sort(key=_index)
        done: set[str] = set()
        for _, rule in picked:
            source = rule.source
            if source in done:
                continue
            if rule.when is not None and not rule.when(ctx):
                continue
            done.add(source)
            if rule.home == "extras":
                continue
            hub = rule.to_hub(fields[source], ctx)  # type: ignore[misc]
            if hub is not None:
                put(data, rule.home, hub)
        return [k for k in fields if k not in self._by_source]

    def write(
        self, record: Any, ctx: RuleContext, out: dict[str, Any] | None = None
    ) -> tuple[dict[str, Any], Carried]:
        """The native fields of a record (in table order, the first rule to fill a field wins)
        and what they carried."""
        native: dict[str, Any] = {} if out is None else out
        carried = Carried()
        exact, partial, elements = carried.exact, carried.partial, carried.elements
        writing, tops = self._compiled or self._compile()
        fields = record.__dict__
        candidates: list[int] = []
        for top, (plain, keyed) in tops.items():
            value = fields[top]
            if not value:
                continue
            candidates += plain
            for key, by_value in keyed.items():  # only the rules of the kinds present
                for kind in {getattr(item, key) for item in value}:
                    candidates += by_value.get(kind, ())
        candidates.sort()
        for i in candidates:
            r, _, _, _, getter = writing[i]
            source = r.source
            if source in native or (r.when is not None and not r.when(ctx)):
                continue
            found = getter(record)
            if not found:
                continue
            if r.take == "first":
                del found[1:]
            values = [v for _, v, _ in found]
            value = r.from_hub(values, ctx)
            if value is None:
                continue
            native[source] = value
            inexact = r.kind != "exact" or (r.exact is not None and not r.exact(values, ctx))
            parts_of = r.parts
            for path, value, keys in found:
                parts = parts_of(value) if callable(parts_of) else parts_of
                if parts is None:  # this element is not written
                    continue
                if inexact:
                    carried.mark([f"{path}.{p}" for p in parts] if parts else [path], approx=source)
                    carried.mark(keys, approx=source)
                elif not parts:
                    exact.add(path)
                    exact.update(keys)
                else:
                    tree = parts_tree(parts)  # shared: merged into a copy, never changed
                    had = partial.get(path)
                    if had is None:
                        partial[path] = tree
                    elif had is not tree:
                        merged: dict[str, Any] = {}
                        _merge(merged, had)
                        _merge(merged, tree)
                        partial[path] = merged
                    exact.update(keys)
                if "[" in path:
                    elements.append(path)
            for u in r.uses:
                carried.mark((p for p, _, _ in select(record, u)), approx=source)
        return native, carried


def uncarried(record: BaseModel, carried: Carried, *, skip: Iterable[str] = ()) -> list[str]:
    """The concrete paths of what a record carries that no rule carried, each as high up as
    nothing below it was carried, but naming list elements rather than whole lists
    (``contributors[2].identifiers[0]``, ``dates[1]``). ``skip``: top-level fields handled
    elsewhere (``extras``, ``native_types``...)."""
    done = carried.exact.union(carried.approx)
    touched: set[str] = set()
    for p in (*done, *carried.partial):
        while p not in touched:  # p and the paths above it
            touched.add(p)
            cut = max(p.rfind("."), p.rfind("["))
            if cut < 0:
                break
            p = p[:cut]
    out: list[str] = []
    _uncarried(record, "", done, touched, carried.partial, frozenset(skip), out)
    return out


@cache
def parts_tree(parts: tuple[str, ...]) -> dict[str, Any]:
    """``("type", "start.year")`` -> ``{"type": True, "start": {"year": True}}``."""
    tree: dict[str, Any] = {}
    for p in parts:
        *head, last = p.split(".")
        node = tree
        for h in head:
            node = node.setdefault(h, {})
        node[last] = True
    return tree


def _merge(into: dict[str, Any], tree: dict[str, Any]) -> None:
    for k, v in tree.items():
        if v is True or into.get(k) is True:
            into[k] = True
        else:
            _merge(into.setdefault(k, {}), v)


def _partly(
    obj: BaseModel, prefix: str, tree: dict[str, Any], done: set[str], out: list[str]
) -> None:
    """What of ``obj`` its carried-attribute ``tree`` (and ``done``) leaves out."""
    index = _field_index(type(obj))
    for name, value in obj.__dict__.items():
        sub = tree.get(name)
        if sub is True or value is None or value is False:
            continue
        f = index[name]
        kind = f.kind
        if kind == "scalar":
            if value == f.default or value == "":
                continue
        elif kind != "model" and not value:
            continue
        path = prefix + name
        if path in done:
            continue
        if sub is not None and kind == "model":
            _partly(value, path + ".", sub, done, out)
        elif kind in ("models", "list"):
            out.extend(f"{path}[{i}]" for i in range(len(value)))
        else:
            out.append(path)


def _uncarried(
    obj: BaseModel,
    prefix: str,
    done: set[str],
    touched: set[str],
    partial: dict[str, dict[str, Any]],
    skip: frozenset[str],
    out: list[str],
) -> None:
    for f, value in _set_fields(obj):
        if not prefix and f.name in skip:
            continue
        path = prefix + f.name
        if path in done:
            continue
        kind = f.kind
        if kind in ("models", "list"):
            whole = path not in touched
            for i, item in enumerate(value):
                here = f"{path}[{i}]"
                if here in done:
                    continue
                if whole or here not in touched or kind == "list":
                    out.append(here)
                elif here in partial:
                    _partly(item, here + ".", partial[here], done, out)
                else:
                    _uncarried(item, here + ".", done, touched, partial, skip, out)
        elif path not in touched:
            out.append(path)
        elif path in partial:
            _partly(value, path + ".", partial[path], done, out)
        elif kind == "model":
            _uncarried(value, path + ".", done, touched, partial, skip, out)
        elif kind == "dict":
            out.extend(f"{path}.{key}" for key in value if f"{path}.{key}" not in done)


def _list_of(path: str) -> tuple[str, int] | None:
    """``container.identifiers[1].value`` -> (``container.identifiers``, 1)."""
    i = path.find("[")
    if i < 0:
        return None
    return path[:i], int(path[i + 1 : path.index("]", i)])


def dumped(value: Any) -> Any:
    """A value of the record as JSON data (models without their defaults), as patches keep it."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", exclude_defaults=True)
    if isinstance(value, list):
        return [dumped(v) for v in value]
    return value


def value_at(obj: Any, path: str) -> Any:
    """The value at a record path (``contributors[2].identifiers``) of a record."""
    for part in split_path(path):
        obj = obj[part] if isinstance(part, int) else getattr(obj, part)
    return obj


def preserve(
    record: BaseModel,
    carried: Carried,
    *,
    skip: Iterable[str] = (),
    roots: list[str] | None = None,
) -> dict[str, Any]:
    """Patches that restore, over what a reader makes of the written fields, what they did not
    carry exactly (for formats with room for them, such as CSL-JSON's ``custom``): each
    uncarried value at the highest path nothing else was carried under; a list with a value
    carried approximately whole; ``@order``: lists whose elements the fields hold in another
    order (the record's indexes in the fields' order). ``roots``: :func:`uncarried`, if known.
    See :func:`apply_patches`."""
    whole: dict[str, None] = {}
    for p in carried.approx:
        lst = _list_of(p)
        whole.setdefault(lst[0] if lst else p, None)
    patches: dict[str, Any] = {}
    for root in uncarried(record, carried, skip=skip) if roots is None else roots:
        if not any(root == w or root.startswith((w + ".", w + "[")) for w in whole):
            patches[root] = dumped(value_at(record, root))
    for w in whole:
        patches[w] = dumped(value_at(record, w))
    order: dict[str, list[int]] = {}
    seen: set[str] = set()
    for element in carried.elements:
        lst = _list_of(element)
        if lst is None or lst[0] in whole:
            continue
        key = f"{lst[0]}[{lst[1]}]"
        if key not in seen:
            seen.add(key)
            order.setdefault(lst[0], []).append(lst[1])
    order = {k: v for k, v in order.items() if v != sorted(v)}
    if order:
        patches["@order"] = order
    return patches


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
        if not filters:
            items += values
            return
        given = dict(filters)
        for v in values:
            if not isinstance(v, BaseModel):  # a model is made with its filters
                v = {**(v if isinstance(v, dict) else {"value": v}), **given}
            items.append(v)


def apply_patches(data: dict[str, Any], patches: Mapping[str, Any]) -> None:
    """Apply the patches of :func:`preserve` to record data: lists put in the record's order
    (``@order``), whole list elements the reader did not produce inserted at their indexes
    (ascending), anything else set."""
    order = patches.get("@order")
    if isinstance(order, dict):
        for path, indexes in order.items():
            items = _walk_to(data, list(split_path(path)), create_list=True)
            if isinstance(indexes, list) and len(indexes) == len(items):
                ranked = sorted(zip(indexes, range(len(items)), strict=True))
                items[:] = [items[k] for _, k in ranked]
    inserts = sorted(
        (
            (p, v)
            for p, v in patches.items()
            if p != "@order" and isinstance(split_path(p)[-1], int)
        ),
        key=lambda pv: split_path(pv[0]),
    )
    for path, value in inserts:
        *head, index = split_path(path)
        items = _walk_to(data, head, create_list=True)
        assert isinstance(index, int)
        items.insert(min(index, len(items)), value)
    for path, value in patches.items():
        parts = split_path(path)
        if path == "@order" or isinstance(parts[-1], int):
            continue
        *head, name = parts
        _walk_to(data, head)[name] = value


def _walk_to(data: Any, parts: list[str | int], *, create_list: bool = False) -> Any:
    target = data
    for i, part in enumerate(parts):
        if isinstance(part, int):
            while len(target) <= part:
                target.append({})
            if isinstance(target[part], BaseModel):  # made by a reader: patched as data
                target[part] = target[part].model_dump(exclude_defaults=True)
            target = target[part]
        else:
            last = i == len(parts) - 1
            default: Any = [] if (last and create_list) else {}
            if target.get(part) is None:
                target[part] = default
            elif isinstance(target[part], BaseModel):
                target[part] = target[part].model_dump(exclude_defaults=True)
            target = target[part]
    return target
