"""Maintained patch set over citeproc-py's CSL element classes.

citeproc-py turns every CSL element into an instance of a class of :mod:`citeproc.model`. Our
classes subclass them (no global monkey-patching, site-packages untouched) and are bound to CSL
tags by our own parser (:func:`element_lookup`). They live by CSL area in :mod:`.elements_base`
(the shared :class:`Element`, render state and caches), :mod:`.elements_style`,
:mod:`.elements_text`, :mod:`.elements_numbers`, :mod:`.elements_dates` and
:mod:`.elements_names`; this module binds them (with ``cs:style``) and re-exports them. Each override fixes a difference from
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

from typing import Any

from citeproc import model
from lxml import etree

from . import locales
from .elements_base import (
    _NS,
    CSL_NS,
    Element,
    RenderState,
    _collation_key,
    _is_empty,
    _memo,
    caching,
    set_caching,
    state,
)
from .elements_dates import (
    Date,
    Date_Part,
)
from .elements_names import (
    Et_Al,
    Name,
    Name_Part,
    Names,
    Substitute,
    initialize_given,
)
from .elements_numbers import (
    Label,
    Number,
    format_page_range,
)
from .elements_style import (
    Bibliography,
    Citation,
    Key,
    Locale,
    Macro,
    Parent,
    Sort,
    Term,
)
from .elements_text import (
    Choose,
    Else,
    Else_If,
    Group,
    If,
    Layout,
    Text,
)

__all__ = [
    "CSL_NS",
    "_NS",
    "Bibliography",
    "Choose",
    "Citation",
    "Date",
    "Date_Part",
    "Element",
    "Else",
    "Else_If",
    "Et_Al",
    "Group",
    "If",
    "Key",
    "Label",
    "Layout",
    "Locale",
    "Macro",
    "Name",
    "Name_Part",
    "Names",
    "Number",
    "Parent",
    "RenderState",
    "Sort",
    "Style",
    "Substitute",
    "Term",
    "Text",
    "_collation_key",
    "_is_empty",
    "_memo",
    "caching",
    "element_lookup",
    "format_page_range",
    "initialize_given",
    "set_caching",
    "state",
]


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
