"""schema.org values <-> record values: agents (Person, Organization), identifiers
(PropertyValue, strings, resolver URLs), dates, licences, terms, grants, links."""

from __future__ import annotations

from typing import Any

from biblioconv.dates import parse_date
from biblioconv.identifiers import canonical_scheme, classify, to_url
from biblioconv.model import (
    Contributor,
    DateValue,
    Funding,
    Identifier,
    Relation,
    Rights,
    Subject,
    normalized_identifier,
)

__all__ = [
    "ORGANIZATION_TYPES",
    "PROPERTY_IDS",
    "agent_fields",
    "agent_node",
    "as_list",
    "date_in",
    "date_out",
    "dedupe",
    "grant_fields",
    "grant_node",
    "identifier_fields",
    "identifier_node",
    "link_fields",
    "link_node",
    "rights_fields",
    "rights_node",
    "subject_fields",
    "subject_node",
    "text",
]

#: Types of agents that are organisations (Organization and its subtypes).
ORGANIZATION_TYPES = frozenset(
    {
        "Organization",
        "Airline",
        "Consortium",
        "Cooperative",
        "Corporation",
        "EducationalOrganization",
        "CollegeOrUniversity",
        "FundingScheme",
        "FundingAgency",
        "GovernmentOrganization",
        "LibrarySystem",
        "LocalBusiness",
        "MedicalOrganization",
        "NGO",
        "NewsMediaOrganization",
        "OnlineBusiness",
        "PerformingGroup",
        "PoliticalParty",
        "Project",
        "ResearchProject",
        "ResearchOrganization",
        "SearchRescueOrganization",
        "SportsOrganization",
        "WorkersUnion",
    }
)

#: How identifier schemes are named in a PropertyValue's propertyID (others: the scheme name).
PROPERTY_IDS: dict[str, str] = {
    "doi": "DOI",
    "isbn": "ISBN",
    "issn": "ISSN",
    "eissn": "eISSN",
    "lissn": "ISSN-L",
    "url": "URL",
    "pmid": "PMID",
    "pmcid": "PMCID",
    "arxiv": "arXiv",
    "handle": "Handle",
    "ark": "ARK",
    "urn": "URN",
    "urn-nbn": "URN:NBN",
    "orcid": "ORCID",
    "isni": "ISNI",
    "ror": "ROR",
    "grid": "GRID",
    "crossref-funder": "Crossref Funder ID",
    "wikidata": "Wikidata",
    "openalex": "OpenAlex",
}
_ISSNS = frozenset({"issn", "eissn", "lissn"})


def text(value: Any) -> str | None:
    """A scalar as stripped text (numbers too); None for empty values and non-scalars."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return None


def as_list(value: Any) -> list[Any]:
    """A property's values as a list (JSON-LD allows one value or an array)."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _types(node: dict[str, Any]) -> set[str]:
    t = node.get("@type")
    return {t} if isinstance(t, str) else {x for x in t if isinstance(x, str)} if t else set()


# -- identifiers --------------------------------------------------------------------------------


def identifier_fields(value: Any, *, keep_plain: str | None = "local") -> dict[str, Any] | None:
    """An identifier (Identifier fields) from a PropertyValue, a node reference or a string: a
    string is classified (DOI, ORCID, ROR... URLs and prefixes, ISBNs, URLs); what is not
    recognised has the scheme ``keep_plain`` (None: not an identifier)."""
    if isinstance(value, dict):
        raw = text(value.get("value"))
        prop = text(value.get("propertyID"))
        if raw is None:
            raw = text(value.get("@id")) or text(value.get("url"))
            prop = None if raw is None else prop
        if raw is None:
            return None
        label = text(value.get("name"))
        if prop:
            if "://" in prop:  # a registry IRI (identifiers.org/registry/doi): its last segment
                prop = prop.rstrip("/").rsplit("/", 1)[-1] or prop
            scheme = canonical_scheme(prop)
            found = classify(raw)
            if found is not None and found[0] == scheme:  # a DOI given as a URL
                raw = found[1]
            out: dict[str, Any] = {"scheme": scheme, "value": raw}
            if label and label != prop:
                out["label"] = label
            return out
        out_ = _classified(raw, keep_plain)
        if out_ is not None and label:
            out_["label"] = label
        return out_
    raw = text(value)
    return None if raw is None else _classified(raw, keep_plain)


def _classified(raw: str, keep_plain: str | None) -> dict[str, Any] | None:
    found = classify(raw)
    if found is not None:
        return {"scheme": found[0], "value": found[1]}
    return None if keep_plain is None else {"scheme": keep_plain, "value": raw}


def identifier_node(ident: Identifier) -> dict[str, Any]:
    """An identifier as a PropertyValue."""
    node: dict[str, Any] = {
        "@type": "PropertyValue",
        "propertyID": PROPERTY_IDS.get(ident.scheme, ident.scheme),
        "value": ident.value,
    }
    if ident.label:
        node["name"] = ident.label
    return node


def identifier_key(ident: dict[str, Any]) -> tuple[str, str]:
    """What makes two identifiers the same (an ISSN and an eISSN of the same value are)."""
    scheme = canonical_scheme(str(ident.get("scheme", "")))
    return ("issn" if scheme in _ISSNS else scheme, str(ident.get("value", "")).strip().lower())


def dedupe(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Identifiers without repeats (the first of each kept)."""
    if len(items) < 2:
        return items
    seen: set[tuple[str, str]] = set()
    out = []
    for item in items:
        scheme = canonical_scheme(str(item.get("scheme", "")))
        key = identifier_key(
            {
                "scheme": scheme,
                "value": normalized_identifier(scheme, str(item.get("value", "")))[0],
            }
        )
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def node_id(ident: Identifier) -> str | None:
    """The IRI of an identifier (its resolver URL), if it has one."""
    return to_url(ident.scheme, ident.value)


# -- agents ---------------------------------------------------------------------------------------


def agent_fields(value: Any, role: str, dropped: list[str]) -> dict[str, Any] | None:
    """Contributor fields from a Person or Organization node or a plain name; the names of
    properties not kept are appended to ``dropped``."""
    if isinstance(value, str):
        name = text(value)
        if name is None:
            return None
        found = classify(name)
        if found is not None and found[0] == "orcid" and found[2]:
            return {"role": role, "identifiers": [{"scheme": "orcid", "value": found[1]}]}
        return {"role": role, "literal": name}
    if not isinstance(value, dict):
        return None
    types = _types(value)
    if "Role" in types or any(t.endswith("Role") for t in types):
        # a Role node: the agent is the value of the role's own property (author, creator...)
        inner = next(
            (v for k, v in value.items() if isinstance(v, (dict, list)) and not k.startswith("@")),
            None,
        )
        if isinstance(inner, list):
            inner = inner[0] if inner else None
        wrapped = agent_fields(inner, role, dropped)
        if wrapped is not None and (label := text(value.get("roleName"))):
            wrapped["role_label"] = label
        return wrapped
    kind = "organization" if types & ORGANIZATION_TYPES else "person"
    out: dict[str, Any] = {"role": role}
    if kind == "organization":
        out["kind"] = kind
    given = text(value.get("givenName"))
    family = text(value.get("familyName"))
    extra = text(value.get("additionalName"))
    if extra:
        given = f"{given} {extra}" if given else extra
    if given:
        out["given"] = given
    if family:
        out["family"] = family
    name = text(value.get("name"))
    if name and name != " ".join(p for p in (given, family) if p):
        out["literal"] = name
    suffix = text(value.get("honorificSuffix"))
    if suffix:
        out["suffix"] = suffix
    ids = _ids_of(value)
    if ids:
        out["identifiers"] = ids
    affs = []
    for aff in as_list(value.get("affiliation")):
        a = affiliation_fields(aff)
        if a is not None:
            affs.append(a)
    if affs:
        out["affiliations"] = affs
    for key in value:
        if key not in _AGENT_KEYS:
            dropped.append(key)
    if not (given or family or out.get("literal") or ids):
        return None
    return out


_AGENT_KEYS = frozenset(
    {
        "@type",
        "@id",
        "givenName",
        "familyName",
        "additionalName",
        "name",
        "honorificSuffix",
        "identifier",
        "sameAs",
        "affiliation",
    }
)


def _ids_of(node: dict[str, Any]) -> list[dict[str, Any]]:
    """The identifiers of an agent: ``identifier`` first, then ``@id`` and ``sameAs`` IRIs."""
    ids: list[dict[str, Any]] = []
    for v in as_list(node.get("identifier")):
        i = identifier_fields(v)
        if i is not None:
            ids.append(i)
    for v in [node.get("@id"), *as_list(node.get("sameAs"))]:
        raw = text(v) if not isinstance(v, dict) else text(v.get("@id"))
        if raw and not raw.startswith(("_:", "#")):
            i = identifier_fields(raw, keep_plain=None)
            if i is not None:
                ids.append(i)
    return dedupe(ids)


def affiliation_fields(value: Any) -> dict[str, Any] | None:
    """Affiliation fields from an Organization node or a name."""
    if isinstance(value, str):
        name = text(value)
        return {"name": name} if name else None
    if not isinstance(value, dict):
        return None
    out: dict[str, Any] = {}
    name = text(value.get("name"))
    if name:
        out["name"] = name
    ids = _ids_of(value)
    if ids:
        out["identifiers"] = ids
    return out or None


def _id_and_identifiers(node: dict[str, Any], idents: list[Identifier], preferred: str) -> None:
    """Put an agent's identifiers: the first of the ``preferred`` scheme as ``@id`` (alone when
    it is the only one), every identifier as a PropertyValue otherwise."""
    first = next((i for i in idents if i.scheme == preferred and node_id(i)), None)
    if first is not None:
        node["@id"] = node_id(first)
    if idents and not (len(idents) == 1 and first is not None and not first.label):
        node["identifier"] = [identifier_node(i) for i in idents]


def agent_node(c: Contributor) -> dict[str, Any]:
    """A contributor as a Person or Organization node."""
    org = c.kind == "organization"
    node: dict[str, Any] = {"@type": "Organization" if org else "Person"}
    _id_and_identifiers(node, c.identifiers, "ror" if org else "orcid")
    if c.given:
        node["givenName"] = c.given
    if c.family:
        node["familyName"] = c.family
    if c.suffix:
        node["honorificSuffix"] = c.suffix
    name = c.literal or " ".join(p for p in (c.given, c.family) if p)
    if name:
        node["name"] = name
    if c.affiliations:
        affs = []
        for a in c.affiliations:
            aff: dict[str, Any] = {"@type": "Organization"}
            _id_and_identifiers(aff, a.identifiers, "ror")
            if a.name:
                aff["name"] = a.name
            affs.append(aff)
        node["affiliation"] = affs
    return node


def agent_parts(c: Contributor) -> tuple[str, ...]:
    """What :func:`agent_node` carries of a contributor, exactly."""
    parts = ["kind", "role", "given", "family", "suffix", "literal"]
    if all(i.scheme_uri is None for i in c.identifiers):
        parts.append("identifiers")
    if all(
        a.lang is None and all(i.scheme_uri is None for i in a.identifiers) for a in c.affiliations
    ):
        parts.append("affiliations")
    return tuple(parts)


# -- dates ----------------------------------------------------------------------------------------


def date_in(value: Any, type_: str) -> dict[str, Any] | None:
    """A date (DateValue fields) from ISO 8601 text, a year number or an interval."""
    raw = text(value)
    if raw is None:
        return None
    return parse_date(raw, type_).model_dump(exclude_defaults=True) | {"type": type_}


def date_out(d: DateValue) -> str | None:
    """A date as ISO 8601 / EDTF text (free text as given)."""
    return d.edtf() or d.literal


def date_exact(d: DateValue) -> bool:
    """Whether :func:`date_out` of a date reads back as the same date."""
    out = date_out(d)
    if out is None or d.information is not None:
        return False
    return parse_date(out, d.type) == d


# -- licences, subjects, grants, links -----------------------------------------------------------


def rights_fields(value: Any) -> dict[str, Any] | None:
    """Rights from a licence URL, a text or a CreativeWork node."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        name = text(value.get("name"))
        uri = text(value.get("url")) or text(value.get("@id"))
        ident = text(value.get("identifier"))
        if name:
            out["statement"] = name
        if uri:
            out["uri"] = uri
        if ident:
            out["identifier"] = ident
        return out or None
    raw = text(value)
    if raw is None:
        return None
    found = classify(raw)
    if found is not None and found[0] == "url" and " " not in raw:
        return {"uri": raw}
    return {"statement": raw}


def rights_node(r: Rights) -> Any:
    """Rights as a licence URL, a text, or a CreativeWork node."""
    if r.uri and not r.statement and not r.identifier:
        found = classify(r.uri)
        if found is not None and found[0] == "url" and " " not in r.uri:
            return r.uri
    if r.statement and not r.uri and not r.identifier:
        found = classify(r.statement)
        if not (found is not None and found[0] == "url" and " " not in r.statement):
            return r.statement
    node: dict[str, Any] = {"@type": "CreativeWork"}
    if r.statement:
        node["name"] = r.statement
    if r.uri:
        node["url"] = r.uri
    if r.identifier:
        node["identifier"] = r.identifier
    return node


def subject_fields(value: Any) -> dict[str, Any] | None:
    """A subject from a keyword or a DefinedTerm node."""
    if isinstance(value, dict):
        term = text(value.get("name"))
        if term is None:
            return None
        out: dict[str, Any] = {"term": term}
        code = text(value.get("termCode"))
        if code:
            out["code"] = code
        uri = text(value.get("url")) or text(value.get("@id"))
        if uri:
            out["value_uri"] = uri
        scheme = value.get("inDefinedTermSet")
        if isinstance(scheme, dict):
            if (n := text(scheme.get("name"))) is not None:
                out["scheme"] = n
            if (u := text(scheme.get("url")) or text(scheme.get("@id"))) is not None:
                out["scheme_uri"] = u
        elif (s := text(scheme)) is not None:
            found = classify(s)
            out["scheme_uri" if found and found[0] == "url" else "scheme"] = s
        return out
    term = text(value)
    return {"term": term} if term else None


def subject_node(s: Subject) -> Any:
    """A subject as a keyword or a DefinedTerm node."""
    if not (s.scheme or s.scheme_uri or s.value_uri or s.code):
        return s.term
    node: dict[str, Any] = {"@type": "DefinedTerm", "name": s.term}
    if s.code:
        node["termCode"] = s.code
    if s.value_uri:
        node["url"] = s.value_uri
    if s.scheme or s.scheme_uri:
        termset: dict[str, Any] = {"@type": "DefinedTermSet"}
        if s.scheme:
            termset["name"] = s.scheme
        if s.scheme_uri:
            termset["url"] = s.scheme_uri
        node["inDefinedTermSet"] = termset
    return node


def funder_fields(value: Any) -> dict[str, Any] | None:
    """Funding fields (the funder's) from an Organization or Person node or a name."""
    if isinstance(value, str):
        name = text(value)
        return {"funder_name": name} if name else None
    if not isinstance(value, dict):
        return None
    name = text(value.get("name"))
    if name is None:
        return None
    out: dict[str, Any] = {"funder_name": name}
    pv = next((v for v in as_list(value.get("identifier")) if v is not None), None)
    ident = identifier_fields(pv) if pv is not None else None
    if ident is None and (raw := text(value.get("@id"))) and not raw.startswith(("_:", "#")):
        ident = identifier_fields(raw, keep_plain=None)
    if ident is not None:
        ident.pop("label", None)
        out["funder_identifier"] = ident
        label = text(pv.get("name")) if isinstance(pv, dict) else None
        if label:
            out["funder_identifier_type"] = label
    return out


def grant_fields(value: Any) -> dict[str, Any] | None:
    """Funding fields from a Grant (MonetaryGrant) node: its funder, number, name and URL."""
    if not isinstance(value, dict):
        return None
    funder = next((f for v in as_list(value.get("funder")) if (f := funder_fields(v))), None)
    if funder is None:
        return None
    number = text(value.get("identifier"))
    if number is None and isinstance(value.get("identifier"), dict):
        number = text(value["identifier"].get("value"))
    if number:
        funder["award_number"] = number
    if title := text(value.get("name")):
        funder["award_title"] = title
    uri = text(value.get("url")) or text(value.get("@id"))
    if uri and not uri.startswith(("_:", "#")):
        funder["award_uri"] = uri
    return funder


def funder_node(f: Funding) -> dict[str, Any]:
    """The funder of a funding reference as an Organization node."""
    node: dict[str, Any] = {"@type": "Organization", "name": f.funder_name}
    if f.funder_identifier is not None:
        pv = identifier_node(f.funder_identifier)
        if f.funder_identifier_type:
            pv["name"] = f.funder_identifier_type
        else:
            pv.pop("name", None)
        node["identifier"] = pv
    return node


def grant_node(f: Funding) -> dict[str, Any]:
    """A funding reference as a Grant node (with its funder)."""
    node: dict[str, Any] = {"@type": "Grant"}
    if f.award_number:
        node["identifier"] = f.award_number
    if f.award_title:
        node["name"] = f.award_title
    if f.award_uri:
        node["url"] = f.award_uri
    node["funder"] = funder_node(f)
    return node


def link_fields(value: Any, type_: str) -> dict[str, Any] | None:
    """A relation from a linked work: a CreativeWork node (its identifier, ``@id`` or URL; else
    its name as a citation), or a string (an identifier or URL, else a citation)."""
    if isinstance(value, dict):
        for v in [*as_list(value.get("identifier")), value.get("@id"), value.get("url")]:
            if v is None or (isinstance(v, str) and v.startswith(("_:", "#"))):
                continue
            ident = identifier_fields(v, keep_plain=None)
            if ident is not None:
                return {"type": type_, "identifier": ident}
        name = text(value.get("name"))
        return {"type": type_, "citation": name} if name else None
    raw = text(value)
    if raw is None:
        return None
    found = classify(raw) if " " not in raw else None
    if found is not None:
        return {"type": type_, "identifier": {"scheme": found[0], "value": found[1]}}
    return {"type": type_, "citation": raw}


def link_node(r: Relation) -> Any:
    """A relation as a linked work: the identifier's URL, a CreativeWork with the identifier,
    or the citation text."""
    if r.identifier is not None:
        url = node_id(r.identifier)
        if url is not None:
            found = classify(url)
            if found is not None and (found[0], found[1]) == (
                r.identifier.scheme,
                r.identifier.value,
            ):
                return url
        return {"@type": "CreativeWork", "identifier": identifier_node(r.identifier)}
    return r.citation


def link_exact(r: Relation) -> bool:
    """Whether :func:`link_node` of a relation reads back as the same relation."""
    back = link_fields(link_node(r), r.type)
    if back is None:
        return False
    try:
        return Relation.model_validate(back) == Relation(
            type=r.type, identifier=r.identifier, citation=r.citation
        )
    except ValueError:
        return False
