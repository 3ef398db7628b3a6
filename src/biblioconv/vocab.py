"""Controlled vocabularies of the record model.

The hub uses one vocabulary per concept. Each format's crosswalk maps its own terms to these; the
documentation tables are generated from the same data.
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = [
    "CONTRIBUTOR_ROLES",
    "DATE_TYPES",
    "DESCRIPTION_TYPES",
    "PUBLICATION_STATUSES",
    "RELATION_TYPES",
    "RESOURCE_TYPES",
    "TITLE_TYPES",
    "ContributorRole",
    "DateType",
    "DescriptionType",
    "PublicationStatus",
    "RelationType",
    "ResourceType",
    "TitleType",
]

ResourceType = Literal[
    # text, scholarly
    "article-journal",
    "article-magazine",
    "article-newspaper",
    "preprint",
    "data-paper",
    "review",
    "review-book",
    "peer-review",
    "book",
    "edited-book",
    "multivolume-book",
    "chapter",
    "entry-encyclopedia",
    "entry-dictionary",
    "proceedings",
    "paper-conference",
    "poster",
    "presentation",
    "speech",
    "thesis",
    "report",
    "output-management-plan",
    "standard",
    "patent",
    "manuscript",
    "pamphlet",
    "manual",
    "letter",
    "interview",
    "periodical",
    "journal-issue",
    "classic",
    # web
    "webpage",
    "post",
    "post-weblog",
    # legal
    "legal-case",
    "legislation",
    "bill",
    "regulation",
    "treaty",
    "hearing",
    # data, software, objects
    "dataset",
    "software",
    "computational-notebook",
    "workflow",
    "model",
    "service",
    "interactive-resource",
    "instrument",
    "physical-object",
    "study-registration",
    "award",
    "project",
    "event",
    "collection",
    # media
    "image",
    "figure",
    "map",
    "audiovisual",
    "motion-picture",
    "broadcast",
    "sound",
    "song",
    "musical-score",
    "performance",
    # catch-alls
    "document",
    "other",
]
"""The hub's resource types: CSL's item types refined by DataCite's resourceTypeGeneral."""

RESOURCE_TYPES: tuple[str, ...] = get_args(ResourceType)

ContributorRole = Literal[
    "author",
    "editor",
    "translator",
    "editor-translator",
    "container-author",
    "collection-editor",
    "series-creator",
    "compiler",
    "composer",
    "curator",
    "director",
    "editorial-director",
    "executive-producer",
    "guest",
    "host",
    "illustrator",
    "interviewer",
    "narrator",
    "organizer",
    "original-author",
    "performer",
    "producer",
    "recipient",
    "reviewed-author",
    "script-writer",
    "chair",
    "annotator",
    "commentator",
    "introduction-author",
    "foreword-author",
    "afterword-author",
    "holder",
    "contact-person",
    "data-collector",
    "data-curator",
    "data-manager",
    "distributor",
    "hosting-institution",
    "project-leader",
    "project-manager",
    "project-member",
    "registration-agency",
    "registration-authority",
    "related-person",
    "research-group",
    "rights-holder",
    "researcher",
    "sponsor",
    "supervisor",
    "work-package-leader",
    "contributor",
    "other",
]
"""Roles: CSL name variables, BibLaTeX roles and every DataCite contributorType (kebab-case)."""

CONTRIBUTOR_ROLES: tuple[str, ...] = get_args(ContributorRole)

DateType = Literal[
    "issued",
    "created",
    "accepted",
    "submitted",
    "available",
    "updated",
    "accessed",
    "copyrighted",
    "collected",
    "valid",
    "withdrawn",
    "coverage",
    "event",
    "original",
    "deposited",
    "other",
]
"""Date types: DataCite dateType plus CSL's accessed/original/event dates and repository deposit."""

DATE_TYPES: tuple[str, ...] = get_args(DateType)

TitleType = Literal["main", "subtitle", "alternative", "translated", "short", "other"]
TITLE_TYPES: tuple[str, ...] = get_args(TitleType)

DescriptionType = Literal[
    "abstract",
    "methods",
    "series-information",
    "table-of-contents",
    "technical-info",
    "note",
    "annotation",
    "other",
]
DESCRIPTION_TYPES: tuple[str, ...] = get_args(DescriptionType)

PublicationStatus = Literal[
    "in-preparation",
    "submitted",
    "accepted",
    "forthcoming",
    "in-press",
    "prepublished",
    "published",
    "retracted",
    "withdrawn",
]
PUBLICATION_STATUSES: tuple[str, ...] = get_args(PublicationStatus)

RelationType = Literal[
    "IsCitedBy",
    "Cites",
    "IsSupplementTo",
    "IsSupplementedBy",
    "IsContinuedBy",
    "Continues",
    "IsDescribedBy",
    "Describes",
    "HasMetadata",
    "IsMetadataFor",
    "HasVersion",
    "IsVersionOf",
    "IsNewVersionOf",
    "IsPreviousVersionOf",
    "IsPartOf",
    "HasPart",
    "IsPublishedIn",
    "IsReferencedBy",
    "References",
    "IsDocumentedBy",
    "Documents",
    "IsCompiledBy",
    "Compiles",
    "IsVariantFormOf",
    "IsOriginalFormOf",
    "IsIdenticalTo",
    "IsReviewedBy",
    "Reviews",
    "IsDerivedFrom",
    "IsSourceOf",
    "IsRequiredBy",
    "Requires",
    "IsObsoletedBy",
    "Obsoletes",
    "IsCollectedBy",
    "Collects",
    "IsTranslationOf",
    "HasTranslation",
    "Other",
]
"""Relation types: DataCite 4.7's relationType list, used as the hub's vocabulary."""

RELATION_TYPES: tuple[str, ...] = get_args(RelationType)
