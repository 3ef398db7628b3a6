"""The reader's value conversions of the rule table (``to_hub``) and the conditions under which
a field is read (``when`` on the fields of the entry)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from biblioconv.dates import parse_date
from biblioconv.formats.bibtex.latex import decode
from biblioconv.model import Identifier, PageRange
from biblioconv.report import Code
from biblioconv.rules import RuleContext

__all__ = [
    "BABEL_TO_BCP47",
    "BCP47_TO_BABEL",
    "PUBSTATE_TO_HUB",
    "THESIS_TYPE_WORDS",
    "URL_ONLY",
    "edtf_date",
    "first_of",
    "language",
    "parse_file_field",
    "verbatim",
]

BABEL_TO_BCP47: dict[str, str] = {
    "english": "en",
    "american": "en-US",
    "usenglish": "en-US",
    "british": "en-GB",
    "ukenglish": "en-GB",
    "canadian": "en-CA",
    "australian": "en-AU",
    "newzealand": "en-NZ",
    "german": "de",
    "ngerman": "de",
    "austrian": "de-AT",
    "naustrian": "de-AT",
    "swissgerman": "de-CH",
    "nswissgerman": "de-CH",
    "french": "fr",
    "francais": "fr",
    "acadian": "fr-CA",
    "canadien": "fr-CA",
    "spanish": "es",
    "italian": "it",
    "portuguese": "pt",
    "portuges": "pt",
    "brazil": "pt-BR",
    "brazilian": "pt-BR",
    "dutch": "nl",
    "russian": "ru",
    "polish": "pl",
    "czech": "cs",
    "slovak": "sk",
    "swedish": "sv",
    "norsk": "nb",
    "norwegian": "nb",
    "nynorsk": "nn",
    "danish": "da",
    "finnish": "fi",
    "greek": "el",
    "japanese": "ja",
    "chinese": "zh",
    "korean": "ko",
    "turkish": "tr",
    "hungarian": "hu",
    "magyar": "hu",
    "catalan": "ca",
    "croatian": "hr",
    "slovene": "sl",
    "slovenian": "sl",
    "ukrainian": "uk",
    "latin": "la",
    "hebrew": "he",
    "arabic": "ar",
    "romanian": "ro",
    "bulgarian": "bg",
    "serbian": "sr",
    "estonian": "et",
    "latvian": "lv",
    "lithuanian": "lt",
    "icelandic": "is",
    "irish": "ga",
    "welsh": "cy",
    "basque": "eu",
    "galician": "gl",
    "afrikaans": "af",
    "indonesian": "id",
    "vietnamese": "vi",
    "thai": "th",
    "hindi": "hi",
    "persian": "fa",
    "farsi": "fa",
}
BCP47_TO_BABEL: dict[str, str] = {}
for _name, _code in BABEL_TO_BCP47.items():
    BCP47_TO_BABEL.setdefault(_code.lower(), _name)
BCP47_TO_BABEL.update({"de": "ngerman", "en-us": "american", "en-gb": "british"})

PUBSTATE_TO_HUB: dict[str, str] = {
    "inpreparation": "in-preparation",
    "submitted": "submitted",
    "forthcoming": "forthcoming",
    "inpress": "in-press",
    "prepublished": "prepublished",
    "accepted": "accepted",
    "published": "published",
    "retracted": "retracted",
}


#: biblatex type keys -> the words the record holds
THESIS_TYPE_WORDS = {
    "phdthesis": "PhD thesis",
    "mathesis": "Master's thesis",
    "candthesis": "Candidate thesis",
    "techreport": "Technical report",
    "resreport": "Research report",
    "software": "Computer software",
    "datacd": "Data CD",
    "audiocd": "Audio CD",
}


_SPLIT_LIST = re.compile(r"\s*[,;]\s*")
URL_ONLY = re.compile(r"\\url\{([^{}]*)\}")
_ISBN = re.compile(r"\b(?:97[89][- ]?)?(?:\d[- ]?){9}[\dXx]\b")
_ISSN = re.compile(r"\b\d{4}-?\d{3}[\dXx]\b")
_ARXIV = re.compile(r"(?:arxiv:)?(\d{4}\.\d{4,5}(v\d+)?|[a-z\-]+(\.[A-Z]{2})?/\d{7}(v\d+)?)", re.I)
_EPRINT_SCHEMES = {"pubmed": "pmid", "hdl": "handle", "googlebooks": "googlebooks"}


def verbatim(v: str) -> str:
    """Verbatim fields (doi, url, eprint, file): only escaped specials are unescaped."""
    if "\\" not in v and "{" not in v:
        return v.strip()
    v = re.sub(r"\\([_%&#$~])", r"\1", v)
    v = URL_ONLY.sub(r"\1", v)
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
    """``12--34`` -> a page range (:meth:`PageRange.parse_data`)."""
    return PageRange.parse_data(decode(value))


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


def parse_file_field(value: str) -> list[dict[str, Any]]:
    """JabRef/Zotero/Mendeley ``file`` field: ``description:path:type;...`` -> attachments."""
    out: list[dict[str, Any]] = []
    for item in re.split(r"(?<!\\);", value):
        item = item.strip()
        if not item:
            continue
        parts = re.split(r"(?<!\\):", item)
        if len(parts) == 3 and not re.fullmatch(r"[A-Za-z]", parts[0]):
            label, path, mtype = parts
        else:
            label, path, mtype = "", item, ""
        att: dict[str, Any] = {"url": path.replace("\\:", ":").replace("\\;", ";"), "kind": "file"}
        if label:
            att["label"] = label
        if mtype:
            att["media_type"] = mtype
            if "pdf" in mtype.lower():
                att["kind"] = "pdf"
        out.append(att)
    return out


def language(text: str) -> str:
    """A babel name as a BCP 47 tag (anything else as it is)."""
    t = text.strip()
    return BABEL_TO_BCP47.get(t.lower(), t)


def _keywords(value: str) -> list[str]:
    """A keyword list (LaTeX source) split at commas and semicolons outside braces, decoded."""
    if "{" not in value:
        return _SPLIT_LIST.split(decode(value))
    terms: list[str] = []
    depth, start = 0, 0
    for i, ch in enumerate(value):
        if ch == "{" and (i == 0 or value[i - 1] != "\\"):
            depth += 1
        elif ch == "}" and (i == 0 or value[i - 1] != "\\"):
            depth = max(depth - 1, 0)
        elif ch in ",;" and depth == 0:
            terms.append(value[start:i])
            start = i + 1
    terms.append(value[start:])
    return [decode(t.strip()).strip() for t in terms]


def edtf_date(value: str, type_: str, field: str, reporter: Any) -> dict[str, Any]:
    """A date field (ISO 8601 / EDTF; free text kept as text, reported) as date data."""
    text = value.replace("{", "").replace("}", "") if "\\" not in value else decode(value)
    parsed = parse_date(text, type_)
    if parsed.literal is not None:
        reporter.add(Code.INVALID_VALUE, f"date {text!r} not understood; kept as text", field)
    return parsed.model_dump(exclude_defaults=True) | {"type": type_}


def date(type_: str, field: str) -> Callable[[str, RuleContext], dict[str, Any]]:
    """The reading conversion of a date field."""
    return lambda value, ctx: edtf_date(value, type_, field, ctx.reporter)


def keywords(value: str, ctx: RuleContext) -> list[dict[str, Any]]:
    """A keyword list as subjects."""
    return [{"term": t} for t in _keywords(value) if t]


def genre(value: str, ctx: RuleContext) -> str:
    """The type of a thesis or report (biblatex's keys as words)."""
    text = decode(value)
    return THESIS_TYPE_WORDS.get(text.lower().replace(" ", ""), text)


def files(value: str, ctx: RuleContext) -> list[dict[str, Any]]:
    """A ``file`` list as attachments."""
    return parse_file_field(verbatim(value))


def pubstate(value: str, ctx: RuleContext) -> str | None:
    """A publication state (an unknown one: None, kept as it is)."""
    return PUBSTATE_TO_HUB.get(decode(value).lower().replace(" ", "").replace("-", ""))


def lang(value: str, ctx: RuleContext) -> str:
    """A language name or babel name as a BCP 47 tag."""
    return language(decode(value))


def subtype(value: str, ctx: RuleContext) -> str:
    """magazine / newspaper: the article's type."""
    return f"article-{value.strip().lower()}"


def lone_url(ctx: RuleContext) -> bool:
    """Reading: whether howpublished is a lone ``\\url{}`` and there is no url field."""
    f = ctx.fields or {}
    return "url" not in f and URL_ONLY.fullmatch(f.get("howpublished", "").strip()) is not None


def url_only(value: str, ctx: RuleContext) -> str | None:
    """The URL of a lone ``\\url{}``."""
    m = URL_ONLY.fullmatch(value.strip())
    return m.group(1) if m else None
