"""Every element and attribute of MODS 3.8 and where the reader puts it: the crosswalk rows that
the rule table's own rows do not give (the element inventory of the Library of Congress's
``mods-3-8.xsd``, 3.0-3.7 being subsets of it). What is not listed in :data:`HOMES` is kept in
the record's extras: a whole top-level element verbatim (and written back), an attribute or a
sub-element of a mapped element under its name."""

from __future__ import annotations

from biblioconv.crosswalk import FieldMap, Kind

__all__ = ["ELEMENTS", "HOMES", "element_rows"]

#: ``element: attribute attribute...`` for every MODS 3.8 element (first declaration found).
ELEMENTS = """
mods: ID IDREF version
modsCollection:
abstract: lang script transliteration displayLabel type shareable altRepGroup altFormat contentType ID IDREF
accessCondition: displayLabel type ID IDREF lang script transliteration altRepGroup altFormat contentType authority authorityURI valueURI
classification: lang script transliteration authority authorityURI valueURI edition displayLabel altRepGroup usage generator ID IDREF
extension: displayLabel type ID IDREF
genre: lang script transliteration authority authorityURI valueURI type displayLabel altRepGroup usage ID IDREF
identifier: lang script transliteration displayLabel type typeURI invalid altRepGroup ID IDREF
language: objectPart lang script transliteration displayLabel altRepGroup usage ID IDREF
languageTerm: lang script transliteration authority authorityURI valueURI type
scriptTerm: lang script transliteration authority authorityURI valueURI type
location: lang script transliteration displayLabel altRepGroup ID IDREF
physicalLocation: lang script transliteration authority authorityURI valueURI displayLabel type
shelfLocator: lang script transliteration
holdingSimple:
copyInformation:
itemIdentifier: lang script transliteration type
form: lang script transliteration authority authorityURI valueURI type
subLocation: lang script transliteration
electronicLocator: lang script transliteration
enumerationAndChronology: lang script transliteration unitType
url: dateLastAccessed displayLabel note access usage
holdingExternal: displayLabel type ID IDREF
name: ID IDREF authority authorityURI valueURI lang script transliteration displayLabel altRepGroup nameTitleGroup usage type supplied
namePart: lang script transliteration type
displayForm: lang script transliteration
affiliation: lang script transliteration authority authorityURI valueURI
description: lang script transliteration
nameIdentifier: lang script transliteration displayLabel type typeURI invalid altRepGroup ID IDREF
alternativeName: lang script transliteration displayLabel altType
role:
roleTerm: lang script transliteration authority authorityURI valueURI type
etal: lang script transliteration
note: lang script transliteration displayLabel type typeURI ID IDREF altRepGroup
originInfo: lang script transliteration displayLabel altRepGroup eventType eventTypeURI ID IDREF
place: supplied
placeTerm: lang script transliteration authority authorityURI valueURI type
placeIdentifier:
publisher: lang script transliteration supplied authority authorityURI valueURI
agent: ID IDREF authority authorityURI valueURI lang script transliteration displayLabel altRepGroup nameTitleGroup usage type supplied
dateIssued: lang script transliteration encoding qualifier point keyDate calendar
dateCreated: lang script transliteration encoding qualifier point keyDate calendar
dateCaptured: lang script transliteration encoding qualifier point keyDate calendar
dateValid: lang script transliteration encoding qualifier point keyDate calendar
dateModified: lang script transliteration encoding qualifier point keyDate calendar
copyrightDate: lang script transliteration encoding qualifier point keyDate calendar
dateOther: lang script transliteration encoding qualifier point keyDate calendar type
displayDate:
edition: lang script transliteration supplied
issuance:
frequency: lang script transliteration authority authorityURI valueURI
part: type order lang script transliteration displayLabel altRepGroup ID IDREF
detail: type level
number: lang script transliteration
caption: lang script transliteration
start: lang script transliteration
end: lang script transliteration
total:
list: lang script transliteration
date: lang script transliteration encoding qualifier point keyDate calendar
text: lang script transliteration displayLabel type
physicalDescription: lang script transliteration displayLabel altRepGroup ID IDREF
reformattingQuality:
internetMediaType: lang script transliteration
extent: lang script transliteration supplied unit
digitalOrigin:
recordInfo: lang script transliteration displayLabel altRepGroup usage ID IDREF
recordContentSource: lang script transliteration authority authorityURI valueURI
recordCreationDate: lang script transliteration encoding qualifier point keyDate calendar
recordChangeDate: lang script transliteration encoding qualifier point keyDate calendar
recordInfoNote: lang script transliteration displayLabel type typeURI ID IDREF altRepGroup
recordIdentifier: lang script transliteration source
languageOfCataloging: objectPart lang script transliteration displayLabel altRepGroup usage ID IDREF
recordOrigin: lang script transliteration
descriptionStandard: lang script transliteration authority authorityURI valueURI
relatedItem: type otherType otherTypeAuth otherTypeAuthURI otherTypeURI displayLabel ID IDREF
subject: authority authorityURI valueURI lang script transliteration displayLabel altRepGroup ID IDREF usage
topic: lang script transliteration authority authorityURI valueURI
geographic: lang script transliteration authority authorityURI valueURI
geographicCode: lang script transliteration authority authorityURI valueURI
temporal: lang script transliteration encoding qualifier point keyDate calendar authority authorityURI valueURI
hierarchicalGeographic: authority authorityURI valueURI
area: lang script transliteration level period authority authorityURI valueURI areaType
region: lang script transliteration level period authority authorityURI valueURI regionType
citySection: lang script transliteration level period authority authorityURI valueURI citySectionType
state: lang script transliteration level period authority authorityURI valueURI stateType
extraTerrestrialArea: lang script transliteration level period authority authorityURI valueURI
city: lang script transliteration level period authority authorityURI valueURI
continent: lang script transliteration level period authority authorityURI valueURI
country: lang script transliteration level period authority authorityURI valueURI
county: lang script transliteration level period authority authorityURI valueURI
island: lang script transliteration level period authority authorityURI valueURI
territory: lang script transliteration level period authority authorityURI valueURI
province: lang script transliteration
cartographics: authority authorityURI valueURI
scale: lang script transliteration
projection: lang script transliteration
coordinates: lang script transliteration
cartographicExtension: displayLabel type ID IDREF
occupation: lang script transliteration authority authorityURI valueURI
tableOfContents: lang script transliteration displayLabel type shareable altRepGroup altFormat contentType ID IDREF
targetAudience: lang script transliteration authority authorityURI valueURI displayLabel altRepGroup ID IDREF
titleInfo: type otherType otherTypeAuth otherTypeAuthURI otherTypeURI supplied altRepGroup altFormat contentType nameTitleGroup usage authority authorityURI valueURI lang script transliteration displayLabel ID IDREF
title: lang script transliteration
subTitle: lang script transliteration
partNumber: lang script transliteration
partName: lang script transliteration
nonSort: lang script transliteration space
typeOfResource: lang script transliteration authority authorityURI valueURI collection manuscript usage displayLabel altRepGroup ID IDREF
"""

#: Elements and attributes the reader maps: name -> (home, kind, note).
HOMES: dict[str, tuple[str, Kind, str]] = {
    "mods": ("type", "consumed", "one record"),
    "mods/@version": ("type", "consumed", "3.0-3.8 are read; 3.8 is written"),
    "mods/@ID": (
        "id",
        "consumed",
        "an XML id of the element, not the record's identifier: kept, written back unless an "
        "earlier record of the collection has it",
    ),
    "modsCollection": ("type", "consumed", "several records"),
    "abstract": ("descriptions(type=abstract).text", "exact", ""),
    "abstract/@lang": ("descriptions.lang", "exact", ""),
    "accessCondition": ("rights.statement", "exact", ""),
    "accessCondition/@type": (
        "access_rights",
        "exact",
        "restriction on access; a type other than use and reproduction of a rights statement: "
        "extras mods/accessCondition/@type",
    ),
    "classification": ("subjects.code", "exact", "a subject whose code is its term"),
    "classification/@authority": ("subjects.scheme", "exact", ""),
    "extension": ("extras", "extras", "kept verbatim and written back"),
    "genre": ("genre", "exact", "see the type table for authority marcgt and local"),
    "genre/@authority": (
        "type",
        "exact",
        "marcgt and local genres are types; a related item's other than local: extras "
        "relatedItem/genre/@authority, written back on its genre",
    ),
    "identifier": ("identifiers.value", "exact", ""),
    "identifier/@type": ("identifiers.scheme", "exact", ""),
    "identifier/@invalid": ("extras", "extras", "kept; validity is also checked from the value"),
    "language": ("language", "exact", ""),
    "languageTerm": ("language", "exact", "ISO 639-2 codes become BCP 47 tags"),
    "languageTerm/@type": ("language", "consumed", "code or text"),
    "languageTerm/@authority": ("language", "consumed", "the code list"),
    "languageTerm/@authorityURI": ("extras", "extras", "kept in extras under its name"),
    "languageTerm/@valueURI": ("extras", "extras", "kept in extras under its name"),
    "languageTerm/@lang": ("extras", "extras", "language of a language name"),
    "location": ("identifiers(scheme=url)", "exact", ""),
    "physicalLocation": ("archive.name", "exact", ""),
    "physicalLocation/@authority": ("extras", "extras", "kept in extras under its name"),
    "shelfLocator": ("archive.call_number", "exact", ""),
    "url": ("identifiers(scheme=url).value", "exact", ""),
    "url/@dateLastAccessed": ("dates(type=accessed)", "exact", ""),
    "url/@usage": ("extras", "extras", "location/url/@attributes, written back on the url"),
    "url/@displayLabel": ("extras", "extras", "location/url/@attributes, written back on the url"),
    "url/@note": ("extras", "extras", "location/url/@attributes, written back on the url"),
    "url/@access": ("extras", "extras", "location/url/@attributes, written back on the url"),
    "name": ("contributors", "exact", ""),
    "name/@type": (
        "contributors.kind",
        "exact",
        "personal; corporate, family: organisation; conference: the event",
    ),
    "name/@valueURI": ("contributors.identifiers", "exact", "an authority URI of the person"),
    "name/@lang": ("contributors.lang", "exact", ""),
    "namePart": ("contributors.family", "exact", "given, family, termsOfAddress (suffix)"),
    "namePart/@type": ("contributors.given", "exact", ""),
    "displayForm": ("contributors.literal", "exact", "when the name has no parts (else derived)"),
    "affiliation": ("contributors.affiliations.name", "exact", ""),
    "nameIdentifier": ("contributors.identifiers.value", "exact", "ORCID, ISNI, ROR..."),
    "nameIdentifier/@type": ("contributors.identifiers.scheme", "exact", ""),
    "role": ("contributors.role", "exact", ""),
    "roleTerm": ("contributors.role", "exact", "MARC relator code; a text beside it is the label"),
    "roleTerm/@type": ("contributors.role", "consumed", "code or text"),
    "roleTerm/@authority": (
        "contributors.role",
        "consumed",
        "marcrelator of a code; any other: extras roleTerm/@attributes, written back",
    ),
    "roleTerm/@authorityURI": (
        "extras",
        "extras",
        "roleTerm/@attributes: written back on its term (first role of a contributor)",
    ),
    "roleTerm/@valueURI": (
        "extras",
        "extras",
        "roleTerm/@attributes: written back on its term (first role of a contributor)",
    ),
    "roleTerm/@lang": (
        "extras",
        "extras",
        "roleTerm/@attributes: written back on its term (first role of a contributor)",
    ),
    "etal": ("et_al", "exact", ""),
    "note": ("descriptions(type=note).text", "exact", ""),
    "note/@type": (
        "descriptions.type",
        "exact",
        "methods, technical-info, annotation...; another: extras mods/note/@type",
    ),
    "note/@lang": ("descriptions.lang", "exact", ""),
    "originInfo": ("publisher", "exact", ""),
    "originInfo/@eventType": ("extras", "extras", "publication, production..."),
    "place": ("publisher.place", "exact", ""),
    "placeTerm": ("publisher.place", "exact", "type text; codes are kept in extras"),
    "placeTerm/@type": ("publisher.place", "consumed", ""),
    "placeTerm/@authority": ("extras", "extras", "of a coded place"),
    "publisher": ("publisher.name", "exact", ""),
    "dateIssued": ("dates(type=issued)", "exact", ""),
    "dateCreated": ("dates(type=created)", "exact", ""),
    "copyrightDate": ("dates(type=copyrighted)", "exact", ""),
    "dateCaptured": ("dates(type=collected)", "approx", ""),
    "dateValid": ("dates(type=valid)", "exact", ""),
    "dateModified": ("dates(type=updated)", "exact", ""),
    "dateOther": (
        "dates",
        "exact",
        "type: a hub date type, else other with the type as information",
    ),
    "dateOther/@type": ("dates.type", "exact", ""),
    "edition": ("edition", "exact", ""),
    "issuance": ("extras", "extras", "helps find the type (continuing host: a journal)"),
    "part": ("container", "exact", ""),
    "detail": ("container.volume", "exact", "volume, issue, number, chapter"),
    "detail/@type": (
        "container.issue",
        "exact",
        "volume, issue, number, chapter, page; a detail of another type or a second one of a "
        "type: kept whole in extras part/detail",
    ),
    "number": ("container.volume", "exact", ""),
    "caption": ("container.volume", "approx", "when there is no number"),
    "start": ("container.pages.first", "exact", ""),
    "end": ("container.pages.last", "exact", ""),
    "list": ("container.pages.literal", "exact", ""),
    "physicalDescription": ("sizes", "exact", ""),
    "internetMediaType": ("formats", "exact", ""),
    "extent": ("sizes", "exact", "unit=pages: number_of_pages; in part: pages"),
    "extent/@unit": ("number_of_pages", "exact", "in part: a unit other than pages kept in extras"),
    "form": ("formats", "exact", ""),
    "form/@authority": ("extras", "extras", "kept in extras under its name"),
    "recordInfo": ("id", "exact", ""),
    "recordIdentifier": ("id", "exact", ""),
    "recordIdentifier/@source": ("extras", "extras", "kept in extras under its name"),
    "relatedItem": (
        "related_items",
        "exact",
        "host: container; series: series; a bare link: relations",
    ),
    "relatedItem/@type": ("relations.type", "exact", ""),
    "relatedItem/@otherType": ("relations.type", "exact", "relation types MODS lacks"),
    "subject": ("subjects", "exact", ""),
    "subject/@authority": ("subjects.scheme", "exact", ""),
    "subject/@authorityURI": ("subjects.scheme_uri", "exact", ""),
    "subject/@valueURI": (
        "subjects.value_uri",
        "exact",
        "of the terms without their own; when none takes it (a geographic): extras",
    ),
    "subject/@lang": ("subjects.lang", "exact", ""),
    "topic": ("subjects.term", "exact", ""),
    "topic/@authority": ("subjects.scheme", "exact", ""),
    "topic/@authorityURI": ("subjects.scheme_uri", "exact", ""),
    "topic/@valueURI": ("subjects.value_uri", "exact", ""),
    "topic/@lang": ("subjects.lang", "exact", ""),
    "temporal": ("subjects.term", "approx", "written as a topic"),
    "occupation": ("subjects.term", "approx", "written as a topic"),
    "geographic": ("geo_locations.place", "exact", ""),
    "tableOfContents": ("descriptions(type=table-of-contents).text", "exact", ""),
    "tableOfContents/@lang": ("descriptions.lang", "exact", ""),
    "titleInfo": ("titles", "exact", ""),
    "titleInfo/@type": ("titles.type", "exact", ""),
    "titleInfo/@lang": ("titles.lang", "exact", ""),
    "title": ("titles(type=main).text", "exact", ""),
    "subTitle": ("titles(type=subtitle).text", "exact", ""),
    "partNumber": ("part", "exact", ""),
    "partName": ("titles(type=other)", "approx", ""),
    "nonSort": ("titles.text", "approx", "joined to the title"),
    "nonSort/@space": ("titles.text", "consumed", ""),
    "typeOfResource": ("type", "exact", "see the type table; a second one kept verbatim"),
    "typeOfResource/@manuscript": ("extras", "extras", "kept in extras, written back"),
    "typeOfResource/@collection": ("extras", "extras", "kept in extras, written back"),
}


def element_rows() -> tuple[FieldMap, ...]:
    """A row for every MODS 3.8 element and attribute (:data:`HOMES`, else extras)."""
    rows: list[FieldMap] = []
    for line in ELEMENTS.strip().splitlines():
        element, _, attrs = line.partition(":")
        for name in (element, *(f"{element}/@{a}" for a in attrs.split())):
            home, kind, note = HOMES.get(name, ("extras", "extras", ""))
            if home == "extras" and not note:
                note = (
                    "kept in extras (a top-level element verbatim, written back)"
                    if "/@" not in name
                    else "kept in extras under its name"
                )
            rows.append(FieldMap(name, home, kind, note))
    return tuple(rows)
