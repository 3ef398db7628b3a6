"""DataCite metadata <-> record, through the REST API attribute shape.

Both DataCite formats meet in one plain structure: the ``data.attributes`` object of DataCite's
REST API (camelCase keys, lists for repeated properties). The XML reader builds it from elements,
the JSON reader takes it as it comes; :func:`attributes_to_record` maps it to the hub. On the way
out, :func:`record_to_attributes` applies the rules of the chosen kernel version (what it lacks is
reported and mapped to the nearest allowed value or left out) and both writers serialise the
result.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from pydantic import ValidationError as PydanticValidationError

from biblioconv.dates import parse_date
from biblioconv.errors import WriteError
from biblioconv.formats.datacite import versions as V
from biblioconv.formats.datacite.crosswalk import (
    CONTRIBUTOR_TYPES,
    CROSSWALK,
    DATE_TYPES,
    DESCRIPTION_TYPES,
    RESOURCE_TYPES,
    TITLE_TYPES,
)
from biblioconv.identifiers import SCHEMES, canonical_scheme, to_url
from biblioconv.model import (
    Container,
    Contributor,
    DateValue,
    Description,
    Funding,
    GeoBox,
    GeoLocation,
    GeoPoint,
    GeoPolygon,
    Identifier,
    Publisher,
    Record,
    RelatedItem,
    Relation,
    Rights,
    Subject,
    normalized_identifier,
    plain_text,
)
from biblioconv.names import orcid_name, orcid_name_note, orcid_of_name
from biblioconv.registry import WriteContext
from biblioconv.report import Code, ConversionReport, RecordReporter

__all__ = ["EXTRAS_KEYS", "attributes_to_record", "record_to_attributes"]

#: Keys of ``record.extras["datacite"]`` that the mapping itself uses.
EXTRAS_KEYS = (
    "unknownValues",
    "publicationYear",
    "issuedDate",
    "relatedItemIdentifiers",
    "invalidGeoLocations",
)

Attrs = dict[str, Any]

_SPELLING: dict[str, str] = {
    "doi": "DOI",
    "isbn": "ISBN",
    "issn": "ISSN",
    "eissn": "EISSN",
    "lissn": "LISSN",
    "url": "URL",
    "pmid": "PMID",
    "arxiv": "arXiv",
    "handle": "Handle",
    "ark": "ARK",
    "urn": "URN",
    "urn-nbn": "URN",
    "bibcode": "bibcode",
    "purl": "PURL",
    "lsid": "LSID",
    "igsn": "IGSN",
    "swhid": "SWHID",
    "rrid": "RRID",
    "raid": "RAiD",
    "cstr": "CSTR",
    "w3id": "w3id",
    "ean13": "EAN13",
    "upc": "UPC",
    "istc": "ISTC",
    "orcid": "ORCID",
    "isni": "ISNI",
    "ror": "ROR",
    "grid": "GRID",
    "crossref-funder": "Crossref Funder ID",
    "wikidata": "Wikidata",
    "openalex": "OpenAlex",
    "pmcid": "PMCID",
}
_RELATED_ID_TYPES = frozenset(V.LISTS_4["relatedIdentifierType"])
_URL_FORM = ("orcid", "ror")
#: Types whose empty values are left out of a record (an empty string is kept).
_EMPTY = (list, dict)
_YEAR = re.compile(r"-?\d{1,4}")
_COMMA_NAME = re.compile(r"^([^,]+),\s*([^,]+)$")
_ORG_WORDS = re.compile(
    r"\b(university|universit[äéà]t?|institut[e]?|college|school|group|inc|ltd|llc|gmbh|"
    r"society|cent(?:er|re)|laborator(?:y|ies)|lab|department|dept|foundation|council|agency|"
    r"consortium|association|project|team|committee|museum|library|survey|service|office|"
    r"ministry|network|organi[sz]ation|corporation|company|archive|observatory|hospital|"
    r"initiative|working group|board|commission|federation|academy)\b",
    re.IGNORECASE,
)
_CONTAINER_ID_TYPES = ("ISSN", "EISSN", "LISSN", "ISBN")
_CONTAINER_SCHEMES = ("issn", "eissn", "lissn", "isbn")
_YEAR_FALLBACK = ("available", "created", "copyrighted", "submitted", "accepted")
_DATE_WRITE: dict[str, str] = {hub: native for native, hub in DATE_TYPES.items()}
_ROLE_WRITE: dict[str, str] = {hub: native for native, hub in CONTRIBUTOR_TYPES.items()}
_DESC_WRITE: dict[str, str] = {hub: native for native, hub in DESCRIPTION_TYPES.items()}
_TITLE_WRITE: dict[str, str] = {hub: native for native, hub in TITLE_TYPES.items()}
_CONTAINER_TYPES: dict[str, str] = {
    "article-journal": "Journal",
    "article-magazine": "Journal",
    "article-newspaper": "Journal",
    "review": "Journal",
    "review-book": "Journal",
    "data-paper": "Journal",
    "chapter": "Book",
    "entry-encyclopedia": "Book",
    "entry-dictionary": "Book",
    "paper-conference": "ConferenceProceeding",
    "poster": "ConferenceProceeding",
}


# -- small helpers -------------------------------------------------------------------------------


def _s(value: Any) -> str | None:
    """A stripped non-empty string, or None."""
    if value.__class__ is str:
        return value.strip() or None
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    text = str(value).strip()
    return text or None


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _obj(value: Any, key: str) -> dict[str, Any]:
    """An object, or a bare string turned into ``{key: string}`` (the API allows both)."""
    if isinstance(value, dict):
        return value
    if value is None:
        return {}
    return {key: value}


def spelled(scheme: str) -> str:
    """DataCite's spelling of a canonical identifier scheme."""
    return _SPELLING.get(scheme, scheme)


#: :func:`canonical_scheme` of the few scheme words a source uses, worked out once each.
_scheme = lru_cache(maxsize=512)(canonical_scheme)


def _identifier(
    scheme_word: str | None, value: str, scheme_uri: str | None = None
) -> dict[str, Any]:
    """The fields of an :class:`Identifier` (validated with the record that holds it)."""
    word = scheme_word or "other"
    scheme = _scheme(word)
    known = scheme in SCHEMES
    fields = {"scheme": scheme if known else "other", "value": value}
    if not known or spelled(scheme) != word:
        fields["label"] = word
    if scheme_uri is not None:
        fields["scheme_uri"] = scheme_uri
    return fields


def _id_value(ident: Identifier) -> str:
    """An identifier as DataCite examples give it (ORCID and ROR as URLs)."""
    if ident.scheme in _URL_FORM and ident.valid:
        url = to_url(ident.scheme, ident.value)
        if url:
            return url
    return ident.value


def _id_word(ident: Identifier) -> str:
    return ident.label or spelled(ident.scheme)


def _unknown(value: str | None) -> bool:
    """Whether a value is one of DataCite's unknown-value codes (``:unav``...)."""
    if not value or (value[0] != ":" and not value[0].isspace()):
        return False  # every code starts with a colon
    return value.strip().lower() in V.UNKNOWN_CODES


def _float(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError("not a number")
    return float(value)


def _fmt(num: float) -> str:
    text = repr(float(num))
    return text[:-2] if text.endswith(".0") else text


# -- attributes -> record ------------------------------------------------------------------------


def _contributor(
    obj: dict[str, Any], role: str, rep: RecordReporter, where: str
) -> tuple[dict[str, Any] | None, str | None]:
    """A name object as the fields of a :class:`Contributor` (validated with the record); the
    second item is an unknown-value code in the name. Sub-objects are plain dicts too: the
    record is validated once, which costs far less than a model per name."""
    name = _s(obj.get("name"))
    code = None
    if _unknown(name):
        code, name = name, None
    name_type = _s(obj.get("nameType"))
    given = _s(obj.get("givenName"))
    family = _s(obj.get("familyName"))
    lang = _s(obj.get("lang"))
    identifiers: list[dict[str, Any]] = []
    for ni in _list(obj.get("nameIdentifiers")):
        ni = _obj(ni, "nameIdentifier")
        value = _s(ni.get("nameIdentifier"))
        if value:
            identifiers.append(
                _identifier(_s(ni.get("nameIdentifierScheme")), value, _s(ni.get("schemeUri")))
            )
    affiliations: list[dict[str, Any]] = []
    for aff in _list(obj.get("affiliation")):
        aff = _obj(aff, "name")
        aname = _s(aff.get("name"))
        if _unknown(aname):
            aname = None
        aid = _s(aff.get("affiliationIdentifier"))
        ids = (
            [_identifier(_s(aff.get("affiliationIdentifierScheme")), aid, _s(aff.get("schemeUri")))]
            if aid
            else []
        )
        if aname or ids:
            affiliations.append({"name": aname, "identifiers": ids})
    orcid = orcid_of_name(name) if name and not (given or family) else None
    if orcid is not None and name_type != "Organizational":
        name = None  # a person known only by an ORCID, the iD written as the name
        if not any(
            i["scheme"] == "orcid" and normalized_identifier("orcid", i["value"])[0] == orcid
            for i in identifiers
        ):
            identifiers.append({"scheme": "orcid", "value": orcid})
    kind = "person"
    literal: str | None = None
    if name_type == "Organizational":
        kind, literal = "organization", name
    elif given or family:
        if name and name != _sort_name(given, family):
            literal = name
    elif name:
        m = _COMMA_NAME.match(name)
        if name_type == "Personal" or any(i["scheme"] == "orcid" for i in identifiers):
            if m:
                family, given = m.group(1).strip(), m.group(2).strip()
            else:
                literal = name
        elif m and not _ORG_WORDS.search(name):
            family, given = m.group(1).strip(), m.group(2).strip()
            rep.add(
                Code.HEURISTIC_APPLIED,
                f"{where}: no nameType; '{name}' read as a person (Family, Given)",
                severity="info",
            )
        elif _ORG_WORDS.search(name):
            kind, literal = "organization", name
            rep.add(
                Code.HEURISTIC_APPLIED,
                f"{where}: no nameType; '{name}' read as an organisation",
                severity="info",
            )
        else:
            literal = name
    if not (literal or given or family or identifiers):
        return None, code
    # only what differs from the defaults: the model validates less
    fields: dict[str, Any] = {"role": role}
    if kind != "person":
        fields["kind"] = kind
    if given is not None:
        fields["given"] = given
    if family is not None:
        fields["family"] = family
    if literal is not None:
        fields["literal"] = literal
    if identifiers:
        fields["identifiers"] = identifiers
    if affiliations:
        fields["affiliations"] = affiliations
    if lang is not None:
        fields["lang"] = lang
    return fields, code


def _is_doi(ident: dict[str, Any], value: str) -> bool:
    """Whether the identifier fields ``ident`` are the DOI ``value`` (both normalised)."""
    return (
        ident["scheme"] == "doi"
        and normalized_identifier("doi", ident["value"])[0]
        == normalized_identifier("doi", value)[0]
    )


def _sort_name(given: str | None, family: str | None) -> str:
    if family and given:
        return f"{family}, {given}"
    return family or given or ""


def _titles(items: Any) -> list[dict[str, Any]]:
    """The fields of the :class:`Title` objects of a list of titles."""
    out: list[dict[str, Any]] = []
    for t in _list(items):
        t = _obj(t, "title")
        text = t.get("title")
        if not isinstance(text, str) or not text.strip():
            continue
        ttype = TITLE_TYPES.get(_s(t.get("titleType")) or "", "main")
        lang = _s(t.get("lang"))
        if lang is None:
            out.append({"text": text.strip(), "type": ttype})
        else:
            out.append({"text": text.strip(), "type": ttype, "lang": lang})
    return out


def _point(obj: Any) -> GeoPoint:
    if not isinstance(obj, dict):
        raise ValueError("a point needs pointLatitude and pointLongitude")
    return GeoPoint(latitude=_float(obj["pointLatitude"]), longitude=_float(obj["pointLongitude"]))


def _geo(obj: dict[str, Any]) -> GeoLocation:
    point = obj.get("geoLocationPoint")
    box = obj.get("geoLocationBox")
    polygons: list[GeoPolygon] = []
    raw = _list(obj.get("geoLocationPolygon"))
    groups = raw if raw and all(isinstance(p, list) for p in raw) else ([raw] if raw else [])
    for group in groups:
        pts: list[GeoPoint] = []
        inside: GeoPoint | None = None
        for entry in group:
            if isinstance(entry, dict) and "inPolygonPoint" in entry:
                inside = _point(entry["inPolygonPoint"])
            elif isinstance(entry, dict) and "polygonPoint" in entry:
                pts.append(_point(entry["polygonPoint"]))
        polygons.append(GeoPolygon(points=pts, in_point=inside))
    return GeoLocation(
        place=_s(obj.get("geoLocationPlace")),
        point=_point(point) if point else None,
        box=GeoBox(
            west=_float(box["westBoundLongitude"]),
            east=_float(box["eastBoundLongitude"]),
            south=_float(box["southBoundLatitude"]),
            north=_float(box["northBoundLatitude"]),
        )
        if isinstance(box, dict)
        else None,
        polygons=polygons,
    )


def _year(value: Any) -> int | None:
    """A publicationYear as a year, if it is one."""
    text = _s(value)
    if text and _YEAR.fullmatch(text):
        return int(text)
    return None


def _issued(year: int | None) -> dict[str, Any] | None:
    """The fields of the issued :class:`DateValue` of a year (validated with the record)."""
    return None if year is None else {"type": "issued", "start": {"year": year}}


def _related_item(
    obj: dict[str, Any], rep: RecordReporter, extras: dict[str, Any], index: int
) -> dict[str, Any]:
    """The fields of a :class:`RelatedItem` (those left unset are None)."""
    native = _s(obj.get("relatedItemType"))
    ident_obj = _obj(obj.get("relatedItemIdentifier"), "relatedItemIdentifier")
    identifiers: list[dict[str, Any]] = []
    value = _s(ident_obj.get("relatedItemIdentifier"))
    if value:
        identifiers.append(
            _identifier(
                _s(ident_obj.get("relatedItemIdentifierType")),
                value,
                _s(ident_obj.get("schemeUri")) or _s(ident_obj.get("schemeURI")),
            )
        )
        more = {
            k: ident_obj[k] for k in ("relatedMetadataScheme", "schemeType") if _s(ident_obj.get(k))
        }
        if more:
            extras.setdefault("relatedItemIdentifiers", {})[value] = more
    people: list[dict[str, Any]] = []
    for i, c in enumerate(_list(obj.get("creators")), 1):
        person, _code = _contributor(
            _obj(c, "name"), "author", rep, f"relatedItem {index} creator {i}"
        )
        if person:
            people.append(person)
    for i, c in enumerate(_list(obj.get("contributors")), 1):
        c = _obj(c, "name")
        role = CONTRIBUTOR_TYPES.get(_s(c.get("contributorType")) or "", "other")
        person, _code = _contributor(c, role, rep, f"relatedItem {index} contributor {i}")
        if person:
            people.append(person)
    first, last = _s(obj.get("firstPage")), _s(obj.get("lastPage"))
    publisher = _s(_obj(obj.get("publisher"), "name").get("name"))
    number_type = _s(obj.get("numberType"))
    return {
        "relation_type": _s(obj.get("relationType")) or "References",
        "relation_type_information": _s(obj.get("relationTypeInformation")),
        "native_type": native,
        "type": RESOURCE_TYPES.get(native or ""),
        "titles": _titles(obj.get("titles")),
        "identifiers": identifiers,
        "volume": _s(obj.get("volume")),
        "issue": _s(obj.get("issue")),
        "number": _s(obj.get("number")),
        "number_type": number_type
        if number_type in ("Article", "Chapter", "Report", "Other")
        else None,
        "pages": {"first": first, "last": last} if first or last else None,
        "edition": _s(obj.get("edition")),
        "publisher": {"name": publisher} if publisher else None,
        "issued": _issued(_year(obj.get("publicationYear"))),
        "contributors": people,
    }


#: The fields a related item shares with a container.
_CONTAINER_FIELDS = tuple(Container.model_fields)


def attributes_to_record(attrs: Attrs, *, fmt: str, rep: RecordReporter) -> Record:
    """Map one DataCite attributes object to a record.

    ``rep.add(code, message, severity=...)`` receives the diagnostics; the record's unknown
    fields are expected in ``attrs["_unknown"]`` (path -> value).
    """
    extras: dict[str, Any] = {}
    unknown_values: dict[str, str] = {}
    rec: dict[str, Any] = {}

    # 1 identifier
    identifiers: list[dict[str, Any]] = []
    primary = attrs.get("_identifier")
    doi = _s(attrs.get("doi"))
    if primary is None and doi:
        primary = {"identifier": doi, "identifierType": "DOI"}
    if isinstance(primary, dict):
        value = _s(primary.get("identifier"))
        if _unknown(value):
            unknown_values["identifier"] = str(value)
        elif value:
            identifiers.append(_identifier(_s(primary.get("identifierType")) or "DOI", value))

    # 2 creators, 7 contributors
    contributors: list[dict[str, Any]] = []
    et_al: list[str] = []
    funding: list[Funding] = []
    authors = 0
    for i, c in enumerate(_list(attrs.get("creators")), 1):
        c = _obj(c, "name")
        person, code = _contributor(c, "author", rep, f"creator {i}")
        if code == ":etal" and person is None:
            et_al.append("author")
            continue
        if person is None:
            if code:
                unknown_values[f"creators[{authors}]"] = code
            else:
                rep.add(Code.INVALID_VALUE, f"creator {i} has neither a name nor an identifier")
            continue
        if code:
            unknown_values[f"creators[{authors}]"] = code
        contributors.append(person)
        authors += 1
    for i, c in enumerate(_list(attrs.get("contributors")), 1):
        c = _obj(c, "name")
        ctype = _s(c.get("contributorType")) or "Other"
        if ctype == "Funder":  # kernel-3: funders were contributors
            fname = _s(c.get("name"))
            ids = [_obj(x, "nameIdentifier") for x in _list(c.get("nameIdentifiers"))]
            fid = next((x for x in ids if _s(x.get("nameIdentifier"))), None)
            if fname:
                funding.append(
                    Funding(
                        funder_name=fname,
                        funder_identifier=_identifier(
                            _s(fid.get("nameIdentifierScheme")),
                            str(fid["nameIdentifier"]).strip(),
                            _s(fid.get("schemeUri")),
                        )
                        if fid
                        else None,
                        funder_identifier_type=_s(fid.get("nameIdentifierScheme")) if fid else None,
                    )
                )
                continue
        role = CONTRIBUTOR_TYPES.get(ctype)
        if role is None:
            rep.add(
                Code.INVALID_VALUE,
                f"contributor {i}: unknown contributorType {ctype!r}; read as other",
            )
            role = "other"
        person, _code = _contributor(c, role, rep, f"contributor {i}")
        if person is not None:
            contributors.append(person)
    rec["contributors"] = contributors
    rec["et_al"] = et_al

    # 3 titles
    titles = _titles(attrs.get("titles"))
    for t in _list(attrs.get("titles")):
        text = _s(_obj(t, "title").get("title"))
        if _unknown(text):
            unknown_values["titles"] = str(text)
    rec["titles"] = [t for t in titles if not _unknown(t["text"])]

    # 4 publisher
    pub = _obj(attrs.get("publisher"), "name")
    pname = _s(pub.get("name"))
    if _unknown(pname):
        unknown_values["publisher"] = str(pname)
        pname = None
    pid = _s(pub.get("publisherIdentifier"))
    pids = (
        [_identifier(_s(pub.get("publisherIdentifierScheme")), pid, _s(pub.get("schemeUri")))]
        if pid
        else []
    )
    if pname or pids:
        rec["publisher"] = Publisher(name=pname, identifiers=pids, lang=_s(pub.get("lang")))

    # 8 dates, 5 publicationYear
    dates: list[DateValue] = []
    for d in _list(attrs.get("dates")):
        d = _obj(d, "date")
        text = _s(d.get("date"))
        dtype_word = _s(d.get("dateType")) or "Other"
        dtype = DATE_TYPES.get(dtype_word)
        if dtype is None:
            rep.add(Code.INVALID_VALUE, f"unknown dateType {dtype_word!r}; read as other")
            dtype = "other"
        info = _s(d.get("dateInformation"))
        if text:
            dates.append(parse_date(text, dtype, information=info))
        elif info:
            dates.append(DateValue(type=dtype, literal=info))
    year_text = _s(attrs.get("publicationYear"))
    issued = [d for d in dates if d.type == "issued"]
    year_first: list[dict[str, Any]] = []  # the issued date told by publicationYear alone
    if _unknown(year_text):
        unknown_values["publicationYear"] = str(year_text)
    elif year_text:
        if not issued:
            year = _issued(_year(year_text))
            if year is not None:
                year_first = [year]
            else:
                extras["publicationYear"] = year_text
                rep.add(Code.INVALID_VALUE, f"publicationYear {year_text!r} is not a year")
        else:
            as_year = _year(year_text)
            if as_year is None or issued[0].year != as_year:
                extras["publicationYear"] = year_text
            if issued[0].edtf() == year_text:
                extras["issuedDate"] = True
    rec["dates"] = [*year_first, *dates] if year_first else dates

    # 9 language, 10 resourceType
    rec["language"] = _s(attrs.get("language"))
    types = _obj(attrs.get("types"), "resourceTypeGeneral")
    general = _s(types.get("resourceTypeGeneral"))
    if general:
        hub = RESOURCE_TYPES.get(general)
        if hub is None:
            rep.add(Code.INVALID_VALUE, f"unknown resourceTypeGeneral {general!r}; read as other")
            hub = "other"
        rec["type"] = hub
        rec["native_types"] = {fmt: general}
    genre = _s(types.get("resourceType"))
    if genre:
        rec["genre"] = genre
    for key in ("schemaOrg", "bibtex", "citeproc", "ris"):
        if _s(types.get(key)):
            extras.setdefault("types", {})[key] = types[key]

    # 6 subjects
    subjects: list[Subject] = []
    for sub in _list(attrs.get("subjects")):
        sub = _obj(sub, "subject")
        term = sub.get("subject")
        term = term.strip() if isinstance(term, str) else ""
        code = _s(sub.get("classificationCode"))
        if not term and not code and not _s(sub.get("valueUri")):
            continue
        subjects.append(
            Subject(
                term=term,
                scheme=_s(sub.get("subjectScheme")),
                scheme_uri=_s(sub.get("schemeUri")),
                value_uri=_s(sub.get("valueUri")),
                code=code,
                lang=_s(sub.get("lang")),
            )
        )
    rec["subjects"] = subjects

    # 11 alternate identifiers
    alternates = attrs.get("identifiers")
    if alternates is None:
        alternates = [
            {
                "identifier": a.get("alternateIdentifier"),
                "identifierType": a.get("alternateIdentifierType"),
            }
            for a in _list(attrs.get("alternateIdentifiers"))
            if isinstance(a, dict)
        ]
    for a in _list(alternates):
        a = _obj(a, "identifier")
        value = _s(a.get("identifier"))
        word = _s(a.get("identifierType")) or "local"
        if not value:
            continue
        if word.upper() == "DOI" and identifiers and _is_doi(identifiers[0], value):
            continue  # the REST API repeats the DOI among the identifiers
        scheme = _scheme(word)
        if scheme not in SCHEMES:
            identifiers.append({"scheme": "local", "value": value, "label": word})
        else:
            identifiers.append(_identifier(word, value))
    rec["identifiers"] = identifiers

    # 12 related identifiers
    relations: list[Relation] = []
    for r in _list(attrs.get("relatedIdentifiers")):
        r = _obj(r, "relatedIdentifier")
        value = _s(r.get("relatedIdentifier"))
        rtype = _s(r.get("relationType"))
        if not value or not rtype:
            rep.add(
                Code.INVALID_VALUE, "relatedIdentifier without a value or relationType: left out"
            )
            continue
        if rtype not in V.LISTS_4["relationType"]:
            rep.add(Code.INVALID_VALUE, f"unknown relationType {rtype!r}: read as References")
            extras.setdefault("relationTypes", []).append(rtype)
            rtype = "References"
        word = _s(r.get("relatedIdentifierType")) or "URL"
        scheme = _scheme(word)
        ident = Identifier(scheme=scheme if scheme in SCHEMES else "other", value=value)
        relations.append(
            Relation(
                type=rtype,
                identifier=ident,
                resource_type=_s(r.get("resourceTypeGeneral")),
                metadata_scheme=_s(r.get("relatedMetadataScheme")),
                scheme_uri=_s(r.get("schemeUri")),
                scheme_type=_s(r.get("schemeType")),
                type_information=_s(r.get("relationTypeInformation")),
                native_identifier_type=None if spelled(ident.scheme) == word else word,
            )
        )

    # 13-15
    rec["sizes"] = [s for s in (_s(x) for x in _list(attrs.get("sizes"))) if s]
    rec["formats"] = [s for s in (_s(x) for x in _list(attrs.get("formats"))) if s]
    rec["version"] = _s(attrs.get("version"))

    # 16 rights
    rights: list[Rights] = []
    for r in _list(attrs.get("rightsList")):
        r = _obj(r, "rights")
        statement = _s(r.get("rights"))
        uri = _s(r.get("rightsUri"))
        rights_id = _s(r.get("rightsIdentifier"))
        if (
            uri
            and uri.startswith("info:eu-repo/semantics/")
            and not statement
            and not rights_id
            and "access_rights" not in rec
        ):
            rec["access_rights"] = uri
            continue
        if statement or uri or rights_id:
            rights.append(
                Rights(
                    statement=statement,
                    uri=uri,
                    identifier=rights_id,
                    identifier_scheme=_s(r.get("rightsIdentifierScheme")),
                    scheme_uri=_s(r.get("schemeUri")),
                    lang=_s(r.get("lang")),
                )
            )
    rec["rights"] = rights

    # 17 descriptions
    descriptions: list[Description] = []
    for d in _list(attrs.get("descriptions")):
        d = _obj(d, "description")
        text = d.get("description")
        if not isinstance(text, str) or not text.strip():
            continue
        dtype = DESCRIPTION_TYPES.get(_s(d.get("descriptionType")) or "Other", "other")
        descriptions.append(Description(text=text.strip(), type=dtype, lang=_s(d.get("lang"))))
    rec["descriptions"] = descriptions

    # 18 geoLocations
    geos: list[GeoLocation] = []
    for g in _list(attrs.get("geoLocations")):
        if not isinstance(g, dict):
            continue
        try:
            geo = _geo(g)
        except (ValueError, KeyError, TypeError, PydanticValidationError) as exc:
            reason = (
                exc.errors()[0]["msg"] if isinstance(exc, PydanticValidationError) else str(exc)
            )
            rep.add(Code.INVALID_VALUE, f"geoLocation kept in extras: {reason}")
            extras.setdefault("invalidGeoLocations", []).append(g)
            continue
        if geo.place or geo.point or geo.box or geo.polygons:
            geos.append(geo)
    rec["geo_locations"] = geos

    # 19 fundingReferences
    for f in _list(attrs.get("fundingReferences")):
        f = _obj(f, "funderName")
        fname = _s(f.get("funderName"))
        if not fname:
            rep.add(Code.INVALID_VALUE, "fundingReference without funderName: left out")
            continue
        fund_id = _s(f.get("funderIdentifier"))
        ftype = _s(f.get("funderIdentifierType"))
        award = f.get("awardNumber")
        award_uri = _s(f.get("awardUri"))
        if isinstance(award, dict):  # {"awardNumber": ..., "awardURI": ...}
            award_uri = award_uri or _s(award.get("awardURI")) or _s(award.get("awardUri"))
            award = award.get("awardNumber")
        funding.append(
            Funding(
                funder_name=fname,
                funder_identifier=_identifier(
                    ftype if ftype and ftype != "Other" else "other",
                    fund_id,
                    _s(f.get("schemeUri")),
                )
                if fund_id
                else None,
                funder_identifier_type=ftype,
                award_number=_s(award),
                award_uri=award_uri,
                award_title=_s(f.get("awardTitle")),
            )
        )
    rec["funding"] = funding

    # 20 relatedItems: the first IsPublishedIn item without people is the container
    related: list[RelatedItem] = []
    for i, item in enumerate(_list(attrs.get("relatedItems")), 1):
        if not isinstance(item, dict):
            continue
        fields = _related_item(item, rep, extras, i)
        if (
            "container" not in rec
            and fields["relation_type"] == "IsPublishedIn"
            and not fields["contributors"]
            and not fields["relation_type_information"]
        ):
            rec["container"] = Container(
                **{k: v for k in _CONTAINER_FIELDS if (v := fields[k]) is not None}
            )
            native = fields["native_type"]
            if native and RESOURCE_TYPES.get(native) is None:
                extras["containerType"] = native
            continue
        related.append(RelatedItem(**{k: v for k, v in fields.items() if v is not None}))
    rec["related_items"] = related
    if "container" in rec:
        kept: list[Relation] = []
        for rel in relations:
            if (
                rel.type == "IsPublishedIn"
                and rel.identifier is not None
                and rel.identifier.scheme in _CONTAINER_SCHEMES
                and not (rel.resource_type or rel.metadata_scheme or rel.native_identifier_type)
            ):
                rec["container"].identifiers.append(rel.identifier)
            else:
                kept.append(rel)
        relations = kept
    rec["relations"] = relations

    if unknown_values:
        extras["unknownValues"] = unknown_values
    for path, value in (attrs.get("_unknown") or {}).items():
        extras[path] = value
    if _s(attrs.get("url")):
        extras["url"] = attrs["url"]
    if extras:
        rec["extras"] = {fmt: extras}
    return Record(
        **{k: v for k, v in rec.items() if v is not None and (v or type(v) not in _EMPTY)}
    )


# -- record -> attributes ------------------------------------------------------------------------


class _Out(RecordReporter):
    """The reporter of one record being written, with the version rules at hand."""

    __slots__ = ("version",)

    def __init__(
        self, record: Record, version: str, report: ConversionReport, fmt: str, source: str | None
    ) -> None:
        super().__init__(report, record=record.label, source_format=source, target_format=fmt)
        self.version = version

    def has(self, path: str) -> bool:
        return V.has_path(path, self.version)

    def drop_unless(self, path: str, what: str) -> bool:
        """True if the version has the path; otherwise report the loss and return False."""
        if self.has(path):
            return True
        self.add(
            Code.VERSION_DOWNGRADE,
            f"{what} is not in DataCite {self.version}: left out",
            field=path,
        )
        return False

    def value(self, list_name: str, value: str, path: str) -> str | None:
        """The value or its nearest allowed neighbour in the version (reported), or None."""
        if V.is_allowed(list_name, value, self.version):
            return value
        near = V.nearest(list_name, value, self.version)
        if near is None:
            self.add(
                Code.VERSION_DOWNGRADE,
                f"{list_name} {value!r} is not in DataCite {self.version} and has no older "
                "equivalent: left out",
                field=path,
            )
        else:
            self.add(
                Code.VERSION_DOWNGRADE,
                f"{list_name} {value!r} is not in DataCite {self.version}: written as {near!r}",
                field=path,
            )
        return near


def _extras(record: Record) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for key in ("datacite-json", "datacite"):
        merged.update(record.extras.get(key, {}))
    return merged


def _name_obj(
    c: Contributor,
    out: _Out,
    prefix: str,
    *,
    code: str | None,
    fill: bool,
    missing: list[str],
    rich: bool,
    where: str,
) -> dict[str, Any] | None:
    obj: dict[str, Any] = {}
    base = prefix.rsplit("/", 1)[0]  # prefix ends in the element's stem: "creators/creator/creator"
    family = " ".join(p for p in (c.non_dropping_particle, c.family) if p) or None
    given = " ".join(p for p in (c.given, c.dropping_particle) if p) or None
    if c.dropping_particle or c.non_dropping_particle or c.suffix:
        out.add(
            Code.VALUE_COERCED,
            f"{where}: name particles and suffix are joined into the names",
            field=f"{base}/givenName",
        )
    if c.literal:
        name = c.literal
    elif family or given:
        name = _sort_name(given, family)
        if c.suffix:
            name += f", {c.suffix}"
    elif code:  # the unknown-value code the source gave
        name = code
    elif (orcid := orcid_name(c)) is not None:
        name = orcid  # the iD is also a nameIdentifier below
        out.add(
            Code.VALUE_COERCED, orcid_name_note(c, where), field=f"{prefix}Name", severity="info"
        )
    elif fill:
        name = ":unav"
        out.add(
            Code.MISSING_REQUIRED,
            f"{where} has no name (known only by {c.display_name}): written as :unav",
            field=f"{prefix}Name",
        )
    else:
        missing.append(f"{where} name (known only by {c.display_name})")
        return None
    obj["name"] = name
    if out.has(f"{prefix}Name@nameType"):
        obj["nameType"] = "Organizational" if c.kind == "organization" else "Personal"
    if c.kind == "person":
        if given and out.has(f"{base}/givenName"):
            obj["givenName"] = given
        if family and out.has(f"{base}/familyName"):
            obj["familyName"] = family
    if c.lang and out.drop_unless(f"{prefix}Name@xml:lang", f"{where}: the language of the name"):
        obj["lang"] = c.lang
    if not rich:
        if c.identifiers or c.affiliations:
            out.add(
                Code.FIELD_DROPPED,
                f"{where}: a relatedItem's people have no identifiers or affiliations",
                field=prefix,
            )
        return obj
    base = prefix.rsplit("/", 1)[0]
    ids = []
    for ident in c.identifiers:
        entry = {"nameIdentifier": _id_value(ident), "nameIdentifierScheme": _id_word(ident)}
        if ident.scheme_uri:
            entry["schemeUri"] = ident.scheme_uri
        ids.append(entry)
    if out.version.startswith("3") and len(ids) > 1:
        out.add(
            Code.VERSION_DOWNGRADE,
            f"{where}: DataCite 3.1 holds one nameIdentifier; {len(ids) - 1} left out",
            field=f"{base}/nameIdentifier",
        )
        ids = ids[:1]
    if ids:
        obj["nameIdentifiers"] = ids
    affs = []
    for aff in c.affiliations:
        entry = {"name": aff.name} if aff.name else {}
        if not aff.name:
            if fill:
                entry["name"] = ":unav"
                out.add(
                    Code.MISSING_REQUIRED,
                    f"{where}: an affiliation without a name: :unav",
                    field=f"{base}/affiliation",
                )
            else:
                out.add(
                    Code.FIELD_DROPPED,
                    f"{where}: an affiliation known only by identifier",
                    field=f"{base}/affiliation",
                )
                continue
        if aff.identifiers:
            ident = aff.identifiers[0]
            if out.drop_unless(
                f"{base}/affiliation@affiliationIdentifier", f"{where}: affiliation identifier"
            ):
                entry["affiliationIdentifier"] = _id_value(ident)
                entry["affiliationIdentifierScheme"] = _id_word(ident)
                if ident.scheme_uri:
                    entry["schemeUri"] = ident.scheme_uri
            if len(aff.identifiers) > 1:
                out.add(
                    Code.FIELD_DROPPED,
                    f"{where}: an affiliation holds one identifier",
                    field=f"{base}/affiliation@affiliationIdentifier",
                )
        if aff.lang:
            out.add(
                Code.FIELD_DROPPED,
                f"{where}: affiliations have no language",
                field=f"{base}/affiliation",
            )
        affs.append(entry)
    if affs:
        obj["affiliation"] = affs
    return obj


def _date_text(d: DateValue) -> str | None:
    return d.edtf() or d.literal


def record_to_attributes(
    record: Record,
    *,
    version: str,
    report: ConversionReport,
    fmt: str,
    source_format: str | None,
    fill_unknown: bool,
) -> Attrs:
    """Map a record to DataCite attributes for a kernel version.

    Raises :class:`WriteError` naming every missing mandatory property (unless ``fill_unknown``,
    which writes DataCite's unknown-value codes and reports them).
    """
    out = _Out(record, version, report, fmt, source_format)
    ex = _extras(record)
    unknown: dict[str, str] = dict(ex.get("unknownValues") or {})
    missing: list[str] = []
    attrs: Attrs = {}

    # 1 identifier
    dois = [i for i in record.identifiers if i.scheme == "doi"]
    if dois:
        attrs["doi"] = dois[0].value
    elif "identifier" in unknown:
        attrs["doi"] = unknown["identifier"]
    elif fill_unknown and not version.startswith("3"):
        attrs["doi"] = ":tba"
        out.add(
            Code.MISSING_REQUIRED,
            "no DOI: identifier written as :tba (to be assigned)",
            "identifier",
        )
    elif fill_unknown:
        missing.append(
            "identifier (DataCite 3.1 requires a DOI: no unknown-value code fits its pattern)"
        )
    else:
        missing.append("identifier (a DOI)")

    # 2 creators
    creators = []
    index = 0
    for c in record.contributors:
        if c.role != "author":
            continue
        obj = _name_obj(
            c,
            out,
            "creators/creator/creator",
            code=unknown.get(f"creators[{index}]"),
            fill=fill_unknown,
            missing=missing,
            rich=True,
            where=f"creator {index + 1}",
        )
        index += 1
        if obj:
            creators.append(obj)
    if "author" in record.et_al:
        creators.append({"name": ":etal"})
    if not creators:
        code = unknown.get("creators[0]")
        if code:
            creators.append({"name": code})
        elif fill_unknown:
            creators.append({"name": ":unav"})
            out.add(Code.MISSING_REQUIRED, "no creator: written as :unav", "creators")
        elif not any("creator" in m for m in missing):
            missing.append("creators (at least one creator)")
    attrs["creators"] = creators

    # 3 titles
    titles = []
    for t in record.titles:
        entry: dict[str, Any] = {"title": plain_text(t.text)}
        if entry["title"] != t.text:
            out.add(
                Code.VALUE_COERCED,
                "rich-text markup removed from a title",
                "titles/title",
                severity="info",
            )
        if t.type != "main":
            word = _TITLE_WRITE.get(t.type)
            if word is None:
                word = "AlternativeTitle"
                out.add(
                    Code.VALUE_COERCED,
                    f"a {t.type} title is written as AlternativeTitle",
                    "titles/title@titleType",
                )
            word2 = out.value("titleType", word, "titles/title@titleType")
            if word2:
                entry["titleType"] = word2
        if t.lang:
            entry["lang"] = t.lang
        titles.append(entry)
    if not titles:
        if "titles" in unknown:
            titles.append({"title": unknown["titles"]})
        elif fill_unknown:
            titles.append({"title": ":unav"})
            out.add(Code.MISSING_REQUIRED, "no title: written as :unav", "titles")
        else:
            missing.append("titles (a title)")
    attrs["titles"] = titles

    # 4 publisher
    pub = record.publisher
    pobj: dict[str, Any] = {}
    if pub and pub.name:
        pobj["name"] = pub.name
    elif "publisher" in unknown:
        pobj["name"] = unknown["publisher"]
    elif fill_unknown:
        pobj["name"] = ":unav"
        out.add(Code.MISSING_REQUIRED, "no publisher: written as :unav", "publisher")
    else:
        missing.append("publisher")
    if (
        pub
        and pub.identifiers
        and out.drop_unless("publisher@publisherIdentifier", "publisher identifier")
    ):
        ident = pub.identifiers[0]
        pobj["publisherIdentifier"] = _id_value(ident)
        pobj["publisherIdentifierScheme"] = _id_word(ident)
        if ident.scheme_uri:
            pobj["schemeUri"] = ident.scheme_uri
        if len(pub.identifiers) > 1:
            out.add(
                Code.FIELD_DROPPED,
                "the publisher holds one identifier",
                "publisher@publisherIdentifier",
            )
    if pub and pub.lang and out.drop_unless("publisher@xml:lang", "the publisher's language"):
        pobj["lang"] = pub.lang
    attrs["publisher"] = pobj

    # 5 publicationYear, 8 dates
    issued = record.issued
    year_text = ex.get("publicationYear")
    if (
        not year_text
        and issued is not None
        and issued.year is not None
        and 0 <= issued.year <= 9999
    ):
        year_text = f"{issued.year:04d}"
    if not year_text and "publicationYear" not in unknown:
        for dtype in _YEAR_FALLBACK:
            other = record.date(dtype)
            if other is not None and other.year is not None and 0 <= other.year <= 9999:
                year_text = f"{other.year:04d}"
                out.add(
                    Code.VALUE_COERCED,
                    f"no issued date: publicationYear taken from the {dtype} date",
                    "publicationYear",
                )
                break
    if year_text:
        attrs["publicationYear"] = str(year_text)
    elif "publicationYear" in unknown:
        attrs["publicationYear"] = unknown["publicationYear"]
    else:
        missing.append(
            "publicationYear (a four-digit year; no unknown-value code fits its pattern)"
        )
    dates = []
    issued_dates = [d for d in record.dates if d.type == "issued"]
    for d in record.dates:
        text = _date_text(d)
        if text is None:
            continue
        if d.type == "issued" and len(issued_dates) == 1 and not ex.get("issuedDate"):
            simple = not d.is_range and d.start is not None and d.start.precision == "year"
            if simple and not d.information and not d.approximate and not d.uncertain:
                if d.start is not None and d.start.season is not None:
                    out.add(
                        Code.VALUE_COERCED,
                        f"season of the issued date {text} not written (publicationYear only)",
                        "publicationYear",
                    )
                continue
        if d.type == "accessed":
            continue  # reported through the crosswalk's unmapped list
        word = _DATE_WRITE.get(d.type)
        info = d.information
        if word is None:
            word = "Other"
            info = f"{d.type}" + (f": {info}" if info else "")
            out.add(
                Code.VALUE_COERCED,
                f"a {d.type} date is written as dateType Other",
                "dates/date@dateType",
            )
        word2 = out.value("dateType", word, "dates/date@dateType")
        if word2 is None:
            continue
        entry = {"date": text, "dateType": word2}
        if info and out.drop_unless("dates/date@dateInformation", "dateInformation"):
            entry["dateInformation"] = info
        dates.append(entry)
    if dates:
        attrs["dates"] = dates

    # 9 language
    if record.language:
        attrs["language"] = record.language

    # 10 resourceType
    native = record.native_types.get("datacite") or record.native_types.get("datacite-json")
    if native and RESOURCE_TYPES.get(native) != record.type:
        native = None
    general = native or CROSSWALK.type_from_hub(record.type) or "Other"
    if RESOURCE_TYPES.get(general) != record.type:
        out.add(
            Code.TYPE_APPROXIMATED,
            f"type {record.type!r} written as resourceTypeGeneral {general!r}",
            "resourceType@resourceTypeGeneral",
        )
    general = out.value("resourceType", general, "resourceType@resourceTypeGeneral") or "Other"
    types: dict[str, Any] = {"resourceTypeGeneral": general}
    if record.genre:
        types["resourceType"] = record.genre
    elif record.type == "document" and not native and version.startswith("3"):
        types["_optional"] = True  # kernel-3: resourceType may be left out
    for key, value in (ex.get("types") or {}).items():
        types[key] = value
    attrs["types"] = types

    # 6 subjects
    subjects = []
    for s in record.subjects:
        entry = {"subject": s.term}
        for key, value, path in (
            ("subjectScheme", s.scheme, "subjects/subject@subjectScheme"),
            ("schemeUri", s.scheme_uri, "subjects/subject@schemeURI"),
            ("valueUri", s.value_uri, "subjects/subject@valueURI"),
            ("classificationCode", s.code, "subjects/subject@classificationCode"),
            ("lang", s.lang, "subjects/subject@xml:lang"),
        ):
            if value and out.drop_unless(path, f"subject {key}"):
                entry[key] = value
        subjects.append(entry)
    if subjects:
        attrs["subjects"] = subjects

    # 7 contributors (+ kernel-3 funders)
    contributors = []
    for c in record.contributors:
        if c.role == "author":
            continue
        word = _ROLE_WRITE.get(c.role)
        if word is None:
            word = "Other"
            out.add(
                Code.VALUE_COERCED,
                f"role {c.role!r} is written as contributorType Other",
                "contributors/contributor@contributorType",
            )
        word2 = (
            out.value("contributorType", word, "contributors/contributor@contributorType")
            or "Other"
        )
        obj = _name_obj(
            c,
            out,
            "contributors/contributor/contributor",
            code=None,
            fill=fill_unknown,
            missing=missing,
            rich=True,
            where=f"contributor {c.display_name}",
        )
        if obj:
            obj["contributorType"] = word2
            contributors.append(obj)

    # 11 alternate identifiers
    alternates = []
    for ident in record.identifiers:
        if dois and ident is dois[0]:
            continue
        alternates.append({"identifier": ident.value, "identifierType": _id_word(ident)})
    if alternates:
        attrs["identifiers"] = alternates

    # 12 related identifiers
    related = []
    for rel in record.relations:
        if rel.identifier is None:
            out.add(
                Code.FIELD_DROPPED,
                f"a {rel.type} relation given only as a citation",
                "relatedIdentifiers/relatedIdentifier",
            )
            continue
        rtype = out.value(
            "relationType", rel.type, "relatedIdentifiers/relatedIdentifier@relationType"
        )
        if rtype is None:
            continue
        word = rel.native_identifier_type or spelled(rel.identifier.scheme)
        value = rel.identifier.value
        if word not in _RELATED_ID_TYPES and not V.is_allowed(
            "relatedIdentifierType", word, version
        ):
            url = rel.identifier.url
            if url:
                out.add(
                    Code.VALUE_COERCED,
                    f"a {word} related identifier is written as its URL",
                    "relatedIdentifiers/relatedIdentifier@relatedIdentifierType",
                )
                word, value = "URL", url
            else:
                out.add(
                    Code.FIELD_DROPPED,
                    f"related identifier type {word!r} is not a DataCite type",
                    "relatedIdentifiers/relatedIdentifier@relatedIdentifierType",
                )
                continue
        word2 = out.value(
            "relatedIdentifierType",
            word,
            "relatedIdentifiers/relatedIdentifier@relatedIdentifierType",
        )
        if word2 is None:
            continue
        entry = {"relatedIdentifier": value, "relatedIdentifierType": word2, "relationType": rtype}
        if rel.resource_type and out.drop_unless(
            "relatedIdentifiers/relatedIdentifier@resourceTypeGeneral",
            "the related resource's type",
        ):
            rt = out.value(
                "resourceType",
                rel.resource_type,
                "relatedIdentifiers/relatedIdentifier@resourceTypeGeneral",
            )
            if rt:
                entry["resourceTypeGeneral"] = rt
        for key, val, path in (
            (
                "relatedMetadataScheme",
                rel.metadata_scheme,
                "relatedIdentifiers/relatedIdentifier@relatedMetadataScheme",
            ),
            ("schemeUri", rel.scheme_uri, "relatedIdentifiers/relatedIdentifier@schemeURI"),
            ("schemeType", rel.scheme_type, "relatedIdentifiers/relatedIdentifier@schemeType"),
            (
                "relationTypeInformation",
                rel.type_information,
                "relatedIdentifiers/relatedIdentifier@relationTypeInformation",
            ),
        ):
            if val and out.drop_unless(path, key):
                entry[key] = val
        related.append(entry)

    # 13 sizes, 14 formats, 15 version
    sizes = list(record.sizes)
    if record.number_of_pages:
        sizes.append(f"{record.number_of_pages} pages")
        out.add(
            Code.VALUE_COERCED,
            "the number of pages is written as a size",
            "sizes/size",
            severity="info",
        )
    if sizes:
        attrs["sizes"] = sizes
    if record.formats:
        attrs["formats"] = list(record.formats)
    if record.version:
        attrs["version"] = record.version

    # 16 rights
    rights = []
    for r in record.rights:
        entry = {}
        if r.statement:
            entry["rights"] = r.statement
        for key, val, path in (
            ("rightsUri", r.uri, "rightsList/rights@rightsURI"),
            ("rightsIdentifier", r.identifier, "rightsList/rights@rightsIdentifier"),
            (
                "rightsIdentifierScheme",
                r.identifier_scheme,
                "rightsList/rights@rightsIdentifierScheme",
            ),
            ("schemeUri", r.scheme_uri, "rightsList/rights@schemeURI"),
            ("lang", r.lang, "rightsList/rights@xml:lang"),
        ):
            if val and out.drop_unless(path, f"rights {key}"):
                entry[key] = val
        if (
            "rights" not in entry
            and "rightsUri" not in entry
            and r.identifier
            and version.startswith(("3", "4.0", "4.1"))
        ):
            # kernel-3 and early 4.x: the identifier is all there is; keep it as the statement
            entry["rights"] = r.identifier
        if entry:
            rights.append(entry)
    if record.access_rights:
        rights.append({"rightsUri": record.access_rights})
    if rights:
        attrs["rightsList"] = rights

    # 17 descriptions (+ series)
    descriptions = []
    for desc in record.descriptions:
        word = _DESC_WRITE.get(desc.type)
        if word is None:
            word = "Other"
            out.add(
                Code.VALUE_COERCED,
                f"a {desc.type} description is written as Other",
                "descriptions/description@descriptionType",
                severity="info",
            )
        word2 = (
            out.value("descriptionType", word, "descriptions/description@descriptionType")
            or "Other"
        )
        entry = {"description": desc.text, "descriptionType": word2}
        if desc.lang:
            entry["lang"] = desc.lang
        descriptions.append(entry)
    series = record.series
    if series and (series.title or series.number):
        text = ", ".join(p for p in (series.title, series.number) if p)
        descriptions.append({"description": text, "descriptionType": "SeriesInformation"})
        out.add(
            Code.VALUE_COERCED,
            "the series is written as a SeriesInformation description",
            "descriptions/description",
            severity="info",
        )
    if descriptions:
        attrs["descriptions"] = descriptions

    # 18 geoLocations
    geos = []
    for g in record.geo_locations:
        gobj: dict[str, Any] = {}
        if g.place:
            gobj["geoLocationPlace"] = g.place
        if g.point:
            gobj["geoLocationPoint"] = {
                "pointLongitude": g.point.longitude,
                "pointLatitude": g.point.latitude,
            }
        if g.box:
            gobj["geoLocationBox"] = {
                "westBoundLongitude": g.box.west,
                "eastBoundLongitude": g.box.east,
                "southBoundLatitude": g.box.south,
                "northBoundLatitude": g.box.north,
            }
        if g.polygons and out.drop_unless(
            "geoLocations/geoLocation/geoLocationPolygon", "geoLocationPolygon"
        ):
            polys = []
            for poly in g.polygons:
                if len(poly.points) < 4:
                    out.add(
                        Code.FIELD_DROPPED,
                        "a polygon needs at least four points",
                        "geoLocations/geoLocation/geoLocationPolygon",
                    )
                    continue
                pts: list[dict[str, Any]] = [
                    {"polygonPoint": {"pointLongitude": p.longitude, "pointLatitude": p.latitude}}
                    for p in poly.points
                ]
                if poly.in_point and out.drop_unless(
                    "geoLocations/geoLocation/geoLocationPolygon/inPolygonPoint", "inPolygonPoint"
                ):
                    pts.append(
                        {
                            "inPolygonPoint": {
                                "pointLongitude": poly.in_point.longitude,
                                "pointLatitude": poly.in_point.latitude,
                            }
                        }
                    )
                polys.append(pts)
            if polys:
                gobj["geoLocationPolygon"] = polys[0] if len(polys) == 1 else polys
        if gobj:
            geos.append(gobj)
    for _g in ex.get("invalidGeoLocations") or []:
        out.add(
            Code.FIELD_DROPPED,
            "an invalid geoLocation (kept in extras) is not written",
            "geoLocations/geoLocation",
        )
    if geos:
        attrs["geoLocations"] = geos

    # 19 funding
    funders = []
    for f in record.funding:
        fobj: dict[str, Any] = {"funderName": f.funder_name}
        if f.funder_identifier:
            ftype = f.funder_identifier_type or {
                "crossref-funder": "Crossref Funder ID",
                "isni": "ISNI",
                "grid": "GRID",
                "ror": "ROR",
            }.get(f.funder_identifier.scheme, "Other")
            fobj["funderIdentifier"] = _id_value(f.funder_identifier)
            fobj["funderIdentifierType"] = ftype
            if f.funder_identifier.scheme_uri:
                fobj["schemeUri"] = f.funder_identifier.scheme_uri
        for key, val in (
            ("awardNumber", f.award_number),
            ("awardUri", f.award_uri),
            ("awardTitle", f.award_title),
        ):
            if val:
                fobj[key] = val
        if f.award_title_lang:
            out.add(
                Code.FIELD_DROPPED,
                "awardTitle has no language attribute",
                "fundingReferences/fundingReference/awardTitle",
            )
        funders.append(fobj)
    if funders and version.startswith("3"):
        for f, fobj in zip(record.funding, funders, strict=False):
            fentry: dict[str, Any] = {"name": fobj["funderName"], "contributorType": "Funder"}
            if f.funder_identifier is not None:
                fentry["nameIdentifiers"] = [
                    {
                        "nameIdentifier": fobj["funderIdentifier"],
                        "nameIdentifierScheme": f.funder_identifier_type
                        or _id_word(f.funder_identifier),
                    }
                ]
            contributors.append(fentry)
            lost = [k for k in ("awardNumber", "awardUri", "awardTitle", "schemeUri") if k in fobj]
            if lost:
                out.add(
                    Code.VERSION_DOWNGRADE,
                    f"DataCite 3.1 has no fundingReference: funder written as a Funder contributor; {', '.join(lost)} left out",
                    "fundingReferences",
                )
            else:
                out.add(
                    Code.VERSION_DOWNGRADE,
                    "DataCite 3.1 has no fundingReference: funder written as a Funder contributor",
                    "fundingReferences",
                    severity="info",
                )
    elif funders:
        for fobj in funders:
            if "funderIdentifierType" in fobj:
                ft = out.value(
                    "funderIdentifierType",
                    fobj["funderIdentifierType"],
                    "fundingReferences/fundingReference/funderIdentifier@funderIdentifierType",
                )
                fobj["funderIdentifierType"] = ft or "Other"
            if "schemeUri" in fobj and not out.drop_unless(
                "fundingReferences/fundingReference/funderIdentifier@schemeURI",
                "funderIdentifier schemeURI",
            ):
                del fobj["schemeUri"]
        attrs["fundingReferences"] = funders
    if contributors:
        attrs["contributors"] = contributors
    if related:
        attrs["relatedIdentifiers"] = related

    # 20 relatedItems (container first)
    items = []
    cont = record.container
    if cont is not None and _container_has_data(cont):
        if out.has("relatedItems/relatedItem"):
            items.append(_container_item(cont, record, out, ex))
            for extra_id in cont.identifiers[1:]:
                word = spelled(extra_id.scheme)
                if word in _CONTAINER_ID_TYPES:
                    attrs.setdefault("relatedIdentifiers", []).append(
                        {
                            "relatedIdentifier": extra_id.value,
                            "relatedIdentifierType": word,
                            "relationType": "IsPublishedIn",
                        }
                    )
                else:
                    out.add(
                        Code.FIELD_DROPPED,
                        f"the container's {extra_id.scheme} {extra_id.value}: a relatedItem "
                        "holds one identifier",
                        "relatedItems/relatedItem/relatedItemIdentifier",
                    )
        else:
            held = [
                name
                for name, val in (
                    ("title", cont.titles),
                    ("volume", cont.volume),
                    ("issue", cont.issue),
                    ("pages", cont.pages),
                    ("number", cont.number),
                    ("edition", cont.edition),
                    ("publisher", cont.publisher),
                    ("year", cont.issued),
                )
                if val
            ]
            if held:
                out.add(
                    Code.VERSION_DOWNGRADE,
                    f"DataCite {version} has no relatedItem: the container's {', '.join(held)} left out",
                    "relatedItems/relatedItem",
                )
            rtype = (
                out.value(
                    "relationType",
                    "IsPublishedIn",
                    "relatedIdentifiers/relatedIdentifier@relationType",
                )
                or "IsPartOf"
            )
            for ident in cont.identifiers:
                word = spelled(ident.scheme)
                if word in _RELATED_ID_TYPES and V.is_allowed(
                    "relatedIdentifierType", word, version
                ):
                    related_list = attrs.setdefault("relatedIdentifiers", [])
                    related_list.append(
                        {
                            "relatedIdentifier": ident.value,
                            "relatedIdentifierType": word,
                            "relationType": rtype,
                        }
                    )
    for ri in record.related_items:
        if not out.drop_unless("relatedItems/relatedItem", "relatedItem"):
            break
        items.append(_related_item_obj(ri, out, ex, fill_unknown, missing))
    if items:
        attrs["relatedItems"] = items

    # what has no home
    from biblioconv.crosswalk import foreign_extras, report_dropped

    report_dropped(record, CROSSWALK, report, source_format=source_format)
    for key, value in ex.items():
        if key in EXTRAS_KEYS or key in ("types", "containerType", "relationTypes"):
            continue
        if fmt == "datacite-json" and not key.startswith("xml:"):
            # a same-format trip keeps every attribute the mapping does not know
            attrs.setdefault("_passthrough", {})[key.removeprefix("json:")] = value
            continue
        if fmt == "datacite-json" and key == "url":
            attrs["url"] = value
            continue
        out.add(
            Code.FIELD_DROPPED, f"unknown field {key!r} (kept from the source) is not written", key
        )
    for other_fmt, names in foreign_extras(record, ("datacite", "datacite-json")).items():
        for key in names:
            out.add(
                Code.FIELD_DROPPED,
                f"{other_fmt} field {key!r} has no DataCite home",
                f"extras.{other_fmt}.{key}",
            )

    if missing:
        for item in missing:
            out.add(Code.MISSING_REQUIRED, f"missing mandatory property: {item}", severity="error")
        raise WriteError(
            "missing mandatory DataCite properties: "
            + "; ".join(missing)
            + (
                ""
                if fill_unknown
                else " (fill_unknown=True, on the command line -O datacite.fill-unknown=true, "
                "writes DataCite's unknown-value codes instead)"
            ),
            record=out.record,
            fmt=fmt,
        )
    return attrs


def _container_has_data(cont: Container) -> bool:
    return bool(
        cont.titles
        or cont.identifiers
        or cont.volume
        or cont.issue
        or cont.pages
        or cont.number
        or cont.edition
        or cont.publisher
        or cont.issued
    )


def _container_item(
    cont: Container, record: Record, out: _Out, ex: dict[str, Any]
) -> dict[str, Any]:
    native = ex.get("containerType")
    if not native and cont.type:
        native = CROSSWALK.type_from_hub(cont.type)
    if not native:
        native = _CONTAINER_TYPES.get(record.type, "Other")
    native = (
        out.value("resourceType", native, "relatedItems/relatedItem@relatedItemType") or "Other"
    )
    item: dict[str, Any] = {"relatedItemType": native, "relationType": "IsPublishedIn"}
    _locators(item, cont, out, ex)
    return item


def _locators(item: dict[str, Any], cont: Container, out: _Out, ex: dict[str, Any]) -> None:
    if cont.identifiers:
        ident = cont.identifiers[0]
        idobj: dict[str, Any] = {"relatedItemIdentifier": ident.value}
        word = ident.label or spelled(ident.scheme)
        if word in _RELATED_ID_TYPES:
            word2 = out.value(
                "relatedIdentifierType",
                word,
                "relatedItems/relatedItem/relatedItemIdentifier@relatedItemIdentifierType",
            )
            if word2:
                idobj["relatedItemIdentifierType"] = word2
        else:
            out.add(
                Code.VALUE_COERCED,
                f"relatedItemIdentifier type {word!r} is not a DataCite type: left untyped",
                "relatedItems/relatedItem/relatedItemIdentifier@relatedItemIdentifierType",
            )
        if ident.scheme_uri:
            idobj["schemeUri"] = ident.scheme_uri
        idobj.update((ex.get("relatedItemIdentifiers") or {}).get(ident.value, {}))
        item["relatedItemIdentifier"] = idobj
    titles = []
    for t in cont.titles:
        entry: dict[str, Any] = {"title": plain_text(t.text)}
        if t.type != "main":
            word = _TITLE_WRITE.get(t.type, "AlternativeTitle")
            if t.type not in _TITLE_WRITE:
                out.add(
                    Code.VALUE_COERCED,
                    f"a {t.type} title of the container is written as AlternativeTitle",
                    "relatedItems/relatedItem/titles/title@titleType",
                )
            entry["titleType"] = (
                out.value("titleType", word, "relatedItems/relatedItem/titles/title@titleType")
                or "AlternativeTitle"
            )
        if t.lang:
            entry["lang"] = t.lang
        titles.append(entry)
    if titles:
        item["titles"] = titles
    if cont.issued and cont.issued.year is not None and 0 <= cont.issued.year <= 9999:
        item["publicationYear"] = f"{cont.issued.year:04d}"
        if cont.issued.start and cont.issued.start.precision != "year":
            out.add(
                Code.VALUE_COERCED,
                "a relatedItem's date is written as its year",
                "relatedItems/relatedItem/publicationYear",
                severity="info",
            )
    for key in ("volume", "issue", "number"):
        val = getattr(cont, key)
        if val:
            item[key] = val
    if cont.number_type:
        item["numberType"] = cont.number_type
    if cont.pages:
        first, last = cont.pages.first, cont.pages.last
        if cont.pages.literal:
            first = cont.pages.literal
            out.add(
                Code.VALUE_COERCED,
                f"pages {cont.pages.literal!r} written as firstPage",
                "relatedItems/relatedItem/firstPage",
            )
        if first:
            item["firstPage"] = first
        if last:
            item["lastPage"] = last
    if cont.publisher and cont.publisher.name:
        item["publisher"] = cont.publisher.name
    if cont.edition:
        item["edition"] = cont.edition


def _related_item_obj(
    ri: RelatedItem, out: _Out, ex: dict[str, Any], fill: bool, missing: list[str]
) -> dict[str, Any]:
    native = (
        ri.native_type
        if ri.native_type and (ri.type is None or RESOURCE_TYPES.get(ri.native_type) == ri.type)
        else None
    )
    if not native:
        native = CROSSWALK.type_from_hub(ri.type) if ri.type else "Other"
    native = (
        out.value("resourceType", native or "Other", "relatedItems/relatedItem@relatedItemType")
        or "Other"
    )
    rtype = (
        out.value("relationType", ri.relation_type, "relatedItems/relatedItem@relationType")
        or "References"
    )
    item: dict[str, Any] = {"relatedItemType": native, "relationType": rtype}
    if ri.relation_type_information and out.drop_unless(
        "relatedItems/relatedItem@relationTypeInformation", "relationTypeInformation"
    ):
        item["relationTypeInformation"] = ri.relation_type_information
    _locators(item, ri, out, ex)
    creators, contributors = [], []
    for i, c in enumerate(ri.contributors, 1):
        if c.role == "author":
            obj = _name_obj(
                c,
                out,
                "relatedItems/relatedItem/creators/creator/creator",
                code=None,
                fill=fill,
                missing=missing,
                rich=False,
                where=f"relatedItem creator {i}",
            )
            if obj:
                creators.append(obj)
        else:
            word = _ROLE_WRITE.get(c.role, "Other")
            obj = _name_obj(
                c,
                out,
                "relatedItems/relatedItem/contributors/contributor/contributor",
                code=None,
                fill=fill,
                missing=missing,
                rich=False,
                where=f"relatedItem contributor {i}",
            )
            if obj:
                obj["contributorType"] = (
                    out.value(
                        "contributorType",
                        word,
                        "relatedItems/relatedItem/contributors/contributor@contributorType",
                    )
                    or "Other"
                )
                contributors.append(obj)
    if creators:
        item["creators"] = creators
    if contributors:
        item["contributors"] = contributors
    for extra_id in ri.identifiers[1:]:
        out.add(
            Code.FIELD_DROPPED,
            f"a relatedItem holds one identifier: {extra_id.scheme} {extra_id.value} left out",
            "relatedItems/relatedItem/relatedItemIdentifier",
        )
    return item


def writable_attributes(
    records: Iterable[Record], ctx: WriteContext
) -> Iterator[tuple[Record, dict[str, Any]]]:
    """Each record with its attributes for the version the writer options name; a record that
    cannot be written is reported and skipped (raised in strict mode)."""
    version = str(getattr(ctx.options, "version", V.DEFAULT_VERSION))
    fill = bool(getattr(ctx.options, "fill_unknown", False))
    for record in records:
        try:
            attrs = record_to_attributes(
                record,
                version=version,
                report=ctx.report,
                fmt=ctx.format,
                source_format=ctx.source_format,
                fill_unknown=fill,
            )
        except WriteError as exc:
            if ctx.strict:
                raise
            ctx.reporter(record.label).skip(exc.reason)
            continue
        yield record, attrs
