"""Patched structure elements: ``cs:locale``, ``cs:term``, ``cs:citation``,
``cs:bibliography``, ``cs:macro``, ``cs:sort`` and ``cs:key`` (:mod:`.patches`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cmp_to_key
from typing import Any

from citeproc import model

from . import disambiguate
from .elements_base import Element, _collation_key, _memo, state
from .sorting import compare_key_values

__all__ = ["Bibliography", "Citation", "Key", "Locale", "Macro", "Parent", "Sort", "Term"]


_TERM_TAG = "{http://purl.org/net/xbiblio/csl}term"
_NOT_ZERO_PADDED = ("whole-number", "last-two-digits")


def _plain(value: Any) -> bool:
    """Whether ``value`` is a string the term index looks up as the XPath query would."""
    return isinstance(value, str) and "'" not in value


class Locale(Element, model.Locale):  # type: ignore[misc]
    """``cs:locale``: terms memoised."""

    def get_term(self, name: str, form: str | None = None, zero_padded: bool = False) -> Any:  # type: ignore[override]
        def compute() -> Any:
            if not _plain(name) or (form is not None and not _plain(form)):
                try:  # not a name the index below answers as the XPath query does
                    return model.Locale.get_term(self, name, form, zero_padded)
                except IndexError:
                    return None
            for term in self._terms().get((name, form), ()):
                if not zero_padded or term.get("match") not in _NOT_ZERO_PADDED:
                    return term
            return None

        term = _memo(self, ("lterm", name, form, zero_padded), compute)
        if term is None:
            raise IndexError(name)
        return term

    def _terms(self) -> dict[tuple[str | None, str | None], list[Any]]:
        """The ``cs:term`` children of the first ``cs:terms`` by name and form, in document
        order (what citeproc-py's XPath query per term finds, in one pass, memoised)."""

        def compute() -> dict[tuple[str | None, str | None], list[Any]]:
            index: dict[tuple[str | None, str | None], list[Any]] = {}
            terms = self.find("cs:terms", self.nsmap)
            if terms is not None:
                for term in terms.iterchildren(_TERM_TAG):
                    index.setdefault((term.get("name"), term.get("form")), []).append(term)
            return index

        return _memo(self, "term-index", compute)  # type: ignore[no-any-return]

    def get_date(self, form: str) -> Any:
        def compute() -> Any:
            try:
                return model.Locale.get_date(self, form)
            except IndexError:
                return None

        date = _memo(self, ("ldate", form), compute)
        if date is None:
            raise IndexError(form)
        return date

    def get_option(self, name: str) -> Any:
        return model.Locale.get_option(self, name)


class Term(Element, model.Term):  # type: ignore[misc]
    """``cs:term``."""


class Citation(Element, model.Citation):  # type: ignore[misc]
    """``cs:citation``."""


class Bibliography(Element, model.Bibliography):  # type: ignore[misc]
    """``cs:bibliography``."""


class Macro(Element, model.Macro):  # type: ignore[misc]
    """``cs:macro``."""

    def calls_variable(self) -> bool:
        return _memo(self, "calls", lambda: model.Macro.calls_variable(self))  # type: ignore[no-any-return]


# ---------------------------------------------------------------------------------------------
# Sorting


class Sort(Element, model.Sort):  # type: ignore[misc]
    """``cs:sort``: locale-aware keys; empty keys last; each key computed only when needed.

    A key of an item is a pure function of the item (rendered with a fresh entry state), so it
    is computed at most once, and only when the order needs it: the items are ordered by their
    first key, and a later key is computed only for the items that tie on all keys before it
    (the second key of an item whose first key is unique is never rendered). Where a key's
    values are all strings (or all integers) they are compared as sort keys, not pair by pair;
    values of mixed kinds are ordered with :func:`.sorting.compare_key_values` over the whole
    list. The order is the same as with all keys computed up front.
    """

    def sort(self, items: list[Any], context: Any) -> list[Any]:
        keys: list[Any] = _memo(self, "keys", lambda: self.findall("cs:key", self.nsmap))
        descending = [key.get("sort", "ascending").lower() == "descending" for key in keys]
        columns: list[dict[int, Any]] = [{} for _ in keys]
        st = state()

        def value(k: int, index: int) -> Any:
            column = columns[k]
            try:
                return column[index]
            except KeyError:
                found = column[index] = _collation_key(keys[k].sort_key(items[index], context))
                return found

        def compare(a: int, b: int) -> int:
            for k in range(len(keys)):  # a later key is computed only for a tie
                result = compare_key_values(value(k, a), value(k, b), descending[k])
                if result:
                    return result
            return a - b

        st.sorting = True
        # a year suffix left pending by a previous citation must not leak into the keys
        st.year_suffix_pending = False
        try:
            # taken by this sort alone: the first keys made beforehand, or a way to make them in
            # parallel (every item's first key is needed)
            fork_map, st.fork_map = st.fork_map, None
            first, st.first_sort_keys = st.first_sort_keys, None
            if first is None and fork_map is not None and keys:
                first = fork_map(
                    lambda part: self.first_keys(items, context, part), range(len(items))
                )
            if first is not None and keys:
                columns[0] = dict(enumerate(first))
            order = _ordered(list(range(len(items))), 0, value, descending)
            if order is None:  # values of mixed kinds: compared pair by pair
                order = sorted(range(len(items)), key=cmp_to_key(compare))
        finally:
            st.sorting = False
        return [items[i] for i in order]

    def first_keys(self, items: list[Any], context: Any, indices: Iterable[int]) -> list[Any]:
        """The first sort key of ``items[i]`` for each of ``indices``, as :meth:`sort` makes it
        (``None`` each when the sort has no key)."""
        keys: list[Any] = _memo(self, "keys", lambda: self.findall("cs:key", self.nsmap))
        if not keys:
            return [None for _ in indices]
        st = state()
        sorting, st.sorting = st.sorting, True
        st.year_suffix_pending = False
        try:
            return [_collation_key(keys[0].sort_key(items[i], context)) for i in indices]
        finally:
            st.sorting = sorting


def _ordered(
    indices: list[int], k: int, value: Callable[[int, int], Any], descending: list[bool]
) -> list[int] | None:
    """``indices`` (ascending) ordered by keys ``k`` and after as ``compare_key_values`` orders
    them (empty values last, ties in index order), or ``None`` when a key's values are not all
    strings or all integers."""
    if k == len(descending) or len(indices) < 2:
        return indices
    filled: list[tuple[Any, int]] = []
    empty: list[int] = []
    kind: type | None = None
    for index in indices:
        found = value(k, index)
        if found is None or found == "":
            empty.append(index)
            continue
        if kind is None:
            kind = type(found)
            if kind is not str and kind is not int:
                return None
        elif type(found) is not kind:
            return None
        filled.append((found, index))
    # stable: equal values keep index order, descending or not
    filled.sort(key=_first, reverse=descending[k])
    order: list[int] = []
    start = 0
    while start < len(filled):
        end = start + 1
        while end < len(filled) and filled[end][0] == filled[start][0]:
            end += 1
        tie = [index for _, index in filled[start:end]]
        if len(tie) > 1:
            tie.sort()
            ranked = _ordered(tie, k + 1, value, descending)
            if ranked is None:
                return None
            tie = ranked
        order.extend(tie)
        start = end
    ranked = _ordered(empty, k + 1, value, descending)
    if ranked is None:
        return None
    order.extend(ranked)
    return order


def _first(pair: tuple[Any, int]) -> Any:
    return pair[0]


class Key(Element, model.Key):  # type: ignore[misc]
    """``cs:key``: macro keys rendered with a fresh entry state."""

    def sort_keys(self, items: list[Any], context: Any) -> list[Any]:
        return [self.sort_key(item, context) for item in items]

    def sort_key(self, item: Any, context: Any) -> Any:
        """The (uncollated) sort key of one item."""
        if "macro" in self.attrib:
            layout = context.get_layout()
            sort_options = _memo(self, ("sort-options", id(context)), self._sort_options)
            macro = self.get_macro(self.get("macro"))
            state().reset_entry()
            layout.repressed = {}
            return macro.render(item, context=context, sort_options=sort_options)
        variable = self.get("variable", "")
        if variable == "citation-number":
            return item.number
        if variable == "citation-label":
            ref = item.reference
            return ref.get("citation_label") or disambiguate.citation_label(ref)
        if variable.replace("-", "_") in model.NAMES:
            return self._format_name(item, variable.replace("-", "_"))
        return model.Key.sort_keys(self, [item], context)[0]

    def _sort_options(self) -> dict[str, Any]:
        sort_options: dict[str, Any] = {"name-as-sort-order": "all"}
        for option in ("names-min", "names-use-first", "names-use-last"):
            if option in self.attrib:
                sort_options[option.replace("names", "et-al")] = self.get(option)
        return sort_options


# ---------------------------------------------------------------------------------------------
# Rendering elements


class Parent(model.Parent):  # type: ignore[misc]
    """Children rendering shared by macros, branches and groups."""
