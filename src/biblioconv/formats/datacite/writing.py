"""Record -> DataCite attributes, run by the rules of :data:`RULE_TABLE`.

Each rule ties one property of the REST API ``attributes`` object (the shape both DataCite
writers serialise) to its home in the record, with a small converter; :meth:`RuleTable.write`
fills the attributes and tells what of the record each rule carried. What no rule carried is
reported by its record-model path (``contributors[2].comma_suffix``, ``dates[1]``), as are the
values a converter could write only approximately (``titles[0].text`` without its markup) or a
kernel version lacks, so the report names each loss without reading the output back.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from biblioconv.crosswalk import foreign_extras
from biblioconv.errors import WriteError
from biblioconv.formats.datacite import versions as V
from biblioconv.formats.datacite.crosswalk import (
    CONTRIBUTOR_TYPES,
    DATE_TYPES,
    DESCRIPTION_TYPES,
    RESOURCE_TYPES,
    TITLE_TYPES,
    TYPE_CROSSWALK,
)
from biblioconv.formats.datacite.mapping import (
    _COMMA_NAME,
    EXTRAS_KEYS,
    _identifier,
    _scheme,
    _sort_name,
    spelled,
    year_only,
)
from biblioconv.identifiers import SCHEMES, to_url
from biblioconv.model import (
    Container,
    Contributor,
    DateValue,
    Identifier,
    Record,
    RelatedItem,
    normalized_identifier,
    plain_text,
)
from biblioconv.names import orcid_name, orcid_name_note
from biblioconv.report import Code, ConversionReport, RecordReporter
from biblioconv.rules import RuleContext, RuleTable, uncarried

__all__ = ["write_attributes"]

Attrs = dict[str, Any]

_URL_FORM = ("orcid", "ror")
#: A URI (scheme, then no spaces).
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+")
#: The relatedItemType of a container, by the type of the record in it.
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
_RELATED_ID_TYPES = frozenset(V.LISTS_4["relatedIdentifierType"])
_CONTAINER_ID_TYPES = ("ISSN", "EISSN", "LISSN", "ISBN")
_YEAR_FALLBACK = ("available", "created", "copyrighted", "submitted", "accepted")
_DATE_WRITE: dict[str, str] = {hub: native for native, hub in DATE_TYPES.items()}
_ROLE_WRITE: dict[str, str] = {hub: native for native, hub in CONTRIBUTOR_TYPES.items()}
_DESC_WRITE: dict[str, str] = {hub: native for native, hub in DESCRIPTION_TYPES.items()}
_TITLE_WRITE: dict[str, str] = {hub: native for native, hub in TITLE_TYPES.items()}
_FUNDER_TYPES = {
    "crossref-funder": "Crossref Funder ID",
    "isni": "ISNI",
    "grid": "GRID",
    "ror": "ROR",
}
#: The order of the attributes (the REST API's, which the JSON writer keeps).
_ORDER = (
    "doi",
    "creators",
    "titles",
    "publisher",
    "publicationYear",
    "dates",
    "language",
    "types",
    "subjects",
    "identifiers",
    "sizes",
    "formats",
    "version",
    "rightsList",
    "descriptions",
    "geoLocations",
    "fundingReferences",
    "contributors",
    "relatedIdentifiers",
    "relatedItems",
)
#: What the attributes of a name carry (rich: with identifiers and affiliations).
_NAME_PARTS = (
    "role",
    "kind",
    "given",
    "family",
    "literal",
    "lang",
    "dropping_particle",
    "non_dropping_particle",
    "suffix",
)
_RICH_NAME_PARTS = (*_NAME_PARTS, "identifiers", "affiliations")
#: Top-level fields the rules do not handle: bookkeeping and the extras (written back or
#: reported apart).
_SKIP = ("native_types", "extras")


_has_path = cache(V.has_path)
_is_allowed = cache(V.is_allowed)


class _Out(RecordReporter):
    """The reporter of one record being written, with the version rules at hand."""

    __slots__ = ("version",)

    def __init__(
        self, record: Record, version: str, report: ConversionReport, fmt: str, source: str | None
    ) -> None:
        super().__init__(report, record=record.label, source_format=source, target_format=fmt)
        self.version = version

    def has(self, path: str) -> bool:
        return _has_path(path, self.version)

    def drop_unless(self, path: str, what: str, field: str) -> bool:
        """True if the version has the (XML) ``path``; otherwise report the loss of the record's
        ``field`` and return False."""
        if self.has(path):
            return True
        self.add(
            Code.VERSION_DOWNGRADE,
            f"{what} is not in DataCite {self.version}: left out",
            field=field,
        )
        return False

    def value(self, list_name: str, value: str, field: str) -> str | None:
        """The value or its nearest allowed neighbour in the version (reported at the record's
        ``field``), or None."""
        if _is_allowed(list_name, value, self.version):
            return value
        near = V.nearest(list_name, value, self.version)
        if near is None:
            self.add(
                Code.VERSION_DOWNGRADE,
                f"{list_name} {value!r} is not in DataCite {self.version} and has no older "
                "equivalent: left out",
                field=field,
            )
        else:
            self.add(
                Code.VERSION_DOWNGRADE,
                f"{list_name} {value!r} is not in DataCite {self.version}: written as {near!r}",
                field=field,
            )
        return near


class _State:
    """What the converters of one record share: the reporter, the version, the options, the
    unknown-value codes of the source, what is missing, the attributes being filled and the
    paths the converters carried beyond their rules' homes."""

    __slots__ = (
        "attrs",
        "carried",
        "coerced",
        "ex",
        "fill",
        "into_container",
        "missing",
        "out",
        "record",
        "unknown",
        "version",
    )

    def __init__(self, record: Record, out: _Out, version: str, fill: bool, attrs: Attrs) -> None:
        self.record = record
        self.out = out
        self.version = version
        self.fill = fill
        self.attrs = attrs
        self.ex = _extras(record)
        self.unknown: dict[str, str] = dict(self.ex.get("unknownValues") or {})
        self.missing: list[str] = []
        self.carried: list[str] = []
        self.coerced: set[str] = set()
        self.into_container = 0  # related identifiers a reader takes for the container's

    def approx(self, path: str, message: str, severity: str = "info") -> None:
        """A value written approximately."""
        self.coerced.add(path)
        self.out.add(Code.VALUE_COERCED, message, field=path, severity=severity)  # type: ignore[arg-type]

    def dropped(self, path: str, message: str) -> None:
        self.out.add(Code.FIELD_DROPPED, message, field=path)


def _read_back_as(ident: Identifier, word: str, path: str, st: _State) -> None:
    """Report an identifier written with a type word that a reader gives another scheme or
    label (``word``: the DataCite type written)."""
    back = _identifier(word if word != "Other" else "other", ident.value)
    if back["scheme"] != ident.scheme:
        st.approx(path, f"the {ident.scheme} identifier is written as {word} (read back as such)")
    elif back.get("label") != ident.label:
        st.approx(f"{path}.label", f"the identifier is written with the type {word}")


def _id_value(ident: Identifier) -> str:
    """An identifier as DataCite examples give it (ORCID and ROR as URLs)."""
    if ident.scheme in _URL_FORM and ident.valid:
        url = to_url(ident.scheme, ident.value)
        if url:
            return url
    return ident.value


def _id_word(ident: Identifier) -> str:
    return ident.label or spelled(ident.scheme)


def _state(ctx: RuleContext) -> _State:
    state: _State = ctx.options
    return state


def _extras(record: Record) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for key in ("datacite-json", "datacite"):
        merged.update(record.extras.get(key, {}))
    return merged


def _date_text(d: DateValue) -> str | None:
    return d.edtf() or d.literal


def _year4(d: DateValue | None) -> str | None:
    if d is not None and d.year is not None and 0 <= d.year <= 9999:
        return f"{d.year:04d}"
    return None


def _moved(path: str, old: list[int], what: str, st: _State) -> None:
    """Report each element of a list that the written attributes hold at another position
    (``old``: the record's indexes in the order a reader gets them back)."""
    for new, i in enumerate(old):
        if new != i:
            st.approx(f"{path}[{i}]", f"{what} is read back at position {new + 1}")


# -- names ---------------------------------------------------------------------------------------


def _name_obj(
    c: Contributor,
    st: _State,
    prefix: str,
    path: str,
    *,
    code: str | None,
    rich: bool,
    where: str,
) -> dict[str, Any] | None:
    """The attributes of a creator or contributor (``prefix``: its XML path stem, for the
    version rules; ``path``: its record-model path, for the report)."""
    out = st.out
    obj: dict[str, Any] = {}
    base = prefix.rsplit("/", 1)[0]  # prefix ends in the element's stem: "creators/creator/creator"
    family = " ".join(p for p in (c.non_dropping_particle, c.family) if p) or None
    given = " ".join(p for p in (c.given, c.dropping_particle) if p) or None
    if c.dropping_particle or c.non_dropping_particle or c.suffix:
        st.approx(path, f"{where}: name particles and suffix are joined into the names", "warning")
    if c.literal:
        name = c.literal
        if c.kind == "person" and not (family or given) and (m := _COMMA_NAME.match(name)):
            st.approx(
                path,
                f"{where}: the personal name {name!r} is read back as family name "
                f"{m.group(1).strip()!r}, given name {m.group(2).strip()!r}",
            )
    elif family or given:
        name = _sort_name(given, family)
        if c.suffix:
            name += f", {c.suffix}"
    elif code:  # the unknown-value code the source gave
        name = code
    elif (orcid := orcid_name(c)) is not None:
        name = orcid  # the iD is also a nameIdentifier below
        st.approx(path, orcid_name_note(c, where))
    elif st.fill:
        name = ":unav"
        out.add(
            Code.MISSING_REQUIRED,
            f"{where} has no name (known only by {c.display_name}): written as :unav",
            field=path,
        )
    else:
        st.missing.append(f"{where} name (known only by {c.display_name})")
        return None
    obj["name"] = name
    if out.has(f"{prefix}Name@nameType"):
        obj["nameType"] = "Organizational" if c.kind == "organization" else "Personal"

    if c.kind == "person":
        if given and out.has(f"{base}/givenName"):
            obj["givenName"] = given
        if family and out.has(f"{base}/familyName"):
            obj["familyName"] = family
    if c.lang and out.drop_unless(
        f"{prefix}Name@xml:lang", f"{where}: the language of the name", f"{path}.lang"
    ):
        obj["lang"] = c.lang
    if not rich:
        for i in range(len(c.identifiers)):
            st.dropped(
                f"{path}.identifiers[{i}]", f"{where}: a relatedItem's people have no identifiers"
            )
        for i in range(len(c.affiliations)):
            st.dropped(
                f"{path}.affiliations[{i}]", f"{where}: a relatedItem's people have no affiliations"
            )
        return obj
    ids = []
    for ident in c.identifiers:
        entry = {"nameIdentifier": _id_value(ident), "nameIdentifierScheme": _id_word(ident)}
        if ident.scheme_uri:
            entry["schemeUri"] = ident.scheme_uri
        ids.append(entry)
    if st.version.startswith("3") and len(ids) > 1:
        for i in range(1, len(ids)):
            out.add(
                Code.VERSION_DOWNGRADE,
                f"{where}: DataCite 3.1 holds one nameIdentifier; left out",
                field=f"{path}.identifiers[{i}]",
            )
        ids = ids[:1]
    if ids:
        obj["nameIdentifiers"] = ids
    affs = []
    for k, aff in enumerate(c.affiliations):
        apath = f"{path}.affiliations[{k}]"
        entry = {"name": aff.name} if aff.name else {}
        if not aff.name:
            if st.fill:
                entry["name"] = ":unav"
                out.add(
                    Code.MISSING_REQUIRED,
                    f"{where}: an affiliation without a name: :unav",
                    field=apath,
                )
            else:
                st.dropped(apath, f"{where}: an affiliation known only by identifier")
                continue
        if aff.identifiers:
            ident = aff.identifiers[0]
            if out.drop_unless(
                f"{base}/affiliation@affiliationIdentifier",
                f"{where}: affiliation identifier",
                f"{apath}.identifiers",
            ):
                entry["affiliationIdentifier"] = _id_value(ident)
                entry["affiliationIdentifierScheme"] = _id_word(ident)
                if ident.scheme_uri:
                    entry["schemeUri"] = ident.scheme_uri
            for j in range(1, len(aff.identifiers)):
                st.dropped(
                    f"{apath}.identifiers[{j}]", f"{where}: an affiliation holds one identifier"
                )
        if aff.lang:
            st.dropped(f"{apath}.lang", f"{where}: affiliations have no language")
        affs.append(entry)
    if affs:
        obj["affiliation"] = affs
    return obj


def _creators(values: list[Any], ctx: RuleContext) -> Any:
    st = _state(ctx)
    creators = []
    index = 0
    for i, c in enumerate(st.record.contributors):
        if c.role != "author":
            continue
        obj = _name_obj(
            c,
            st,
            "creators/creator/creator",
            f"contributors[{i}]",
            code=st.unknown.get(f"creators[{index}]"),
            rich=True,
            where=f"creator {index + 1}",
        )
        index += 1
        if obj:
            creators.append(obj)
    return creators or None


def _role(c: Contributor, path: str, st: _State) -> str:
    word = _ROLE_WRITE.get(c.role)
    if word is None:
        word = "Other"
        st.approx(f"{path}.role", f"role {c.role!r} is written as contributorType Other", "warning")
    return st.out.value("contributorType", word, f"{path}.role") or "Other"


def _contributors(values: list[Any], ctx: RuleContext) -> Any:
    st = _state(ctx)
    contributors = []
    for i, c in enumerate(st.record.contributors):
        if c.role == "author":
            continue
        path = f"contributors[{i}]"
        word = _role(c, path, st)
        obj = _name_obj(
            c,
            st,
            "contributors/contributor/contributor",
            path,
            code=None,
            rich=True,
            where=f"contributor {c.display_name}",
        )
        if obj:
            obj["contributorType"] = word
            contributors.append(obj)
    return contributors or None


# -- identifier, titles, publisher, dates --------------------------------------------------------


def _doi(values: list[Any], ctx: RuleContext) -> Any:
    return values[0].value


def _titles_of(titles: list[Any], path: str, st: _State, where: str) -> list[dict[str, Any]]:
    out = []
    for i, t in enumerate(titles):
        here = f"{path}[{i}]"
        entry: dict[str, Any] = {"title": plain_text(t.text)}
        if entry["title"] != t.text:
            st.approx(f"{here}.text", f"rich-text markup removed from {where}")
        if t.type != "main":
            word = _TITLE_WRITE.get(t.type)
            if word is None:
                word = "AlternativeTitle"
                st.approx(
                    f"{here}.type", f"a {t.type} title{where[5:]} is written as AlternativeTitle"
                )
            word2 = st.out.value("titleType", word, f"{here}.type")
            if word2:
                entry["titleType"] = word2
        if t.lang:
            entry["lang"] = t.lang
        out.append(entry)
    return out


def _titles(values: list[Any], ctx: RuleContext) -> Any:
    return _titles_of(values, "titles", _state(ctx), "a title")


def _publisher(values: list[Any], ctx: RuleContext) -> Any:
    st = _state(ctx)
    pub = values[0]
    pobj: dict[str, Any] = {}
    if pub.name:
        pobj["name"] = pub.name
    elif "publisher" in st.unknown:
        pobj["name"] = st.unknown["publisher"]
    elif st.fill:
        pobj["name"] = ":unav"
        st.out.add(Code.MISSING_REQUIRED, "no publisher name: written as :unav", "publisher.name")
    else:
        return None
    if pub.identifiers and st.out.drop_unless(
        "publisher@publisherIdentifier", "publisher identifier", "publisher.identifiers"
    ):
        ident = pub.identifiers[0]
        pobj["publisherIdentifier"] = _id_value(ident)
        pobj["publisherIdentifierScheme"] = _id_word(ident)
        if ident.scheme_uri:
            pobj["schemeUri"] = ident.scheme_uri
        for i in range(1, len(pub.identifiers)):
            st.dropped(f"publisher.identifiers[{i}]", "the publisher holds one identifier")
    if pub.lang and st.out.drop_unless(
        "publisher@xml:lang", "the publisher's language", "publisher.lang"
    ):
        pobj["lang"] = pub.lang
    return pobj


def _year_only(record: Record, st: _State) -> int | None:
    """The index of the issued date that publicationYear alone carries, if any."""
    issued = [i for i, d in enumerate(record.dates) if d.type == "issued"]
    if len(issued) != 1 or st.ex.get("issuedDate"):
        return None
    return issued[0] if year_only(record.dates[issued[0]]) else None


def _publication_year(values: list[Any], ctx: RuleContext) -> Any:
    return _year_text(_state(ctx))


def _year_text(st: _State) -> str | None:
    """publicationYear: as the source gave it, or the issued year, or another date's year."""
    record = st.record
    year_text = st.ex.get("publicationYear") or _year4(record.issued)
    if not year_text and "publicationYear" not in st.unknown:
        for dtype in _YEAR_FALLBACK:
            text = _year4(record.date(dtype))
            if text is not None:
                st.approx(
                    "dates",
                    f"no issued date: publicationYear taken from the {dtype} date (read back "
                    "as an issued date)",
                    "warning",
                )
                return text
    return str(year_text) if year_text else None


def _dates(values: list[Any], ctx: RuleContext) -> Any:
    st = _state(ctx)
    out = st.out
    dates = []
    year_only = _year_only(st.record, st)
    order: list[int] = [] if year_only is None else [year_only]
    for i, d in enumerate(st.record.dates):
        path = f"dates[{i}]"
        text = _date_text(d)
        if text is None:
            st.dropped(path, "a date without a value")
            continue
        if d.literal and text != d.literal:
            st.approx(f"{path}.literal", f"the date {d.literal!r} is written as {text} (EDTF)")
        elif d.literal and d.edtf() is not None:
            st.approx(f"{path}.literal", "the date is written as EDTF (its text not kept)")
        if i == year_only:
            if d.start is not None and d.start.season is not None:
                st.approx(
                    f"{path}.start.season",
                    f"season of the issued date {text} not written (publicationYear only)",
                    "warning",
                )
            continue
        if d.type == "accessed":
            st.dropped(
                path, f"no home for {path}: {TYPE_CROSSWALK.unmapped['dates(type=accessed)']}"
            )
            continue
        word = _DATE_WRITE.get(d.type)
        info = d.information
        if word is None:
            word = "Other"
            info = f"{d.type}" + (f": {info}" if info else "")
            st.approx(
                path, f"a {d.type} date is written as dateType Other (type in dateInformation)"
            )
        word2 = out.value("dateType", word, f"{path}.type")
        if word2 is None:
            continue
        entry = {"date": text, "dateType": word2}
        if info and out.drop_unless(
            "dates/date@dateInformation", "dateInformation", f"{path}.information"
        ):
            entry["dateInformation"] = info
        dates.append(entry)
        order.append(i)
    _moved("dates", order, "the date", st)
    st.carried.append("dates")  # what the dates lose is reported above
    return dates or None


# -- type, subjects, identifiers, sizes, rights, descriptions, geoLocations ----------------------


def _types(values: list[Any], ctx: RuleContext) -> Any:
    st = _state(ctx)
    record = st.record
    native = record.native_types.get("datacite") or record.native_types.get("datacite-json")
    if native and RESOURCE_TYPES.get(native) != record.type:
        native = None
    general = native or TYPE_CROSSWALK.type_from_hub(record.type) or "Other"
    if RESOURCE_TYPES.get(general) != record.type:
        st.out.add(
            Code.TYPE_APPROXIMATED,
            f"type {record.type!r} written as resourceTypeGeneral {general!r}",
            "type",
        )
    general = st.out.value("resourceType", general, "type") or "Other"
    types: dict[str, Any] = {"resourceTypeGeneral": general}
    if record.genre:
        types["resourceType"] = record.genre
        st.carried.append("genre")
    elif record.type == "document" and not native and st.version.startswith("3"):
        types["_optional"] = True  # kernel-3: resourceType may be left out
    for key, value in (st.ex.get("types") or {}).items():
        types[key] = value
    return types


_SUBJECT_KEYS = (
    ("subjectScheme", "scheme", "subjects/subject@subjectScheme"),
    ("schemeUri", "scheme_uri", "subjects/subject@schemeURI"),
    ("valueUri", "value_uri", "subjects/subject@valueURI"),
    ("classificationCode", "code", "subjects/subject@classificationCode"),
    ("lang", "lang", "subjects/subject@xml:lang"),
)


def _subjects(values: list[Any], ctx: RuleContext) -> Any:
    st = _state(ctx)
    subjects = []
    for i, s in enumerate(values):
        entry = {"subject": s.term}
        for key, attr, xml in _SUBJECT_KEYS:
            value = getattr(s, attr)
            if value and st.out.drop_unless(xml, f"subject {key}", f"subjects[{i}].{attr}"):
                entry[key] = value
        subjects.append(entry)
    return subjects


def _alternates(values: list[Any], ctx: RuleContext) -> Any:
    st = _state(ctx)
    doi = next((i for i, x in enumerate(values) if x.scheme == "doi"), None)
    alternates = []
    order = [] if doi is None else [doi]  # the record's indexes in the order they are read back
    for i, x in enumerate(values):
        if i == doi:
            if x.label or x.scheme_uri:
                st.approx(f"identifiers[{i}]", "the DOI is written with identifierType DOI")
            continue
        word = _id_word(x)
        if doi is not None and word.upper() == "DOI" and _same_doi(values[doi], x):
            st.dropped(f"identifiers[{i}]", f"the DOI {x.value} again: written once")
            continue
        order.append(i)
        alternates.append({"identifier": x.value, "identifierType": word})
        scheme = _scheme(word)
        if scheme not in SCHEMES:
            back: tuple[str, str | None] = ("local", word)
        else:
            back = (scheme, None if spelled(scheme) == word else word)
        if back != (x.scheme, x.label):
            st.approx(f"identifiers[{i}]", f"the {x.scheme} identifier is read back as {back[0]}")
    _moved("identifiers", order, "the identifier", st)
    return alternates or None


def _same_doi(doi: Identifier, other: Identifier) -> bool:
    """Whether an identifier is the DOI again (a reader takes an alternateIdentifier of type DOI
    that repeats the DOI for the REST API's repetition of it)."""
    return (
        normalized_identifier("doi", doi.value)[0] == normalized_identifier("doi", other.value)[0]
    )


def _pages_size(record: Record, sizes: list[str], st: _State) -> None:
    sizes.append(f"{record.number_of_pages} pages")
    st.approx("number_of_pages", "the number of pages is written as a size ('<n> pages')")
    st.approx(f"sizes[{len(sizes) - 1}]", "the number of pages is written as this size")
    st.carried.append("number_of_pages")


def _sizes(values: list[Any], ctx: RuleContext) -> Any:
    st = _state(ctx)
    sizes = list(values)
    if st.record.number_of_pages:
        _pages_size(st.record, sizes, st)
    return sizes


def _pages(values: list[Any], ctx: RuleContext) -> Any:
    st = _state(ctx)
    sizes: list[str] = []
    _pages_size(st.record, sizes, st)
    return sizes


def _formats(values: list[Any], ctx: RuleContext) -> Any:
    return list(values)


_RIGHTS_KEYS = (
    ("rightsUri", "uri", "rightsList/rights@rightsURI"),
    ("rightsIdentifier", "identifier", "rightsList/rights@rightsIdentifier"),
    ("rightsIdentifierScheme", "identifier_scheme", "rightsList/rights@rightsIdentifierScheme"),
    ("schemeUri", "scheme_uri", "rightsList/rights@schemeURI"),
    ("lang", "lang", "rightsList/rights@xml:lang"),
)


def _rights(values: list[Any], ctx: RuleContext) -> Any:
    st = _state(ctx)
    written: list[tuple[int | None, dict[str, Any]]] = []  # (record index or None, entry)
    for i, r in enumerate(values):
        path = f"rights[{i}]"
        entry = {}
        if r.statement:
            entry["rights"] = r.statement
        for key, attr, xml in _RIGHTS_KEYS:
            val = getattr(r, attr)
            if val and st.out.drop_unless(xml, f"rights {key}", f"{path}.{attr}"):
                entry[key] = val
        if (
            "rights" not in entry
            and "rightsUri" not in entry
            and r.identifier
            and st.version.startswith(("3", "4.0", "4.1"))
        ):
            # kernel-3 and early 4.x: the identifier is all there is; keep it as the statement
            entry["rights"] = r.identifier
        if entry:
            written.append((i, entry))
    access = st.record.access_rights
    if access:
        uri = _URI.fullmatch(access) is not None
        written.append((None, {"rightsUri": access} if uri else {"rights": access}))
        st.carried.append("access_rights")
    _read_back_rights(written, st)
    return [entry for _, entry in written] or None


_EU_REPO = "info:eu-repo/semantics/"


def _read_back_rights(written: list[tuple[int | None, dict[str, Any]]], st: _State) -> None:
    """Report the rights entries a reader gets back otherwise: the first bare
    info:eu-repo/semantics URI is read as the access right, the others as rights, in order
    (``written``: the record's index of each entry, None for the access right)."""
    taken = next(
        (
            k
            for k, (_, e) in enumerate(written)
            if e.get("rightsUri", "").startswith(_EU_REPO)
            and "rights" not in e
            and "rightsIdentifier" not in e
        ),
        None,
    )
    order: list[int] = []
    for k, (i, entry) in enumerate(written):
        if k == taken:
            if i is not None:
                what = "an info:eu-repo/semantics rights URI is read back as the access right"
                st.approx(f"rights[{i}]", what)
                st.approx("access_rights", what)
            elif set(entry) != {"rightsUri"}:
                st.approx("access_rights", "the access right is written as a rights entry")
            continue
        if i is not None:
            order.append(i)
            continue
        where = "rightsURI" if "rightsUri" in entry else "rights statement"
        st.approx("access_rights", f"the access right is written as a {where}, read back as rights")
        st.approx(f"rights[{len(order)}]", "the access right, written as a rights entry")
        order.append(-1)
    _moved("rights", [i for i in order if i >= 0], "the rights entry", st)


def _access_rights(values: list[Any], ctx: RuleContext) -> Any:
    st = _state(ctx)
    access = values[0]
    entry = {"rightsUri": access} if _URI.fullmatch(access) else {"rights": access}
    written: list[tuple[int | None, dict[str, Any]]] = [(None, entry)]
    _read_back_rights(written, st)
    return [written[0][1]]


def _series_description(record: Record, descriptions: list[dict[str, Any]], st: _State) -> None:
    series = record.series
    if series is None:
        return
    title = series.title
    if not (title or series.number):
        return
    text = ", ".join(p for p in (title, series.number) if p)
    descriptions.append({"description": text, "descriptionType": "SeriesInformation"})
    st.approx(
        f"descriptions[{len(descriptions) - 1}]",
        "the series is written as a SeriesInformation description",
    )
    for i, t in enumerate(series.titles):
        if t.type == "main" and t.text == title:
            st.approx(
                f"series.titles[{i}]",
                "the series is written as a SeriesInformation description",
            )
            st.carried.append(f"series.titles[{i}]")
            break
    if series.number:
        st.approx("series.number", "the series is written as a SeriesInformation description")
    st.carried.extend(p for p in ("series.number",) if series.number)  # the rest: not carried


def _descriptions(values: list[Any], ctx: RuleContext) -> Any:
    st = _state(ctx)
    descriptions = []
    for i, desc in enumerate(values):
        path = f"descriptions[{i}]"
        word = _DESC_WRITE.get(desc.type)
        if word is None:
            word = "Other"
            st.approx(f"{path}.type", f"a {desc.type} description is written as Other", "warning")
        word2 = st.out.value("descriptionType", word, f"{path}.type") or "Other"
        entry = {"description": desc.text, "descriptionType": word2}
        if desc.lang:
            entry["lang"] = desc.lang
        descriptions.append(entry)
    _series_description(st.record, descriptions, st)
    return descriptions


def _series(values: list[Any], ctx: RuleContext) -> Any:
    st = _state(ctx)
    descriptions: list[dict[str, Any]] = []
    _series_description(st.record, descriptions, st)
    return descriptions or None


def _point(p: Any) -> dict[str, Any]:
    return {"pointLongitude": p.longitude, "pointLatitude": p.latitude}


def _geo_locations(values: list[Any], ctx: RuleContext) -> Any:
    st = _state(ctx)
    out = st.out
    geos = []
    for i, g in enumerate(values):
        path = f"geo_locations[{i}]"
        gobj: dict[str, Any] = {}
        if g.place:
            gobj["geoLocationPlace"] = g.place
        if g.point:
            gobj["geoLocationPoint"] = _point(g.point)
        if g.box:
            gobj["geoLocationBox"] = {
                "westBoundLongitude": g.box.west,
                "eastBoundLongitude": g.box.east,
                "southBoundLatitude": g.box.south,
                "northBoundLatitude": g.box.north,
            }
        if g.polygons and out.drop_unless(
            "geoLocations/geoLocation/geoLocationPolygon", "geoLocationPolygon", f"{path}.polygons"
        ):
            polys = []
            for j, poly in enumerate(g.polygons):
                if len(poly.points) < 4:
                    st.dropped(f"{path}.polygons[{j}]", "a polygon needs at least four points")
                    continue
                pts: list[dict[str, Any]] = [{"polygonPoint": _point(p)} for p in poly.points]
                if poly.in_point and out.drop_unless(
                    "geoLocations/geoLocation/geoLocationPolygon/inPolygonPoint",
                    "inPolygonPoint",
                    f"{path}.polygons[{j}].in_point",
                ):
                    pts.append({"inPolygonPoint": _point(poly.in_point)})
                polys.append(pts)
            if polys:
                gobj["geoLocationPolygon"] = polys[0] if len(polys) == 1 else polys
        if gobj:
            geos.append(gobj)
    return geos or None


# -- funding, relations, related items -----------------------------------------------------------


def _funding(values: list[Any], ctx: RuleContext) -> Any:
    st = _state(ctx)
    out = st.out
    funders = []
    for i, f in enumerate(values):
        path = f"funding[{i}]"
        fobj: dict[str, Any] = {"funderName": f.funder_name}
        if f.funder_identifier:
            ftype = f.funder_identifier_type or _FUNDER_TYPES.get(
                f.funder_identifier.scheme, "Other"
            )
            fobj["funderIdentifier"] = _id_value(f.funder_identifier)
            fobj["funderIdentifierType"] = ftype
            if f.funder_identifier_type is None:
                st.approx(
                    f"{path}.funder_identifier_type",
                    f"funderIdentifierType (required with a funderIdentifier) written as {ftype!r}",
                )
            _read_back_as(f.funder_identifier, ftype, f"{path}.funder_identifier", st)
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
            st.dropped(f"{path}.award_title_lang", "awardTitle has no language attribute")
        if st.version.startswith("3"):
            _funder_contributor(f, fobj, path, st)
            st.carried.append(path)
            continue
        if "funderIdentifierType" in fobj:
            ft = out.value(
                "funderIdentifierType", fobj["funderIdentifierType"], f"{path}.funder_identifier"
            )
            fobj["funderIdentifierType"] = ft or "Other"
        if "schemeUri" in fobj and not out.drop_unless(
            "fundingReferences/fundingReference/funderIdentifier@schemeURI",
            "funderIdentifier schemeURI",
            f"{path}.funder_identifier.scheme_uri",
        ):
            del fobj["schemeUri"]
        funders.append(fobj)
    return funders or None


def _funder_contributor(f: Any, fobj: dict[str, Any], path: str, st: _State) -> None:
    """Kernel 3.1: a funder is a contributor of type Funder (its award left out)."""
    fentry: dict[str, Any] = {"name": fobj["funderName"], "contributorType": "Funder"}
    if f.funder_identifier is not None:
        fentry["nameIdentifiers"] = [
            {
                "nameIdentifier": fobj["funderIdentifier"],
                "nameIdentifierScheme": f.funder_identifier_type or _id_word(f.funder_identifier),
            }
        ]
    st.attrs.setdefault("_funders", []).append(fentry)
    lost = [
        (k, attr)
        for k, attr in (
            ("awardNumber", "award_number"),
            ("awardUri", "award_uri"),
            ("awardTitle", "award_title"),
            ("schemeUri", "funder_identifier.scheme_uri"),
        )
        if k in fobj
    ]
    for key, attr in lost:
        st.out.add(
            Code.VERSION_DOWNGRADE,
            f"DataCite 3.1 has no fundingReference: funder written as a Funder contributor; "
            f"{key} left out",
            f"{path}.{attr}",
        )
    if not lost:
        st.out.add(
            Code.VERSION_DOWNGRADE,
            "DataCite 3.1 has no fundingReference: funder written as a Funder contributor",
            path,
            severity="info",
        )


_RELATION_KEYS = (
    (
        "relatedMetadataScheme",
        "metadata_scheme",
        "relatedIdentifiers/relatedIdentifier@relatedMetadataScheme",
    ),
    ("schemeUri", "scheme_uri", "relatedIdentifiers/relatedIdentifier@schemeURI"),
    ("schemeType", "scheme_type", "relatedIdentifiers/relatedIdentifier@schemeType"),
    (
        "relationTypeInformation",
        "type_information",
        "relatedIdentifiers/relatedIdentifier@relationTypeInformation",
    ),
)


def _relations(values: list[Any], ctx: RuleContext) -> Any:
    st = _state(ctx)
    out = st.out
    related = []
    order: list[int] = []  # the record's indexes of the relations written, in their order
    for i, rel in enumerate(values):
        path = f"relations[{i}]"
        if rel.identifier is None:
            st.dropped(path, f"a {rel.type} relation given only as a citation")
            st.carried.append(path)
            continue
        rtype = out.value("relationType", rel.type, f"{path}.type")
        if rtype is None:
            st.dropped(path, f"relationType {rel.type!r} is not in DataCite {st.version}")
            st.carried.append(path)
            continue
        word = rel.native_identifier_type or spelled(rel.identifier.scheme)
        value = rel.identifier.value
        if word not in _RELATED_ID_TYPES and not V.is_allowed(
            "relatedIdentifierType", word, st.version
        ):
            url = rel.identifier.url
            if url:
                st.approx(
                    f"{path}.identifier",
                    f"a {word} related identifier is written as its URL",
                    "warning",
                )
                word, value = "URL", url
            else:
                st.dropped(path, f"related identifier type {word!r} is not a DataCite type")
                st.carried.append(path)
                continue
        word2 = out.value("relatedIdentifierType", word, f"{path}.identifier.scheme")
        if word2 is None:
            st.dropped(path, f"related identifier type {word!r} is not in DataCite {st.version}")
            st.carried.append(path)
            continue
        entry = {"relatedIdentifier": value, "relatedIdentifierType": word2, "relationType": rtype}
        if rel.resource_type and out.drop_unless(
            "relatedIdentifiers/relatedIdentifier@resourceTypeGeneral",
            "the related resource's type",
            f"{path}.resource_type",
        ):
            rt = out.value("resourceType", rel.resource_type, f"{path}.resource_type")
            if rt:
                entry["resourceTypeGeneral"] = rt
        for key, attr, xml in _RELATION_KEYS:
            val = getattr(rel, attr)
            if val and out.drop_unless(xml, key, f"{path}.{attr}"):
                entry[key] = val
        related.append(entry)
        if _into_container(entry, st):
            what = "an IsPublishedIn ISSN or ISBN is read back as the container's"
            st.approx(path, what)
            cont = st.record.container
            first = 1 if cont is not None and cont.identifiers else 0
            st.approx(f"container.identifiers[{first + st.into_container}]", what)
            st.into_container += 1
            continue
        order.append(i)
    _moved("relations", order, "the relation", st)
    return related or None


def _into_container(entry: dict[str, Any], st: _State) -> bool:
    """Whether a reader takes a related identifier for one of the container's identifiers (an
    IsPublishedIn ISSN or ISBN, with nothing more, beside the container's relatedItem)."""
    word = entry["relatedIdentifierType"]
    scheme = _scheme(word)
    cont = st.record.container
    return (
        entry["relationType"] == "IsPublishedIn"
        and scheme in ("issn", "eissn", "lissn", "isbn")
        and spelled(scheme) == word
        and not ({"resourceTypeGeneral", "relatedMetadataScheme"} & entry.keys())
        and cont is not None
        and _container_has_data(cont)
        and st.out.has("relatedItems/relatedItem")
    )


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


def _container(values: list[Any], ctx: RuleContext) -> Any:
    st = _state(ctx)
    cont: Container = values[0]
    items: list[dict[str, Any]] = []
    if _container_has_data(cont):
        if st.out.has("relatedItems/relatedItem"):
            items.append(_container_item(cont, st))
        else:
            _container_as_relations(cont, st)
    items += _items(st)
    return items or None


def _container_as_relations(cont: Container, st: _State) -> None:
    """Before kernel 4.4: the container's identifiers as IsPublishedIn related identifiers,
    the rest left out."""
    for name in (
        "titles",
        "volume",
        "issue",
        "pages",
        "number",
        "number_type",
        "edition",
        "publisher",
        "issued",
    ):
        if getattr(cont, name):
            st.out.add(
                Code.VERSION_DOWNGRADE,
                f"DataCite {st.version} has no relatedItem: the container's {name} left out",
                f"container.{name}",
            )
    rtype = st.out.value("relationType", "IsPublishedIn", "container.identifiers") or "IsPartOf"
    for i, ident in enumerate(cont.identifiers):
        word = spelled(ident.scheme)
        if word in _RELATED_ID_TYPES and V.is_allowed("relatedIdentifierType", word, st.version):
            st.attrs.setdefault("relatedIdentifiers", []).append(
                {
                    "relatedIdentifier": ident.value,
                    "relatedIdentifierType": word,
                    "relationType": rtype,
                }
            )
            st.approx(
                f"container.identifiers[{i}]",
                f"DataCite {st.version} has no relatedItem: the container's identifier is an "
                f"{rtype} related identifier",
            )
        else:
            st.dropped(f"container.identifiers[{i}]", f"DataCite {st.version} has no relatedItem")
    st.carried.append("container")


def _container_item(cont: Container, st: _State) -> dict[str, Any]:
    record = st.record
    native = st.ex.get("containerType")
    if not native and cont.type:
        native = TYPE_CROSSWALK.type_from_hub(cont.type)
    if not native:
        native = _CONTAINER_TYPES.get(record.type, "Other")
    native = st.out.value("resourceType", native, "container.type") or "Other"
    inferred = RESOURCE_TYPES.get(native)
    if inferred != cont.type and not st.ex.get("containerType"):
        st.approx(
            "container.type",
            f"the container's type is written as relatedItemType {native}",
        )
    item: dict[str, Any] = {"relatedItemType": native, "relationType": "IsPublishedIn"}
    _locators(item, cont, "container", st)
    for i, extra_id in enumerate(cont.identifiers[1:], 1):
        word = spelled(extra_id.scheme)
        if word in _CONTAINER_ID_TYPES:
            st.attrs.setdefault("relatedIdentifiers", []).append(
                {
                    "relatedIdentifier": extra_id.value,
                    "relatedIdentifierType": word,
                    "relationType": "IsPublishedIn",
                }
            )
            _read_back_as(extra_id, word, f"container.identifiers[{i}]", st)
            if st.into_container:
                what = (
                    f"the container's identifier is read back at position "
                    f"{i + st.into_container + 1}, after the record's IsPublishedIn ISSNs/ISBNs"
                )
                st.approx(f"container.identifiers[{i}]", what)
                st.approx(f"container.identifiers[{i + st.into_container}]", what)
        else:
            st.dropped(
                f"container.identifiers[{i}]",
                f"the container's {extra_id.scheme} {extra_id.value}: a relatedItem "
                "holds one identifier",
            )
    return item


def _related_word(ident: Identifier) -> str:
    """The relatedIdentifierType of an identifier: its label when that is a DataCite type
    (EISSN), else its scheme's word (an ISBN labelled 'print' is an ISBN)."""
    if ident.label in _RELATED_ID_TYPES:
        return ident.label
    word = spelled(ident.scheme)
    return word if word in _RELATED_ID_TYPES else ident.label or word


def _locators(item: dict[str, Any], cont: Container, path: str, st: _State) -> None:
    out = st.out
    if cont.identifiers:
        ident = cont.identifiers[0]
        idobj: dict[str, Any] = {"relatedItemIdentifier": ident.value}
        word = _related_word(ident)
        if word in _RELATED_ID_TYPES:
            word2 = out.value("relatedIdentifierType", word, f"{path}.identifiers[0].scheme")
            if word2:
                idobj["relatedItemIdentifierType"] = word2
                _read_back_as(ident, word2, f"{path}.identifiers[0]", st)
        else:
            st.approx(
                f"{path}.identifiers[0]",
                f"relatedItemIdentifier type {word!r} is not a DataCite type: left untyped",
                "warning",
            )
        if ident.scheme_uri:
            idobj["schemeUri"] = ident.scheme_uri
        idobj.update((st.ex.get("relatedItemIdentifiers") or {}).get(ident.value, {}))
        item["relatedItemIdentifier"] = idobj
    titles = _titles_of(cont.titles, f"{path}.titles", st, "a title of the related item")
    if titles:
        item["titles"] = titles
    year = _year4(cont.issued)
    if year is not None and cont.issued is not None:
        item["publicationYear"] = year
        if cont.issued.model_dump(exclude_defaults=True) != {"start": {"year": int(year)}}:
            st.approx(f"{path}.issued", "a relatedItem's date is written as its year")
    elif cont.issued is not None:
        st.dropped(f"{path}.issued", "a relatedItem's date is written as a year only")
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
            st.approx(
                f"{path}.pages", f"pages {cont.pages.literal!r} written as firstPage", "warning"
            )
        if first:
            item["firstPage"] = first
        if last:
            item["lastPage"] = last
    if cont.publisher and cont.publisher.name:
        item["publisher"] = cont.publisher.name
    if cont.edition:
        item["edition"] = cont.edition


#: What a relatedItem carries of a container (the rest is reported as not carried).
_CONTAINER_PARTS = (
    "type",
    "titles",
    "identifiers",
    "volume",
    "issue",
    "number",
    "number_type",
    "pages",
    "edition",
    "publisher.name",
    "issued",
)


def _items(st: _State) -> list[dict[str, Any]]:
    items = []
    for i, ri in enumerate(st.record.related_items):
        path = f"related_items[{i}]"
        if not st.out.drop_unless("relatedItems/relatedItem", "relatedItem", path):
            st.carried.append(path)
            continue
        items.append(_related_item_obj(ri, path, st))
        st.carried.extend(
            f"{path}.{p}"
            for p in (
                *_CONTAINER_PARTS,
                "relation_type",
                "relation_type_information",
                "native_type",
                "contributors",
            )
        )
    return items


def _related_items(values: list[Any], ctx: RuleContext) -> Any:
    return _items(_state(ctx)) or None


def _related_item_obj(ri: RelatedItem, path: str, st: _State) -> dict[str, Any]:
    out = st.out
    native = (
        ri.native_type
        if ri.native_type and (ri.type is None or RESOURCE_TYPES.get(ri.native_type) == ri.type)
        else None
    )
    if not native:
        native = TYPE_CROSSWALK.type_from_hub(ri.type) if ri.type else "Other"
    native = out.value("resourceType", native or "Other", f"{path}.type") or "Other"
    if RESOURCE_TYPES.get(native) != ri.type:
        st.approx(f"{path}.type", f"relatedItemType (mandatory) written as {native}")
    if native != ri.native_type:
        st.approx(f"{path}.native_type", f"relatedItemType written as {native}")
    rtype = out.value("relationType", ri.relation_type, f"{path}.relation_type") or "References"
    item: dict[str, Any] = {"relatedItemType": native, "relationType": rtype}
    if ri.relation_type_information and out.drop_unless(
        "relatedItems/relatedItem@relationTypeInformation",
        "relationTypeInformation",
        f"{path}.relation_type_information",
    ):
        item["relationTypeInformation"] = ri.relation_type_information
    _locators(item, ri, path, st)
    creators, contributors = [], []
    for i, c in enumerate(ri.contributors):
        cpath = f"{path}.contributors[{i}]"
        if c.role == "author":
            obj = _name_obj(
                c,
                st,
                "relatedItems/relatedItem/creators/creator/creator",
                cpath,
                code=None,
                rich=False,
                where=f"relatedItem creator {i + 1}",
            )
            if obj:
                creators.append(obj)
        else:
            word = _role(c, cpath, st)
            obj = _name_obj(
                c,
                st,
                "relatedItems/relatedItem/contributors/contributor/contributor",
                cpath,
                code=None,
                rich=False,
                where=f"relatedItem contributor {i + 1}",
            )
            if obj:
                obj["contributorType"] = word
                contributors.append(obj)
    if creators:
        item["creators"] = creators
    if contributors:
        item["contributors"] = contributors
    for j, extra_id in enumerate(ri.identifiers[1:], 1):
        st.dropped(
            f"{path}.identifiers[{j}]",
            f"a relatedItem holds one identifier: {extra_id.scheme} {extra_id.value} left out",
        )
    return item


# -- the writer ----------------------------------------------------------------------------------


def _mandatory(attrs: Attrs, st: _State) -> None:
    """Unknown-value codes (kept from the source or, with ``fill``, written anew) or the
    missing list for each mandatory property the rules did not fill."""
    unknown, out, version = st.unknown, st.out, st.version
    if "doi" not in attrs:
        if "identifier" in unknown:
            attrs["doi"] = unknown["identifier"]
        elif st.fill and not version.startswith("3"):
            attrs["doi"] = ":tba"
            out.add(
                Code.MISSING_REQUIRED,
                "no DOI: identifier written as :tba (to be assigned)",
                "identifier",
            )
        elif st.fill:
            st.missing.append(
                "identifier (DataCite 3.1 requires a DOI: no unknown-value code fits its pattern)"
            )
        else:
            st.missing.append("identifier (a DOI)")
    creators = attrs.setdefault("creators", [])
    if "author" in st.record.et_al:
        creators.append({"name": ":etal"})
    if not creators:
        code = unknown.get("creators[0]")
        if code:
            creators.append({"name": code})
        elif st.fill:
            creators.append({"name": ":unav"})
            out.add(Code.MISSING_REQUIRED, "no creator: written as :unav", "contributors")
        elif not any("creator" in m for m in st.missing):
            st.missing.append("creators (at least one creator)")
    if "titles" not in attrs:
        attrs["titles"] = []
        if "titles" in unknown:
            attrs["titles"].append({"title": unknown["titles"]})
        elif st.fill:
            attrs["titles"].append({"title": ":unav"})
            out.add(Code.MISSING_REQUIRED, "no title: written as :unav", "titles")
        else:
            st.missing.append("titles (a title)")
    if "publisher" not in attrs:
        attrs["publisher"] = {}
        if "publisher" in unknown:
            attrs["publisher"]["name"] = unknown["publisher"]
        elif st.fill:
            attrs["publisher"]["name"] = ":unav"
            out.add(Code.MISSING_REQUIRED, "no publisher: written as :unav", "publisher")
        else:
            st.missing.append("publisher")
    if "publicationYear" not in attrs and (year := _year_text(st)):
        attrs["publicationYear"] = year
        st.carried.append("dates")
    if "publicationYear" not in attrs:
        if "publicationYear" in unknown:
            attrs["publicationYear"] = unknown["publicationYear"]
        else:
            st.missing.append(
                "publicationYear (a four-digit year; no unknown-value code fits its pattern)"
            )


def _order(record: Record, st: _State) -> None:
    """The contributors as they are read back: the creators first."""
    order = [i for i, c in enumerate(record.contributors) if c.role == "author"]
    order += [i for i, c in enumerate(record.contributors) if c.role != "author"]
    _moved("contributors", order, "the contributor", st)


def write_attributes(
    record: Record,
    table: RuleTable,
    *,
    version: str,
    report: ConversionReport,
    fmt: str,
    source_format: str | None,
    fill_unknown: bool,
) -> Attrs:
    """Map a record to DataCite attributes for a kernel version by the rules of ``table``.

    Raises :class:`WriteError` naming every missing mandatory property (unless ``fill_unknown``,
    which writes DataCite's unknown-value codes and reports them).
    """
    out = _Out(record, version, report, fmt, source_format)
    filled: Attrs = {}
    st = _State(record, out, version, fill_unknown, filled)
    ctx = RuleContext(hub_type=record.type, record=record, reporter=out, options=st)
    _, carried = table.write(record, ctx, filled)
    funders = filled.pop("_funders", None)
    if funders:
        filled.setdefault("contributors", []).extend(funders)
    _mandatory(filled, st)
    if "author" in record.et_al:
        st.carried.extend(f"et_al[{i}]" for i, r in enumerate(record.et_al) if r == "author")
    if len(record.contributors) > 1:
        _order(record, st)
    carried.mark(st.carried)
    _report(record, carried, st)
    attrs = {k: filled[k] for k in _ORDER if k in filled}
    ex = st.ex
    for key, value in ex.items():
        if key in EXTRAS_KEYS or key in _OWN_KEYS:
            continue
        if key.startswith(OAI_WRAPPER_PREFIX):
            out.add(
                Code.FIELD_DROPPED,
                f"the oai_datacite wrapper's {key.removeprefix(OAI_WRAPPER_PREFIX)} is not "
                "written (the OAI-PMH envelope holds each resource as it is, metadataPrefix "
                "datacite)",
                f"extras.datacite.{key}",
                severity="info",
            )
            continue
        if key.startswith(OAI_HEADER_PREFIX):
            if fmt == "datacite":
                continue  # the OAI-PMH envelope writes it back, or the writer says why not
            out.add(
                Code.FIELD_DROPPED,
                f"the OAI-PMH header's {key.removeprefix(OAI_HEADER_PREFIX)} is written only "
                "in DataCite XML's OAI-PMH envelope",
                f"extras.datacite.{key}",
                severity="info",
            )
            continue
        if fmt == "datacite-json" and not key.startswith("xml:"):
            # a same-format trip keeps every attribute the mapping does not know
            attrs.setdefault("_passthrough", {})[key.removeprefix("json:")] = value
            continue
        if fmt == "datacite-json" and key == "url":
            attrs["url"] = value
            continue
        out.add(
            Code.FIELD_DROPPED,
            f"unknown field {key!r} (kept from the source) is not written",
            f"extras.{fmt if key in record.extras.get(fmt, {}) else _other(fmt)}.{key}",
        )
    other = _other(fmt)
    own = record.extras.get(fmt, {})
    for key in record.extras.get(other, {}):
        if key not in own and (key in EXTRAS_KEYS or key in _OWN_KEYS):
            what = f"the {other} reading note {key!r} is read back as {fmt}'s"
            st.approx(f"extras.{other}.{key}", what)
            st.approx(f"extras.{fmt}.{key}", what)
    for other_fmt, names in foreign_extras(record, ("datacite", "datacite-json")).items():
        for key in names:
            out.add(
                Code.FIELD_DROPPED,
                f"{other_fmt} field {key!r} has no DataCite home",
                f"extras.{other_fmt}.{key}",
            )
    if st.missing:
        for item in st.missing:
            out.add(Code.MISSING_REQUIRED, f"missing mandatory property: {item}", severity="error")
        raise WriteError(
            "missing mandatory DataCite properties: "
            + "; ".join(st.missing)
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


#: The extras keys of an OAI-PMH record's header (the XML writer's envelope writes them back).
OAI_HEADER_PREFIX = "oai:"
#: The extras keys of what an ``oai_datacite`` wrapper says besides the resource.
OAI_WRAPPER_PREFIX = "oai_datacite:"

#: Keys of the extras the mapping writes back (besides :data:`EXTRAS_KEYS`).
_OWN_KEYS = ("types", "containerType", "relationTypes")


def _other(fmt: str) -> str:
    return "datacite" if fmt == "datacite-json" else "datacite-json"


def _report(record: Record, carried: Any, st: _State) -> None:
    """Report what no rule carried (with the crosswalk's reason when it has one)."""
    for path, native in sorted(carried.approx.items()):
        if path not in st.coerced:
            st.approx(path, f"written approximately as DataCite {native}")
    lost = uncarried(record, carried, skip=_SKIP)
    if not lost:
        return
    for path in lost:
        reason = TYPE_CROSSWALK.reason(record, path)
        st.dropped(path, f"no DataCite property for {path}" + (f" ({reason})" if reason else ""))
