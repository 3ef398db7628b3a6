"""Patched ``cs:names``, ``cs:name``, ``cs:name-part``, ``cs:et-al`` and ``cs:substitute``
(:mod:`.patches`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from citeproc import model
from citeproc.source import VariableError
from citeproc.string import String

from . import elements_base as _eb
from . import markup, positions
from .elements_base import _STATE, CSL_NS, Element, _memo
from .elements_text import Choose, Else, If, Text
from .names import (
    PLAIN,
    PartStyle,
    format_person,
    initialize_with,
    is_romanesque,
    names_with_markup,
)
from .seams import join

__all__ = ["Et_Al", "Name", "Name_Part", "Names", "Substitute", "initialize_given"]


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
        static = self.__dict__.get("_names_static") if _eb._CACHING else None
        if static is None:
            static = self._static()
            if _eb._CACHING:
                self.__dict__["_names_static"] = static
        inherited, variables, keys = static
        if names_context is None:
            names_context = inherited
        st = _STATE
        ref = item.reference
        repressed = st.repressed
        roles = [
            role
            for role in variables
            if (not repressed or role not in repressed) and ref.get(keys[role])
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
        parts = names_context.__dict__.get("_names_parts") if _eb._CACHING else None
        if parts is None:
            parts = self._parts(names_context)
            if _eb._CACHING:
                names_context.__dict__["_names_parts"] = parts
        name_elem, et_al_elem, label_elem, label_first, direct = parts
        output = []
        labelled = None  # (label, names): the label stays when subsequent-author-substitute applies
        for role in roles:
            key = keys[role]
            names = ref[key]
            if direct:  # CitationStylesElement.render and Name.markup, inlined
                text = name_elem.process(
                    item, key, context=context, et_al_elem=et_al_elem, **kwargs
                )
                text = name_elem.decorate(text) if text else None
            else:
                text = name_elem.render(item, key, context=context, et_al_elem=et_al_elem, **kwargs)
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
            if name_elem.get("form") == "count" and all(str(o).isdigit() for o in output):
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

    def _static(self) -> tuple[Any, list[str], dict[str, str]]:
        """The element whose name options apply, the variables called and their keys in a
        reference."""
        variables = self.get("variable", "").split()
        return self._inherited_context(), variables, {v: v.replace("-", "_") for v in variables}

    def _parts(self, names_context: Any) -> tuple[Any, Any, Any, bool, bool]:
        """The ``cs:name``, ``cs:et-al`` and ``cs:label`` of ``names_context``, whether the
        label comes first and whether the name renders as citeproc-py's ``render`` does
        (``markup(process(...))``, formatting and affixes as :meth:`Element.decorate`)."""
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
        kind = type(name_elem)
        direct = (
            kind.render is model.CitationStylesElement.render
            and kind.markup is model.Name.markup
            and kind.format is Element.format
            and kind.wrap is Element.wrap
        )
        return name_elem, et_al_elem, label_elem, label_first, direct

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
        if _eb._CACHING:
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

        if _eb._CACHING:
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
        names = item.reference.get(variable)
        if not names:
            return None
        names = list(names)
        opt = self._options(context, sort_options)
        form, and_, delimiter, et_al_min, et_al_use_first, et_al_use_last = self._plan(opt)
        if not _STATE.in_bibliography and not _STATE.sorting and positions.is_subsequent(item):
            subsequent_min = opt("et-al-subsequent-min")
            if subsequent_min:
                et_al_min = subsequent_min
                et_al_use_first = opt("et-al-subsequent-use-first")
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

    def _plan(self, opt: Callable[[str], Any]) -> tuple[Any, ...]:
        """The options every rendering reads (form, and, delimiter, et-al-min,
        et-al-use-first, et-al-use-last), memoised with ``opt``."""
        plans = self.__dict__.get("_option_plans") if _eb._CACHING else None
        plan = plans.get(opt) if plans is not None else None
        if plan is None:
            options = ("form", "and", "delimiter", "et-al-min", "et-al-use-first", "et-al-use-last")
            plan = tuple(opt(name) for name in options)
            if _eb._CACHING:
                self.__dict__.setdefault("_option_plans", {})[opt] = plan
        return plan

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
        styles = self.__dict__.get("_part_style_pair") if _eb._CACHING else None
        if styles is None:
            styles = self._part_styles()
            if _eb._CACHING:
                self.__dict__["_part_style_pair"] = styles
        given_style, family_style = styles
        if "literal" in name:
            return String(family_style.decorate(str(name["literal"]))), False
        rich = getattr(name, "rich", None)
        if rich:
            name = names_with_markup(name, rich)
        given = name.get("given")
        if name.get("family") is None and given is not None:
            name, given = {**name, "family": given, "given": None}, None
        plans = self.__dict__.get("_name_plans") if _eb._CACHING else None
        plan = plans.get(opt) if plans is not None else None
        if plan is None:
            plan = self._name_plan(opt)
        initialize_with, initialize, hyphen, order, demote, sort_separator = plan
        short = form == "short" and not level  # the family name only: no given name to make
        if given is not None and initialize_with is not None and level != 2 and not short:
            given = initialize_given(str(given), initialize_with, initialize, hyphen)
        inverted = order == "all" or (order == "first" and index == 0)
        text = format_person(
            name,
            str(given) if given else None,
            short=short,
            inverted=inverted,
            sorting=_STATE.sorting,
            demote=demote,
            sort_separator=sort_separator,
            given_style=given_style,
            family_style=family_style,
        )
        return String(text), inverted and not (form == "short" and not level)

    def _name_plan(self, opt: Callable[[str], Any]) -> tuple[Any, ...]:
        """The options each name reads (initialize-with, initialize, initialize-with-hyphen,
        name-as-sort-order, demote-non-dropping-particle, sort-separator), memoised with
        ``opt``."""
        plan = (
            opt("initialize-with"),
            self.attr("initialize", "true").lower() != "false",
            opt("initialize-with-hyphen"),
            opt("name-as-sort-order"),
            opt("demote-non-dropping-particle"),
            opt("sort-separator"),
        )
        if _eb._CACHING:
            self.__dict__.setdefault("_name_plans", {})[opt] = plan
        return plan

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
