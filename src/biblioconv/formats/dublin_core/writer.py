"""Dublin Core writers: ``oai_dc`` (valid against oai_dc.xsd) and qualified DC (``dcterms``).

Follows the DataCite to Dublin Core mapping (subtitle and version joined into the title,
affiliations and funders as contributors, typed dates dumbed down to ``dc:date`` in oai_dc) and,
with ``openaire`` on, the OpenAIRE / DRIVER conventions (``info:eu-repo/semantics`` types,
versions and access rights, ``info:eu-repo/grantAgreement`` funding, embargo end dates). The
qualified writer uses the dcterms refinements and ``xsi:type`` encoding schemes allowed by the
DCMI schemas, inside a container of type ``dcterms:elementOrRefinementContainer``.

One record is written as a bare document; several as an OAI-PMH ``ListRecords`` response (which
the reader streams back). Records are serialised one at a time.
"""

from __future__ import annotations

import datetime as _dt
import operator
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import IO, Any

from lxml import etree

from biblioconv.crosswalk import report_foreign_extras
from biblioconv.dates import parse_date
from biblioconv.errors import WriteError
from biblioconv.formats.dublin_core import heuristics as H
from biblioconv.formats.dublin_core.crosswalk import (
    DC_CROSSWALK,
    DC_ELEMENTS,
    DCTERMS_CROSSWALK,
    DCTERMS_DATE_TYPES,
    DCTERMS_RELATION_TYPES,
    EU_REPO_WRITE,
    PARTLY_CARRIED,
    RULE_TABLE,
    SUBJECT_SCHEMES,
    SUBJECT_XSI,
    dcmi_type_for,
)
from biblioconv.formats.dublin_core.options import DctermsWriteOptions, DcWriteOptions
from biblioconv.formats.dublin_core.reader import (
    BOOK_PART_TYPES,
    DC_NS,
    DCTERMS_NS,
    OAI_DC_NS,
    OAI_NS,
    PART_TYPES,
    XML_LANG,
    XSI_TYPE,
    normalise_space,
)
from biblioconv.formats.dublin_core.reader import (
    VERSION_TITLE as _VERSION_TITLE,
)
from biblioconv.formats.oaipmh import add_header, report_header_not_written, response_head
from biblioconv.identifiers import classify
from biblioconv.model import Contributor, DateValue, Identifier, Record, plain_text
from biblioconv.names import orcid_name, orcid_name_note
from biblioconv.registry import WriteContext
from biblioconv.report import Code
from biblioconv.rules import Carried, RuleContext, uncarried

__all__ = ["record_element", "write_dc", "write_dcterms"]

XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
_DATE_REFINEMENT = {v: k for k, v in DCTERMS_DATE_TYPES.items()}
_RELATION_REFINEMENT = {v: k for k, v in DCTERMS_RELATION_TYPES.items()}

_MEDIA_TYPE = re.compile(r"^[a-z]+/[a-z0-9][\w.+\-]*$", re.IGNORECASE)
#: a URI that the schemas' xs:anyURI accepts (encoding scheme URI): no spaces, brackets, braces
#: and the like, percent signs only in escapes
_URI = re.compile(
    r"^(?:https?|ftp|urn|info|doi):(?:[^\s\[\]{}<>\"\\^`|%]|%[0-9A-Fa-f]{2})+$", re.IGNORECASE
)
_W3CDTF = re.compile(
    r"^-?\d{4}(?:-(?:0[1-9]|1[0-2])(?:-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?)?)?)?$"
)
_NOT_WRITTEN_DATES = {"accessed", "coverage"}
_ORCID_URL = "https://orcid.org/"


@dataclass
class _Out:
    """The elements of one record, with what had to be coerced (by record path)."""

    qualified: bool
    elements: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    #: (path, what): changed on the way (reported as warnings)
    coerced: list[tuple[str, str]] = field(default_factory=list)
    #: (path, what): changed without loss of content (reported with severity info)
    notes: list[tuple[str, str]] = field(default_factory=list)
    #: (path, element): rich-text markup removed
    markup: list[tuple[str, str]] = field(default_factory=list)
    #: extras of other formats or vocabularies with no element
    dropped: list[str] = field(default_factory=list)
    #: (path, why): what the elements do not hold although a rule's home has it
    lost: list[tuple[str, str]] = field(default_factory=list)

    def add(
        self,
        name: str,
        text: str | None,
        *,
        lang: str | None = None,
        scheme: str | None = None,
        refinement: str | None = None,
        unique: bool = False,
    ) -> int:
        """Add an element (1) unless it is empty or, ``unique``, there already (0)."""
        if text is None or not str(text).strip():
            return 0
        qname = f"dcterms:{refinement or name}" if self.qualified else f"dc:{name}"
        attrs: dict[str, str] = {}
        if scheme and self.qualified:
            attrs["xsi:type"] = f"dcterms:{scheme}"
        elif lang:
            attrs["xml:lang"] = lang
        value = str(text)
        if "<" in value:
            value = plain_text(value)
        item = (qname, _clean(value), attrs)
        if not unique or all(e[:2] != item[:2] for e in self.elements):
            self.elements.append(item)
            return 1
        return 0


#: white space the reader may collapse
_SPACES = re.compile(r"\s\s|[^\S ]|^\s|\s$")
_CTRL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _CTRL.sub("", text)


def _identifier_text(ident: Identifier, doi_form: str) -> str:
    if ident.scheme == "doi" and ident.valid is not False:
        return {
            "url": f"https://doi.org/{ident.value}",
            "info": f"info:doi/{ident.value}",
            "doi": f"doi:{ident.value}",
        }[doi_form]
    if ident.scheme in ("isbn",):
        return f"urn:isbn:{ident.value}"
    if ident.scheme in ("issn", "lissn"):
        return f"urn:issn:{ident.value}"
    if ident.scheme == "eissn":
        return f"eISSN {ident.value}"
    if ident.scheme in ("local", "url", "urn", "urn-nbn", "ark", "other"):
        return ident.value
    url = ident.url
    if url:
        return url
    return f"{ident.scheme}:{ident.value}"


#: the reader's identifier rules, cached
_read_back_identifier = lru_cache(maxsize=8192)(H.classify_identifier)
_classify = lru_cache(maxsize=4096)(classify)


@lru_cache(maxsize=1024)
def _to_bcp47(language: str) -> str | None:
    """The language tag the reader makes of a written one."""
    return H.to_bcp47(language)[0]


#: the reader's name rules, cached: the same names recur across a bibliography (the results
#: are only read here)
_read_back_name = lru_cache(maxsize=8192)(H.parse_name)


_PART_NAMES = ("family", "given", "non_dropping_particle", "dropping_particle", "suffix", "literal")


#: the parts of a name, as a tuple
_parts: Any = operator.attrgetter(*_PART_NAMES)


def _describe(name: Any) -> str:
    """The parts of a name, as a diagnostic says them."""
    said = [
        f"{'unsplit name' if part == 'literal' else part.replace('_', ' ')} {value!r}"
        for part, value in zip(_PART_NAMES, _parts(name), strict=True)
        if value
    ]
    return ", ".join(said) or "no name"


def _name_text(c: Contributor, life: dict[str, Any]) -> str | None:
    if c.family:
        family = " ".join(p for p in (c.non_dropping_particle, c.family) if p)
        given = " ".join(p for p in (c.given, c.dropping_particle) if p)
        text = f"{family}, {given}" if given else family
        if c.suffix:
            text += f", {c.suffix}"
        key = f"{c.family}, {c.given}" if c.given else c.family
    elif c.literal:
        text = key = c.literal
    elif c.given:
        text = key = c.given
    else:
        orcid = c.orcid
        if orcid:
            return _ORCID_URL + orcid
        ident = c.identifiers[0]
        return ident.url or f"{ident.scheme}:{ident.value}"
    dates = life.get(key)
    if isinstance(dates, str):
        text += f", {dates}"
    return text


def _date_order(dates: list[DateValue]) -> list[DateValue]:
    """Dates in record order, but the issue date first when an earlier date has no time of day
    (the reader takes the first date without a time as the issue date)."""
    issued = next((i for i, d in enumerate(dates) if d.type == "issued"), None)
    if issued is None:
        return list(dates)
    before = dates[:issued]
    if any(d.type not in _NOT_WRITTEN_DATES and "T" not in (d.edtf() or "T") for d in before):
        return [dates[issued], *before, *dates[issued + 1 :]]
    return list(dates)


def _date_text(d: DateValue) -> str | None:
    return d.edtf() or d.literal


def _period(d: DateValue) -> str:
    parts = []
    if d.start:
        parts.append(f"start={d.start.iso()};")
    if d.end:
        parts.append(f"end={d.end.iso()};")
    if d.information:
        parts.append(f"name={d.information};")
    parts.append("scheme=W3C-DTF;")
    return " ".join(parts)


def _container_citation(record: Record) -> str | None:
    """The container as a citation: "BMJ Innovations, 8(3), 190-198" (journals) or
    "In: Book title. Publisher, Place, pp. 33-58" (books)."""
    c = record.container
    if c is None:
        return None
    head = c.title or ""
    if c.publisher and (c.publisher.name or c.publisher.place):
        pub = ", ".join(p for p in (c.publisher.name, c.publisher.place) if p)
        head = f"In: {head}. {pub}" if head else pub
    loc = ""
    if c.volume and not c.issue and not c.pages:
        loc = f"vol. {c.volume}"  # a bare number would read back as part of the title
    elif c.volume:
        loc = c.volume + (f"({c.issue})" if c.issue else "")
    elif c.issue:
        loc = f"no. {c.issue}"
    pages = None
    if c.pages:
        pages = c.pages.text("-") if c.volume else f"pp. {c.pages.text('-')}"
    text = ", ".join(p for p in (head, loc, pages) if p)
    if c.issued and c.issued.year:
        text += f" ({c.issued.year})"
    return text or None


def _check_citation(c: Any, text: str, out: _Out) -> H.Citation:
    """Note a container whose citation text will not read back into the same parts (severity
    info: the text is all there; a reader's citation rules split it otherwise)."""
    cit = H.parse_citation(text)
    pages = c.pages.text("-") if c.pages else None
    meant = (plain_text(c.title) if c.title else None, c.volume, c.issue, pages)
    got = (cit.title, cit.volume, cit.issue, cit.pages)
    if got != meant:
        said = ", ".join(
            f"{k} {v!r}"
            for k, v in zip(("title", "volume", "issue", "pages"), got, strict=True)
            if v
        )
        out.notes.append(
            ("container", f"container written as the citation {text!r}, which parses as {said}")
        )
    return cit


def _container_identifiers(record: Record) -> list[str]:
    out = []
    for i in record.container.identifiers if record.container else []:
        if i.scheme in ("issn", "lissn"):
            out.append(f"ISSN {i.value}")
        elif i.scheme == "eissn":
            out.append(f"eISSN {i.value}")
        elif i.scheme == "isbn":
            out.append(f"ISBN {i.value}")
        else:
            out.append(i.url or f"{i.scheme}:{i.value}")
    return out


#: publication status -> the info:eu-repo/semantics version term that says it
_VERSIONS = {
    "in-preparation": "draft",
    "submitted": "submittedVersion",
    "accepted": "acceptedVersion",
    "published": "publishedVersion",
}


def _type_values(
    record: Record, fmt: str, opts: DcWriteOptions, extras: dict[str, Any]
) -> list[str]:
    values: list[str] = []
    native = record.native_types.get(fmt) or next(iter(record.native_types.values()), None)
    derived_genre: str | None = None
    if opts.openaire:
        term = None
        if native:
            hint = H.classify_type(native)
            if hint.kind == "eu-repo" and hint.hub == record.type and hint.term:
                term = hint.term
        if term is None:
            term = EU_REPO_WRITE.get(record.type)
            if record.type == "thesis":
                genre = (record.genre or "").lower()
                term = (
                    "masterThesis"
                    if "master" in genre
                    else ("bachelorThesis" if "bachelor" in genre else "doctoralThesis")
                )
            elif record.type == "report" and "working paper" in (record.genre or "").lower():
                term = "workingPaper"
            elif term is None:
                term = "other"
        values.append(H.EU_REPO + term)
        derived_genre = H.thesis_label(term)
    if native and not native.startswith(H.EU_REPO) and H.classify_type(native).kind == "word":
        values.append(native)
    if record.genre and record.genre != derived_genre:
        values.append(record.genre)
    elif not record.genre and native and not native.startswith(H.EU_REPO):
        values.append(native)
    elif not record.genre and record.type == "other":
        values.append("Other")
    values.append(dcmi_type_for(record.type))
    if opts.openaire and record.publication_status:
        version = _VERSIONS.get(record.publication_status)
        if version:
            values.append(H.EU_REPO + version)
    if record.peer_reviewed is not None:
        values.append("PeerReviewed" if record.peer_reviewed else "NonPeerReviewed")
    seen: set[str] = set()
    out = []
    for v in values:
        if v.lower() not in seen:
            seen.add(v.lower())
            out.append(v)
    return out


@lru_cache(maxsize=1024)
def _read_back_types(values: tuple[str, ...]) -> tuple[str, str | None, tuple[str, ...]]:
    """What the reader makes of these dc:type values: the hub type, the genre and the values
    it keeps aside (cached: the same values recur across a bibliography)."""
    genre, kept = H.read_genre(list(values))
    return H.decide_type(list(values))[0] or "document", genre, tuple(kept)


def _extras_key(record: Record, fmt: str) -> str:
    """The format whose extras are written back: the target's, else the other Dublin Core's."""
    other = "dc" if fmt == "dcterms" else "dcterms"
    return fmt if record.extras.get(fmt) or not record.extras.get(other) else other


def _extras(record: Record, fmt: str) -> dict[str, Any]:
    return dict(record.extras.get(_extras_key(record, fmt)) or {})


def _paths(record: Record) -> dict[int, str]:
    """The concrete path of each list element of a record (by identity)."""
    out: dict[int, str] = {}
    for name, value in record.__dict__.items():
        if isinstance(value, list):
            for i, item in enumerate(value):
                out[id(item)] = f"{name}[{i}]"
    for i, c in enumerate(record.contributors):
        for j, a in enumerate(c.affiliations):
            out[id(a)] = f"contributors[{i}].affiliations[{j}]"
    if record.container is not None:
        for name in ("titles", "identifiers"):
            for i, item in enumerate(getattr(record.container, name)):
                out[id(item)] = f"container.{name}[{i}]"
    return out


class _Always(dict[str, Any]):
    """The native fields of a record: Dublin Core elements repeat, so every rule that applies
    writes (no rule's element stands in for another's)."""

    def __contains__(self, key: object) -> bool:
        return False


class _Writer(_Out):
    """The elements of one record, written by the rules of the crosswalk (each method is the
    writer of one rule: it adds the elements for the values at the rule's home and gives
    ``None`` when it wrote nothing), with what had to be coerced, by record path."""

    def __init__(self, record: Record, fmt: str, opts: DcWriteOptions) -> None:
        super().__init__(qualified=fmt == "dcterms")
        self.record = record
        self.fmt = fmt
        self.opts = opts
        self.extras = _extras(record, fmt)
        life = self.extras.get("life_dates")
        self.life: dict[str, Any] = life if isinstance(life, dict) else {}
        self.schemes = opts.encoding_schemes if isinstance(opts, DctermsWriteOptions) else False
        self._paths: dict[int, str] | None = None
        self.carried = Carried()
        #: list elements at a rule's home that no element holds
        self.unwritten: list[Any] = []
        #: the elements of lists in the order the reader makes them (something new: a name)
        self.titles_read: list[Any] = []
        self.contributors_read: list[Any] = []
        self.dates_read: tuple[list[Any], list[Any], list[Any]] = ([], [], [])
        self.descriptions_read: tuple[list[Any], list[Any]] = ([], [])
        self.rights_read: list[Any] = []
        self.container_ids_read: list[Any] = []
        #: (read first: a dcterms:isPartOf, relation or what reads back as one)
        self.relations_read: list[tuple[bool, Any]] = []
        #: the first value written that reads back as the citation (parsed for the container
        #: before dc:source), with its parts
        self.cited: tuple[str, H.Citation] | None = None
        #: the container title the reader has when it comes to the relations
        self.container_title_back: str | None = None
        #: where the dc:format / dcterms:extent values written so far read back
        self.format_landings: list[str] = []

    def sch(self, name: str | None) -> str | None:
        return name if self.schemes else None

    def path(self, obj: Any, attr: str = "") -> str:
        """The concrete path of a list element of the record (``attr``: of its attribute)."""
        if self._paths is None:
            self._paths = _paths(self.record)
        path = self._paths[id(obj)]
        return f"{path}.{attr}" if attr else path

    def coerce(self, obj: Any, attr: str, what: str) -> None:
        self.coerced.append((self.path(obj, attr), what))

    def note(self, obj: Any, attr: str, what: str) -> None:
        self.notes.append((self.path(obj, attr), what))

    def text(self, name: str, text: str | None, obj: Any = None, attr: str = "", **kw: Any) -> int:
        """Add an element, noting rich-text markup removed and white space that reads back
        collapsed at the path of ``obj`` (or ``attr``)."""
        if text is not None:
            plain = plain_text(text) if "<" in text else text
            if plain != text:
                qname = (
                    f"dcterms:{kw.get('refinement') or name}" if self.qualified else f"dc:{name}"
                )
                self.markup.append((self.path(obj, attr) if obj is not None else attr, qname))
            local = kw.get("refinement") or name
            if _SPACES.search(plain) and normalise_space(local, plain) != plain:
                self.notes.append(
                    (
                        self.path(obj, attr) if obj is not None else attr,
                        "white space (line breaks) reads back collapsed",
                    )
                )
        return self.add(name, text, **kw)

    # -- the rules' writers ------------------------------------------------------------------------

    def titles(self, titles: list[Any]) -> int | None:
        record = self.record
        main = next((t for t in titles if t.type == "main"), titles[0])
        n = 0
        text = main.text
        if record.subtitle:
            text = f"{text}: {record.subtitle}"
            self.coerce(main, "text", "subtitle joined to the title")
        if record.version:
            text = (
                f"{text} (v{record.version})"
                if not record.version.lower().startswith("v")
                else f"{text} ({record.version})"
            )
        n += self.text("title", text, main, "text", lang=main.lang)
        versioned = _VERSION_TITLE.match(text)
        if not record.version and versioned:
            what = f"the title {text!r} ends like a version, which reads back apart"
            self.coerce(main, "text", what)
            self.coerced.append(("version", what))
        elif record.version and (not versioned or versioned.group("v") != record.version):
            what = f"the version {record.version!r} appended to the title does not read back apart"
            self.coerce(main, "text", what)
            self.coerced.append(("version", what))
        self.titles_read.append(main)
        subtitle_joined = False
        for t in titles:
            if t is main:
                continue
            if t.type == "subtitle" and not subtitle_joined:
                subtitle_joined = True
                continue
            if t.type in ("subtitle", "short"):
                self.unwritten.append(t)
                continue
            if self.text("title", t.text, t, "text", lang=t.lang, refinement="alternative"):
                n += 1
                self.titles_read.append(t)
            if t.type != "alternative":
                back = "alternative"
                main_lang = main.lang
                if t.lang and main_lang and t.lang != main_lang:
                    back = "translated"
                if back != t.type:
                    self.coerce(t, "type", f"a title of type {t.type} written as an {back} title")
        return n or None

    def creators(self, authors: list[Contributor]) -> int | None:
        n = 0
        for c in authors:
            if self.add("creator", self.person(c), lang=c.lang):
                n += 1
                self.contributors_read.append(c)
        return n or None

    def person(self, c: Contributor) -> str | None:
        """:func:`_name_text`, noting a name that reads back otherwise (free text has no name
        type; the reader's documented heuristic goes by organisation words)."""
        text = _name_text(c, self.life)
        if orcid_name(c) is not None:
            self.note(c, "", orcid_name_note(c, f"the {c.role}"))
        if text and (c.family or c.given or c.literal):
            back = _read_back_name(text)
            if back.life_dates:
                key = f"{back.family}, {back.given}" if back.given else back.family or text
                if self.life.get(key) != back.life_dates:
                    what = f"name {text!r} reads back with the life dates {back.life_dates!r}"
                    self.notes.append((f"extras.{self.fmt}.life_dates", what))
            if c.kind == "person" and back.kind == "organization":
                self.coerce(
                    c,
                    "",
                    f"person {text!r} written as free text, which reads back as an organisation",
                )
            elif c.kind == "organization" and back.kind != "organization":
                self.coerce(
                    c,
                    "",
                    f"organisation {text!r} written as free text, which reads back as a person",
                )
            # the text is all there in these two: severity info
            elif c.literal and back.literal is None and (back.family or back.given):
                self.note(
                    c,
                    "",
                    f"name {text!r} written whole, which reads back split into family and "
                    "given names",
                )
            elif c.kind == "person" and _parts(back) != _parts(c):
                self.note(c, "", f"name {text!r} reads back as {_describe(back)}")
        return text

    def subjects(self, subjects: list[Any]) -> int | None:
        n = 0
        for s in subjects:
            scheme = self.sch(SUBJECT_XSI.get((s.scheme or "").lower()))
            if scheme and s.lang and self.qualified:
                self.coerce(s, "lang", "xml:lang dropped where an encoding scheme is written")
            if scheme and s.scheme != SUBJECT_SCHEMES[scheme]:
                self.coerce(
                    s,
                    "scheme",
                    f"subject scheme {s.scheme!r} written as xsi:type dcterms:{scheme}, which "
                    f"reads back as {SUBJECT_SCHEMES[scheme]!r}",
                )
            n += self.text("subject", s.term, s, "term", lang=s.lang, scheme=scheme)
        return n or None

    def descriptions(self, descriptions: list[Any]) -> int | None:
        n = 0
        for desc in descriptions:
            ref = {"abstract": "abstract", "table-of-contents": "tableOfContents"}.get(desc.type)
            if self.text("description", desc.text, desc, "text", lang=desc.lang, refinement=ref):
                n += 1
                self.descriptions_read[
                    0 if ref == "tableOfContents" and self.qualified else 1
                ].append(desc)
        typed = {"abstract", "table-of-contents"} if self.qualified else set()
        plain = [d for d in descriptions if d.type not in typed]
        has_abstract = any(d.type == "abstract" for d in descriptions if d.type in typed)
        for d in plain:
            back = "note" if has_abstract else H.description_kind(d.text, only=len(plain) == 1)
            if back != d.type:
                self.coerce(d, "type", f"a description of type {d.type} reads back as {back}")
        return n or None

    def publisher(self, publishers: list[Any]) -> int | None:
        p = publishers[0]
        return self.add("publisher", p.name, lang=p.lang) or None

    def contributors(self, contributors: list[Contributor]) -> int | None:
        n = 0
        for c in contributors:
            if c.role == "author":
                continue
            ref = "rightsHolder" if c.role == "rights-holder" and self.qualified else None
            if self.add("contributor", self.person(c), lang=c.lang, refinement=ref):
                n += 1
                self.contributors_read.append(c)
            if ref:
                continue
            if c.role != "contributor":
                self.coerce(c, "role", f"role {c.role} written as a plain contributor")
        return n or None

    def affiliations(self, affiliations: list[Any]) -> int | None:
        n = 0
        for a in affiliations:
            for k, _ in enumerate(a.identifiers):
                self.lost.append((self.path(a, f"identifiers[{k}]"), "affiliations are plain text"))
            if self.add("contributor", a.name, unique=True):
                n += 1
                self.contributors_read.append(
                    f"the affiliation {a.name!r} written as a contributor"
                )
        return n or None

    def funders(self, funding: list[Any]) -> int | None:
        n = 0
        for f in funding:
            if self._grant(f) is not None:
                continue
            if self.add("contributor", f.funder_name):
                n += 1
                self.contributors_read.append(
                    f"the funder {f.funder_name!r} written as a contributor"
                )
            award = f.award_uri or f.award_number
            if award and self.add("relation", award):
                self.relations_read.append((False, f"the award {award!r}"))
        return n or None

    def _grant(self, f: Any) -> str | None:
        if not self.opts.openaire:
            return None
        uri = f.award_uri or ""
        if uri.startswith("info:eu-repo/grantAgreement/"):
            return str(uri)
        if f.award_number:
            return f"info:eu-repo/grantAgreement/{f.funder_name}//{f.award_number}/" + (
                f"/{f.award_title}" if f.award_title else ""
            )
        return None

    def grants(self, funding: list[Any]) -> int | None:
        n = 0
        for f in funding:
            grant = self._grant(f)
            if grant is not None:
                n += self.add("relation", grant)
        return n or None

    def dates(self, dates: list[DateValue]) -> int | None:
        record, q = self.record, self.qualified
        n = 0
        issued = False
        for dv in dates if q else _date_order(dates):
            if dv.type == "coverage":
                continue
            text = _date_text(dv)
            if dv.type == "accessed" or text is None:
                self.unwritten.append(dv)
                continue
            self.date_text(dv, text)
            if not q and dv.type == "issued":
                if issued:
                    self.coerce(dv, "type", "a further issue date reads back as of type other")
                issued = True
            if (
                self.opts.openaire
                and dv.type == "available"
                and record.access_rights
                and record.access_rights.endswith("embargoedAccess")
                and dv.start
            ):
                n += self.add("date", f"info:eu-repo/date/embargoEnd/{dv.start.iso()}")
                self.dates_read[0].append(dv)
                continue
            ref = _DATE_REFINEMENT.get(dv.type)
            if (not q and dv.type != "issued") or (q and ref is None):
                self.coerce(dv, "type", f"a date of type {dv.type} written untyped")
            if self.add(
                "date",
                text,
                refinement=ref,
                scheme=self.sch("W3CDTF") if _W3CDTF.match(text) else None,
            ):
                n += 1
                self.dates_read[0 if q and ref else 1].append(dv)
        return n or None

    def date_text(self, dv: DateValue, text: str) -> None:
        """Note the text of a date that is not its literal (which is then not written), and a
        literal that reads back parsed as a date."""
        if dv.literal and text != dv.literal:
            self.lost.append(
                (self.path(dv, "literal"), f"the date is written as {text!r}, not as its text")
            )
        elif dv.literal and not parse_date(text, dv.type).literal:
            self.coerce(dv, "", f"the date text {text!r} reads back parsed as a date")

    def types(self, types: list[str]) -> int | None:
        n = 0
        for v in _type_values(self.record, self.fmt, self.opts, self.extras):
            hint = H.classify_type(v)
            n += self.add(
                "type",
                v,
                scheme=self.sch("DCMIType") if hint.kind == "dcmi" and v == hint.term else None,
                unique=True,
            )
        return n or None

    def written_with_type(self, values: list[Any]) -> bool:
        """Written among the dc:type values."""
        return True

    def status(self, values: list[str]) -> bool | None:
        return True if values[0] in _VERSIONS else None

    def landing(self, text: str, extent: bool) -> str:
        """Where a dc:format (``extent``: dcterms:extent) value written now reads back: the
        number of pages (the first page count of a whole work), a size or a format."""
        landed = self.format_landings
        extent = extent and self.qualified
        if (
            H.page_count(text)
            and self.record.type not in PART_TYPES
            and "number_of_pages" not in landed
        ):
            at = "number_of_pages"
        elif extent or H.is_size(text):
            at = f"sizes[{sum(p.startswith('sizes') for p in landed)}]"
        else:
            at = f"formats[{sum(p.startswith('formats') for p in landed)}]"
        landed.append(at)
        return at

    def format_value(self, path: str, text: str, *, extent: bool, what: str) -> int:
        """Add a dc:format / dcterms:extent value, noting one that reads back elsewhere."""
        added = self.add(
            "format",
            text,
            refinement="extent" if extent else None,
            scheme=self.sch("IMT") if not extent and _MEDIA_TYPE.match(text) else None,
        )
        if not added:
            return 0
        at = self.landing(text, extent)
        if at != path:
            element = "dcterms:extent" if extent and self.qualified else "dc:format"
            said = f"{what} {text!r} written as {element}, which reads back as {at}"
            self.coerced.append((path, said))
            self.notes.append((at, said))
        return added

    def formats(self, formats: list[str]) -> int | None:
        n = 0
        for k, f_ in enumerate(formats):
            n += self.format_value(f"formats[{k}]", f_, extent=False, what="the format")
        return n or None

    def sizes(self, sizes: list[str]) -> int | None:
        n = 0
        for k, s_ in enumerate(sizes):
            n += self.format_value(f"sizes[{k}]", s_, extent=True, what="the size")
        return n or None

    def pages(self, values: list[str]) -> int | None:
        text = f"{values[0]} pages"
        what = "the number of pages"
        if H.page_count(text) == values[0]:
            return self.format_value("number_of_pages", text, extent=True, what=what) or None
        if not self.add("format", text, refinement="extent"):
            return None
        at = self.landing(text, True)  # not a page count: whatever it reads back as
        said = f"{what} written as {text!r}, which reads back as {at}"
        self.coerced.append(("number_of_pages", said))
        self.notes.append((at, said))
        return 1

    def identifiers(self, identifiers: list[Identifier]) -> int | None:
        n = 0
        seen: dict[tuple[str | None, str | None], Identifier] = {}
        record_type = self.record.type
        merged = 0  # identifiers read back as one written before them: later ones move up
        for i in identifiers:
            text = _identifier_text(i, self.opts.doi_form)
            back = _read_back_identifier(text)
            key = (back.scheme, back.value)
            if merged:
                self.note(i, "", f"reads back {merged} place(s) earlier (a merged identifier)")
            if back.scheme and key in seen:
                self.coerce(
                    i,
                    "",
                    f"{i.scheme} {i.value!r} reads back as the same identifier as "
                    f"{self.path(seen[key])}",
                )
                merged += 1
            seen.setdefault(key, i)
            if back.kind == "attachment":
                what = f"{i.scheme} {text!r} reads back as an attachment"
                self.coerce(i, "", what)
                self.notes.append(("attachments", what))
            elif back.kind == "citation":
                what = f"{i.scheme} {text!r} reads back as a citation (parsed for the container)"
                self.coerce(i, "", what)
                self.cite(text)
                for at in ("citation", "container", "relations(type=IsDerivedFrom)"):
                    self.notes.append((at, what))
            elif (back.scheme in ("issn", "eissn", "lissn") and record_type in PART_TYPES) or (
                back.scheme == "isbn" and record_type in BOOK_PART_TYPES
            ):
                what = f"{i.scheme} {i.value!r} of a {record_type} reads back as its container's"
                self.coerce(i, "", what)
                self.notes.append(("container.identifiers", what))
            elif (back.scheme, back.value) != (i.scheme, i.value):
                self.coerce(
                    i,
                    "",
                    f"{i.scheme} {i.value!r} written as {text!r}, which reads back as "
                    + (f"{back.scheme} {back.value!r}" if back.scheme else "a citation"),
                )
            n += self.add("identifier", text, scheme=self.sch("URI") if _URI.match(text) else None)
        return n or None

    def attachments(self, attachments: list[Any]) -> int | None:
        n = 0
        for a in attachments:
            n += self.add(
                "identifier", a.url, scheme=self.sch("URI") if _URI.match(a.url) else None
            )
            back = _read_back_identifier(a.url)
            if back.kind == "citation":
                self.cite(a.url)
                what = f"attachment {a.url!r} reads back as a citation (parsed for the container)"
                for at in ("citation", "container", "relations(type=IsDerivedFrom)"):
                    self.notes.append((at, what))
            elif back.kind != "attachment" and back.scheme:
                self.notes.append(
                    (
                        f"identifiers(scheme={back.scheme})",
                        f"attachment {a.url!r} written as a dc:identifier, which reads back as "
                        f"a {back.scheme} identifier",
                    )
                )
        return n or None

    def cite(self, text: str) -> None:
        """Note a value that reads back as the record's citation: the reader parses the first
        one for the container (before dc:source), so its parts are what the container reads
        back with (see :meth:`cited_container`)."""
        if self.cited is None:
            self.cited = (text, H.parse_citation(text, with_work=True))

    def citation(self, values: list[str]) -> int | None:
        if not self.qualified:
            back = _read_back_identifier(values[0])
            if back.kind != "citation":
                what = f"the citation {values[0]!r} reads back as a {back.kind} identifier"
                self.notes.append((f"identifiers(scheme={back.scheme})", what))
            else:
                self.cite(values[0])
        else:
            self.cite(values[0])
        return self.add("identifier", values[0], refinement="bibliographicCitation") or None

    def cited_identifiers(self, text: str, cit: H.Citation) -> None:
        """Note the identifiers in a citation parsed for the container that the record does not
        have: the reader adds them (a DOI to the record, others to the container but an ISBN of
        a whole work)."""
        record = self.record
        c = record.container
        mine = {(i.scheme, i.value) for i in record.identifiers}
        theirs = {(i.scheme, i.value) for i in c.identifiers} if c else set()
        for scheme, value in cit.identifiers:
            to_container = scheme != "doi" and (scheme != "isbn" or record.type in BOOK_PART_TYPES)
            if (scheme, value) in (theirs if to_container else mine):
                continue
            whose = "the container" if to_container else "the record"
            self.notes.append(
                (
                    "container.identifiers" if to_container else "identifiers",
                    f"{scheme} {value!r} in the citation {text!r} reads back as an identifier "
                    f"of {whose}",
                )
            )

    def cited_container(self, part_of: str | None, source: str | None) -> bool:
        """Note what the container reads back with when a citation of the record is parsed for
        it (the record's citation read first, then the dcterms:isPartOf title ``part_of`` and
        the citation ``source`` written as dc:source); True when dc:source then conflicts with
        it (and reads back as a relation of its own)."""
        if self.cited is None:
            return False
        text, cit = self.cited
        got: dict[str, str] = {}
        if part_of:
            got["title"] = part_of
        same = not (cit.title and got.get("title") and got["title"] != cit.title)
        if same:
            for key in ("title", "volume", "issue", "pages", "publisher", "place"):
                value = getattr(cit, key)
                if value:
                    got.setdefault(key, value)
        conflict = False
        if source:
            parsed = H.parse_citation(source)
            if parsed.title and got.get("title") and got["title"] != parsed.title:
                conflict = True
            else:
                for key in ("title", "volume", "issue", "pages", "publisher", "place"):
                    value = getattr(parsed, key)
                    if value:
                        got.setdefault(key, value)
        c = self.record.container
        pub = c.publisher if c else None
        meant = {
            "title": normalise_space("relation", plain_text(c.title)) if c and c.title else None,
            "volume": c.volume if c else None,
            "issue": c.issue if c else None,
            "pages": c.pages.text("-") if c and c.pages else None,
            "publisher": pub.name if pub else None,
            "place": pub.place if pub else None,
        }
        self.container_title_back = got.get("title")
        differ = [k for k, v in meant.items() if got.get(k) != v]
        if differ:
            said = ", ".join(f"{k} {got.get(k)!r}" for k in differ)
            self.coerced.append(
                (
                    "container",
                    f"the citation {text!r} is parsed for the container when read: it reads "
                    f"back with {said}",
                )
            )
        if same:
            self.cited_identifiers(text, cit)
        if conflict:
            self.coerced.append(
                (
                    "container",
                    f"the container's citation {source!r} conflicts with the citation {text!r} "
                    "read first: it reads back as the source (IsDerivedFrom)",
                )
            )
            self.relations_read.append((False, "the container's citation"))
        return conflict

    def container(self, containers: list[Any]) -> int | None:
        record, q = self.record, self.qualified
        c = containers[0]
        n = 0
        inferred = "periodical" if record.type.startswith("article") else None
        if c.type and c.type != inferred:
            self.lost.append(("container.type", "Dublin Core has no container type"))
        elif inferred and not c.type:
            self.coerced.append(
                (
                    "container.type",
                    f"the container reads back as a periodical (inferred for type {record.type})",
                )
            )
        for k, i in enumerate(c.identifiers):
            if i.label:
                self.lost.append(
                    (f"container.identifiers[{k}].label", "Dublin Core has no identifier labels")
                )
        if c.issued is not None and c.issued.information:
            self.lost.append(("container.issued.information", "no home for date information"))
        main = next((t for t in c.titles if t.type == "main"), None)
        for k, t in enumerate(c.titles):
            if t is not main:
                self.lost.append(
                    (f"container.titles[{k}]", f"Dublin Core has no {t.type} container title")
                )
        if q and c.title:
            n += self.text("relation", c.title, attr="container.titles", refinement="isPartOf")
        cit = _container_citation(record)
        source = cit if cit and (not q or cit != c.title) else None
        title = normalise_space("relation", plain_text(c.title)) if c.title else None
        if self.cited is not None:
            self.cited_container(title if q else None, source)
        elif source:
            parsed_title = _check_citation(c, source, self).title
            self.container_title_back = (title if q else None) or parsed_title
        else:
            self.container_title_back = title if q else None
        if source:
            n += self.add("source", source)
            parsed = H.parse_citation(source)
            if self.cited is None and q and title and parsed.title and parsed.title != title:
                what = (
                    f"the container's citation {cit!r} does not start with its title (written as "
                    "dcterms:isPartOf): it reads back as the source (IsDerivedFrom)"
                )
                self.coerced.append(("container", what))
                self.relations_read.append((False, "the container's citation"))
        merged: dict[tuple[str, str], int] = {}
        for k, (i, ref) in enumerate(
            zip(c.identifiers, _container_identifiers(record), strict=True)
        ):
            n += self.add("relation", ref, refinement="isPartOf")
            found = _classify(ref) if len(ref.split()) <= 2 else None
            if found is None or not (
                found[0] in ("issn", "eissn", "lissn")
                or (found[0] == "isbn" and (q or record.type in BOOK_PART_TYPES))
            ):
                what = f"container identifier {ref!r} reads back as a relation"
                self.coerced.append((f"container.identifiers[{k}]", what))
                self.relations_read.append((q, f"the container identifier {ref!r}"))
            elif (found[0], found[1]) in merged:
                self.coerced.append(
                    (
                        f"container.identifiers[{k}]",
                        f"container {i.scheme} {i.value!r} reads back as the same identifier as "
                        f"container.identifiers[{merged[(found[0], found[1])]}]",
                    )
                )
            else:
                merged[(found[0], found[1])] = k
                self.container_ids_read.append(i)
                if (found[0], found[1]) != (i.scheme, i.value):
                    self.coerced.append(
                        (
                            f"container.identifiers[{k}]",
                            f"container {i.scheme} {i.value!r} written as {ref!r}, which reads "
                            f"back as {found[0]} {found[1]!r}",
                        )
                    )
        issued = c.issued
        if issued is not None and cit:
            year = record.issued.year if record.issued else None
            if record.issued is None:
                what = "the container's year in the citation reads back as the record's issue date"
                self.notes.append(("dates(type=issued)", what))
            if year is None or year == issued.year or issued.edtf() != str(issued.year):
                self.coerced.append(
                    (
                        "container.issued",
                        "the container's date written as its year in the citation, which reads "
                        + ("back as the record's" if year in (None, issued.year) else "back alone"),
                    )
                )
        return n or None

    def language(self, values: list[str]) -> int | None:
        language = values[0]
        back = _to_bcp47(language)
        if back != language:
            self.coerced.append(("language", f"language {language!r} reads back as {back!r}"))
        if self.opts.language == "iso639-3":
            return self.add("language", H.bcp47_to_iso639_3(language), scheme=self.sch("ISO639-3"))
        return self.add("language", language, scheme=self.sch("RFC4646")) or None

    def relations(self, relations: list[Any]) -> int | None:
        q = self.qualified
        n = 0
        for r in relations:
            text = (
                _identifier_text(r.identifier, self.opts.doi_form) if r.identifier else r.citation
            )
            uri = self.sch("URI") if text and _URI.match(text) else None
            if r.identifier and text:
                found = _classify(text) if len(text.split()) <= 2 else None
                if found is None or (found[0], found[1]) != (
                    r.identifier.scheme,
                    r.identifier.value,
                ):
                    self.coerce(
                        r,
                        "",
                        f"{r.identifier.scheme} {text!r} reads back as "
                        + (f"{found[0]} {found[1]!r}" if found else "a citation"),
                    )
            if text and self.relation_to_container(r, text, _RELATION_REFINEMENT.get(r.type)):
                n += self.add(
                    "source" if r.type == "IsDerivedFrom" else "relation",
                    text,
                    scheme=uri,
                    refinement=_RELATION_REFINEMENT.get(r.type) if q else None,
                )
                continue
            if r.type == "IsDerivedFrom":
                if self.add("source", text, scheme=uri):
                    n += 1
                    self.relations_read.append((False, r))
                continue
            ref = _RELATION_REFINEMENT.get(r.type)
            if r.type == "Other" and r.type_information == "conformsTo":
                ref = "conformsTo" if q else None
                if not q:
                    self.coerce(r, "type_information", "conformsTo written as a plain relation")
            if r.type != "Other" and (ref is None or not q):
                self.coerce(r, "type", f"relation type {r.type} written as a plain relation")
            if self.add("relation", text, refinement=ref, scheme=uri):
                n += 1
                self.relations_read.append((q and ref == "isPartOf", r))
        return n or None

    def relation_to_container(self, r: Any, text: str, ref: str | None) -> bool:
        """Note a relation whose value the reader takes for the container: an ISSN (an ISBN
        of a source, a dcterms:isPartOf or a book part), a source that is no identifier and
        parses as a citation the container takes, the text of a dcterms:isPartOf when the
        container has no title. True when it is one (it reads back as no relation)."""
        q = self.qualified
        part_of = q and ref == "isPartOf"
        source = r.type == "IsDerivedFrom"
        found = _classify(text) if len(text.split()) <= 2 else None
        if found is not None:
            scheme = found[0]
            if scheme in ("issn", "eissn", "lissn") or (
                scheme == "isbn" and (source or part_of or self.record.type in BOOK_PART_TYPES)
            ):
                what = f"the relation {text!r} reads back as the container's {scheme}"
                self.coerce(r, "", what)
                self.notes.append(("container.identifiers", what))
                return True
            return False
        if self.record.container is not None:
            existing = self.container_title_back
        else:
            existing = self.cited[1].title if self.cited else None
        if source:
            parsed = H.parse_citation(text)
            if parsed.title and existing and parsed.title != existing:
                return False
            what = f"the source {text!r} written as dc:source reads back parsed for the container"
        elif part_of and not existing:
            parsed = H.Citation(title=text)
            what = f"the dcterms:isPartOf text {text!r} reads back as the container title"
        else:
            return False
        self.coerce(r, "", what)
        self.notes.append(("container", what))
        self.container_title_back = parsed.title or existing
        return True

    def related_items(self, items: list[Any]) -> int | None:
        n = 0
        for item in items:
            cite = ", ".join(
                p for p in (item.title, item.volume, item.pages.text() if item.pages else None) if p
            )
            ident = item.identifiers[0] if item.identifiers else None
            text = cite or (_identifier_text(ident, self.opts.doi_form) if ident else None)
            if self.add("relation", text):
                n += 1
                self.relations_read.append((False, f"the related item {text!r}"))
        return n or None

    def series(self, values: list[Any]) -> int | None:
        series = values[0]
        if not series.title:
            return None
        text = series.title + (f"; {series.number}" if series.number else "")
        if not self.add("relation", text):
            return None
        self.relations_read.append((False, f"the series {text!r}"))
        return 1

    def places(self, places: list[Any]) -> int | None:
        sch = self.sch
        n = 0
        for g_ in places:
            if g_.point:
                pt = f"east={g_.point.longitude}; north={g_.point.latitude};"
                if g_.place:
                    pt += f" name={g_.place};"
                n += self.add("coverage", pt, refinement="spatial", scheme=sch("Point"))
            elif g_.box:
                b = g_.box
                bx = (
                    f"northlimit={b.north}; eastlimit={b.east}; southlimit={b.south}; "
                    f"westlimit={b.west};"
                )
                if g_.place:
                    bx += f" name={g_.place};"
                n += self.add("coverage", bx, refinement="spatial", scheme=sch("Box"))
            elif g_.place:
                n += self.add("coverage", g_.place, refinement="spatial")
        return n or None

    def periods(self, dates: list[DateValue]) -> int | None:
        n = 0
        for cov in dates:
            period = bool(cov.information and (cov.start or cov.end) and self.qualified)
            if cov.information and not period:
                self.lost.append(
                    (
                        self.path(cov, "information"),
                        "no home for date information (a dcterms "
                        "Period with a start or end names it)",
                    )
                )
            if period:
                added = self.add(
                    "coverage", _period(cov), refinement="temporal", scheme=self.sch("Period")
                )
            else:
                text = _date_text(cov)
                added = self.add(
                    "coverage",
                    text,
                    refinement="temporal",
                    scheme=self.sch("W3CDTF") if text and _W3CDTF.match(text) else None,
                )
            if added:
                n += 1
                self.dates_read[2].append(cov)
        return n or None

    def reordered(self) -> None:
        """Note the list elements the reader puts at another index (after one not written or
        joined to another, or in its own order: typed dates, untyped, coverage), and the new
        ones (affiliations and funders as contributors), by the index they read back at."""
        record = self.record
        rel = self.relations_read
        relations = [x for first, x in rel if first] + [x for first, x in rel if not first]
        for name, read in (
            ("titles", self.titles_read),
            ("descriptions", [d for part in self.descriptions_read for d in part]),
            ("relations", relations),
            ("rights", self.rights_read),
            ("container.identifiers", self.container_ids_read),
            ("contributors", self.contributors_read),
            ("dates", [d for part in self.dates_read for d in part]),
        ):
            had: list[Any] = (
                record.container.identifiers
                if name == "container.identifiers" and record.container
                else getattr(record, name, [])
            )
            if len(had) == len(read) and all(map(operator.is_, had, read)):
                continue
            for i in range(max(len(had), len(read))):
                was = had[i] if i < len(had) else None
                now = read[i] if i < len(read) else None
                if was is now:
                    continue
                if isinstance(now, str):
                    what = f"{now} reads back as {name}[{i}]"
                elif now is not None:
                    what = f"{self.path(now)} reads back as {name}[{i}]"
                else:
                    what = f"{name}[{i}] has no element of its own"
                self.notes.append((f"{name}[{i}]", what))

    def rights(self, rights: list[Any]) -> int | None:
        n = 0
        read = self.rights_read
        for r_ in rights:
            if r_.uri:
                lower = r_.uri.lower()
                licence = r_.identifier or "licen" in lower or "creativecommons" in lower
                if self.add(
                    "rights",
                    r_.uri,
                    refinement="license" if licence else None,
                    scheme=self.sch("URI") if _URI.match(r_.uri) else None,
                ):
                    n += 1
                    read.append(r_)
            if r_.statement:
                if self.add("rights", r_.statement, lang=r_.lang):
                    n += 1
                    read.append(f"the statement of {self.path(r_)}" if r_.uri else r_)
                if r_.uri:
                    self.coerce(
                        r_,
                        "",
                        "a rights statement and its URI written as separate rights elements "
                        "(they read back as two)",
                    )
            elif r_.identifier and not r_.uri and self.add("rights", r_.identifier):
                n += 1
                read.append(r_)
            if not (r_.uri and r_.statement):
                self.rights_back(r_)
        return n or None

    def rights_back(self, r_: Any) -> None:
        """Note the parts of a rights element written as one ``dc:rights`` value that the
        reader's licence rules give otherwise (an SPDX id written as text reads back as a
        statement; a licence URL or name gains its SPDX id)."""
        text = r_.uri or r_.statement or r_.identifier
        if not text:
            return
        back = H.parse_rights(text)
        if back.access:
            what = f"the rights value {text!r} reads back as the access rights"
            self.coerce(r_, "", what)
            self.notes.append(("access_rights", what))
            return
        spdx = back.identifier is not None
        got = {
            "uri": back.uri,
            "statement": back.statement,
            "identifier": back.identifier,
            "identifier_scheme": "SPDX" if spdx else None,
            "scheme_uri": "https://spdx.org/licenses/" if spdx else None,
            "lang": r_.lang if back.statement else None,
        }
        for attr, value in got.items():
            was = getattr(r_, attr)
            if was != value:
                what = (
                    f"rights written as {text!r}, which reads back with {attr} {value!r}"
                    if value is not None
                    else f"rights written as {text!r}: its {attr} {was!r} does not read back"
                )
                self.coerce(r_, attr, what)

    def access(self, values: list[str]) -> int | None:
        value = values[0]
        if not self.qualified and not H.parse_rights(value).access:
            what = f"the access rights {value!r} (no access term) written as dc:rights"
            self.coerced.append(
                ("access_rights", what + ", which reads back as a rights statement")
            )
            self.rights_read.append(what)
        return self.add("rights", value, refinement="accessRights") or None


def _elements(record: Record, fmt: str, opts: DcWriteOptions) -> tuple[_Writer, Carried]:
    out = _Writer(record, fmt, opts)
    ctx = RuleContext(hub_type=record.type, record=record, options=out)
    _, carried = RULE_TABLE.write(record, ctx, _Always())
    if record.container is None:
        out.cited_container(None, None)
    out.reordered()
    for obj in out.unwritten:
        path = out.path(obj)
        carried.exact.discard(path)
        carried.partial.pop(path, None)
        carried.approx.pop(path, None)
    q = out.qualified
    extras = out.extras
    # extras written back
    for key, values in extras.items():
        if key in ("life_dates", "oai:datestamp", "oai:setSpec", "encoding_schemes"):
            continue
        prefix, _, local = key.partition(":")
        if prefix not in ("dc", "dcterms") or (
            prefix == "dcterms" and not q and local not in DC_ELEMENTS
        ):
            out.dropped.append(key)
            continue
        for v in values if isinstance(values, list) else [values]:
            if isinstance(v, dict):
                value, lang, scheme = v.get("value"), v.get("lang"), v.get("scheme")
            else:
                value, lang, scheme = v, None, None
            if not isinstance(value, str):
                continue
            out.add(
                local,
                value,
                lang=lang if isinstance(lang, str) else None,
                scheme=out.sch(scheme) if q and isinstance(scheme, str) else None,
                unique=True,
            )
    if q and out.schemes:
        _apply_kept_schemes(out, extras)
    return out, carried


def _apply_kept_schemes(out: _Out, extras: dict[str, Any]) -> None:
    kept = extras.get("encoding_schemes")
    if not isinstance(kept, list):
        return
    wanted = {(v.get("value"), v.get("scheme")) for v in kept if isinstance(v, dict)}
    for i, (qname, text, attrs) in enumerate(out.elements):
        for value, scheme in wanted:
            if value == text and scheme and "xsi:type" not in attrs:
                out.elements[i] = (qname, text, {"xsi:type": f"dcterms:{scheme}"})


_NSMAP_DC = {"oai_dc": OAI_DC_NS, "dc": DC_NS, "xsi": XSI_NS}


def record_element(record: Record, fmt: str, opts: DcWriteOptions) -> tuple[Any, _Writer]:
    """The XML element of one record (``oai_dc:dc`` or the qualified container), and its
    writer (the elements, what they carried and what had to be coerced)."""
    out, carried = _elements(record, fmt, opts)
    out.carried = carried
    if fmt == "dcterms":
        assert isinstance(opts, DctermsWriteOptions)
        ns, _, local = (
            opts.container[1:].partition("}")
            if opts.container.startswith("{")
            else ("", "", opts.container)
        )
        nsmap = {"dc": DC_NS, "dcterms": DCTERMS_NS, "xsi": XSI_NS}
        if ns:
            nsmap = {"qdc": ns, **nsmap}
        root = etree.Element(f"{{{ns}}}{local}" if ns else local, nsmap=nsmap)
        root.set(
            f"{{{XSI_NS}}}schemaLocation",
            f"{DCTERMS_NS} http://dublincore.org/schemas/xmls/qdc/2008/02/11/dcterms.xsd "
            f"{DC_NS} http://dublincore.org/schemas/xmls/qdc/2008/02/11/dc.xsd",
        )
    else:
        root = etree.Element(f"{{{OAI_DC_NS}}}dc", nsmap=_NSMAP_DC)
        root.set(
            f"{{{XSI_NS}}}schemaLocation",
            f"{OAI_DC_NS} http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
        )
    for qname, text, attrs in out.elements:
        prefix, _, local = qname.partition(":")
        el = etree.SubElement(root, f"{{{DC_NS if prefix == 'dc' else DCTERMS_NS}}}{local}")
        el.text = text
        for k, v in attrs.items():
            el.set(XML_LANG if k == "xml:lang" else XSI_TYPE, v)
    return root, out


#: top-level fields the rules do not handle: the type (checked by its read-back), the record id
#: (in the OAI-PMH header), the type names of other formats and the extras (written back apart)
_SKIP = ("id", "type", "native_types", "extras")
#: what each writing rule says of what it carries approximately
_APPROX: dict[str, list[tuple[str, str]]] = {}
for _r in RULE_TABLE.writing:
    if _r.kind != "exact" or _r.uses:
        for _home in (_r.home, *_r.uses):
            _APPROX.setdefault(_r.source, []).append((re.sub(r"\(.*?\)", "", _home), _r.note))
_INDEX = re.compile(r"\[\d+\]")


def _approx_note(path: str, source: str) -> str:
    """The note of the rule that wrote ``path`` approximately as ``source``."""
    plain = _INDEX.sub("", path)
    for home, note in _APPROX.get(source, ()):
        if plain == home or plain.startswith(home + "."):
            return note
    return ""


def _report(record: Record, out: _Writer, ctx: WriteContext, fmt: str) -> None:
    cw = DCTERMS_CROSSWALK if fmt == "dcterms" else DC_CROSSWALK
    carried = out.carried
    reporter = ctx.reporter(record.label)
    add = reporter.add
    lost = uncarried(record, carried, skip=_SKIP)
    for path in lost:
        why = cw.reason(record, path) or PARTLY_CARRIED.get(_INDEX.sub("", path), "")
        add(Code.FIELD_DROPPED, f"{fmt} has no home for {path}" + (f": {why}" if why else ""), path)
    for path, source in carried.approx.items():
        note = _approx_note(path, source)
        add(Code.VALUE_COERCED, f"written as {source}" + (f": {note}" if note else ""), path)
    for path, why in dict.fromkeys(out.lost):
        add(Code.FIELD_DROPPED, f"{fmt} has no home for {path}: {why}", path)
    for path, what in dict.fromkeys(out.coerced):
        add(Code.VALUE_COERCED, what, path)
    for path, what in dict.fromkeys(out.notes):
        add(Code.VALUE_COERCED, what, path, severity="info")
    for path, qname in dict.fromkeys(out.markup):
        add(
            Code.VALUE_COERCED,
            f"rich-text markup (italics, protected case...) removed from {qname}: "
            "Dublin Core is plain text",
            path,
            severity="info",
        )
    report_foreign_extras(
        record, fmt, ("dc", "dcterms"), ctx.report, source_format=ctx.source_format
    )
    src = _extras_key(record, fmt)
    for key in dict.fromkeys(out.dropped):
        add(Code.FIELD_DROPPED, f"{fmt} has no element for {key}", f"extras.{src}.{key}")
    if src != fmt and record.extras.get(src):
        what = f"{src} elements kept in extras written as {fmt}: they read back as {fmt}'s"
        add(Code.VALUE_COERCED, what, f"extras.{src}", severity="info")
        add(Code.VALUE_COERCED, what, f"extras.{fmt}", severity="info")
    types = [t for name, t, _ in out.elements if name.endswith(":type")]
    back, genre, kept = _read_back_types(tuple(types))
    if back != record.type:
        add(
            Code.TYPE_APPROXIMATED,
            f"type {record.type} written as dc:type {', '.join(types)} (reads back as {back})",
            "type",
        )
    if kept:
        key = f"extras.{fmt}.{fmt}:type"
        add(Code.VALUE_COERCED, f"dc:type {', '.join(map(repr, kept))} read back kept aside", key,
            severity="info")  # fmt: skip
    if genre != record.genre:
        add(
            Code.VALUE_COERCED,
            f"dc:type {genre!r} reads back as the genre" if genre else "genre not written",
            "genre",
            severity="info" if genre and not record.genre else "warning",
        )
    if not record.titles:
        add(Code.MISSING_REQUIRED, "record has no title", "titles", severity="info")


def _peek(records: Iterable[Record]) -> tuple[list[Record], Iterator[Record]]:
    it = iter(records)
    head = []
    for r in it:
        head.append(r)
        if len(head) == 2:
            break
    return head, it


def _serialise(el: Any, indent: bool, level: int) -> bytes:
    if indent:
        etree.indent(el, space="  ", level=level)
    data: bytes = etree.tostring(el, encoding="UTF-8", xml_declaration=False)
    return data


def _write(records: Iterable[Record], stream: IO[bytes], ctx: WriteContext, fmt: str) -> None:
    opts = ctx.options
    if not isinstance(opts, DcWriteOptions):
        opts = DctermsWriteOptions() if fmt == "dcterms" else DcWriteOptions()
    head, rest = _peek(records)
    envelope = opts.envelope == "oai-pmh" or (opts.envelope == "auto" and len(head) != 1)
    if opts.envelope == "none" and len(head) > 1:
        raise WriteError("several records need an envelope (envelope='auto' or 'oai-pmh')", fmt=fmt)
    stream.write(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    now = opts.response_date or _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if envelope:
        prefix = "qdc" if fmt == "dcterms" else "oai_dc"
        stream.write(response_head(now, opts.base_url, prefix))
        if not head:
            stream.write(b'  <error code="noRecordsMatch">no records</error>\n</OAI-PMH>\n')
            return
        stream.write(b"  <ListRecords>\n")
    n = 0
    for record in _chain(head, rest):
        n += 1
        try:
            el, out = record_element(record, fmt, opts)
        except (ValueError, TypeError) as exc:
            ctx.reporter(record.label).skip(str(exc), what="cannot be written")
            continue
        _report(record, out, ctx, fmt)
        if record.id and not envelope:
            ctx.report.add(
                Code.FIELD_DROPPED,
                "the record id is written only in an OAI-PMH envelope (envelope='oai-pmh')",
                severity="info",
                record=record.label,
                field="id",
                source_format=ctx.source_format,
                target_format=fmt,
            )
        if not envelope:
            src = _extras_key(record, "dc")
            kept = record.extras.get(src, {})
            report_header_not_written(
                ctx.reporter(record.label), kept, src, ("oai:datestamp", "oai:setSpec")
            )
        if envelope:
            stream.write(_oai_record(record, el, n, now, opts.indent))
        else:
            stream.write(_serialise(el, opts.indent, 0) + b"\n")
        ctx.report.count("written")
    if envelope:
        stream.write(b"  </ListRecords>\n</OAI-PMH>\n")


def _oai_record(record: Record, el: Any, n: int, now: str, indent: bool) -> bytes:
    extras = _extras(record, "dc")
    rec = etree.Element(f"{{{OAI_NS}}}record", nsmap={None: OAI_NS})  # type: ignore[dict-item]
    add_header(rec, record.id or f"oai:biblioconv:{n}", extras, now)
    metadata = etree.SubElement(rec, f"{{{OAI_NS}}}metadata")
    metadata.append(el)
    data = _serialise(rec, indent, 2).replace(f' xmlns="{OAI_NS}"'.encode(), b"", 1)
    return b"    " + data + b"\n"


def _chain(head: list[Record], rest: Iterator[Record]) -> Iterator[Record]:
    yield from head
    yield from rest


def write_dc(records: Iterable[Record], stream: IO[bytes], ctx: WriteContext) -> None:
    """Write records as oai_dc (one bare record, or an OAI-PMH ListRecords response)."""
    _write(records, stream, ctx, "dc")


def write_dcterms(records: Iterable[Record], stream: IO[bytes], ctx: WriteContext) -> None:
    """Write records as qualified Dublin Core (dcterms refinements and encoding schemes)."""
    _write(records, stream, ctx, "dcterms")
