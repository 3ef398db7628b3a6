"""schema.org crosswalk: properties of the work and of the ``isPartOf`` chain, and types.

The rules read and write the properties of one work node. The container chain of an article
(``isPartOf`` a PublicationIssue, isPartOf a PublicationVolume, isPartOf a Periodical) or of a
chapter (``isPartOf`` a Book) is flattened into keys such as ``isPartOf.volumeNumber`` before the
rules read it, and built from them after the rules wrote (see :mod:`.mapping`); a series
(BookSeries, CreativeWorkSeries) is ``isPartOf[series]``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from biblioconv.crosswalk import Crosswalk, FieldMap, TypeMap
from biblioconv.formats.schemaorg import values as V
from biblioconv.formats.schemaorg.vocabulary import PROPERTIES
from biblioconv.identifiers import classify
from biblioconv.model import PageRange
from biblioconv.report import Code
from biblioconv.rules import Rule, RuleContext, RuleTable
from biblioconv.vocab import PUBLICATION_STATUSES

__all__ = [
    "AGENT_ROLES",
    "CROSSWALK",
    "HELPER_TYPES",
    "RELATIONS",
    "RULES",
    "RULE_TABLE",
    "SERIES_TYPES",
    "SOFTWARE_TYPES",
]

#: Properties whose values are agents, and the hub role.
AGENT_ROLES: dict[str, str] = {
    "author": "author",
    "editor": "editor",
    "translator": "translator",
    "contributor": "contributor",
    "illustrator": "illustrator",
    "producer": "producer",
    "copyrightHolder": "rights-holder",
    "sponsor": "sponsor",
    "maintainer": "data-curator",
    "accountablePerson": "contact-person",
    "provider": "distributor",
}
#: Properties linking other works, and the hub relation type.
RELATIONS: dict[str, str] = {
    "citation": "References",
    "sameAs": "IsIdenticalTo",
    "isBasedOn": "IsDerivedFrom",
    "hasPart": "HasPart",
    "translationOfWork": "IsTranslationOf",
    "workTranslation": "HasTranslation",
    "workExample": "HasVersion",
    "exampleOfWork": "IsVersionOf",
    "subjectOf": "IsDescribedBy",
}
#: Types of nodes inside a work (agents, identifiers, terms, places, grants): never records.
HELPER_TYPES = frozenset(
    {
        "Person",
        "Organization",
        "Role",
        "PropertyValue",
        "DefinedTerm",
        "Place",
        "ComputerLanguage",
        "Grant",
        "MonetaryGrant",
    }
)
SOFTWARE_TYPES = frozenset({"software", "computational-notebook", "workflow", "service"})
#: Node types that make an ``isPartOf`` target a series rather than the container.
SERIES_TYPES = frozenset({"BookSeries", "CreativeWorkSeries", "MovieSeries", "PodcastSeries"})

_TEXT_TYPES_FIELDS = ("type", "start.year", "start.month", "start.day", "start.time")


def _str(value: Any, ctx: RuleContext) -> Any:
    if isinstance(value, list):
        value = next((v for v in value if V.text(v)), None)
    return V.text(value)


def _str_out(values: list[Any], ctx: RuleContext) -> Any:
    return values[0] if values else None


def _note(ctx: RuleContext, field: str, message: str) -> None:
    if ctx.reporter is not None:
        ctx.reporter.add(Code.INVALID_VALUE, message, field)


# agents


def _agents_in(role: str, prop: str) -> Callable[[Any, RuleContext], Any]:
    def read(value: Any, ctx: RuleContext) -> Any:
        out = []
        for item in V.as_list(value):
            dropped: list[str] = []
            c = V.agent_fields(item, role, dropped)
            if c is None:
                _note(ctx, prop, f"{prop} {item!r} has no name or identifier; skipped")
                continue
            if dropped and ctx.reporter is not None:
                ctx.reporter.add(
                    Code.UNKNOWN_FIELD,
                    f"{prop} properties not kept: {', '.join(sorted(set(dropped)))}",
                    prop,
                    severity="info",
                )
            out.append(c)
        return out or None

    return read


def _agents_out(values: list[Any], ctx: RuleContext) -> Any:
    nodes = [V.agent_node(c) for c in values]
    return nodes[0] if len(nodes) == 1 else nodes


def _agent_rule(prop: str, role: str) -> Rule:
    return Rule(
        prop,
        f"contributors(role={role})",
        to_hub=_agents_in(role, prop),
        from_hub=_agents_out,
        take="all",
        parts=V.agent_parts,
        note="Person or Organization: givenName, familyName, name, honorificSuffix, @id "
        "(ORCID, ROR), identifier, affiliation",
    )


# dates


def _date_in(type_: str, prop: str) -> Callable[[Any, RuleContext], Any]:
    def read(value: Any, ctx: RuleContext) -> Any:
        raw = value[0] if isinstance(value, list) and value else value
        d = V.date_in(raw, type_)
        if d is not None and "start" not in d and "end" not in d:
            _note(ctx, prop, f"date {raw!r} is not ISO 8601; kept as text")
        return d

    return read


def _date_out(values: list[Any], ctx: RuleContext) -> Any:
    return V.date_out(values[0])


def _date_exact(values: list[Any], ctx: RuleContext) -> bool:
    return V.date_exact(values[0])


def _date_rule(prop: str, home: str, type_: str, **kw: Any) -> Rule:
    return Rule(
        prop,
        home,
        to_hub=_date_in(type_, prop),
        from_hub=_date_out,
        exact=_date_exact,
        note=kw.pop("note", "ISO 8601 date or date-time (year, month or day precision)"),
        **kw,
    )


# identifiers


def _ids_in(value: Any, ctx: RuleContext) -> Any:
    out = [i for v in V.as_list(value) if (i := V.identifier_fields(v)) is not None]
    return V.dedupe(out) or None


def _ids_out(values: list[Any], ctx: RuleContext) -> Any:
    nodes = [V.identifier_node(i) for i in values if i.scheme != "url"]
    if not nodes:
        return None
    return nodes[0] if len(nodes) == 1 else nodes


def _id_parts(i: Any) -> tuple[str, ...] | None:
    if i.scheme == "url":
        return None
    return ("scheme", "value", "valid", "label")


def _unique(values: list[Any], ctx: RuleContext) -> bool:
    """Identifiers read back as written: none repeats another (repeats are read once)."""
    keys = [V.identifier_key(i.model_dump()) for i in values]
    return len(set(keys)) == len(keys)


def _scheme_in(scheme: str) -> Callable[[Any, RuleContext], Any]:
    def read(value: Any, ctx: RuleContext) -> Any:
        out = []
        for v in V.as_list(value):
            raw = V.text(v) if not isinstance(v, dict) else V.text(v.get("value") or v.get("@id"))
            if raw:
                out.append({"scheme": scheme, "value": raw})
        return out or None

    return read


def _values_out(values: list[Any], ctx: RuleContext) -> Any:
    vals = list(dict.fromkeys(i.value for i in values))
    return vals[0] if len(vals) == 1 else vals


def _scheme_rule(prop: str, home: str, scheme: str, **kw: Any) -> Rule:
    return Rule(
        prop,
        home,
        to_hub=_scheme_in(scheme),
        from_hub=_values_out,
        take="all",
        parts=("scheme", "value", "valid"),
        exact=_unique,
        **kw,
    )


def _id_rule(prop: str, home: str, **kw: Any) -> Rule:
    return Rule(
        prop,
        home,
        to_hub=_ids_in,
        from_hub=_ids_out,
        take="all",
        parts=_id_parts,
        exact=_unique,
        **kw,
    )


def _node_id_in(value: Any, ctx: RuleContext) -> Any:
    raw = V.text(value)
    if raw is None or raw.startswith("_:"):
        return None
    return raw


def _id_exact(values: list[Any], ctx: RuleContext) -> bool:
    """An id reads back as the id unless it is a blank node or an identifier's IRI."""
    found = classify(values[0])
    return not values[0].startswith("_:") and (found is None or found[0] == "url")


def _doi_id_out(values: list[Any], ctx: RuleContext) -> Any:
    if ctx.record is not None and ctx.record.id:
        return None
    return V.node_id(values[0])


# titles and texts


def _names_in(value: Any, ctx: RuleContext) -> Any:
    out = [{"text": t} for v in V.as_list(value) if (t := V.text(v))]
    return out or None


def _names_out(values: list[Any], ctx: RuleContext) -> Any:
    texts = [v.text for v in values]
    return texts[0] if len(texts) == 1 else texts


def _texts_rule(prop: str, home: str, **kw: Any) -> Rule:
    return Rule(
        prop, home, to_hub=_names_in, from_hub=_names_out, take="all", parts=("text",), **kw
    )


def _keywords_in(value: Any, ctx: RuleContext) -> Any:
    out = []
    for v in V.as_list(value):
        if isinstance(v, str) and not isinstance(value, list):
            out += [{"term": t.strip()} for t in v.split(",") if t.strip()]
        elif isinstance(v, str):
            if t := v.strip():
                out.append({"term": t})
        elif (s := V.subject_fields(v)) is not None:
            out.append(s)
    return out or None


def _keywords_out(values: list[Any], ctx: RuleContext) -> Any:
    return [V.subject_node(s) for s in values]


def _subject_parts(s: Any) -> tuple[str, ...]:
    return ("term", "scheme", "scheme_uri", "value_uri", "code")


def _keywords_exact(values: list[Any], ctx: RuleContext) -> bool:
    return all(s.term == s.term.strip() for s in values)


def _lang_in(value: Any, ctx: RuleContext) -> Any:
    v = V.as_list(value)[0] if V.as_list(value) else None
    if isinstance(v, dict):
        return V.text(v.get("alternateName")) or V.text(v.get("name"))
    return V.text(v)


def _rights_in(value: Any, ctx: RuleContext) -> Any:
    out = [r for v in V.as_list(value) if (r := V.rights_fields(v)) is not None]
    return out or None


def _rights_out(values: list[Any], ctx: RuleContext) -> Any:
    nodes = [V.rights_node(r) for r in values]
    return nodes[0] if len(nodes) == 1 else nodes


def _pages_in(value: Any, ctx: RuleContext) -> Any:
    raw = _str(value, ctx)
    if raw is None:
        return None
    fields = ctx.fields or {}
    if "pageStart" in fields or "pageEnd" in fields:
        return {"literal": raw}
    return PageRange.parse(raw).model_dump(exclude_none=True)


def _pages_out(values: list[Any], ctx: RuleContext) -> Any:
    return values[0].literal


def _literal_pages_exact(values: list[Any], ctx: RuleContext) -> bool:
    pages = values[0]
    if pages.first is not None or pages.last is not None:
        return True
    return bool(PageRange.parse(pages.literal or "") == pages)


def _status_in(value: Any, ctx: RuleContext) -> Any:
    raw = _str(value, ctx)
    status = raw.lower().replace(" ", "-") if raw else None
    return status if status in PUBLICATION_STATUSES else None


def _status_out(values: list[Any], ctx: RuleContext) -> Any:
    return values[0].replace("-", " ").capitalize() if values else None


# funding


def _funding_in(value: Any, ctx: RuleContext) -> Any:
    out = []
    for v in V.as_list(value):
        g = V.grant_fields(v)
        if g is None:
            _note(ctx, "funding", f"grant {v!r} names no funder; skipped")
        else:
            out.append(g)
    return out or None


def _funder_in(value: Any, ctx: RuleContext) -> Any:
    fields = ctx.fields or {}
    granted = {
        g["funder_name"]
        for v in V.as_list(fields.get("funding"))
        if (g := V.grant_fields(v)) is not None
    }
    out = []
    for v in V.as_list(value):
        f = V.funder_fields(v)
        if f is None:
            _note(ctx, "funder", f"funder {v!r} has no name; skipped")
        elif f["funder_name"] not in granted:
            out.append(f)
    return out or None


def _funding_out(values: list[Any], ctx: RuleContext) -> Any:
    return [V.grant_node(f) for f in values]


def _funder_out(values: list[Any], ctx: RuleContext) -> Any:
    seen: dict[str, Any] = {}
    for f in values:
        seen.setdefault(f.funder_name, V.funder_node(f))
    nodes = list(seen.values())
    return nodes[0] if len(nodes) == 1 else nodes


_FUNDER_ID = ("funder_identifier.scheme", "funder_identifier.value", "funder_identifier.valid")
_FUNDING_PARTS = (
    "funder_name",
    *_FUNDER_ID,
    "funder_identifier_type",
    "award_number",
    "award_uri",
    "award_title",
)


# links


def _links_in(type_: str) -> Callable[[Any, RuleContext], Any]:
    def read(value: Any, ctx: RuleContext) -> Any:
        out = [r for v in V.as_list(value) if (r := V.link_fields(v, type_)) is not None]
        return out or None

    return read


def _links_out(values: list[Any], ctx: RuleContext) -> Any:
    nodes = [n for r in values if (n := V.link_node(r)) is not None]
    return nodes[0] if len(nodes) == 1 else (nodes or None)


def _link_parts(r: Any) -> tuple[str, ...]:
    return ("type", "identifier") if r.identifier is not None else ("type", "citation")


def _links_exact(values: list[Any], ctx: RuleContext) -> bool:
    return all(V.link_exact(r) for r in values)


def _link_rule(prop: str, type_: str) -> Rule:
    return Rule(
        prop,
        f"relations(type={type_})",
        to_hub=_links_in(type_),
        from_hub=_links_out,
        take="all",
        parts=_link_parts,
        exact=_links_exact,
        note="a URL or identifier, a CreativeWork node, or a citation text",
    )


# attachments


def _media_in(value: Any, ctx: RuleContext) -> Any:
    out = []
    for v in V.as_list(value):
        if isinstance(v, str) and (url := V.text(v)):
            out.append({"url": url})
        elif isinstance(v, dict):
            url = V.text(v.get("contentUrl")) or V.text(v.get("url"))
            if url is None:
                _note(ctx, "distribution", "a download without contentUrl; skipped")
                continue
            a: dict[str, Any] = {"url": url}
            if mt := V.text(v.get("encodingFormat")) or V.text(v.get("fileFormat")):
                a["media_type"] = mt
            if label := V.text(v.get("name")):
                a["label"] = label
            out.append(a)
    return out or None


def _media_out(kind: str) -> Callable[[list[Any], RuleContext], Any]:
    def write(values: list[Any], ctx: RuleContext) -> Any:
        out = []
        for a in values:
            node: dict[str, Any] = {"@type": kind, "contentUrl": a.url}
            if a.media_type:
                node["encodingFormat"] = a.media_type
            if a.label:
                node["name"] = a.label
            out.append(node)
        return out

    return write


def _media_exact(values: list[Any], ctx: RuleContext) -> bool:
    return all(a.kind == "file" for a in values)


def _dataset(ctx: RuleContext) -> bool:
    return ctx.hub_type in ("dataset", "model")


def _not_dataset(ctx: RuleContext) -> bool:
    return ctx.fields is not None or ctx.hub_type not in ("dataset", "model")


def _software(ctx: RuleContext) -> bool:
    return ctx.fields is not None or ctx.hub_type in SOFTWARE_TYPES


def _chapter(ctx: RuleContext) -> bool:
    return ctx.native_type == "Chapter"


def _report(ctx: RuleContext) -> bool:
    return ctx.fields is not None or ctx.hub_type in ("report", "output-management-plan")


def _geo_in(value: Any, ctx: RuleContext) -> Any:
    out = []
    for v in V.as_list(value):
        if isinstance(v, str) and (place := V.text(v)):
            out.append({"place": place})
        elif isinstance(v, dict):
            g: dict[str, Any] = {}
            if place := V.text(v.get("name")):
                g["place"] = place
            geo = v.get("geo")
            if isinstance(geo, dict):
                try:
                    lat, lon = float(geo["latitude"]), float(geo["longitude"])
                    if -90 <= lat <= 90 and -180 <= lon <= 180:
                        g["point"] = {"latitude": lat, "longitude": lon}
                except (KeyError, TypeError, ValueError):
                    _note(ctx, "spatialCoverage", f"unreadable coordinates {geo!r}")
            if g:
                out.append(g)
    return out or None


def _geo_out(values: list[Any], ctx: RuleContext) -> Any:
    out = [{"@type": "Place", "name": g.place} for g in values if g.place]
    return out or None


def _geo_parts(g: Any) -> tuple[str, ...] | None:
    return ("place",) if g.place else None


def _size_in(value: Any, ctx: RuleContext) -> Any:
    out = [t for v in V.as_list(value) if (t := V.text(v))]
    return out or None


def _list_out(values: list[Any], ctx: RuleContext) -> Any:
    return values[0] if len(values) == 1 else list(values)


def _catalog_in(value: Any, ctx: RuleContext) -> Any:
    v = V.as_list(value)[0] if V.as_list(value) else None
    return V.text(v.get("name")) if isinstance(v, dict) else V.text(v)


def _catalog_out(values: list[Any], ctx: RuleContext) -> Any:
    return {"@type": "DataCatalog", "name": values[0]}


def _series_number_in(value: Any, ctx: RuleContext) -> Any:
    return _str(value, ctx)


_R = Rule
_TEXT: dict[str, Any] = {"to_hub": _str}
_P = "isPartOf."
_S = "isPartOf[series]."

RULES: tuple[Rule, ...] = (
    _R(
        "@id",
        "id",
        to_hub=_node_id_in,
        exact=_id_exact,
        note="unless it is a DOI (or other identifier) IRI, read as an identifier",
    ),
    _R(
        "name",
        "titles(type=main).text",
        note="headline when there is no name",
        **_TEXT,
    ),
    _R(
        "headline",
        "titles(type=main).text",
        when=lambda ctx: ctx.fields is not None and "name" not in ctx.fields,
        write=False,
        note="read when there is no name (else kept in extras)",
        **_TEXT,
    ),
    _R("alternativeHeadline", "titles(type=subtitle).text", note="the subtitle", **_TEXT),
    _texts_rule("alternateName", "titles(type=alternative)"),
    *(_agent_rule(p, r) for p, r in AGENT_ROLES.items()),
    _R(
        "creator",
        "contributors(role=author)",
        to_hub=_agents_in("author", "creator"),
        write=False,
        note="read as authors (written as author)",
    ),
    _date_rule("datePublished", "dates(type=issued)", "issued"),
    _date_rule("dateCreated", "dates(type=created)", "created"),
    _date_rule("dateModified", "dates(type=updated)", "updated"),
    _date_rule(
        "copyrightYear",
        "dates(type=copyrighted)",
        "copyrighted",
        note="a year",
    ),
    _date_rule(
        "temporalCoverage",
        "dates(type=coverage)",
        "coverage",
        note="ISO 8601 date or interval (2011/2012, 2019/..)",
    ),
    _date_rule("expires", "dates(type=withdrawn)", "withdrawn"),
    _id_rule(
        "identifier",
        "identifiers",
        note="PropertyValue (propertyID, value, name), text or URL; DOI, handle, arXiv... IRIs "
        "in @id and sameAs are read here too; URLs are written as url",
    ),
    _scheme_rule("url", "identifiers(scheme=url)", "url"),
    _R(
        "@id",
        "identifiers(scheme=doi)",
        to_hub=None,
        from_hub=_doi_id_out,
        read=False,
        note="the DOI's URL when the record has no id of its own",
    ),
    _scheme_rule("isbn", "identifiers(scheme=isbn)", "isbn"),
    _scheme_rule("issn", "identifiers(scheme=issn)", "issn", note="of a Periodical record"),
    _R("publisher", "publisher.name", note="Organization (or Person) name, or text", **_TEXT),
    _R("publisher.address", "publisher.place", note="the publisher's address as text", **_TEXT),
    _id_rule("publisher.identifier", "publisher.identifiers", note="@id (ROR) or identifier"),
    _texts_rule("description", "descriptions(type=abstract)", note="the abstract"),
    _R(
        "abstract",
        "descriptions(type=abstract)",
        to_hub=_names_in,
        write=False,
        note="read as an abstract too (written as description)",
    ),
    _R(
        "keywords",
        "subjects",
        to_hub=_keywords_in,
        from_hub=_keywords_out,
        take="all",
        parts=_subject_parts,
        exact=_keywords_exact,
        note="text split at commas, or an array of texts and DefinedTerm nodes (name, termCode, "
        "url, inDefinedTermSet); written as an array",
    ),
    _R("inLanguage", "language", to_hub=_lang_in, note="BCP 47 text or a Language node"),
    _R("version", "version", **_TEXT),
    _R("softwareVersion", "version", write=False, note="read as the version", **_TEXT),
    _R("bookEdition", "edition", **_TEXT),
    _R("numberOfPages", "number_of_pages", **_TEXT),
    _R("reportNumber", "number", when=_report, **_TEXT),
    _R("articleSection", "section", **_TEXT),
    _R("position", "chapter", when=_chapter, note="of a Chapter: its number", **_TEXT),
    _R("genre", "genre", **_TEXT),
    _R(
        "creativeWorkStatus",
        "publication_status",
        to_hub=_status_in,
        from_hub=_status_out,
        note="known words only; other text kept in extras",
    ),
    _R(
        "license",
        "rights",
        to_hub=_rights_in,
        from_hub=_rights_out,
        take="all",
        parts=("statement", "uri", "identifier"),
        note="a URL, a text or a CreativeWork (name, url, identifier)",
    ),
    _R("conditionsOfAccess", "access_rights", **_TEXT),
    _R(
        "funding",
        "funding",
        to_hub=_funding_in,
        from_hub=_funding_out,
        take="all",
        parts=_FUNDING_PARTS,
        note="Grant nodes: identifier (award number), name, url and funder",
    ),
    _R(
        "funder",
        "funding",
        to_hub=_funder_in,
        from_hub=_funder_out,
        take="all",
        parts=("funder_name", *_FUNDER_ID, "funder_identifier_type"),
        note="Organization or Person nodes; a funder already named by a Grant is not repeated",
    ),
    *(_link_rule(p, t) for p, t in RELATIONS.items()),
    _R(
        "codeRepository",
        "relations(type=IsSupplementedBy)",
        to_hub=_links_in("IsSupplementedBy"),
        from_hub=_links_out,
        take="all",
        parts=_link_parts,
        exact=_links_exact,
        when=_software,
        note="of software: the repository URL",
    ),
    _R(
        "isPartOf",
        "relations(type=IsPartOf)",
        to_hub=_links_in("IsPartOf"),
        write=False,
        note="a link to a work that is not described (no name, ISSN, ISBN, volume or issue)",
    ),
    _R("pageStart", "container.pages.first", **_TEXT),
    _R("pageEnd", "container.pages.last", **_TEXT),
    _R(
        "pagination",
        "container.pages",
        to_hub=_pages_in,
        from_hub=_pages_out,
        parts=("literal",),
        exact=_literal_pages_exact,
        note="parsed as a range when there is no pageStart or pageEnd",
    ),
    _R(
        "distribution",
        "attachments",
        to_hub=_media_in,
        from_hub=_media_out("DataDownload"),
        take="all",
        when=lambda ctx: ctx.fields is not None or _dataset(ctx),
        parts=("url", "media_type", "label"),
        exact=_media_exact,
        note="of a Dataset: DataDownload nodes (contentUrl, encodingFormat, name)",
    ),
    _R(
        "encoding",
        "attachments",
        to_hub=_media_in,
        from_hub=_media_out("MediaObject"),
        take="all",
        when=_not_dataset,
        parts=("url", "media_type", "label"),
        exact=_media_exact,
        note="MediaObject nodes (contentUrl, encodingFormat, name)",
    ),
    _R("encodingFormat", "formats", to_hub=_size_in, from_hub=_list_out, take="all"),
    _R("fileFormat", "formats", to_hub=_size_in, write=False, note="superseded: encodingFormat"),
    _R("size", "sizes", to_hub=_size_in, from_hub=_list_out, take="all"),
    _R(
        "spatialCoverage",
        "geo_locations",
        to_hub=_geo_in,
        from_hub=_geo_out,
        take="all",
        parts=_geo_parts,
        note="Place nodes: name, and geo coordinates (read only)",
    ),
    _R(
        "includedInDataCatalog",
        "archive.database",
        to_hub=_catalog_in,
        from_hub=_catalog_out,
        note="a DataCatalog's name",
    ),
    # the container chain
    _R(_P + "name", "container.titles(type=main).text", note="Periodical, Book... name", **_TEXT),
    _R(_P + "alternateName", "container.titles(type=short).text", **_TEXT),
    _R(_P + "volumeNumber", "container.volume", note="PublicationVolume", **_TEXT),
    _R(_P + "issueNumber", "container.issue", note="PublicationIssue", **_TEXT),
    _id_rule(
        _P + "identifier",
        "container.identifiers",
        note="every identifier but URLs, as PropertyValue (eISSN, ISSN-L named)",
    ),
    _scheme_rule(
        _P + "issn",
        "container.identifiers(scheme=issn)",
        "issn",
        uses=("container.identifiers(scheme=eissn)", "container.identifiers(scheme=lissn)"),
        note="print and electronic ISSNs alike",
    ),
    _scheme_rule(_P + "isbn", "container.identifiers(scheme=isbn)", "isbn", note="of a Book"),
    _scheme_rule(_P + "url", "container.identifiers(scheme=url)", "url"),
    _R(_P + "bookEdition", "container.edition", **_TEXT),
    _R(_P + "publisher", "container.publisher.name", **_TEXT),
    _date_rule(
        _P + "datePublished",
        "container.issued",
        "issued",
        note="of the nearest node of the chain (issue, volume or container)",
    ),
    # the series
    _R(
        _S + "name",
        "series.titles(type=main).text",
        note="BookSeries or CreativeWorkSeries",
        **_TEXT,
    ),
    _R(_S + "position", "series.number", to_hub=_series_number_in),
    _id_rule(_S + "identifier", "series.identifiers"),
    _scheme_rule(
        _S + "issn",
        "series.identifiers(scheme=issn)",
        "issn",
        uses=("series.identifiers(scheme=eissn)", "series.identifiers(scheme=lissn)"),
    ),
)
"""The schema.org rules: reading, writing, the loss report and the docs come from these rows."""

RULE_TABLE = RuleTable(RULES)

_F = FieldMap
#: Properties of the helper nodes read by the rules above (persons, identifiers, the chain).
_HELPERS: tuple[FieldMap, ...] = (
    _F("@type", "type", note="the first type with a mapping; several kept in extras"),
    _F("givenName", "contributors.given"),
    _F("familyName", "contributors.family"),
    _F("additionalName", "contributors.given", "approx", "joined to the given name"),
    _F("honorificSuffix", "contributors.suffix"),
    _F("affiliation", "contributors.affiliations", note="Organization node or name"),
    _F(
        "@id",
        "contributors.identifiers",
        note="of a Person or Organization: ORCID, ROR, ISNI... IRI (also sameAs and identifier)",
    ),
    _F("propertyID", "identifiers.scheme", note="of a PropertyValue"),
    _F("value", "identifiers.value", note="of a PropertyValue"),
    _F("volumeNumber", "container.volume"),
    _F("issueNumber", "container.issue"),
    _F("contentUrl", "attachments.url"),
    _F("termCode", "subjects.code"),
    _F("inDefinedTermSet", "subjects.scheme", note="name (scheme) and url (scheme_uri)"),
    _F("address", "publisher.place", note="of the publisher"),
    _F("latitude", "geo_locations.point.latitude", note="of a Place's geo"),
    _F("longitude", "geo_locations.point.longitude", note="of a Place's geo"),
    _F("geo", "geo_locations.point", note="GeoCoordinates of a Place (read only)"),
    _F("downloadUrl", "attachments.url", "approx", "read as contentUrl is"),
)
_READ_ELSEWHERE = (
    frozenset(fm.field for fm in _HELPERS)
    | RULE_TABLE.sources
    | {s.split(".", 1)[-1] for s in RULE_TABLE.sources}
)
#: The properties that are kept as given (in the record's extras) when on the work itself;
#: on a helper node (a Person's birthDate...) they are reported as not kept.
_EXTRAS: tuple[FieldMap, ...] = tuple(
    _F(p, "extras", "extras", "kept as given") for p in sorted(PROPERTIES - _READ_ELSEWHERE)
)

_T = TypeMap
_TYPES: tuple[TypeMap, ...] = (
    _T("ScholarlyArticle", "article-journal"),
    _T("MedicalScholarlyArticle", "article-journal", write=False),
    _T("Article", "article-journal", write=False),
    _T("NewsArticle", "article-newspaper"),
    _T("Report", "report"),
    _T("Thesis", "thesis"),
    _T("Book", "book"),
    _T("Audiobook", "book", write=False),
    _T("Chapter", "chapter"),
    _T("Dataset", "dataset"),
    _T("DataFeed", "dataset", write=False),
    _T("SoftwareSourceCode", "software"),
    _T("SoftwareApplication", "software", write=False),
    _T("Periodical", "periodical"),
    _T("Newspaper", "periodical", write=False),
    _T("PublicationIssue", "journal-issue"),
    _T("PublicationVolume", "journal-issue", write=False),
    _T("Collection", "collection"),
    _T("CreativeWork", "document"),
    _T("DigitalDocument", "document", write=False),
    _T("WebPage", "webpage"),
    _T("WebSite", "webpage", write=False),
    _T("SocialMediaPosting", "post"),
    _T("Review", "review"),
    _T("Map", "map"),
    _T("Atlas", "map", write=False),
    _T("ImageObject", "image"),
    _T("Photograph", "image", write=False),
    _T("Drawing", "image", write=False),
    _T("Painting", "image", write=False),
    _T("VisualArtwork", "image", write=False),
    _T("Movie", "motion-picture"),
    _T("VideoObject", "audiovisual"),
    _T("Clip", "audiovisual", write=False),
    _T("AudioObject", "sound"),
    _T("MusicRecording", "song"),
    _T("SheetMusic", "musical-score"),
    _T("MusicComposition", "musical-score", write=False),
    _T("Legislation", "legislation"),
    _T("Manuscript", "manuscript"),
    _T("Poster", "poster"),
    _T("Message", "letter"),
    _T("TechArticle", "manual"),
    _T("Project", "project"),
    _T("DataCatalog", "collection", write=False),
    _T("CreativeWorkSeries", "collection", write=False),
    _T("BookSeries", "collection", write=False),
    _T("DataDownload", "dataset", write=False, note="a download described on its own"),
    _T("MediaObject", "other", write=False, note="a file described on its own"),
    _T("Grant", "award", write=False, note="helper node (funding): never read as a work"),
    _T("MonetaryGrant", "award", write=False, note="helper node (funding): never read as a work"),
    *(
        _T(t, "other", write=False, note="helper node: never read as a work")
        for t in sorted(HELPER_TYPES - {"Grant", "MonetaryGrant"})
    ),
    # hub types schema.org has no word for (written as the nearest type)
    _T("ScholarlyArticle", "preprint", read=False),
    _T("ScholarlyArticle", "data-paper", read=False),
    _T("ScholarlyArticle", "paper-conference", read=False),
    _T("Article", "article-magazine", read=False),
    _T("Review", "review-book", read=False),
    _T("Review", "peer-review", read=False),
    _T("Book", "edited-book", read=False),
    _T("Book", "multivolume-book", read=False),
    _T("Book", "proceedings", read=False),
    _T("Book", "classic", read=False),
    _T("Book", "pamphlet", read=False),
    _T("Article", "entry-encyclopedia", read=False),
    _T("Article", "entry-dictionary", read=False),
    _T("Report", "output-management-plan", read=False),
    _T("SoftwareSourceCode", "computational-notebook", read=False),
    _T("SoftwareSourceCode", "workflow", read=False),
    _T("SoftwareApplication", "service", read=False),
    _T("Dataset", "model", read=False),
    _T("SocialMediaPosting", "post-weblog", read=False),
    _T("ImageObject", "figure", read=False),
    _T("Legislation", "bill", read=False),
    _T("Legislation", "regulation", read=False),
    _T("Legislation", "treaty", read=False),
    _T("MusicRecording", "performance", read=False),
    _T("VideoObject", "broadcast", read=False),
    *(
        _T("CreativeWork", t, read=False)
        for t in (
            "presentation",
            "speech",
            "standard",
            "patent",
            "interview",
            "legal-case",
            "hearing",
            "interactive-resource",
            "instrument",
            "physical-object",
            "study-registration",
            "award",
            "event",
            "other",
        )
    ),
)

_NO_HOME = "no schema.org property"
CROSSWALK = Crosswalk(
    format="schemaorg",
    fields=(*RULE_TABLE.field_maps(), *_HELPERS, *_EXTRAS),
    types=_TYPES,
    unmapped={
        "citation_key": _NO_HOME,
        "titles(type=translated)": _NO_HOME,
        "titles(type=short)": _NO_HOME,
        "titles(type=other)": _NO_HOME,
        "contributors.dropping_particle": "names have givenName and familyName only",
        "contributors.non_dropping_particle": "names have givenName and familyName only",
        "et_al": _NO_HOME,
        "dates(type=accessed)": _NO_HOME,
        "dates(type=submitted)": _NO_HOME,
        "dates(type=accepted)": _NO_HOME,
        "dates(type=available)": _NO_HOME,
        "dates(type=original)": _NO_HOME,
        "dates(type=collected)": _NO_HOME,
        "dates(type=valid)": _NO_HOME,
        "dates(type=deposited)": _NO_HOME,
        "dates(type=event)": _NO_HOME,
        "dates(type=other)": _NO_HOME,
        "descriptions(type=note)": "description holds the abstract",
        "descriptions(type=methods)": _NO_HOME,
        "descriptions(type=other)": _NO_HOME,
        "container.number": "no article number property",
        "event": "no property for the event a work was presented at",
        "related_items": _NO_HOME,
        "archive.name": _NO_HOME,
        "archive.location": _NO_HOME,
        "archive.call_number": _NO_HOME,
        "original": _NO_HOME,
        "citation": "citation holds the references",
        "peer_reviewed": _NO_HOME,
        "number_of_volumes": _NO_HOME,
        "part": _NO_HOME,
    },
)
