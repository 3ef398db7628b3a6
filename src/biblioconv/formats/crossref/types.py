"""Crossref work types and the record's resource types, and what Crossref cannot hold.

A native type is the work element, qualified by its type attribute where it has one
(``content_item:chapter``, ``posted_content:preprint``, ``book:monograph``); the bare names of the
schema's content kinds and enumerations are mapped too, for reading."""

from __future__ import annotations

from biblioconv.crosswalk import TypeMap
from biblioconv.vocab import RESOURCE_TYPES

__all__ = ["STRUCTURES", "TYPES", "UNMAPPED", "hub_type", "structure"]

_READ: list[tuple[str, str]] = [
    ("journal_article", "article-journal"),
    ("journal_issue", "journal-issue"),
    ("journal_metadata", "periodical"),
    ("book:monograph", "book"),
    ("book:edited_book", "edited-book"),
    ("book:reference", "book"),
    ("book:other", "book"),
    ("content_item:chapter", "chapter"),
    ("content_item:section", "chapter"),
    ("content_item:part", "chapter"),
    ("content_item:track", "chapter"),
    ("content_item:reference_entry", "entry-encyclopedia"),
    ("content_item:other", "chapter"),
    ("conference_paper", "paper-conference"),
    ("proceedings_metadata", "proceedings"),
    ("proceedings_series_metadata", "proceedings"),
    ("dissertation", "thesis"),
    ("report-paper_metadata", "report"),
    ("report-paper_series_metadata", "report"),
    ("standard_metadata", "standard"),
    ("database_metadata", "dataset"),
    ("dataset:record", "dataset"),
    ("dataset:collection", "collection"),
    ("dataset:crossmark_policy", "document"),
    ("dataset:other", "dataset"),
    ("posted_content:preprint", "preprint"),
    ("posted_content:working_paper", "report"),
    ("posted_content:letter", "letter"),
    ("posted_content:dissertation", "thesis"),
    ("posted_content:report", "report"),
    ("posted_content:review", "review"),
    ("posted_content:other", "manuscript"),
    ("peer_review:referee-report", "peer-review"),
    ("peer_review:editor-report", "peer-review"),
    ("peer_review:author-comment", "peer-review"),
    ("peer_review:community-comment", "peer-review"),
    ("peer_review:manuscript", "peer-review"),
    ("peer_review:aggregate", "peer-review"),
    ("peer_review:recommendation", "peer-review"),
    ("component", "other"),
    ("pending_publication", "article-journal"),
    # the bare names of the schema (content kinds, enumerations, query output doi/@type)
    ("journal", "article-journal"),
    ("book", "book"),
    ("conference", "paper-conference"),
    ("sa_component", "other"),
    ("report-paper", "report"),
    ("standard", "standard"),
    ("database", "dataset"),
    ("peer_review", "peer-review"),
    ("posted_content", "preprint"),
    ("edited_book", "edited-book"),
    ("monograph", "book"),
    ("reference", "book"),
    ("other", "other"),
    ("preprint", "preprint"),
    ("working_paper", "report"),
    ("letter", "letter"),
    ("report", "report"),
    ("review", "review"),
    ("chapter", "chapter"),
    ("section", "chapter"),
    ("part", "chapter"),
    ("track", "chapter"),
    ("reference_entry", "entry-encyclopedia"),
    ("record", "dataset"),
    ("collection", "collection"),
    ("crossmark_policy", "document"),
    ("referee-report", "peer-review"),
    ("editor-report", "peer-review"),
    ("author-comment", "peer-review"),
    ("community-comment", "peer-review"),
    ("manuscript", "manuscript"),
    ("aggregate", "peer-review"),
    ("recommendation", "peer-review"),
    ("pre-publication", "peer-review"),
    ("post-publication", "peer-review"),
    ("journal_title", "periodical"),
    ("journal_volume", "periodical"),
    ("conference_title", "proceedings"),
    ("conference_series", "proceedings"),
    ("book_title", "book"),
    ("book_series", "book"),
    ("book_content", "chapter"),
    ("dissertation", "thesis"),
    ("report-paper_title", "report"),
    ("report-paper_series", "report"),
    ("report-paper_content", "report"),
    ("standard_title", "standard"),
    ("standard_series", "standard"),
    ("standard_content", "standard"),
    ("prepublication", "preprint"),
]

#: The native type written for each hub type (a type not listed is written as a dataset).
_WRITE: dict[str, str] = {
    "article-journal": "journal_article",
    "article-magazine": "journal_article",
    "article-newspaper": "journal_article",
    "data-paper": "journal_article",
    "review-book": "journal_article",
    "journal-issue": "journal_issue",
    "periodical": "journal_metadata",
    "review": "posted_content:review",
    "peer-review": "peer_review:referee-report",
    "book": "book:monograph",
    "edited-book": "book:edited_book",
    "multivolume-book": "book:monograph",
    "classic": "book:monograph",
    "manual": "book:monograph",
    "pamphlet": "book:monograph",
    "chapter": "content_item:chapter",
    "entry-encyclopedia": "content_item:reference_entry",
    "entry-dictionary": "content_item:reference_entry",
    "proceedings": "proceedings_metadata",
    "paper-conference": "conference_paper",
    "poster": "conference_paper",
    "presentation": "conference_paper",
    "speech": "conference_paper",
    "thesis": "dissertation",
    "report": "report-paper_metadata",
    "output-management-plan": "report-paper_metadata",
    "standard": "report-paper_metadata",
    "preprint": "posted_content:preprint",
    "manuscript": "posted_content:other",
    "letter": "posted_content:letter",
    "interview": "posted_content:other",
    "webpage": "posted_content:other",
    "post": "posted_content:other",
    "post-weblog": "posted_content:other",
    "document": "posted_content:other",
    "dataset": "dataset:record",
    "collection": "dataset:collection",
    "other": "dataset:other",
}

#: The element structure each written native type takes.
STRUCTURES = {
    "journal_article": "journal",
    "journal_issue": "journal",
    "journal_metadata": "journal",
    "book:monograph": "book",
    "book:edited_book": "book",
    "content_item:chapter": "chapter",
    "content_item:reference_entry": "chapter",
    "conference_paper": "conference",
    "proceedings_metadata": "conference",
    "dissertation": "dissertation",
    "report-paper_metadata": "report",
    "posted_content:preprint": "posted",
    "posted_content:review": "posted",
    "posted_content:other": "posted",
    "posted_content:letter": "posted",
    "peer_review:referee-report": "peer_review",
    "dataset:record": "dataset",
    "dataset:collection": "dataset",
    "dataset:other": "dataset",
}


def _types() -> tuple[TypeMap, ...]:
    out: list[TypeMap] = []
    seen: set[str] = set()
    written = {native: hub for hub, native in _WRITE.items()}
    for native, hub in _READ:
        if native in seen:
            continue
        seen.add(native)
        out.append(TypeMap(native, hub, read=True, write=written.get(native) == hub))
    covered = {t.hub for t in out if t.write}
    for hub in RESOURCE_TYPES:
        if hub in covered:
            continue
        native = _WRITE.get(hub, "dataset:other")
        out.append(TypeMap(native, hub, read=False, write=True, note="nearest type"))
    return tuple(out)


TYPES = _types()
_HUB = {t.native.lower(): t.hub for t in TYPES if t.read}


def hub_type(native: str) -> str:
    """The resource type of a native type (qualified or bare)."""
    return _HUB.get(native.lower()) or _HUB.get(native.partition(":")[2].lower()) or "document"


def structure(hub: str) -> tuple[str, str]:
    """The native type written for a resource type, and its element structure."""
    native = _WRITE.get(hub, "dataset:other")
    return native, STRUCTURES[native]


#: What Crossref deposits cannot hold, with the reason (loss reports and the loss matrix).
UNMAPPED: dict[str, str] = {
    "dates(type=accessed)": "Crossref records no access date",
    "dates(type=submitted)": "no submission date in the deposit schema",
    "dates(type=available)": "no availability date in the deposit schema",
    "dates(type=original)": "no date of the original in the deposit schema",
    "dates(type=copyrighted)": "no copyright date in the deposit schema",
    "dates(type=collected)": "no collection date in the deposit schema",
    "dates(type=valid)": "no validity date in the deposit schema",
    "dates(type=withdrawn)": "withdrawals are Crossmark updates, not dates",
    "dates(type=coverage)": "no coverage date in the deposit schema",
    "dates(type=event)": "no event date but the conference's",
    "dates(type=deposited)": "the deposit date is the batch timestamp",
    "dates(type=other)": "no free-form date in the deposit schema",
    "et_al": "contributor lists are complete in a deposit",
    "publisher.identifiers": "publisher has a name and place only",
    "series": "series are written for no work type (book and proceedings series need "
    "series metadata of their own); read from book series",
    "identifiers(scheme=arxiv)": "no publisher_item id_type for arXiv ids",
    "identifiers(scheme=local)": "no publisher_item id_type for local ids",
    "version": "versions are separate DOIs in Crossref",
    "number_of_pages": "no page count in the deposit schema",
    "number_of_volumes": "no volume count in the deposit schema",
    "descriptions(type=note)": "abstracts only",
    "descriptions(type=methods)": "abstracts only",
    "descriptions(type=series-information)": "abstracts only",
    "descriptions(type=table-of-contents)": "abstracts only",
    "descriptions(type=technical-info)": "abstracts only",
    "descriptions(type=annotation)": "abstracts only",
    "descriptions(type=other)": "abstracts only",
    "subjects": "no subjects in the deposit schema",
    "sizes": "no sizes in the deposit schema",
    "geo_locations": "no places in the deposit schema",
    "archive": "archive_locations name preservation archives, not holdings",
    "attachments": "full-text links need Crossref's collection property (text-mining, "
    "similarity checking); not written",
    "publication_status": "no publication status in the deposit schema",
    "peer_reviewed": "no peer-review flag in the deposit schema",
    "related_items": "related works are relations by identifier",
    "citation_key": "no citation keys in the deposit schema",
    "id": "no record ids besides the DOI",
    "citation": "no free-text citation of the work itself",
    "original": "no original publication in the deposit schema",
    "section": "no section in the deposit schema",
    "part": "no part number for works",
    "titles(type=short)": "no short titles of works (only abbreviated journal titles)",
    "titles(type=translated)": "one original-language title (alternative) only",
    "titles(type=other)": "no other titles",
    "container.edition": "no edition of containers",
    "container.type": "the container's kind follows from the work type",
}
