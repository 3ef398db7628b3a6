"""Patched ``cs:layout``, ``cs:text``, ``cs:group``, ``cs:choose`` and its conditions
(:mod:`.patches`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from citeproc import model
from citeproc.source import VariableError
from citeproc.string import String

from . import disambiguate, markup, positions, values
from . import elements_base as _eb
from .elements_base import _STATE, Element, _is_empty, _memo, _shape, _unless_void, state
from .elements_numbers import _PageRanges
from .numeric import ranges as _numeric_ranges
from .seams import join

__all__ = ["Choose", "Else", "Else_If", "Group", "If", "Layout", "Text"]

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
            try:  # _render_child, inlined
                text = child.render(item)
            except VariableError:
                continue
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


_PLAIN_STRINGS = (str, String)
"""Types whose copy of an unchanged value is the same value."""

_SPECIAL_VARIABLES = frozenset(
    (
        "page",
        "page-first",
        "citation-number",
        "first-reference-note-number",
        "locator",
        "year-suffix",
        "citation-label",
    )
)
"""Variables :meth:`Text._variable` does not read from the reference as they are."""


class Text(_PageRanges, Element, model.Text):  # type: ignore[misc]
    """``cs:text``."""

    def calls_variable(self) -> bool:
        return _memo(self, "calls", lambda: model.Text.calls_variable(self))  # type: ignore[no-any-return]

    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        if _eb._CACHING:
            try:
                kind, argument, strip_periods, text_case, quotes, plain, inline = self.__dict__[
                    "_text_plan"
                ]
            except KeyError:
                plan = self.__dict__["_text_plan"] = self._plan()
                kind, argument, strip_periods, text_case, quotes, plain, inline = plan
        else:
            kind, argument, strip_periods, text_case, quotes, plain, inline = self._plan()
        if context is None:
            context = self
        if kind == "macro":
            # a macro is a group (citeproc-js): nothing when it calls variables and all are empty
            called, rendered = _STATE.called, _STATE.rendered
            if "_voids_off" in self.__dict__:
                if inline and (not kwargs or (len(kwargs) == 1 and "sort_options" in kwargs)):
                    # Macro.render and Element.render_children, inlined
                    sort_options = kwargs.get("sort_options")
                    output = []
                    for child, is_choose in inline:
                        try:
                            if is_choose:
                                text = child.render(
                                    item, delimiter="", context=context, sort_options=sort_options
                                )
                            else:
                                text = child.render(
                                    item, context=context, sort_options=sort_options
                                )
                            if text is not None:
                                output.append(text)
                        except VariableError:
                            pass
                    if not output:
                        text = None
                    elif len(output) == 1:
                        text = output[0]
                    else:
                        text = join(output, "")
                else:
                    text = argument.render(item, context, **kwargs)
            else:
                text = _unless_void(self, item, context, argument.render, **kwargs)
            if _STATE.called > called and _STATE.rendered == rendered:
                text = None
            elif text and (type(text) is String or not _is_empty(text)):
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
            # the value's own punctuation is not merged
            guarded = values.guard(text)
            if guarded is not text or type(text) not in _PLAIN_STRINGS:
                text = type(text)(guarded)
        if plain:  # format and wrap change nothing
            return str(text) if isinstance(text, (int, float)) else text
        if not quotes:
            return self.decorate(text)
        return self.wrap(self.quote(self.format(text)))

    def _plan(self) -> tuple[str, Any, bool, bool, bool, bool, Any]:
        """What the element renders (``macro`` and the macro element, or ``variable``,
        ``term`` or ``value`` and its name), whether it strips periods, whether it has a
        text case, whether it is quoted, whether it is plain and unquoted (formatting
        and affixes change nothing) and, for a macro rendered as citeproc-py renders it
        (``Macro.render``), its children as :meth:`Element.children_plan` gives them."""
        kind, argument = "", None
        for candidate in ("macro", "variable", "term", "value"):
            argument = self.attr(candidate)
            if argument is not None:
                kind = candidate
                break
        inline = None
        if kind == "macro":
            argument = self.get_macro(str(argument))
            kind_of = type(argument)
            if (
                _eb._CACHING
                and kind_of.render is model.Macro.render
                and kind_of.render_children is Element.render_children
            ):
                inline = argument.children_plan()
        return (
            kind,
            argument,
            self.attr("strip-periods") == "true",
            self.attr("text-case") is not None,
            self.attr("quotes", "false").lower() == "true",
            self.plain() and self.attr("quotes", "false").lower() != "true",
            inline,
        )

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        raise NotImplementedError("cs:text is rendered by render()")

    def _variable(self, item: Any, context: Any) -> Any:
        st = _STATE
        plan = self.__dict__.get("_variable_plan") if _eb._CACHING else None
        if plan is None:
            plan = self._variable_plan()
        variable, key, short, short_key = plan
        original = variable
        if variable != "year-suffix":
            st.called += 1
        if variable in st.repressed:
            return None
        ref = item.reference
        if short is not None and short_key in ref:
            variable, key = short, short_key
        if variable not in _SPECIAL_VARIABLES:
            text = ref.get(key)
            if text is not None and variable in values.RANGED_VARIABLES:
                term = self.get_single_term("page-range-delimiter")
                ranged = values.number_ranges(str(text), str(term or "") or "\u2013")
                text = text if ranged is None else String(ranged)
        elif variable in ("page", "page-first"):
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
        else:  # citation-label
            st.value_reads += 1
            text = ref.get("citation_label") or disambiguate.citation_label(ref)
            if st.year_suffix_pending and st.year_suffix:
                # a style without a year-suffix variable: the suffix follows the label
                st.year_suffix_pending = False
                text = String(str(text) + st.year_suffix)
        if text is not None:
            st.value_reads += 1
        if text is None or str(text) == "":
            return None
        st.rendered += 1
        st.rendered_vars.append(original)
        return text

    def _variable_plan(self) -> tuple[str, str, str | None, str | None]:
        """The variable and its key in the reference, its short form when ``form="short"``
        and that form's key (memoised while caching)."""
        variable = self.attr("variable")
        short = variable + "-short" if self.attr("form") == "short" else None
        short_key = short.replace("-", "_") if short is not None else None
        plan = (variable, variable.replace("-", "_"), short, short_key)
        if _eb._CACHING:
            self.__dict__["_variable_plan"] = plan
        return plan

    def _term(self, item: Any) -> Any:
        form = self.attr("form", "long")
        plural = self.attr("plural", "false").lower() == "true"
        name = self.attr("term")
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
    if cached is not None and _eb._CACHING:
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


class Group(Element, model.Group):  # type: ignore[misc]
    """``cs:group``: suppressed when it calls variables and all of them are empty."""

    def calls_variable(self) -> bool:
        return True

    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        if "_voids_off" in self.__dict__:  # _render_group, inlined
            text = self._process_group(item, context, **kwargs)
            if not text:
                return None
            plan = self.__dict__.get("_group_plan") if _eb._CACHING else None
            if plan is not None and plan[2]:  # format and wrap change nothing
                return text
            return self.decorate(text)
        return _unless_void(self, item, context, self._render_group, **kwargs)

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        return self._process_group(item, context, **kwargs)

    def _render_group(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        text = self._process_group(item, context, **kwargs)
        if not text:
            return None
        plan = self.__dict__.get("_group_plan") if _eb._CACHING else None
        if plan is not None and plan[2]:  # format and wrap change nothing
            return text
        return self.decorate(text)

    def _plan(self) -> tuple[list[tuple[Any, bool]], str, bool]:
        """The children (each with whether it is a ``cs:choose``), the delimiter and whether
        format and wrap change nothing (memoised while caching)."""
        plan = (self.children_plan(), self.attr("delimiter", ""), self.plain())
        if _eb._CACHING:
            self.__dict__["_group_plan"] = plan
        return plan

    def _process_group(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        st = _STATE
        called, rendered = st.called, st.rendered
        plan = self.__dict__.get("_group_plan") if _eb._CACHING else None
        if plan is None:
            plan = self._plan()
        children, delimiter, _plain = plan
        output = []
        for child, is_choose in children:
            try:
                if is_choose:
                    text = child.render(item, context=context, delimiter=delimiter, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except VariableError:
                continue
            if text is None:
                continue
            kind = type(text)
            if kind is String or kind is str:
                if text:
                    output.append(text)
            elif not _is_empty(text):
                output.append(text)
        variables_called = st.called > called
        variables_rendered = st.rendered > rendered
        # for its parent, a group that produced output counts as a rendered variable (citeproc-js)
        if output and (not variables_called or variables_rendered):
            st.called = called + 1
            st.rendered = rendered + 1
            if len(output) == 1:
                return output[0]
            try:  # Element.join: the delimiter is the plan's
                return join(output, delimiter)
            except Exception:
                return String("")
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
        if _eb._CACHING:
            try:
                plan = self.__dict__["_branch_plan"]
            except KeyError:
                plan = self.__dict__["_branch_plan"] = [
                    (branch, conditional, branch.by_shape() if conditional else None)
                    for branch, conditional in self._branches()
                ]
            shape = None
            for branch, conditional, by_shape in plan:
                if conditional:
                    if by_shape is not None:  # If.test's memo per item shape, read here
                        if shape is None:
                            ref = item.reference
                            shape = dict.get(ref, "\x00shape")
                            if shape is None:
                                shape = _shape(ref)
                        met = by_shape.get(shape)
                        if met is None:
                            met = by_shape[shape] = branch._test(item, context)
                        if not met:
                            continue
                    elif not branch.test(item, context):
                        continue
                # branch.render_children (Element.render_children), inlined
                children = branch.__dict__.get("_children_plan")
                if children is None:
                    children = branch.children_plan()
                output = []
                for child, is_choose in children:
                    try:
                        if is_choose:
                            text = child.render(
                                item, delimiter=delimiter, context=context, **kwargs
                            )
                        else:
                            text = child.render(item, context=context, **kwargs)
                        if text is not None:
                            output.append(text)
                    except VariableError:
                        pass
                if not output:
                    return None
                return output[0] if len(output) == 1 else join(output, delimiter)
            return None
        for branch, conditional in self._branches():
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
        if _eb._CACHING:
            cache = self.by_shape()
            if cache is not None:
                ref = item.reference
                shape = dict.get(ref, "\x00shape")
                if shape is None:
                    shape = _shape(ref)
                try:
                    return cache[shape]
                except KeyError:
                    result = cache[shape] = self._test(item, context)
                    return result
        return self._test(item, context)

    def by_shape(self) -> dict[int, bool] | None:
        """The memo of the condition's results per item shape, when it tests only ``type``
        and ``variable`` (caching on); else None."""
        try:
            return self.__dict__["_by_shape"]  # type: ignore[no-any-return]
        except KeyError:
            pass
        # a cite's locator and first note are not part of the reference's shape
        cite_vars = {"locator", "first-reference-note-number"}
        shape_only = set(self.attrib) <= {
            "type",
            "variable",
            "match",
        } and not cite_vars.intersection(self.get("variable", "").split())
        cache: dict[int, bool] | None = {} if shape_only else None
        self.__dict__["_by_shape"] = cache
        return cache

    def _test(self, item: Any, context: Any = None) -> bool:
        attrib = self.__dict__.get("_attrs") if _eb._CACHING else None
        if attrib is None:
            attrib = dict(self.attrib)
            if _eb._CACHING:
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
