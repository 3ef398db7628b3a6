"""Dublin Core reader: oai_dc, qualified DC, RDF/XML and OAI-PMH responses, streamed.

A *record container* is any element, not itself inside a Dublin Core value, with ``dc:`` or
``dcterms:`` children: a bare ``oai_dc:dc``, a ``qdc:qualifieddc``, an ``rdf:Description``, or any
application's own wrapper. Each container becomes one record as soon as it ends, and is then
cleared, so a harvest of any size is read in constant memory. In OAI-PMH responses the record
header gives the record id (and its datestamp and sets, kept in extras); deleted records are
reported (``DELETED_RECORD``) and skipped; the ``resumptionToken`` is put on the report.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import IO, Any

from pydantic import JsonValue
from pydantic import ValidationError as PydanticValidationError

from biblioconv import xmlsafe
from biblioconv.dates import parse_date
from biblioconv.errors import LimitExceeded, ParseError
from biblioconv.formats.dublin_core import heuristics as H
from biblioconv.formats.dublin_core.crosswalk import (
    DC_ELEMENTS,
    DCTERMS_CROSSWALK,
    DCTERMS_DATE_TYPES,
    DCTERMS_RELATION_TYPES,
    READERS,
    SUBJECT_SCHEMES,
)
from biblioconv.formats.dublin_core.options import DcReadOptions
from biblioconv.formats.dublin_core.sniff import (
    DC10_NS,
    DC_NS,
    DCTERMS_NS,
    OAI_DC_NS,
    OAI_NS,
    sniff_dc,
    sniff_dcterms,
)
from biblioconv.formats.oaipmh import header_values
from biblioconv.identifiers import classify
from biblioconv.model import (
    Attachment,
    Container,
    Contributor,
    DateValue,
    Description,
    Funding,
    GeoLocation,
    Identifier,
    PageRange,
    PartialDate,
    Publisher,
    Record,
    Relation,
    Rights,
    Subject,
    Title,
)
from biblioconv.registry import ReadContext
from biblioconv.report import Code
from biblioconv.rules import RuleContext

__all__ = [
    "BOOK_PART_TYPES",
    "DCTERMS_NS",
    "DC_NS",
    "OAI_DC_NS",
    "OAI_NS",
    "PART_TYPES",
    "RDF_NS",
    "VERSION_TITLE",
    "normalise_space",
    "read",
    "sniff_dc",
    "sniff_dcterms",
]

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_RDF_RESOURCE = f"{{{RDF_NS}}}resource"
_RDF_ABOUT = f"{{{RDF_NS}}}about"

_PREFIX = {DC_NS: "dc", DC10_NS: "dc", DCTERMS_NS: "dcterms"}
#: Local names of every DCMES element and DCMI term (elements of these namespaces with other
#: names, such as a container in the DC namespace, are not values).
KNOWN_TERMS: frozenset[str] = frozenset(
    f.field.partition(":")[2]
    for f in DCTERMS_CROSSWALK.fields
    if ":" in f.field and f.field.partition(":")[0] in ("dc", "dcterms")
)


@lru_cache(maxsize=1024)  # a document uses a few dozen tags, each start and end asks
def _is_dc(tag: str) -> bool:
    if not tag.startswith("{"):
        return False
    end = tag.find("}")
    return tag[1:end] in _PREFIX and tag[end + 1 :] in KNOWN_TERMS


_OAI_RECORD = f"{{{OAI_NS}}}record"
_OAI_HEADER = f"{{{OAI_NS}}}header"
_OAI_TOKEN = f"{{{OAI_NS}}}resumptionToken"
_OAI_ERROR = f"{{{OAI_NS}}}error"
#: hub types whose ISSN is their container's and whose page count is a size
PART_TYPES = {
    "article-journal",
    "article-magazine",
    "article-newspaper",
    "paper-conference",
    "chapter",
    "review",
    "review-book",
    "entry-encyclopedia",
    "entry-dictionary",
    "data-paper",
    "preprint",
    "poster",
}
BOOK_PART_TYPES = {"chapter", "paper-conference", "entry-encyclopedia", "entry-dictionary"}
_GRANT = "info:eu-repo/grantAgreement/"
_ALT_ID = "info:eu-repo/semantics/altIdentifier/"
_EMBARGO = "info:eu-repo/date/embargoEnd/"
VERSION_TITLE = re.compile(r"^(?P<title>.+?)\s+\((?:v|version\s*)(?P<v>\d[\w.\-]*)\)$", re.I)
_HAS_TIME = re.compile(r"\dT\d")
_DEGREE = H.DEGREE
_WS = re.compile(r"\s+")
_PARA = re.compile(r"\s*\n\s*\n\s*")


@dataclass(slots=True)
class Entry:
    """One Dublin Core element as read."""

    prefix: str
    name: str
    value: str
    lang: str | None
    scheme: str | None
    line: int | None

    @property
    def qname(self) -> str:
        return f"{self.prefix}:{self.name}"


@dataclass
class _Header:
    identifier: str | None = None
    datestamp: str | None = None
    sets: list[str] = field(default_factory=list)
    deleted: bool = False
    line: int | None = None


class _Diagnostics:
    """Per-record aggregation of heuristic diagnostics (one per rule and element)."""

    def __init__(self, ctx: ReadContext, mode: str) -> None:
        self.ctx = ctx
        self.mode = mode
        self.seen: set[tuple[str, str]] = set()
        self.pending: dict[tuple[str, str], list[Any]] = {}
        self.deferred: list[tuple[Code, str, str, str | None, int | None]] = []

    def heuristic(self, element: str, rule: str, value: str, line: int | None) -> None:
        if not rule or self.mode == "off":
            return
        key = (element, rule)
        if self.mode == "once":
            if key in self.seen:
                return
            self.seen.add(key)
        slot = self.pending.setdefault(key, [0, value, line])
        slot[0] += 1

    def flush(self, record: str) -> None:
        rep = self.ctx.reporter(record)
        for (element, rule), (n, example, line) in self.pending.items():
            shown = example if len(example) <= 60 else example[:57] + "..."
            times = f"{n} values, e.g. " if n > 1 else ""
            rep.add(
                Code.HEURISTIC_APPLIED,
                f"{rule}: {times}{shown!r}",
                element,
                severity="info",
                line=line,
            )
        self.pending.clear()
        for code, message, severity, where, at in self.deferred:
            rep.add(code, message, where, severity=severity, line=at)  # type: ignore[arg-type]
        self.deferred.clear()

    def add(
        self,
        code: Code,
        message: str,
        *,
        record: str | None,
        element: str | None,
        line: int | None,
        severity: str = "warning",
    ) -> None:
        """Queue a diagnostic; it is reported with the record's final label on flush."""
        self.deferred.append((code, message, severity, element, line))


def _text(elem: Any, name: str, max_chars: int) -> str:
    if len(elem):
        parts = [t.strip() for t in elem.itertext() if t and t.strip()]
        raw = " ".join(parts)
    else:
        raw = elem.text or ""
    if not raw.strip():
        raw = elem.get(_RDF_RESOURCE) or ""
    if len(raw) > max_chars:
        raise LimitExceeded(
            f"{name} has {len(raw)} characters (limit {max_chars})", line=elem.sourceline
        )
    return normalise_space(name, raw)


def normalise_space(name: str, raw: str) -> str:
    """The text of an element as read: white space collapsed (paragraphs kept in descriptions)."""
    if name in ("description", "abstract", "tableOfContents"):
        paras = _PARA.split(raw.strip())
        return "\n\n".join(_WS.sub(" ", p) for p in paras)
    if "  " not in raw and raw.isprintable():  # no white space but single spaces (the common case)
        return raw.strip()
    return _WS.sub(" ", raw).strip()


def _scheme(elem: Any) -> str | None:
    raw: str | None = elem.get(XSI_TYPE)
    if not raw:
        return None
    prefix, _, local = raw.rpartition(":")
    ns = elem.nsmap.get(prefix or None)
    if ns == DCTERMS_NS or (not prefix and local):
        return str(local)
    return str(raw)


def _entries(
    container: Any, ctx: ReadContext, diag: _Diagnostics, label: str
) -> tuple[list[Entry], dict[str, list[str]]]:
    entries: list[Entry] = []
    unknown: dict[str, list[str]] = {}
    limits = ctx.limits
    for child in container:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        ns, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
        prefix = _PREFIX.get(ns)
        if prefix is None or local not in KNOWN_TERMS:
            value = _text(child, local, limits.max_field_chars)
            if value:
                unknown.setdefault(tag, []).append(value)
            continue
        value = _text(child, local, limits.max_field_chars)
        if not value:
            continue
        entries.append(
            Entry(prefix, local, value, child.get(XML_LANG), _scheme(child), child.sourceline)
        )
        if len(entries) > limits.max_names * 4:
            raise LimitExceeded(
                f"record has more than {limits.max_names * 4} elements", line=child.sourceline
            )
    about = container.get(_RDF_ABOUT)
    if about:
        entries.insert(0, Entry("rdf", "about", about.strip(), None, "URI", container.sourceline))
    return entries, unknown


class _Builder:
    """Turns the elements of one container into a record."""

    def __init__(self, ctx: ReadContext, diag: _Diagnostics, label: str) -> None:
        self.ctx = ctx
        self.fmt = ctx.format
        self.diag = diag
        self.label = label
        self.extras: dict[str, JsonValue] = {}
        self.rec: dict[str, Any] = {
            "titles": [],
            "contributors": [],
            "dates": [],
            "identifiers": [],
            "descriptions": [],
            "subjects": [],
            "rights": [],
            "relations": [],
            "funding": [],
            "sizes": [],
            "formats": [],
            "geo_locations": [],
            "attachments": [],
        }
        self.container: dict[str, Any] = {}
        self.container_ids: list[Identifier] = []
        self.hub_type = "document"

    # -- helpers ---------------------------------------------------------------------------------

    def h(self, e: Entry, rule: str) -> None:
        self.diag.heuristic(e.qname, rule, e.value, e.line)

    def keep(self, e: Entry, key: str | None = None) -> None:
        item: JsonValue = e.value
        if e.lang or e.scheme:
            item = {"value": e.value, "lang": e.lang, "scheme": e.scheme}
        bucket = self.extras.setdefault(key or e.qname, [])
        assert isinstance(bucket, list)
        bucket.append(item)

    def add_identifier(self, scheme: str, value: str, to_container: bool = False) -> None:
        ident = Identifier(scheme=scheme, value=value)
        target = self.container_ids if to_container else self.rec["identifiers"]
        if all((i.scheme, i.value) != (ident.scheme, ident.value) for i in target):
            target.append(ident)

    # -- the elements ----------------------------------------------------------------------------

    def build(self, entries: list[Entry], unknown: dict[str, list[str]]) -> Record:
        by: dict[str, list[Entry]] = {}
        for e in entries:
            by.setdefault(e.name, []).append(e)
        self.types(by.get("type", []))
        for name in ("title", "alternative"):
            for e in by.get(name, []):
                self.title(e)
        ctx = RuleContext(options=self)
        for e in sorted(entries, key=lambda e: e.name != "isPartOf"):
            reader = READERS.get(e.name)
            if reader is not None:
                reader(e, ctx)
            else:
                self.keep(e)
        self.dates([e for e in entries if e.name == "date" or e.name in DCTERMS_DATE_TYPES])
        self.descriptions([e for e in entries if e.name in ("description", "abstract")])
        for tag, values in unknown.items():
            self.extras[tag] = list(values)
            self.diag.add(
                Code.UNKNOWN_FIELD,
                f"element {tag} is not Dublin Core; kept in extras",
                record=self.label,
                element=tag,
                line=None,
                severity="info",
            )
        return self.finish()

    def types(self, entries: list[Entry]) -> None:
        genre: str | None = None
        derived = False
        values: list[str] = []
        for e in entries:
            hint = H.classify_type(e.value)
            if e.scheme == "DCMIType" and hint.kind != "dcmi":
                self.keep(e)
                continue
            if hint.kind == "eu-repo" and hint.hub:
                values.append(e.value)
                if hint.term and H.thesis_label(hint.term) and genre is None:
                    genre, derived = H.thesis_label(hint.term), True
            elif hint.kind == "word" and hint.hub:
                values.append(e.value)
                if genre is None or derived:
                    genre, derived = e.value, False
                elif _DEGREE.search(e.value) and not _DEGREE.search(genre):
                    self.keep(Entry(e.prefix, e.name, genre, None, None, e.line))
                    genre = e.value
                    self.h(e, "the type word naming a degree taken as the genre")
                else:
                    self.keep(e)
                self.h(e, hint.rule)
            elif hint.kind == "dcmi" and hint.hub:
                values.append(e.value)
                self.h(e, hint.rule)
            elif hint.kind == "version" and hint.status:
                self.rec.setdefault("publication_status", hint.status)
            elif hint.kind == "access" and hint.term:
                self.rec.setdefault("access_rights", H.EU_REPO + hint.term)
            elif hint.kind == "peer":
                self.rec.setdefault("peer_reviewed", hint.peer)
                self.h(e, hint.rule)
            elif genre is None or derived:
                genre, derived = e.value, False
            else:
                self.keep(e)
        hub, native = H.decide_type(values)
        if hub and native:
            self.hub_type = hub
            self.rec["native_types"] = {self.fmt: native}
        self.rec["type"] = self.hub_type
        if genre:
            self.rec["genre"] = genre

    def title(self, e: Entry) -> None:
        titles: list[Title] = self.rec["titles"]
        text = e.value
        if not titles:
            m = VERSION_TITLE.match(text)
            if m:
                text = m.group("title")
                self.rec["version"] = m.group("v")
                self.h(e, "version in parentheses after the title")
            titles.append(Title(text=text, lang=e.lang))
            return
        main_lang = titles[0].lang
        kind = "translated" if e.lang and main_lang and e.lang != main_lang else "alternative"
        if e.name == "title":
            self.h(e, f"further dc:title taken as {kind} title")
        titles.append(Title(text=text, type=kind, lang=e.lang))

    def name(self, e: Entry, role: str) -> None:
        parts = H.parse_name(e.value)
        self.h(e, parts.rule)
        if parts.orcid:
            c = Contributor(role=role, identifiers=[Identifier(scheme="orcid", value=parts.orcid)])
        else:
            c = Contributor(
                kind=parts.kind,
                role=role,
                given=parts.given,
                family=parts.family,
                non_dropping_particle=parts.non_dropping_particle,
                dropping_particle=parts.dropping_particle,
                suffix=parts.suffix,
                literal=parts.literal,
                lang=e.lang,
            )
        if parts.life_dates:
            life = self.extras.setdefault("life_dates", {})
            assert isinstance(life, dict)
            life[_name_key(c)] = parts.life_dates
        contributors: list[Contributor] = self.rec["contributors"]
        if len(contributors) >= self.ctx.limits.max_names:
            raise LimitExceeded(f"more than {self.ctx.limits.max_names} names", line=e.line)
        contributors.append(c)

    def creator(self, e: Entry) -> None:
        self.name(e, "author")

    def contributor(self, e: Entry) -> None:
        self.name(e, "contributor")

    def rights_holder(self, e: Entry) -> None:
        self.name(e, "rights-holder")

    def subject(self, e: Entry) -> None:
        scheme = SUBJECT_SCHEMES.get(e.scheme or "")
        if e.scheme and scheme is None:
            self.keep(e, "encoding_schemes")
        terms = [e.value]
        if scheme is None and ";" in e.value:
            terms = [t.strip() for t in e.value.split(";") if t.strip()]
            self.h(e, "subject split at ';'")
        for term in terms:
            self.rec["subjects"].append(Subject(term=term, scheme=scheme, lang=e.lang))

    def publisher(self, e: Entry) -> None:
        if "publisher" in self.rec:
            self.keep(e)
            self.diag.add(
                Code.DUPLICATE,
                "several publishers; the first is used, the others kept in extras",
                record=self.label,
                element=e.qname,
                line=e.line,
                severity="info",
            )
            return
        self.rec["publisher"] = Publisher(name=e.value, lang=e.lang)

    def dates(self, entries: list[Entry]) -> None:
        typed: list[DateValue] = []
        plain: list[tuple[Entry, DateValue]] = []
        for e in entries:
            value = e.value
            if value.startswith(_EMBARGO):
                dv = parse_date(value[len(_EMBARGO) :], "available")
                self.h(e, "OpenAIRE embargo end date taken as the available date")
                typed.append(dv)
                continue
            if e.name in DCTERMS_DATE_TYPES:
                dv = parse_date(value, DCTERMS_DATE_TYPES[e.name])
                typed.append(dv)
            else:
                dv = parse_date(value, "other")
                plain.append((e, dv))
            if dv.literal:
                self.diag.add(
                    Code.INVALID_VALUE,
                    f"date {value!r} is not a date; kept as text",
                    record=self.label,
                    element=e.qname,
                    line=e.line,
                    severity="info",
                )
            elif not re.match(r"^[\d\-:T.Z+/~?%]+$", value):
                self.h(e, "free-text date parsed")
        has_issued = any(d.type == "issued" for d in typed)
        out = list(typed)
        if plain:
            without_time = [
                i for i, (_, d) in enumerate(plain) if not _HAS_TIME.search(d.edtf() or "")
            ]
            issued_at = None
            if not has_issued:
                issued_at = without_time[0] if without_time else 0
            for i, (e, d) in enumerate(plain):
                if i == issued_at:
                    d = d.model_copy(update={"type": "issued"})
                    rule = (
                        "the only date taken as the issue date"
                        if len(plain) == 1
                        else ("first date without a time of day taken as the issue date")
                    )
                    self.h(e, rule)
                elif issued_at is not None and without_time and i not in without_time:
                    d = d.model_copy(update={"type": "available"})
                    self.h(e, "repository time stamp taken as the available date")
                else:
                    self.h(e, "further date kept untyped ('other')")
                out.append(d)
        self.rec["dates"] = out + self.rec["dates"]

    def descriptions(self, entries: list[Entry]) -> None:
        has_abstract = any(e.name == "abstract" for e in entries)
        plain = [e for e in entries if e.name == "description"]
        for e in entries:
            if e.name == "abstract":
                kind = "abstract"
            elif has_abstract:
                kind = "note"
            else:
                kind = H.description_kind(e.value, only=len(plain) == 1)
                if len(plain) > 1:
                    self.h(
                        e,
                        f"description taken as {'an' if kind == 'abstract' else 'a'} "
                        f"{kind} by its length",
                    )
            self.rec["descriptions"].append(Description(text=e.value, type=kind, lang=e.lang))

    def toc(self, e: Entry) -> None:
        self.rec["descriptions"].append(
            Description(text=e.value, type="table-of-contents", lang=e.lang)
        )

    def format(self, e: Entry) -> None:
        pages = H.page_count(e.value)
        if pages and self.hub_type not in PART_TYPES and "number_of_pages" not in self.rec:
            self.rec["number_of_pages"] = pages
            self.h(e, "page count taken as the number of pages")
        elif e.name == "extent" or H.is_size(e.value):
            if e.name != "extent":
                self.h(e, "format value taken as a size")
            self.rec["sizes"].append(e.value)
        else:
            self.rec["formats"].append(e.value)

    def identifier(self, e: Entry) -> None:
        hint = H.classify_identifier(e.value)
        if hint.kind == "attachment":
            self.rec["attachments"].append(Attachment(url=hint.value, kind=hint.scheme or "file"))
            self.h(e, hint.rule)
        elif hint.kind == "citation":
            self.citation(e)
        elif hint.scheme:
            scheme = hint.scheme
            to_container = (
                scheme in ("issn", "eissn", "lissn") and self.hub_type in PART_TYPES
            ) or (scheme == "isbn" and self.hub_type in BOOK_PART_TYPES)
            if to_container:
                self.h(e, f"{scheme.upper()} of a {self.hub_type} taken as its container's")
            else:
                self.h(e, hint.rule)
            self.add_identifier(scheme, hint.value, to_container)

    def citation(self, e: Entry) -> None:
        if "citation" in self.rec:
            self.keep(e)
            return
        self.rec["citation"] = e.value
        cit = H.parse_citation(e.value, with_work=True)
        self.apply_citation(e, cit, source=False)

    def apply_citation(self, e: Entry, cit: H.Citation, *, source: bool) -> bool:
        """Fill what the container lacks from a parsed citation; False when it conflicts."""
        c = self.container
        if cit.title:
            if c.get("title") and c["title"] != cit.title:
                return False
            c.setdefault("title", cit.title)
        for key in ("volume", "issue", "pages", "publisher", "place"):
            value = getattr(cit, key)
            if value:
                c.setdefault(key, value)
        if cit.year and source:
            c.setdefault("year", cit.year)
        for scheme, value in cit.identifiers:
            if scheme == "doi":
                if source:
                    self.rec["relations"].append(
                        Relation(
                            type="IsDerivedFrom", identifier=Identifier(scheme="doi", value=value)
                        )
                    )
                else:
                    self.add_identifier("doi", value)
            else:
                self.add_identifier(
                    scheme,
                    value,
                    to_container=scheme != "isbn" or self.hub_type in BOOK_PART_TYPES,
                )
        if cit.title or cit.has_locators:
            self.h(
                e,
                "citation parsed for container, volume, issue, pages"
                if cit.has_locators
                else "citation taken as the container title",
            )
        return True

    def source(self, e: Entry) -> None:
        found = classify(e.value) if len(e.value.split()) <= 2 else None
        if found and found[0] in ("issn", "eissn", "lissn", "isbn"):
            self.add_identifier(found[0], found[1], to_container=True)
            self.h(e, f"{found[0].upper()} in dc:source taken as the container's")
            return
        if found:
            self.rec["relations"].append(
                Relation(
                    type="IsDerivedFrom", identifier=Identifier(scheme=found[0], value=found[1])
                )
            )
            self.h(e, "identifier in dc:source taken as the source (IsDerivedFrom)")
            return
        cit = H.parse_citation(e.value)
        if not self.apply_citation(e, cit, source=True):
            self.rec["relations"].append(Relation(type="IsDerivedFrom", citation=e.value))
            self.h(e, "second source kept as a citation (IsDerivedFrom)")

    def language(self, e: Entry) -> None:
        tag, rule = H.to_bcp47(e.value, e.scheme)
        if tag is None:
            self.keep(e)
            self.diag.add(
                Code.INVALID_VALUE,
                f"language {e.value!r}: {rule}; kept in extras",
                record=self.label,
                element=e.qname,
                line=e.line,
                severity="info",
            )
            return
        if "language" in self.rec:
            if self.rec["language"] != tag:
                self.keep(e)
            return
        self.rec["language"] = tag
        self.h(e, rule)

    def relation(self, e: Entry) -> None:
        value = e.value
        if value.startswith(_GRANT):
            parts = value[len(_GRANT) :].split("/")
            parts += [""] * (6 - len(parts))
            funder, _program, award, _jur, title, _acronym = parts[:6]
            self.rec["funding"].append(
                Funding(
                    funder_name=funder or "unknown",
                    award_number=award or None,
                    award_title=title or None,
                    award_uri=value,
                )
            )
            self.h(e, "OpenAIRE grant agreement taken as funding")
            return
        if value.startswith(_ALT_ID):
            scheme, _, ident = value[len(_ALT_ID) :].partition("/")
            if ident:
                self.add_identifier(scheme, ident)
                self.h(e, "OpenAIRE alternative identifier")
                return
        rel_type = DCTERMS_RELATION_TYPES.get(e.name, "Other")
        info = None
        if e.name == "conformsTo":
            info = "conformsTo"
        found = classify(value) if len(value.split()) <= 2 else None
        if e.name == "isPartOf" and found is None and "title" not in self.container:
            self.container["title"] = value
            self.h(e, "isPartOf text taken as the container title")
            return
        if (found and found[0] in ("issn", "eissn", "lissn")) or (
            found
            and found[0] == "isbn"
            and (e.name == "isPartOf" or self.hub_type in BOOK_PART_TYPES)
        ):
            assert found is not None
            self.add_identifier(found[0], found[1], to_container=True)
            self.h(e, f"{found[0].upper()} in {e.qname} taken as the container's")
            return
        if found:
            rel = Relation(
                type=rel_type,
                identifier=Identifier(scheme=found[0], value=found[1]),
                type_information=info,
            )
        else:
            rel = Relation(type=rel_type, citation=value, type_information=info)
        if rel_type == "Other" and e.name == "relation":
            self.h(e, "relation of unknown type ('Other')")
        self.rec["relations"].append(rel)

    def coverage(self, e: Entry) -> None:
        scheme = e.scheme
        if e.name == "temporal" or scheme in ("Period", "W3CDTF"):
            self.temporal(e)
            return
        if scheme == "Point":
            pt = H.parse_dcmi_point(e.value)
            if pt:
                self.rec["geo_locations"].append(GeoLocation(point=pt[0], place=pt[1]))
                return
        if scheme == "Box":
            box = H.parse_dcmi_box(e.value)
            if box:
                self.rec["geo_locations"].append(GeoLocation(box=box[0], place=box[1]))
                return
        if scheme is None and e.name == "coverage":
            dv = parse_date(e.value, "coverage")
            if not dv.literal:
                self.rec["dates"].append(dv)
                self.h(e, "coverage that parses as a date taken as temporal")
                return
            pt = H.parse_dcmi_point(e.value)
            if pt:
                self.rec["geo_locations"].append(GeoLocation(point=pt[0], place=pt[1]))
                self.h(e, "DCMI Point")
                return
            box = H.parse_dcmi_box(e.value)
            if box:
                self.rec["geo_locations"].append(GeoLocation(box=box[0], place=box[1]))
                self.h(e, "DCMI Box")
                return
            self.h(e, "coverage text taken as a place")
        if scheme and scheme not in ("Point", "Box"):
            self.keep(e, "encoding_schemes")
        self.rec["geo_locations"].append(GeoLocation(place=e.value))

    def temporal(self, e: Entry) -> None:
        period = H.parse_dcmi_period(e.value)
        if period:
            start, end, name = period
            dv = DateValue(
                type="coverage",
                start=PartialDate.model_validate(_point(start)) if start else None,
                end=PartialDate.model_validate(_point(end)) if end else None,
                information=name,
                literal=None if (start or end) else e.value,
            )
            self.rec["dates"].append(dv)
            return
        self.rec["dates"].append(parse_date(e.value, "coverage"))

    def rights(self, e: Entry) -> None:
        parts = H.parse_rights(e.value)
        if parts.access:
            if "access_rights" in self.rec and self.rec["access_rights"] != parts.access:
                self.keep(e)
            self.rec.setdefault("access_rights", parts.access)
            return
        if e.name == "accessRights":
            self.rec.setdefault("access_rights", e.value)
            return
        self.h(e, parts.rule)
        self.rec["rights"].append(
            Rights(
                statement=parts.statement,
                uri=parts.uri,
                identifier=parts.identifier,
                identifier_scheme="SPDX" if parts.identifier else None,
                scheme_uri="https://spdx.org/licenses/" if parts.identifier else None,
                lang=e.lang if parts.statement else None,
            )
        )

    # -- the record ------------------------------------------------------------------------------

    def finish(self) -> Record:
        rec = self.rec
        if self.container or self.container_ids:
            c = self.container
            year = c.pop("year", None)
            issued = None
            if year is not None:
                rec_year = next((d.year for d in rec["dates"] if d.type == "issued"), None)
                if rec_year is None:
                    rec["dates"].append(DateValue(type="issued", start=PartialDate(year=year)))
                elif rec_year != year:
                    issued = DateValue(type="issued", start=PartialDate(year=year))
            rec["container"] = Container(
                type="periodical" if self.hub_type.startswith("article") else None,
                titles=[Title(text=c["title"])] if c.get("title") else [],
                identifiers=self.container_ids,
                volume=c.get("volume"),
                issue=c.get("issue"),
                pages=PageRange.parse(c["pages"]) if c.get("pages") else None,
                issued=issued,
                publisher=Publisher(name=c.get("publisher"), place=c.get("place"))
                if c.get("publisher") or c.get("place")
                else None,
            )
        if self.extras:
            rec["extras"] = {self.fmt: self.extras}
        return Record.model_validate({k: v for k, v in rec.items() if v not in ([], None)})


def _point(text: str) -> dict[str, Any]:
    p = parse_date(text, "coverage")
    if p.start is None:
        raise ValueError(f"not a date: {text!r}")
    return p.start.model_dump()


def _name_key(c: Contributor) -> str:
    if c.family:
        return f"{c.family}, {c.given}" if c.given else c.family
    return c.literal or c.display_name


assert all(n in READERS for n in DC_ELEMENTS)


def _header(elem: Any) -> _Header:
    identifier, datestamp, sets = header_values(elem)
    return _Header(identifier, datestamp, sets, elem.get("status") == "deleted", elem.sourceline)


def _has_dc_child(elem: Any) -> bool:
    return any(isinstance(child.tag, str) and _is_dc(child.tag) for child in elem)


def read(stream: IO[bytes], ctx: ReadContext) -> Iterator[Record]:
    """Read Dublin Core records (oai_dc, qualified DC, RDF/XML, OAI-PMH), one at a time; an
    empty input is a ParseError."""
    _head, stream = xmlsafe.checked_head(stream, ctx.source)
    opts = ctx.options if isinstance(ctx.options, DcReadOptions) else DcReadOptions()
    diag = _Diagnostics(ctx, opts.heuristic_diagnostics)
    header: _Header | None = None
    produced = False
    dc_depth = 0
    index = 0
    for event, elem in xmlsafe.iterparse(
        stream,
        source=ctx.source,
        events=("start", "end"),
        max_depth=ctx.limits.max_xml_depth,
        restart_after=(_OAI_RECORD,),
    ):
        tag = elem.tag
        if not isinstance(tag, str):
            continue
        in_dc = _is_dc(tag)
        if event == "start":
            if in_dc:
                dc_depth += 1
            continue
        if in_dc:
            dc_depth -= 1
            continue
        if dc_depth:
            continue
        if tag == _OAI_HEADER:
            header = _header(elem)
            continue
        if tag == _OAI_RECORD:
            if header is not None and header.deleted:
                ctx.report.add(
                    Code.DELETED_RECORD,
                    f"record {header.identifier} is marked deleted (datestamp "
                    f"{header.datestamp}); skipped",
                    severity="info",
                    record=header.identifier,
                    source_format=ctx.format,
                    source=ctx.source,
                    line=header.line,
                )
            elif not produced:
                ident = header.identifier if header else None
                ctx.reporter(ident, elem.sourceline).skip(
                    f"record {ident} has no Dublin Core metadata"
                )
            header, produced = None, False
            xmlsafe.release(elem)
            continue
        if tag == _OAI_TOKEN:
            _token(ctx, elem)
            continue
        if tag == _OAI_ERROR:
            code = elem.get("code") or "unknown"
            message = (elem.text or "").strip()
            if code == "noRecordsMatch":
                ctx.report.add(
                    Code.SYNTAX,
                    f"OAI-PMH: no records match ({message})",
                    severity="info",
                    source_format=ctx.format,
                    source=ctx.source,
                )
                continue
            raise ParseError(
                f"OAI-PMH error {code}: {message}", source=ctx.source, line=elem.sourceline
            )
        if not _has_dc_child(elem):
            continue
        index += 1
        label = header.identifier if header and header.identifier else str(index)
        if header is not None and header.deleted:
            xmlsafe.release(elem)
            continue
        record = _build(elem, ctx, diag, label, header)
        produced = True
        xmlsafe.release(elem)
        if record is not None:
            yield record


def _token(ctx: ReadContext, elem: Any) -> None:
    token = (elem.text or "").strip()
    attrs = ", ".join(f"{k}={v}" for k, v in sorted(elem.attrib.items()))
    if token:
        ctx.report.resumption_token = token
        ctx.report.add(
            Code.RESUMPTION_TOKEN,
            f"more records can be harvested with resumptionToken={token!r}"
            + (f" ({attrs})" if attrs else ""),
            severity="info",
            source_format=ctx.format,
            source=ctx.source,
            line=elem.sourceline,
        )


def _build(
    elem: Any, ctx: ReadContext, diag: _Diagnostics, label: str, header: _Header | None
) -> Record | None:
    line = elem.sourceline
    try:
        entries, unknown = _entries(elem, ctx, diag, label)
        builder = _Builder(ctx, diag, label)
        record = builder.build(entries, unknown)
    except (LimitExceeded, PydanticValidationError, ValueError) as exc:
        diag.pending.clear()
        diag.deferred.clear()
        reason = exc.reason if isinstance(exc, ParseError) else _first_error(exc)
        ctx.reporter(label, line).skip(reason, what="record skipped")
        return None
    if header is not None:
        updates: dict[str, Any] = {}
        if header.identifier:
            updates["id"] = header.identifier
        extra = dict(record.extras.get(ctx.format, {}))
        if header.datestamp:
            extra["oai:datestamp"] = header.datestamp
        if header.sets:
            extra["oai:setSpec"] = list(header.sets)
        if extra:
            updates["extras"] = {**record.extras, ctx.format: extra}
        record = record.model_copy(update=updates)
    diag.flush(record.label if header is None else label)
    return record


def _first_error(exc: Exception) -> str:
    if isinstance(exc, PydanticValidationError):
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        return f"{where}: {err['msg']}"
    return str(exc)
