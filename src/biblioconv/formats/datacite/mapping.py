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
from functools import lru_cache
from typing import Any

from pydantic import ValidationError as PydanticValidationError

from biblioconv.dates import parse_date
from biblioconv.formats.datacite import versions as V
from biblioconv.formats.datacite.crosswalk import (
    CONTRIBUTOR_TYPES,
    DATE_TYPES,
    DESCRIPTION_TYPES,
    RESOURCE_TYPES,
    TITLE_TYPES,
)
from biblioconv.identifiers import SCHEMES, canonical_scheme
from biblioconv.model import (
    Container,
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
)
from biblioconv.names import orcid_of_name
from biblioconv.report import Code, RecordReporter

__all__ = ["EXTRAS_KEYS", "ReadState", "finish", "spelled", "year_only"]

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
_CONTAINER_SCHEMES = ("issn", "eissn", "lissn", "isbn")


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
    obj: dict[str, Any], role: str, rep: RecordReporter, what: str, n: int
) -> tuple[dict[str, Any] | None, str | None]:
    """A name object as the fields of a :class:`Contributor` (validated with the record); the
    second item is an unknown-value code in the name. Sub-objects are plain dicts too: the
    record is validated once, which costs far less than a model per name. A diagnostic names
    the object ``what n`` (``creator 2``)."""
    # _s of each string, inline for strings (this runs for every person of every record)
    get = obj.get
    name = (v.strip() or None) if (v := get("name")).__class__ is str else _s(v)
    code = None
    if name is not None and name[0] == ":" and _unknown(name):  # every code starts so
        code, name = name, None
    name_type = (v.strip() or None) if (v := get("nameType")).__class__ is str else _s(v)
    given = (v.strip() or None) if (v := get("givenName")).__class__ is str else _s(v)
    family = (v.strip() or None) if (v := get("familyName")).__class__ is str else _s(v)
    lang = None if (v := get("lang")) is None else _s(v)
    identifiers: list[dict[str, Any]] = []
    name_ids = get("nameIdentifiers")
    for ni in () if name_ids is None else _list(name_ids):
        ni = _obj(ni, "nameIdentifier")
        value = _s(ni.get("nameIdentifier"))
        if value:
            identifiers.append(
                _identifier(_s(ni.get("nameIdentifierScheme")), value, _s(ni.get("schemeUri")))
            )
    affiliations: list[dict[str, Any]] = []
    affs = get("affiliation")
    for aff in () if affs is None else _list(affs):
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
                f"{what} {n}: no nameType; '{name}' read as a person (Family, Given)",
                severity="info",
            )
        elif _ORG_WORDS.search(name):
            kind, literal = "organization", name
            rep.add(
                Code.HEURISTIC_APPLIED,
                f"{what} {n}: no nameType; '{name}' read as an organisation",
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


def year_only(d: DateValue) -> bool:
    """Whether an issued date is a bare year (which publicationYear alone carries)."""
    return (
        not d.is_range
        and d.start is not None
        and d.start.precision == "year"
        and not d.information
        and not d.approximate
        and not d.uncertain
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
        if not isinstance(text, str):
            continue
        text = text.strip()
        if not text:
            continue
        ttype = (
            "main" if (v := t.get("titleType")) is None else TITLE_TYPES.get(_s(v) or "", "main")
        )
        lang = None if (v := t.get("lang")) is None else _s(v)
        if lang is None:
            out.append({"text": text, "type": ttype})
        else:
            out.append({"text": text, "type": ttype, "lang": lang})
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
    get = obj.get
    native = _s(get("relatedItemType"))
    identifiers: list[dict[str, Any]] = []
    ident = get("relatedItemIdentifier")
    ident_obj = {} if ident is None else _obj(ident, "relatedItemIdentifier")
    value = None if ident is None else _s(ident_obj.get("relatedItemIdentifier"))
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
    creators = get("creators")
    if creators is not None:
        what = f"relatedItem {index} creator"
        for i, c in enumerate(_list(creators), 1):
            person, _code = _contributor(_obj(c, "name"), "author", rep, what, i)
            if person:
                people.append(person)
    contributors = get("contributors")
    if contributors is not None:
        what = f"relatedItem {index} contributor"
        for i, c in enumerate(_list(contributors), 1):
            c = _obj(c, "name")
            role = CONTRIBUTOR_TYPES.get(_s(c.get("contributorType")) or "", "other")
            person, _code = _contributor(c, role, rep, what, i)
            if person:
                people.append(person)
    first, last = _s(get("firstPage")), _s(get("lastPage"))
    publisher = None if (v := get("publisher")) is None else _s(_obj(v, "name").get("name"))
    number_type = None if (v := get("numberType")) is None else _s(v)
    year = get("publicationYear")
    return {
        "relation_type": _s(get("relationType")) or "References",
        "relation_type_information": None
        if (v := get("relationTypeInformation")) is None
        else _s(v),
        "native_type": native,
        "type": RESOURCE_TYPES.get(native or ""),
        "titles": _titles(get("titles")),
        "identifiers": identifiers,
        "volume": _s(get("volume")),
        "issue": _s(get("issue")),
        "number": None if (v := get("number")) is None else _s(v),
        "number_type": number_type
        if number_type in ("Article", "Chapter", "Report", "Other")
        else None,
        "pages": {"first": first, "last": last} if first or last else None,
        "edition": None if (v := get("edition")) is None else _s(v),
        "publisher": {"name": publisher} if publisher else None,
        "issued": None if year is None else _issued(_year(year)),
        "contributors": people,
    }


#: The fields a related item shares with a container.
_CONTAINER_FIELDS = tuple(Container.model_fields)


# -- attributes -> record: the converters of the rule table --------------------------------------


class ReadState:
    """What the reading converters of one attributes object share: the attributes, the
    reporter, the extras and unknown-value codes being gathered, the record data being built,
    and properties parsed once for several rules (the dates, the related items)."""

    __slots__ = ("_dates", "_items", "attrs", "data", "extras", "fmt", "rep", "unknown_values")

    def __init__(self, attrs: Attrs, fmt: str, rep: RecordReporter) -> None:
        self.attrs = attrs
        self.fmt = fmt
        self.rep = rep
        self.data: dict[str, Any] = {}
        self.extras: dict[str, Any] = {}
        self.unknown_values: dict[str, str] = {}
        self._dates: list[DateValue] | None = None
        self._items: tuple[dict[str, Any] | None, list[RelatedItem]] | None = None

    def dates(self) -> list[DateValue]:
        """The dates property, parsed once."""
        if self._dates is None:
            self._dates = _parse_dates(self.attrs.get("dates"), self.rep)
        return self._dates

    def items(self) -> tuple[dict[str, Any] | None, list[RelatedItem]]:
        """The relatedItems: the container (the first IsPublishedIn item without people), and
        the others, parsed once."""
        if self._items is None:
            self._items = _parse_items(self.attrs.get("relatedItems"), self)
        return self._items


def _rs(ctx: Any) -> ReadState:
    state: ReadState = ctx.options
    return state


def read_identifier(value: Any, ctx: Any) -> Any:
    """The primary identifier (the XML ``identifier`` element or the API's ``doi``)."""
    st = _rs(ctx)
    primary = value if isinstance(value, dict) else {"identifier": value, "identifierType": "DOI"}
    text = _s(primary.get("identifier"))
    if _unknown(text):
        st.unknown_values["identifier"] = str(text)
        return None
    if text:
        return [_identifier(_s(primary.get("identifierType")) or "DOI", text)]
    return None


def read_creators(value: Any, ctx: Any) -> Any:
    st = _rs(ctx)
    rep = st.rep
    people = []
    authors = 0
    for i, c in enumerate(_list(value), 1):
        person, code = _contributor(_obj(c, "name"), "author", rep, "creator", i)
        if code == ":etal" and person is None:
            st.data.setdefault("et_al", []).append("author")
            continue
        if code:
            st.unknown_values[f"creators[{authors}]"] = code
        if person is None:
            if not code:
                rep.add(Code.INVALID_VALUE, f"creator {i} has neither a name nor an identifier")
            continue
        people.append(person)
        authors += 1
    return people or None


def read_contributors(value: Any, ctx: Any) -> Any:
    st = _rs(ctx)
    rep = st.rep
    people = []
    funders = []
    for i, c in enumerate(_list(value), 1):
        c = _obj(c, "name")
        ctype = _s(c.get("contributorType")) or "Other"
        if ctype == "Funder":  # kernel-3: funders were contributors
            funder = _kernel3_funder(c)
            if funder is not None:
                funders.append(funder)
                continue
        role = CONTRIBUTOR_TYPES.get(ctype)
        if role is None:
            rep.add(
                Code.INVALID_VALUE,
                f"contributor {i}: unknown contributorType {ctype!r}; read as other",
            )
            role = "other"
        person, _code = _contributor(c, role, rep, "contributor", i)
        if person is not None:
            people.append(person)
    if funders:
        st.data["funding"] = [*funders, *st.data.get("funding", ())]
    return people or None


def _kernel3_funder(c: dict[str, Any]) -> Funding | None:
    fname = _s(c.get("name"))
    if not fname:
        return None
    ids = [_obj(x, "nameIdentifier") for x in _list(c.get("nameIdentifiers"))]
    fid = next((x for x in ids if _s(x.get("nameIdentifier"))), None)
    return Funding(
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


def read_titles(value: Any, ctx: Any) -> Any:
    kept = []
    for t in _titles(value):  # an unknown-value code is a string, so it is among the titles
        text = t["text"]
        if text[0] == ":" and _unknown(text):
            _rs(ctx).unknown_values["titles"] = text
        else:
            kept.append(t)
    return kept or None


def read_publisher(value: Any, ctx: Any) -> Any:
    st = _rs(ctx)
    pub = _obj(value, "name")
    pname = _s(pub.get("name"))
    if _unknown(pname):
        st.unknown_values["publisher"] = str(pname)
        pname = None
    pid = _s(pub.get("publisherIdentifier"))
    pids = (
        [_identifier(_s(pub.get("publisherIdentifierScheme")), pid, _s(pub.get("schemeUri")))]
        if pid
        else []
    )
    if pname or pids:
        return Publisher(name=pname, identifiers=pids, lang=_s(pub.get("lang")))
    return None


def _parse_dates(value: Any, rep: RecordReporter) -> list[DateValue]:
    dates: list[DateValue] = []
    for d in _list(value):
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
    return dates


def read_publication_year(value: Any, ctx: Any) -> Any:
    """The issued date publicationYear alone tells (none when the dates give one); a year that
    differs from the issued date's is kept in the extras."""
    st = _rs(ctx)
    year_text = _s(value)
    if not year_text:
        return None
    if year_text[0] == ":" and _unknown(year_text):  # a stripped code starts so
        st.unknown_values["publicationYear"] = year_text
        return None
    as_year = int(year_text) if _YEAR.fullmatch(year_text) else None  # _year of a clean text
    dates = st.dates()
    issued = [d for d in dates if d.type == "issued"] if dates else []
    if not issued:
        year = _issued(as_year)
        if year is None:
            st.extras["publicationYear"] = year_text
            st.rep.add(Code.INVALID_VALUE, f"publicationYear {year_text!r} is not a year")
        return year
    if as_year is None or issued[0].year != as_year:
        st.extras["publicationYear"] = year_text
    if len(issued) == 1 and year_only(issued[0]) and issued[0].edtf() == year_text:
        st.extras["issuedDate"] = True  # a year a writer would give as publicationYear alone
    return None


def read_dates(value: Any, ctx: Any) -> Any:
    return _rs(ctx).dates() or None


def read_types(value: Any, ctx: Any) -> Any:
    """The hub type of resourceTypeGeneral (the native name, the genre and the derived
    vocabularies go beside it)."""
    st = _rs(ctx)
    types = _obj(value, "resourceTypeGeneral")
    genre = _s(types.get("resourceType"))
    if genre:
        st.data["genre"] = genre
    for key in ("schemaOrg", "bibtex", "citeproc", "ris"):
        if types.get(key) is not None and _s(types[key]):
            st.extras.setdefault("types", {})[key] = types[key]
    general = _s(types.get("resourceTypeGeneral"))
    if not general:
        return None
    hub = RESOURCE_TYPES.get(general)
    if hub is None:
        st.rep.add(Code.INVALID_VALUE, f"unknown resourceTypeGeneral {general!r}; read as other")
        hub = "other"
    st.data["native_types"] = {st.fmt: general}
    return hub


def read_subjects(value: Any, ctx: Any) -> Any:
    subjects: list[Subject] = []
    for sub in _list(value):
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
    return subjects or None


def read_alternates(value: Any, ctx: Any) -> Any:
    """alternateIdentifiers (the API's ``identifiers``, which repeat the DOI)."""
    st = _rs(ctx)
    known = st.data.get("identifiers") or []
    out: list[dict[str, Any]] = []
    for a in _list(value):
        a = _obj(a, "identifier")
        text = _s(a.get("identifier"))
        word = _s(a.get("identifierType")) or "local"
        if not text:
            continue
        if word.upper() == "DOI" and known and _is_doi(known[0], text):
            continue  # the REST API repeats the DOI among the identifiers
        scheme = _scheme(word)
        if scheme not in SCHEMES:
            out.append({"scheme": "local", "value": text, "label": word})
        else:
            out.append(_identifier(word, text))
    return out or None


def read_xml_alternates(value: Any, ctx: Any) -> Any:
    """The XML's alternateIdentifiers (when the attributes have no ``identifiers``)."""
    items = [
        {
            "identifier": a.get("alternateIdentifier"),
            "identifierType": a.get("alternateIdentifierType"),
        }
        for a in _list(value)
        if isinstance(a, dict)
    ]
    return read_alternates(items, ctx)


def read_strings(value: Any, ctx: Any) -> Any:
    """sizes, formats: the non-empty strings."""
    return [s for s in (_s(x) for x in _list(value)) if s] or None


def read_string(value: Any, ctx: Any) -> Any:
    return _s(value)


def read_rights(value: Any, ctx: Any) -> Any:
    """The rights; the first bare info:eu-repo/semantics URI is the access right."""
    st = _rs(ctx)
    rights: list[Rights] = []
    for r in _list(value):
        r = _obj(r, "rights")
        statement = _s(r.get("rights"))
        uri = _s(r.get("rightsUri"))
        rights_id = _s(r.get("rightsIdentifier"))
        if (
            uri
            and uri.startswith("info:eu-repo/semantics/")
            and not statement
            and not rights_id
            and "access_rights" not in st.data
        ):
            st.data["access_rights"] = uri
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
    return rights or None


def read_descriptions(value: Any, ctx: Any) -> Any:
    descriptions: list[Description] = []
    for d in _list(value):
        d = _obj(d, "description")
        text = d.get("description")
        if not isinstance(text, str) or not text.strip():
            continue
        dtype = DESCRIPTION_TYPES.get(_s(d.get("descriptionType")) or "Other", "other")
        descriptions.append(Description(text=text.strip(), type=dtype, lang=_s(d.get("lang"))))
    return descriptions or None


def read_geo_locations(value: Any, ctx: Any) -> Any:
    st = _rs(ctx)
    geos: list[GeoLocation] = []
    for g in _list(value):
        if not isinstance(g, dict):
            continue
        try:
            geo = _geo(g)
        except (ValueError, KeyError, TypeError, PydanticValidationError) as exc:
            reason = (
                exc.errors()[0]["msg"] if isinstance(exc, PydanticValidationError) else str(exc)
            )
            st.rep.add(Code.INVALID_VALUE, f"geoLocation kept in extras: {reason}")
            st.extras.setdefault("invalidGeoLocations", []).append(g)
            continue
        if geo.place or geo.point or geo.box or geo.polygons:
            geos.append(geo)
    return geos or None


def read_funding(value: Any, ctx: Any) -> Any:
    st = _rs(ctx)
    funding: list[Funding] = []
    for f in _list(value):
        f = _obj(f, "funderName")
        fname = _s(f.get("funderName"))
        if not fname:
            st.rep.add(Code.INVALID_VALUE, "fundingReference without funderName: left out")
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
    return funding or None


def read_relations(value: Any, ctx: Any) -> Any:
    """The related identifiers; an IsPublishedIn ISSN or ISBN of the container is one of the
    container's identifiers."""
    st = _rs(ctx)
    rep = st.rep
    container, _ = st.items()
    relations: list[Relation] = []
    for r in _list(value):
        r = _obj(r, "relatedIdentifier")
        text = _s(r.get("relatedIdentifier"))
        rtype = _s(r.get("relationType"))
        if not text or not rtype:
            rep.add(
                Code.INVALID_VALUE, "relatedIdentifier without a value or relationType: left out"
            )
            continue
        if rtype not in V.LISTS_4["relationType"]:
            rep.add(Code.INVALID_VALUE, f"unknown relationType {rtype!r}: read as References")
            st.extras.setdefault("relationTypes", []).append(rtype)
            rtype = "References"
        word = _s(r.get("relatedIdentifierType")) or "URL"
        scheme = _scheme(word)
        ident = Identifier(scheme=scheme if scheme in SCHEMES else "other", value=text)
        rel = Relation(
            type=rtype,
            identifier=ident,
            resource_type=_s(r.get("resourceTypeGeneral")),
            metadata_scheme=_s(r.get("relatedMetadataScheme")),
            scheme_uri=_s(r.get("schemeUri")),
            scheme_type=_s(r.get("schemeType")),
            type_information=_s(r.get("relationTypeInformation")),
            native_identifier_type=None if spelled(ident.scheme) == word else word,
        )
        if (
            container is not None
            and rtype == "IsPublishedIn"
            and ident.scheme in _CONTAINER_SCHEMES
            and not (rel.resource_type or rel.metadata_scheme or rel.native_identifier_type)
        ):
            container.setdefault("identifiers", []).append(ident)
            continue
        relations.append(rel)
    return relations or None


def _parse_items(value: Any, st: ReadState) -> tuple[dict[str, Any] | None, list[RelatedItem]]:
    container: dict[str, Any] | None = None
    related: list[RelatedItem] = []
    for i, item in enumerate(_list(value), 1):
        if not isinstance(item, dict):
            continue
        fields = _related_item(item, st.rep, st.extras, i)
        if (
            container is None
            and fields["relation_type"] == "IsPublishedIn"
            and not fields["contributors"]
            and not fields["relation_type_information"]
        ):
            container = {k: v for k in _CONTAINER_FIELDS if (v := fields[k]) is not None}
            native = fields["native_type"]
            if native and RESOURCE_TYPES.get(native) is None:
                st.extras["containerType"] = native
            continue
        related.append(RelatedItem(**{k: v for k, v in fields.items() if v is not None}))
    return container, related


def read_container(value: Any, ctx: Any) -> Any:
    """The container (the related items go beside it)."""
    st = _rs(ctx)
    container, related = st.items()
    if related:
        st.data["related_items"] = related
    return container


def finish(st: ReadState) -> Record:
    """The record of the data the rules built, with the extras gathered on the way."""
    data, extras, attrs = st.data, st.extras, st.attrs
    if st.unknown_values:
        extras["unknownValues"] = st.unknown_values
    for path, value in (attrs.get("_unknown") or {}).items():
        extras[path] = value
    if _s(attrs.get("url")):
        extras["url"] = attrs["url"]
    if extras:
        data["extras"] = {st.fmt: extras}
    return Record.model_validate(data)
