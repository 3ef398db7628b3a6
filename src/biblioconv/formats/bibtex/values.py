"""The reader's value conversions of the rule table (``to_hub``) and the conditions under which
a field is read (``when`` on the fields of the entry)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from biblioconv.formats.bibtex.latex import decode
from biblioconv.model import Identifier, PageRange
from biblioconv.rules import RuleContext

__all__ = ["first_of", "verbatim"]

_URL_ONLY = re.compile(r"\\url\{([^{}]*)\}")
_ISBN = re.compile(r"\b(?:97[89][- ]?)?(?:\d[- ]?){9}[\dXx]\b")
_ISSN = re.compile(r"\b\d{4}-?\d{3}[\dXx]\b")
_ARXIV = re.compile(r"(?:arxiv:)?(\d{4}\.\d{4,5}(v\d+)?|[a-z\-]+(\.[A-Z]{2})?/\d{7}(v\d+)?)", re.I)
_EPRINT_SCHEMES = {"pubmed": "pmid", "hdl": "handle", "googlebooks": "googlebooks"}


def verbatim(v: str) -> str:
    """Verbatim fields (doi, url, eprint, file): only escaped specials are unescaped."""
    if "\\" not in v and "{" not in v:
        return v.strip()
    v = re.sub(r"\\([_%&#$~])", r"\1", v)
    v = _URL_ONLY.sub(r"\1", v)
    return v.replace("{", "").replace("}", "").strip()


def text(value: str, ctx: RuleContext) -> str:
    """A plain text field."""
    return decode(value)


def title(value: str, ctx: RuleContext) -> dict[str, Any]:
    """A title: protected case kept as nocase spans."""
    return {"text": decode(value, True)}


def description(value: str, ctx: RuleContext) -> dict[str, Any]:
    """A note, abstract or annotation."""
    return {"text": decode(value)}


def pages(value: str, ctx: RuleContext) -> dict[str, Any]:
    """``12--34`` -> a page range."""
    return PageRange.parse(decode(value)).model_dump(exclude_none=True)


def ident(value: str, ctx: RuleContext) -> str:
    """An identifier, verbatim."""
    return verbatim(value)


def isbns(value: str, ctx: RuleContext) -> list[str]:
    """One ISBN, or each of several in one field."""
    v = verbatim(value)
    found = _ISBN.findall(v)
    return found if len(found) > 1 else [v]


def issns(value: str, ctx: RuleContext) -> list[Any]:
    """One ISSN, or several (Zotero): the first the ISSN, the others e-ISSNs."""
    v = verbatim(value)
    found = _ISSN.findall(v)
    if len(found) <= 1:
        return [v]
    return [found[0], *(Identifier(scheme="eissn", value=p) for p in found[1:])]


def eissns(value: str, ctx: RuleContext) -> list[str]:
    """One e-ISSN, or each of several."""
    v = verbatim(value)
    found = _ISSN.findall(v)
    return found if len(found) > 1 else [v]


def eprint(value: str, ctx: RuleContext) -> dict[str, Any] | None:
    """An eprint in the scheme its eprinttype (or archiveprefix) names; without one, an arXiv id
    (anything else: None, kept as it is)."""
    f = ctx.fields or {}
    kind = (f.get("eprinttype") or f.get("archiveprefix") or "").strip().lower()
    v = verbatim(value)
    if not kind:
        if not _ARXIV.fullmatch(v):
            return None
        kind = "arxiv"
    return {"scheme": _EPRINT_SCHEMES.get(kind, kind), "value": v}


def consumed(value: str, ctx: RuleContext) -> None:
    """A field read with another one (never called: its rule is of kind ``consumed``)."""
    return None


def sponsor(value: str, ctx: RuleContext) -> dict[str, Any]:
    """An organisation as a sponsor."""
    return {"kind": "organization", "literal": decode(value)}


def first_of(
    names: tuple[str, ...], eligible: Callable[[str, RuleContext], bool] | None = None
) -> Callable[[str, RuleContext], bool]:
    """A reading condition: ``name`` is the first field of ``names`` in the entry that has a
    value (and is eligible): the one that fills a home several fields can fill."""

    def first(name: str, ctx: RuleContext) -> bool:
        for k, v in (ctx.fields or {}).items():
            if k in names and v and (eligible is None or eligible(k, ctx)):
                return k == name
        return False

    return first
