"""Crosswalk tables of BibTeX and BibLaTeX: fields, entry types and what they cannot hold."""

from __future__ import annotations

from biblioconv.crosswalk import Crosswalk, FieldMap, TypeMap
from biblioconv.vocab import CONTRIBUTOR_ROLES, DATE_TYPES, RESOURCE_TYPES

__all__ = [
    "BIBLATEX_CROSSWALK",
    "BIBLATEX_READ_TYPES",
    "BIBLATEX_WRITE_TYPES",
    "BIBTEX_CROSSWALK",
    "BIBTEX_READ_TYPES",
    "BIBTEX_WRITE_TYPES",
    "NAME_ROLES",
]

# -- entry types ----------------------------------------------------------------------------------

#: Every entry type either dialect can read -> hub type (aliases included).
READ_TYPES: dict[str, str] = {
    "article": "article-journal",
    "artwork": "image",
    "audio": "sound",
    "bibnote": "document",
    "book": "book",
    "bookinbook": "book",
    "booklet": "pamphlet",
    "collection": "edited-book",
    "commentary": "book",
    "conference": "paper-conference",
    "customa": "document",
    "customb": "document",
    "customc": "document",
    "customd": "document",
    "custome": "document",
    "customf": "document",
    "dataset": "dataset",
    "electronic": "webpage",
    "image": "image",
    "inbook": "chapter",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "inreference": "entry-encyclopedia",
    "jurisdiction": "legal-case",
    "legal": "treaty",
    "legislation": "legislation",
    "letter": "letter",
    "manual": "manual",
    "mastersthesis": "thesis",
    "misc": "document",
    "movie": "motion-picture",
    "music": "song",
    "mvbook": "multivolume-book",
    "mvcollection": "edited-book",
    "mvproceedings": "proceedings",
    "mvreference": "multivolume-book",
    "online": "webpage",
    "patent": "patent",
    "performance": "performance",
    "periodical": "periodical",
    "phdthesis": "thesis",
    "proceedings": "proceedings",
    "reference": "book",
    "report": "report",
    "review": "review",
    "set": "document",
    "software": "software",
    "standard": "standard",
    "suppbook": "chapter",
    "suppcollection": "chapter",
    "suppperiodical": "article-journal",
    "techreport": "report",
    "thesis": "thesis",
    "unpublished": "manuscript",
    "video": "audiovisual",
    "www": "webpage",
    "xdata": "document",
}

BIBTEX_TYPES = [
    "article",
    "book",
    "booklet",
    "conference",
    "inbook",
    "incollection",
    "inproceedings",
    "manual",
    "mastersthesis",
    "misc",
    "phdthesis",
    "proceedings",
    "techreport",
    "unpublished",
]

BIBTEX_READ_TYPES: dict[str, str] = {t: READ_TYPES[t] for t in BIBTEX_TYPES}
BIBLATEX_READ_TYPES: dict[str, str] = dict(READ_TYPES)

#: Hub type -> BibTeX type on write (anything else: misc, reported as approximated).
BIBTEX_WRITE_TYPES: dict[str, str] = {
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "data-paper": "article",
    "review": "article",
    "review-book": "article",
    "book": "book",
    "edited-book": "book",
    "multivolume-book": "book",
    "classic": "book",
    "chapter": "incollection",
    "entry-encyclopedia": "incollection",
    "entry-dictionary": "incollection",
    "paper-conference": "inproceedings",
    "proceedings": "proceedings",
    "thesis": "phdthesis",
    "report": "techreport",
    "output-management-plan": "techreport",
    "standard": "techreport",
    "manuscript": "unpublished",
    "pamphlet": "booklet",
    "manual": "manual",
    "document": "misc",
}

#: Hub type -> BibLaTeX type on write.
BIBLATEX_WRITE_TYPES: dict[str, str] = {
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "data-paper": "article",
    "book": "book",
    "classic": "book",
    "edited-book": "collection",
    "multivolume-book": "mvbook",
    "chapter": "incollection",
    "entry-encyclopedia": "inreference",
    "entry-dictionary": "inreference",
    "paper-conference": "inproceedings",
    "proceedings": "proceedings",
    "thesis": "thesis",
    "report": "report",
    "output-management-plan": "report",
    "standard": "standard",
    "dataset": "dataset",
    "software": "software",
    "computational-notebook": "software",
    "workflow": "software",
    "webpage": "online",
    "interactive-resource": "online",
    "service": "online",
    "post": "online",
    "post-weblog": "online",
    "preprint": "online",
    "manuscript": "unpublished",
    "poster": "unpublished",
    "presentation": "unpublished",
    "speech": "unpublished",
    "patent": "patent",
    "periodical": "periodical",
    "journal-issue": "periodical",
    "image": "image",
    "figure": "image",
    "map": "image",
    "audiovisual": "video",
    "motion-picture": "movie",
    "broadcast": "movie",
    "sound": "audio",
    "song": "music",
    "musical-score": "music",
    "performance": "performance",
    "letter": "letter",
    "legal-case": "jurisdiction",
    "legislation": "legislation",
    "bill": "legislation",
    "regulation": "legislation",
    "treaty": "legal",
    "review": "review",
    "review-book": "review",
    "peer-review": "review",
    "manual": "manual",
    "pamphlet": "booklet",
    "document": "misc",
}


def _types(read: dict[str, str], write: dict[str, str]) -> tuple[TypeMap, ...]:
    rows: list[TypeMap] = []
    written: set[str] = set()
    for native, hub in read.items():
        w = write.get(hub) == native and hub not in written
        if w:
            written.add(hub)
        rows.append(TypeMap(native, hub, read=True, write=w))
    for hub, native in write.items():
        if hub not in written:
            written.add(hub)
            rows.append(TypeMap(native, hub, read=False, write=True, note="nearest type"))
    for hub in RESOURCE_TYPES:
        if hub not in written:
            rows.append(TypeMap("misc", hub, read=False, write=True, note="no equivalent type"))
    return tuple(rows)


# -- names ----------------------------------------------------------------------------------------

#: Name-list fields -> hub role.
NAME_ROLES: dict[str, str] = {
    "author": "author",
    "editor": "editor",
    "translator": "translator",
    "bookauthor": "container-author",
    "commentator": "commentator",
    "annotator": "annotator",
    "introduction": "introduction-author",
    "foreword": "foreword-author",
    "afterword": "afterword-author",
    "holder": "holder",
}

# -- fields ---------------------------------------------------------------------------------------

F = FieldMap

_COMMON: tuple[FieldMap, ...] = (
    F("ENTRYTYPE", "type", "exact", "the entry type (@article...), through the type table"),
    F("ID", "citation_key", "exact", "the entry key"),
    F("author", "contributors(role=author)", "exact", "BibTeX name rules"),
    F("author", "contributors(role=author,kind=organization)", "exact", "{Braced name}"),
    F("author", "et_al", "exact", "'and others'"),
    F("editor", "contributors(role=editor)", "exact"),
    F("title", "titles(type=main)", "exact", "protected case -> nocase spans"),
    F("booktitle", "container.titles(type=main)", "exact", "container of a part"),
    F("chapter", "chapter", "exact"),
    F("crossref", "extras", "extras", "parent key; fields are inherited on read"),
    F("edition", "edition", "exact"),
    F("howpublished", "formats", "approx", "a lone \\url{} becomes the URL"),
    F("institution", "publisher.name", "exact", "institution of a report or thesis"),
    F("month", "dates(type=issued)", "exact", "month macro or number"),
    F("note", "descriptions(type=note)", "exact"),
    F("number", "container.issue", "exact", "issue of an article"),
    F("number", "number", "exact", "number of a report, patent or standard"),
    F("number", "series.number", "exact", "number in a series (books, parts of books)"),
    F("organization", "publisher.name", "approx", "when there is no publisher"),
    F("organization", "contributors(role=sponsor,kind=organization)", "approx", "otherwise"),
    F("pages", "container.pages", "exact", "12--34"),
    F("publisher", "publisher.name", "exact"),
    F("series", "series.titles(type=main)", "exact"),
    F("type", "genre", "exact", "kind of thesis or report"),
    F("volume", "container.volume", "exact"),
    F("year", "dates(type=issued)", "exact"),
    F("doi", "identifiers(scheme=doi)", "exact"),
    F("url", "identifiers(scheme=url)", "exact"),
    F(
        "isbn",
        "identifiers(scheme=isbn)",
        "exact",
        "a chapter's or paper's: its book's (container)",
    ),
    F("issn", "container.identifiers(scheme=issn)", "exact"),
    F("abstract", "descriptions(type=abstract)", "exact"),
    F("keywords", "subjects", "exact", "comma-separated"),
    F("urldate", "dates(type=accessed)", "exact"),
    F("eprint", "identifiers(scheme=arxiv)", "exact", "with eprinttype/archiveprefix"),
    F("file", "attachments", "exact", "JabRef/Zotero 'description:path:type' lists"),
)

_BIBTEX_ONLY: tuple[FieldMap, ...] = (
    F("address", "publisher.place", "exact"),
    F("annote", "descriptions(type=annotation)", "exact"),
    F("journal", "container.titles(type=main)", "exact"),
    F("key", "extras", "extras", "sort key"),
    F("school", "publisher.name", "exact", "school of a thesis"),
    F("language", "language", "exact", "language name -> BCP 47"),
    F("archiveprefix", "identifiers(scheme=arxiv)", "consumed", "names the scheme of eprint"),
    F("primaryclass", "extras", "extras", "arXiv primary class"),
    # de-facto fields written by common tools
    F("title", "titles(type=subtitle)", "approx", "a subtitle is joined to the title on write"),
    F("shorttitle", "titles(type=short)", "exact", "Zotero, JabRef"),
    F("day", "dates(type=issued)", "exact", "de-facto day of month"),
    F("eissn", "container.identifiers(scheme=eissn)", "exact", "de-facto"),
    F("pmid", "identifiers(scheme=pmid)", "exact", "de-facto (PubMed, JabRef)"),
    F("pmcid", "identifiers(scheme=pmcid)", "exact", "de-facto"),
    F("articleno", "container.number", "exact", "ACM article number"),
    F("numpages", "number_of_pages", "exact", "ACM page count"),
    F("location", "event.place", "approx", "ACM: conference location beside address"),
    F("version", "version", "exact", "de-facto (software, Zotero)"),
)

_BLX: list[FieldMap] = [
    F("abstract", "descriptions(type=abstract)"),
    F("addendum", "descriptions(type=other)", "exact", "printed after the entry"),
    F("annotation", "descriptions(type=annotation)"),
    F("authortype", "contributors(role=author).role_label", "approx", "on every author"),
    F("bookauthor", "contributors(role=container-author)"),
    F("bookpagination", "extras", "extras"),
    F("booksubtitle", "container.titles(type=subtitle)"),
    F("booktitleaddon", "container.titles(type=other)"),
    F("commentator", "contributors(role=commentator)"),
    F("annotator", "contributors(role=annotator)"),
    F("afterword", "contributors(role=afterword-author)"),
    F("foreword", "contributors(role=foreword-author)"),
    F("introduction", "contributors(role=introduction-author)"),
    F("holder", "contributors(role=holder)"),
    F("translator", "contributors(role=translator)"),
    F("date", "dates(type=issued)", "exact", "ISO 8601 / EDTF"),
    F("editortype", "contributors(role=editor).role_label", "approx", "on every editor"),
    F("eid", "container.number", "exact", "article number"),
    F("entryset", "extras", "extras"),
    F("entrysubtype", "type", "approx", "magazine/newspaper refine article; else kept"),
    F("eprintclass", "extras", "extras", "arXiv primary class"),
    F("eprint", "identifiers(scheme=pmid)", "exact", "with eprinttype = pubmed"),
    F("eprinttype", "identifiers(scheme=arxiv)", "consumed", "names the scheme of eprint"),
    F("eventdate", "event.date", "exact"),
    F("eventtitle", "event.title", "exact"),
    F("eventtitleaddon", "extras", "extras"),
    F("execute", "extras", "extras"),
    F("gender", "extras", "extras"),
    F("ids", "extras", "extras"),
    F("indexsorttitle", "extras", "extras"),
    F("indextitle", "extras", "extras"),
    F("isan", "identifiers(scheme=isan)"),
    F("ismn", "identifiers(scheme=ismn)"),
    F("isrn", "identifiers(scheme=isrn)"),
    F("iswc", "identifiers(scheme=iswc)"),
    F("issue", "container.issue", "approx", "named issue; used when number is absent"),
    F("issuesubtitle", "extras", "extras"),
    F("issuetitle", "extras", "extras"),
    F("issuetitleaddon", "extras", "extras"),
    F("journalsubtitle", "container.titles(type=subtitle)"),
    F("journaltitle", "container.titles(type=main)"),
    F("journaltitleaddon", "container.titles(type=other)"),
    F("label", "extras", "extras"),
    F("langid", "language", "exact", "babel name -> BCP 47"),
    F("langidopts", "extras", "extras"),
    F("language", "language", "approx", "used when langid is absent"),
    F("library", "archive.name", "approx"),
    F("location", "publisher.place"),
    F("mainsubtitle", "extras", "extras"),
    F("maintitle", "extras", "extras"),
    F("maintitleaddon", "extras", "extras"),
    F("nameaddon", "extras", "extras"),
    F("options", "extras", "extras"),
    F("origdate", "dates(type=original)"),
    F("origlanguage", "original.language"),
    F("origlocation", "original.publisher.place"),
    F("origpublisher", "original.publisher.name"),
    F("origtitle", "original.title"),
    F("pagetotal", "number_of_pages"),
    F("pagination", "extras", "extras"),
    F("part", "part"),
    F("presort", "extras", "extras"),
    F("pubstate", "publication_status", "exact", "inpress, forthcoming, submitted..."),
    F("related", "extras", "extras"),
    F("relatedoptions", "extras", "extras"),
    F("relatedstring", "extras", "extras"),
    F("relatedtype", "extras", "extras"),
    F("reprinttitle", "extras", "extras"),
    F("shortauthor", "extras", "extras"),
    F("shorteditor", "extras", "extras"),
    F("shorthand", "extras", "extras"),
    F("shorthandintro", "extras", "extras"),
    F("shortjournal", "container.titles(type=short)"),
    F("shortseries", "series.titles(type=short)"),
    F("shorttitle", "titles(type=short)"),
    F("sortkey", "extras", "extras"),
    F("sortname", "extras", "extras"),
    F("sortshorthand", "extras", "extras"),
    F("sorttitle", "extras", "extras"),
    F("sortyear", "extras", "extras"),
    F("subtitle", "titles(type=subtitle)"),
    F("titleaddon", "titles(type=other)"),
    F("venue", "event.place"),
    F("version", "version"),
    F("volumes", "number_of_volumes"),
    F("xdata", "extras", "extras", "data entries are inherited on read and kept as blocks"),
    F("xref", "extras", "extras", "parent key"),
    F("institution", "publisher.name"),
    F("organization", "publisher.name", "approx", "when there is no publisher"),
]
for _n in ("a", "b", "c"):
    _BLX += [F(f"editor{_n}", "extras", "extras"), F(f"editor{_n}type", "extras", "extras")]
    _BLX += [F(f"name{_n}", "extras", "extras"), F(f"name{_n}type", "extras", "extras")]
for _n in "abcdef":
    _BLX += [F(f"list{_n}", "extras", "extras"), F(f"user{_n}", "extras", "extras")]
for _n in "abc":
    _BLX.append(F(f"verb{_n}", "extras", "extras"))
_DATE_PREFIX = {
    "": "dates(type=issued)",
    "url": "dates(type=accessed)",
    "orig": "dates(type=original)",
    "event": "event.date",
}
for _p, _home in _DATE_PREFIX.items():
    for _part in ("year", "month", "day", "hour", "minute", "second", "timezone", "yeardivision"):
        _BLX.append(
            F(
                f"{_p}{_part}",
                _home,
                "exact" if _part in ("year", "month", "day") else "approx",
                "date part (biber derives it from the date field)",
            )
        )
        _BLX.append(
            F(
                f"{_p}end{_part}",
                _home,
                "exact" if _part in ("year", "month", "day") else "approx",
                "end of a date range",
            )
        )

# -- what each dialect cannot hold ----------------------------------------------------------------

_WRITABLE_ROLES_BIBTEX = {"author", "editor", "sponsor"}
_WRITABLE_ROLES_BIBLATEX = set(NAME_ROLES.values()) | {"sponsor"}
_DATES_BIBTEX = {"issued", "accessed"}
_DATES_BIBLATEX = {"issued", "accessed", "original", "event"}

_COMMON_UNMAPPED: dict[str, str] = {
    "titles(type=alternative)": "no field for alternative titles",
    "titles(type=translated)": "no field for translated titles",
    "titles.lang": "no language per title (langid is the entry's)",
    "contributors.identifiers": "names cannot carry identifiers (ORCID...); a person known only "
    "by an ORCID is written with the ORCID URL as the name, braced",
    "contributors.affiliations": "names cannot carry affiliations",
    "contributors.lang": "names cannot carry a language",
    "publisher.identifiers": "no publisher identifiers",
    "identifiers(scheme=local)": "no field for local identifiers",
    "identifiers(scheme=openalex)": "no field for OpenAlex ids",
    "identifiers(scheme=wikidata)": "no field for Wikidata ids",
    "identifiers(scheme=handle)": "no field for handles (use url)",
    "identifiers(scheme=ark)": "no field for ARKs",
    "subjects.scheme": "keywords are plain terms",
    "rights": "no rights field",
    "access_rights": "no access-rights field",
    "funding": "no funding fields",
    "relations": "no typed relations (only entry keys)",
    "related_items": "no inline related items",
    "sizes": "no size field",
    "geo_locations": "no geographic fields",
    "peer_reviewed": "no peer-review flag",
    "citation": "no field for a preformatted citation",
}

BIBTEX_UNMAPPED: dict[str, str] = {
    **_COMMON_UNMAPPED,
    **{
        f"contributors(role={r})": "classic BibTeX has only author and editor"
        for r in CONTRIBUTOR_ROLES
        if r not in _WRITABLE_ROLES_BIBTEX
    },
    **{
        f"dates(type={d})": "classic BibTeX has only the publication date (and urldate)"
        for d in DATE_TYPES
        if d not in _DATES_BIBTEX
    },
    "container.titles(type=short)": "no field for journal abbreviations",
    "series.titles(type=short)": "no field for short series titles",
    "titles(type=other)": "no title addon field",
    "container.titles(type=subtitle)": "no container subtitle field",
    "container.titles(type=other)": "no container title addon field",
    "event.title": "no event field",
    "event.date": "no event date field",
    "number_of_volumes": "no field for the number of volumes",
    "part": "no part field",
    "archive": "no archive field",
    "publication_status": "no publication-status field",
    "original": "no fields for the original publication",
    "identifiers(scheme=isan)": "no ISAN field",
    "identifiers(scheme=ismn)": "no ISMN field",
    "identifiers(scheme=isrn)": "no ISRN field",
    "identifiers(scheme=iswc)": "no ISWC field",
}

BIBLATEX_UNMAPPED: dict[str, str] = {
    **_COMMON_UNMAPPED,
    **{
        f"contributors(role={r})": "BibLaTeX has no name list for this role"
        for r in CONTRIBUTOR_ROLES
        if r not in _WRITABLE_ROLES_BIBLATEX
    },
    **{
        f"dates(type={d})": "BibLaTeX has date, urldate, origdate and eventdate only"
        for d in DATE_TYPES
        if d not in _DATES_BIBLATEX
    },
    "section": "no section field",
    **{
        f"archive.{part}": "library holds the archive's name only"
        for part in (
            "location",
            "collection",
            "place",
            "call_number",
            "database",
            "accession_number",
        )
    },
}


def _bibtex_fields() -> tuple[FieldMap, ...]:
    return _COMMON + _BIBTEX_ONLY


def _biblatex_fields() -> tuple[FieldMap, ...]:
    common = tuple(
        fm for fm in _COMMON if fm.field not in ("title",) or fm.home == "titles(type=main)"
    )
    aliases = (
        F("address", "publisher.place", "exact", "alias of location"),
        F("annote", "descriptions(type=annotation)", "exact", "alias of annotation"),
        F("archiveprefix", "identifiers(scheme=arxiv)", "consumed", "alias of eprinttype"),
        F("journal", "container.titles(type=main)", "exact", "alias of journaltitle"),
        F("key", "extras", "extras", "alias of sortkey"),
        F("pdf", "attachments", "exact", "alias of file"),
        F("primaryclass", "extras", "extras", "alias of eprintclass"),
        F("school", "publisher.name", "exact", "alias of institution"),
        F("hyphenation", "language", "exact", "alias of langid"),
    )
    return common + tuple(_BLX) + aliases


BIBTEX_CROSSWALK = Crosswalk(
    format="bibtex",
    fields=_bibtex_fields(),
    types=_types(BIBTEX_READ_TYPES, BIBTEX_WRITE_TYPES),
    unmapped=BIBTEX_UNMAPPED,
)

BIBLATEX_CROSSWALK = Crosswalk(
    format="biblatex",
    fields=_biblatex_fields(),
    types=_types(BIBLATEX_READ_TYPES, BIBLATEX_WRITE_TYPES),
    unmapped=BIBLATEX_UNMAPPED,
)
