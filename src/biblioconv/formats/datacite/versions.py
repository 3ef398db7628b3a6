"""DataCite kernel versions: which properties, attributes and controlled values each one allows.

The 4.3-4.7 and 3.1 data are derived from the official XSDs (the ``since`` and ``values_since``
columns of the project's DataCite field lists); a test keeps them in step. No XSD of 4.0-4.2 is
available to the project: what those versions lack comes from DataCite's release notes and is
applied conservatively (an attribute whose first version could not be confirmed is treated as
new in 4.3), so output for 4.0-4.2 is never richer than the real schema allows.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = [
    "DEFAULT_VERSION",
    "KERNEL3_NS",
    "KERNEL4_NS",
    "LISTS_3",
    "LISTS_4",
    "NEAREST",
    "PATHS_3",
    "PATHS_4",
    "READ_VERSIONS",
    "UNKNOWN_CODES",
    "WRITE_VERSIONS",
    "allowed_values",
    "has_path",
    "is_allowed",
    "namespace",
    "nearest",
    "schema_location",
    "value_since",
    "version_from_location",
    "vkey",
    "xsd_version",
]

KERNEL3_NS: Final = "http://datacite.org/schema/kernel-3"
KERNEL4_NS: Final = "http://datacite.org/schema/kernel-4"
DEFAULT_VERSION: Final = "4.7"
WRITE_VERSIONS: Final = ("3.1", "4.0", "4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7")
READ_VERSIONS: Final = ("3.0", *WRITE_VERSIONS)

#: DataCite's standard codes for unknown values (DataCite Metadata Schema, appendix 3).
UNKNOWN_CODES: Final = frozenset(
    {":unac", ":unal", ":unap", ":unas", ":unav", ":unkn", ":none", ":null", ":tba", ":etal"}
)

# -- generated from the 4.7 field list (values_since: first of 4.3..4.7 listing the value) -------

LISTS_4: Final[dict[str, dict[str, str]]] = {
    "contributorType": {
        "ContactPerson": "<=4.3",
        "DataCollector": "<=4.3",
        "DataCurator": "<=4.3",
        "DataManager": "<=4.3",
        "Distributor": "<=4.3",
        "Editor": "<=4.3",
        "HostingInstitution": "<=4.3",
        "Other": "<=4.3",
        "Producer": "<=4.3",
        "ProjectLeader": "<=4.3",
        "ProjectManager": "<=4.3",
        "ProjectMember": "<=4.3",
        "RegistrationAgency": "<=4.3",
        "RegistrationAuthority": "<=4.3",
        "RelatedPerson": "<=4.3",
        "ResearchGroup": "<=4.3",
        "RightsHolder": "<=4.3",
        "Researcher": "<=4.3",
        "Sponsor": "<=4.3",
        "Supervisor": "<=4.3",
        "Translator": "4.6",
        "WorkPackageLeader": "<=4.3",
    },
    "dateType": {
        "Accepted": "<=4.3",
        "Available": "<=4.3",
        "Collected": "<=4.3",
        "Copyrighted": "<=4.3",
        "Coverage": "4.6",
        "Created": "<=4.3",
        "Issued": "<=4.3",
        "Other": "<=4.3",
        "Submitted": "<=4.3",
        "Updated": "<=4.3",
        "Valid": "<=4.3",
        "Withdrawn": "<=4.3",
    },
    "descriptionType": {
        "Abstract": "<=4.3",
        "Methods": "<=4.3",
        "SeriesInformation": "<=4.3",
        "TableOfContents": "<=4.3",
        "TechnicalInfo": "<=4.3",
        "Other": "<=4.3",
    },
    "funderIdentifierType": {
        "ISNI": "<=4.3",
        "GRID": "<=4.3",
        "ROR": "<=4.3",
        "Crossref Funder ID": "<=4.3",
        "Other": "<=4.3",
    },
    "nameType": {
        "Organizational": "<=4.3",
        "Personal": "<=4.3",
    },
    "numberType": {
        "Article": "4.4",
        "Chapter": "4.4",
        "Report": "4.4",
        "Other": "4.4",
    },
    "relatedIdentifierType": {
        "ARK": "<=4.3",
        "arXiv": "<=4.3",
        "bibcode": "<=4.3",
        "CSTR": "4.6",
        "DOI": "<=4.3",
        "EAN13": "<=4.3",
        "EISSN": "<=4.3",
        "Handle": "<=4.3",
        "IGSN": "<=4.3",
        "ISBN": "<=4.3",
        "ISSN": "<=4.3",
        "ISTC": "<=4.3",
        "LISSN": "<=4.3",
        "LSID": "<=4.3",
        "PMID": "<=4.3",
        "PURL": "<=4.3",
        "RAiD": "4.7",
        "RRID": "4.6",
        "SWHID": "4.7",
        "UPC": "<=4.3",
        "URL": "<=4.3",
        "URN": "<=4.3",
        "w3id": "<=4.3",
    },
    "relationType": {
        "IsCitedBy": "<=4.3",
        "Cites": "<=4.3",
        "IsSupplementTo": "<=4.3",
        "IsSupplementedBy": "<=4.3",
        "IsContinuedBy": "<=4.3",
        "Continues": "<=4.3",
        "IsNewVersionOf": "<=4.3",
        "IsPreviousVersionOf": "<=4.3",
        "IsPartOf": "<=4.3",
        "HasPart": "<=4.3",
        "IsPublishedIn": "4.4",
        "IsReferencedBy": "<=4.3",
        "References": "<=4.3",
        "IsDocumentedBy": "<=4.3",
        "Documents": "<=4.3",
        "IsCompiledBy": "<=4.3",
        "Compiles": "<=4.3",
        "IsVariantFormOf": "<=4.3",
        "IsOriginalFormOf": "<=4.3",
        "IsIdenticalTo": "<=4.3",
        "HasMetadata": "<=4.3",
        "IsMetadataFor": "<=4.3",
        "Reviews": "<=4.3",
        "IsReviewedBy": "<=4.3",
        "IsDerivedFrom": "<=4.3",
        "IsSourceOf": "<=4.3",
        "Describes": "<=4.3",
        "IsDescribedBy": "<=4.3",
        "HasVersion": "<=4.3",
        "IsVersionOf": "<=4.3",
        "Requires": "<=4.3",
        "IsRequiredBy": "<=4.3",
        "Obsoletes": "<=4.3",
        "IsObsoletedBy": "<=4.3",
        "Collects": "4.5",
        "IsCollectedBy": "4.5",
        "HasTranslation": "4.6",
        "IsTranslationOf": "4.6",
        "Other": "4.7",
    },
    "resourceType": {
        "Audiovisual": "<=4.3",
        "Award": "4.6",
        "Book": "4.4",
        "BookChapter": "4.4",
        "Collection": "<=4.3",
        "ComputationalNotebook": "4.4",
        "ConferencePaper": "4.4",
        "ConferenceProceeding": "4.4",
        "DataPaper": "<=4.3",
        "Dataset": "<=4.3",
        "Dissertation": "4.4",
        "Event": "<=4.3",
        "Image": "<=4.3",
        "Instrument": "4.5",
        "InteractiveResource": "<=4.3",
        "Journal": "4.4",
        "JournalArticle": "4.4",
        "Model": "<=4.3",
        "OutputManagementPlan": "4.4",
        "PeerReview": "4.4",
        "PhysicalObject": "<=4.3",
        "Poster": "4.7",
        "Preprint": "4.4",
        "Presentation": "4.7",
        "Project": "4.6",
        "Report": "4.4",
        "Service": "<=4.3",
        "Software": "<=4.3",
        "Sound": "<=4.3",
        "Standard": "4.4",
        "StudyRegistration": "4.5",
        "Text": "<=4.3",
        "Workflow": "<=4.3",
        "Other": "<=4.3",
    },
    "titleType": {
        "AlternativeTitle": "<=4.3",
        "Subtitle": "<=4.3",
        "TranslatedTitle": "<=4.3",
        "Other": "<=4.3",
    },
}
PATH_SINCE_4: Final[dict[str, str]] = {
    "publisher@publisherIdentifier": "4.5",
    "publisher@publisherIdentifierScheme": "4.5",
    "publisher@schemeURI": "4.5",
    "subjects/subject@classificationCode": "4.4",
    "relatedIdentifiers/relatedIdentifier@relationTypeInformation": "4.7",
    "relatedItems": "4.4",
    "relatedItems/relatedItem": "4.4",
    "relatedItems/relatedItem@relatedItemType": "4.4",
    "relatedItems/relatedItem@relationType": "4.4",
    "relatedItems/relatedItem@relationTypeInformation": "4.7",
    "relatedItems/relatedItem/relatedItemIdentifier": "4.4",
    "relatedItems/relatedItem/relatedItemIdentifier@relatedItemIdentifierType": "4.4",
    "relatedItems/relatedItem/relatedItemIdentifier@relatedMetadataScheme": "4.4",
    "relatedItems/relatedItem/relatedItemIdentifier@schemeURI": "4.4",
    "relatedItems/relatedItem/relatedItemIdentifier@schemeType": "4.4",
    "relatedItems/relatedItem/creators": "4.4",
    "relatedItems/relatedItem/creators/creator": "4.4",
    "relatedItems/relatedItem/creators/creator/creatorName": "4.4",
    "relatedItems/relatedItem/creators/creator/creatorName@nameType": "4.4",
    "relatedItems/relatedItem/creators/creator/creatorName@xml:lang": "4.4",
    "relatedItems/relatedItem/creators/creator/givenName": "4.4",
    "relatedItems/relatedItem/creators/creator/familyName": "4.4",
    "relatedItems/relatedItem/titles": "4.4",
    "relatedItems/relatedItem/titles/title": "4.4",
    "relatedItems/relatedItem/titles/title@titleType": "4.4",
    "relatedItems/relatedItem/titles/title@xml:lang": "4.4",
    "relatedItems/relatedItem/publicationYear": "4.4",
    "relatedItems/relatedItem/volume": "4.4",
    "relatedItems/relatedItem/issue": "4.4",
    "relatedItems/relatedItem/number": "4.4",
    "relatedItems/relatedItem/number@numberType": "4.4",
    "relatedItems/relatedItem/firstPage": "4.4",
    "relatedItems/relatedItem/lastPage": "4.4",
    "relatedItems/relatedItem/publisher": "4.4",
    "relatedItems/relatedItem/edition": "4.4",
    "relatedItems/relatedItem/contributors": "4.4",
    "relatedItems/relatedItem/contributors/contributor": "4.4",
    "relatedItems/relatedItem/contributors/contributor@contributorType": "4.4",
    "relatedItems/relatedItem/contributors/contributor/contributorName": "4.4",
    "relatedItems/relatedItem/contributors/contributor/contributorName@nameType": "4.4",
    "relatedItems/relatedItem/contributors/contributor/contributorName@xml:lang": "4.4",
    "relatedItems/relatedItem/contributors/contributor/givenName": "4.4",
    "relatedItems/relatedItem/contributors/contributor/familyName": "4.4",
}
LISTS_3: Final[dict[str, tuple[str, ...]]] = {
    "contributorType": (
        "ContactPerson",
        "DataCollector",
        "DataCurator",
        "DataManager",
        "Distributor",
        "Editor",
        "Funder",
        "HostingInstitution",
        "Other",
        "Producer",
        "ProjectLeader",
        "ProjectManager",
        "ProjectMember",
        "RegistrationAgency",
        "RegistrationAuthority",
        "RelatedPerson",
        "ResearchGroup",
        "RightsHolder",
        "Researcher",
        "Sponsor",
        "Supervisor",
        "WorkPackageLeader",
    ),
    "dateType": (
        "Accepted",
        "Available",
        "Collected",
        "Copyrighted",
        "Created",
        "Issued",
        "Submitted",
        "Updated",
        "Valid",
    ),
    "descriptionType": ("Abstract", "Methods", "SeriesInformation", "TableOfContents", "Other"),
    "relatedIdentifierType": (
        "ARK",
        "arXiv",
        "bibcode",
        "DOI",
        "EAN13",
        "EISSN",
        "Handle",
        "ISBN",
        "ISSN",
        "ISTC",
        "LISSN",
        "LSID",
        "PMID",
        "PURL",
        "UPC",
        "URL",
        "URN",
    ),
    "relationType": (
        "IsCitedBy",
        "Cites",
        "IsSupplementTo",
        "IsSupplementedBy",
        "IsContinuedBy",
        "Continues",
        "IsNewVersionOf",
        "IsPreviousVersionOf",
        "IsPartOf",
        "HasPart",
        "IsReferencedBy",
        "References",
        "IsDocumentedBy",
        "Documents",
        "IsCompiledBy",
        "Compiles",
        "IsVariantFormOf",
        "IsOriginalFormOf",
        "IsIdenticalTo",
        "HasMetadata",
        "IsMetadataFor",
        "Reviews",
        "IsReviewedBy",
        "IsDerivedFrom",
        "IsSourceOf",
    ),
    "resourceType": (
        "Audiovisual",
        "Collection",
        "Dataset",
        "Event",
        "Image",
        "InteractiveResource",
        "Model",
        "PhysicalObject",
        "Service",
        "Software",
        "Sound",
        "Text",
        "Workflow",
        "Other",
    ),
    "titleType": ("AlternativeTitle", "Subtitle", "TranslatedTitle"),
}
PATHS_3: Final[frozenset[str]] = frozenset(
    {
        "resource",
        "identifier",
        "identifier@identifierType",
        "creators",
        "creators/creator",
        "creators/creator/creatorName",
        "creators/creator/nameIdentifier",
        "creators/creator/nameIdentifier@nameIdentifierScheme",
        "creators/creator/nameIdentifier@schemeURI",
        "creators/creator/affiliation",
        "titles",
        "titles/title",
        "titles/title@titleType",
        "titles/title@xml:lang",
        "publisher",
        "publicationYear",
        "subjects",
        "subjects/subject",
        "subjects/subject@subjectScheme",
        "subjects/subject@schemeURI",
        "subjects/subject@xml:lang",
        "contributors",
        "contributors/contributor",
        "contributors/contributor@contributorType",
        "contributors/contributor/contributorName",
        "contributors/contributor/nameIdentifier",
        "contributors/contributor/nameIdentifier@nameIdentifierScheme",
        "contributors/contributor/nameIdentifier@schemeURI",
        "contributors/contributor/affiliation",
        "dates",
        "dates/date",
        "dates/date@dateType",
        "language",
        "resourceType",
        "resourceType@resourceTypeGeneral",
        "alternateIdentifiers",
        "alternateIdentifiers/alternateIdentifier",
        "alternateIdentifiers/alternateIdentifier@alternateIdentifierType",
        "relatedIdentifiers",
        "relatedIdentifiers/relatedIdentifier",
        "relatedIdentifiers/relatedIdentifier@relatedIdentifierType",
        "relatedIdentifiers/relatedIdentifier@relationType",
        "relatedIdentifiers/relatedIdentifier@relatedMetadataScheme",
        "relatedIdentifiers/relatedIdentifier@schemeURI",
        "relatedIdentifiers/relatedIdentifier@schemeType",
        "sizes",
        "sizes/size",
        "formats",
        "formats/format",
        "version",
        "rightsList",
        "rightsList/rights",
        "rightsList/rights@rightsURI",
        "descriptions",
        "descriptions/description",
        "descriptions/description@descriptionType",
        "descriptions/description@xml:lang",
        "descriptions/description/br",
        "geoLocations",
        "geoLocations/geoLocation",
        "geoLocations/geoLocation/geoLocationPoint",
        "geoLocations/geoLocation/geoLocationBox",
        "geoLocations/geoLocation/geoLocationPlace",
    }
)
PATHS_4: Final[tuple[str, ...]] = (
    "resource",
    "identifier",
    "identifier@identifierType",
    "creators",
    "creators/creator",
    "creators/creator/creatorName",
    "creators/creator/creatorName@nameType",
    "creators/creator/creatorName@xml:lang",
    "creators/creator/givenName",
    "creators/creator/familyName",
    "creators/creator/nameIdentifier",
    "creators/creator/nameIdentifier@nameIdentifierScheme",
    "creators/creator/nameIdentifier@schemeURI",
    "creators/creator/affiliation",
    "creators/creator/affiliation@affiliationIdentifier",
    "creators/creator/affiliation@affiliationIdentifierScheme",
    "creators/creator/affiliation@schemeURI",
    "titles",
    "titles/title",
    "titles/title@titleType",
    "titles/title@xml:lang",
    "publisher",
    "publisher@publisherIdentifier",
    "publisher@publisherIdentifierScheme",
    "publisher@schemeURI",
    "publisher@xml:lang",
    "publicationYear",
    "resourceType",
    "resourceType@resourceTypeGeneral",
    "subjects",
    "subjects/subject",
    "subjects/subject@subjectScheme",
    "subjects/subject@schemeURI",
    "subjects/subject@valueURI",
    "subjects/subject@classificationCode",
    "subjects/subject@xml:lang",
    "contributors",
    "contributors/contributor",
    "contributors/contributor@contributorType",
    "contributors/contributor/contributorName",
    "contributors/contributor/contributorName@nameType",
    "contributors/contributor/contributorName@xml:lang",
    "contributors/contributor/givenName",
    "contributors/contributor/familyName",
    "contributors/contributor/nameIdentifier",
    "contributors/contributor/nameIdentifier@nameIdentifierScheme",
    "contributors/contributor/nameIdentifier@schemeURI",
    "contributors/contributor/affiliation",
    "contributors/contributor/affiliation@affiliationIdentifier",
    "contributors/contributor/affiliation@affiliationIdentifierScheme",
    "contributors/contributor/affiliation@schemeURI",
    "dates",
    "dates/date",
    "dates/date@dateType",
    "dates/date@dateInformation",
    "language",
    "alternateIdentifiers",
    "alternateIdentifiers/alternateIdentifier",
    "alternateIdentifiers/alternateIdentifier@alternateIdentifierType",
    "relatedIdentifiers",
    "relatedIdentifiers/relatedIdentifier",
    "relatedIdentifiers/relatedIdentifier@resourceTypeGeneral",
    "relatedIdentifiers/relatedIdentifier@relatedIdentifierType",
    "relatedIdentifiers/relatedIdentifier@relationType",
    "relatedIdentifiers/relatedIdentifier@relatedMetadataScheme",
    "relatedIdentifiers/relatedIdentifier@schemeURI",
    "relatedIdentifiers/relatedIdentifier@schemeType",
    "relatedIdentifiers/relatedIdentifier@relationTypeInformation",
    "sizes",
    "sizes/size",
    "formats",
    "formats/format",
    "version",
    "rightsList",
    "rightsList/rights",
    "rightsList/rights@rightsURI",
    "rightsList/rights@rightsIdentifier",
    "rightsList/rights@rightsIdentifierScheme",
    "rightsList/rights@schemeURI",
    "rightsList/rights@xml:lang",
    "descriptions",
    "descriptions/description",
    "descriptions/description@descriptionType",
    "descriptions/description@xml:lang",
    "descriptions/description/br",
    "geoLocations",
    "geoLocations/geoLocation",
    "geoLocations/geoLocation/geoLocationPlace",
    "geoLocations/geoLocation/geoLocationPoint",
    "geoLocations/geoLocation/geoLocationPoint/pointLongitude",
    "geoLocations/geoLocation/geoLocationPoint/pointLatitude",
    "geoLocations/geoLocation/geoLocationBox",
    "geoLocations/geoLocation/geoLocationBox/westBoundLongitude",
    "geoLocations/geoLocation/geoLocationBox/eastBoundLongitude",
    "geoLocations/geoLocation/geoLocationBox/southBoundLatitude",
    "geoLocations/geoLocation/geoLocationBox/northBoundLatitude",
    "geoLocations/geoLocation/geoLocationPolygon",
    "geoLocations/geoLocation/geoLocationPolygon/polygonPoint",
    "geoLocations/geoLocation/geoLocationPolygon/polygonPoint/pointLongitude",
    "geoLocations/geoLocation/geoLocationPolygon/polygonPoint/pointLatitude",
    "geoLocations/geoLocation/geoLocationPolygon/inPolygonPoint",
    "geoLocations/geoLocation/geoLocationPolygon/inPolygonPoint/pointLongitude",
    "geoLocations/geoLocation/geoLocationPolygon/inPolygonPoint/pointLatitude",
    "fundingReferences",
    "fundingReferences/fundingReference",
    "fundingReferences/fundingReference/funderName",
    "fundingReferences/fundingReference/funderIdentifier",
    "fundingReferences/fundingReference/funderIdentifier@funderIdentifierType",
    "fundingReferences/fundingReference/funderIdentifier@schemeURI",
    "fundingReferences/fundingReference/awardNumber",
    "fundingReferences/fundingReference/awardNumber@awardURI",
    "fundingReferences/fundingReference/awardTitle",
    "relatedItems",
    "relatedItems/relatedItem",
    "relatedItems/relatedItem@relatedItemType",
    "relatedItems/relatedItem@relationType",
    "relatedItems/relatedItem@relationTypeInformation",
    "relatedItems/relatedItem/relatedItemIdentifier",
    "relatedItems/relatedItem/relatedItemIdentifier@relatedItemIdentifierType",
    "relatedItems/relatedItem/relatedItemIdentifier@relatedMetadataScheme",
    "relatedItems/relatedItem/relatedItemIdentifier@schemeURI",
    "relatedItems/relatedItem/relatedItemIdentifier@schemeType",
    "relatedItems/relatedItem/creators",
    "relatedItems/relatedItem/creators/creator",
    "relatedItems/relatedItem/creators/creator/creatorName",
    "relatedItems/relatedItem/creators/creator/creatorName@nameType",
    "relatedItems/relatedItem/creators/creator/creatorName@xml:lang",
    "relatedItems/relatedItem/creators/creator/givenName",
    "relatedItems/relatedItem/creators/creator/familyName",
    "relatedItems/relatedItem/titles",
    "relatedItems/relatedItem/titles/title",
    "relatedItems/relatedItem/titles/title@titleType",
    "relatedItems/relatedItem/titles/title@xml:lang",
    "relatedItems/relatedItem/publicationYear",
    "relatedItems/relatedItem/volume",
    "relatedItems/relatedItem/issue",
    "relatedItems/relatedItem/number",
    "relatedItems/relatedItem/number@numberType",
    "relatedItems/relatedItem/firstPage",
    "relatedItems/relatedItem/lastPage",
    "relatedItems/relatedItem/publisher",
    "relatedItems/relatedItem/edition",
    "relatedItems/relatedItem/contributors",
    "relatedItems/relatedItem/contributors/contributor",
    "relatedItems/relatedItem/contributors/contributor@contributorType",
    "relatedItems/relatedItem/contributors/contributor/contributorName",
    "relatedItems/relatedItem/contributors/contributor/contributorName@nameType",
    "relatedItems/relatedItem/contributors/contributor/contributorName@xml:lang",
    "relatedItems/relatedItem/contributors/contributor/givenName",
    "relatedItems/relatedItem/contributors/contributor/familyName",
)

# -- 4.0-4.2 (no XSD available): first versions of values and paths listed as "<=4.3" above ----

#: Values of the "<=4.3" group that appeared after 4.0 (DataCite release notes 4.1, 4.2, 4.3).
PRE43_VALUES: Final[dict[str, dict[str, str]]] = {
    "resourceType": {"DataPaper": "4.1"},
    "dateType": {"Other": "4.1", "Withdrawn": "4.2"},
    "relationType": {
        "Describes": "4.1",
        "IsDescribedBy": "4.1",
        "HasVersion": "4.1",
        "IsVersionOf": "4.1",
        "Requires": "4.1",
        "IsRequiredBy": "4.1",
        "Obsoletes": "4.2",
        "IsObsoletedBy": "4.2",
    },
    "relatedIdentifierType": {"w3id": "4.1"},
    "titleType": {"Other": "4.1"},
    "funderIdentifierType": {"ROR": "4.3"},
    "nameType": {"Organizational": "4.1", "Personal": "4.1"},
}

#: Paths of the "<=4.3" group that appeared after 4.0; uncertain ones are dated 4.3.
PRE43_PATHS: Final[dict[str, str]] = {
    "creators/creator/creatorName@nameType": "4.1",
    "contributors/contributor/contributorName@nameType": "4.1",
    "dates/date@dateInformation": "4.1",
    "relatedIdentifiers/relatedIdentifier@resourceTypeGeneral": "4.1",
    "rightsList/rights@rightsIdentifier": "4.2",
    "rightsList/rights@rightsIdentifierScheme": "4.2",
    "rightsList/rights@schemeURI": "4.2",
    "creators/creator/affiliation@affiliationIdentifier": "4.3",
    "creators/creator/affiliation@affiliationIdentifierScheme": "4.3",
    "creators/creator/affiliation@schemeURI": "4.3",
    "contributors/contributor/affiliation@affiliationIdentifier": "4.3",
    "contributors/contributor/affiliation@affiliationIdentifierScheme": "4.3",
    "contributors/contributor/affiliation@schemeURI": "4.3",
    "creators/creator/creatorName@xml:lang": "4.3",
    "contributors/contributor/contributorName@xml:lang": "4.3",
    "publisher@xml:lang": "4.3",
    "rightsList/rights@xml:lang": "4.3",
    "subjects/subject@valueURI": "4.3",
    "fundingReferences/fundingReference/funderIdentifier@schemeURI": "4.3",
    "geoLocations/geoLocation/geoLocationPolygon/inPolygonPoint": "4.3",
    "geoLocations/geoLocation/geoLocationPolygon/inPolygonPoint/pointLongitude": "4.3",
    "geoLocations/geoLocation/geoLocationPolygon/inPolygonPoint/pointLatitude": "4.3",
}

#: Where a value is not allowed by the chosen version: the nearest value of an older list.
#: Followed repeatedly until an allowed value is reached (``None``: no neighbour, leave out).
NEAREST: Final[dict[str, dict[str, str | None]]] = {
    "resourceType": {
        "Award": "Other",
        "Book": "Text",
        "BookChapter": "Text",
        "ComputationalNotebook": "Software",
        "ConferencePaper": "Text",
        "ConferenceProceeding": "Text",
        "DataPaper": "Text",
        "Dissertation": "Text",
        "Instrument": "PhysicalObject",
        "Journal": "Text",
        "JournalArticle": "Text",
        "OutputManagementPlan": "Text",
        "PeerReview": "Text",
        "Poster": "Text",
        "Preprint": "Text",
        "Presentation": "Text",
        "Project": "Other",
        "Report": "Text",
        "Standard": "Text",
        "StudyRegistration": "Text",
    },
    "dateType": {"Coverage": "Other", "Withdrawn": "Other", "Other": None},
    "contributorType": {"Translator": "Other"},
    "relationType": {
        "IsPublishedIn": "IsPartOf",
        "Collects": "HasPart",
        "IsCollectedBy": "IsPartOf",
        "HasTranslation": "IsSourceOf",
        "IsTranslationOf": "IsDerivedFrom",
        "Other": "References",
        "Describes": "Documents",
        "IsDescribedBy": "IsDocumentedBy",
        "HasVersion": "IsOriginalFormOf",
        "IsVersionOf": "IsVariantFormOf",
        "Requires": "References",
        "IsRequiredBy": "IsReferencedBy",
        "Obsoletes": "IsNewVersionOf",
        "IsObsoletedBy": "IsPreviousVersionOf",
    },
    "relatedIdentifierType": {
        "CSTR": None,
        "RAiD": None,
        "RRID": None,
        "SWHID": None,
        "IGSN": "Handle",
        "w3id": "URL",
    },
    "funderIdentifierType": {"ROR": "Other"},
    "descriptionType": {"TechnicalInfo": "Other"},
    "titleType": {"Other": "AlternativeTitle"},
    "numberType": {},
    "nameType": {},
}


def vkey(version: str) -> tuple[int, int]:
    """A sortable key of a version string (``"4.10"`` > ``"4.9"``)."""
    major, _, minor = version.partition(".")
    return int(major), int(minor or 0)


def _since4(list_name: str, value: str) -> str | None:
    since = LISTS_4.get(list_name, {}).get(value)
    if since is None:
        return None
    if since == "<=4.3":
        return PRE43_VALUES.get(list_name, {}).get(value, "4.0")
    return since


def value_since(list_name: str, value: str) -> str | None:
    """The first kernel-4 version whose list has the value (None: not a kernel-4 value)."""
    return _since4(list_name, value)


def is_allowed(list_name: str, value: str, version: str) -> bool:
    """Whether a controlled list of a version holds a value."""
    if version.startswith("3"):
        return value in LISTS_3.get(list_name, ())
    since = _since4(list_name, value)
    return since is not None and vkey(since) <= vkey(version)


def allowed_values(list_name: str, version: str) -> tuple[str, ...]:
    """Every value of a controlled list in a version."""
    if version.startswith("3"):
        return LISTS_3.get(list_name, ())
    return tuple(v for v in LISTS_4.get(list_name, {}) if is_allowed(list_name, v, version))


def nearest(list_name: str, value: str, version: str) -> str | None:
    """The value itself if allowed, else the nearest allowed one, else None."""
    seen: set[str] = set()
    current: str | None = value
    while current is not None and current not in seen:
        if is_allowed(list_name, current, version):
            return current
        seen.add(current)
        current = NEAREST.get(list_name, {}).get(current)
    return None


_INDEX = re.compile(r"\[\d+\]")


def has_path(path: str, version: str) -> bool:
    """Whether a version's schema has an element/attribute path (as in the field lists)."""
    path = _INDEX.sub("", path)
    if version.startswith("3"):
        return path in PATHS_3
    if path not in _PATHS_4_SET:
        return False
    since = PATH_SINCE_4.get(path) or PRE43_PATHS.get(path) or "4.0"
    return vkey(since) <= vkey(version)


_PATHS_4_SET: Final = frozenset(PATHS_4)


def namespace(version: str) -> str:
    """The XML namespace of a version."""
    return KERNEL3_NS if version.startswith("3") else KERNEL4_NS


def schema_location(version: str) -> str:
    """The ``xsi:schemaLocation`` value written for a version."""
    if version.startswith("3"):
        return f"{KERNEL3_NS} http://schema.datacite.org/meta/kernel-3/metadata.xsd"
    return f"{KERNEL4_NS} http://schema.datacite.org/meta/kernel-{version}/metadata.xsd"


_LOCATION = re.compile(r"kernel-(\d+)(?:\.(\d+))?/")


def version_from_location(location: str | None, ns: str | None) -> str | None:
    """The version named by ``xsi:schemaLocation`` (``kernel-4`` alone means the latest 4.x)."""
    if location:
        m = _LOCATION.search(location)
        if m:
            major, minor = m.group(1), m.group(2)
            if major == "3":
                return "3.0" if minor == "0" else "3.1"
            if major == "4":
                if minor is None:
                    return DEFAULT_VERSION
                candidate = f"4.{minor}"
                return candidate if candidate in READ_VERSIONS else None
    if ns == KERNEL3_NS:
        return "3.1"
    return None


def xsd_version(version: str) -> str:
    """The official XSD folder used to validate a version (4.0-4.2 use 4.3's, 3.x kernel-3)."""
    if version.startswith("3"):
        return "kernel-3"
    if vkey(version) < (4, 3):
        return "kernel-4.3"
    return f"kernel-{version}"
