"""Crossref values and their record counterparts, both ways: dates, names, identifiers,
relations, funding (the conversions the rule table's rows call)."""

from __future__ import annotations

import calendar
import re
from typing import Any

from biblioconv.model import plain_text
from biblioconv.rules import RuleContext

__all__ = [
    "CROSSREF_ROLES",
    "RELATION_FROM_HUB",
    "RELATION_TO_HUB",
    "contributor_from_hub",
    "contributor_to_hub",
    "date_from_hub",
    "date_to_hub",
    "funder_id",
]

# -- dates -----------------------------------------------------------------------------------

_MEDIA = ("print", "online", "other")


def date_to_hub(
    value: dict[str, Any], date_type: str, problems: list[str] | None = None
) -> dict[str, Any] | None:
    """A Crossref date element ({year, month, day, media_type}) as a model date: its valid parts
    (an invalid month or day is left out and described in ``problems``, when given)."""
    try:
        year = int(value["year"])
    except (KeyError, ValueError):
        return None
    start: dict[str, Any] = {"year": year}
    out: dict[str, Any] = {"type": date_type, "start": start}
    month_text, day_text = value.get("month"), value.get("day")
    month = _number(month_text)
    if month is not None and 21 <= month <= 24:
        start["season"] = month - 20
        if day_text and problems is not None:
            problems.append(f"day {day_text!r} of a season (month {month_text}) is left out")
    elif month is not None and 1 <= month <= 12:
        start["month"] = month
        day = _number(day_text)
        if day is not None and 1 <= day <= calendar.monthrange(year, month)[1]:
            start["day"] = day
        elif day_text and problems is not None:
            problems.append(f"day {day_text!r} is not a day of {year}-{month:02d}")
    elif month_text and problems is not None:
        problems.append(
            f"month {month_text!r} is not a month (01-12, or 21-24 for a season)"
            + (f"; its day {day_text!r} is left out too" if day_text else "")
        )
    elif day_text and problems is not None:
        problems.append(f"day {day_text!r} without a month is left out")
    if value.get("media_type"):
        out["information"] = value["media_type"]
    return out


def _number(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None


def date_from_hub(date: Any) -> dict[str, Any] | None:
    """A model date as a Crossref date element (the start of a range; None without a year)."""
    point = date.start or date.end
    if point is None:
        return None
    out: dict[str, Any] = {"year": f"{point.year:04d}"}
    if point.month is not None:
        out["month"] = f"{point.month:02d}"
        if point.day is not None:
            out["day"] = f"{point.day:02d}"
    elif point.season is not None:
        out["month"] = str(20 + point.season)
    if date.information in _MEDIA:
        out["media_type"] = date.information
    return out


def date_exact(date: Any) -> bool:
    """Whether a model date survives a Crossref date element unchanged."""
    point = date.start
    return (
        point is not None
        and date.end is None
        and not (date.open_start or date.open_end or date.approximate or date.uncertain)
        and point.time is None
        and not date.literal
        and 0 <= point.year <= 9999
        and (date.information is None or date.information in _MEDIA)
    )


# -- contributors ----------------------------------------------------------------------------

#: contributor_role values of the deposit schema and their roles in the record.
CROSSREF_ROLES: dict[str, str] = {
    "author": "author",
    "editor": "editor",
    "chair": "chair",
    "translator": "translator",
    "reviewer": "contributor",
    "review-assistant": "contributor",
    "stats-reviewer": "contributor",
    "reviewer-external": "contributor",
    "reader": "contributor",
}
_ROLE_FROM_HUB = {
    "author": "author",
    "editor": "editor",
    "chair": "chair",
    "translator": "translator",
}
_ID_TYPES = {"ror": "ror", "isni": "isni", "wikidata": "wikidata"}


def _affiliation_to_hub(inst: dict[str, Any]) -> dict[str, Any] | None:
    aff: dict[str, Any] = {}
    names = inst.get("name") or []
    if names:
        aff["name"] = names[0]
    ids = []
    for ident in inst.get("ids", []):
        scheme = _ID_TYPES.get(ident["type"].lower(), "other")
        entry: dict[str, Any] = {"scheme": scheme, "value": ident["value"]}
        if scheme == "other":
            entry["label"] = ident["type"]
        ids.append(entry)
    if ids:
        aff["identifiers"] = ids
    return aff or None


def contributor_to_hub(c: dict[str, Any], default_role: str = "author") -> dict[str, Any] | None:
    """A person_name or organization (elements.py's shape) as a model contributor."""
    native_role = c.get("contributor_role") or ""
    role = CROSSREF_ROLES.get(native_role, default_role if not native_role else "contributor")
    out: dict[str, Any] = {"role": role}
    if role == "contributor" and native_role:
        out["role_label"] = native_role
    if c.get("language"):
        out["lang"] = c["language"]
    if c["element"] == "organization":
        out.update(kind="organization", literal=c["name"])
        return out
    if c["element"] != "person_name":
        return None
    for key, home in (("given_name", "given"), ("surname", "family"), ("suffix", "suffix")):
        if c.get(key):
            out[home] = c[key]
    if c.get("ORCID"):
        out["identifiers"] = [{"scheme": "orcid", "value": c["ORCID"]}]
    affs = [a for a in (_affiliation_to_hub(i) for i in c.get("affiliations", [])) if a]
    if affs:
        out["affiliations"] = affs
    if not (out.get("family") or out.get("given") or out.get("identifiers")):
        return None
    return out


def id_url(scheme: str, value: str) -> str:
    if scheme == "ror":
        return f"https://ror.org/{value}"
    if scheme == "isni":
        return f"https://www.isni.org/{value}"
    if scheme == "wikidata":
        return f"https://www.wikidata.org/wiki/{value}"
    return value


def affiliation_from_hub(aff: Any) -> tuple[dict[str, Any] | None, bool]:
    """A model affiliation as a Crossref institution, and whether it is carried exactly."""
    inst: dict[str, Any] = {}
    exact = aff.lang is None
    if aff.name:
        inst["name"] = [plain_text(aff.name)]
    for ident in aff.identifiers:
        if ident.scheme in _ID_TYPES:
            inst.setdefault("ids", []).append(
                {"type": ident.scheme, "value": id_url(ident.scheme, ident.value)}
            )
            if ident.label or ident.valid is False or ident.scheme_uri:
                exact = False
        else:
            exact = False
    return (inst or None), exact


def contributor_from_hub(c: Any) -> tuple[dict[str, Any] | None, bool]:
    """A model contributor as a person_name or organization, and whether it is carried exactly
    (None: Crossref has no role for it)."""
    role = _ROLE_FROM_HUB.get(c.role)
    exact = True
    if role is None:
        if c.role_label in CROSSREF_ROLES:
            role = c.role_label
        elif c.role == "container-author":
            role = "author"  # the book's author: exact where the work has a book (chapters)
        elif c.role in ("collection-editor", "editor-translator"):
            role = "editor"
            exact = False
        else:
            return None, False
    elif c.role_label is not None:
        exact = False
    out: dict[str, Any] = {"contributor_role": role, "@role": c.role}
    if c.lang:
        out["language"] = c.lang
    if c.kind == "organization" or (not c.family and not c.given and c.literal):
        name = c.literal or c.display_name
        out.update(element="organization", name=plain_text(name))
        if c.kind != "organization" or c.identifiers or c.affiliations or c.family or c.given:
            exact = False
        return out, exact
    out["element"] = "person_name"
    family = c.family
    given = c.given
    if c.non_dropping_particle:
        family = f"{c.non_dropping_particle} {family or ''}".strip()
        exact = False
    if c.dropping_particle:
        given = f"{given or ''} {c.dropping_particle}".strip()
        exact = False
    if not family:
        family = given or c.literal or (c.orcid and "") or None
        if family is None or family == "":
            return None, False
        given = None
        exact = False
    if c.literal or c.comma_suffix or c.static_ordering:
        exact = False
    out["surname"] = plain_text(family)
    if given:
        out["given_name"] = plain_text(given)
    if c.suffix:
        out["suffix"] = plain_text(c.suffix)
    orcids = [i for i in c.identifiers if i.scheme == "orcid"]
    if orcids:
        out["ORCID"] = f"https://orcid.org/{orcids[0].value}"
        if orcids[0].valid is False or orcids[0].label or orcids[0].scheme_uri:
            exact = False
    if len(orcids) != len(c.identifiers) or len(orcids) > 1:
        exact = False
    affs = []
    for aff in c.affiliations:
        inst, ok = affiliation_from_hub(aff)
        exact = exact and ok
        if inst:
            affs.append(inst)
        else:
            exact = False
    if affs:
        out["affiliations"] = affs
    for text in (c.family, c.given, c.suffix):
        if text and plain_text(text) != text:
            exact = False
    return out, exact


# -- funding ---------------------------------------------------------------------------------

_FUNDER_DOI = re.compile(r"^(?:https?://)?(?:dx\.)?doi\.org/10\.13039/|^10\.13039/", re.I)


def funder_id(value: str) -> dict[str, Any]:
    """A funder_identifier as a model identifier (Crossref Funder ID or ROR)."""
    if "ror.org/" in value:
        return {"scheme": "ror", "value": value}
    return {"scheme": "crossref-funder", "value": _FUNDER_DOI.sub("", value.strip())}


def funding_to_hub(entry: dict[str, Any]) -> dict[str, Any]:
    """A fund group entry (name, identifier, award) as a model funding reference."""
    out: dict[str, Any] = {"funder_name": entry.get("name") or ""}
    if entry.get("identifier"):
        out["funder_identifier"] = funder_id(entry["identifier"])
    if entry.get("award_number"):
        out["award_number"] = entry["award_number"]
    return out


def funding_from_hub(f: Any) -> tuple[dict[str, Any], bool]:
    """A model funding reference as a fund group entry, and whether it is carried exactly."""
    out: dict[str, Any] = {"name": f.funder_name}
    exact = not (f.funder_identifier_type or f.award_uri or f.award_title or f.award_title_lang)
    ident = f.funder_identifier
    if ident is not None:
        if ident.scheme == "crossref-funder":
            bare = _FUNDER_DOI.sub("", ident.value)
            out["identifier"] = f"https://doi.org/10.13039/{bare}"
            exact = exact and bare == ident.value
        elif ident.scheme == "ror":
            out["identifier"] = f"https://ror.org/{ident.value}"
        else:
            exact = False
        if ident.label or ident.valid is False or ident.scheme_uri:
            exact = False
    if f.award_number:
        out["award_number"] = f.award_number
    return out, exact


# -- relations -------------------------------------------------------------------------------

#: relations.xsd relationship types and the record's relation types.
RELATION_TO_HUB: dict[str, str] = {
    "isDerivedFrom": "IsDerivedFrom",
    "hasDerivation": "IsSourceOf",
    "isReviewOf": "Reviews",
    "hasReview": "IsReviewedBy",
    "isCommentOn": "Other",
    "hasComment": "Other",
    "isReplyTo": "Other",
    "hasReply": "Other",
    "basedOnData": "IsDerivedFrom",
    "isDataBasisFor": "IsSourceOf",
    "hasRelatedMaterial": "Other",
    "isRelatedMaterial": "Other",
    "isCompiledBy": "IsCompiledBy",
    "compiles": "Compiles",
    "isDocumentedBy": "IsDocumentedBy",
    "documents": "Documents",
    "isSupplementTo": "IsSupplementTo",
    "isSupplementedBy": "IsSupplementedBy",
    "isContinuedBy": "IsContinuedBy",
    "continues": "Continues",
    "isPartOf": "IsPartOf",
    "hasPart": "HasPart",
    "references": "References",
    "isReferencedBy": "IsReferencedBy",
    "isBasedOn": "IsDerivedFrom",
    "isBasisFor": "IsSourceOf",
    "requires": "Requires",
    "isRequiredBy": "IsRequiredBy",
    "finances": "Other",
    "isFinancedBy": "Other",
    "isTranslationOf": "IsTranslationOf",
    "hasTranslation": "HasTranslation",
    "isPreprintOf": "IsVersionOf",
    "hasPreprint": "HasVersion",
    "isManuscriptOf": "IsVersionOf",
    "hasManuscript": "HasVersion",
    "isExpressionOf": "IsVersionOf",
    "hasExpression": "HasVersion",
    "isManifestationOf": "IsVariantFormOf",
    "hasManifestation": "IsOriginalFormOf",
    "isReplacedBy": "IsObsoletedBy",
    "replaces": "Obsoletes",
    "isSameAs": "IsIdenticalTo",
    "isIdenticalTo": "IsIdenticalTo",
    "isVariantFormOf": "IsVariantFormOf",
    "isOriginalFormOf": "IsOriginalFormOf",
    "isVersionOf": "IsVersionOf",
    "hasVersion": "HasVersion",
}
#: The relationship type written for each relation type (the first that reads back as it).
RELATION_FROM_HUB: dict[str, str] = {
    hub: native for native, hub in RELATION_TO_HUB.items() if native.lower() == hub.lower()
}
for _native, _hub in RELATION_TO_HUB.items():
    if _hub != "Other":
        RELATION_FROM_HUB.setdefault(_hub, _native)
#: relations.xsd types among the intra-work relations (the others are inter-work).
INTRA = frozenset(
    {
        "isTranslationOf",
        "hasTranslation",
        "isPreprintOf",
        "hasPreprint",
        "isManuscriptOf",
        "hasManuscript",
        "isExpressionOf",
        "hasExpression",
        "isManifestationOf",
        "hasManifestation",
        "isReplacedBy",
        "replaces",
        "isSameAs",
        "isIdenticalTo",
        "isVariantFormOf",
        "isOriginalFormOf",
        "isVersionOf",
        "hasVersion",
    }
)
#: identifier-type values and identifier schemes.
REL_ID_TO_HUB = {
    "doi": "doi",
    "issn": "issn",
    "isbn": "isbn",
    "uri": "url",
    "pmid": "pmid",
    "pmcid": "pmcid",
    "purl": "purl",
    "arxiv": "arxiv",
    "ark": "ark",
    "handle": "handle",
}
REL_ID_FROM_HUB = {v: k for k, v in REL_ID_TO_HUB.items()} | {"eissn": "issn"}


def relation_to_hub(r: dict[str, Any]) -> dict[str, Any]:
    """A related item's relation as a model relation."""
    native = r["type"]
    hub = RELATION_TO_HUB.get(native, "Other")
    scheme = REL_ID_TO_HUB.get(r["id_type"].lower(), "other")
    ident: dict[str, Any] = {"scheme": scheme, "value": r["value"]}
    out: dict[str, Any] = {"type": hub, "identifier": ident}
    if scheme == "other" and r["id_type"]:
        out["native_identifier_type"] = r["id_type"]
    if hub == "Other" or (RELATION_FROM_HUB.get(hub) != native):
        out["type_information"] = native
    if r.get("description"):
        out["citation"] = r["description"]
    return out


def relation_from_hub(rel: Any) -> tuple[dict[str, Any] | None, bool]:
    """A model relation as a related item's relation, and whether it is carried exactly."""
    if rel.identifier is None:
        return None, False
    info = rel.type_information
    native = info if info in RELATION_TO_HUB and RELATION_TO_HUB[info] == rel.type else None
    exact = True
    if native is None:
        native = RELATION_FROM_HUB.get(rel.type)
        if native is None:
            native = "hasRelatedMaterial"
            exact = False
        if info:
            exact = False
    scheme = rel.identifier.scheme
    id_type = REL_ID_FROM_HUB.get(scheme)
    if id_type is None:
        id_type = "other"
        if scheme != "other" or rel.native_identifier_type not in (None, "other"):
            exact = rel.native_identifier_type is not None and scheme == "other"
    elif scheme == "eissn":
        exact = False
    if scheme == "other" and rel.native_identifier_type:
        id_type = rel.native_identifier_type
    if rel.identifier.label or rel.identifier.valid is False:
        exact = False
    if rel.resource_type or rel.metadata_scheme or rel.scheme_uri or rel.scheme_type:
        exact = False
    if native in RELATION_TO_HUB and RELATION_TO_HUB[native] == "Other" and rel.type != "Other":
        exact = False
    out = {
        "element": "intra_work_relation" if native in INTRA else "inter_work_relation",
        "type": native,
        "id_type": id_type,
        "value": rel.identifier.value,
    }
    if rel.citation:
        out["description"] = rel.citation
    return out, exact


def ctx_type(ctx: RuleContext) -> str:
    """The native type in a rule's context ('' when unknown)."""
    return ctx.native_type or ""
