"""MODS vocabularies and their hub terms: resource types (typeOfResource, MARC genre terms,
Zotero's local genres), MARC relator roles, relatedItem types, identifier types, date elements."""

from __future__ import annotations

from biblioconv.crosswalk import TypeMap

__all__ = [
    "DATE_ELEMENTS",
    "DATE_OF_ELEMENT",
    "GENRE_TO_HUB",
    "HUB_TO_GENRE",
    "HUB_TO_RESOURCE",
    "IDENTIFIER_TO_SCHEME",
    "MODS_NS",
    "RELATED_TO_HUB",
    "RELATOR_TO_ROLE",
    "RESOURCE_TO_HUB",
    "ROLE_TO_RELATOR",
    "SCHEME_TO_IDENTIFIER",
    "TYPES",
    "XLINK_NS",
]

MODS_NS = "http://www.loc.gov/mods/v3"
XLINK_NS = "http://www.w3.org/1999/xlink"

#: typeOfResource -> hub type (reading, when no genre says more).
RESOURCE_TO_HUB: dict[str, str] = {
    "text": "document",
    "cartographic": "map",
    "notated music": "musical-score",
    "sound recording-musical": "song",
    "sound recording-nonmusical": "sound",
    "sound recording": "sound",
    "still image": "image",
    "moving image": "motion-picture",
    "three dimensional object": "physical-object",
    "software, multimedia": "software",
    "mixed material": "collection",
}

#: MARC genre terms (authority marcgt) -> hub type.
_MARCGT: dict[str, str] = {
    "article": "article-journal",
    "book": "book",
    "journal": "periodical",
    "periodical": "periodical",
    "newspaper": "article-newspaper",
    "conference publication": "paper-conference",
    "thesis": "thesis",
    "technical report": "report",
    "patent": "patent",
    "letter": "letter",
    "interview": "interview",
    "map": "map",
    "atlas": "map",
    "motion picture": "motion-picture",
    "videorecording": "audiovisual",
    "sound": "sound",
    "web site": "webpage",
    "database": "dataset",
    "numeric data": "dataset",
    "legislation": "legislation",
    "legal case and case notes": "legal-case",
    "encyclopedia": "entry-encyclopedia",
    "dictionary": "entry-dictionary",
    "standard or specification": "standard",
    "speech": "speech",
    "review": "review",
    "treaty": "treaty",
    "picture": "image",
    "graphic": "image",
    "art original": "image",
    "issue": "journal-issue",
    "multivolume monograph": "multivolume-book",
    "series": "collection",
    "online system or service": "service",
    "realia": "physical-object",
    "model": "model",
    "font": "software",
    "game": "interactive-resource",
    "instruction": "manual",
    "handbook": "manual",
    "script": "manuscript",
    "government publication": "report",
}

#: Zotero's item types (the local genres its MODS export writes) -> hub type.
_ZOTERO: dict[str, str] = {
    "journalArticle": "article-journal",
    "magazineArticle": "article-magazine",
    "newspaperArticle": "article-newspaper",
    "book": "book",
    "bookSection": "chapter",
    "thesis": "thesis",
    "report": "report",
    "conferencePaper": "paper-conference",
    "webpage": "webpage",
    "blogPost": "post-weblog",
    "forumPost": "post",
    "letter": "letter",
    "manuscript": "manuscript",
    "interview": "interview",
    "film": "motion-picture",
    "artwork": "image",
    "audioRecording": "sound",
    "videoRecording": "audiovisual",
    "tvBroadcast": "broadcast",
    "radioBroadcast": "broadcast",
    "podcast": "sound",
    "map": "map",
    "computerProgram": "software",
    "document": "document",
    "encyclopediaArticle": "entry-encyclopedia",
    "dictionaryEntry": "entry-dictionary",
    "patent": "patent",
    "statute": "legislation",
    "case": "legal-case",
    "hearing": "hearing",
    "bill": "bill",
    "presentation": "presentation",
    "preprint": "preprint",
    "dataset": "dataset",
    "standard": "standard",
    "email": "letter",
    "instantMessage": "letter",
}

#: Every genre word this reader knows (marcgt and local) -> hub type.
GENRE_TO_HUB: dict[str, str] = {**{k.lower(): v for k, v in _ZOTERO.items()}, **_MARCGT}

#: Hub type -> the MARC genre term written (authority marcgt), where one fits.
HUB_TO_GENRE: dict[str, str] = {
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "newspaper",
    "preprint": "article",
    "review": "review",
    "review-book": "review",
    "book": "book",
    "edited-book": "book",
    "multivolume-book": "multivolume monograph",
    "chapter": "book",
    "entry-encyclopedia": "encyclopedia",
    "entry-dictionary": "dictionary",
    "proceedings": "conference publication",
    "paper-conference": "conference publication",
    "speech": "speech",
    "thesis": "thesis",
    "report": "technical report",
    "standard": "standard or specification",
    "patent": "patent",
    "letter": "letter",
    "interview": "interview",
    "periodical": "periodical",
    "journal-issue": "issue",
    "webpage": "web site",
    "legal-case": "legal case and case notes",
    "legislation": "legislation",
    "bill": "legislation",
    "regulation": "legislation",
    "treaty": "treaty",
    "dataset": "database",
    "service": "online system or service",
    "model": "model",
    "physical-object": "realia",
    "image": "picture",
    "figure": "picture",
    "map": "map",
    "audiovisual": "videorecording",
    "motion-picture": "motion picture",
    "broadcast": "videorecording",
    "sound": "sound",
    "song": "sound",
    "manual": "handbook",
    "collection": "series",
}

#: Hub type -> typeOfResource.
HUB_TO_RESOURCE: dict[str, str] = {
    "map": "cartographic",
    "musical-score": "notated music",
    "song": "sound recording-musical",
    "sound": "sound recording-nonmusical",
    "image": "still image",
    "figure": "still image",
    "audiovisual": "moving image",
    "motion-picture": "moving image",
    "broadcast": "moving image",
    "physical-object": "three dimensional object",
    "instrument": "three dimensional object",
    "software": "software, multimedia",
    "computational-notebook": "software, multimedia",
    "workflow": "software, multimedia",
    "model": "software, multimedia",
    "interactive-resource": "software, multimedia",
    "service": "software, multimedia",
    "dataset": "software, multimedia",
    "collection": "mixed material",
}


def _types() -> tuple[TypeMap, ...]:
    from biblioconv.vocab import RESOURCE_TYPES

    rows: list[TypeMap] = []
    for hub in RESOURCE_TYPES:  # written: the hub type as the local genre (exact)
        rows.append(
            TypeMap(hub, hub, note="genre authority=local (with typeOfResource and marcgt genre)")
        )
    for native, hub in RESOURCE_TO_HUB.items():
        rows.append(TypeMap(native, hub, write=False, note="typeOfResource"))
    for native, hub in _MARCGT.items():
        rows.append(TypeMap(native, hub, write=False, note="genre authority=marcgt"))
    for native, hub in _ZOTERO.items():
        rows.append(TypeMap(native, hub, write=False, note="genre authority=local (Zotero)"))
    return tuple(rows)


TYPES: tuple[TypeMap, ...] = _types()

#: MARC relator codes -> hub role.
RELATOR_TO_ROLE: dict[str, str] = {
    "aut": "author",
    "cre": "author",
    "edt": "editor",
    "trl": "translator",
    "com": "compiler",
    "cmp": "composer",
    "cur": "curator",
    "drt": "director",
    "pro": "producer",
    "ill": "illustrator",
    "ivr": "interviewer",
    "ive": "guest",
    "hst": "host",
    "nrt": "narrator",
    "orm": "organizer",
    "prf": "performer",
    "rcp": "recipient",
    "aus": "script-writer",
    "ann": "annotator",
    "cwt": "commentator",
    "win": "introduction-author",
    "aui": "foreword-author",
    "aft": "afterword-author",
    "cph": "rights-holder",
    "dtc": "data-collector",
    "dst": "distributor",
    "his": "hosting-institution",
    "pdr": "project-leader",
    "res": "researcher",
    "spn": "sponsor",
    "ths": "supervisor",
    "ctb": "contributor",
    "oth": "other",
    "pbd": "editorial-director",
    "fmp": "executive-producer",
    "isb": "editorial-director",
    "chr": "chair",
    "col": "collection-editor",
    "rpy": "contact-person",
    "own": "holder",
    "rth": "project-leader",
    "rtm": "project-member",
    "dgs": "supervisor",
}

#: Hub role -> MARC relator code written.
ROLE_TO_RELATOR: dict[str, str] = {
    "author": "aut",
    "editor": "edt",
    "translator": "trl",
    "compiler": "com",
    "composer": "cmp",
    "curator": "cur",
    "director": "drt",
    "producer": "pro",
    "illustrator": "ill",
    "interviewer": "ivr",
    "guest": "ive",
    "host": "hst",
    "narrator": "nrt",
    "organizer": "orm",
    "performer": "prf",
    "recipient": "rcp",
    "script-writer": "aus",
    "annotator": "ann",
    "commentator": "cwt",
    "introduction-author": "win",
    "foreword-author": "aui",
    "afterword-author": "aft",
    "rights-holder": "cph",
    "data-collector": "dtc",
    "distributor": "dst",
    "hosting-institution": "his",
    "project-leader": "pdr",
    "researcher": "res",
    "sponsor": "spn",
    "supervisor": "ths",
    "contributor": "ctb",
    "other": "oth",
    "editorial-director": "pbd",
    "executive-producer": "fmp",
    "chair": "chr",
    "collection-editor": "col",
    "contact-person": "rpy",
    "holder": "own",
    "project-member": "rtm",
}

#: relatedItem/@type -> hub relation type (host and series are the container and the series).
RELATED_TO_HUB: dict[str, str] = {
    "preceding": "Continues",
    "succeeding": "IsContinuedBy",
    "original": "IsDerivedFrom",
    "otherFormat": "IsVariantFormOf",
    "otherVersion": "IsVersionOf",
    "constituent": "HasPart",
    "host": "IsPartOf",
    "series": "IsPartOf",
    "isReferencedBy": "IsReferencedBy",
    "references": "References",
    "reviewOf": "Reviews",
}
#: hub relation type -> relatedItem/@type (others are written as @otherType)
HUB_TO_RELATED: dict[str, str] = {
    v: k for k, v in RELATED_TO_HUB.items() if k not in ("host", "series")
}

#: identifier/@type -> hub scheme (other types: the canonical scheme of the word).
IDENTIFIER_TO_SCHEME: dict[str, str] = {
    "doi": "doi",
    "isbn": "isbn",
    "issn": "issn",
    "issn-l": "lissn",
    "eissn": "eissn",
    "uri": "url",
    "hdl": "handle",
    "handle": "handle",
    "pmid": "pmid",
    "pmcid": "pmcid",
    "arxiv": "arxiv",
    "urn": "urn",
    "ark": "ark",
    "local": "local",
    "lccn": "lccn",
    "oclc": "oclc",
    "isrc": "isrc",
    "ismn": "ismn",
    "issue number": "issue-number",
}
#: hub scheme -> identifier/@type written
SCHEME_TO_IDENTIFIER: dict[str, str] = {
    "doi": "doi",
    "isbn": "isbn",
    "issn": "issn",
    "lissn": "issn-l",
    "eissn": "eissn",
    "handle": "hdl",
    "pmid": "pmid",
    "pmcid": "pmcid",
    "arxiv": "arxiv",
    "urn": "urn",
    "ark": "ark",
    "local": "local",
}

#: originInfo date elements and the hub date type of each.
DATE_OF_ELEMENT: dict[str, str] = {
    "dateIssued": "issued",
    "dateCreated": "created",
    "copyrightDate": "copyrighted",
    "dateCaptured": "collected",
    "dateValid": "valid",
    "dateModified": "updated",
}
DATE_ELEMENTS: dict[str, str] = {v: k for k, v in DATE_OF_ELEMENT.items()}

#: Zotero's item type names (kept as the native type of a record read from a Zotero export).
ZOTERO_TYPES: frozenset[str] = frozenset(_ZOTERO)


def _hub_types() -> frozenset[str]:
    from biblioconv.vocab import RESOURCE_TYPES

    return frozenset(RESOURCE_TYPES)


#: The hub's type names (written as genre authority=local).
TYPES_BY_NAME: frozenset[str] = _hub_types()
