"""Maintained patch set over citeproc-py's CSL element classes.

citeproc-py turns every CSL element into an instance of a class of :mod:`citeproc.model`. The
classes below subclass them (no global monkey-patching, site-packages untouched) and are bound
to CSL tags by our own parser (:func:`element_lookup`). Each override fixes a difference from
citeproc-js, the reference processor, or memoises a look-up citeproc-py repeats for every entry:

* names: ``initialize="false"``, hyphenated initials, particles and suffixes placed as in
  citeproc-js (``demote-non-dropping-particle``), et-al/``et-al-use-last``, delimiters before
  "and"/"et al.", editors substituted for a missing author suppressed afterwards;
* text case: the citeproc-js title-case algorithm and stop-word list, protected ``nocase`` spans;
* groups: suppressed only when every variable they call is empty (nested term-only groups count
  as text); labels of empty variables are not rendered;
* dates: locale date-part overrides no longer leak between entries; year suffixes added to the
  first year when a style has no ``year-suffix`` variable; ``is-numeric`` for ranges;
* ``disambiguate`` conditions evaluated; citation numbers looked up in constant time;
* caches: macros, terms, inherited options, layouts and date-part overrides per style tree;
  conditions on type and variables per item shape; subtrees that render nothing for an item
  shape are skipped (:func:`_unless_void`); sort keys computed only when a comparison needs them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import cmp_to_key
from typing import Any

from citeproc import model
from citeproc.source import VariableError
from citeproc.string import String
from lxml import etree

from . import dates, disambiguate, locales, markup, pages, positions, seams, sorting, values
from .names import (
    PLAIN,
    PartStyle,
    format_person,
    initialize_with,
    is_romanesque,
    names_with_markup,
)
from .numeric import is_plural as _numeric_is_plural
from .numeric import labelled as _numeric_labelled
from .numeric import labelled_parts as _numeric_labelled_parts
from .numeric import ordinal_suffix, term_gender
from .numeric import ranges as _numeric_ranges
from .seams import join
from .textcase import apply_text_case

__all__ = ["RenderState", "caching", "element_lookup", "set_caching", "state"]

CSL_NS = "http://purl.org/net/xbiblio/csl"
_NS = {"cs": CSL_NS}


class RenderState:
    """Mutable state of the entry being rendered (group suppression, substitution, suffixes)."""

    def __init__(self) -> None:
        self.repressed: set[str] = set()
        self.called = 0
        self.rendered = 0
        self.in_bibliography = False
        self.mark_author = False
        self.author_marked = False
        self.year_suffix_pending = False
        self.year_suffix = ""
        self.disambiguate: int = 0
        """How many `disambiguate="true"` conditions of the entry hold (the first ones)."""
        self.disambiguate_seen = 0
        self.ambig: Any = None
        """The disambiguation settings of the cite being rendered (see :mod:`.disambiguate`)."""
        self.sorting = False
        self.rendered_vars: list[str] = []
        self.names_hook: Callable[[Any], Any] | None = None
        """Applied to the output of a cite's top-level ``cs:names`` (see :mod:`.collapse`)."""
        self.capitalize_term = False
        """Whether a term starting a note style's cite is capitalised (see :mod:`.positions`)."""
        self.value_reads = 0
        """Counts reads of item data beyond the item's shape (see :func:`_unless_void`)."""
        self.substituting = 0
        """Depth of ``cs:substitute`` being rendered: names rendered there are suppressed at once."""

    def reset_entry(self) -> None:
        """Start a new entry."""
        self.repressed = set()
        self.called = 0
        self.rendered = 0
        self.author_marked = False
        self.rendered_vars = []
        self.disambiguate_seen = 0


_STATE = RenderState()
_CACHING = True


def state() -> RenderState:
    """Return the render state (rendering is serialised by the engine's lock)."""
    return _STATE


def set_caching(enabled: bool) -> None:
    """Switch the memoisation of style look-ups on or off (output must not change)."""
    global _CACHING
    _CACHING = enabled


def caching() -> bool:
    """Whether look-ups are memoised."""
    return _CACHING


def _memo(element: Any, key: Any, compute: Callable[[], Any]) -> Any:
    if not _CACHING:
        return compute()
    cache = element.__dict__.get("_memo")
    if cache is None:
        cache = element.__dict__["_memo"] = {}
    try:
        return cache[key]
    except KeyError:
        value = cache[key] = compute()
        return value


_VOID_TRIALS = 64
"""Renders of an element after which its void look-ups stop unless 1 in 8 was found."""


def _unless_void(
    element: Any, item: Any, context: Any, render: Callable[..., Any], *args: Any, **kwargs: Any
) -> Any:
    """``render(item, context, *args, **kwargs)``, skipped when known to render nothing.

    Rendering reads an item through its shape (type and set of variables: conditions on
    ``type`` and ``variable``, absent variables) or through its values (everything else, which
    counts in ``RenderState.value_reads``). When ``element`` rendered nothing (``None`` or a
    suppressed group) without reading any value, the same holds for every item of that shape
    in the same state: the outcome and its effect on the state (variables called and rendered)
    are remembered per element and replayed without walking the subtree again. Elements that
    keep rendering something (e.g. the author of every entry) stop being looked up after a
    while; that only saves time, the output is the same either way.
    """
    memo = element.__dict__
    if not _CACHING or "_voids_off" in memo:
        return render(item, context, *args, **kwargs)
    st = _STATE
    repressed = st.repressed
    locator = dict.get(item, "locator")
    key = (
        _shape(item.reference),
        id(context),
        frozenset(repressed) if repressed else None,
        st.in_bibliography,
        st.sorting,
        st.disambiguate,
        st.mark_author,
        st.author_marked,
        st.year_suffix_pending,
        locator.label if locator is not None else None,
    )
    try:
        voids = memo["_voids"]
    except KeyError:
        voids = memo["_voids"] = {}
        memo["_voids_tried"] = memo["_voids_found"] = 0
    known = voids.get(key)
    if known is not None:
        memo["_voids_found"] += 1
        suppressed, called, rendered = known
        st.called += called
        st.rendered += rendered
        if suppressed:
            raise VariableError
        return None
    tried = memo["_voids_tried"] = memo["_voids_tried"] + 1
    if tried >= _VOID_TRIALS and memo["_voids_found"] * 8 < tried:
        memo["_voids_off"] = True
    reads, called, rendered = st.value_reads, st.called, st.rendered
    marks = (len(repressed), len(st.rendered_vars), st.author_marked, st.year_suffix_pending)
    try:
        result = render(item, context, *args, **kwargs)
    except VariableError:
        if (
            st.value_reads == reads
            and st.repressed is repressed
            and marks
            == (
                len(repressed),
                len(st.rendered_vars),
                st.author_marked,
                st.year_suffix_pending,
            )
        ):
            voids[key] = (True, st.called - called, st.rendered - rendered)
        raise
    if (
        result is None
        and st.value_reads == reads
        and st.repressed is repressed
        and marks
        == (len(repressed), len(st.rendered_vars), st.author_marked, st.year_suffix_pending)
    ):
        voids[key] = (False, st.called - called, st.rendered - rendered)
    return result


def _is_empty(text: Any) -> bool:
    """Whether rendered text is empty (a mixed string is a list of plain-string segments)."""
    if isinstance(text, list):
        return not any(text)
    return str(text) == ""


_SORT_IGNORED_RE = re.compile(r"[\[\]\"“”‘’'()]")


def _collation_key(value: Any) -> Any:
    if value is None or isinstance(value, int):
        return value
    text = markup.strip_markers(str(value))
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _SORT_IGNORED_RE.sub("", text)
    return sorting.punctuation_ignored(text.casefold().strip())


# ---------------------------------------------------------------------------------------------
# Base: memoised look-ups


_TERM_FORM_FALLBACK = {"verb-short": "verb", "verb": None, "symbol": "short", "short": None}


class Element(model.CitationStylesElement):  # type: ignore[misc]
    """Base of all patched CSL elements: memoised tree look-ups."""

    def get_root(self) -> Any:
        if _CACHING:
            try:
                return self.__dict__["_root"]
            except KeyError:
                root = self.__dict__["_root"] = self.getroottree().getroot()
                return root
        return self.getroottree().getroot()

    def attr(self, name: str, default: Any = None) -> Any:
        """An attribute of the element (memoised copy of the attribute dictionary)."""
        if _CACHING:
            try:
                attrs = self.__dict__["_attrs"]
            except KeyError:
                attrs = self.__dict__["_attrs"] = dict(self.attrib)
            return attrs.get(name, default)
        return self.get(name, default)

    def children(self) -> list[Any]:
        """The child elements (memoised)."""
        if _CACHING:
            try:
                return self.__dict__["_kids"]  # type: ignore[no-any-return]
            except KeyError:
                kids = self.__dict__["_kids"] = list(self.iterchildren())
                return kids
        return list(self.iterchildren())

    def children_plan(self) -> list[tuple[Any, bool]]:
        """The child elements, each with whether it is a ``cs:choose`` (memoised)."""
        if _CACHING:
            try:
                return self.__dict__["_children_plan"]  # type: ignore[no-any-return]
            except KeyError:
                pass
        plan = [(child, isinstance(child, model.Choose)) for child in self.iterchildren()]
        if _CACHING:
            self.__dict__["_children_plan"] = plan
        return plan

    def get_formatter(self) -> Any:
        def compute() -> Any:
            root = self.get_root()
            if isinstance(root, model.Locale):
                return root.style.formatter
            return root.formatter

        return _memo(self, "formatter", compute)

    def _wrappers(self) -> tuple[Callable[[Any], Any], ...]:
        if _CACHING:
            try:
                return self.__dict__["_wrapper_list"]  # type: ignore[no-any-return]
            except KeyError:
                wrappers = self.__dict__["_wrapper_list"] = self._formatting()
                return wrappers
        return self._formatting()

    def _formatting(self) -> tuple[Callable[[Any], Any], ...]:
        """The formatter functions for the element's font and alignment attributes."""
        fmt = self.get_formatter()
        out = []
        style = self.get("font-style", "normal")
        if style == "italic":
            out.append(fmt.Italic)
        elif style == "oblique":
            out.append(fmt.Oblique)
        elif self.get("font-style") == "normal" and hasattr(fmt, "Normal"):
            out.append(fmt.Normal)  # roman inside italics only
        if self.get("font-variant", "normal") == "small-caps":
            out.append(fmt.SmallCaps)
        weight = self.get("font-weight", "normal")
        if weight == "bold":
            out.append(fmt.Bold)
        elif weight == "light":
            out.append(fmt.Light)
        if self.get("text-decoration", "none") == "underline":
            out.append(fmt.Underline)
        align = self.get("vertical-align", "baseline")
        if align == "sup":
            out.append(fmt.Superscript)
        elif align == "sub":
            out.append(fmt.Subscript)
        elif self.get("vertical-align") == "baseline" and hasattr(fmt, "Baseline"):
            out.append(fmt.Baseline)  # cancels sup/sub only
        return tuple(out)

    def format(self, string: Any) -> Any:
        if isinstance(string, (int, float)):
            string = str(string)
        wrappers = self.__dict__.get("_wrapper_list") if _CACHING else None
        if wrappers is None:
            wrappers = self._wrappers()
        for wrapper in wrappers:
            string = wrapper(string)
        return string

    def wrap(self, string: Any) -> Any:
        if string is None:
            return None
        if _CACHING:
            try:
                affixes = self.__dict__["_affixes"]
            except KeyError:
                affixes = self.__dict__["_affixes"] = self._affix_pair()
        else:
            affixes = self._affix_pair()
        if affixes is not None:
            string = seams.wrap(affixes[0], string, affixes[1])
        display = _memo(self, "display", lambda: self.get("display"))
        return string if display is None else markup.display(display, string)

    def _affix_pair(self) -> tuple[str, str] | None:
        prefix = self.attr("prefix", "")
        suffix = self.attr("suffix", "")
        return (prefix, suffix) if prefix or suffix else None

    def join(self, strings: Iterable[Any], default_delimiter: str = "") -> Any:
        """The non-None ``strings`` joined by the element's delimiter (as citeproc-py)."""
        delimiter = self.attr("delimiter", default_delimiter)
        try:
            return join([s for s in strings if s is not None], delimiter)
        except Exception:
            return String("")

    def strip_periods(self, string: Any) -> Any:
        if self.attr("strip-periods", "false").lower() == "true":
            return string.replace(".", "")
        return string

    def render_children(self, item: Any, delimiter: str = "", **kwargs: Any) -> Any:
        output = []
        for child, is_choose in self.children_plan():
            try:
                if is_choose:
                    text = child.render(item, delimiter=delimiter, **kwargs)
                else:
                    text = child.render(item, **kwargs)
                if text is not None:
                    output.append(text)
            except VariableError:
                pass
        if output:
            return join(output, delimiter)
        return None

    def get_macro(self, name: str) -> Any:
        if _CACHING:
            macros = self.get_root().__dict__.setdefault("_macros", {})
            try:
                return macros[name]
            except KeyError:
                macro = macros[name] = model.CitationStylesElement.get_macro(self, name)
                return macro
        return model.CitationStylesElement.get_macro(self, name)

    def get_layout(self) -> Any:
        return _memo(self, "layout", lambda: model.CitationStylesElement.get_layout(self))

    def section(self, context: Any = None) -> Any:
        """The enclosing ``cs:citation`` or ``cs:bibliography`` of ``context`` (or self)."""
        ctx = self if context is None else context
        return _memo(
            ctx,
            "section",
            lambda: ctx.xpath_search(
                "./ancestor-or-self::*[self::cs:citation or self::cs:bibliography][1]"
            )[0],
        )

    def get_term(
        self,
        name: str,
        form: str | None = None,
        fallback_locale: bool = True,
        zero_padded: bool = False,
    ) -> Any:
        root = self.get_root()
        term = _memo(
            root,
            ("term", name, form, fallback_locale, zero_padded),
            lambda: model.CitationStylesElement.get_term(
                self, name, form, fallback_locale, zero_padded
            ),
        )
        if term is None and form in _TERM_FORM_FALLBACK:
            # a form the locales lack: verb-short -> verb -> long, symbol -> short -> long
            return self.get_term(name, _TERM_FORM_FALLBACK[form], fallback_locale, zero_padded)
        return term

    def get_single_term(self, name: str, *args: Any, **kwargs: Any) -> Any:
        term = self.get_term(name, *args, **kwargs)
        if term is None:
            return String("")
        return _memo(term, "single", lambda: term.single)

    def get_plural_term(self, name: str, *args: Any, **kwargs: Any) -> Any:
        term = self.get_term(name, *args, **kwargs)
        if term is None:
            return String("")
        return _memo(term, "multiple", lambda: term.multiple)

    def get_date(self, form: str) -> Any:
        root = self.get_root()
        return _memo(root, ("date", form), lambda: model.CitationStylesElement.get_date(self, form))

    def get_locale_option(self, name: str) -> Any:
        root = self.get_root()
        return _memo(
            root,
            ("locale-option", name),
            lambda: model.CitationStylesElement.get_locale_option(self, name),
        )

    def case(self, text: Any, language: str | None = None) -> Any:
        text_case = self.attr("text-case")
        if text_case is None or not text:
            return text
        if text_case == "title" and language is not None and language != "en":
            return text
        return String(apply_text_case(str(text), text_case, language))


class Style(Element, model.Style):  # type: ignore[misc]
    """``cs:style``: locales loaded with the patched classes."""

    def set_locale_list(self, output_locale: str, validate: bool = True) -> None:
        self.locales: list[Any] = []
        added: set[str] = set()

        def add_instyle(lang: str | None) -> None:
            expr = f'./cs:locale[@xml:lang="{lang}"]' if lang else "./cs:locale[not(@xml:lang)]"
            results = self.xpath_search(expr)
            if results:
                self.locales.append(results[0])

        def add_system(lang: str) -> None:
            if lang not in added:
                self.locales.append(locales.load_locale(lang, element_lookup()))
                added.add(lang)

        add_instyle(output_locale)
        language = output_locale.split("-")[0]
        add_instyle(language)
        add_instyle(None)
        if output_locale in model.LANGUAGE_NAMES:
            add_system(output_locale)
        if language in model.PRIMARY_DIALECTS:
            add_system(model.PRIMARY_DIALECTS[language])
        add_system("en-US")
        for locale in self.locales:
            locale.style = self


class Locale(Element, model.Locale):  # type: ignore[misc]
    """``cs:locale``: terms memoised."""

    def get_term(self, name: str, form: str | None = None, zero_padded: bool = False) -> Any:  # type: ignore[override]
        def compute() -> Any:
            try:
                return model.Locale.get_term(self, name, form, zero_padded)
            except IndexError:
                return None

        term = _memo(self, ("lterm", name, form, zero_padded), compute)
        if term is None:
            raise IndexError(name)
        return term

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


_NO_PRINTED_FORM = "[CSL STYLE ERROR: reference with no printed form.]"


class Layout(Element, model.Layout):  # type: ignore[misc]
    """``cs:layout``: entries rendered with a fresh state; citation numbers in O(1)."""

    def render_entry(self, item: Any, wrap: bool = True) -> Any:
        st = state()
        if st.ambig is None and not st.in_bibliography and not st.sorting:
            # a cite: rendered with its item's disambiguation settings
            configs = getattr(dict.get(item, "_bib"), "ambig_configs", None)
            config = configs.get(dict.get(item, "key")) if configs else None
            if config is not None:
                st.ambig = config
                outer, st.disambiguate = st.disambiguate, config.disambiguate
                try:
                    return self.render_entry(item, wrap)
                finally:
                    st.ambig = None
                    st.disambiguate = outer
        if st.ambig is not None:
            st.ambig.start()
        cited = not st.in_bibliography and not st.sorting
        st.capitalize_term = cited and positions.capitalizes_terms(self, item)
        mode = dict.get(item, positions.MODE_KEY) if cited else None
        if mode is None:
            return self._render_entry(item, wrap)
        hook = st.names_hook = positions.ModeHook(mode, st.names_hook)
        try:
            text = self._render_entry(item, wrap)
        finally:
            st.names_hook = hook.outer
        return hook.names if mode == "author-only" else text

    def _render_entry(self, item: Any, wrap: bool = True) -> Any:
        st = state()
        st.reset_entry()
        self.repressed: dict[str, Any] = {}
        if self.get_root().__dict__.get("auto_year_suffix"):
            suffix = item.reference.get("year_suffix")
            st.year_suffix = str(suffix) if suffix else ""
            st.year_suffix_pending = bool(suffix)
        children = _memo(self, "children", lambda: list(self.iterchildren()))
        second_field = st.in_bibliography and _memo(self, "second-field", self._second_field)
        if second_field and children:
            first = self._render_child(children[0], item)
            rest = self._join_children(children[1:], item)
            if first is not None and rest is not None:
                return String(str(first) + markup.LEFT_MARGIN + str(self.format(self.wrap(rest))))
        text = self._join_children(children, item)
        if text is None or not wrap:
            return text
        return self.format(self.wrap(text))

    def _second_field(self) -> bool:
        """Whether the section aligns a first field (``second-field-align``)."""
        parent = self.getparent()
        return parent is not None and parent.get("second-field-align") in ("flush", "margin")

    def _render_child(self, child: Any, item: Any) -> Any:
        try:
            return child.render(item)
        except VariableError:
            return None

    def _join_children(self, children: list[Any], item: Any) -> Any:
        output = []
        for child in children:
            text = self._render_child(child, item)
            if text is not None and not _is_empty(text):
                output.append(text)
        if not output:
            return None
        return join(output, "")

    def render_bibliography(self, citation_items: Iterable[Any]) -> list[Any]:
        return [self.render_entry(item) for item in citation_items]

    def order_cites(self, citation: Any) -> list[Any]:
        """The known cites of ``citation`` in rendering order (memoised in the citation)."""
        ordered: list[Any] | None = dict.get(citation, "_ordered")
        if ordered is None:
            index = citation.bibliography.key_index
            ordered = [cite for cite in citation.cites if cite.key in index]
            sort = self.getparent().sort
            if sort is not None:  # without a citation sort, cites keep the order given
                ordered.sort(key=lambda cite: index[cite.key])
                ordered = sort.sort(ordered, self)
            dict.__setitem__(citation, "_ordered", ordered)
        return ordered

    def render_citation(self, citation: Any, callback: Any) -> Any:
        bibliography = citation.bibliography
        index = bibliography.key_index
        good = self.order_cites(citation)
        bad = [cite for cite in citation.cites if cite.key not in index]
        out = []
        ambiguous: set[str] = getattr(bibliography, "ambiguous", set())
        st = state()
        for cite in good:
            st.disambiguate = cite.key in ambiguous
            try:
                text = self.render_entry(cite, wrap=False)
            finally:
                st.disambiguate = False
            if text is None and dict.get(cite, positions.MODE_KEY) is None:
                text = String(_NO_PRINTED_FORM)  # a cite that renders nothing (citeproc-js)
            if text is not None:
                out.append(String(cite.get("prefix", "")) + text + String(cite.get("suffix", "")))
                self.getparent().cites.append(cite)
        for cite in bad:
            value = callback(cite) if callback is not None else None
            out.append(value or f"{cite.key}?")
        if not out:
            return None
        return self.format(self.wrap(self.join(out)))


# ---------------------------------------------------------------------------------------------
# Sorting


class Sort(Element, model.Sort):  # type: ignore[misc]
    """``cs:sort``: locale-aware keys; empty keys last; each key computed only when needed.

    A key of an item is a pure function of the item (rendered with a fresh entry state), so it
    is computed at most once, and only when the comparison reaches it: the second key of an
    item whose first key is unique is never rendered. The order is the same as with all keys
    computed up front.
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
            for k in range(len(keys)):
                left, right = value(k, a), value(k, b)
                if left in (None, "") and right in (None, ""):
                    continue
                if left in (None, ""):
                    return 1
                if right in (None, ""):
                    return -1
                if isinstance(left, str) and isinstance(right, str):
                    result = (left > right) - (left < right)
                else:
                    try:
                        lnum, rnum = int(str(left)), int(str(right))
                        result = (lnum > rnum) - (lnum < rnum)
                    except ValueError:
                        ls, rs = str(left), str(right)
                        result = (ls > rs) - (ls < rs)
                if result:
                    return -result if descending[k] else result
            return a - b

        st.sorting = True
        # a year suffix left pending by a previous citation must not leak into the keys
        st.year_suffix_pending = False
        try:
            order = sorted(range(len(items)), key=cmp_to_key(compare))
        finally:
            st.sorting = False
        return [items[i] for i in order]


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


_PLURAL_RE = re.compile(r"\d\S*\s*(?:[-\u2013,&]|\band\b)\s*\S*\d")


def _is_plural_number(value: str) -> bool:
    """Whether a number variable holds several numbers (``1-3``, ``2, 5``, ``4 & 6``)."""
    return _PLURAL_RE.search(value) is not None


def format_page_range(first: str, last: str, range_format: str | None) -> str:
    """The second number of a page range under ``page-range-format`` (as in citeproc-js)."""
    if not (first.isdigit() and last.isdigit()):
        return last
    if len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    if range_format in (None, "expanded") or len(first) != len(last) or int(last) <= int(first):
        return last
    common = 0
    for a, b in zip(first, last, strict=False):
        if a != b:
            break
        common += 1
    number = int(first)
    if range_format in ("chicago", "chicago-15", "chicago-16"):
        if number < 100 or number % 100 == 0:
            return last
        if number % 100 < 10:
            range_format = "minimal"
        elif range_format != "chicago-16" and len(first) == 4 and len(first) - common >= 3:
            return last
        else:
            range_format = "minimal-two"
    if range_format == "minimal":
        return last[common:]
    if range_format == "minimal-two":
        return last[min(common, len(last) - 2) :] if len(last) >= 2 else last
    return last


class _PageRanges:
    def _format_last_page(self, first: str, last: str) -> str:
        root = self.get_root()  # type: ignore[attr-defined]
        return format_page_range(first, last, root.get("page-range-format"))

    def _process(self, value: Any, variable: str) -> Any:
        if variable != "page":
            return super()._process(value, variable)  # type: ignore[misc]
        term = self.get_single_term("page-range-delimiter")  # type: ignore[attr-defined]
        delimiter = str(term or "") or "\u2013"
        range_format = self.get_root().get("page-range-format")  # type: ignore[attr-defined]
        return pages.format_page_ranges(
            str(value).strip(), range_format, delimiter, format_page_range
        )


class Text(_PageRanges, Element, model.Text):  # type: ignore[misc]
    """``cs:text``."""

    def calls_variable(self) -> bool:
        return _memo(self, "calls", lambda: model.Text.calls_variable(self))  # type: ignore[no-any-return]

    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        if _CACHING:
            try:
                kind, argument, strip_periods, text_case = self.__dict__["_text_plan"]
            except KeyError:
                plan = self.__dict__["_text_plan"] = self._plan()
                kind, argument, strip_periods, text_case = plan
        else:
            kind, argument, strip_periods, text_case = self._plan()
        if context is None:
            context = self
        if kind == "macro":
            # a macro is a group (citeproc-js): nothing when it calls variables and all are empty
            called, rendered = _STATE.called, _STATE.rendered
            if "_voids_off" in self.__dict__:
                text = argument.render(item, context, **kwargs)
            else:
                text = _unless_void(self, item, context, argument.render, **kwargs)
            if _STATE.called > called and _STATE.rendered == rendered:
                text = None
            elif text and not _is_empty(text):
                # like a group, a macro with output counts as a rendered variable for its parent
                _STATE.called, _STATE.rendered = called + 1, rendered + 1
        elif kind == "variable":
            text = self._variable(item, context)
        elif kind == "term":
            text = self._term(item)
            if _STATE.capitalize_term:
                _STATE.capitalize_term = False
                if text and not _STATE.rendered:
                    text = positions.capitalize_first(text)
        elif kind == "value":
            text = String(values.literal(markup.parse_rich_text(argument)))
        else:
            text = None
        if not text:
            return None
        if strip_periods:
            text = text.replace(".", "")
        if text_case:
            text = self.case(text, _item_language(self, item))
        if kind == "variable" and isinstance(text, str):
            text = type(text)(values.guard(text))  # the value's own punctuation is not merged
        return self.wrap(self.quote(self.format(text)))

    def _plan(self) -> tuple[str, Any, bool, bool]:
        """What the element renders (``macro`` and the macro element, or ``variable``,
        ``term`` or ``value`` and its name), whether it strips periods and whether it has a
        text case."""
        kind, argument = "", None
        for candidate in ("macro", "variable", "term", "value"):
            argument = self.attr(candidate)
            if argument is not None:
                kind = candidate
                break
        if kind == "macro":
            argument = self.get_macro(str(argument))
        return (
            kind,
            argument,
            self.attr("strip-periods") == "true",
            self.attr("text-case") is not None,
        )

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        raise NotImplementedError("cs:text is rendered by render()")

    def _variable(self, item: Any, context: Any) -> Any:
        st = state()
        variable = original = self.get("variable")
        if variable != "year-suffix":
            st.called += 1
        if variable in st.repressed:
            return None
        ref = item.reference
        if self.get("form") == "short":
            short = variable + "-short"
            if short.replace("-", "_") in ref:
                variable = short
        if variable in ("page", "page-first"):
            if "page" not in ref:
                return None
            st.value_reads += 1
            text = self._process(ref.page, variable)
        elif variable == "citation-number":
            st.value_reads += 1
            text = str(item.number)
        elif variable == "first-reference-note-number":
            st.value_reads += 1
            text = positions.cite_variable(item, variable)
        elif variable == "locator":
            st.value_reads += 1
            if "locator" not in item:
                return None
            if item.locator.label == "page":
                text = self._process(str(item.locator.identifier), "page")
            else:
                text = _numeric_ranges(str(item.locator.identifier))
            if " & " in str(text):
                # numbers joined by "&" take the locale's symbol for "and"
                symbol = str(self.get_single_term("and", "symbol") or "&")
                text = str(text).replace(" & ", f" {symbol} ")
        elif variable == "year-suffix":
            text = ref.get("year_suffix")
            if text:
                st.year_suffix_pending = False
        elif variable == "citation-label":
            st.value_reads += 1
            text = ref.get("citation_label") or disambiguate.citation_label(ref)
            if st.year_suffix_pending and st.year_suffix:
                # a style without a year-suffix variable: the suffix follows the label
                st.year_suffix_pending = False
                text = String(str(text) + st.year_suffix)
        else:
            text = ref.get(variable.replace("-", "_"))
            if text is not None and variable in values.RANGED_VARIABLES:
                term = self.get_single_term("page-range-delimiter")
                ranged = values.number_ranges(str(text), str(term or "") or "\u2013")
                text = text if ranged is None else String(ranged)
        if text is not None:
            st.value_reads += 1
        if text is None or str(text) == "":
            return None
        st.rendered += 1
        st.rendered_vars.append(original)
        return text

    def _term(self, item: Any) -> Any:
        form = self.get("form", "long")
        plural = self.get("plural", "false").lower() == "true"
        name = self.get("term")
        form_arg = form if form != "long" else None
        if plural:
            return self.get_plural_term(name, form_arg)
        text = self.get_single_term(name, form_arg)
        if not text and form_arg is not None:
            fallback = {"verb-short": "verb", "symbol": "short", "short": None}.get(form_arg)
            text = self.get_single_term(name, fallback)
        return text

    def quote(self, string: Any) -> Any:
        if self.attr("quotes", "false").lower() == "true":
            # the marks (outer or inner, by nesting) are set when the entry is finished
            return String(markup.QUOTE + str(string) + markup.QUOTE_CLOSE)
        return string


def _item_language(element: Any, item: Any) -> str:
    ref = item.reference
    if dict.__contains__(ref, "language"):
        _STATE.value_reads += 1
    cached = dict.get(ref, "\x00language")
    if cached is not None and _CACHING:
        return cached  # type: ignore[no-any-return]
    value = _compute_language(element, ref)
    dict.__setitem__(ref, "\x00language", value)
    return value


def _compute_language(element: Any, ref: Any) -> str:
    language = ref.get("language")
    if language:
        lang = str(language).strip().lower()
        return "en" if lang.startswith("en") else lang[:2]
    root = element.get_root()
    return _memo(root, "output-language", lambda: getattr(root, "output_language", "en"))  # type: ignore[no-any-return]


class Number(_PageRanges, Element, model.Number):  # type: ignore[misc]
    """``cs:number``."""

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        st = state()
        variable = self.get("variable")
        st.called += 1
        if variable in st.repressed:
            return None
        if variable == "locator":
            st.value_reads += 1
            if "locator" not in item:
                return None
            value = item.locator.identifier
            variable = item.locator.label
        elif variable == "citation-number":
            st.value_reads += 1
            value = str(item.number)
        elif variable == "first-reference-note-number":
            st.value_reads += 1
            value = positions.cite_variable(item, variable)
        else:
            key = "page" if variable == "page-first" else variable.replace("-", "_")
            value = item.reference.get(key)
            if value is not None:
                st.value_reads += 1
        if value is None or str(value) == "":
            return None
        st.rendered += 1
        st.rendered_vars.append(self.get("variable"))
        if not _DIGIT_RE.search(str(value)):
            return String(str(value))
        parts = _numeric_labelled_parts(str(value))
        if parts is not None:
            return String(", ".join(self._labelled_part(term, text) for term, text in parts))
        return self._process(value, variable)

    def _labelled_part(self, term: str | None, text: str) -> str:
        """One part of a number with labels written in (``p. 3-8``: ``pp. 3–8``)."""
        if term is None:
            return str(self._process(text, "number"))
        if term.endswith("."):
            return f"{term} {_numeric_ranges(text)}"
        plural = _numeric_is_plural(text)
        label = (
            self.get_plural_term(term, "short") if plural else self.get_single_term(term, "short")
        )
        return f"{label} {_numeric_ranges(text)}"

    def markup(self, text: Any) -> Any:
        if text:
            return self.wrap(self.format(self.case(self.strip_periods(text))))
        return None

    def format_number(self, number: Any) -> Any:
        form = self.get("form", "numeric")
        if form == "numeric" and str(number).isdigit():
            return str(number)  # as written: leading zeros kept ("084"), as in citeproc-js
        if form not in ("ordinal", "long-ordinal"):
            return model.Number.format_number(self, number)
        try:
            value = int(number)
        except ValueError:
            return number
        if form == "long-ordinal" and value <= 10:
            return model.Number.format_number(self, number)
        return str(value) + _ordinal(self, value, str(self.get("variable", "")))


def _ordinal(element: Any, number: int, noun: str) -> str:
    """The ordinal suffix of ``number`` in the gender of the locale's term ``noun``."""
    locales = element.get_root().locales
    gender = _memo(element.get_root(), ("gender", noun), lambda: term_gender(locales, noun))
    return ordinal_suffix(number, locales, gender)


class Label(Element, model.Label):  # type: ignore[misc]
    """``cs:label``: nothing when the variable is empty."""

    def process(
        self,
        item: Any,
        variable: str | None = None,
        plural: bool | None = None,
        context: Any = None,
        **kwargs: Any,
    ) -> Any:
        if variable is None:
            variable = self.get("variable")
            if variable == "locator":
                _STATE.value_reads += 1
                if "locator" not in item:
                    return None
                if _numeric_labelled(str(item.locator.identifier)):
                    return None  # the locator names its own unit ("vol. 1, fol. 186")
            elif variable == "first-reference-note-number":
                _STATE.value_reads += 1
                if positions.cite_variable(item, variable) is None:
                    return None
            else:
                key = "page" if variable == "page-first" else variable.replace("-", "_")
                if key not in item.reference or variable in _STATE.repressed:
                    return None
        _STATE.value_reads += 1
        return model.Label.process(self, item, variable, plural, context, **kwargs)

    def _is_plural(self, item: Any) -> bool:
        variable = self.get("variable")
        if variable == "locator":
            value = item.locator.identifier
        elif variable == "first-reference-note-number":
            return False  # one note
        else:
            value = item.reference.get(variable.replace("-", "_"))
            if value is None:
                return False
            if variable.startswith("number-of"):
                try:
                    return int(str(value)) > 1
                except ValueError:
                    return False
        and_words = _memo(self, "and-words", lambda: [str(self.get_single_term("and") or "")])
        return _numeric_is_plural(str(value), and_words)


class Group(Element, model.Group):  # type: ignore[misc]
    """``cs:group``: suppressed when it calls variables and all of them are empty."""

    def calls_variable(self) -> bool:
        return True

    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        if "_voids_off" in self.__dict__:
            return self._render_group(item, context, **kwargs)
        return _unless_void(self, item, context, self._render_group, **kwargs)

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        return self._process_group(item, context, **kwargs)

    def _render_group(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        return self.markup(self._process_group(item, context, **kwargs))

    def _process_group(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        st = _STATE
        called, rendered = st.called, st.rendered
        delimiter = self.attr("delimiter", "")
        output = []
        for child, is_choose in self.children_plan():
            try:
                if is_choose:
                    text = child.render(item, context=context, delimiter=delimiter, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except VariableError:
                continue
            if text is not None and not _is_empty(text):
                output.append(text)
        variables_called = st.called > called
        variables_rendered = st.rendered > rendered
        # for its parent, a group that produced output counts as a rendered variable (citeproc-js)
        if output and (not variables_called or variables_rendered):
            st.called = called + 1
            st.rendered = rendered + 1
            return self.join(output)
        st.called = called + (1 if variables_called else 0)
        st.rendered = rendered
        raise VariableError


class Choose(Element, model.Choose):  # type: ignore[misc]
    """``cs:choose``."""

    def render(self, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
        if "_voids_off" in self.__dict__:
            return self._choose(item, context, delimiter, **kwargs)
        return _unless_void(self, item, context, self._choose, delimiter, **kwargs)

    def _choose(self, item: Any, context: Any, delimiter: str, **kwargs: Any) -> Any:
        if _CACHING:
            try:
                branches = self.__dict__["_branch_list"]
            except KeyError:
                branches = self.__dict__["_branch_list"] = self._branches()
        else:
            branches = self._branches()
        for branch, conditional in branches:
            if not conditional or branch.test(item, context):
                return branch.render_children(item, context=context, delimiter=delimiter, **kwargs)
        return None

    def _branches(self) -> list[tuple[Any, bool]]:
        """The ``cs:if``/``cs:else-if`` (conditional) and ``cs:else`` branches, in order."""
        return [
            (child, isinstance(child, If))
            for child in self.iterchildren()
            if isinstance(child, (If, Else))
        ]


_SHAPES: dict[tuple[Any, ...], int] = {}


def _shape(ref: Any) -> int:
    """The shape of a reference (its type and sets of non-empty and empty variables) as a small
    number, equal for references of the same shape (memoised in the reference)."""
    shape: int | None = dict.get(ref, "\x00shape")
    if shape is None:
        pairs = [(k, v) for k, v in dict.items(ref) if not k.startswith("\x00")]
        full = (
            ref.type,
            frozenset(k for k, v in pairs if v),
            frozenset(k for k, v in pairs if not v),
        )
        shape = _SHAPES.setdefault(full, len(_SHAPES))
        dict.__setitem__(ref, "\x00shape", shape)
    return shape


class If(Element, model.If):  # type: ignore[misc]
    """``cs:if``: ``disambiguate`` and numeric ranges evaluated."""

    re_numeric = re.compile(
        r"^[A-Za-z]*\d+[A-Za-z]*(?:\s*(?:[-\u2013,&]|and)\s*[A-Za-z]*\d+[A-Za-z]*)*$"
    )

    def test(self, item: Any, context: Any = None) -> bool:
        """Evaluate the condition for ``item`` (CSL 1.0 semantics: match over all tests).

        Conditions on ``type`` and ``variable`` only depend on the item's shape (its type and
        the set of variables it has), so their results are memoised per shape.
        """
        if _CACHING:
            shape_only = self.__dict__.get("_shape_only")
            if shape_only is None:
                # a cite's locator and first note are not part of the reference's shape
                cite_vars = {"locator", "first-reference-note-number"}
                shape_only = self.__dict__["_shape_only"] = set(self.attrib) <= {
                    "type",
                    "variable",
                    "match",
                } and not cite_vars.intersection(self.get("variable", "").split())
            if shape_only:
                shape = _shape(item.reference)
                try:
                    cache = self.__dict__["_by_shape"]
                except KeyError:
                    cache = self.__dict__["_by_shape"] = {}
                try:
                    return cache[shape]  # type: ignore[no-any-return]
                except KeyError:
                    result = cache[shape] = self._test(item, context)
                    return result
        return self._test(item, context)

    def _test(self, item: Any, context: Any = None) -> bool:
        attrib = self.__dict__.get("_attrs") if _CACHING else None
        if attrib is None:
            attrib = dict(self.attrib)
            if _CACHING:
                self.__dict__["_attrs"] = attrib
        results: list[bool] = []
        if "type" in attrib:
            item_type = item.reference.type
            results += [typ == item_type for typ in attrib["type"].split()]
        if "variable" in attrib:
            results += self._variables(item)
        if "is-numeric" in attrib:
            results += self._is_numeric(item)
        if "is-uncertain-date" in attrib:
            results += self._is_uncertain_date(item)
        if "locator" in attrib:
            results += self._locator(item)
        if "position" in attrib:
            if _STATE.in_bibliography:
                results.append(False)
            else:
                _STATE.value_reads += 1
                results += positions.position_matches(item, attrib["position"])
        if "disambiguate" in attrib:
            # the first ``st.disambiguate`` conditions met in the entry are true
            st = _STATE
            st.value_reads += 1
            st.disambiguate_seen += 1
            if st.ambig is not None:
                st.ambig.conditions = max(st.ambig.conditions, st.disambiguate_seen)
            results.append(
                attrib["disambiguate"] == "true" and int(st.disambiguate) >= st.disambiguate_seen
            )
        match = attrib.get("match", "all")
        if match == "any":
            return any(results)
        if match == "none":
            return not any(results)
        return all(results)

    def render(self, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
        if not self.test(item, context):
            raise model.ConditionFailed
        return self.render_children(item, context=context, delimiter=delimiter, **kwargs)

    def _variables(self, item: Any) -> list[bool]:
        ref = item.reference
        keys = _memo(
            self,
            "variable-keys",
            lambda: [v.replace("-", "_") for v in self.get("variable").split()],
        )
        if "first_reference_note_number" in keys:
            _STATE.value_reads += 1
        return [
            ("locator" in item)
            if key == "locator"
            else bool(positions.cite_variable(item, "first-reference-note-number"))
            if key == "first_reference_note_number"
            else bool(ref.get(key))
            for key in keys
        ]

    def _is_numeric(self, item: Any) -> list[bool]:
        out = []
        for variable in self.get("is-numeric").split():
            if variable == "locator":
                value = item.locator.identifier if "locator" in item else None
            else:
                value = item.reference.get(variable.replace("-", "_"))
            if value is not None:
                _STATE.value_reads += 1
            out.append(value is not None and bool(self.re_numeric.match(str(value).strip())))
        return out

    def _is_uncertain_date(self, item: Any) -> list[bool]:
        ref = item.reference
        if any(v.replace("-", "_") in ref for v in self.get("is-uncertain-date").split()):
            _STATE.value_reads += 1
        return model.If._is_uncertain_date(self, item)  # type: ignore[no-any-return]


class Else_If(If):
    """``cs:else-if``."""


class Else(Element, model.Else):  # type: ignore[misc]
    """``cs:else``."""


# ---------------------------------------------------------------------------------------------
# Dates


class Date(Element, model.Date):  # type: ignore[misc]
    """``cs:date``: variable tracking; literal dates; year suffix appended once."""

    def parts(self, date: Any, show_parts: Any, context: Any = None) -> list[Any]:
        output = []
        named = _memo(self, "parts", lambda: [(p, p.get("name")) for p in self.iterchildren()])
        for part, name in named:
            if name in show_parts:
                try:
                    part_text = part.render(date, context)
                    if part_text is not None:
                        output.append(part_text)
                except VariableError:
                    pass
        return output

    def is_locale_date(self) -> bool:
        return _memo(self, "is-locale", lambda: model.Date.is_locale_date(self))  # type: ignore[no-any-return]

    def process(
        self,
        item: Any,
        variable: str | None = None,
        show_parts: list[str] | None = None,
        context: Any = None,
        **kwargs: Any,
    ) -> Any:
        if variable is None:
            variable = self.get("variable")
            st = state()
            st.called += 1
            if variable in st.repressed:
                return None
            value = item.reference.get(variable.replace("-", "_"))
            if not value:
                return None
            st.rendered += 1
            st.rendered_vars.append(variable)
            _STATE.value_reads += 1
            text = model.Date.process(self, item, variable, show_parts, context, **kwargs)
            if text is None or _is_empty(text):
                # a date whose parts are all missing (only a month asked of a year) is empty
                st.rendered -= 1
                st.rendered_vars.pop()
            return text
        _STATE.value_reads += 1
        return model.Date.process(self, item, variable, show_parts, context, **kwargs)

    def render_date_range(
        self, date_range: Any, show_parts: Any = None, context: Any = None
    ) -> Any:
        if date_range.end.is_nil():
            return model.Date.render_date_range(self, date_range, show_parts, context)
        return dates.render_date_range(self, date_range, show_parts, context)

    def render_single_date(self, date: Any, show_parts: Any = None, context: Any = None) -> Any:
        # the delimiter of a localized date is the locale date's own, not the calling element's
        if context is not self and context is not None:
            parts = self.parts(date, show_parts, context)
        else:
            parts = self.parts(date, show_parts)
        return self.join(parts) if parts else None


class Date_Part(Element, model.Date_Part):  # type: ignore[misc]
    """``cs:date-part``: locale overrides merged without mutating the locale tree."""

    def _attrib(self, context: Any) -> dict[str, str]:
        name = self.get("name")

        def compute() -> dict[str, str]:
            merged = dict(self.attrib)
            if context is not None and context is not self:
                found = context.find(f"cs:date-part[@name='{name}']", _NS)
                if found is not None:
                    merged.update(found.attrib)
            return merged

        return (
            _memo(self, ("attrib", id(context)), compute)
            if context is not None
            else dict(self.attrib)
        )

    def get(self, key: str, default: Any = None) -> Any:
        merged = self.__dict__.get("_current")
        if merged is not None:
            return merged.get(key, default)
        return etree.ElementBase.get(self, key, default)

    # While rendering, attributes are those merged with the calling date's override, so the
    # memoised formatting and affixes of other elements do not apply: they are kept per context.

    def attr(self, name: str, default: Any = None) -> Any:
        merged = self.__dict__.get("_current")
        if merged is not None:
            return merged.get(name, default)
        return Element.attr(self, name, default)

    def _wrappers(self) -> tuple[Callable[[Any], Any], ...]:
        rendering = self.__dict__.get("_current") is not None
        key = ("formatting", self.__dict__.get("_context") if rendering else None)
        return _memo(self, key, self._formatting)  # type: ignore[no-any-return]

    def wrap(self, string: Any) -> Any:
        if string is None:
            return None
        affixes = self._affix_pair()
        if affixes is None:
            return string
        return seams.wrap(affixes[0], string, affixes[1])

    def render(self, date: Any, context: Any = None) -> Any:
        current = self._attrib(context)
        trim = self.__dict__.get("_trim")  # an affix a date range drops
        if trim:
            current = {k: v for k, v in current.items() if k != trim}
        self.__dict__["_current"] = current
        self.__dict__["_context"] = id(context)
        try:
            text = self.process(date, context)
            result = self.markup(text)
        finally:
            self.__dict__["_current"] = None
        if result is not None and self.get("name") == "year":
            st = state()
            if st.year_suffix_pending and st.year_suffix:
                st.year_suffix_pending = False
                result = result + String(st.year_suffix)
        return result

    def process(self, date: Any, context: Any = None) -> Any:
        if context is None:
            context = self
        name = self.get("name")
        if name == "day":
            form = self.get("form", "numeric")
            if "day" not in date:
                raise VariableError
            if (
                form == "ordinal"
                and context.get_locale_option("limit-day-ordinals-to-day-1").lower() == "true"
                and date.day > 1
            ):
                form = "numeric"
            if form == "numeric-leading-zeros":
                return f"{date.day:02}"
            if form == "ordinal":
                month = f"month-{int(date.month):02}" if "month" in date else ""
                return str(date.day) + _ordinal(context, int(date.day), month)
            return str(date.day)
        if name == "month":
            form = self.get("form", "long")
            if "month" in date and 1 <= int(date.month) <= 12:
                index, term = int(date.month), "month"
            elif "season" in date or ("month" in date and 13 <= int(date.month) <= 16):
                season = date.get("season") or int(date.month) - 12
                try:
                    index, term = int(season), "season"
                except (TypeError, ValueError):
                    return String(str(season))
                form = "long" if form.startswith("numeric") else form
            else:
                raise VariableError
            if form in ("long", "short"):
                return context.get_single_term(
                    f"{term}-{index:02}", "short" if form == "short" else None
                )
            if form == "numeric-leading-zeros":
                return f"{index:02}"
            return str(index)
        form = self.get("form", "long")
        year = int(date.year)
        if form == "short":
            return str(year)[-2:]
        text = String(str(abs(year)))
        if year < 0:
            text = text + context.get_single_term("bc")
        elif 0 < year < 1000:
            text = text + context.get_single_term("ad")
        return text


# ---------------------------------------------------------------------------------------------
# Names


_DIGIT_RE = re.compile(r"\d")


def initialize_given(given: str, mark: str, initialize: bool, hyphen: bool) -> str:
    """Initialise a given name as citeproc-js does (``J.-P.``, ``M. L.``, ``Robert B.``)."""
    return initialize_with(given, mark, initialize, hyphen)


class Names(Element, model.Names):  # type: ignore[misc]
    """``cs:names``: substitution suppresses substituted variables for the rest of the entry."""

    def process(
        self, item: Any, names_context: Any = None, context: Any = None, **kwargs: Any
    ) -> Any:
        if context is None:
            context = self
        inherited, variables = _memo(self, "static", self._static)
        if names_context is None:
            names_context = inherited
        st = _STATE
        ref = item.reference
        roles = [
            role
            for role in variables
            if role not in st.repressed and ref.get(role.replace("-", "_"))
        ]
        st.called += 1
        if roles:
            st.value_reads += 1
        ed_trans = False
        if (
            "editor" in roles
            and "translator" in roles
            and _names_equal(ref.editor, ref.translator)
            and self.get_term("editortranslator") is not None
            and str(self.get_single_term("editortranslator") or "")
        ):
            roles = [r for r in roles if r != "translator"]
            ed_trans = True
        name_elem, et_al_elem, label_elem, label_first = _memo(
            names_context, "names-parts", lambda: self._parts(names_context)
        )
        output = []
        labelled = None  # (label, names): the label stays when subsequent-author-substitute applies
        for role in roles:
            names = ref[role.replace("-", "_")]
            text = name_elem.render(
                item, role.replace("-", "_"), context=context, et_al_elem=et_al_elem, **kwargs
            )
            if text is None:
                continue
            if label_elem is not None and not st.sorting:
                term = "editortranslator" if ed_trans and role == "editor" else role
                label = label_elem.render(item, term, len(names) > 1)
                if label is not None:
                    labelled = (label, text)
                    text = label + text if label_first else text + label
            output.append(text)
        if output:
            st.rendered += 1
            st.rendered_vars.extend(roles)
            if st.substituting:
                st.repressed.update(roles)
            if all(str(o).isdigit() for o in output) and name_elem.get("form") == "count":
                total = sum(int(str(o)) for o in output)
                return String(str(total)) if total else None
            section = self.section(context)
            delimiter = _memo(
                self,
                ("delimiter", id(section)),
                lambda: self.get("delimiter", section.get_option("names-delimiter")),
            )
            text = join(output, delimiter)
            if st.mark_author and st.in_bibliography and not st.author_marked:
                st.author_marked = True
                if labelled is not None and len(output) == 1:
                    label, names_text = labelled
                    marked = String(markup.AUTHOR[0]) + names_text + String(markup.AUTHOR[1])
                    text = label + marked if label_first else marked + label
                    return self.wrap(self.format(text))
                return (
                    String(markup.AUTHOR[0])
                    + self.wrap(self.format(text))
                    + String(markup.AUTHOR[1])
                )
            return text
        substitute = _memo(self, "substitute", lambda: self.find("cs:substitute", self.nsmap))
        if substitute is not None:
            result = substitute.render(item, context=context, **kwargs)
            if result is not None:
                st.rendered += 1
                if st.mark_author and st.in_bibliography and not st.author_marked:
                    st.author_marked = True
                    return (
                        String(markup.AUTHOR[0])
                        + self.wrap(self.format(result))
                        + String(markup.AUTHOR[1])
                    )
            return result
        return None

    def render(self, *args: Any, **kwargs: Any) -> Any:
        hook = _STATE.names_hook
        if hook is not None:
            _STATE.names_hook = None  # names rendered as substitutes are part of this output
            try:
                return hook(self._render(*args, **kwargs))
            finally:
                _STATE.names_hook = hook
        return self._render(*args, **kwargs)

    def _render(self, *args: Any, **kwargs: Any) -> Any:
        text = self.process(*args, **kwargs)
        if text is not None and _STATE.mark_author and markup.AUTHOR[0] in str(text):
            return text
        return self.markup(text)

    def _static(self) -> tuple[Any, list[str]]:
        """The element whose name options apply and the variables called."""
        return self._inherited_context(), self.get("variable", "").split()

    def _parts(self, names_context: Any) -> tuple[Any, Any, Any, bool]:
        name_elem = names_context.find("cs:name", self.nsmap)
        if name_elem is None:
            name_elem = self._default_name(names_context)
        et_al_elem = names_context.find("cs:et-al", self.nsmap)
        label_elem = names_context.find("cs:label", self.nsmap)
        label_first = (
            label_elem is not None
            and name_elem.getparent() is names_context
            and names_context.index(label_elem) < names_context.index(name_elem)
        )
        return name_elem, et_al_elem, label_elem, label_first

    def _inherited_context(self) -> Any:
        """A ``cs:names`` without ``cs:name`` inside ``cs:substitute`` inherits from its parent."""
        if self.find("cs:name", self.nsmap) is not None:
            return self
        node = self.getparent()
        while node is not None and isinstance(node, (Choose, If, Else)):
            node = node.getparent()
        if isinstance(node, Substitute):
            parent = node.getparent()
            if isinstance(parent, Names):
                return parent
        return self

    def _default_name(self, names_context: Any) -> Any:
        def compute() -> Any:
            elem = names_context.makeelement(f"{{{CSL_NS}}}name", {})
            names_context.insert(0, elem)
            found = names_context.find("cs:name", self.nsmap)
            root = names_context.get_root()
            root.__dict__.setdefault("_keepalive", []).append(found)
            return found

        return _memo(names_context, "default-name", compute)


def _names_equal(left: Any, right: Any) -> bool:
    return [dict(n) for n in left] == [dict(n) for n in right]


class Name(Element, model.Name):  # type: ignore[misc]
    """``cs:name``: citeproc-js name formatting."""

    def get_option(self, name: str, context: Any = None, sort_options: Any = None) -> Any:
        if sort_options and name in sort_options:
            value = sort_options[name]
        else:
            section = self.section(context)

            def compute() -> Any:
                if name in ("form", "delimiter"):
                    return self.get(name, section.get_option("name-" + name))
                return self.get(name, section.get_option(name))

            value = _memo(self, ("option", name, id(section)), compute)
        if name in ("initialize-with-hyphen", "et-al-use-last", "initialize"):
            return str(value).lower() == "true"
        if name.startswith("et-al"):
            return int(value)
        return value

    def _options(self, context: Any, sort_options: Any) -> Callable[[str], Any]:
        """``get_option`` for one context and set of sort options, each value computed once."""
        section = self.section(context)
        key = (id(section), id(sort_options))
        if _CACHING:
            cache = self.__dict__.setdefault("_option_memo", {})
            found = cache.get(key)
            # the sort options are kept with their values, so their id is not reused
            if found is not None and found[0] is sort_options:
                return found[1]  # type: ignore[no-any-return]
        values: dict[str, Any] = {}

        def opt(name: str) -> Any:
            try:
                return values[name]
            except KeyError:
                value = values[name] = self.get_option(name, context, sort_options)
                return value

        if _CACHING:
            cache[key] = (sort_options, opt)
        return opt

    def process(
        self,
        item: Any,
        variable: str,
        context: Any = None,
        sort_options: Any = None,
        et_al_elem: Any = None,
        **kwargs: Any,
    ) -> Any:
        opt = self._options(context, sort_options)

        names = list(item.reference.get(variable, []))
        if not names:
            return None
        form = opt("form")
        and_ = opt("and")
        delimiter = opt("delimiter")
        et_al_min = opt("et-al-min")
        et_al_use_first = opt("et-al-use-first")
        if positions.is_subsequent(item) and not _STATE.in_bibliography and not _STATE.sorting:
            subsequent_min = opt("et-al-subsequent-min")
            if subsequent_min:
                et_al_min = subsequent_min
                et_al_use_first = opt("et-al-subsequent-use-first")
        et_al_use_last = opt("et-al-use-last")
        count = len(names)
        truncate = bool(et_al_min) and count >= et_al_min and et_al_use_first < count
        shown = names[:et_al_use_first] if truncate else names
        levels: list[int] | None = None
        ambig = _STATE.ambig
        if ambig is not None and not _STATE.sorting:
            initials = opt("initialize-with") is not None
            base = 0 if form == "short" else 1 if initials else 2
            wanted, levels = ambig.nameset(names, len(shown), base, initials)
            if wanted > len(shown):
                shown = names[:wanted]
                truncate = wanted < count
        if form == "count":
            return String(str(len(shown)))
        if not shown:
            return None  # et-al-use-first="0": nothing, not even "et al."
        inverted = []
        rendered = []
        for i, name in enumerate(shown):
            level = levels[i] if levels is not None and i < len(levels) else None
            text, inv = self._format_name(name, i, opt, form, level)
            rendered.append(text)
            inverted.append(inv)
        if truncate:
            if et_al_use_last and count - et_al_use_first >= 2:
                last, _ = self._format_name(names[-1], count - 1, opt, form)
                return String(str(join(rendered, delimiter)) + delimiter + "\u2026 " + str(last))
            et_al = self._et_al(et_al_elem)
            if not et_al or _STATE.sorting:  # no "et al." in sort keys
                return join(rendered, delimiter)
            rule = opt("delimiter-precedes-et-al")
            precede = (
                rule == "always"
                or (rule == "contextual" and len(rendered) >= 2)
                or (rule == "after-inverted-name" and inverted[-1])
            )
            # no space before an "et al." term in another script (Chinese 等)
            space = " " if is_romanesque(markup.strip_markers(str(et_al))) else ""
            return join(rendered, delimiter) + String(delimiter if precede else space) + et_al
        if and_ and len(rendered) > 1 and not _STATE.sorting:  # no "and" in sort keys
            and_term = self.get_single_term("and") if and_ == "text" else String("&")
            rule = opt("delimiter-precedes-last")
            precede = (
                rule == "always"
                or (rule == "contextual" and len(rendered) >= 3)
                or (rule == "after-inverted-name" and inverted[-2])
            )
            head = join(rendered[:-1], delimiter)
            sep = delimiter if precede else " "
            return String(str(head) + sep + str(and_term) + " " + str(rendered[-1]))
        return join(rendered, delimiter)

    def _et_al(self, et_al_elem: Any) -> Any:
        if et_al_elem is not None:
            term = et_al_elem.get("term", "et-al")
            text = self.get_single_term(term)
            if text and str(text).strip():  # a term of white space only is empty
                return et_al_elem.wrap(et_al_elem.format(text))
            return None
        return self.get_single_term("et-al")

    def _format_name(
        self, name: Any, index: int, opt: Callable[[str], Any], form: str, level: int | None = None
    ) -> tuple[Any, bool]:
        """One name; ``level`` (disambiguation) 1 shows initials (the given name when the style
        does not initialise), 2 the full given name."""
        given_style, family_style = _memo(self, "part-styles", self._part_styles)
        if "literal" in name:
            return String(family_style.decorate(str(name["literal"]))), False
        rich = getattr(name, "rich", None)
        if rich:
            name = names_with_markup(name, rich)
        given = name.get("given")
        if name.get("family") is None and given is not None:
            name, given = {**name, "family": given, "given": None}, None
        initialize_with = opt("initialize-with")
        if given is not None and initialize_with is not None and level != 2:
            given = initialize_given(
                str(given),
                initialize_with,
                self.get("initialize", "true").lower() != "false",
                opt("initialize-with-hyphen"),
            )
        order = opt("name-as-sort-order")
        inverted = order == "all" or (order == "first" and index == 0)
        demote = opt("demote-non-dropping-particle")
        text = format_person(
            name,
            str(given) if given else None,
            short=form == "short" and not level,
            inverted=inverted,
            sorting=state().sorting,
            demote=demote,
            sort_separator=opt("sort-separator"),
            given_style=given_style,
            family_style=family_style,
        )
        return String(text), inverted and not (form == "short" and not level)

    def _part_styles(self) -> tuple[PartStyle, PartStyle]:
        """The formatting of the given and family parts (``cs:name-part``)."""
        parts = self._name_parts()

        def style(which: str) -> PartStyle:
            part = parts.get(which)
            if part is None:
                return PLAIN
            return PartStyle(
                lambda text: str(part.format(part.case(String(text)))),
                part.get("prefix", ""),
                part.get("suffix", ""),
            )

        return style("given"), style("family")

    def _name_part(self, which: str, value: str) -> str:
        part = _memo(self, "name-parts", self._name_parts).get(which)
        if part is None or not value:
            return value
        return str(part.wrap(part.format(part.case(String(value)))))

    def _name_parts(self) -> dict[str, Any]:
        """The first ``cs:name-part`` for ``given`` and ``family``, if any."""
        parts = {}
        for which in ("given", "family"):
            part = self.find(f"cs:name-part[@name='{which}']", self.nsmap)
            if part is not None:
                parts[which] = part
        return parts


class Name_Part(Element, model.Name_Part):  # type: ignore[misc]
    """``cs:name-part``."""


class Et_Al(Element, model.Et_Al):  # type: ignore[misc]
    """``cs:et-al``."""


class Substitute(Element, model.Substitute):  # type: ignore[misc]
    """``cs:substitute``: everything the chosen substitute rendered is suppressed afterwards."""

    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        st = _STATE
        parent, plan = _memo(self, "substitutes", self._substitutes)
        st.substituting += 1
        try:
            for child, inherits in plan:
                start = len(st.rendered_vars)
                try:
                    if inherits:
                        text = child.render(item, names_context=parent, context=context, **kwargs)
                    else:
                        text = child.render(item, context=context, **kwargs)
                except VariableError:
                    continue
                if text:
                    st.repressed.update(st.rendered_vars[start:])
                    return text
                if isinstance(child, Text) and "term" in child.attrib:
                    return String("")  # a term substitutes even when empty (citeproc-js)
            return None
        finally:
            st.substituting -= 1

    def _substitutes(self) -> tuple[Any, list[tuple[Any, bool]]]:
        """The parent ``cs:names`` and the substitutes, each with whether it inherits the
        parent's name options (a ``cs:names`` without ``cs:name``)."""
        plan = [
            (child, isinstance(child, model.Names) and child.find("cs:name", self.nsmap) is None)
            for child in self.iterchildren()
        ]
        return self.getparent(), plan


_CLASSES: dict[str, type] = {
    "style": Style,
    "locale": Locale,
    "term": Term,
    "citation": Citation,
    "bibliography": Bibliography,
    "macro": Macro,
    "layout": Layout,
    "sort": Sort,
    "key": Key,
    "text": Text,
    "number": Number,
    "label": Label,
    "group": Group,
    "choose": Choose,
    "if": If,
    "else-if": Else_If,
    "else": Else,
    "date": Date,
    "date-part": Date_Part,
    "names": Names,
    "name": Name,
    "name-part": Name_Part,
    "et-al": Et_Al,
    "substitute": Substitute,
}


def element_lookup() -> etree.ElementNamespaceClassLookup:
    """An lxml class lookup binding CSL tags to the patched classes."""
    lookup = etree.ElementNamespaceClassLookup()
    namespace = lookup.get_namespace(CSL_NS)
    namespace[None] = Element
    for tag, cls in _CLASSES.items():
        namespace[tag] = cls
    return lookup
