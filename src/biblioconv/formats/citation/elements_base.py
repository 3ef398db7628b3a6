"""The base of the patch set: :class:`Element` (terms, inherited options, caches), the
render state shared by all elements and the memo and void-subtree helpers (:mod:`.patches`).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from citeproc import model
from citeproc.source import VariableError
from citeproc.string import String

from . import markup, seams, sorting
from .seams import join
from .textcase import apply_text_case

__all__ = ["CSL_NS", "Element", "RenderState", "caching", "set_caching", "state"]

CSL_NS = "http://purl.org/net/xbiblio/csl"
_NS = {"cs": CSL_NS}


ForkMap = Callable[[Callable[[Sequence[Any]], list[Any]], Sequence[Any]], list[Any]]
"""``fork_map(fn, items)``: ``fn`` applied to slices of ``items``, its lists joined."""


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
        self.fork_map: ForkMap | None = None
        self.first_sort_keys: list[Any] | None = None
        """Set while a long bibliography is prepared by several processes: the items' first
        sort keys, made with their first disambiguation renderings."""
        """Set while a long bibliography is prepared by several processes: maps a function over
        a sequence in slices, one process each (see :mod:`.forked`)."""

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
    ref = item.reference
    shape = dict.get(ref, "\x00shape")
    if shape is None:
        shape = _shape(ref)
    views = memo.get("_shape_views")
    if views is None:
        views = memo["_shape_views"] = {}
    view = views.get(shape)
    if view is None:
        view = views[shape] = _shape_view(element, shape)
    key = (
        view,
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
    if not text.isascii():  # ASCII has nothing to decompose
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

    def plain(self) -> bool:
        """Whether :meth:`format` and :meth:`wrap` leave text as it is (no font, affix or
        display attribute; memoised; never while caching is off)."""
        if not _CACHING:
            return False
        try:
            return self.__dict__["_plain"]  # type: ignore[no-any-return]
        except KeyError:
            plain = self.__dict__["_plain"] = (
                not self._wrappers() and self._affix_pair() is None and self.get("display") is None
            )
            return plain

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
                affixes, display = self.__dict__["_affixes_display"]
            except KeyError:
                affixes, display = self.__dict__["_affixes_display"] = (
                    self._affix_pair(),
                    self.get("display"),
                )
        else:
            affixes, display = self._affix_pair(), self.get("display")
        if affixes is not None:
            string = seams.wrap(affixes[0], string, affixes[1])
        return string if display is None else markup.display(display, string)

    def decorate(self, string: Any) -> Any:
        """``self.wrap(self.format(string))`` in one call, for elements that override
        neither (``cs:group``, ``cs:text``)."""
        if _CACHING:
            memo = self.__dict__
            wrappers = memo.get("_wrapper_list")
            found = memo.get("_affixes_display")
            if wrappers is not None and found is not None:
                if isinstance(string, (int, float)):
                    string = str(string)
                for wrapper in wrappers:
                    string = wrapper(string)
                if string is None:
                    return None
                affixes, display = found
                if affixes is not None:
                    string = seams.wrap(affixes[0], string, affixes[1])
                return string if display is None else markup.display(display, string)
        return self.wrap(self.format(string))

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
        plan = self.__dict__.get("_children_plan") if _CACHING else None
        for child, is_choose in plan if plan is not None else self.children_plan():
            try:
                if is_choose:
                    text = child.render(item, delimiter=delimiter, **kwargs)
                else:
                    text = child.render(item, **kwargs)
                if text is not None:
                    output.append(text)
            except VariableError:
                pass
        if not output:
            return None
        return output[0] if len(output) == 1 else join(output, delimiter)

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
        if _CACHING:
            memo = ctx.__dict__.get("_memo")
            found = memo.get("section") if memo is not None else None
            if found is not None:
                return found
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


_SHAPES: dict[tuple[Any, ...], int] = {}
_SHAPE_LIST: list[tuple[Any, frozenset[str], frozenset[str]]] = []
_SHAPES_LOCK = threading.Lock()


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
        shape = _SHAPES.get(full)
        if shape is None:
            with _SHAPES_LOCK:
                shape = _SHAPES.get(full)
                if shape is None:  # listed before it is given out (read without the lock)
                    _SHAPE_LIST.append(full)
                    shape = _SHAPES[full] = len(_SHAPE_LIST) - 1
        dict.__setitem__(ref, "\x00shape", shape)
    return shape


#: attributes whose values name the variables an element reads
_VARIABLE_ATTRIBUTES = ("variable", "is-numeric", "is-uncertain-date")
#: variables read under another key of the reference
_KEY_OF = {"journalAbbreviation": "container_title_short", "shortTitle": "title_short"}


def _read_keys(element: Any) -> frozenset[str] | None:
    """The reference keys whose presence can change what ``element`` renders: the variables
    it, its children (each memoised in turn) and the macros it calls name (with their short
    forms); None when not known (a macro that cannot be found, or calls itself)."""
    memo = element.__dict__
    if "_read_keys" in memo:
        return memo["_read_keys"]  # type: ignore[no-any-return]
    memo["_read_keys"] = None  # while the subtree is read: a macro calling itself is unknown
    # page-first is read from page; a text case looks at the item's language
    keys: set[str] = {"page", "language"}
    for attribute in _VARIABLE_ATTRIBUTES:
        for name in (element.get(attribute) or "").split():
            key = _KEY_OF.get(name, name.replace("-", "_"))
            keys.add(key)
            keys.add(key + "_short")
    parts: list[Any] = [child for child in element.iterchildren() if isinstance(child.tag, str)]
    name = element.get("macro")
    if name:
        try:
            parts.append(element.get_macro(name))
        except Exception:
            return None
    for part in parts:
        found = _read_keys(part) if part is not None else None
        if found is None:
            return None
        keys |= found
    result = frozenset(keys)
    memo["_read_keys"] = result
    return result


def _shape_view(element: Any, shape: int) -> tuple[Any, ...]:
    """The part of a shape that can change what ``element`` renders: the type and the variables
    it reads (:func:`_read_keys`), present and not empty or present and empty; the whole shape
    when those are not known. Items of different shapes look alike to an element that reads
    none of the variables in which they differ."""
    item_type, full, empty = _SHAPE_LIST[shape]
    keys = _read_keys(element)
    if keys is None:
        return (shape,)
    return (item_type, full & keys, empty & keys)
