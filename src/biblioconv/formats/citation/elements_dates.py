"""Patched ``cs:date`` and ``cs:date-part`` (:mod:`.patches`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from citeproc import model
from citeproc.source import VariableError
from citeproc.string import String
from lxml import etree

from . import dates, seams
from .elements_base import _NS, _STATE, Element, _is_empty, _memo, state
from .elements_numbers import _ordinal

__all__ = ["Date", "Date_Part"]

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
