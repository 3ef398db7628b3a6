"""DataCite vocabularies (resource types, roles, date, description and title types), what
DataCite cannot hold, and the nested elements and attributes of each property (paths of the
official XSDs relative to ``resource``, ``@`` marking an attribute; :func:`json_path` gives the
REST API key of each). The crosswalks are built with the rule table's rows in
:mod:`biblioconv.formats.datacite.table`."""

from __future__ import annotations

from biblioconv.crosswalk import Crosswalk, FieldMap, TypeMap

__all__ = [
    "CONTRIBUTOR_TYPES",
    "DATE_TYPES",
    "DESCRIPTION_TYPES",
    "NESTED_ROWS",
    "RESOURCE_TYPES",
    "TITLE_TYPES",
    "TYPE_CROSSWALK",
    "UNMAPPED",
    "json_path",
]

#: resourceTypeGeneral -> hub type (read); the same pairs are the exact write mappings.
RESOURCE_TYPES: dict[str, str] = {
    "Audiovisual": "audiovisual",
    "Award": "award",
    "Book": "book",
    "BookChapter": "chapter",
    "Collection": "collection",
    "ComputationalNotebook": "computational-notebook",
    "ConferencePaper": "paper-conference",
    "ConferenceProceeding": "proceedings",
    "DataPaper": "data-paper",
    "Dataset": "dataset",
    "Dissertation": "thesis",
    "Event": "event",
    "Image": "image",
    "Instrument": "instrument",
    "InteractiveResource": "interactive-resource",
    "Journal": "periodical",
    "JournalArticle": "article-journal",
    "Model": "model",
    "OutputManagementPlan": "output-management-plan",
    "PeerReview": "peer-review",
    "PhysicalObject": "physical-object",
    "Poster": "poster",
    "Preprint": "preprint",
    "Presentation": "presentation",
    "Project": "project",
    "Report": "report",
    "Service": "service",
    "Software": "software",
    "Sound": "sound",
    "Standard": "standard",
    "StudyRegistration": "study-registration",
    "Text": "document",
    "Workflow": "workflow",
    "Other": "other",
}

#: hub types without an exact resourceTypeGeneral -> the nearest one (TYPE_APPROXIMATED).
_WRITE_ONLY_TYPES: dict[str, str] = {
    "article-magazine": "JournalArticle",
    "article-newspaper": "Text",
    "review": "PeerReview",
    "review-book": "Text",
    "edited-book": "Book",
    "multivolume-book": "Book",
    "entry-encyclopedia": "BookChapter",
    "entry-dictionary": "BookChapter",
    "speech": "Presentation",
    "patent": "Text",
    "manuscript": "Text",
    "pamphlet": "Text",
    "manual": "Text",
    "letter": "Text",
    "interview": "Text",
    "journal-issue": "Journal",
    "classic": "Text",
    "webpage": "InteractiveResource",
    "post": "Text",
    "post-weblog": "Text",
    "legal-case": "Text",
    "legislation": "Text",
    "bill": "Text",
    "regulation": "Text",
    "treaty": "Text",
    "hearing": "Text",
    "figure": "Image",
    "map": "Image",
    "motion-picture": "Audiovisual",
    "broadcast": "Audiovisual",
    "song": "Sound",
    "musical-score": "Text",
    "performance": "Event",
}

#: contributorType -> hub role.
CONTRIBUTOR_TYPES: dict[str, str] = {
    "ContactPerson": "contact-person",
    "DataCollector": "data-collector",
    "DataCurator": "data-curator",
    "DataManager": "data-manager",
    "Distributor": "distributor",
    "Editor": "editor",
    "HostingInstitution": "hosting-institution",
    "Producer": "producer",
    "ProjectLeader": "project-leader",
    "ProjectManager": "project-manager",
    "ProjectMember": "project-member",
    "RegistrationAgency": "registration-agency",
    "RegistrationAuthority": "registration-authority",
    "RelatedPerson": "related-person",
    "ResearchGroup": "research-group",
    "RightsHolder": "rights-holder",
    "Researcher": "researcher",
    "Sponsor": "sponsor",
    "Supervisor": "supervisor",
    "Translator": "translator",
    "WorkPackageLeader": "work-package-leader",
    "Other": "other",
}

#: dateType -> hub date type.
DATE_TYPES: dict[str, str] = {
    "Accepted": "accepted",
    "Available": "available",
    "Collected": "collected",
    "Copyrighted": "copyrighted",
    "Coverage": "coverage",
    "Created": "created",
    "Issued": "issued",
    "Other": "other",
    "Submitted": "submitted",
    "Updated": "updated",
    "Valid": "valid",
    "Withdrawn": "withdrawn",
}

#: descriptionType -> hub description type.
DESCRIPTION_TYPES: dict[str, str] = {
    "Abstract": "abstract",
    "Methods": "methods",
    "SeriesInformation": "series-information",
    "TableOfContents": "table-of-contents",
    "TechnicalInfo": "technical-info",
    "Other": "other",
}

#: titleType -> hub title type (no titleType = main title).
TITLE_TYPES: dict[str, str] = {
    "AlternativeTitle": "alternative",
    "Subtitle": "subtitle",
    "TranslatedTitle": "translated",
    "Other": "other",
}

_F = FieldMap


def _name_rows(prefix: str, home: str, *, rich: bool) -> list[FieldMap]:
    """Rows of a creator or contributor element (``rich``: with identifiers and affiliations;
    the elements of the record's own creators and contributors are the rules' rows)."""
    tag = "creator" if prefix.endswith("creators") else "contributor"
    base = f"{prefix}/{tag}"
    rows = [] if rich else [_F(prefix, home), _F(base, home)]
    rows += [
        _F(
            f"{base}/{tag}Name",
            f"{home}.literal",
            "approx",
            "organisations and unsplit names; a person's 'Family, Given' is split when "
            "givenName/familyName are absent; unknown-value codes are not names",
        ),
        _F(f"{base}/{tag}Name@nameType", f"{home}.kind", note="Personal / Organizational (4.1+)"),
        _F(f"{base}/{tag}Name@xml:lang", f"{home}.lang"),
        _F(f"{base}/givenName", f"{home}.given", note="particles are joined into the names"),
        _F(f"{base}/familyName", f"{home}.family", note="particles are joined into the names"),
    ]
    if rich:
        rows += [
            _F(f"{base}/nameIdentifier", f"{home}.identifiers.value"),
            _F(
                f"{base}/nameIdentifier@nameIdentifierScheme",
                f"{home}.identifiers.scheme",
                note="ORCID, ISNI, ROR... (other spellings kept in the identifier's label)",
            ),
            _F(f"{base}/nameIdentifier@schemeURI", f"{home}.identifiers.scheme_uri"),
            _F(f"{base}/affiliation", f"{home}.affiliations.name"),
            _F(
                f"{base}/affiliation@affiliationIdentifier",
                f"{home}.affiliations.identifiers.value",
                note="4.3+",
            ),
            _F(
                f"{base}/affiliation@affiliationIdentifierScheme",
                f"{home}.affiliations.identifiers.scheme",
                note="4.3+",
            ),
            _F(f"{base}/affiliation@schemeURI", f"{home}.affiliations.identifiers.scheme_uri"),
        ]
    return rows


def _point_rows(prefix: str, home: str) -> list[FieldMap]:
    return [
        _F(f"{prefix}/pointLongitude", f"{home}.longitude"),
        _F(f"{prefix}/pointLatitude", f"{home}.latitude"),
    ]


_GEO = "geoLocations/geoLocation"
_RI = "relatedItems/relatedItem"
_FUND = "fundingReferences/fundingReference"

#: The nested elements and attributes of each property, with their homes: what the converters of
#: the rule table (:mod:`biblioconv.formats.datacite.table`) handle inside the property they map.
NESTED_ROWS: tuple[FieldMap, ...] = (
    _F("resource", "type", "consumed", "the record itself"),
    _F("identifier", "identifiers(scheme=doi).value", note="the DOI, bare and lower-case"),
    _F(
        "identifier@identifierType",
        "identifiers(scheme=doi).scheme",
        note="always DOI in practice; another type is kept as that scheme",
    ),
    *_name_rows("creators", "contributors(role=author)", rich=True),
    _F("creators/creator/creatorName", "et_al", "approx", "the code :etal"),
    _F(
        "creators/creator/creatorName@nameType",
        "contributors(role=author,kind=organization).kind",
        note="Organizational",
    ),
    _F("titles/title", "titles(type=main).text", note="no titleType: the main title"),
    _F("titles/title", "titles.text", note="markup of the record's rich text is removed"),
    _F("titles/title@titleType", "titles.type"),
    _F("titles/title@titleType", "titles(type=subtitle).type", note="Subtitle"),
    _F("titles/title@titleType", "titles(type=alternative).type", note="AlternativeTitle"),
    _F("titles/title@titleType", "titles(type=translated).type", note="TranslatedTitle"),
    _F(
        "titles/title@titleType",
        "titles(type=short).type",
        "approx",
        "short titles are written as AlternativeTitle",
    ),
    _F("titles/title@xml:lang", "titles.lang"),
    _F("publisher", "publisher.name"),
    _F("publisher@publisherIdentifier", "publisher.identifiers.value", note="4.5+"),
    _F("publisher@publisherIdentifierScheme", "publisher.identifiers.scheme", note="4.5+"),
    _F("publisher@schemeURI", "publisher.identifiers.scheme_uri", note="4.5+"),
    _F("publisher@xml:lang", "publisher.lang"),
    _F("resourceType", "genre", note="free text"),
    _F("subjects/subject", "subjects.term"),
    _F("subjects/subject@subjectScheme", "subjects.scheme"),
    _F("subjects/subject@schemeURI", "subjects.scheme_uri"),
    _F("subjects/subject@valueURI", "subjects.value_uri"),
    _F("subjects/subject@classificationCode", "subjects.code", note="4.4+"),
    _F("subjects/subject@xml:lang", "subjects.lang"),
    *_name_rows("contributors", "contributors", rich=True),
    _F("contributors/contributor@contributorType", "contributors.role", note="see the role table"),
    _F("contributors/contributor@contributorType", "contributors(role=editor).role", note="Editor"),
    _F(
        "contributors/contributor@contributorType",
        "contributors(role=translator).role",
        note="Translator (4.6+; Other before)",
    ),
    _F(
        "contributors/contributor@contributorType",
        "funding.funder_name",
        "approx",
        "kernel-3 Funder contributors are read as funding references (and written so for 3.1)",
    ),
    _F("dates/date", "dates", note="W3CDTF / RKMS-ISO8601 ranges; free text kept as literal"),
    _F("dates/date@dateType", "dates.type"),
    *(
        _F("dates/date@dateType", f"dates(type={hub}).type", note=native)
        for native, hub in DATE_TYPES.items()
    ),
    _F(
        "dates/date@dateType",
        "dates(type=original).type",
        "approx",
        "original, event and deposit dates are written as Other with dateInformation",
    ),
    _F("dates/date@dateInformation", "dates.information", note="4.1+"),
    _F("alternateIdentifiers/alternateIdentifier", "identifiers.value"),
    *(
        _F("alternateIdentifiers/alternateIdentifier", f"identifiers(scheme={s}).value", note=n)
        for s, n in (
            ("url", "URL"),
            ("isbn", "ISBN"),
            ("pmid", "PMID"),
            ("arxiv", "arXiv"),
            ("local", "any other type word (kept as the identifier's label)"),
        )
    ),
    _F(
        "alternateIdentifiers/alternateIdentifier@alternateIdentifierType",
        "identifiers.label",
        note="the scheme when it is a known one, else kept as label",
    ),
    _F("relatedIdentifiers/relatedIdentifier", "relations.identifier.value"),
    _F("relatedIdentifiers/relatedIdentifier@resourceTypeGeneral", "relations.resource_type"),
    _F("relatedIdentifiers/relatedIdentifier@relatedIdentifierType", "relations.identifier.scheme"),
    _F("relatedIdentifiers/relatedIdentifier@relationType", "relations.type"),
    _F("relatedIdentifiers/relatedIdentifier@relatedMetadataScheme", "relations.metadata_scheme"),
    _F("relatedIdentifiers/relatedIdentifier@schemeURI", "relations.scheme_uri"),
    _F("relatedIdentifiers/relatedIdentifier@schemeType", "relations.scheme_type"),
    _F(
        "relatedIdentifiers/relatedIdentifier@relationTypeInformation",
        "relations.type_information",
        note="4.7+",
    ),
    _F("rightsList/rights", "rights.statement"),
    _F("rightsList/rights@rightsURI", "rights.uri"),
    _F(
        "rightsList/rights@rightsURI",
        "access_rights",
        "approx",
        "an info:eu-repo/semantics access right is a rights entry with that URI",
    ),
    _F("rightsList/rights@rightsIdentifier", "rights.identifier", note="e.g. SPDX id; 4.2+"),
    _F("rightsList/rights@rightsIdentifierScheme", "rights.identifier_scheme"),
    _F("rightsList/rights@schemeURI", "rights.scheme_uri"),
    _F("rightsList/rights@xml:lang", "rights.lang"),
    _F("descriptions/description", "descriptions.text"),
    _F("descriptions/description@descriptionType", "descriptions.type"),
    _F(
        "descriptions/description@descriptionType",
        "descriptions(type=abstract).type",
        note="Abstract",
    ),
    _F(
        "descriptions/description@descriptionType",
        "descriptions(type=note).type",
        "approx",
        "notes and annotations are written as Other",
    ),
    _F(
        "descriptions/description@descriptionType",
        "series.titles",
        "approx",
        "a series (title, number) is written as a SeriesInformation description",
    ),
    _F(
        "descriptions/description@descriptionType",
        "series.number",
        "approx",
        "a series (title, number) is written as a SeriesInformation description",
    ),
    _F("descriptions/description@xml:lang", "descriptions.lang"),
    _F("descriptions/description/br", "descriptions.text", "approx", "a line break ('\\n')"),
    _F(f"{_GEO}/geoLocationPlace", "geo_locations.place"),
    _F(
        f"{_GEO}/geoLocationPoint",
        "geo_locations.point",
        note="kernel-3: 'latitude longitude' text",
    ),
    *_point_rows(f"{_GEO}/geoLocationPoint", "geo_locations.point"),
    _F(
        f"{_GEO}/geoLocationBox",
        "geo_locations.box",
        note="kernel-3: 'south west north east' text",
    ),
    _F(f"{_GEO}/geoLocationBox/westBoundLongitude", "geo_locations.box.west"),
    _F(f"{_GEO}/geoLocationBox/eastBoundLongitude", "geo_locations.box.east"),
    _F(f"{_GEO}/geoLocationBox/southBoundLatitude", "geo_locations.box.south"),
    _F(f"{_GEO}/geoLocationBox/northBoundLatitude", "geo_locations.box.north"),
    _F(f"{_GEO}/geoLocationPolygon", "geo_locations.polygons"),
    _F(f"{_GEO}/geoLocationPolygon/polygonPoint", "geo_locations.polygons.points"),
    *_point_rows(f"{_GEO}/geoLocationPolygon/polygonPoint", "geo_locations.polygons.points"),
    _F(f"{_GEO}/geoLocationPolygon/inPolygonPoint", "geo_locations.polygons.in_point"),
    *_point_rows(f"{_GEO}/geoLocationPolygon/inPolygonPoint", "geo_locations.polygons.in_point"),
    _F(f"{_FUND}/funderName", "funding.funder_name"),
    _F(f"{_FUND}/funderIdentifier", "funding.funder_identifier.value"),
    _F(
        f"{_FUND}/funderIdentifier@funderIdentifierType",
        "funding.funder_identifier_type",
        note="ISNI, GRID, ROR (4.3+), Crossref Funder ID, Other",
    ),
    _F(f"{_FUND}/funderIdentifier@schemeURI", "funding.funder_identifier.scheme_uri"),
    _F(f"{_FUND}/awardNumber", "funding.award_number"),
    _F(f"{_FUND}/awardNumber@awardURI", "funding.award_uri"),
    _F(f"{_FUND}/awardTitle", "funding.award_title"),
    _F(f"{_RI}@relatedItemType", "related_items.native_type", note="a resourceTypeGeneral"),
    _F(f"{_RI}@relationType", "related_items.relation_type"),
    _F(f"{_RI}@relationTypeInformation", "related_items.relation_type_information", note="4.7+"),
    _F(f"{_RI}/relatedItemIdentifier", "related_items.identifiers.value"),
    _F(
        f"{_RI}/relatedItemIdentifier@relatedItemIdentifierType",
        "related_items.identifiers.scheme",
    ),
    _F(f"{_RI}/relatedItemIdentifier@relatedMetadataScheme", "extras", "extras"),
    _F(f"{_RI}/relatedItemIdentifier@schemeURI", "related_items.identifiers.scheme_uri"),
    _F(f"{_RI}/relatedItemIdentifier@schemeType", "extras", "extras"),
    *_name_rows(f"{_RI}/creators", "related_items.contributors(role=author)", rich=False),
    _F(f"{_RI}/titles", "related_items.titles"),
    _F(f"{_RI}/titles/title", "related_items.titles.text"),
    _F(f"{_RI}/titles/title@titleType", "related_items.titles.type"),
    _F(
        f"{_RI}/titles/title@titleType",
        "container.titles(type=short).type",
        "approx",
        "short titles are written as AlternativeTitle",
    ),
    _F(f"{_RI}/titles/title@xml:lang", "related_items.titles.lang"),
    _F(f"{_RI}/publicationYear", "related_items.issued", "approx", "year only"),
    _F(f"{_RI}/volume", "related_items.volume"),
    _F(f"{_RI}/issue", "related_items.issue"),
    _F(f"{_RI}/number", "related_items.number"),
    _F(f"{_RI}/number@numberType", "related_items.number_type"),
    _F(f"{_RI}/firstPage", "related_items.pages.first"),
    _F(f"{_RI}/lastPage", "related_items.pages.last"),
    _F(f"{_RI}/publisher", "related_items.publisher.name"),
    _F(f"{_RI}/edition", "related_items.edition"),
    *_name_rows(f"{_RI}/contributors", "related_items.contributors", rich=False),
    _F(f"{_RI}/contributors/contributor@contributorType", "related_items.contributors.role"),
)

#: What DataCite cannot hold, with the reason (the loss report's reasons).
UNMAPPED: dict[str, str] = {
    "id": "DataCite has no record key (the DOI identifies the resource)",
    "citation_key": "DataCite has no citation key",
    "dates(type=accessed)": "an access date says nothing about the resource itself",
    "publisher.place": "DataCite has no place of publication",
    "event": "DataCite has no event (conference) property",
    "event.title": "DataCite has no event (conference) property",
    "event.place": "DataCite has no event (conference) property",
    "edition": "DataCite has no edition of the resource itself (only of a relatedItem)",
    "number": "DataCite has no report or document number",
    "chapter": "DataCite has no chapter number",
    "section": "DataCite has no section",
    "part": "DataCite has no part number",
    "number_of_volumes": "DataCite has no number of volumes",
    "archive": "DataCite has no archive location",
    "original": "DataCite has no original-publication property",
    "attachments": "file links are registration data (contentUrl), not metadata",
    "citation": "DataCite has no free-text citation",
    "publication_status": "DataCite has no publication status",
    "peer_reviewed": "DataCite has no peer-review flag",
    "contributors.role_label": "DataCite roles are a closed list",
    "contributors.affiliations.lang": "DataCite affiliations have no language",
}

#: The types and what DataCite cannot hold (the rule table's crosswalks add their fields: see
#: :mod:`biblioconv.formats.datacite.table`).
TYPE_CROSSWALK = Crosswalk(
    format="datacite",
    fields=(),
    types=(
        *(TypeMap(native, hub) for native, hub in RESOURCE_TYPES.items()),
        *(
            TypeMap(native, hub, read=False, note="nearest resourceTypeGeneral")
            for hub, native in _WRITE_ONLY_TYPES.items()
        ),
    ),
    unmapped=UNMAPPED,
)


# -- DataCite JSON (REST API attributes) -----------------------------------------------------

#: XML element/attribute names -> REST API keys where they differ.
_JSON_RENAMES: dict[str, str] = {
    "creatorName": "name",
    "contributorName": "name",
    "schemeURI": "schemeUri",
    "valueURI": "valueUri",
    "rightsURI": "rightsUri",
    "awardURI": "awardUri",
    "xml:lang": "lang",
    "alternateIdentifier": "identifier",
    "alternateIdentifierType": "identifierType",
    "nameIdentifier": "nameIdentifiers[]",
    "affiliation": "affiliation[]",
    "geoLocationPolygon": "geoLocationPolygon[]",
}
#: Text of an element kept under a key of its own object.
_TEXT_KEYS: dict[str, str] = {
    "title": "title",
    "subject": "subject",
    "date": "date",
    "relatedIdentifier": "relatedIdentifier",
    "description": "description",
    "rights": "rights",
    "nameIdentifier": "nameIdentifier",
    "affiliation": "name",
    "publisher": "name",
    "alternateIdentifier": "identifier",
    "relatedItemIdentifier": "relatedItemIdentifier",
}
#: Elements whose attributes sit on the enclosing object in the REST API.
_FLATTENED = ("creatorName", "contributorName", "funderIdentifier", "awardNumber", "number")


def json_path(xml_path: str) -> str:
    """The REST API key path (``creators[].nameIdentifiers[].schemeUri``) of an XML path."""
    special = {
        "resource": "attributes",
        "identifier": "doi",
        "identifier@identifierType": "doi",
        "resourceType": "types.resourceType",
        "resourceType@resourceTypeGeneral": "types.resourceTypeGeneral",
        "alternateIdentifiers": "identifiers",
        "rightsList": "rightsList",
        f"{_RI}/publisher": "relatedItems[].publisher",
    }
    if xml_path in special:
        return special[xml_path]
    element, _, attr = xml_path.partition("@")
    parts = element.split("/")
    out: list[str] = []
    i = 0
    while i < len(parts):
        part = parts[i]
        nxt = parts[i + 1] if i + 1 < len(parts) else None
        if nxt is not None and (nxt == part[:-1] or (part, nxt) == ("rightsList", "rights")):
            name = "identifiers" if part == "alternateIdentifiers" else part
            out.append(f"{name}[]")
            i += 2
            continue
        out.append(_JSON_RENAMES.get(part, part))
        i += 1
    leaf = parts[-1]
    if attr:
        if leaf in _FLATTENED:
            out.pop()
        out.append(_JSON_RENAMES.get(attr, attr))
    elif (
        leaf in _TEXT_KEYS
        and not (out and out[-1] == _TEXT_KEYS[leaf])
        and (out[-1].endswith("[]") or leaf in ("publisher", "relatedItemIdentifier"))
    ):
        out.append(_TEXT_KEYS[leaf])
    return ".".join(out)
