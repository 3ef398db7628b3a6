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
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import IO, Any

from lxml import etree

from biblioconv.crosswalk import report_dropped, report_foreign_extras
from biblioconv.errors import WriteError
from biblioconv.formats.dublin_core import heuristics as H
from biblioconv.formats.dublin_core.crosswalk import (
    DC_CROSSWALK,
    DC_ELEMENTS,
    DCTERMS_CROSSWALK,
    DCTERMS_DATE_TYPES,
    DCTERMS_RELATION_TYPES,
    EU_REPO_WRITE,
    dcmi_type_for,
)
from biblioconv.formats.dublin_core.options import DctermsWriteOptions, DcWriteOptions
from biblioconv.formats.dublin_core.reader import (
    DC_NS,
    DCTERMS_NS,
    OAI_DC_NS,
    OAI_NS,
    XML_LANG,
    XSI_TYPE,
)
from biblioconv.model import Contributor, DateValue, Identifier, Record, plain_text
from biblioconv.names import orcid_name, orcid_name_note
from biblioconv.registry import WriteContext
from biblioconv.report import Code

__all__ = ["record_element", "write_dc", "write_dcterms"]

XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
_DATE_REFINEMENT = {v: k for k, v in DCTERMS_DATE_TYPES.items()}
_RELATION_REFINEMENT = {v: k for k, v in DCTERMS_RELATION_TYPES.items()}
_SUBJECT_XSI = {"lcsh": "LCSH", "mesh": "MESH", "ddc": "DDC", "lcc": "LCC", "udc": "UDC"}
_MEDIA_TYPE = re.compile(r"^[a-z]+/[a-z0-9][\w.+\-]*$", re.IGNORECASE)
_URI = re.compile(r"^(?:https?|ftp|urn|info|doi):\S+$", re.IGNORECASE)
_W3CDTF = re.compile(
    r"^-?\d{4}(?:-(?:0[1-9]|1[0-2])(?:-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?)?)?)?$"
)
_NOT_WRITTEN_DATES = {"accessed", "coverage"}
_ORCID_URL = "https://orcid.org/"


@dataclass
class _Out:
    """The elements of one record, with what had to be coerced."""

    qualified: bool
    elements: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    coerced: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    #: what was changed without loss of content (reported with severity info)
    notes: list[str] = field(default_factory=list)

    def add(
        self,
        name: str,
        text: str | None,
        *,
        lang: str | None = None,
        scheme: str | None = None,
        refinement: str | None = None,
        unique: bool = False,
    ) -> None:
        if text is None or not str(text).strip():
            return
        qname = f"dcterms:{refinement or name}" if self.qualified else f"dc:{name}"
        attrs: dict[str, str] = {}
        if scheme and self.qualified:
            attrs["xsi:type"] = f"dcterms:{scheme}"
            if lang:
                self.coerced.append("xml:lang dropped where an encoding scheme is written")
        elif lang:
            attrs["xml:lang"] = lang
        value = str(text)
        if "<" in value:
            plain = plain_text(value)
            if plain != value:
                self.notes.append(
                    f"rich-text markup (italics, protected case...) removed from {qname}: "
                    "Dublin Core is plain text"
                )
                value = plain
        item = (qname, _clean(value), attrs)
        if not unique or all(e[:2] != item[:2] for e in self.elements):
            self.elements.append(item)


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


#: the reader's name rules, cached: the same names recur across a bibliography (the results
#: are only read here)
_read_back_name = lru_cache(maxsize=8192)(H.parse_name)


def _person_text(c: Contributor, life: dict[str, Any], out: _Out) -> str | None:
    """:func:`_name_text`, noting a name that reads back as the other kind (free text has no
    name type; the reader's documented heuristic goes by organisation words)."""
    text = _name_text(c, life)
    if orcid_name(c) is not None:
        out.notes.append(orcid_name_note(c, f"the {c.role}"))
    if text and (c.family or c.given or c.literal):
        back = _read_back_name(text)
        if c.kind == "person" and back.kind == "organization":
            out.coerced.append(
                f"person {text!r} written as free text, which reads back as an organisation"
            )
        elif c.kind == "organization" and back.kind != "organization":
            out.coerced.append(
                f"organisation {text!r} written as free text, which reads back as a person"
            )
        # the text is all there in these two: severity info
        elif c.literal and back.literal is None and (back.family or back.given):
            out.notes.append(
                f"name {text!r} written whole, which reads back split into family and given names"
            )
        elif c.kind == "person" and _parts(back) != _parts(c):
            out.notes.append(f"name {text!r} reads back as {_describe(back)}")
    return text


_PART_NAMES = ("family", "given", "non_dropping_particle", "dropping_particle", "suffix", "literal")


def _parts(name: Any) -> tuple[str | None, ...]:
    return tuple(getattr(name, part) for part in _PART_NAMES)


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


def _check_description_types(descriptions: list[Any], out: _Out) -> None:
    """Note descriptions whose type the reader will tell otherwise: plain ``dc:description``
    elements are notes beside an abstract, else abstracts when alone or long (its rules)."""
    typed = {"abstract", "table-of-contents"} if out.qualified else set()
    plain = [d for d in descriptions if d.type not in typed]
    has_abstract = any(d.type == "abstract" for d in descriptions if d.type in typed)
    for d in plain:
        back = "note" if has_abstract else H.description_kind(d.text, only=len(plain) == 1)
        if back != d.type:
            out.coerced.append(f"a description of type {d.type} reads back as {back}")


def _check_citation(c: Any, text: str, out: _Out) -> None:
    """Note a container whose citation text will not read back into the same parts (severity
    info: the text is all there; a reader's citation rules split it otherwise)."""
    cit = H.parse_citation(text)
    pages = c.pages.text("-") if c.pages else None
    meant = (plain_text(c.title) if c.title else None, c.volume, c.issue, pages)
    got = (cit.title, cit.volume, cit.issue, cit.pages)
    if c.title and got != meant:
        said = ", ".join(
            f"{k} {v!r}"
            for k, v in zip(("title", "volume", "issue", "pages"), got, strict=True)
            if v
        )
        out.notes.append(f"container written as the citation {text!r}, which parses as {said}")


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


def _read_back_type(values: list[str]) -> str:
    """The hub type the reader would infer from these dc:type values."""
    return H.decide_type(values)[0] or "document"


def _extras(record: Record, fmt: str) -> dict[str, Any]:
    other = "dc" if fmt == "dcterms" else "dcterms"
    return dict(record.extras.get(fmt) or record.extras.get(other) or {})


def _elements(record: Record, fmt: str, opts: DcWriteOptions) -> _Out:
    q = fmt == "dcterms"
    out = _Out(qualified=q)
    text: str | None
    value: Any
    extras = _extras(record, fmt)
    life = extras.get("life_dates") if isinstance(extras.get("life_dates"), dict) else {}
    assert isinstance(life, dict)
    schemes = opts.encoding_schemes if isinstance(opts, DctermsWriteOptions) else False

    def sch(name: str) -> str | None:
        return name if schemes else None

    # title
    main = next((t for t in record.titles if t.type == "main"), None)
    if main is None and record.titles:
        main = record.titles[0]
    if main is not None:
        text = main.text
        if record.subtitle:
            text = f"{text}: {record.subtitle}"
            out.coerced.append("subtitle joined to the title")
        if record.version:
            text = (
                f"{text} (v{record.version})"
                if not record.version.lower().startswith("v")
                else f"{text} ({record.version})"
            )
            out.coerced.append("version appended to the title")
        out.add("title", text, lang=main.lang)
    for t in record.titles:
        if t is main or t.type in ("subtitle", "short"):
            continue
        out.add("title", t.text, lang=t.lang, refinement="alternative")
        if t.type != "alternative":
            out.coerced.append(f"a title of type {t.type} written as an alternative title")
    # creators
    for c in record.contributors:
        if c.role == "author":
            out.add("creator", _person_text(c, life, out), lang=c.lang)
    # subjects
    for s in record.subjects:
        scheme = _SUBJECT_XSI.get((s.scheme or "").lower())
        out.add("subject", s.term, lang=s.lang, scheme=sch(scheme) if scheme else None)
    # descriptions
    for desc in record.descriptions:
        ref = {"abstract": "abstract", "table-of-contents": "tableOfContents"}.get(desc.type)
        out.add("description", desc.text, lang=desc.lang, refinement=ref)
    _check_description_types(record.descriptions, out)
    # publisher
    if record.publisher and record.publisher.name:
        out.add("publisher", record.publisher.name, lang=record.publisher.lang)
    # contributors, affiliations, funders
    roles = set()
    for c in record.contributors:
        if c.role == "author":
            continue
        if c.role not in ("contributor", "rights-holder") or (c.role == "rights-holder" and not q):
            roles.add(c.role)
        ref = "rightsHolder" if c.role == "rights-holder" else None
        out.add("contributor", _person_text(c, life, out), lang=c.lang, refinement=ref)
    if roles:
        out.coerced.append(f"roles {', '.join(sorted(roles))} written as plain contributors")
    affiliations = [a.name for c in record.contributors for a in c.affiliations if a.name]
    if affiliations:
        if opts.affiliations_as_contributors:
            for name in affiliations:
                out.add("contributor", name, unique=True)
            out.coerced.append("affiliations written as contributors (link to the person lost)")
        else:
            out.dropped.append("contributors.affiliations")
    grants: list[str] = []
    for f in record.funding:
        if opts.openaire and (
            f.award_number or (f.award_uri or "").startswith("info:eu-repo/grantAgreement/")
        ):
            if (f.award_uri or "").startswith("info:eu-repo/grantAgreement/"):
                grants.append(f.award_uri or "")
            else:
                grants.append(
                    f"info:eu-repo/grantAgreement/{f.funder_name}//{f.award_number}/"
                    + (f"/{f.award_title}" if f.award_title else "")
                )
        else:
            out.add("contributor", f.funder_name)
            if f.award_uri or f.award_number:
                out.add("relation", f.award_uri or f.award_number)
            out.coerced.append("funder written as a contributor")
    # dates
    dates = record.dates if q else _date_order(record.dates)
    untyped: list[str] = []
    for dv in dates:
        if dv.type in _NOT_WRITTEN_DATES:
            continue
        text = _date_text(dv)
        if text is None:
            continue
        if (
            opts.openaire
            and dv.type == "available"
            and record.access_rights
            and record.access_rights.endswith("embargoedAccess")
            and dv.start
        ):
            out.add("date", f"info:eu-repo/date/embargoEnd/{dv.start.iso()}")
            continue
        ref = _DATE_REFINEMENT.get(dv.type)
        if (not q and dv.type != "issued") or (q and ref is None):
            untyped.append(dv.type)
        out.add("date", text, refinement=ref, scheme=sch("W3CDTF") if _W3CDTF.match(text) else None)
    if untyped:
        out.coerced.append(f"dates of type {', '.join(dict.fromkeys(untyped))} written untyped")
    # type
    for v in _type_values(record, fmt, opts, extras):
        hint = H.classify_type(v)
        out.add(
            "type",
            v,
            scheme=sch("DCMIType") if hint.kind == "dcmi" and v == hint.term else None,
            unique=True,
        )
    # formats and sizes
    for f_ in record.formats:
        out.add("format", f_, scheme=sch("IMT") if _MEDIA_TYPE.match(f_) else None)
    for s_ in record.sizes:
        out.add("format", s_, refinement="extent")
    if record.number_of_pages:
        out.add("format", f"{record.number_of_pages} pages", refinement="extent")
    # identifiers
    labels = []
    for i in record.identifiers:
        text = _identifier_text(i, opts.doi_form)
        if i.label:
            labels.append(i.label)
        out.add("identifier", text, scheme=sch("URI") if _URI.match(text) else None)
    if labels:
        out.coerced.append(f"identifier labels ({', '.join(labels)}) not written")
    for a in record.attachments:
        out.add("identifier", a.url, scheme=sch("URI") if _URI.match(a.url) else None)
    if record.citation:
        out.add("identifier", record.citation, refinement="bibliographicCitation")
        if not q:
            out.coerced.append(
                "the citation written as a dc:identifier (oai_dc has no bibliographicCitation), "
                "which may read back as a local identifier"
            )
    status = record.publication_status
    if status and not (opts.openaire and status in _VERSIONS):
        out.coerced.append(
            f"publication status {status} not written (no dc:type term says it)"
            if opts.openaire
            else f"publication status {status} not written (OpenAIRE version terms are off)"
        )
    # source: the container, and what the record derives from
    if record.container:
        if q and record.container.title:
            out.add("relation", record.container.title, refinement="isPartOf")
        cit = _container_citation(record)
        if cit and (not q or cit != record.container.title):
            out.add("source", cit)
            _check_citation(record.container, cit, out)
        for ref in _container_identifiers(record):
            out.add("relation", ref, refinement="isPartOf")
    # language
    if record.language:
        if opts.language == "iso639-3":
            out.add("language", H.bcp47_to_iso639_3(record.language), scheme=sch("ISO639-3"))
        else:
            out.add("language", record.language, scheme=sch("RFC4646"))
    # relations
    for r in record.relations:
        text = _identifier_text(r.identifier, opts.doi_form) if r.identifier else r.citation
        if r.type == "IsDerivedFrom":
            out.add("source", text, scheme=sch("URI") if text and _URI.match(text) else None)
            continue
        ref = _RELATION_REFINEMENT.get(r.type)
        if r.type == "Other" and r.type_information == "conformsTo":
            ref = "conformsTo"
        if ref is None and r.type != "Other":
            out.coerced.append(f"relation type {r.type} written as a plain relation")
        if not q and r.type != "Other":
            out.coerced.append(f"relation type {r.type} written as a plain relation")
        out.add(
            "relation",
            text,
            refinement=ref,
            scheme=sch("URI") if text and _URI.match(text) else None,
        )
    for g in grants:
        out.add("relation", g)
    for item in record.related_items:
        cite = ", ".join(
            p for p in (item.title, item.volume, item.pages.text() if item.pages else None) if p
        )
        ident = item.identifiers[0] if item.identifiers else None
        text = cite or (_identifier_text(ident, opts.doi_form) if ident else None)
        out.add("relation", text)
        out.coerced.append("related item written as a citation string")
    if record.series and record.series.title:
        text = record.series.title + (f"; {record.series.number}" if record.series.number else "")
        out.add("relation", text)
        out.coerced.append("series written as a relation")
    # coverage
    for g_ in record.geo_locations:
        if g_.point:
            pt = f"east={g_.point.longitude}; north={g_.point.latitude};"
            if g_.place:
                pt += f" name={g_.place};"
            out.add("coverage", pt, refinement="spatial", scheme=sch("Point"))
        elif g_.box:
            b = g_.box
            bx = (
                f"northlimit={b.north}; eastlimit={b.east}; southlimit={b.south}; "
                f"westlimit={b.west};"
            )
            if g_.place:
                bx += f" name={g_.place};"
            out.add("coverage", bx, refinement="spatial", scheme=sch("Box"))
        elif g_.place:
            out.add("coverage", g_.place, refinement="spatial")
        if g_.polygons:
            out.coerced.append("geographic polygons not written")
    for cov in record.dates:
        if cov.type != "coverage":
            continue
        if cov.information and (cov.start or cov.end) and q:
            out.add("coverage", _period(cov), refinement="temporal", scheme=sch("Period"))
        else:
            text = _date_text(cov)
            out.add(
                "coverage",
                text,
                refinement="temporal",
                scheme=sch("W3CDTF") if text and _W3CDTF.match(text) else None,
            )
    # rights
    for r_ in record.rights:
        if r_.uri:
            ref = (
                "license"
                if (
                    r_.identifier
                    or "licen" in r_.uri.lower()
                    or "creativecommons" in r_.uri.lower()
                )
                else None
            )
            out.add(
                "rights", r_.uri, refinement=ref, scheme=sch("URI") if _URI.match(r_.uri) else None
            )
        if r_.statement:
            out.add("rights", r_.statement, lang=r_.lang)
            if r_.uri:
                out.coerced.append(
                    "a rights statement and its URI written as separate rights elements "
                    "(they read back as two)"
                )
        elif r_.identifier and not r_.uri:
            out.add("rights", r_.identifier)
    if record.access_rights:
        out.add("rights", record.access_rights, refinement="accessRights")
    # extras written back
    for key, values in extras.items():
        if key in ("life_dates", "oai:datestamp", "oai:setSpec"):
            continue
        prefix, _, local = key.partition(":")
        if key == "encoding_schemes":
            continue
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
            text = value
            name = local
            if q:
                out.add(
                    name,
                    text,
                    lang=lang if isinstance(lang, str) else None,
                    scheme=sch(scheme) if isinstance(scheme, str) else None,
                    unique=True,
                )
            else:
                out.add(
                    name,
                    text,
                    lang=lang if isinstance(lang, str) else None,
                    unique=True,
                )
    if q and schemes:
        _apply_kept_schemes(out, extras)
    return out


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


def record_element(record: Record, fmt: str, opts: DcWriteOptions) -> tuple[Any, _Out]:
    """The XML element of one record (``oai_dc:dc`` or the qualified container)."""
    out = _elements(record, fmt, opts)
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


def _report(record: Record, out: _Out, ctx: WriteContext, fmt: str, opts: DcWriteOptions) -> None:
    cw = DCTERMS_CROSSWALK if fmt == "dcterms" else DC_CROSSWALK
    # A person known only by an ORCID is written as the ORCID URL: that identifier is not lost.
    named = [c for c in record.contributors if c.family or c.literal or c.given]
    view = (
        record.model_copy(update={"contributors": named})
        if named != record.contributors
        else record
    )
    report_dropped(view, cw, ctx.report, source_format=ctx.source_format)
    report_foreign_extras(
        record, fmt, ("dc", "dcterms"), ctx.report, source_format=ctx.source_format
    )
    for what in dict.fromkeys(out.coerced):
        ctx.report.add(
            Code.VALUE_COERCED,
            what,
            record=record.label,
            source_format=ctx.source_format,
            target_format=fmt,
        )
    for what in dict.fromkeys(out.notes):
        ctx.report.add(
            Code.VALUE_COERCED,
            what,
            severity="info",
            record=record.label,
            source_format=ctx.source_format,
            target_format=fmt,
        )
    for key in dict.fromkeys(out.dropped):
        ctx.report.add(
            Code.FIELD_DROPPED,
            f"{fmt} has no element for {key}",
            record=record.label,
            field=key,
            source_format=ctx.source_format,
            target_format=fmt,
        )
    types = [t for name, t, _ in out.elements if name.endswith(":type")]
    back = _read_back_type(types)
    if back != record.type:
        ctx.report.add(
            Code.TYPE_APPROXIMATED,
            f"type {record.type} written as dc:type {', '.join(types)} (reads back as {back})",
            record=record.label,
            field="type",
            source_format=ctx.source_format,
            target_format=fmt,
        )
    if not record.titles:
        ctx.report.add(
            Code.MISSING_REQUIRED,
            "record has no title",
            severity="info",
            record=record.label,
            field="titles",
            source_format=ctx.source_format,
            target_format=fmt,
        )


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
        stream.write(
            (
                f'<OAI-PMH xmlns="{OAI_NS}" xmlns:xsi="{XSI_NS}" xsi:schemaLocation="{OAI_NS} '
                f'http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">\n'
                f"  <responseDate>{now}</responseDate>\n"
                f'  <request verb="ListRecords" metadataPrefix="{prefix}">'
                f"{_xml_escape(opts.base_url)}</request>\n"
            ).encode()
        )
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
        _report(record, out, ctx, fmt, opts)
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
    header = etree.SubElement(rec, f"{{{OAI_NS}}}header")
    etree.SubElement(header, f"{{{OAI_NS}}}identifier").text = record.id or f"oai:biblioconv:{n}"
    stamp = extras.get("oai:datestamp")
    etree.SubElement(header, f"{{{OAI_NS}}}datestamp").text = (
        stamp if isinstance(stamp, str) else now[:10]
    )
    sets = extras.get("oai:setSpec")
    for s in sets if isinstance(sets, list) else []:
        if isinstance(s, str):
            etree.SubElement(header, f"{{{OAI_NS}}}setSpec").text = s
    metadata = etree.SubElement(rec, f"{{{OAI_NS}}}metadata")
    metadata.append(el)
    data = _serialise(rec, indent, 2).replace(f' xmlns="{OAI_NS}"'.encode(), b"", 1)
    return b"    " + data + b"\n"


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _chain(head: list[Record], rest: Iterator[Record]) -> Iterator[Record]:
    yield from head
    yield from rest


def write_dc(records: Iterable[Record], stream: IO[bytes], ctx: WriteContext) -> None:
    """Write records as oai_dc (one bare record, or an OAI-PMH ListRecords response)."""
    _write(records, stream, ctx, "dc")


def write_dcterms(records: Iterable[Record], stream: IO[bytes], ctx: WriteContext) -> None:
    """Write records as qualified Dublin Core (dcterms refinements and encoding schemes)."""
    _write(records, stream, ctx, "dcterms")
