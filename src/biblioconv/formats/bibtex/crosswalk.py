"""Crosswalk tables of BibTeX and BibLaTeX: fields, entry types and what they cannot hold."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from biblioconv.crosswalk import Crosswalk, Kind, TypeMap
from biblioconv.dates import parse_date
from biblioconv.formats.bibtex import values as V
from biblioconv.rules import Rule, RuleContext, RuleTable
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

# -- fields: the rule table ---------------------------------------------------------------------
#
# One ordered list of rows, each a rule and the dialects it belongs to. Both dialects' tables are
# cut from it (so the shared rows are one), the reader reads by it (``to_hub``), the writer writes
# by it in row order (``from_hub``, which hands the BibTeX syntax to the writer: ``ctx.options``)
# and the crosswalks' documentation rows are its rows. The reader takes each field of an entry, in
# the entry's order, by the first of its rows whose condition holds (conditions that differ by
# direction: ``_rw``); a field no row reads, or whose ``to_hub`` gives ``None``, is kept as it is.
# A ``to_hub`` of ``None`` marks a row only the writer uses, or a field the reader takes by hand
# because it spans fields (the issued date, the language aliases, eid/articleno with their kind,
# authortype/editortype: see ``RecordBuilder.build``); a home of ``extras`` a field that is known
# and kept as it is; kind ``consumed`` a field read with another one.

BOTH = ("bibtex", "biblatex")
BIBTEX = ("bibtex",)
BIBLATEX = ("biblatex",)

#: entry types whose ``number`` is the issue and whose container is a periodical
ARTICLE_TYPES = frozenset(["article", "periodical", "suppperiodical"])
#: entry types that are part of a container (book, proceedings, journal)
PART_TYPES = frozenset(
    [
        "article",
        "inbook",
        "incollection",
        "inproceedings",
        "conference",
        "inreference",
        "bookinbook",
        "suppbook",
        "suppcollection",
        "suppperiodical",
    ]
)
#: entry types whose ``number`` is their own (not a series number)
REPORT_TYPES = frozenset(
    ["techreport", "report", "patent", "standard", "manual", "misc", "online", "www"]
)
_OWN_NUMBER_HUB_TYPES = frozenset(["report", "patent", "standard", "thesis", "document", "webpage"])


def own_number(native: str | None, hub: str | None) -> bool:
    """Whether an entry's ``number`` is its own number (a report's) rather than its series'."""
    return native in REPORT_TYPES or native not in READ_TYPES or hub in _OWN_NUMBER_HUB_TYPES


#: the parts of a date an EDTF ``date`` field carries (not the time of day, not free information)
EDTF_PARTS = (
    "type",
    "start.year",
    "start.month",
    "start.day",
    "start.season",
    "end.year",
    "end.month",
    "end.day",
    "end.season",
    "open_start",
    "open_end",
    "approximate",
    "uncertain",
    "literal",
)
_EDTF_NOT_TEXT = EDTF_PARTS[:-1]
NAME_PARTS = (
    "kind",
    "given",
    "family",
    "non_dropping_particle",
    "dropping_particle",
    "suffix",
    "literal",
)
TEXT_PARTS = ("text",)  # the type is the filter: carried by it
ID_PARTS = ("value", "valid")


# What a field carries of a list element: all of it (``()``) when it holds nothing else, else
# the attributes named (the rest is then reported); deciding this per element is cheaper than
# walking every element's attributes afterwards.


def name_parts(c: Any) -> tuple[str, ...]:
    """A name carries the parts of a name, not identifiers, affiliations or a language; a
    person's name in parts, not also a whole name beside them (nor a whole name, parts)."""
    if c.literal and (c.family or c.given):
        whole = c.kind == "organization" or not c.family
        left = ("given", "family") if whole else ("literal",)
        return tuple(p for p in NAME_PARTS if p not in left)
    if c.identifiers or c.affiliations or c.lang or c.comma_suffix or c.static_ordering:
        return NAME_PARTS
    return NAME_PARTS if c.role_label else ()


def text_parts(t: Any) -> tuple[str, ...]:
    """A title or note field carries the text, not a language."""
    return TEXT_PARTS if t.lang else ()


def id_parts(i: Any) -> tuple[str, ...]:
    """An identifier field carries the value, not a label."""
    return ID_PARTS if i.label or i.scheme_uri else ()


def edtf_parts(d: Any) -> tuple[str, ...]:
    """An EDTF field carries the date, not its time of day or free information, nor its text
    beside its value."""
    if d.literal and (d.start or d.end):
        return _EDTF_NOT_TEXT
    if d.information or (d.start and d.start.time) or (d.end and d.end.time):
        return EDTF_PARTS
    return ()


def term_parts(s: Any) -> tuple[str, ...]:
    """A keyword is a plain term."""
    return ("term",) if s.scheme or s.scheme_uri or s.value_uri or s.code or s.lang else ()


def _w(method: str, *args: Any) -> Callable[[list[Any], RuleContext], Any]:
    """A writing conversion done by the writer's syntax code (``ctx.options``)."""

    def from_hub(values: list[Any], ctx: RuleContext) -> Any:
        return getattr(ctx.options, method)(values, ctx, *args)

    from_hub.__name__ = method
    return from_hub


def _r(method: str, *args: Any) -> Callable[[Any, RuleContext], Any]:
    """A reading conversion done by the reader's syntax code (``ctx.options``)."""

    def to_hub(value: Any, ctx: RuleContext) -> Any:
        return getattr(ctx.options, method)(value, ctx, *args)

    to_hub.__name__ = method
    return to_hub


def _x(method: str) -> Callable[[list[Any], RuleContext], bool]:
    """An exactness check done by the writer (``ctx.options``)."""

    def exact(values: list[Any], ctx: RuleContext) -> bool:
        return bool(getattr(ctx.options, method)(values, ctx))

    return exact


def _rw(
    read: Callable[[RuleContext], bool] | None, write: Callable[[RuleContext], bool] | None
) -> Callable[[RuleContext], bool]:
    """A condition that differs by direction: ``read`` on the entry's fields (``ctx.record`` is
    None), ``write`` on the record (``None``: always)."""

    def when(ctx: RuleContext) -> bool:
        if ctx.record is None:
            return read is None or read(ctx)
        return write is None or write(ctx)

    return when


_PUBLISHER_FIELDS = ("publisher", "school", "institution")
_THESIS_OR_REPORT = frozenset(["phdthesis", "mastersthesis", "thesis", "techreport", "report"])


def _publisher_read(name: str, ctx: RuleContext) -> bool:
    """A thesis' or report's publisher is not its publisher when it has a school or institution."""
    f = ctx.fields or {}
    return not (
        name == "publisher"
        and ctx.native_type in _THESIS_OR_REPORT
        and ("school" in f or "institution" in f)
    )


def _ctitle_read(name: str, ctx: RuleContext) -> bool:
    """A proceedings' booktitle that repeats its title is not a container title."""
    f = ctx.fields or {}
    return not (
        name == "booktitle"
        and ctx.native_type in ("proceedings", "mvproceedings")
        and f[name] == f.get("title")
    )


#: reading: the field that gives the publisher's name (the first of them; the others are kept)
_pubname = V.first_of(_PUBLISHER_FIELDS, _publisher_read)
#: reading: the field that gives the container's title (the first of them; the others are kept)
_ctitle = V.first_of(("journal", "journaltitle", "booktitle"), _ctitle_read)


def _has(ctx: RuleContext, name: str) -> bool:
    """Reading: whether the entry has the field (empty or not)."""
    return name in (ctx.fields or {})


def _HAS_EPRINT(ctx: RuleContext) -> bool:
    return _has(ctx, "eprint")


def _native_in(types: frozenset[str]) -> Callable[[RuleContext], bool]:
    return lambda ctx: ctx.native_type in types


def _native_not_in(types: frozenset[str]) -> Callable[[RuleContext], bool]:
    return lambda ctx: ctx.native_type not in types


def reads_as_date(d: Any) -> bool:
    """Whether a date held only as free text reads back as a date (``spring 2019``: the
    reader's date parsing gives it a season and a year)."""
    if not d.literal or d.start is not None or d.end is not None:
        return False
    back = parse_date(d.literal, d.type)
    return back.literal != d.literal or back.start is not None or back.end is not None


def literal_parts(d: Any) -> tuple[str, ...]:
    """What a date field in free text carries of a date: its text, or (a text that reads back
    as a date) the whole date, approximately."""
    return () if reads_as_date(d) else ("type", "literal")


def year_parts(d: Any) -> tuple[str, ...]:
    """What BibTeX's year (with month and day, rules of their own) carries of a date: its year,
    both years of a range of years, or its free text."""
    if d.start is None:  # free text, or the end of a range open at its start: approximate
        return literal_parts(d) if d.end is None else ()
    simple_range = d.is_range and d.end is not None and not (d.start.month or d.end.month)
    if simple_range and not (d.approximate or d.uncertain):
        return ("type", "start.year", "end.year")
    return ("type", "start.year")


def file_parts(a: Any) -> tuple[str, ...]:
    """What a ``file`` list item carries of an attachment: its kind only where the reader
    gives it back (``pdf`` from a PDF media type, else ``file``)."""
    kind = "pdf" if a.media_type and "pdf" in a.media_type.lower() else "file"
    return () if a.kind == kind else ("url", "label", "media_type")


_TEXT = _w("text")
_RICH = _w("rich")
_EXACT_TEXT = _x("text_exact")
_Row = tuple[tuple[str, ...], Rule]
_ROWS: list[_Row] = []


def _row(
    dialects: tuple[str, ...],
    source: str,
    home: str,
    kind: Kind = "exact",
    note: str = "",
    **kw: Any,
) -> None:
    if home == "extras":
        kw.setdefault("to_hub", None)
        kw.setdefault("from_hub", None)
        kind = "extras"
    kw.setdefault("to_hub", None)  # not read by this row unless said otherwise
    _ROWS.append((dialects, Rule(source, home, kind, note=note, **kw)))


def _text_row(dialects: tuple[str, ...], source: str, home: str, note: str = "") -> None:
    """A plain text field read and written by the table alone."""
    _row(dialects, source, home, note=note, to_hub=V.text, from_hub=_TEXT, exact=_EXACT_TEXT)


def _extras(dialects: tuple[str, ...], *sources: str, note: str = "") -> None:
    for s in sources:
        _row(dialects, s, "extras", note=note)


_row(
    BOTH,
    "ENTRYTYPE",
    "type",
    note="the entry type (@article...), through the type table",
    from_hub=None,
)
_row(BOTH, "ID", "citation_key", note="the entry key", from_hub=None)

# names, in the order of NAME_ROLES
for _field, _role in {
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
}.items():
    _row(
        BOTH if _field in ("author", "editor") else BIBLATEX,
        _field,
        f"contributors(role={_role})",
        note="BibTeX name rules (von, Jr); {Braced name} is an organisation; 'and others'",
        to_hub=_r("names", _field),
        from_hub=_w("names", _field),
        take="all",
        parts=name_parts,
    )
    if _field in ("author", "editor"):
        _row(
            BIBLATEX,
            f"{_field}type",
            f"contributors(role={_role}).role_label",
            "exact",
            f"on every {_field}",
            from_hub=_w("role_label"),
            take="all",
            exact=lambda values, ctx, role=_role: ctx.options.labels_exact(values, ctx, role),
        )
_row(BOTH, "author", "et_al", note="'and others' in a name list", from_hub=None)
_row(
    BOTH,
    "organization",
    "contributors(role=sponsor)",
    note="a sponsor, when there is a publisher too",
    when=_rw(lambda ctx: any(_has(ctx, k) for k in _PUBLISHER_FIELDS), None),
    to_hub=V.sponsor,
    from_hub=_w("names", "organization"),
    take="all",
    parts=name_parts,
    exact=_x("sponsor_exact"),
)

# titles
_row(
    BOTH,
    "title",
    "titles(type=main)",
    note="protected case -> nocase spans; BibTeX: a subtitle is joined to it",
    from_hub=_w("title", "title"),
    parts=text_parts,
    exact=_x("title_exact"),
    to_hub=V.title,
)
_row(
    BIBLATEX,
    "subtitle",
    "titles(type=subtitle)",
    from_hub=_w("title", "subtitle"),
    parts=text_parts,
    exact=_x("title_exact"),
    to_hub=V.title,
)
_row(
    BIBLATEX,
    "titleaddon",
    "titles(type=other)",
    from_hub=_w("title", "titleaddon"),
    parts=text_parts,
    exact=_x("title_exact"),
    to_hub=V.title,
)
_row(
    BOTH,
    "shorttitle",
    "titles(type=short)",
    note="Zotero, JabRef",
    from_hub=_w("title", "shorttitle"),
    parts=text_parts,
    exact=_x("title_exact"),
    to_hub=V.title,
)
_ARTICLE = _native_in(ARTICLE_TYPES)
_NOT_ARTICLE = _native_not_in(ARTICLE_TYPES)
_row(
    BIBTEX,
    "journal",
    "container.titles(type=main)",
    note="of an article",
    when=_rw(lambda ctx: _ctitle("journal", ctx), _ARTICLE),
    from_hub=_RICH,
    parts=text_parts,
    exact=_x("ctitle_exact"),
    to_hub=V.title,
)
_row(
    BIBLATEX,
    "journaltitle",
    "container.titles(type=main)",
    note="of an article",
    when=_rw(lambda ctx: _ctitle("journaltitle", ctx), _ARTICLE),
    from_hub=_RICH,
    parts=text_parts,
    exact=_EXACT_TEXT,
    to_hub=V.title,
)
_row(
    BIBLATEX,
    "journalsubtitle",
    "container.titles(type=subtitle)",
    when=_rw(None, _ARTICLE),
    from_hub=_RICH,
    parts=text_parts,
    exact=_EXACT_TEXT,
    to_hub=V.title,
)
_row(
    BIBLATEX,
    "journaltitleaddon",
    "container.titles(type=other)",
    when=_rw(None, _ARTICLE),
    from_hub=_RICH,
    parts=text_parts,
    exact=_EXACT_TEXT,
    to_hub=V.title,
)
_row(
    BOTH,
    "booktitle",
    "container.titles(type=main)",
    note="container of a part; BibTeX: its subtitle joined to it",
    when=_rw(lambda ctx: _ctitle("booktitle", ctx), _NOT_ARTICLE),
    from_hub=_w("title", "booktitle"),
    to_hub=V.title,
    parts=text_parts,
    exact=_x("ctitle_exact"),
)
_row(
    BIBLATEX,
    "booksubtitle",
    "container.titles(type=subtitle)",
    when=_rw(None, _NOT_ARTICLE),
    from_hub=_w("title", "booksubtitle"),
    to_hub=V.title,
    parts=text_parts,
    exact=_x("title_exact"),
)
_row(
    BIBLATEX,
    "booktitleaddon",
    "container.titles(type=other)",
    when=_rw(None, _NOT_ARTICLE),
    from_hub=_w("title", "booktitleaddon"),
    to_hub=V.title,
    parts=text_parts,
    exact=_x("title_exact"),
)
_row(
    BIBLATEX,
    "shortjournal",
    "container.titles(type=short)",
    to_hub=V.title,
    from_hub=_RICH,
    parts=text_parts,
    exact=_EXACT_TEXT,
)
_text_row(BIBLATEX, "eventtitle", "event.title")
_text_row(BIBLATEX, "venue", "event.place")
_row(
    BIBLATEX,
    "eventdate",
    "event.date",
    from_hub=_w("date", "eventdate"),
    to_hub=V.date("event", "eventdate"),
    parts=edtf_parts,
    exact=_x("date_exact"),
)
_text_row(BOTH, "edition", "edition")
_row(
    BOTH,
    "series",
    "series.titles(type=main)",
    from_hub=_RICH,
    parts=text_parts,
    exact=_EXACT_TEXT,
    to_hub=V.title,
)
_row(
    BIBLATEX,
    "shortseries",
    "series.titles(type=short)",
    to_hub=V.title,
    from_hub=_RICH,
    parts=text_parts,
    exact=_EXACT_TEXT,
)
_text_row(BOTH, "volume", "container.volume")
_text_row(BOTH, "version", "version", "de-facto in BibTeX (software, Zotero)")
_text_row(BIBLATEX, "volumes", "number_of_volumes")
_row(
    BOTH,
    "number",
    "container.issue",
    note="issue of an article",
    when=_ARTICLE,
    to_hub=V.text,
    from_hub=_TEXT,
    exact=_EXACT_TEXT,
)
_row(
    BOTH,
    "number",
    "number",
    note="number of a report, patent or standard",
    when=_rw(lambda ctx: own_number(ctx.native_type, ctx.hub_type), None),
    to_hub=V.text,
    from_hub=_TEXT,
    exact=_x("own_number_exact"),
)
_row(
    BOTH,
    "number",
    "series.number",
    note="number in a series (books, parts of books)",
    when=_NOT_ARTICLE,
    to_hub=V.text,
    from_hub=_TEXT,
    exact=_x("series_number_exact"),
)
_row(
    BIBLATEX,
    "issue",
    "container.issue",
    "approx",
    "named issue; used when number is absent",
    when=_rw(
        lambda ctx: not (_has(ctx, "number") and ctx.native_type in ARTICLE_TYPES), _NOT_ARTICLE
    ),
    to_hub=V.text,
    from_hub=_TEXT,
)
_row(
    BIBTEX,
    "number",
    "container.issue",
    "approx",
    "the issue of a part that is no article",
    when=_NOT_ARTICLE,
    from_hub=_TEXT,
)
_row(
    BIBTEX,
    "articleno",
    "container.number",
    note="ACM article number",
    from_hub=_TEXT,
    exact=_x("article_number_exact"),
)
_row(
    BIBLATEX,
    "eid",
    "container.number",
    note="article number",
    from_hub=_TEXT,
    exact=_x("article_number_exact"),
)
_text_row(BOTH, "chapter", "chapter")
_text_row(BIBLATEX, "part", "part")
_row(
    BOTH,
    "pages",
    "container.pages",
    note="12--34",
    from_hub=_w("pages"),
    to_hub=V.pages,
    exact=_x("pages_exact"),
)
_text_row(BIBTEX, "numpages", "number_of_pages", "ACM page count")
_text_row(BIBLATEX, "pagetotal", "number_of_pages")
_row(
    BOTH,
    "type",
    "genre",
    note="kind of thesis or report",
    to_hub=V.genre,
    from_hub=_w("genre"),
    exact=_EXACT_TEXT,
)
# publisher
_THESIS = frozenset(["phdthesis", "mastersthesis"])
_INSTITUTION = frozenset(["thesis", "techreport", "report"])
_row(
    BOTH,
    "school",
    "publisher.name",
    note="school of a thesis",
    when=_rw(lambda ctx: _pubname("school", ctx), _native_in(_THESIS)),
    to_hub=V.text,
    from_hub=_TEXT,
    exact=_EXACT_TEXT,
)
_row(
    BOTH,
    "institution",
    "publisher.name",
    note="institution of a report or thesis",
    when=_rw(lambda ctx: _pubname("institution", ctx), _native_in(_INSTITUTION)),
    to_hub=V.text,
    from_hub=_TEXT,
    exact=_EXACT_TEXT,
)
_row(
    BIBTEX,
    "organization",
    "publisher.name",
    note="of a manual; read back as the publisher when there is none",
    when=_rw(None, _native_in(frozenset(["manual"]))),
    to_hub=V.text,
    from_hub=_TEXT,
    exact=_EXACT_TEXT,
)
_NOT_PUBLISHER = _THESIS | _INSTITUTION
_row(
    BOTH,
    "publisher",
    "publisher.name",
    when=_rw(
        lambda ctx: _pubname("publisher", ctx),
        lambda ctx: (
            ctx.native_type not in _NOT_PUBLISHER
            and not (ctx.native_type == "manual" and not ctx.options.blx)
        ),
    ),
    to_hub=V.text,
    from_hub=_TEXT,
    exact=_EXACT_TEXT,
)
_row(BIBTEX, "address", "publisher.place", from_hub=_TEXT, exact=_EXACT_TEXT, to_hub=V.text)
_row(
    BIBLATEX,
    "location",
    "publisher.place",
    when=_rw(lambda ctx: not _has(ctx, "address"), None),
    from_hub=_TEXT,
    exact=_EXACT_TEXT,
    to_hub=V.text,
)
_row(
    BIBTEX,
    "location",
    "event.place",
    note="ACM: conference location beside address (in the parts of proceedings: elsewhere a "
    "reader takes it for biblatex's place of publication)",
    when=_rw(
        lambda ctx: _has(ctx, "address") and ctx.native_type in PART_TYPES,
        lambda ctx: (
            bool(ctx.record.publisher and ctx.record.publisher.place)
            and ctx.native_type in PART_TYPES
        ),
    ),
    to_hub=V.text,
    from_hub=_TEXT,
    exact=_EXACT_TEXT,
)
# dates
_row(
    BIBLATEX,
    "year",
    "dates(type=issued)",
    "approx",
    "a date in free text",
    when=lambda ctx: ctx.options.literal_date(ctx),
    from_hub=_w("date", "year"),
    parts=literal_parts,
)
_row(
    BOTH,
    "date",
    "dates(type=issued)",
    note="ISO 8601 / EDTF; BibTeX: when the source had it",
    when=lambda ctx: ctx.options.edtf_issued(ctx),
    from_hub=_w("date", "date"),
    parts=edtf_parts,
    exact=_x("date_exact"),
)
_row(
    BIBTEX,
    "year",
    "dates(type=issued)",
    from_hub=_w("year"),
    parts=year_parts,
    exact=lambda values, ctx: (
        values[0].start is not None or (values[0].end is None and not reads_as_date(values[0]))
    ),
    when=lambda ctx: not ctx.options.edtf_issued(ctx),
)
_row(
    BIBTEX,
    "month",
    "dates(type=issued).start.month",
    note="month macro",
    from_hub=_w("month"),
    when=lambda ctx: not ctx.options.edtf_issued(ctx),
)
_row(
    BIBTEX,
    "day",
    "dates(type=issued).start.day",
    note="de-facto day of month",
    from_hub=_w("day"),
    when=lambda ctx: not ctx.options.edtf_issued(ctx),
)
_row(
    BOTH,
    "urldate",
    "dates(type=accessed)",
    from_hub=_w("date", "urldate"),
    to_hub=V.date("accessed", "urldate"),
    parts=edtf_parts,
    exact=_x("date_exact"),
)
_row(
    BIBLATEX,
    "origdate",
    "dates(type=original)",
    from_hub=_w("date", "origdate"),
    to_hub=V.date("original", "origdate"),
    parts=edtf_parts,
    exact=_x("date_exact"),
)
# identifiers
_row(
    BOTH,
    "doi",
    "identifiers(scheme=doi)",
    from_hub=_w("ident", "doi"),
    parts=id_parts,
    to_hub=V.ident,
)
_row(
    BOTH,
    "url",
    "identifiers(scheme=url)",
    note="a lone \\url{} in howpublished too",
    from_hub=_w("ident", "url"),
    parts=id_parts,
    to_hub=V.ident,
)
_row(
    BOTH,
    "isbn",
    "container.identifiers(scheme=isbn)",
    note="a chapter's or paper's: its book's",
    when=_native_in(PART_TYPES),
    to_hub=V.isbns,
    from_hub=_w("ident", "isbn"),
    parts=id_parts,
)
_row(
    BOTH,
    "isbn",
    "identifiers(scheme=isbn)",
    from_hub=_w("ident", "isbn"),
    parts=id_parts,
    exact=lambda values, ctx: ctx.native_type not in PART_TYPES,
    to_hub=V.isbns,
)
_row(
    BOTH,
    "isbn",
    "container.identifiers(scheme=isbn)",
    "approx",
    "read back as the record's",
    from_hub=_w("ident", "isbn"),
    parts=id_parts,
)
for _scheme in ("isan", "ismn", "isrn", "iswc"):
    _row(
        BIBLATEX,
        _scheme,
        f"identifiers(scheme={_scheme})",
        from_hub=_w("ident", _scheme),
        parts=id_parts,
        to_hub=V.ident,
    )
_row(
    BIBTEX,
    "pmid",
    "identifiers(scheme=pmid)",
    note="de-facto (PubMed, JabRef)",
    from_hub=_w("ident", "pmid"),
    parts=id_parts,
    to_hub=V.ident,
)
_row(
    BIBTEX,
    "pmcid",
    "identifiers(scheme=pmcid)",
    note="de-facto",
    from_hub=_w("ident", "pmcid"),
    parts=id_parts,
    to_hub=V.ident,
)
_EPRINT_KINDS = {
    "arxiv": "arXiv",
    "pmid": "pubmed",
    "pmcid": "pmcid",
    "handle": "hdl",
    "jstor": "jstor",
    "googlebooks": "googlebooks",
}
for _scheme, _kind in _EPRINT_KINDS.items():
    _d = BIBLATEX if _scheme in ("pmid", "pmcid") else BOTH
    _row(
        _d,
        "eprint",
        f"identifiers(scheme={_scheme})",
        note=f"eprinttype = {_kind}",
        from_hub=_w("ident", "eprint"),
        parts=id_parts,
    )
    _row(
        BIBLATEX,
        "eprinttype",
        f"identifiers(scheme={_scheme}).scheme",
        note="names the scheme of eprint (consumed on read)",
        from_hub=lambda values, ctx, k=_kind: k,
    )
    if _d == BOTH:
        _row(
            BIBTEX,
            "archiveprefix",
            f"identifiers(scheme={_scheme}).scheme",
            note="names the scheme of eprint (consumed on read)",
            from_hub=lambda values, ctx, k=_kind: k,
        )
_row(
    BOTH,
    "eprint",
    "identifiers",
    note="read: in the scheme eprinttype (archiveprefix) names; an arXiv id without one",
    to_hub=V.eprint,
    write=False,
)
_row(
    BIBLATEX,
    "eprinttype",
    "identifiers",
    "consumed",
    "names the scheme of eprint (read with it)",
    when=_HAS_EPRINT,
    to_hub=V.consumed,
    write=False,
)
_row(
    BOTH,
    "issn",
    "container.identifiers(scheme=issn)",
    note="one field for ISSNs and e-ISSNs (Zotero): the first is the ISSN",
    from_hub=_w("issn"),
    take="all",
    parts=id_parts,
    uses=("container.identifiers(scheme=eissn)",),
    exact=lambda values, ctx: len(values) == 1,
    to_hub=V.issns,
)
_row(
    BIBLATEX,
    "eissn",
    "container.identifiers(scheme=eissn)",
    note="when there is no ISSN",
    when=_rw(
        None, lambda ctx: not any(i.scheme == "issn" for i in ctx.record.container.identifiers)
    ),
    to_hub=V.eissns,
    from_hub=_w("issn"),
    take="all",
    parts=id_parts,
)
_row(
    BIBTEX,
    "issn",
    "container.identifiers(scheme=eissn)",
    "approx",
    "read back as an ISSN",
    from_hub=_w("issn"),
    take="all",
    parts=id_parts,
)
_row(
    BIBTEX,
    "eissn",
    "container.identifiers(scheme=eissn)",
    note="de-facto",
    write=False,
    to_hub=V.eissns,
)
# language, keywords, notes
_row(
    BIBLATEX,
    "langid",
    "language",
    note="babel name -> BCP 47",
    from_hub=_w("langid"),
    exact=_x("language_exact"),
)
_row(
    BOTH,
    "language",
    "language",
    note="language name -> BCP 47 (BibLaTeX: when not a babel name)",
    from_hub=_w("language"),
    exact=_x("language_exact"),
)
_row(BIBLATEX, "hyphenation", "language", note="alias of langid", write=False)
_row(
    BOTH,
    "keywords",
    "subjects",
    note="comma-separated",
    to_hub=V.keywords,
    from_hub=_w("keywords"),
    take="all",
    parts=term_parts,
    exact=_EXACT_TEXT,
)
_row(
    BOTH,
    "abstract",
    "descriptions(type=abstract)",
    to_hub=V.description,
    from_hub=_TEXT,
    parts=text_parts,
    exact=_EXACT_TEXT,
)
_row(
    BOTH,
    "note",
    "descriptions(type=note)",
    from_hub=_TEXT,
    parts=text_parts,
    exact=_EXACT_TEXT,
    to_hub=V.description,
)
_row(
    BIBTEX,
    "annote",
    "descriptions(type=annotation)",
    to_hub=V.description,
    from_hub=_TEXT,
    parts=text_parts,
    exact=_EXACT_TEXT,
)
_row(
    BIBLATEX,
    "annotation",
    "descriptions(type=annotation)",
    to_hub=V.description,
    from_hub=_TEXT,
    parts=text_parts,
    exact=_EXACT_TEXT,
)
_row(
    BIBLATEX,
    "annote",
    "descriptions(type=annotation)",
    note="alias of annotation",
    write=False,
    to_hub=V.description,
)
_row(
    BIBLATEX,
    "addendum",
    "descriptions(type=other)",
    note="printed after the entry",
    to_hub=V.description,
    from_hub=_TEXT,
    parts=text_parts,
    exact=_EXACT_TEXT,
)
_row(
    BIBTEX,
    "note",
    "descriptions(type=other)",
    "approx",
    "read back as a note",
    from_hub=_TEXT,
    parts=text_parts,
)
_row(
    BOTH,
    "howpublished",
    "formats",
    note="formats joined by '; '",
    when=_rw(lambda ctx: not V.lone_url(ctx), None),
    to_hub=V.text,
    from_hub=_w("formats"),
    take="all",
    exact=lambda values, ctx: len(values) == 1 and "\\url" not in values[0],
)
_row(
    BOTH,
    "howpublished",
    "identifiers(scheme=url)",
    note="a lone \\url{}, when there is no url field",
    when=V.lone_url,
    to_hub=V.url_only,
    write=False,
)
_row(
    BOTH,
    "file",
    "attachments",
    note="JabRef/Zotero 'description:path:type' lists",
    to_hub=V.files,
    from_hub=_w("files"),
    take="all",
    parts=file_parts,
)
_row(BIBLATEX, "pdf", "attachments", note="alias of file", write=False, to_hub=V.files)
_row(
    BIBLATEX,
    "pubstate",
    "publication_status",
    note="inpress, forthcoming, submitted...",
    to_hub=V.pubstate,
    from_hub=_w("pubstate"),
)
_text_row(BIBLATEX, "library", "archive.name")
_text_row(BIBLATEX, "origtitle", "original.title")
_row(
    BIBLATEX,
    "origlanguage",
    "original.language",
    to_hub=V.lang,
    from_hub=_w("origlanguage"),
)
_text_row(BIBLATEX, "origpublisher", "original.publisher.name")
_text_row(BIBLATEX, "origlocation", "original.publisher.place")
_row(
    BIBLATEX,
    "entrysubtype",
    "type",
    "approx",
    "magazine/newspaper refine article; else kept",
    when=_rw(
        lambda ctx: (
            ctx.native_type == "article"
            and (ctx.fields or {})["entrysubtype"].strip().lower() in ("magazine", "newspaper")
        ),
        lambda ctx: (
            ctx.native_type == "article"
            and ctx.hub_type in ("article-magazine", "article-newspaper")
        ),
    ),
    to_hub=V.subtype,
    from_hub=lambda values, ctx: str(values[0]).split("-", 1)[1],
)
_row(
    BIBTEX,
    "archiveprefix",
    "identifiers(scheme=arxiv)",
    "consumed",
    "names the scheme of eprint",
    when=_HAS_EPRINT,
    to_hub=V.consumed,
    write=False,
)
# known fields kept as they are (in the record's extras)
_extras(BOTH, "crossref", note="parent key; fields are inherited on read")
_extras(BOTH, "key", note="sort key")
_extras(BOTH, "ids", note="other keys of the entry")
_extras(BOTH, "primaryclass", note="arXiv primary class")
_extras(BIBLATEX, "eprintclass", note="arXiv primary class")
_extras(BIBLATEX, "xdata", note="data entries are inherited on read and kept as blocks")
_extras(BIBLATEX, "xref", note="parent key")
_extras(
    BIBLATEX,
    "bookpagination",
    "entryset",
    "eventtitleaddon",
    "execute",
    "gender",
    "indexsorttitle",
    "indextitle",
    "issuesubtitle",
    "issuetitle",
    "issuetitleaddon",
    "label",
    "langidopts",
    "mainsubtitle",
    "maintitle",
    "maintitleaddon",
    "nameaddon",
    "options",
    "pagination",
    "presort",
    "related",
    "relatedoptions",
    "relatedstring",
    "relatedtype",
    "reprinttitle",
    "shortauthor",
    "shorteditor",
    "shorthand",
    "shorthandintro",
    "sortkey",
    "sortname",
    "sortshorthand",
    "sorttitle",
    "sortyear",
)
for _n in "abc":
    _extras(BIBLATEX, f"editor{_n}", f"editor{_n}type", f"name{_n}", f"name{_n}type", f"verb{_n}")
for _n in "abcdef":
    _extras(BIBLATEX, f"list{_n}", f"user{_n}")
# date parts: biber derives them from the date field; read as they are
for _p, _home in {
    "": "dates(type=issued)",
    "url": "dates(type=accessed)",
    "orig": "dates(type=original)",
    "event": "event.date",
}.items():
    for _part in ("year", "month", "day", "hour", "minute", "second", "timezone", "yeardivision"):
        for _end in ("", "end"):
            _name = f"{_p}{_end}{_part}"
            if _name in ("year", "month", "day"):
                continue
            _row(
                BIBLATEX,
                _name,
                _home,
                "exact" if _part in ("year", "month", "day") else "approx",
                "end of a date range"
                if _end
                else "date part (biber derives it from the date field)",
                write=False,
            )
_row(BIBLATEX, "month", "dates(type=issued)", note="date part, with year", write=False)
_row(BIBLATEX, "day", "dates(type=issued)", note="date part, with year", write=False)
_row(BIBLATEX, "address", "publisher.place", note="alias of location", write=False)
_row(BIBLATEX, "journal", "container.titles(type=main)", note="alias of journaltitle", write=False)
_row(BIBLATEX, "school", "publisher.name", note="alias of institution", write=False)
_row(
    BIBLATEX,
    "archiveprefix",
    "identifiers(scheme=arxiv)",
    "consumed",
    "alias of eprinttype",
    when=_HAS_EPRINT,
    to_hub=V.consumed,
    write=False,
)

#: the rows of each dialect (the reader reads by the union of both: it accepts either)
BIBTEX_RULES = RuleTable([r for d, r in _ROWS if "bibtex" in d])
BIBLATEX_RULES = RuleTable([r for d, r in _ROWS if "biblatex" in d])
ALL_RULES = RuleTable([r for _, r in _ROWS])
#: the native fields each dialect knows (read by the table, by hand, or kept in extras)
KNOWN_FIELDS: frozenset[str] = frozenset(r.source for _, r in _ROWS)
#: fields kept as they are in the record's extras
EXTRAS_FIELDS: frozenset[str] = frozenset(r.source for _, r in _ROWS if r.home == "extras")


def field_rank(dialect: str) -> dict[str, int]:
    """Native field -> its position in the dialect's table (the writer's field order)."""
    out: dict[str, int] = {}
    for d, r in _ROWS:
        if dialect in d and r.write:
            out.setdefault(r.source, len(out))
    return out


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


BIBTEX_CROSSWALK = Crosswalk(
    format="bibtex",
    fields=BIBTEX_RULES.field_maps(),
    types=_types(BIBTEX_READ_TYPES, BIBTEX_WRITE_TYPES),
    unmapped=BIBTEX_UNMAPPED,
)

BIBLATEX_CROSSWALK = Crosswalk(
    format="biblatex",
    fields=BIBLATEX_RULES.field_maps(),
    types=_types(BIBLATEX_READ_TYPES, BIBLATEX_WRITE_TYPES),
    unmapped=BIBLATEX_UNMAPPED,
)
