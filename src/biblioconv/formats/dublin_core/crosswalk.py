"""Dublin Core crosswalks: simple DC (``oai_dc``) and qualified DC (``dcterms``).

Dublin Core is untyped free text, so one element often feeds several homes in the record model,
chosen by the heuristics of :mod:`biblioconv.formats.dublin_core.heuristics`; each such home is one
row below (``approx`` where the element cannot say which home it is). The type table lists the
DCMI Type Vocabulary, the ``info:eu-repo/semantics`` types (DRIVER / OpenAIRE) and the most common
repository words (DSpace, EPrints).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from biblioconv.crosswalk import Crosswalk, FieldMap, Kind, TypeMap
from biblioconv.rules import Rule, RuleContext, RuleTable
from biblioconv.vocab import RESOURCE_TYPES

__all__ = [
    "DCMI_TYPES",
    "DCTERMS_CROSSWALK",
    "DCTERMS_DATE_TYPES",
    "DCTERMS_RELATION_TYPES",
    "DC_CROSSWALK",
    "DC_ELEMENTS",
    "EU_REPO_TYPES",
    "PARTLY_CARRIED",
    "READERS",
    "REPOSITORY_TYPE_WORDS",
    "RULES",
    "RULE_TABLE",
    "SUBJECT_SCHEMES",
    "SUBJECT_XSI",
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


def _doc(source: str, home: str, kind: Kind = "approx", note: str = "") -> Rule:
    """A further home an element is read into by the heuristics (documentation row)."""
    return Rule(source, home, kind, to_hub=None, from_hub=None, note=note, read=False, write=False)


def _reads(name: str) -> Callable[[Any, RuleContext], Any]:
    """Reading: the reader's method ``name`` (``ctx.options`` is the reader's record builder)."""

    def to_hub(entry: Any, ctx: RuleContext) -> Any:
        return getattr(ctx.options, name)(entry)

    to_hub.__name__ = f"read_{name}"
    return to_hub


def _in_group(entry: Any, ctx: RuleContext) -> None:
    """Reading: read with the other elements of the group (titles, types, dates, descriptions
    are decided together)."""


def _writes(name: str) -> Callable[[list[Any], RuleContext], Any]:
    """Writing: the writer's method ``name`` (``ctx.options`` is the record being written), which
    adds the elements of the values and gives ``None`` when it wrote nothing."""

    def from_hub(values: list[Any], ctx: RuleContext) -> Any:
        return getattr(ctx.options, name)(values)

    from_hub.__name__ = f"write_{name}"
    return from_hub


def _qualified(ctx: RuleContext) -> bool:
    return bool(ctx.options.qualified)


def _simple(ctx: RuleContext) -> bool:
    return not ctx.options.qualified


def _affiliations_written(ctx: RuleContext) -> bool:
    return bool(ctx.options.opts.affiliations_as_contributors)


def _affiliations_not_written(ctx: RuleContext) -> bool:
    return not ctx.options.opts.affiliations_as_contributors


def _openaire(ctx: RuleContext) -> bool:
    return bool(ctx.options.opts.openaire)


def _not_openaire(ctx: RuleContext) -> bool:
    return not ctx.options.opts.openaire


#: what a date written as W3CDTF / EDTF text carries (not its information)
_DATE_PARTS = (
    "type",
    "start",
    "end",
    "open_start",
    "open_end",
    "approximate",
    "uncertain",
    "literal",
)

_NAME_PARTS = (
    "role",
    "kind",
    "family",
    "given",
    "non_dropping_particle",
    "dropping_particle",
    "suffix",
    "literal",
    "lang",
)


def _name_parts(c: Any) -> tuple[str, ...]:
    """What a name written as text carries: its parts (and its ORCID when it is all there is)."""
    if c.family or c.literal or c.given:
        return _NAME_PARTS
    return (*_NAME_PARTS, "identifiers")


def _name_parts_affiliated(c: Any) -> tuple[str, ...]:
    return (*_name_parts(c), "affiliations")


def _subject_parts(s: Any) -> tuple[str, ...]:
    if (s.scheme or "").lower() in SUBJECT_XSI:
        return ("term", "lang", "scheme")
    return ("term", "lang")


def _relation_parts(r: Any) -> tuple[str, ...]:
    """What a relation written as its identifier or else its citation carries (a conformsTo
    type): one ``dc:relation`` value, so a relation with both loses its citation."""
    parts: tuple[str, ...] = ("type", "identifier") if r.identifier else ("type", "citation")
    if r.type_information == "conformsTo":
        return (*parts, "type_information")
    return parts


#: Why a value some rows carry is not written in a record (by the path with indexes left out),
#: for what :func:`biblioconv.rules.uncarried` finds that no ``unmapped`` entry explains.
PARTLY_CARRIED: dict[str, str] = {
    "relations.citation": "a relation is written as one value, its identifier: the citation of "
    "a relation with an identifier is not written",
}


def _place_parts(g: Any) -> tuple[str, ...]:
    """What a place written as a DCMI Point, a DCMI Box or its name carries (one of them)."""
    if g.point:
        return ("place", "point")
    return ("place", "box") if g.box else ("place",)


def _funding_parts(f: Any) -> tuple[str, ...]:
    return ("funder_name", "award_uri") if f.award_uri else ("funder_name", "award_number")


#: subject encoding schemes (xsi:type in dcterms) -> the hub scheme read
SUBJECT_SCHEMES: dict[str, str] = {
    "LCSH": "LCSH",
    "MESH": "MeSH",
    "DDC": "DDC",
    "LCC": "LCC",
    "UDC": "UDC",
}
#: hub scheme (lower case) -> the encoding scheme written
SUBJECT_XSI: dict[str, str] = {hub.lower(): xsi for xsi, hub in SUBJECT_SCHEMES.items()}

_C = "dc:contributor"

#: The elements and terms, each with its home, in the order the writer writes them. Rows with a
#: reader (``to_hub``) say which method of the reader reads the element; rows with a writer
#: (``from_hub``) add the elements for the values at their home, carrying ``parts`` of each;
#: the others document a further home the heuristics read an element into.
RULES: tuple[Rule, ...] = (
    Rule(
        "dc:title",
        "titles",
        to_hub=_in_group,
        from_hub=_writes("titles"),
        take="all",
        uses=("titles(type=subtitle)", "version"),
        note="the first is the main title (subtitle joined 'Title: Subtitle', version appended "
        "'(v1.2)'); further ones alternative (dcterms:alternative) or translated (other xml:lang)",
    ),
    _doc("dc:title", "titles(type=main).text", "exact", "the first dc:title"),
    _doc("dc:title", "titles(type=alternative).text", note="further dc:title, same language"),
    _doc("dc:title", "titles(type=translated).text", note="further dc:title, other xml:lang"),
    _doc("dc:title", "version", note="a trailing '(v1.2)' / '(version 1.2)'"),
    Rule("dcterms:alternative", "titles(type=alternative).text", to_hub=_in_group, from_hub=None),
    _doc("dcterms:alternative", "titles(type=translated).text", note="other xml:lang"),
    Rule(
        "dc:creator",
        "contributors(role=author)",
        to_hub=_reads("creator"),
        from_hub=_writes("creators"),
        take="all",
        parts=_name_parts_affiliated,
        when=_affiliations_written,
        note="'Family, Given', 'Given Family', ORCID",
    ),
    Rule(
        "dc:creator",
        "contributors(role=author)",
        to_hub=_reads("creator"),
        from_hub=_writes("creators"),
        take="all",
        parts=_name_parts,
        when=_affiliations_not_written,
        read=False,
    ),
    _doc("dc:creator", "contributors(role=author,kind=organization)", "exact", "by name keywords"),
    _doc("dc:creator", "contributors.identifiers", note="a creator given only as an ORCID"),
    Rule(
        "dc:subject",
        "subjects",
        to_hub=_reads("subject"),
        from_hub=_writes("subjects"),
        take="all",
        parts=("term", "lang"),
        when=_simple,
        note="split at ';'",
    ),
    Rule(
        "dcterms:subject",
        "subjects",
        to_hub=None,
        from_hub=_writes("subjects"),
        take="all",
        parts=_subject_parts,
        when=_qualified,
        note="xsi:type LCSH/MESH/DDC/LCC/UDC",
    ),
    _doc("dcterms:subject", "subjects.scheme", note="xsi:type LCSH/MESH/DDC/LCC/UDC"),
    Rule(
        "dc:description",
        "descriptions",
        to_hub=_in_group,
        from_hub=_writes("descriptions"),
        take="all",
        note="the only or a long one an abstract, short ones beside another notes",
    ),
    _doc("dc:description", "descriptions(type=abstract).text", note="the only or a long one"),
    _doc("dc:description", "descriptions(type=note).text", note="short ones beside another"),
    Rule("dcterms:abstract", "descriptions(type=abstract).text", to_hub=_in_group, from_hub=None),
    Rule(
        "dcterms:tableOfContents",
        "descriptions(type=table-of-contents).text",
        to_hub=_reads("toc"),
        from_hub=None,
    ),
    Rule(
        "dc:publisher",
        "publisher",
        to_hub=_reads("publisher"),
        from_hub=_writes("publisher"),
        parts=("name", "lang"),
        note="further publishers kept in extras",
    ),
    _doc("dc:publisher", "publisher.name", "exact"),
    Rule(
        _C,
        "contributors",
        to_hub=_reads("contributor"),
        from_hub=_writes("contributors"),
        take="all",
        parts=_name_parts_affiliated,
        when=_affiliations_written,
        note="role unknown (read as contributor): editors, translators... lose their role",
    ),
    Rule(
        _C,
        "contributors",
        to_hub=None,
        from_hub=_writes("contributors"),
        take="all",
        parts=_name_parts,
        when=_affiliations_not_written,
    ),
    Rule(
        "dcterms:rightsHolder",
        "contributors(role=rights-holder)",
        to_hub=_reads("rights_holder"),
        from_hub=None,
    ),
    Rule(
        "dc:contributor",
        "contributors.affiliations",
        "approx",
        to_hub=None,
        from_hub=_writes("affiliations"),
        take="all",
        parts=("name",),
        when=_affiliations_written,
        note="written as organisations (option affiliations_as_contributors)",
    ),
    Rule(
        "dc:contributor",
        "funding",
        "approx",
        to_hub=None,
        from_hub=_writes("funders"),
        take="all",
        parts=_funding_parts,
        when=_not_openaire,
        note="funder written as a contributor, the award as a dc:relation",
    ),
    Rule(
        "dc:date",
        "dates",
        to_hub=_in_group,
        from_hub=_writes("dates"),
        take="all",
        parts=_DATE_PARTS,
        note="the first date without a time of day is the issue date; oai_dc has no date types",
    ),
    _doc("dc:date", "dates(type=issued)", note="the first date without a time of day"),
    _doc("dc:date", "dates(type=accepted)", note="oai_dc: written untyped"),
    _doc("dc:date", "dates(type=submitted)", note="oai_dc: written untyped"),
    _doc("dc:date", "dates(type=created)", note="oai_dc: written untyped"),
    _doc("dc:date", "dates(type=updated)", note="oai_dc: written untyped"),
    _doc("dc:date", "dates(type=original)", note="written untyped"),
    _doc("dc:date", "dates(type=deposited)", note="written untyped"),
    _doc("dc:date", "dates(type=collected)", note="written untyped"),
    _doc("dc:date", "dates(type=copyrighted)", note="oai_dc: written untyped"),
    _doc("dc:date", "dates(type=valid)", note="oai_dc: written untyped"),
    _doc("dc:date", "dates(type=withdrawn)", note="written untyped"),
    _doc("dc:date", "dates(type=available)", note="repository time stamps, embargo end"),
    _doc("dc:date", "dates(type=other)", note="further dates"),
    *(
        Rule(f"dcterms:{term}", f"dates(type={hub})", to_hub=_in_group, from_hub=None)
        for term, hub in DCTERMS_DATE_TYPES.items()
    ),
    Rule(
        "dc:type",
        "type",
        to_hub=_in_group,
        from_hub=_writes("types"),
        note="DCMI Type, info:eu-repo/semantics, repository words",
    ),
    Rule(
        "dc:type",
        "genre",
        to_hub=None,
        from_hub=_writes("written_with_type"),
        note="the repository's own type word",
    ),
    Rule(
        "dc:type",
        "publication_status",
        to_hub=None,
        from_hub=_writes("status"),
        when=_openaire,
        note="info:eu-repo/semantics/*Version",
    ),
    Rule(
        "dc:type",
        "peer_reviewed",
        to_hub=None,
        from_hub=_writes("written_with_type"),
        note="'PeerReviewed' / 'NonPeerReviewed' (EPrints)",
    ),
    Rule(
        "dc:format",
        "formats",
        to_hub=_reads("format"),
        from_hub=_writes("formats"),
        take="all",
        note="media types and media",
    ),
    Rule(
        "dcterms:extent",
        "sizes",
        to_hub=_reads("format"),
        from_hub=_writes("sizes"),
        take="all",
        note="'12 pages', '3.2 MB' (dc:format in oai_dc)",
    ),
    Rule(
        "dcterms:extent ",
        "number_of_pages",
        to_hub=None,
        from_hub=_writes("pages"),
        note="written as 'N pages', read back as the number of pages",
    ),
    _doc("dc:format", "sizes", note="'12 pages', '3.2 MB'"),
    _doc("dc:format", "number_of_pages", note="written as 'N pages'"),
    Rule("dcterms:medium", "formats", "approx", to_hub=_reads("format"), from_hub=None),
    Rule(
        "dc:identifier",
        "identifiers",
        to_hub=_reads("identifier"),
        from_hub=_writes("identifiers"),
        take="all",
        parts=("scheme", "value", "valid"),
        note="classified by pattern (DOI, URL, handle, URN:NBN, ISBN, PMID, arXiv...)",
    ),
    _doc("dc:identifier", "identifiers(scheme=local)", note="labels are lost"),
    _doc("dc:identifier", "container.identifiers(scheme=issn)", note="ISSN of a part"),
    Rule(
        "dc:identifier",
        "attachments",
        "approx",
        to_hub=None,
        from_hub=_writes("attachments"),
        take="all",
        parts=("url",),
        note="URLs of files (.pdf, /bitstream/) read back as attachments, others as URLs",
    ),
    Rule(
        "dcterms:bibliographicCitation",
        "citation",
        to_hub=_reads("citation"),
        from_hub=_writes("citation"),
        when=_qualified,
    ),
    Rule(
        "dc:identifier",
        "citation",
        "approx",
        to_hub=None,
        from_hub=_writes("citation"),
        when=_simple,
        note="a citation string (EPrints)",
    ),
    _doc("dcterms:bibliographicCitation", "container.volume", note="parsed"),
    _doc("dcterms:bibliographicCitation", "container.issue", note="parsed"),
    _doc("dcterms:bibliographicCitation", "container.pages", note="parsed"),
    Rule(
        "dc:source",
        "container",
        to_hub=_reads("source"),
        from_hub=_writes("container"),
        parts=("titles", "volume", "issue", "pages", "identifiers", "issued", "publisher", "type"),
        note="as a citation 'Journal, 8(3), 190-198' (dcterms: isPartOf the title), ISSN/ISBN "
        "as isPartOf",
    ),
    _doc("dc:source", "container.titles(type=main).text", note="'Journal, 8(3), 190-198'"),
    _doc("dc:source", "container.volume", note="parsed from the citation"),
    _doc("dc:source", "container.issue", note="parsed from the citation"),
    _doc("dc:source", "container.pages", note="parsed from the citation"),
    _doc("dc:source", "container.identifiers", note="'ISSN 2055-8074' in the citation"),
    _doc("dc:source", "relations(type=IsDerivedFrom)", note="identifiers, other text"),
    Rule(
        "dc:language",
        "language",
        to_hub=_reads("language"),
        from_hub=_writes("language"),
        note="to BCP 47 (ISO 639-2/-3 codes, English names)",
    ),
    Rule(
        "dc:relation",
        "relations",
        to_hub=_reads("relation"),
        from_hub=_writes("relations"),
        take="all",
        parts=_relation_parts,
        note="relation type unknown ('Other'); dcterms refinements below; IsDerivedFrom as "
        "dc:source",
    ),
    *(
        Rule(f"dcterms:{term}", f"relations(type={hub})", to_hub=_reads("relation"), from_hub=None)
        for term, hub in DCTERMS_RELATION_TYPES.items()
    ),
    Rule(
        "dcterms:conformsTo",
        "relations(type=Other)",
        "approx",
        to_hub=_reads("relation"),
        from_hub=None,
        note="type_information 'conformsTo'",
    ),
    _doc("dc:relation", "identifiers", note="info:eu-repo/semantics/altIdentifier/*"),
    Rule(
        "dc:relation",
        "funding",
        "approx",
        to_hub=None,
        from_hub=_writes("grants"),
        take="all",
        when=_openaire,
        note="info:eu-repo/grantAgreement/*",
    ),
    Rule(
        "dc:relation",
        "related_items",
        "approx",
        to_hub=None,
        from_hub=_writes("related_items"),
        take="all",
        note="written as a citation string",
    ),
    Rule(
        "dc:relation",
        "series",
        "approx",
        to_hub=None,
        from_hub=_writes("series"),
        parts=("titles", "number"),
        note="written 'Series; number'",
    ),
    _doc("dc:relation", "series.titles(type=main).text", note="written 'Series; number'"),
    _doc("dc:relation", "series.number", note="written 'Series; number'"),
    Rule(
        "dc:coverage",
        "geo_locations",
        to_hub=_reads("coverage"),
        from_hub=_writes("places"),
        take="all",
        parts=_place_parts,
        note="places, DCMI Point / Box",
    ),
    _doc("dc:coverage", "dates(type=coverage)", note="dates and periods"),
    Rule("dcterms:spatial", "geo_locations", to_hub=_reads("coverage"), from_hub=None),
    Rule(
        "dcterms:temporal",
        "dates(type=coverage)",
        to_hub=_reads("temporal"),
        from_hub=_writes("periods"),
        take="all",
        note="dates and periods (xsi:type Period)",
    ),
    Rule(
        "dc:rights",
        "rights",
        to_hub=_reads("rights"),
        from_hub=_writes("rights"),
        take="all",
        parts=("uri", "statement", "identifier", "identifier_scheme", "scheme_uri", "lang"),
        note="licence URIs recognised (SPDX ids for Creative Commons)",
    ),
    Rule("dcterms:license", "rights.uri", to_hub=_reads("rights"), from_hub=None),
    Rule(
        "dcterms:accessRights",
        "access_rights",
        to_hub=_reads("rights"),
        from_hub=_writes("access"),
        note="info:eu-repo/semantics/*Access (dc:rights in oai_dc)",
    ),
    _doc("dc:rights", "access_rights", note="info:eu-repo/semantics/*Access"),
    *(
        Rule(f"dcterms:{term}", "extras", "extras", to_hub=None, from_hub=None)
        for term in (
            "audience",
            "accrualMethod",
            "accrualPeriodicity",
            "accrualPolicy",
            "instructionalMethod",
            "provenance",
            "mediator",
            "educationLevel",
        )
    ),
    Rule("oai:header/identifier", "id", from_hub=None, note="OAI-PMH record header"),
    Rule(
        "oai:header/datestamp",
        "extras",
        "extras",
        from_hub=None,
        note="written back in OAI-PMH output",
    ),
    Rule(
        "oai:header/setSpec",
        "extras",
        "extras",
        from_hub=None,
        note="written back in OAI-PMH output",
    ),
    Rule(
        "rdf:Description@rdf:about",
        "identifiers",
        "approx",
        to_hub=_reads("identifier"),
        from_hub=None,
        note="classified like dc:identifier",
    ),
)

RULE_TABLE = RuleTable(RULES)

#: The elements and terms read (local names), with the reader of each.
READERS: dict[str, Callable[[Any, RuleContext], Any]] = {}
for _r in RULE_TABLE.reading:
    _prefix, _, _local = _r.source.strip().partition(":")
    if _prefix in ("dc", "dcterms", "rdf") and _r.to_hub is not None:
        READERS.setdefault(_local.partition("@")[0] if _prefix != "rdf" else "about", _r.to_hub)


def _fields(qualified: bool) -> tuple[FieldMap, ...]:
    rows: list[FieldMap] = []
    for r in RULES:
        fm = FieldMap(r.source.strip(), r.home, r.kind, r.note)
        if r.source.startswith("dcterms:") and not qualified:
            continue
        if r.when is not None and r.when is (_qualified if not qualified else _simple):
            continue
        if all((f.field, f.home) != (fm.field, fm.home) for f in rows):
            rows.append(fm)
    return tuple(rows)


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
    fields=_fields(qualified=False),
    types=_TYPES,
    unmapped={
        **_COMMON_UNMAPPED,
        "subjects.scheme": "oai_dc allows no xsi:type; subject schemes are lost",
    },
)

DCTERMS_CROSSWALK = Crosswalk(
    format="dcterms",
    fields=_fields(qualified=True)
    + tuple(_twin(fm) for fm in _fields(qualified=False) if fm.field.startswith("dc:")),
    types=_TYPES,
    unmapped=dict(_COMMON_UNMAPPED),
)
