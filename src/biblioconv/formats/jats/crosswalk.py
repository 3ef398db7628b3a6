"""JATS 1.3 crosswalk: the elements of a citation (``element-citation``, ``mixed-citation``, NLM
``citation``) and of the article front matter, and the publication and article types.

The rules read and write the fields of one citation; the front matter of an article is read
into the same fields (``article-title``, ``source`` from ``journal-title``, ``person-group`` from
``contrib-group``...) plus those only it has (``abstract``, ``kwd``, ``license``, ``funding``, the
history dates), which a citation cannot hold (read, not written).
"""

from __future__ import annotations

import re
from typing import Any

from biblioconv.crosswalk import Crosswalk, FieldMap, Kind, TypeMap
from biblioconv.formats.jats.elements import FIELDS
from biblioconv.model import PageRange
from biblioconv.names import orcid_name
from biblioconv.rules import Rule, RuleContext, RuleTable
from biblioconv.vocab import RESOURCE_TYPES

__all__ = ["BOOKISH", "CHAPTERISH", "CROSSWALK", "ROLES", "RULES", "RULE_TABLE", "SCHEMES"]

#: person-group-type values and the hub role.
ROLES: dict[str, str] = {
    "author": "author",
    "editor": "editor",
    "translator": "translator",
    "compiler": "compiler",
    "curator": "curator",
    "director": "director",
    "guest-editor": "editor",
    "inventor": "author",
    "assignee": "holder",
    "allauthors": "author",
    "transed": "editor-translator",
    "illustrator": "illustrator",
    "research-assistant": "researcher",
    "custom": "contributor",
}
"""``custom`` (with ``custom-type``) holds every other role; read as contributors with the
type as their role label."""
#: pub-id-type values and the hub identifier scheme.
SCHEMES: dict[str, str] = {
    "doi": "doi",
    "pmid": "pmid",
    "pmcid": "pmcid",
    "pmc": "pmcid",
    "arxiv": "arxiv",
    "isbn": "isbn",
    "issn": "issn",
    "handle": "handle",
    "ark": "ark",
    "accession": "other",
    "publisher-id": "local",
    "pii": "other",
}
#: Hub types whose title is written as ``source`` (the work is the whole book or document).
BOOKISH = frozenset(
    {
        "book",
        "edited-book",
        "multivolume-book",
        "thesis",
        "report",
        "manual",
        "pamphlet",
        "classic",
        "proceedings",
        "standard",
        "patent",
        "dataset",
        "software",
        "webpage",
    }
)
#: Hub types that are parts of a book: the title is ``chapter-title``.
CHAPTERISH = frozenset({"chapter", "entry-encyclopedia", "entry-dictionary"})


def _fields(ctx: RuleContext) -> Any:
    return ctx.fields or {}


def _has(*keys: str) -> Any:
    return lambda ctx: any(k in _fields(ctx) for k in keys)


def _reading(ctx: RuleContext) -> bool:
    return ctx.fields is not None


def _article_title(ctx: RuleContext) -> bool:
    if _reading(ctx):
        return True
    if ctx.hub_type in CHAPTERISH:
        return False
    cont = ctx.record.container
    return not (ctx.hub_type in BOOKISH and (cont is None or cont.title is None))


def _chapter_title(ctx: RuleContext) -> bool:
    if _reading(ctx):
        return "article-title" not in _fields(ctx)
    return ctx.hub_type in CHAPTERISH


def _source_is_container(ctx: RuleContext) -> bool:
    return not _reading(ctx) or "article-title" in _fields(ctx) or "chapter-title" in _fields(ctx)


def _source_is_title(ctx: RuleContext) -> bool:
    if _reading(ctx):
        return not ("article-title" in _fields(ctx) or "chapter-title" in _fields(ctx))
    return not _article_title(ctx) and ctx.hub_type not in CHAPTERISH


def _isbn_of_container(ctx: RuleContext) -> bool:
    return ctx.hub_type in CHAPTERISH or ctx.hub_type == "paper-conference"


def _issn_of_container(ctx: RuleContext) -> bool:
    return ctx.hub_type != "periodical"


def _not(pred: Any) -> Any:
    return lambda ctx: not pred(ctx)


def _names_out(values: list[Any], ctx: RuleContext) -> Any:
    return list(values)


def _name_parts(c: Any) -> tuple[str, ...]:
    """What a citation's name carries: no identifiers, affiliations or role label (but the
    ORCID of a person known only by it, written as the name)."""
    if orcid_name(c) is not None and len(c.identifiers) == 1:
        return ("kind", "role", "identifiers")
    if c.kind == "organization" or (c.literal and not (c.family or c.given)):
        return ("kind", "role", "literal")
    return ("kind", "role", "given", "family", "suffix")


_MARKUP = re.compile(r"</?(i|b|sup|sub|span)(\s[^<>]*)?>")


def _markup_exact(values: list[Any], ctx: RuleContext) -> bool:
    """Rich text reads back as written unless it holds markup JATS has no element for
    (protected case) or white space that XML text collapses."""
    for text in values:
        for m in _MARKUP.finditer(text):
            if m.group(1) == "span" and "small-caps" not in (m.group(2) or ""):
                return False
        if " ".join(text.split()) != text:
            return False
    return True


def _name_rule(role_word: str, role: str) -> Rule:
    return Rule(
        f"person-group[{role_word}]",
        f"contributors(role={role})",
        from_hub=_names_out,
        take="all",
        parts=_name_parts,
        note="name (surname, given-names, suffix), string-name, collab; contrib-id (ORCID) "
        "in the front matter",
        write=role_word not in ("guest-editor", "inventor", "allauthors"),
    )


def _date_out(values: list[Any], ctx: RuleContext) -> Any:
    d = values[0]
    return d.start.model_dump(exclude_none=True) if d.start is not None else None


def _date_exact(values: list[Any], ctx: RuleContext) -> bool:
    d = values[0]
    return (
        not (d.end or d.open_start or d.open_end or d.approximate or d.uncertain or d.literal)
        and (d.start is None or d.start.time is None)
        and d.information is None
    )


_DATE_PARTS = ("type", "start.year", "start.month", "start.day", "start.season")


def _ids_out(values: list[Any], ctx: RuleContext) -> Any:
    return [i.value for i in values]


def _pages_literal_exact(values: list[Any], ctx: RuleContext) -> bool:
    pages = ctx.record.container.pages
    return pages.first is not None or pages.last is not None or PageRange.parse(values[0]) == pages


def _url_out(values: list[Any], ctx: RuleContext) -> Any:
    return [i.value for i in values]


def _unique(values: list[Any], ctx: RuleContext) -> bool:
    keys = [(i.scheme, i.value) for i in values]
    return len(set(keys)) == len(keys)


def _space_exact(values: list[Any], ctx: RuleContext) -> bool:
    """Text reads back as written unless XML white space collapses (line breaks, runs)."""
    return all(" ".join(str(v).split()) == str(v) for v in values)


def _id_rule(source: str, scheme: str, home: str | None = None, **kw: Any) -> Rule:
    return Rule(
        source,
        home or f"identifiers(scheme={scheme})",
        from_hub=_ids_out,
        take="all",
        parts=("scheme", "value", "valid"),
        exact=_unique,
        **kw,
    )


_R = Rule
RULES: tuple[Rule, ...] = (
    *(_name_rule(w, r) for w, r in ROLES.items()),
    _R("etal", "et_al", from_hub=lambda v, ctx: v, take="all", note="'and others' after names"),
    _R(
        "article-title",
        "titles(type=main).text",
        exact=_markup_exact,
        when=_article_title,
        note="of an article, paper or part; rich text (italic, bold, sup, sub, sc)",
    ),
    _R(
        "chapter-title",
        "titles(type=main).text",
        exact=_markup_exact,
        when=_chapter_title,
        note="of a chapter or entry (also part-title)",
    ),
    _R(
        "source",
        "container.titles(type=main).text",
        exact=_markup_exact,
        when=_source_is_container,
        note="the journal, book or proceedings the cited work is in (journal-title in the "
        "front matter)",
    ),
    _R(
        "source",
        "titles(type=main).text",
        exact=_markup_exact,
        when=_source_is_title,
        note="the title of a cited book, thesis, report, dataset... (no article-title)",
    ),
    _R("trans-title", "titles(type=translated).text", exact=_markup_exact),
    _R("subtitle", "titles(type=subtitle).text", write=False, note="front matter"),
    _R(
        "alt-title",
        "titles(type=alternative).text",
        write=False,
        note="front matter",
    ),
    _R(
        "abbrev-journal-title",
        "container.titles(type=short).text",
        write=False,
        note="front matter (journal-meta)",
    ),
    _R(
        "year",
        "dates(type=issued)",
        from_hub=_date_out,
        parts=_DATE_PARTS,
        exact=_date_exact,
        note="year, month, day and season elements; pub-date in the front matter",
    ),
    _R(
        "date-in-citation[access-date]",
        "dates(type=accessed)",
        from_hub=_date_out,
        parts=_DATE_PARTS,
        exact=_date_exact,
        note="@content-type access-date (or an access-date element)",
    ),
    _R("history[received]", "dates(type=submitted)", write=False, note="front matter history"),
    _R("history[accepted]", "dates(type=accepted)", write=False, note="front matter history"),
    _R("volume", "container.volume", exact=_space_exact),
    _R("issue", "container.issue", exact=_space_exact),
    _R("fpage", "container.pages.first", exact=_space_exact),
    _R("lpage", "container.pages.last", exact=_space_exact),
    _R(
        "page-range",
        "container.pages.literal",
        exact=_pages_literal_exact,
        note="pages that are not one range",
    ),
    _R("elocation-id", "container.number", exact=_space_exact, note="the article number (e00270)"),
    _R("size[pages]", "number_of_pages", exact=_space_exact, note="size with @units pages"),
    _id_rule("pub-id[doi]", "doi"),
    _id_rule("pub-id[pmid]", "pmid"),
    _id_rule("pub-id[pmcid]", "pmcid", note="also pub-id-type pmc"),
    _id_rule("pub-id[arxiv]", "arxiv"),
    _id_rule("pub-id[handle]", "handle"),
    _id_rule("pub-id[publisher-id]", "local", note="the publisher's id of the article"),
    _id_rule(
        "pub-id[other]",
        "other",
        note="other pub-id-types (pii, coden, medline...): the type is the identifier's label",
    ),
    _id_rule(
        "isbn",
        "isbn",
        "container.identifiers(scheme=isbn)",
        when=_isbn_of_container,
        note="of the book a chapter or paper is in",
    ),
    _id_rule("isbn", "isbn", when=_not(_isbn_of_container)),
    _id_rule(
        "issn",
        "issn",
        "container.identifiers(scheme=issn)",
        when=_issn_of_container,
        note="of the journal",
    ),
    _id_rule(
        "issn[electronic]",
        "eissn",
        "container.identifiers(scheme=eissn)",
        write=False,
        note="front matter: publication-format electronic or pub-type epub",
    ),
    _id_rule("issn", "issn", when=_not(_issn_of_container)),
    _R(
        "ext-link",
        "identifiers(scheme=url)",
        from_hub=_url_out,
        take="all",
        parts=("scheme", "value", "valid"),
        note="@xlink:href (also uri)",
    ),
    _R(
        "publisher-name",
        "publisher.name",
        exact=_space_exact,
        note="also institution for a thesis or report",
    ),
    _R("publisher-loc", "publisher.place", exact=_space_exact),
    _R("edition", "edition", exact=_space_exact),
    _R("version", "version", exact=_space_exact),
    _R("series", "series.titles(type=main).text", exact=_space_exact),
    _R("comment", "descriptions(type=note).text", exact=_space_exact),
    _R("conf-name", "event.title", exact=_space_exact),
    _R("conf-loc", "event.place", exact=_space_exact),
    _R("patent", "number", exact=_space_exact, note="the patent number"),
    _R("abstract", "descriptions(type=abstract).text", write=False, note="front matter"),
    _R("kwd", "subjects", write=False, note="front matter: kwd-group (scheme: kwd-group-type)"),
    _R(
        "subject",
        "subjects",
        write=False,
        note="front matter: article-categories subj-group (scheme: subj-group-type)",
    ),
    _R("license", "rights", write=False, note="front matter permissions: license, copyright"),
    _R("funding", "funding", write=False, note="front matter funding-group award-group"),
    _R("self-uri", "attachments", write=False, note="front matter: links to the article's files"),
    _R("lang", "language", write=False, note="article/@xml:lang"),
    _R(
        "mixed-citation",
        "citation",
        from_hub=None,
        note="the text of a mixed-citation as given; written beside the element-citation",
    ),
)
"""The JATS rules: reading, writing, the loss report and the docs come from these rows."""

RULE_TABLE = RuleTable(RULES)

_F = FieldMap
#: Elements and attributes read by the rules above, by their names in the fields file.
_READ: dict[str, tuple[str, Kind, str]] = {
    "article": ("type", "exact", "the article: its front matter is one record"),
    "article/@article-type": ("type", "exact", ""),
    "article/@lang": ("language", "exact", ""),
    "ref": ("citation", "derived", "each ref of the ref-list is one record"),
    "ref/@id": ("id", "exact", ""),
    "element-citation": ("type", "exact", "@publication-type gives the type"),
    "element-citation/@publication-type": ("type", "exact", ""),
    "mixed-citation": (
        "citation",
        "exact",
        "its text as given when it has text between its tagged parts (punctuation, words); "
        "with none (PMC tags every part), no citation text; its elements as in element-citation",
    ),
    "mixed-citation/@publication-type": ("type", "exact", ""),
    "person-group": ("contributors", "exact", ""),
    "person-group/@person-group-type": ("contributors.role", "exact", ""),
    "contrib": ("contributors", "exact", "front matter contrib-group"),
    "contrib/@contrib-type": ("contributors.role", "exact", ""),
    "name": ("contributors", "exact", ""),
    "surname": ("contributors.family", "exact", ""),
    "given-names": ("contributors.given", "exact", ""),
    "suffix": ("contributors.suffix", "exact", ""),
    "prefix": ("contributors.role_label", "approx", "kept as the role label"),
    "string-name": ("contributors.literal", "exact", "or its surname and given-names"),
    "collab": ("contributors.literal", "exact", "an organisation"),
    "contrib-id": ("contributors.identifiers", "exact", "ORCID (contrib-id-type orcid)"),
    "contrib-id/@contrib-id-type": ("contributors.identifiers.scheme", "exact", ""),
    "aff": ("contributors.affiliations", "exact", "by xref rid, or inside contrib"),
    "institution": ("contributors.affiliations.name", "exact", "in aff"),
    "institution-id": ("contributors.affiliations.identifiers", "exact", "ROR, ISNI..."),
    "institution-id/@institution-id-type": (
        "contributors.affiliations.identifiers.scheme",
        "exact",
        "",
    ),
    "journal-title": ("container.titles(type=main).text", "exact", "read as source"),
    "journal-title-group": ("container.titles", "exact", ""),
    "issn/@pub-type": ("container.identifiers.scheme", "exact", "epub: eISSN"),
    "issn/@publication-format": ("container.identifiers.scheme", "exact", "electronic: eISSN"),
    "pub-id": ("identifiers", "exact", "by @pub-id-type: doi, pmid, pmcid (pmc), arxiv..."),
    "date-in-citation": ("dates(type=accessed)", "exact", "@content-type access-date"),
    "size": ("number_of_pages", "exact", "@units pages"),
    "pub-id/@pub-id-type": ("identifiers.scheme", "exact", ""),
    "article-id": ("identifiers", "exact", "as pub-id"),
    "article-id/@pub-id-type": ("identifiers.scheme", "exact", ""),
    "pub-date": ("dates(type=issued)", "exact", "the first epub/ppub/pub date with most parts"),
    "pub-date/@pub-type": ("dates", "exact", ""),
    "pub-date/@date-type": ("dates", "exact", ""),
    "month": ("dates.start.month", "exact", ""),
    "day": ("dates.start.day", "exact", ""),
    "season": ("dates.start.season", "approx", "Spring, Summer, Autumn/Fall, Winter"),
    "date": ("dates", "exact", "history dates (received, accepted)"),
    "date/@date-type": ("dates.type", "exact", ""),
    "date-in-citation/@content-type": ("dates.type", "exact", "access-date"),
    "size/@units": ("number_of_pages", "exact", "pages"),
    "part-title": ("titles(type=main).text", "exact", "read as chapter-title"),
    "data-title": ("titles(type=main).text", "exact", "read as article-title"),
    "uri": ("identifiers(scheme=url)", "exact", "read as ext-link"),
    "publisher": ("publisher", "exact", "journal-meta"),
    "institution-wrap": ("contributors.affiliations", "exact", ""),
    "kwd-group": ("subjects", "exact", ""),
    "permissions": ("rights", "exact", ""),
    "copyright-statement": ("rights.statement", "exact", ""),
    "license-p": ("rights.statement", "exact", ""),
    "funding-group": ("funding", "exact", ""),
    "award-group": ("funding", "exact", ""),
    "funding-source": ("funding.funder_name", "exact", ""),
    "award-id": ("funding.award_number", "exact", ""),
    "title-group": ("titles", "exact", ""),
    "trans-title-group": ("titles(type=translated)", "exact", ""),
    "history": ("dates", "exact", ""),
    "article-categories": ("subjects", "exact", ""),
    "subj-group": ("subjects", "exact", ""),
}
_RULE_SOURCES = {r.source.split("[")[0] for r in RULES}
_OTHER: tuple[FieldMap, ...] = tuple(
    _F(name, *_READ[name])
    if name in _READ
    else _F(
        name,
        "extras",
        "extras",
        "front matter: kept as XML in extras when a child of article-meta or journal-meta; "
        "elsewhere (body, layout, bookkeeping attributes) not read",
    )
    for name in FIELDS
    if name in _READ or name not in _RULE_SOURCES
)

_T = TypeMap
_MAPPED: tuple[TypeMap, ...] = (
    # publication-type of citations
    _T("journal", "article-journal"),
    _T("book", "book"),
    _T("confproc", "paper-conference"),
    _T("conf-proc", "paper-conference", write=False),
    _T("thesis", "thesis"),
    _T("report", "report"),
    _T("data", "dataset"),
    _T("dataset", "dataset", write=False),
    _T("software", "software"),
    _T("patent", "patent"),
    _T("standard", "standard"),
    _T("webpage", "webpage"),
    _T("web", "webpage", write=False),
    _T("preprint", "preprint"),
    _T("newspaper", "article-newspaper"),
    _T("magazine", "article-magazine"),
    _T("chapter", "chapter", write=False),
    _T("other", "document"),
    # article-type of articles (read)
    _T("research-article", "article-journal", write=False),
    _T("review-article", "article-journal", write=False),
    _T("editorial", "article-journal", write=False),
    _T("correction", "article-journal", write=False),
    _T("article-commentary", "article-journal", write=False),
    _T("reply", "article-journal", write=False),
    _T("letter", "letter", write=False),
    _T("book-review", "review-book", write=False),
    _T("brief-report", "article-journal", write=False),
    _T("case-report", "article-journal", write=False),
    # hub types without a publication-type of their own
    *(
        _T(native, hub, read=False)
        for native, hub in (
            ("journal", "data-paper"),
            ("journal", "review"),
            ("journal", "review-book"),
            ("journal", "peer-review"),
            ("book", "edited-book"),
            ("book", "multivolume-book"),
            ("book", "chapter"),
            ("book", "entry-encyclopedia"),
            ("book", "entry-dictionary"),
            ("book", "classic"),
            ("book", "pamphlet"),
            ("book", "manual"),
            ("confproc", "proceedings"),
            ("confproc", "poster"),
            ("confproc", "presentation"),
            ("report", "output-management-plan"),
            ("software", "computational-notebook"),
            ("software", "workflow"),
            ("software", "service"),
            ("data", "model"),
            ("journal", "periodical"),
            ("journal", "journal-issue"),
            ("webpage", "post"),
            ("webpage", "post-weblog"),
            ("webpage", "interactive-resource"),
        )
    ),
)
_WRITTEN = {t.hub for t in _MAPPED if t.write}
# every other hub type is written as publication-type="other"
_TYPES: tuple[TypeMap, ...] = (
    *_MAPPED,
    *(_T("other", hub, read=False) for hub in RESOURCE_TYPES if hub not in _WRITTEN),
)

_NO = "no element-citation element"
CROSSWALK = Crosswalk(
    format="jats",
    fields=(*RULE_TABLE.field_maps(), *_OTHER),
    types=_TYPES,
    unmapped={
        "citation_key": _NO,
        "genre": _NO,
        "titles(type=short)": _NO,
        "titles(type=subtitle)": "no subtitle in element-citation (read from the front matter)",
        "titles(type=alternative)": "read from the front matter, not written",
        "contributors.affiliations": "read from the front matter, not written in citations",
        "contributors.dropping_particle": "JATS names have surname and given-names",
        "contributors.non_dropping_particle": "JATS names have surname and given-names",
        "dates(type=submitted)": "read from the front matter history, not written",
        "dates(type=accepted)": "read from the front matter history, not written",
        "dates(type=created)": _NO,
        "dates(type=available)": _NO,
        "dates(type=updated)": _NO,
        "dates(type=original)": _NO,
        "publisher.identifiers": _NO,
        "container.titles(type=short)": "read from journal-meta, not written",
        "series.number": _NO,
        "language": "read from article/@xml:lang, not written",
        "descriptions(type=abstract)": "read from the front matter, not written",
        "subjects": "read from the front matter, not written",
        "rights": "read from the front matter, not written",
        "access_rights": _NO,
        "funding": "read from the front matter, not written",
        "relations": "the references of an article are records of their own",
        "related_items": _NO,
        "sizes": _NO,
        "formats": _NO,
        "geo_locations": _NO,
        "archive": _NO,
        "attachments": "read from self-uri, not written",
        "publication_status": _NO,
        "peer_reviewed": _NO,
    },
)
