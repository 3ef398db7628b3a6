"""RIS crosswalk: every tag of the 2001 and 2011 specifications (plus vendor tags), as data.

A tag's meaning depends on the record's ``TY``: ``T2`` is the journal of a ``JOUR`` but the book of a
``CHAP`` and the series of a ``BOOK``; ``A2`` edits a chapter's book but a book's series; ``ET`` is
the version of a ``COMP``. Each :class:`TagRule` names a *slot* (a hub target the reader and writer
know how to fill) with per-type overrides. :data:`SLOT_HOMES` gives the hub path of every slot, and
:data:`CROSSWALK` is generated from both tables, so the reader, the writer, the loss reports and the
documentation share one source of truth.

Sources: the RIS 2001 and 2011 specifications (as listed by rispy 0.10.0) and Zotero's ``RIS.js``
per-item-type mappings; choices of ours are marked in the notes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import Any

from biblioconv.crosswalk import Crosswalk, Kind, TypeMap
from biblioconv.rules import Rule, RuleContext, RuleTable

__all__ = [
    "BOOKS",
    "CROSSWALK",
    "DOCTYPE_M3",
    "JOURNALS",
    "KNOWN_TAGS",
    "LANGUAGES",
    "OLD_SPEC_TAGS",
    "PARTS",
    "PROCEEDINGS",
    "RULES",
    "RULE_TABLE",
    "SLOT_HOMES",
    "SLOT_OF_HOME",
    "TAG_RULES",
    "TYPES",
    "Into",
    "TagRule",
    "rule_of",
    "slot_for",
    "slot_table",
    "tag_for",
    "writing_rules",
]

# -- groups of TY codes that share tag meanings ----------------------------------------------------

JOURNALS = frozenset({"JOUR", "EJOUR", "ABST", "INPR", "MGZN", "NEWS", "JFULL", "CTLG"})
"""Periodical articles: T2 is the periodical, J2 its abbreviation, C7 the article number."""
PARTS = frozenset({"CHAP", "ECHAP", "ENCYC", "DICT"})
"""Parts of books: T2/BT is the book, A2 its editor, A3 the series editor, C2 the book's author."""
BOOKS = frozenset({"BOOK", "EBOOK", "EDBOOK", "CLSWK", "SER", "ANCIENT", "PAMP"})
"""Whole books: T2 is the series, A2 the series editor, A3 the editor, SP the page count."""
REPORTS = frozenset({"RPRT", "GOVDOC", "STAND"})
"""Reports: T2 is the series, A2 the series editor, SN the report number when not an ISBN/ISSN."""
SOFTWARE = frozenset({"COMP"})
DATASETS = frozenset({"DATA", "DBASE", "AGGR"})
MOVIES = frozenset({"MPCT", "VIDEO", "MULTI", "ADVS"})
LETTERS = frozenset({"PCOMM", "ICOMM"})
PROCEEDINGS = frozenset({"CPAPER", "CONF"})
"""Conference papers: C7 is the article number (Scopus, Web of Science)."""
DOCTYPE_M3 = JOURNALS | PARTS | BOOKS | PROCEEDINGS
"""Types whose M3 is a database's document type ("Article", "Review"), not a type of work."""

# -- slots: the hub targets of RIS values ----------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    """A hub target: its home path and how exactly RIS fills it."""

    home: str
    kind: Kind = "exact"


SLOT_HOMES: Mapping[str, Slot] = MappingProxyType(
    {
        "type": Slot("type"),
        "end": Slot("extras", "consumed"),
        "id": Slot("id"),
        "title": Slot("titles(type=main).text"),
        "subtitle": Slot("titles(type=subtitle).text", "approx"),
        "short_title": Slot("titles(type=short).text"),
        "translated_title": Slot("titles(type=translated).text"),
        "container_title": Slot("container.titles(type=main).text"),
        "container_short": Slot("container.titles(type=short).text"),
        "journal": Slot("container.titles(type=main).text", "approx"),
        "series_title": Slot("series.titles(type=main).text"),
        "series_number": Slot("series.number"),
        "event_title": Slot("event.title"),
        "event_place": Slot("event.place"),
        "author": Slot("contributors(role=author)"),
        "editor": Slot("contributors(role=editor)"),
        "collection_editor": Slot("contributors(role=collection-editor)"),
        "translator": Slot("contributors(role=translator)"),
        "container_author": Slot("contributors(role=container-author)"),
        "contributor": Slot("contributors(role=contributor)"),
        "producer": Slot("contributors(role=producer)"),
        "performer": Slot("contributors(role=performer)"),
        "recipient": Slot("contributors(role=recipient)"),
        "sponsor": Slot("contributors(role=sponsor)"),
        "commentator": Slot("contributors(role=commentator)"),
        "date": Slot("dates(type=issued)"),
        "accessed": Slot("dates(type=accessed)"),
        "volume": Slot("container.volume"),
        "issue": Slot("container.issue"),
        "m1_issue": Slot("container.issue", "approx"),
        "article_number": Slot("container.number"),
        "start_page": Slot("container.pages.first"),
        "end_page": Slot("container.pages.last"),
        "number_of_pages": Slot("number_of_pages"),
        "number_of_volumes": Slot("number_of_volumes"),
        "publisher": Slot("publisher.name"),
        "place": Slot("publisher.place"),
        "edition": Slot("edition"),
        "version": Slot("version"),
        "number": Slot("number", "approx"),
        "section": Slot("section"),
        "sn": Slot("container.identifiers(scheme=issn)", "approx"),
        "doi": Slot("identifiers(scheme=doi)"),
        "url": Slot("identifiers(scheme=url)"),
        "pmcid": Slot("identifiers(scheme=pmcid)", "approx"),
        "attach_pdf": Slot("attachments(kind=pdf)"),
        "attach_fulltext": Slot("attachments(kind=fulltext)"),
        "attach_related": Slot("attachments(kind=related)"),
        "attach_image": Slot("attachments(kind=image)"),
        "abstract": Slot("descriptions(type=abstract).text"),
        "note": Slot("descriptions(type=note).text"),
        "research_note": Slot("descriptions(type=annotation).text"),
        "keyword": Slot("subjects.term"),
        "language": Slot("language"),
        "genre": Slot("genre"),
        "doc_type": Slot("extras", "extras"),
        "accession": Slot("archive.accession_number"),
        "call_number": Slot("archive.call_number"),
        "database": Slot("archive.database"),
        "provider": Slot("archive.name", "approx"),
        "archive_location": Slot("archive.location"),
        "original_title": Slot("original.title"),
        "address": Slot("extras", "extras"),
        "extras": Slot("extras", "extras"),
    }
)
"""Every slot and its hub home (``extras`` = kept verbatim in ``record.extras["ris"]``)."""


def _slot_of_home() -> dict[str, str]:
    out: dict[str, str] = {}
    for kind in ("exact", "approx"):
        for name, slot in SLOT_HOMES.items():
            if slot.kind == kind and slot.home != "extras":
                out.setdefault(slot.home, name)
    return out


SLOT_OF_HOME: Mapping[str, str] = MappingProxyType(_slot_of_home())
"""Home -> the slot that holds it (the first exact one): how a writer finds the tag of a value."""

# -- tags ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TagRule:
    """One RIS tag: its default slot, per-TY overrides, whether it repeats, and a note."""

    tag: str
    slot: str
    by_type: Mapping[str, str] = field(default_factory=dict)
    note: str = ""
    generations: tuple[str, ...] = ("2011",)


def _over(*pairs: tuple[frozenset[str] | str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for types, slot in pairs:
        for ty in [types] if isinstance(types, str) else sorted(types):
            out[ty] = slot
    return out


_B = ("2001", "2011")
_O = ("2001",)
_V: tuple[str, ...] = ()

TAG_RULES: tuple[TagRule, ...] = (
    TagRule("TY", "type", note="reference type; first line of a record", generations=_B),
    TagRule(
        "ER",
        "end",
        note="end of record; last line (a missing final ER is tolerated)",
        generations=_B,
    ),
    TagRule("ID", "id", note="reference id", generations=_B),
    TagRule("TI", "title", note="primary title", generations=_B),
    TagRule("T1", "title", note="primary title (2001)", generations=_B),
    TagRule("CT", "title", note="title (2001 synonym of T1)", generations=_O),
    TagRule(
        "BT",
        "container_title",
        _over((BOOKS, "title")),
        note="2001: book title; the title of a whole book, else the book a part is in",
        generations=_O,
    ),
    TagRule(
        "T2",
        "container_title",
        _over(
            (BOOKS | REPORTS | SOFTWARE | frozenset({"MAP"}), "series_title"),
            ("CPAPER", "event_title"),
        ),
        note="secondary title: journal (JOUR), book (CHAP), series (BOOK, RPRT, COMP, MAP), "
        "conference name (CPAPER); EBSCO puts the subtitle here (read as subtitle when the "
        "journal is in JO/JF/JA or the source is EBSCO)",
        generations=_B,
    ),
    TagRule("T3", "series_title", note="tertiary title: series", generations=_B),
    TagRule("J2", "container_short", note="alternate (abbreviated) journal title", generations=_B),
    TagRule("JA", "container_short", note="journal abbreviation (2001)", generations=_B),
    TagRule("J1", "container_short", note="journal user abbreviation 1 (2001)", generations=_O),
    TagRule("JF", "container_title", note="journal full name (2001)", generations=_B),
    TagRule(
        "JO",
        "journal",
        note="journal name: the journal's title when no T2/JF gives it, else its abbreviation",
        generations=_B,
    ),
    TagRule("ST", "short_title", note="short title"),
    TagRule("TT", "translated_title", note="translated title"),
    TagRule(
        "AU", "author", _over(("EDBOOK", "editor")), note="author (EDBOOK: editor)", generations=_B
    ),
    TagRule(
        "A1",
        "author",
        _over(("EDBOOK", "editor")),
        note="primary author (2001 form of AU)",
        generations=_B,
    ),
    TagRule(
        "A2",
        "editor",
        _over(
            (BOOKS | REPORTS, "collection_editor"),
            ("SOUND", "performer"),
            (LETTERS, "recipient"),
            ("BILL", "sponsor"),
        ),
        note="secondary author: editor of the book (CHAP) or issue; series editor (BOOK, RPRT)",
        generations=_B,
    ),
    TagRule(
        "A3",
        "collection_editor",
        _over((BOOKS, "editor"), ("THES", "contributor"), (MOVIES, "producer")),
        note="tertiary author: series editor; editor of a BOOK (Zotero)",
        generations=_B,
    ),
    TagRule("A4", "translator", note="subsidiary author: translator"),
    TagRule("ED", "editor", note="editor (2001 synonym of A2)", generations=_O),
    TagRule("TA", "extras", note="translated author: kept verbatim"),
    TagRule("PY", "date", note="publication year (2001: YYYY/MM/DD/other)", generations=_B),
    TagRule("Y1", "date", note="primary date (2001) YYYY/MM/DD/other", generations=_B),
    TagRule("DA", "date", note="date YYYY/MM/DD/other; an undated DA takes its year from PY"),
    TagRule("Y2", "accessed", note="access date (2001: secondary date)", generations=_B),
    TagRule(
        "VL",
        "volume",
        _over(("BLOG", "extras")),
        note="volume (BLOG: access year, kept verbatim)",
        generations=_B,
    ),
    TagRule("IS", "issue", note="issue", generations=_B),
    TagRule("CP", "issue", note="issue (2001 synonym)", generations=_O),
    TagRule(
        "SP",
        "start_page",
        _over((BOOKS | frozenset({"THES", "MANSCPT"}), "number_of_pages")),
        note="start page, or a range '190-198' alone; page count for BOOK/THES",
        generations=_B,
    ),
    TagRule("EP", "end_page", note="end page", generations=_B),
    TagRule(
        "PB",
        "publisher",
        note="publisher (university for THES, institution for RPRT)",
        generations=_B,
    ),
    TagRule(
        "CY",
        "place",
        _over(("CPAPER", "event_place")),
        note="place published; conference location (CPAPER)",
        generations=_B,
    ),
    TagRule(
        "C1",
        "extras",
        _over(("CPAPER", "place")),
        note="custom 1: place published (CPAPER); else kept verbatim",
    ),
    TagRule(
        "C2",
        "extras",
        _over((JOURNALS, "pmcid"), (PARTS, "container_author"), ("BLOG", "commentator")),
        note="custom 2: PMCID (JOUR; Scopus puts the PMID here), book author (CHAP), commenter (BLOG)",
    ),
    TagRule(
        "C3",
        "extras",
        _over(("CPAPER", "container_title")),
        note="custom 3: proceedings title (CPAPER)",
    ),
    TagRule("C4", "extras", note="custom 4 (type-specific): kept verbatim"),
    TagRule("C5", "extras", note="custom 5 (type-specific): kept verbatim"),
    TagRule("C6", "extras", note="custom 6 (type-specific, NIHMSID for JOUR): kept verbatim"),
    TagRule(
        "C7",
        "extras",
        _over((JOURNALS | PROCEEDINGS, "article_number")),
        note="custom 7: article number (JOUR, CPAPER/CONF; any type in Scopus and Web of "
        "Science exports)",
    ),
    TagRule("C8", "extras", note="custom 8 (type-specific): kept verbatim"),
    TagRule(
        "ET",
        "edition",
        _over((SOFTWARE | DATASETS, "version")),
        note="edition; version (COMP, DATA)",
    ),
    TagRule(
        "SN",
        "sn",
        note="ISSN or ISBN, split by label and checksum; ISSN goes to the container (own for "
        "JFULL/SER), ISBN to the book; report/patent number (RPRT, PAT) when neither",
        generations=_B,
    ),
    TagRule("DO", "doi", note="DOI (also found in UR or M3)"),
    TagRule("UR", "url", note="URL (repeats); a doi.org URL also gives the DOI", generations=_B),
    TagRule("L1", "attach_pdf", note="link to PDF", generations=_B),
    TagRule("L2", "attach_fulltext", note="link to full text", generations=_B),
    TagRule("L3", "attach_related", note="related records link (2001)", generations=_O),
    TagRule("L4", "attach_image", note="link to image / other file", generations=_B),
    TagRule("AB", "abstract", note="abstract", generations=_B),
    TagRule("N2", "abstract", note="abstract (2001)", generations=_B),
    TagRule("N1", "note", note="notes (repeats)", generations=_B),
    TagRule("RN", "research_note", note="research notes"),
    TagRule("KW", "keyword", note="keyword (one per line; 'a; b' split)", generations=_B),
    TagRule("LA", "language", note="language (names such as 'English' read as BCP 47)"),
    TagRule(
        "M1",
        "extras",
        _over((JOURNALS, "m1_issue"), (BOOKS, "series_number")),
        note="misc 1: issue (JOUR, when short and no IS), series number (BOOK); else verbatim",
        generations=_B,
    ),
    TagRule("M2", "extras", note="misc 2 (2001): kept verbatim", generations=_O),
    TagRule(
        "M3",
        "genre",
        _over((DOCTYPE_M3, "doc_type")),
        note="type of work (THES, RPRT, MANSCPT, ELEC...); in articles, chapters, books and "
        "conference papers the vendor's document type (Scopus 'Article', Ovid 'Health Psychology "
        "[3360]'), kept verbatim and never the genre; a DOI found here is read as the DOI",
        generations=_B,
    ),
    TagRule("NV", "number_of_volumes", note="number of volumes"),
    TagRule("SE", "section", note="section"),
    TagRule("SV", "series_number", note="series volume (EndNote)", generations=_V),
    TagRule("AN", "accession", note="accession number"),
    TagRule("CN", "call_number", note="call number"),
    TagRule("DB", "database", note="name of database"),
    TagRule("DP", "provider", note="database provider"),
    TagRule("AV", "archive_location", note="availability / location (2001)", generations=_O),
    TagRule(
        "AD",
        "address",
        note="author address: record-level free text, kept verbatim; written from the "
        "contributors' affiliations when a record has none",
        generations=_B,
    ),
    TagRule("OP", "original_title", note="original publication"),
    TagRule("RI", "extras", note="reviewed item: kept verbatim"),
    TagRule("RP", "extras", note="reprint status: kept verbatim", generations=_B),
    TagRule("CA", "extras", note="caption: kept verbatim"),
    TagRule("LB", "extras", note="label: kept verbatim"),
    TagRule("CR", "extras", note="rights (non-standard): kept verbatim", generations=_V),
    TagRule("H1", "extras", note="library catalog (Citavi): kept verbatim", generations=_V),
    TagRule("H2", "extras", note="call number (Citavi): kept verbatim", generations=_V),
    *(
        TagRule(f"U{i}", "extras", note=f"user-defined {i} (2001): kept verbatim", generations=_O)
        for i in range(1, 6)
    ),
    TagRule("UK", "extras", note="unknown tag (rispy's bucket): kept verbatim", generations=_V),
)
"""The tag table (2011 tags first where a 2001 synonym exists, so writers prefer them)."""

KNOWN_TAGS: frozenset[str] = frozenset(r.tag for r in TAG_RULES)

#: 2011 tag -> 2001 tag written when the old-spec option is on (per TY group where they differ).
OLD_SPEC_TAGS: Mapping[str, str] = MappingProxyType(
    {"TI": "T1", "AU": "A1", "AB": "N2", "J2": "JA", "PY": "Y1", "DA": "Y1"}
)

# -- the rules: the tag table as executable rules ------------------------------------------------


class Into:
    """The reading conversion of a RIS rule: the value goes to ``slot``, whose syntax (names,
    dates, page ranges, ISSN/ISBN splitting) the reader's code for that slot handles."""

    __slots__ = ("slot",)

    def __init__(self, slot: str) -> None:
        self.slot = slot

    def __call__(self, value: Any, ctx: RuleContext) -> Any:
        return value

    def __repr__(self) -> str:
        return f"Into({self.slot!r})"


def _is(types: frozenset[str]) -> Callable[[RuleContext], bool]:
    return lambda ctx: ctx.native_type in types


def _not(types: frozenset[str]) -> Callable[[RuleContext], bool] | None:
    if not types:
        return None
    return lambda ctx: ctx.native_type not in types


_NOT_WRITTEN = frozenset({"extras", "address", "end", "type", "doc_type"})
"""Slots no writer rule fills (kept verbatim, or written by hand: TY, ER)."""


def _tag_rules(t: TagRule) -> list[Rule]:
    """The rules of one tag: its default slot (for the types without an override), then one
    rule per overriding slot (for the types that name it)."""
    by_slot: dict[str, set[str]] = {}
    for ty, s in t.by_type.items():
        if s != t.slot:
            by_slot.setdefault(s, set()).add(ty)
    out = []
    for s, types, note in (
        (t.slot, None, t.note),
        *((s, frozenset(ts), f"for {', '.join(sorted(ts))}") for s, ts in by_slot.items()),
    ):
        slot = SLOT_HOMES[s]
        when = _is(types) if types is not None else _not(frozenset(t.by_type))
        out.append(
            Rule(
                t.tag,
                slot.home,
                slot.kind,
                to_hub=Into(s),
                from_hub=None if s in _NOT_WRITTEN else _first_value,
                when=when,
                note=note,
                write=s not in _NOT_WRITTEN,
            )
        )
    return out


def _first_value(values: list[Any], ctx: RuleContext) -> Any:
    return values[0] if values else None


_DOC_ONLY = {"read": False, "from_hub": None}
RULES: tuple[Rule, ...] = (
    *(rule for t in TAG_RULES for rule in _tag_rules(t)),
    # what the writer (or a vendor quirk of the reader) puts in a tag besides its slot
    Rule(
        "AD",
        "contributors.affiliations",
        "approx",
        note="writer: affiliations of the contributors as record-level AD lines (the link to the "
        "person is lost)",
        **_DOC_ONLY,  # type: ignore[arg-type]
    ),
    Rule(
        "SN",
        "identifiers(scheme=isbn)",
        "approx",
        note="ISBN of a book (checksum decides)",
        **_DOC_ONLY,  # type: ignore[arg-type]
    ),
    Rule(
        "SN",
        "number",
        "approx",
        note="report / patent number (RPRT, PAT) when not an ISBN/ISSN",
        **_DOC_ONLY,  # type: ignore[arg-type]
    ),
    Rule(
        "C2",
        "identifiers(scheme=pmid)",
        "approx",
        note="Scopus writes the PMID in C2 (JOUR)",
        **_DOC_ONLY,  # type: ignore[arg-type]
    ),
    Rule(
        "T2",
        "titles(type=subtitle).text",
        "approx",
        note="EBSCO: subtitle; the writer joins subtitles into TI",
        **_DOC_ONLY,  # type: ignore[arg-type]
    ),
)
"""The RIS rules: every tag's home per ``TY`` (conditions on the native type), generated from
:data:`TAG_RULES` and :data:`SLOT_HOMES`; the reader and the writer look tags and slots up here."""

RULE_TABLE = RuleTable(RULES)

_OLD_ONLY = frozenset(t.tag for t in TAG_RULES if t.generations == ("2001",))


def rule_of(tag: str, ty: str) -> Rule | None:
    """The rule a tag follows in a record of type ``ty`` (None for an unknown tag)."""
    return _rule_of(tag, ty)


@cache
def _rule_of(tag: str, ty: str) -> Rule | None:
    return RULE_TABLE.rule_for(tag, RuleContext(native_type=ty))


def slot_for(tag: str, ty: str) -> str | None:
    """The slot a tag fills in a record of type ``ty``; None for an unknown tag."""
    r = _rule_of(tag, ty)
    return None if r is None else r.to_hub.slot  # type: ignore[union-attr]


@cache
def slot_table(ty: str) -> dict[str, str]:
    """Tag -> slot for records of type ``ty`` (cached per type)."""
    return {tag: s for tag in RULE_TABLE.sources if (s := slot_for(tag, ty)) is not None}


@cache
def writing_rules(ty: str) -> dict[str, Rule]:
    """Slot -> the rule that writes it in a record of type ``ty``: the first rule of the table
    that applies, 2011 (and vendor) tags before 2001-only ones."""
    ctx = RuleContext(native_type=ty)
    out: dict[str, Rule] = {}
    for old in (False, True):
        for r in RULE_TABLE.writing:
            if (r.source in _OLD_ONLY) != old or not isinstance(r.to_hub, Into):
                continue
            if r.when is None or r.when(ctx):
                out.setdefault(r.to_hub.slot, r)
    return out


def tag_for(slot: str, ty: str) -> str | None:
    """The (2011) tag that holds a slot in a record of type ``ty``, if any."""
    r = writing_rules(ty).get(slot)
    return None if r is None else r.source


# -- types -----------------------------------------------------------------------------------------

_T = TypeMap

TYPES: tuple[TypeMap, ...] = (
    _T("JOUR", "article-journal"),
    _T("EJOUR", "article-journal", write=False, note="electronic article"),
    _T("ABST", "article-journal", write=False, note="abstract"),
    _T("INPR", "article-journal", write=False, note="in press"),
    _T("MGZN", "article-magazine"),
    _T("NEWS", "article-newspaper"),
    _T("JFULL", "periodical"),
    _T("SER", "periodical", write=False, note="serial publication"),
    _T("BOOK", "book"),
    _T("EBOOK", "book", write=False, note="electronic book"),
    _T("EDBOOK", "edited-book", note="AU holds the editors"),
    _T("CLSWK", "classic"),
    _T("ANCIENT", "classic", write=False, note="ancient text"),
    _T("CHAP", "chapter"),
    _T("ECHAP", "chapter", write=False, note="electronic book section"),
    _T("ENCYC", "entry-encyclopedia"),
    _T("DICT", "entry-dictionary"),
    _T("CPAPER", "paper-conference", note="conference paper (2011): T2 conference, C3 proceedings"),
    _T(
        "CONF",
        "paper-conference",
        write=False,
        note="Scopus, Web of Science and Mendeley write CONF for papers (T2 = proceedings); "
        "Zotero reads it as one",
    ),
    _T("CONF", "proceedings", read=False, note="whole proceedings volume"),
    _T("THES", "thesis"),
    _T("RPRT", "report"),
    _T("GOVDOC", "report", write=False, note="government document"),
    _T("STAND", "standard"),
    _T("PAT", "patent"),
    _T("MANSCPT", "manuscript"),
    _T("UNPB", "manuscript", write=False, note="unpublished work"),
    _T("UNPD", "manuscript", write=False, note="Zotero variant of UNPB"),
    _T("UNBILL", "bill", write=False, note="unenacted bill (2001)"),
    _T("PAMP", "pamphlet"),
    _T("PCOMM", "letter"),
    _T("ICOMM", "letter", write=False, note="internet communication"),
    _T("ELEC", "webpage"),
    _T("WEB", "webpage", write=False, note="used by some tools"),
    _T("BLOG", "post-weblog"),
    _T("CASE", "legal-case"),
    _T("STAT", "legislation"),
    _T("BILL", "bill"),
    _T("LEGAL", "regulation"),
    _T("HEAR", "hearing"),
    _T("DATA", "dataset"),
    _T("DBASE", "dataset", write=False, note="online database"),
    _T("AGGR", "dataset", write=False, note="aggregated database"),
    _T("COMP", "software"),
    _T("MAP", "map"),
    _T("FIGURE", "figure"),
    _T("CHART", "figure", write=False, note="chart"),
    _T("ART", "image"),
    _T("EQUA", "document", write=False, note="equation"),
    _T("VIDEO", "audiovisual"),
    _T("MULTI", "audiovisual", write=False, note="online multimedia"),
    _T("ADVS", "audiovisual", write=False, note="audiovisual material"),
    _T("MPCT", "motion-picture"),
    _T("SOUND", "sound"),
    _T("MUSIC", "musical-score"),
    _T("SLIDE", "presentation"),
    _T("CTLG", "collection", note="catalog"),
    _T("GRANT", "award"),
    _T("GRNT", "award", write=False, note="Zotero variant of GRANT"),
    _T("GEN", "document"),
    # write-only mappings of hub types RIS has no exact code for ("approximate" = reported)
    _T("UNPB", "preprint", read=False, note="approximate: unpublished work"),
    _T("JOUR", "data-paper", read=False, note="approximate: journal article"),
    _T("JOUR", "review", read=False, note="approximate: journal article"),
    _T("JOUR", "review-book", read=False, note="approximate: journal article"),
    _T("BOOK", "multivolume-book", read=False),
    _T("BOOK", "manual", read=False, note="approximate: book"),
    _T("SLIDE", "speech", read=False, note="approximate: slide presentation"),
    _T("RPRT", "output-management-plan", read=False, note="approximate: report"),
    _T("PCOMM", "interview", read=False, note="approximate: personal communication"),
    _T("JFULL", "journal-issue", read=False, note="approximate: full journal"),
    _T("BLOG", "post", read=False, note="approximate: blog"),
    _T("ELEC", "interactive-resource", read=False, note="approximate: web page"),
    _T("LEGAL", "treaty", read=False, note="approximate: legal rule"),
    _T("COMP", "computational-notebook", read=False, note="approximate: computer program"),
    _T("COMP", "workflow", read=False, note="approximate: computer program"),
    _T("VIDEO", "broadcast", read=False, note="approximate: video recording"),
    _T("SOUND", "song", read=False),
    # no RIS code of their own: written as GEN (reported as TYPE_APPROXIMATED)
    *(
        _T("GEN", hub, read=False, note="approximate: no RIS code, generic")
        for hub in (
            "peer-review",
            "poster",
            "model",
            "service",
            "instrument",
            "physical-object",
            "study-registration",
            "project",
            "event",
            "performance",
            "other",
        )
    ),
)
"""TY codes (every code in the 2001 and 2011 lists and the Zotero variants) and hub types."""

# -- the generated crosswalk ---------------------------------------------------------------------


_UNMAPPED: dict[str, str] = {
    "titles(type=alternative)": "RIS has one translated title (TT) and no alternative title",
    "titles.lang": "RIS has no language per title (LA is the record's)",
    "contributors.lang": "RIS names are plain text: no language per name",
    "series.titles(type=short)": "RIS has no tag for a short series title",
    "event.date": "RIS has no event date (DA is the publication's)",
    "contributors.identifiers": "RIS names are plain text: person identifiers (ORCID) cannot be "
    "written (a person known only by an ORCID is written with the ORCID URL as the name)",
    "et_al": "RIS has no 'and others' marker",
    "dates(type=submitted)": "RIS has no submission date",
    "dates(type=accepted)": "RIS has no acceptance date",
    "dates(type=created)": "RIS has no creation date",
    "dates(type=available)": "RIS has no availability date",
    "dates(type=updated)": "RIS has no update date",
    "dates(type=original)": "RIS has no original-publication date",
    "dates(type=deposited)": "RIS has no deposit date",
    "dates(type=copyrighted)": "RIS has no copyright date",
    "dates(type=collected)": "RIS has no collection date",
    "dates(type=valid)": "RIS has no validity date",
    "dates(type=withdrawn)": "RIS has no withdrawal date",
    "dates(type=coverage)": "RIS has no coverage date",
    "dates(type=event)": "RIS has no event date",
    "dates(type=other)": "RIS has no other date",
    "publisher.identifiers": "PB is a name only",
    "identifiers(scheme=arxiv)": "RIS has no arXiv tag",
    "identifiers(scheme=local)": "RIS has one reference id (ID); local identifiers cannot be written",
    "identifiers(scheme=openalex)": "RIS has no OpenAlex tag",
    "identifiers(scheme=handle)": "RIS has no handle tag",
    "identifiers(scheme=ark)": "RIS has no ARK tag",
    "identifiers(scheme=urn)": "RIS has no URN tag",
    "identifiers(scheme=urn-nbn)": "RIS has no URN tag",
    "identifiers(scheme=wikidata)": "RIS has no Wikidata tag",
    "identifiers(scheme=bibcode)": "RIS has no bibcode tag",
    "identifiers(scheme=purl)": "RIS has no PURL tag",
    "identifiers(scheme=other)": "RIS has no tag for other identifiers",
    "subjects.scheme": "KW holds the term only",
    "subjects.code": "KW holds the term only",
    "rights": "RIS has no rights tag (CR is read verbatim but not part of either specification)",
    "access_rights": "RIS has no access-rights tag",
    "funding": "RIS has no funding tags",
    "relations": "RIS has no typed relations",
    "related_items": "RIS has no related items",
    "sizes": "RIS has no size tag",
    "formats": "RIS has no format tag",
    "geo_locations": "RIS has no geolocation tags",
    "publication_status": "RIS has no publication-status tag (TY INPR is read as a journal article)",
    "peer_reviewed": "RIS has no peer-review flag",
    "chapter": "RIS has no chapter-number tag",
    "part": "RIS has no part tag",
    "citation": "RIS has no free-text citation tag",
    "original.publisher": "RIS holds only the original publication's title (OP)",
    "original.language": "RIS holds only the original publication's title (OP)",
    "archive.collection": "RIS has no archive-collection tag",
    "archive.place": "RIS has no archive-place tag",
    "container.edition": "ET is the record's own edition",
    "container.publisher": "PB is the record's publisher",
    "container.issued": "RIS has one publication date",
}

CROSSWALK = Crosswalk(
    format="ris",
    fields=RULE_TABLE.field_maps(),
    types=TYPES,
    unmapped=_UNMAPPED,
)
"""The RIS crosswalk (its field rows are the rows of :data:`RULE_TABLE`)."""

LANGUAGES = {
    "english": "en",
    "french": "fr",
    "german": "de",
    "spanish": "es",
    "italian": "it",
    "portuguese": "pt",
    "dutch": "nl",
    "russian": "ru",
    "chinese": "zh",
    "japanese": "ja",
    "korean": "ko",
    "polish": "pl",
    "swedish": "sv",
    "danish": "da",
    "norwegian": "no",
    "finnish": "fi",
    "turkish": "tr",
    "greek": "el",
    "hebrew": "he",
    "arabic": "ar",
    "czech": "cs",
    "hungarian": "hu",
    "persian": "fa",
    "croatian": "hr",
    "romanian": "ro",
    "slovenian": "sl",
    "ukrainian": "uk",
    "latin": "la",
    # ISO 639-2 codes (PubMed writes these)
    "eng": "en",
    "fre": "fr",
    "fra": "fr",
    "ger": "de",
    "deu": "de",
    "spa": "es",
    "ita": "it",
    "por": "pt",
    "dut": "nl",
    "nld": "nl",
    "rus": "ru",
    "chi": "zh",
    "zho": "zh",
    "jpn": "ja",
    "pol": "pl",
}
"""Language names (Embase, ProQuest) and ISO 639-2 codes (PubMed) found in LA, as BCP 47 tags."""
