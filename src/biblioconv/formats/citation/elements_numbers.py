"""Patched ``cs:number`` and ``cs:label``, with page ranges and ordinals (:mod:`.patches`)."""

from __future__ import annotations

import re
from typing import Any

from citeproc import model
from citeproc.string import String

from . import pages, positions
from .elements_base import _STATE, Element, _memo, state
from .numeric import is_plural as _numeric_is_plural
from .numeric import labelled as _numeric_labelled
from .numeric import labelled_parts as _numeric_labelled_parts
from .numeric import ordinal_suffix, term_gender
from .numeric import ranges as _numeric_ranges

__all__ = ["Label", "Number", "format_page_range"]

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


# ---------------------------------------------------------------------------------------------
# Names


_DIGIT_RE = re.compile(r"\d")
