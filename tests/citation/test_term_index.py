"""A locale's terms looked up in its one-pass index find what citeproc-py's XPath query per
term finds, in every locale file, for every name and form, zero-padded or not."""

from __future__ import annotations

from pathlib import Path

import citeproc
import pytest
from citeproc import model
from lxml import etree

from biblioconv.formats.citation import engine

_LOCALES = sorted(
    p.stem.removeprefix("locales-") for p in Path(citeproc.LOCALES_PATH).glob("*.xml")
)


def _xpath_term(locale: object, name: str, form: str | None, zero_padded: bool) -> object:
    try:
        return model.Locale.get_term(locale, name, form, zero_padded)
    except IndexError:
        return None


def _indexed_term(locale: object, name: str, form: str | None, zero_padded: bool) -> object:
    try:
        return locale.get_term(name, form, zero_padded)  # type: ignore[attr-defined]
    except IndexError:
        return None


@pytest.mark.parametrize("code", ["en-US", "de-DE", "fr-FR", "ar", "ja-JP", "pt-BR"])
def test_every_term_as_the_xpath_query_finds_it(code: str) -> None:
    assert code in _LOCALES
    locale = engine.load_locale(code)
    terms = locale.find("cs:terms", locale.nsmap)
    asked = {(t.get("name"), t.get("form")) for t in terms.iterchildren()}
    asked |= {(name, None) for name, _form in asked} | {("no-such-term", None)}
    asked |= {(name, "short") for name, _form in asked} | {(name, "verb") for name, _ in asked}
    for name, form in sorted(asked, key=str):
        for zero_padded in (False, True):
            assert _indexed_term(locale, name, form, zero_padded) is _xpath_term(
                locale, name, form, zero_padded
            ), (name, form, zero_padded)


def test_ordinal_terms_zero_padded() -> None:
    locale = engine.load_locale("en-US")
    found = locale.get_term("ordinal-01", None, zero_padded=True)
    assert found is _xpath_term(locale, "ordinal-01", None, True)
    assert found.get("match") not in ("whole-number", "last-two-digits")


def test_a_name_with_a_quote_is_asked_of_the_xpath_query() -> None:
    locale = engine.load_locale("en-US")
    with pytest.raises(etree.XPathEvalError):  # what citeproc-py's query raises
        model.Locale.get_term(locale, "it's", None)
    with pytest.raises(etree.XPathEvalError):  # the same, not a term of another name
        locale.get_term("it's", None)
