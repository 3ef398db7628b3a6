"""Dublin Core crosswalks: simple DC (``oai_dc``) and qualified DC (``dcterms``).

Dublin Core is untyped free text, so one element often feeds several homes in the record model,
chosen by the heuristics of :mod:`biblioconv.formats.dublin_core.heuristics`; each such home is one
row below (``approx`` where the element cannot say which home it is). The type table lists the
DCMI Type Vocabulary, the ``info:eu-repo/semantics`` types (DRIVER / OpenAIRE) and the most common
repository words (DSpace, EPrints).
"""

from __future__ import annotations

from biblioconv.crosswalk import Crosswalk, FieldMap, TypeMap
from biblioconv.vocab import RESOURCE_TYPES

__all__ = [
    "DCMI_TYPES",
    "DCTERMS_CROSSWALK",
    "DCTERMS_DATE_TYPES",
    "DCTERMS_RELATION_TYPES",
    "DC_CROSSWALK",
    "DC_ELEMENTS",
    "EU_REPO_TYPES",
    "REPOSITORY_TYPE_WORDS",
]

#: The 15 DCMES 1.1 elements, in their canonical order.
DC_ELEMENTS: tuple[str, ...] = (
    "title",
    "creator",
    "subject",
    "description",
    "publisher",
    "contributor",
    "date",
    "type",
    "format",
    "identifier",
    "source",
    "language",
    "relation",
    "coverage",
    "rights",
)

#: dcterms date refinements and the hub date type.
DCTERMS_DATE_TYPES: dict[str, str] = {
    "issued": "issued",
    "created": "created",
    "dateAccepted": "accepted",
    "dateSubmitted": "submitted",
    "available": "available",
    "modified": "updated",
    "dateCopyrighted": "copyrighted",
    "valid": "valid",
}

#: dcterms relation refinements and the hub relation type (DataCite's names).
DCTERMS_RELATION_TYPES: dict[str, str] = {
    "isVersionOf": "IsVersionOf",
    "hasVersion": "HasVersion",
    "isReplacedBy": "IsObsoletedBy",
    "replaces": "Obsoletes",
    "isRequiredBy": "IsRequiredBy",
    "requires": "Requires",
    "isPartOf": "IsPartOf",
    "hasPart": "HasPart",
    "isReferencedBy": "IsReferencedBy",
    "references": "References",
    "isFormatOf": "IsVariantFormOf",
    "hasFormat": "IsOriginalFormOf",
}

#: DCMI Type Vocabulary -> hub type (reading).
DCMI_TYPES: dict[str, str] = {
    "Collection": "collection",
    "Dataset": "dataset",
    "Event": "event",
    "Image": "image",
    "InteractiveResource": "interactive-resource",
    "MovingImage": "audiovisual",
    "PhysicalObject": "physical-object",
    "Service": "service",
    "Software": "software",
    "Sound": "sound",
    "StillImage": "image",
    "Text": "document",
}

#: hub type -> DCMI Type (writing; FORMATS section 3, last column, extended to every hub type).
_DCMI_WRITE: dict[str, str] = {
    "collection": "Collection",
    "dataset": "Dataset",
    "model": "Dataset",
    "event": "Event",
    "performance": "Event",
    "image": "StillImage",
    "figure": "StillImage",
    "map": "StillImage",
    "interactive-resource": "InteractiveResource",
    "webpage": "InteractiveResource",
    "audiovisual": "MovingImage",
    "motion-picture": "MovingImage",
    "broadcast": "MovingImage",
    "physical-object": "PhysicalObject",
    "instrument": "PhysicalObject",
    "service": "Service",
    "software": "Software",
    "computational-notebook": "Software",
    "workflow": "Software",
    "sound": "Sound",
    "song": "Sound",
}

#: info:eu-repo/semantics publication types (DRIVER 2 / OpenAIRE 3, plus variants seen in
#: harvests) -> hub type.
EU_REPO_TYPES: dict[str, str] = {
    "article": "article-journal",
    "bachelorThesis": "thesis",
    "masterThesis": "thesis",
    "doctoralThesis": "thesis",
    "studentThesis": "thesis",
    "book": "book",
    "bookPart": "chapter",
    "review": "review",
    "bookReview": "review-book",
    "conferenceObject": "paper-conference",
    "conferencePaper": "paper-conference",
    "conferenceContribution": "paper-conference",
    "conferenceItem": "paper-conference",
    "conferencePoster": "poster",
    "conferenceProceedings": "proceedings",
    "lecture": "presentation",
    "workingPaper": "report",
    "preprint": "preprint",
    "report": "report",
    "reportPart": "report",
    "researchProposal": "document",
    "annotation": "document",
    "contributionToPeriodical": "article-magazine",
    "patent": "patent",
    "dataset": "dataset",
    "other": "other",
}

#: hub type -> info:eu-repo/semantics type written (the DRIVER list; dataset as OpenAIRE data).
EU_REPO_WRITE: dict[str, str] = {
    "article-journal": "article",
    "data-paper": "article",
    "article-magazine": "contributionToPeriodical",
    "article-newspaper": "contributionToPeriodical",
    "preprint": "preprint",
    "thesis": "doctoralThesis",
    "book": "book",
    "edited-book": "book",
    "multivolume-book": "book",
    "proceedings": "book",
    "manual": "book",
    "chapter": "bookPart",
    "entry-encyclopedia": "bookPart",
    "entry-dictionary": "bookPart",
    "review": "review",
    "review-book": "review",
    "peer-review": "review",
    "paper-conference": "conferenceObject",
    "poster": "conferenceObject",
    "presentation": "lecture",
    "speech": "lecture",
    "report": "report",
    "output-management-plan": "report",
    "standard": "report",
    "patent": "patent",
    "dataset": "dataset",
    "annotation": "annotation",
}

#: Repository words for types (DSpace defaults, EPrints labels, common usage), normalised to
#: lower case with punctuation removed -> hub type.
REPOSITORY_TYPE_WORDS: dict[str, str] = {
    "article": "article-journal",
    "journal article": "article-journal",
    "journal articles": "article-journal",
    "article in journal": "article-journal",
    "research article": "article-journal",
    "journal contribution": "article-journal",
    "contribution to journal": "article-journal",
    "scholarly article": "article-journal",
    "editorial": "article-journal",
    "magazine article": "article-magazine",
    "newspaper article": "article-newspaper",
    "conference paper": "paper-conference",
    "conference item": "paper-conference",
    "conference or workshop item": "paper-conference",
    "conference contribution": "paper-conference",
    "conference object": "paper-conference",
    "conference proceedings paper": "paper-conference",
    "paper in conference proceedings": "paper-conference",
    "proceedings paper": "paper-conference",
    "conference proceedings": "proceedings",
    "proceedings": "proceedings",
    "conference poster": "poster",
    "poster": "poster",
    "presentation": "presentation",
    "conference presentation": "presentation",
    "lecture": "presentation",
    "thesis": "thesis",
    "dissertation": "thesis",
    "thesis or dissertation": "thesis",
    "doctoral thesis": "thesis",
    "phd thesis": "thesis",
    "masters thesis": "thesis",
    "master thesis": "thesis",
    "bachelors thesis": "thesis",
    "book": "book",
    "monograph": "book",
    "edited book": "edited-book",
    "book chapter": "chapter",
    "chapter": "chapter",
    "book section": "chapter",
    "book part": "chapter",
    "part of book": "chapter",
    "chapter in book": "chapter",
    "encyclopedia entry": "entry-encyclopedia",
    "dictionary entry": "entry-dictionary",
    "report": "report",
    "technical report": "report",
    "research report": "report",
    "working paper": "report",
    "discussion paper": "report",
    "preprint": "preprint",
    "pre-print": "preprint",
    "dataset": "dataset",
    "data set": "dataset",
    "software": "software",
    "computer program": "software",
    "image": "image",
    "photograph": "image",
    "figure": "figure",
    "video": "audiovisual",
    "film": "motion-picture",
    "animation": "audiovisual",
    "audio": "sound",
    "recording acoustical": "sound",
    "recording musical": "sound",
    "recording oral": "sound",
    "map": "map",
    "musical score": "musical-score",
    "composition": "musical-score",
    "patent": "patent",
    "review": "review",
    "book review": "review-book",
    "letter": "letter",
    "interview": "interview",
    "manuscript": "manuscript",
    "website": "webpage",
    "web page": "webpage",
    "webpage": "webpage",
    "blog post": "post-weblog",
    "standard": "standard",
    "artefact": "physical-object",
    "artifact": "physical-object",
    "show exhibition": "performance",
    "exhibition": "performance",
    "performance": "performance",
    "learning object": "other",
    "teaching resource": "other",
    "experiment": "dataset",
    "other": "other",
}

_F = FieldMap

_DC_FIELDS: tuple[FieldMap, ...] = (
    _F("dc:title", "titles(type=main).text", note="the first dc:title"),
    _F("dc:title", "titles(type=alternative).text", "approx", "further dc:title, same language"),
    _F("dc:title", "titles(type=translated).text", "approx", "further dc:title, other xml:lang"),
    _F("dc:title", "titles(type=subtitle).text", "approx", "written joined 'Title: Subtitle'"),
    _F("dc:title", "version", "approx", "a trailing '(v1.2)' / '(version 1.2)'"),
    _F("dc:creator", "contributors(role=author)", note="'Family, Given', 'Given Family', ORCID"),
    _F("dc:creator", "contributors(role=author,kind=organization)", note="by name keywords"),
    _F("dc:creator", "contributors.identifiers", "approx", "a creator given only as an ORCID"),
    _F("dc:subject", "subjects.term", note="split at ';'"),
    _F("dc:description", "descriptions(type=abstract).text", "approx", "the only or a long one"),
    _F("dc:description", "descriptions(type=note).text", "approx", "short ones beside another"),
    _F("dc:publisher", "publisher.name", note="further publishers kept in extras"),
    _F("dc:contributor", "contributors(role=contributor)", note="role unknown"),
    _F("dc:contributor", "contributors(role=editor)", "approx", "role lost"),
    _F("dc:contributor", "contributors(role=translator)", "approx", "role lost"),
    _F("dc:contributor", "contributors.affiliations", "approx", "written as organisations"),
    _F("dc:contributor", "funding.funder_name", "approx", "funder written as a contributor"),
    _F("dc:date", "dates(type=issued)", "approx", "the first date without a time of day"),
    _F("dc:date", "dates(type=available)", "approx", "repository time stamps, embargo end"),
    _F("dc:date", "dates(type=accepted)", "approx", "written untyped"),
    _F("dc:date", "dates(type=submitted)", "approx", "written untyped"),
    _F("dc:date", "dates(type=created)", "approx", "written untyped"),
    _F("dc:date", "dates(type=updated)", "approx", "written untyped"),
    _F("dc:date", "dates(type=original)", "approx", "written untyped"),
    _F("dc:date", "dates(type=other)", "approx", "further dates"),
    _F("dc:date", "dates(type=deposited)", "approx", "written untyped"),
    _F("dc:date", "dates(type=copyrighted)", "approx", "written untyped"),
    _F("dc:date", "dates(type=valid)", "approx", "written untyped"),
    _F("dc:date", "dates(type=collected)", "approx", "written untyped"),
    _F("dc:date", "dates(type=withdrawn)", "approx", "written untyped"),
    _F("dc:type", "type", "approx", "DCMI Type, info:eu-repo/semantics, repository words"),
    _F("dc:type", "genre", note="the repository's own type word"),
    _F("dc:type", "publication_status", "approx", "info:eu-repo/semantics/*Version"),
    _F("dc:type", "peer_reviewed", "approx", "'PeerReviewed' / 'NonPeerReviewed' (EPrints)"),
    _F("dc:format", "formats", note="media types and media"),
    _F("dc:format", "sizes", "approx", "'12 pages', '3.2 MB'"),
    _F("dc:format", "number_of_pages", "approx", "written as 'N pages', read as a size"),
    _F("dc:identifier", "identifiers(scheme=doi)", note="any DOI form"),
    _F("dc:identifier", "identifiers(scheme=url)"),
    _F("dc:identifier", "identifiers(scheme=handle)"),
    _F("dc:identifier", "identifiers(scheme=urn-nbn)"),
    _F("dc:identifier", "identifiers(scheme=isbn)", note="the container's for parts of books"),
    _F("dc:identifier", "identifiers(scheme=pmid)"),
    _F("dc:identifier", "identifiers(scheme=arxiv)"),
    _F("dc:identifier", "identifiers(scheme=local)", "approx", "labels are lost"),
    _F("dc:identifier", "identifiers", note="classified by pattern"),
    _F("dc:identifier", "container.identifiers(scheme=issn)", "approx", "ISSN of a part"),
    _F("dc:identifier", "attachments", "approx", "URLs of files (.pdf, /bitstream/)"),
    _F("dc:identifier", "citation", "approx", "a citation string (EPrints)"),
    _F("dc:source", "container.titles(type=main).text", "approx", "'Journal, 8(3), 190-198'"),
    _F("dc:source", "container.volume", "approx", "parsed from the citation"),
    _F("dc:source", "container.issue", "approx", "parsed from the citation"),
    _F("dc:source", "container.pages", "approx", "parsed from the citation"),
    _F("dc:source", "container.identifiers", "approx", "'ISSN 2055-8074' in the citation"),
    _F("dc:source", "relations(type=IsDerivedFrom)", "approx", "identifiers, other text"),
    _F("dc:language", "language", note="to BCP 47 (ISO 639-2/-3 codes, English names)"),
    _F("dc:relation", "relations", "approx", "relation type unknown ('Other')"),
    _F("dc:relation", "identifiers", "approx", "info:eu-repo/semantics/altIdentifier/*"),
    _F("dc:relation", "funding", "approx", "info:eu-repo/grantAgreement/*"),
    _F("dc:relation", "series.titles(type=main).text", "approx", "written 'Series; number'"),
    _F("dc:relation", "series.number", "approx", "written 'Series; number'"),
    _F("dc:relation", "related_items", "approx", "written as a citation string"),
    _F("dc:coverage", "geo_locations", "approx", "places, DCMI Point / Box"),
    _F("dc:coverage", "dates(type=coverage)", "approx", "dates and periods"),
    _F("dc:rights", "rights", note="licence URIs recognised (SPDX ids for Creative Commons)"),
    _F("dc:rights", "access_rights", "approx", "info:eu-repo/semantics/*Access"),
)

_REFINEMENT_FIELDS: tuple[FieldMap, ...] = (
    _F("dcterms:alternative", "titles(type=alternative).text"),
    _F("dcterms:alternative", "titles(type=translated).text", "approx", "other xml:lang"),
    _F("dcterms:tableOfContents", "descriptions(type=table-of-contents).text"),
    _F("dcterms:abstract", "descriptions(type=abstract).text"),
    _F("dcterms:created", "dates(type=created)"),
    _F("dcterms:valid", "dates(type=valid)"),
    _F("dcterms:available", "dates(type=available)"),
    _F("dcterms:issued", "dates(type=issued)"),
    _F("dcterms:modified", "dates(type=updated)"),
    _F("dcterms:dateAccepted", "dates(type=accepted)"),
    _F("dcterms:dateCopyrighted", "dates(type=copyrighted)"),
    _F("dcterms:dateSubmitted", "dates(type=submitted)"),
    _F("dcterms:extent", "sizes"),
    _F("dcterms:extent", "number_of_pages", "approx", "written as 'N pages'"),
    _F("dcterms:medium", "formats", "approx", "read as a format"),
    _F("dcterms:isVersionOf", "relations(type=IsVersionOf)"),
    _F("dcterms:hasVersion", "relations(type=HasVersion)"),
    _F("dcterms:isReplacedBy", "relations(type=IsObsoletedBy)"),
    _F("dcterms:replaces", "relations(type=Obsoletes)"),
    _F("dcterms:isRequiredBy", "relations(type=IsRequiredBy)"),
    _F("dcterms:requires", "relations(type=Requires)"),
    _F("dcterms:isPartOf", "relations(type=IsPartOf)", note="identifiers"),
    _F("dcterms:isPartOf", "container.titles(type=main).text", "approx", "text: the container"),
    _F("dcterms:isPartOf", "container.identifiers", "approx", "ISSN / ISBN: the container"),
    _F("dcterms:hasPart", "relations(type=HasPart)"),
    _F("dcterms:isReferencedBy", "relations(type=IsReferencedBy)"),
    _F("dcterms:references", "relations(type=References)"),
    _F("dcterms:isFormatOf", "relations(type=IsVariantFormOf)"),
    _F("dcterms:hasFormat", "relations(type=IsOriginalFormOf)"),
    _F("dcterms:conformsTo", "relations(type=Other)", "approx", "type_information 'conformsTo'"),
    _F("dcterms:spatial", "geo_locations", note="xsi:type Point / Box parsed"),
    _F("dcterms:temporal", "dates(type=coverage)", note="xsi:type Period parsed"),
    _F("dcterms:audience", "extras", "extras"),
    _F("dcterms:accrualMethod", "extras", "extras"),
    _F("dcterms:accrualPeriodicity", "extras", "extras"),
    _F("dcterms:accrualPolicy", "extras", "extras"),
    _F("dcterms:instructionalMethod", "extras", "extras"),
    _F("dcterms:provenance", "extras", "extras"),
    _F("dcterms:rightsHolder", "contributors(role=rights-holder)"),
    _F("dcterms:mediator", "extras", "extras"),
    _F("dcterms:educationLevel", "extras", "extras"),
    _F("dcterms:accessRights", "access_rights"),
    _F("dcterms:license", "rights.uri", note="SPDX ids for Creative Commons URIs"),
    _F("dcterms:bibliographicCitation", "citation"),
    _F("dcterms:bibliographicCitation", "container.volume", "approx", "parsed"),
    _F("dcterms:bibliographicCitation", "container.issue", "approx", "parsed"),
    _F("dcterms:bibliographicCitation", "container.pages", "approx", "parsed"),
)

_ENVELOPE_FIELDS: tuple[FieldMap, ...] = (
    _F("oai:header/identifier", "id", note="OAI-PMH record header"),
    _F("oai:header/datestamp", "extras", "extras", "written back in OAI-PMH output"),
    _F("oai:header/setSpec", "extras", "extras", "written back in OAI-PMH output"),
    _F("rdf:Description@rdf:about", "identifiers", "approx", "classified like dc:identifier"),
)


def _twin(fm: FieldMap) -> FieldMap:
    return FieldMap("dcterms:" + fm.field[3:], fm.home, fm.kind, fm.note)


_T = TypeMap


def _types() -> tuple[TypeMap, ...]:
    rows: list[TypeMap] = []
    written: set[str] = set()
    for native, hub in DCMI_TYPES.items():
        rows.append(_T(native, hub, write=dcmi_type_for(hub) == native, note="DCMI Type"))
    # Text is the DCMI term for every textual hub type; generic types fall back to it.
    for hub, native in _DCMI_WRITE.items():
        if DCMI_TYPES.get(native) != hub:
            rows.append(_T(native, hub, read=False, note="DCMI Type"))
        written.add(hub)
    for native, hub in EU_REPO_TYPES.items():
        rows.append(
            _T(
                f"info:eu-repo/semantics/{native}",
                hub,
                write=EU_REPO_WRITE.get(hub) == native,
                note="DRIVER / OpenAIRE",
            )
        )
    for word, hub in REPOSITORY_TYPE_WORDS.items():
        rows.append(_T(word, hub, write=False, note="repository word"))
    covered = {r.hub for r in rows if r.write}
    for hub in RESOURCE_TYPES:
        if hub not in covered:
            rows.append(_T("Text", hub, read=False, note="DCMI Type (generic)"))
    return tuple(rows)


def dcmi_type_for(hub: str) -> str:
    """The DCMI Type written for a hub type (``Text`` for every textual type)."""
    return _DCMI_WRITE.get(hub, "Text")


_TYPES = _types()

_COMMON_UNMAPPED: dict[str, str] = {
    "titles(type=short)": "Dublin Core has no short title",
    "contributors.identifiers": "names are plain text (only a person known solely by ORCID is "
    "written, as the ORCID URL)",
    "et_al": "Dublin Core has no 'and others' marker",
    "dates(type=accessed)": "the date a citer accessed the resource is not Dublin Core data",
    "publisher.place": "Dublin Core has no place of publication",
    "publisher.identifiers": "publishers are plain text",
    "container.titles(type=short)": "no home for an abbreviated container title",
    "container.number": "no home for an article number",
    "event.title": "Dublin Core has no event",
    "event.place": "Dublin Core has no event",
    "edition": "Dublin Core has no edition",
    "number": "no home for a report or patent number",
    "archive": "no home for the holding archive",
    "original": "no home for the original publication",
    "chapter": "no home for a chapter number",
    "section": "no home for a section",
    "part": "no home for a part",
    "number_of_volumes": "no home for a number of volumes",
    "contributors.affiliations.identifiers": "affiliations are plain text",
    "funding.funder_identifier": "funders are plain text",
    "subjects.value_uri": "subjects are plain text",
    "subjects.code": "a subject is written as its term",
    "dates.information": "no home for date information",
}

DC_CROSSWALK = Crosswalk(
    format="dc",
    fields=_DC_FIELDS + _ENVELOPE_FIELDS,
    types=_TYPES,
    unmapped={
        **_COMMON_UNMAPPED,
        "subjects.scheme": "oai_dc allows no xsi:type; subject schemes are lost",
    },
)

DCTERMS_CROSSWALK = Crosswalk(
    format="dcterms",
    fields=(
        _DC_FIELDS
        + tuple(_twin(fm) for fm in _DC_FIELDS)
        + _REFINEMENT_FIELDS
        + _ENVELOPE_FIELDS
        + (_F("dcterms:subject", "subjects.scheme", "approx", "xsi:type LCSH/MESH/DDC/LCC/UDC"),)
    ),
    types=_TYPES,
    unmapped=dict(_COMMON_UNMAPPED),
)
