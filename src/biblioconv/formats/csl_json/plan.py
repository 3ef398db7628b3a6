"""The CSL-JSON rules compiled for writing: :meth:`RuleTable.write`, :func:`uncarried` and
:func:`preserve` of :mod:`biblioconv.rules` for this one table, with what was carried kept as a
tree of the record's fields rather than as sets of path strings.

The generic functions build a string for every value they look at (``contributors[3].role``) and
find what is left by cutting those strings up again; here a path string is made only for what
is lost or approximated, which is what the loss report and ``custom.biblioconv`` name. The
results are the same, in the same order (``tests/formats/csl_json/test_csl_plan.py`` compares
them with the generic functions over every golden record).
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from biblioconv.crosswalk import parse_path
from biblioconv.rules import RuleContext, RuleTable, dumped, first_value, parts_tree, value_at

# the model's field kinds, exactly as the generic loss computation sees them
from biblioconv.rules import _field_index as field_index

__all__ = ["Plan", "Written"]

#: the key of a node of the carried tree that holds the attribute tree carried exactly
PARTS = "@parts"
_Path = tuple[str | int, ...]


def path_text(path: _Path) -> str:
    """``('contributors', 2, 'role')`` -> ``contributors[2].role``."""
    out = ""
    for p in path:
        if type(p) is int:
            out += f"[{p}]"
        else:
            out += f".{p}" if out else p  # type: ignore[operator]
    return out


@dataclass(slots=True)
class Written:
    """What writing one record carried: ``marks`` (the tree of the record's fields carried:
    ``True`` for a field carried whole, a dict for one carried in part, whose ``@parts`` is the
    tree of attributes carried exactly), the paths carried approximately (path -> CSL variable,
    in the order found) and the list elements in the order the variables hold them."""

    marks: dict[Any, Any] = field(default_factory=dict)
    approx: dict[str, str] = field(default_factory=dict)
    elements: list[tuple[str, int]] = field(default_factory=list)

    def mark(self, path: _Path) -> None:
        """Mark a path (and everything below it) as carried."""
        node = _node(self.marks, path[:-1])
        if node is not None:
            node[path[-1]] = True

    def mark_plain(self, home: _Home) -> None:
        """Mark the value at a home without a list as carried (as :meth:`mark` of its path)."""
        node: dict[Any, Any] | None = self.marks
        for p in home.head:
            nxt = node.get(p)  # type: ignore[union-attr]
            if nxt is True:
                return
            if nxt is None:
                nxt = node[p] = {}  # type: ignore[index]
            node = nxt
        node[home.last] = True  # type: ignore[index]

    def mark_approx(self, path: _Path, source: str) -> None:
        """Mark a path as carried approximately by the CSL variable ``source``."""
        self.approx.setdefault(path_text(path), source)
        self.mark(path)

    def mark_parts(self, path: _Path, parts: _Parts) -> None:
        """Record the attributes of the value at ``path`` carried exactly."""
        node = _node(self.marks, path)
        if node is not None:
            _put_parts(node, parts)


def _node(node: dict[Any, Any], path: _Path) -> dict[Any, Any] | None:
    """The node of the carried tree at ``path`` (field names and list indexes) below ``node``,
    made as needed; None when a field on the way is carried whole."""
    for p in path:
        nxt = node.get(p)
        if nxt is True:
            return None
        if nxt is None:
            nxt = node[p] = {}
        node = nxt
    return node


def _merge(into: dict[str, Any], tree: dict[str, Any]) -> None:
    for k, v in tree.items():
        if v is True or into.get(k) is True:
            into[k] = True
        else:
            _merge(into.setdefault(k, {}), v)


@dataclass(frozen=True, slots=True)
class _Home:
    """A home compiled: its path up to its list (``pre`` and the list's ``name``; the whole path
    for a home without a list), the filter on the list's elements and the attributes after it."""

    pre: tuple[str, ...]
    name: str | None
    post: tuple[str, ...]
    key: str | None = None
    wanted: str | None = None
    base: str = ""
    """the list's path (``container.identifiers``)"""
    lpath: tuple[str, ...] = ()
    """the list's path as field names (``pre`` and ``name``); for a home without a list, ``pre``"""
    group: tuple[str, str] | None = None
    """for a filtered list of the record itself: the key of its elements grouped by the filter"""
    head: tuple[str, ...] = ()
    last: str = ""
    """a home without a list: its path but the last field, and that field"""

    def plain(self, obj: Any) -> Any:
        """The value at a home without a list (None: nothing there)."""
        for n in self.pre:
            obj = getattr(obj, n, None)
            if obj is None:
                return None
        if type(obj) in (str, list, dict) and not obj:
            return None
        return obj

    def listed(self, obj: Any, groups: dict[Any, dict[Any, list[int]]]) -> list[tuple[int, Any]]:
        """The list elements (index, value at the end of the home) the home selects, as
        :func:`biblioconv.rules.getter` finds them; ``groups``: the indexes of the record's list
        elements by the value of the filter attribute, for lists of the record itself."""
        for n in self.pre:
            obj = getattr(obj, n, None)
            if obj is None:
                return []
        items = getattr(obj, self.name, None)  # type: ignore[arg-type]
        if not items:
            return []
        key, wanted, post = self.key, self.wanted, self.post
        pairs: Any
        if key is None:
            pairs = enumerate(items)
        elif self.group is not None and (group := groups.get(self.group)) is not None:
            if not post:  # the elements themselves (names, identifiers, subjects...)
                return [
                    (i, v)
                    for i in group.get(wanted, ())
                    if (v := items[i]) is not None and (type(v) not in _TEXTS or v)
                ]
            pairs = [(i, items[i]) for i in group.get(wanted, ())]
        else:
            pairs = [
                (i, item)
                for i, item in enumerate(items)
                if (v := getattr(item, key, None)) == wanted or (v is not None and str(v) == wanted)
            ]
        if not post:
            return [(i, v) for i, v in pairs if v is not None and (type(v) not in _TEXTS or v)]
        if len(post) == 1:
            n = post[0]
            return [
                (i, v)
                for i, item in pairs
                if (v := getattr(item, n, None)) is not None and (type(v) not in _TEXTS or v)
            ]
        out = []
        for i, v in pairs:
            for n in post:
                v = getattr(v, n, None)
                if v is None:
                    break
            if v is not None and (type(v) not in _TEXTS or v):
                out.append((i, v))
        return out


_TEXTS = (str, list, dict)
_SECOND = itemgetter(1)


def _home(home: str) -> _Home:
    """A home with at most one list (and at most one filter on it), compiled."""
    segments = parse_path(home)
    lists = []
    model: Any = _record_type()
    for i, (name, _) in enumerate(segments):
        if field_index(model)[name].kind in ("models", "list"):
            lists.append(i)
        model = _model_of(model, name)
    if len(lists) > 1 or any(len(f) > 1 for _, f in segments):
        raise ValueError(f"cannot compile {home!r}: more than one list or filter")
    names = tuple(name for name, _ in segments)
    if not lists:
        return _Home(names, None, (), lpath=names, head=names[:-1], last=names[-1])
    at = lists[0]
    filters = segments[at][1]
    key, wanted = filters[0] if filters else (None, None)
    base = ".".join(names[: at + 1])
    group = (names[at], key) if at == 0 and key is not None else None
    return _Home(names[:at], names[at], names[at + 1 :], key, wanted, base, names[: at + 1], group)


def _record_type() -> type[BaseModel]:
    from biblioconv.model import Record

    return Record


def _model_of(model: type[BaseModel], name: str) -> Any:
    """The model class of a field (of the elements of a list field); None for other fields."""
    ann = _optional(model.model_fields[name].annotation)
    if get_origin(ann) is list:
        ann = _optional((get_args(ann) or (Any,))[0])
    return ann if isinstance(ann, type) and issubclass(ann, BaseModel) else None


def _optional(ann: Any) -> Any:
    if get_origin(ann) in (typing.Union, types.UnionType):
        args = [a for a in get_args(ann) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return ann


class _Parts:
    """A tree of the attributes of a value carried exactly (as :func:`parts_tree` gives it), and
    per model the fields it leaves out (in the model's order, as ``__dict__`` holds them)."""

    __slots__ = ("_rest", "quick", "tree")

    def __init__(self, tree: dict[str, Any]) -> None:
        self.tree = tree
        self._rest: dict[type, tuple[tuple[str, str, Any, _Parts | None], ...]] = {}
        self.quick: dict[type, _Quick] = {}

    def quick_test(self, model: type) -> _Quick:
        """How to tell at once that a value's ``__dict__`` leaves nothing out: (a getter of the
        fields not carried whole that must all be None, their count, a getter of those that are
        lists or mappings, all empty), as :func:`_partly` tests it; getters give tuples."""
        test = self.quick.get(model)
        if test is None:
            rest = self.rest(model)
            nones = [name for name, kind, _, _ in rest if kind not in _LISTS]
            lists = [name for name, kind, _, _ in rest if kind in _LISTS]
            test = self.quick[model] = (
                itemgetter(*nones, *nones[:1]) if nones else None,  # two at least: a tuple
                len(nones) + min(len(nones), 1),
                itemgetter(*lists, *lists[:1]) if lists else None,
            )
        return test

    def rest(self, model: type) -> tuple[tuple[str, str, Any, _Parts | None], ...]:
        """(name, kind, default, parts carried below it) of the fields not carried whole."""
        rest = self._rest.get(model)
        if rest is None:
            tree = self.tree
            rest = self._rest[model] = tuple(
                (name, f.kind, f.default, _Parts(sub) if isinstance(sub, dict) else None)
                for name, f in field_index(model).items()
                if (sub := tree.get(name)) is not True
            )
        return rest

    def merged(self, other: _Parts) -> _Parts:
        """The parts of both."""
        tree: dict[str, Any] = {}
        _merge(tree, self.tree)
        _merge(tree, other.tree)
        return _Parts(tree)


_LISTS = frozenset(("models", "list", "dict"))
#: see :meth:`_Parts.quick_test`
_Quick = tuple[Callable[[dict[str, Any]], tuple[Any, ...]] | None, int, Any]


@lru_cache(maxsize=256)
def _parts(parts: tuple[str, ...]) -> _Parts:
    return _Parts(parts_tree(parts))


@lru_cache(maxsize=256)
def _part_paths(parts: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(p.split(".")) for p in parts)


#: one compiled rule: source, when, home, take first, from_hub, exact (None: always exact,
#: False: never), parts (fixed, or a function of the value), uses (compiled)
_Step = tuple[
    str,
    Callable[[RuleContext], bool] | None,
    _Home,
    bool,
    Callable[[list[Any], RuleContext], Any],
    Callable[[list[Any], RuleContext], bool] | bool | None,
    tuple[str, ...] | Callable[[Any], tuple[str, ...] | None],
    tuple[_Home, ...],
]


class Plan:
    """The writing rules of one table, compiled: per top-level field of the record the rules that
    may write from it (by the value of their filter), each with its home compiled."""

    def __init__(self, table: RuleTable) -> None:
        self.steps: list[_Step] = []
        tops: dict[str, tuple[list[int], dict[str, dict[Any, list[int]]]]] = {}
        for i, r in enumerate(table.writing):
            assert r.from_hub is not None
            exact = False if r.kind != "exact" else r.exact
            uses = tuple(_home(u) for u in r.uses)
            self.steps.append(
                (
                    r.source,
                    r.when,
                    _home(r.home),
                    r.take == "first",
                    r.from_hub,
                    exact,
                    r.parts,
                    uses,
                )
            )
            (top, filters), *_ = parse_path(r.home)
            plain, keyed = tops.setdefault(top, ([], {}))
            if len(filters) == 1:
                key, wanted = filters[0]
                keyed.setdefault(key, {}).setdefault(wanted, []).append(i)
            else:
                plain.append(i)
        self.tops = [(top, plain, list(keyed.items())) for top, (plain, keyed) in tops.items()]

    def write(
        self, record: Any, ctx: RuleContext, native: dict[str, Any], track: bool = True
    ) -> Written:
        """Fill ``native`` with the CSL variables of a record (as :meth:`RuleTable.write`);
        without ``track``, what they carried is not marked (the result is empty)."""
        written = Written()
        steps = self.steps
        fields = record.__dict__
        candidates: list[int] = []
        groups: dict[Any, dict[Any, list[int]]] = {}
        for top, plain, keyed in self.tops:
            value = fields[top]
            if not value:
                continue
            candidates += plain
            for attr, by_value in keyed:  # only the rules of the kinds present
                group: dict[Any, list[int]] = {}
                for i, item in enumerate(value):
                    kind = getattr(item, attr)
                    if kind in group:
                        group[kind].append(i)
                    else:
                        group[kind] = [i]
                        candidates += by_value.get(kind, ())
                groups[(top, attr)] = group
        candidates.sort()
        for n in candidates:
            source, when, home, first, from_hub, exact, parts_of, uses = steps[n]
            if source in native or (when is not None and not when(ctx)):
                continue
            if home.name is None:
                v = home.plain(record)
                if v is None:
                    continue
                if from_hub is first_value:  # the value itself (most variables)
                    value = v
                else:
                    value = from_hub([v], ctx)
                    if value is None:
                        continue
                native[source] = value
                if not track:
                    continue
                parts = parts_of(v) if callable(parts_of) else parts_of
                if parts is None:
                    pass
                elif exact is False or (exact is not None and not exact([v], ctx)):  # type: ignore[operator]
                    for p in _part_paths(parts) if parts else ((),):
                        written.mark_approx((*home.pre, *p), source)
                elif parts:
                    written.mark_parts(home.pre, _parts(parts))
                else:
                    written.mark_plain(home)
            else:
                found = home.listed(record, groups)
                if not found:
                    continue
                if first:
                    del found[1:]
                values = list(map(_SECOND, found))
                value = from_hub(values, ctx)
                if value is None:
                    continue
                native[source] = value
                if not track:
                    continue
                if exact is False or (exact is not None and not exact(values, ctx)):  # type: ignore[operator]
                    _approx(written, home, found, parts_of, source)
                else:
                    _exact(written, home, found, parts_of)
            for use in uses:  # what a field also carries (approximately)
                if use.name is None:
                    if use.plain(record) is not None:
                        written.mark_approx(use.pre, source)
                    continue
                lpath = use.lpath
                for i, _ in use.listed(record, groups):
                    written.mark_approx((*lpath, i, *use.post), source)
        return written


def _exact(
    written: Written,
    home: _Home,
    found: list[tuple[int, Any]],
    parts_of: tuple[str, ...] | Callable[[Any], tuple[str, ...] | None],
) -> None:
    """Mark the list elements a field carried exactly."""
    node = _node(written.marks, home.lpath)  # None: carried whole already
    key, post = home.key, home.post
    fixed = not callable(parts_of)
    parts = _parts(parts_of) if not callable(parts_of) and parts_of else None
    base = home.base
    elements = written.elements
    last_of: tuple[str, ...] | None = None
    for i, v in found:
        if not fixed:
            of = parts_of(v)  # type: ignore[operator]
            if of is None:  # this element is not written
                continue
            if of is not last_of:  # most elements have the parts of the one before
                parts = _parts(of) if of else None
                last_of = of
        elements.append((base, i))
        if node is None:
            continue
        en = node.get(i)
        if en is None:
            if not post:  # the element itself, not marked before (most of them)
                if parts is None:
                    node[i] = True
                elif key is None:
                    node[i] = {PARTS: parts}
                else:
                    node[i] = {PARTS: parts, key: True}
                continue
            en = node[i] = {}
        elif en is True:
            continue
        if post:
            target = _node(en, post[:-1])
            if target is not None:
                if parts is None:
                    target[post[-1]] = True
                else:
                    sub = target.get(post[-1])
                    if sub is None:
                        sub = target[post[-1]] = {}
                    if sub is not True:
                        _put_parts(sub, parts)
        elif parts is None:
            node[i] = True
            continue
        else:
            _put_parts(en, parts)
        if key is not None:
            en[key] = True


def _put_parts(node: dict[Any, Any], parts: _Parts) -> None:
    had = node.get(PARTS)
    if had is None:
        node[PARTS] = parts
    elif had is not parts:  # shared: merged into a new one, never changed
        node[PARTS] = had.merged(parts)


def _approx(
    written: Written,
    home: _Home,
    found: list[tuple[int, Any]],
    parts_of: tuple[str, ...] | Callable[[Any], tuple[str, ...] | None],
    source: str,
) -> None:
    """Mark the list elements a field carried approximately."""
    lpath: _Path = home.lpath
    for i, v in found:
        parts = parts_of(v) if callable(parts_of) else parts_of
        if parts is None:  # this element is not written
            continue
        path = (*lpath, i, *home.post)
        if parts:
            for p in _part_paths(parts):
                written.mark_approx((*path, *p), source)
        else:
            written.mark_approx(path, source)
        if home.key is not None:
            written.mark_approx((*lpath, i, home.key), source)
        written.elements.append((home.base, i))


# -- what was not carried ----------------------------------------------------------------------


def uncarried(record: BaseModel, written: Written, skip: frozenset[str]) -> list[tuple[str, Any]]:
    """The paths (with their values) of what a record carries that no rule carried, as
    :func:`biblioconv.rules.uncarried` gives them."""
    out: list[tuple[str, Any]] = []
    _uncarried(record, "", written.marks, skip, out)
    return out


@lru_cache(maxsize=64)
def _kinds(model: type) -> dict[str, tuple[str, Any]]:
    """Per field of a model: its kind and default."""
    return {name: (f.kind, f.default) for name, f in field_index(model).items()}


def _uncarried(
    obj: BaseModel, prefix: str, node: dict[Any, Any], skip: frozenset[str], out: list[Any]
) -> None:
    kinds = _kinds(type(obj))
    get = node.get
    for name, value in obj.__dict__.items():
        if value is None or value is False:
            continue
        kind, default = kinds[name]
        if kind == "scalar":
            if value == default or value == "":
                continue
        elif not value and kind != "model":
            continue
        if name in skip:
            continue
        m = get(name)
        if m is True:
            continue
        path = prefix + name
        if kind == "models" or kind == "list":
            if m is None:
                out.extend((f"{path}[{i}]", v) for i, v in enumerate(value))
            elif kind == "list":
                out.extend((f"{path}[{i}]", v) for i, v in enumerate(value) if m.get(i) is not True)
            else:
                for i, item in enumerate(value):
                    em = m.get(i)
                    if em is True:
                        continue
                    if em is None:
                        out.append((f"{path}[{i}]", item))
                    elif PARTS in em:
                        parts = em[PARTS]
                        nones, n, lists = parts.quick.get(type(item)) or parts.quick_test(
                            type(item)
                        )
                        if (nones is None or nones(item.__dict__).count(None) == n) and (
                            lists is None or not any(lists(item.__dict__))
                        ):
                            continue  # nothing left out (as _partly tells; most elements)
                        _partly(item, (path, i), parts, em, out)
                    else:
                        _uncarried(item, f"{path}[{i}].", em, _NOTHING, out)
        elif m is None:
            out.append((path, value))
        elif PARTS in m:
            _partly(value, (path, None), m[PARTS], m, out)
        elif kind == "model":
            _uncarried(value, path + ".", m, _NOTHING, out)
        elif kind == "dict":
            out.extend((f"{path}.{k}", v) for k, v in value.items() if m.get(k) is not True)


_NOTHING: frozenset[str] = frozenset()

#: a path prefix not yet made text: (the prefix above, list index or None); made text only
#: for what is left out (most values carried in part leave nothing out)
_Prefix = tuple[Any, int | None]


def _prefix_text(prefix: _Prefix) -> str:
    """``(("dates", 0), None)`` -> ``dates[0].``, ``("container", None)`` -> ``container.``
    (the inner item is the path above, a text or a prefix, followed by a field name)."""
    above, i = prefix
    if type(above) is not str:
        above = _prefix_text(above[0]) + above[1]
    return f"{above}[{i}]." if i is not None else above + "."


def _partly(
    obj: BaseModel, prefix: _Prefix, parts: _Parts, node: dict[Any, Any], out: list[Any]
) -> None:
    """What of ``obj`` the attributes carried exactly (``parts``, and the carried ``node``)
    leave out; ``prefix``: the path of ``obj``, see :func:`_prefix_text`."""
    values = obj.__dict__
    nones, n, lists = parts.quick.get(type(obj)) or parts.quick_test(type(obj))
    if (nones is None or nones(values).count(None) == n) and (
        lists is None or not any(lists(values))
    ):
        return  # nothing left out (most values carried in part)
    for name, kind, default, sub in parts.rest(type(obj)):
        value = values[name]
        if value is None or value is False:
            continue
        if kind == "scalar":
            if value == default or value == "":
                continue
        elif kind != "model" and not value:
            continue
        m = node.get(name)
        if m is True:
            continue
        if sub is not None and kind == "model":
            _partly(value, ((prefix, name), None), sub, m or {}, out)
        elif kind == "models" or kind == "list":
            path = _prefix_text(prefix) + name
            out.extend((f"{path}[{i}]", v) for i, v in enumerate(value))
        else:
            out.append((_prefix_text(prefix) + name, value))


# -- what custom.biblioconv keeps ----------------------------------------------------------------


def preserve(record: BaseModel, written: Written, lost: list[tuple[str, Any]]) -> dict[str, Any]:
    """The patches of :func:`biblioconv.rules.preserve` (``lost`` from :func:`uncarried`)."""
    patches: dict[str, Any] = {}
    if written.approx:
        whole: dict[str, None] = {}
        for p in written.approx:
            cut = p.find("[")
            whole.setdefault(p[:cut] if cut >= 0 else p, None)
        for root, value in lost:
            if not any(root == w or root.startswith((w + ".", w + "[")) for w in whole):
                patches[root] = dumped(value)
        for w in whole:
            patches[w] = dumped(value_at(record, w))
    else:
        whole = {}
        for root, value in lost:
            patches[root] = dumped(value)
    # lists whose elements the fields hold in another order (first sightings, by list)
    last: dict[str, int] = {}
    for base, i in written.elements:
        if i > last.get(base, -1):
            last[base] = i
        elif base not in whole:  # seen already, or out of order: look closer
            order = _order(written.elements, whole)
            if order:
                patches["@order"] = order
            break
    return patches


def _order(elements: list[tuple[str, int]], whole: dict[str, None]) -> dict[str, list[int]]:
    order: dict[str, list[int]] = {}
    seen: set[tuple[str, int]] = set()
    for element in elements:
        if element[0] in whole or element in seen:
            continue
        seen.add(element)
        order.setdefault(element[0], []).append(element[1])
    return {k: v for k, v in order.items() if v != sorted(v)}
