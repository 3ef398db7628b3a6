"""CSL-JSON (CSL 1.0.2) crosswalk: variables, name and date keys, and item types."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from biblioconv.crosswalk import Crosswalk, FieldMap, TypeMap
from biblioconv.formats.csl_json.values import (
    date_obj,
    date_value,
    identifiers,
    issns,
    name_fields,
    name_obj,
    text,
)
from biblioconv.model import PageRange
from biblioconv.names import orcid_name
from biblioconv.report import Code
from biblioconv.rules import Rule, RuleContext, RuleTable
from biblioconv.vocab import PUBLICATION_STATUSES

__all__ = [
    "ARTICLE_NUMBER_TYPES",
    "CROSSWALK",
    "DATE_VARIABLES",
    "NAME_ROLES",
    "NAME_VARIABLES",
    "PART_TYPES",
    "RULES",
    "RULE_TABLE",
]

#: CSL name variables and the hub role each maps to (the same word, except where noted).
NAME_ROLES: dict[str, str] = {
    v: v
    for v in (
        "author",
        "chair",
        "collection-editor",
        "compiler",
        "composer",
        "container-author",
        "contributor",
        "curator",
        "director",
        "editor",
        "editorial-director",
        "executive-producer",
        "guest",
        "host",
        "interviewer",
        "illustrator",
        "narrator",
        "organizer",
        "original-author",
        "performer",
        "producer",
        "recipient",
        "reviewed-author",
        "script-writer",
        "series-creator",
        "translator",
        "editor-translator",
    )
}
NAME_VARIABLES: tuple[str, ...] = tuple(NAME_ROLES)

#: CSL date variables and the hub date type.
DATE_VARIABLES: dict[str, str] = {
    "issued": "issued",
    "accessed": "accessed",
    "available-date": "available",
    "submitted": "submitted",
    "original-date": "original",
    "event-date": "event",
}


# -- the rules ------------------------------------------------------------------------------------

#: CSL types of parts of a book or proceedings: their ISBN is the container's.
PART_TYPES = frozenset(
    {
        "chapter",
        "entry-encyclopedia",
        "entry-dictionary",
        "paper-conference",
        "review",
        "review-book",
        "peer-review",
    }
)
#: Types whose ``number`` is the article number (Zotero's Article Number; APA prints "Article 5").
ARTICLE_NUMBER_TYPES = frozenset(
    {"article-journal", "article-magazine", "article-newspaper", "paper-conference"}
)
_KEYWORD_SPLIT = re.compile(r"\s*[;,]\s*")
_NAME_PARTS = (
    "kind",
    "role",
    "given",
    "family",
    "dropping_particle",
    "non_dropping_particle",
    "suffix",
    "comma_suffix",
    "static_ordering",
    "literal",
)
_DATE_PARTS = (
    "type",
    "start.year",
    "start.month",
    "start.day",
    "start.season",
    "end.year",
    "end.month",
    "end.day",
    "open_start",
    "open_end",
    "approximate",
    "literal",
)


def _part(ctx: RuleContext) -> bool:
    return ctx.hub_type in PART_TYPES


def _not_part(ctx: RuleContext) -> bool:
    return ctx.hub_type not in PART_TYPES


def _periodical(ctx: RuleContext) -> bool:
    return ctx.native_type == "periodical"


def _not_periodical(ctx: RuleContext) -> bool:
    return ctx.native_type != "periodical"


def _not_article(ctx: RuleContext) -> bool:
    return ctx.native_type not in ARTICLE_NUMBER_TYPES


def _article_number(ctx: RuleContext) -> bool:
    if ctx.native_type not in ARTICLE_NUMBER_TYPES:
        return False
    cont = ctx.record.container if ctx.record is not None else None
    return cont is None or cont.number_type in (None, "Article")


def _str(value: Any, ctx: RuleContext) -> str | None:
    return text(value)


# names


def _names_in(role: str) -> Callable[[Any, RuleContext], Any]:
    def read(value: Any, ctx: RuleContext) -> list[dict[str, Any]] | None:
        out = []
        for obj in value if isinstance(value, list) else [value]:
            c = name_fields(obj, role)
            if c is None:
                if ctx.reporter is not None:
                    ctx.reporter.add(Code.INVALID_VALUE, f"unreadable name {obj!r} skipped", role)
            else:
                out.append(c)
        return out or None

    return read


def _names_out(values: list[Any], ctx: RuleContext) -> list[dict[str, Any]] | None:
    objs = [o for c in values if (o := name_obj(c)) is not None]
    return objs or None


def _name_exact(values: list[Any], ctx: RuleContext) -> bool:
    for c in values:
        if c.family or c.given:
            if c.kind == "organization":
                return False  # its family or given name is not written
            continue
        if orcid_name(c) is not None:
            continue
        if c.kind == "organization":
            if not c.literal or c.family or c.given:
                return False
        elif not (c.family or c.given):
            return False  # a person known only by a literal name reads back as an organisation
    return True


_ORCID_NAME_PARTS = (*_NAME_PARTS, "identifiers")
_PERSON_PARTS = tuple(p for p in _NAME_PARTS if p != "literal")  # the literal is not written


def _name_parts(c: Any) -> tuple[str, ...]:
    if c.kind == "person" and (c.family or c.given):
        return _PERSON_PARTS
    if orcid_name(c) is not None:
        return _ORCID_NAME_PARTS
    return _NAME_PARTS


def _name_rule(var: str, role: str) -> Rule:
    return Rule(
        var,
        f"contributors(role={role})",
        to_hub=_names_in(role),
        from_hub=_names_out,
        take="all",
        parts=_name_parts,
        exact=_name_exact,
    )


# dates


def _date_in(type_: str) -> Callable[[Any, RuleContext], Any]:
    def read(value: Any, ctx: RuleContext) -> Any:
        d = date_value(value, type_)
        if d is None and ctx.reporter is not None:
            ctx.reporter.add(Code.INVALID_VALUE, f"unreadable date {value!r}", type_)
        return d

    return read


def _date_out(values: list[Any], ctx: RuleContext) -> Any:
    return date_obj(values[0]) if values else None


def _date_exact(values: list[Any], ctx: RuleContext) -> bool:
    d = values[0]
    # what EDTF (raw) cannot say with date-parts: written as raw, read back by the EDTF parser;
    # a date's text beside its value: the value is written
    return not (d.literal and (d.open_start or d.open_end or d.start or d.end))


def _date_rule(var: str, home: str, type_: str) -> Rule:
    return Rule(
        var, home, to_hub=_date_in(type_), from_hub=_date_out, parts=_DATE_PARTS, exact=_date_exact
    )


# identifiers


def _ids_in(scheme: str) -> Callable[[Any, RuleContext], Any]:
    def read(value: Any, ctx: RuleContext) -> Any:
        found = identifiers(scheme, value)
        if ctx.reporter is not None:
            for ident in found:
                if ident["valid"] is False:
                    ctx.reporter.add(
                        Code.INVALID_VALUE,
                        f"{scheme} {ident['value']!r} fails its check",
                        scheme,
                    )
        return found or None

    return read


def _id_out(values: list[Any], ctx: RuleContext) -> Any:
    return values[0].value if values else None


def _issn_out(values: list[Any], ctx: RuleContext) -> Any:
    return issns(values)


def _container_issn_out(values: list[Any], ctx: RuleContext) -> Any:
    return issns(ctx.record.container.identifiers)


#: what a CSL identifier variable holds of an identifier (not its label, e.g. "Print")
_ID_PARTS = ("scheme", "value", "valid")


def _issn_parts(ident: Any) -> tuple[str, ...]:
    """All of an ISSN, but a label ("Print") or scheme URI it has: ISSN holds only the value."""
    return _ID_PARTS if ident.label is not None or ident.scheme_uri is not None else ()


def _issn_exact(values: list[Any], ctx: RuleContext) -> bool:
    seen = [i.value for i in values]
    return len(set(seen)) == len(seen) and all(i.scheme == "issn" for i in values)


def _id_exact(values: list[Any], ctx: RuleContext) -> bool:
    """Whether an identifier reads back as the one identifier it is (an ISBN with a comma or
    a space before a digit reads back as several)."""
    ident = values[0]
    back = identifiers(ident.scheme, ident.value)
    return len(back) == 1 and back[0]["value"] == ident.value


def _id_rule(var: str, scheme: str, home: str | None = None, **kw: Any) -> Rule:
    return Rule(
        var,
        home or f"identifiers(scheme={scheme})",
        to_hub=_ids_in(scheme),
        from_hub=_id_out,
        parts=_ID_PARTS,
        exact=_id_exact,
        **kw,
    )


# titles and texts


def _subtitle(record: Any) -> str | None:
    """The record's subtitle (as ``Record.subtitle``, without its generator)."""
    for t in record.titles:
        if t.type == "subtitle":
            return t.text  # type: ignore[no-any-return]
    return None


def _title_out(values: list[Any], ctx: RuleContext) -> Any:
    main = values[0]
    sub = _subtitle(ctx.record)
    return f"{main}: {sub}" if sub else main


def _title_exact(values: list[Any], ctx: RuleContext) -> bool:
    return _subtitle(ctx.record) is None


def _pages_in(value: Any, ctx: RuleContext) -> Any:
    t = text(value)
    return PageRange.parse(t) if t else None


def _pages_out(values: list[Any], ctx: RuleContext) -> Any:
    return values[0].text("-") or None


def _pages_exact(values: list[Any], ctx: RuleContext) -> bool:
    pages = values[0]
    return bool(PageRange.parse(pages.text("-")) == pages)


def _keywords_in(value: Any, ctx: RuleContext) -> Any:
    t = text(value)
    return [{"term": k} for k in _KEYWORD_SPLIT.split(t) if k] if t else None


def _keywords_out(values: list[Any], ctx: RuleContext) -> Any:
    return ", ".join(s.term for s in values) or None


def _keywords_exact(values: list[Any], ctx: RuleContext) -> bool:
    for s in values:
        term = s.term
        if not term or term.strip() != term or "," in term or ";" in term:  # split when read
            return False
    return True


def _status_in(value: Any, ctx: RuleContext) -> Any:
    t = text(value)
    status = t.lower().replace(" ", "-") if t else None
    return status if status in PUBLICATION_STATUSES else None


def _status_out(values: list[Any], ctx: RuleContext) -> Any:
    # "published" is every item's normal state; styles would print it ("(Published)")
    return values[0] if values and values[0] != "published" else None


_R = Rule
_TEXT: dict[str, Any] = {"to_hub": _str}

RULES: tuple[Rule, ...] = (
    _R("citation-key", "citation_key", **_TEXT),
    _R(
        "title",
        "titles(type=main).text",
        to_hub=_str,
        from_hub=_title_out,
        uses=("titles(type=subtitle)",),
        exact=_title_exact,
        note="a subtitle is joined to it as 'Title: Subtitle'",
    ),
    _R("title-short", "titles(type=short).text", **_TEXT),
    _R(
        "shortTitle",
        "titles(type=short).text",
        note="legacy alias of title-short",
        write=False,
        **_TEXT,
    ),
    *(_name_rule(v, r) for v, r in NAME_ROLES.items() if v != "editor-translator"),
    _R(
        "editor-translator",
        "contributors(role=editor-translator)",
        to_hub=_names_in("editor-translator"),
        write=False,
        note="spec variable, not in csl-data.json: read, not written (kept in custom)",
    ),
    *(_date_rule(v, f"dates(type={t})", t) for v, t in DATE_VARIABLES.items() if v != "event-date"),
    _R(
        "container-title",
        "container.titles(type=main).text",
        note="container.type from the item type: periodical, book or proceedings",
        **_TEXT,
    ),
    _R("container-title-short", "container.titles(type=short).text", **_TEXT),
    _R(
        "journalAbbreviation",
        "container.titles(type=short).text",
        note="legacy alias",
        write=False,
        **_TEXT,
    ),
    _R("volume", "container.volume", **_TEXT),
    _R("issue", "container.issue", **_TEXT),
    _R("page", "container.pages", to_hub=_pages_in, from_hub=_pages_out, exact=_pages_exact),
    _R(
        "page-first",
        "container.pages.first",
        "derived",
        when=lambda ctx: ctx.fields is None or "page" not in ctx.fields,
        write=False,
        note="used when page is absent",
        **_TEXT,
    ),
    _R(
        "ISSN",
        "identifiers(scheme=issn)",
        to_hub=_ids_in("issn"),
        from_hub=_issn_out,
        take="all",
        parts=_issn_parts,
        when=_periodical,
        exact=_issn_exact,
        note="the periodical's own ISSN",
    ),
    _R(
        "ISSN",
        "container.identifiers(scheme=issn)",
        to_hub=_ids_in("issn"),
        from_hub=_container_issn_out,
        take="all",
        parts=_issn_parts,
        uses=("container.identifiers(scheme=eissn)",),
        when=_not_periodical,
        exact=_issn_exact,
        note="print and electronic comma-separated, as Zotero writes them",
    ),
    _id_rule(
        "ISBN",
        "isbn",
        "container.identifiers(scheme=isbn)",
        when=_part,
        note="the book's ISBN for a chapter, entry or conference paper",
    ),
    _R("collection-title", "series.titles(type=main).text", **_TEXT),
    _R("collection-number", "series.number", **_TEXT),
    _id_rule("DOI", "doi"),
    _id_rule("URL", "url"),
    _id_rule("PMID", "pmid"),
    _id_rule("PMCID", "pmcid"),
    _id_rule("ISBN", "isbn", when=_not_part),
    _R("publisher", "publisher.name", **_TEXT),
    _R("publisher-place", "publisher.place", **_TEXT),
    _R("event-title", "event.title", **_TEXT),
    _R("event", "event.title", note="deprecated alias of event-title", write=False, **_TEXT),
    _R("event-place", "event.place", **_TEXT),
    _date_rule("event-date", "event.date", "event"),
    _R("original-title", "original.title", **_TEXT),
    _R("original-publisher", "original.publisher.name", **_TEXT),
    _R("original-publisher-place", "original.publisher.place", **_TEXT),
    _R("archive", "archive.name", **_TEXT),
    _R("archive_collection", "archive.collection", **_TEXT),
    _R("archive_location", "archive.location", **_TEXT),
    _R("archive-place", "archive.place", **_TEXT),
    _R("call-number", "archive.call_number", **_TEXT),
    _R("source", "archive.database", **_TEXT),
    _R("edition", "edition", **_TEXT),
    _R("version", "version", **_TEXT),
    _R(
        "number",
        "container.number",
        when=_article_number,
        note="article number of an article-journal, article-magazine, article-newspaper or "
        "paper-conference (as Zotero and citeproc-js read it; APA prints 'Article 104501')",
        **_TEXT,
    ),
    _R("number", "number", when=_not_article, **_TEXT),
    _R("chapter-number", "chapter", **_TEXT),
    _R("section", "section", **_TEXT),
    _R("part", "part", **_TEXT),
    _R("part-number", "part", note="spec name of part", write=False, **_TEXT),
    _R("number-of-pages", "number_of_pages", **_TEXT),
    _R("number-of-volumes", "number_of_volumes", **_TEXT),
    _R("language", "language", **_TEXT),
    _R("genre", "genre", **_TEXT),
    _R("abstract", "descriptions(type=abstract).text", **_TEXT),
    _R("note", "descriptions(type=note).text", **_TEXT),
    _R("annote", "descriptions(type=annotation).text", **_TEXT),
    _R(
        "keyword",
        "subjects",
        to_hub=_keywords_in,
        from_hub=_keywords_out,
        take="all",
        parts=("term",),
        exact=_keywords_exact,
        note="one string; split at commas and semicolons",
    ),
    _R("medium", "formats", take="first", note="the first medium", **_TEXT),
    _R("dimensions", "sizes", take="first", note="the first size", **_TEXT),
    _R(
        "status",
        "publication_status",
        to_hub=_status_in,
        from_hub=_status_out,
        note="known words only; other text kept in extras",
    ),
    _R(
        "references",
        "relations(type=References).citation",
        note="free text only (the first)",
        **_TEXT,
    ),
    _R(
        "license",
        "rights.statement",
        "approx",
        write=False,
        note="spec variable, not in csl-data.json: read, not written",
        **_TEXT,
    ),
    *(
        _R(v, "extras", "extras", to_hub=None, from_hub=None, note=n)
        for v, n in (
            ("categories", ""),
            ("authority", ""),
            ("division", ""),
            ("jurisdiction", ""),
            ("scale", ""),
            ("part-title", ""),
            ("volume-title", ""),
            ("volume-title-short", ""),
            ("printing", ""),
            ("printing-number", ""),
            ("supplement", ""),
            ("supplement-number", ""),
            ("reviewed-title", ""),
            ("reviewed-genre", ""),
            ("citation-label", "set by the processor"),
            ("citation-number", "set by the processor"),
            ("first-reference-note-number", "set by the processor"),
            ("locator", "belongs to a cite, not an item"),
            ("year-suffix", "set by the processor"),
            ("custom", "custom.biblioconv restores what CSL cannot hold"),
        )
    ),
)
"""The CSL-JSON rules: reading, writing, the loss report and the docs come from these rows."""

RULE_TABLE = RuleTable(RULES)

_F = FieldMap
_FIELDS: tuple[FieldMap, ...] = (
    _F(
        "id", "id", note="made from the citation key (or DOI, or first author and year) when absent"
    ),
    _F("type", "type"),
    *RULE_TABLE.field_maps(),
    # name object keys
    _F("family", "contributors.family"),
    _F("given", "contributors.given"),
    _F("dropping-particle", "contributors.dropping_particle"),
    _F("non-dropping-particle", "contributors.non_dropping_particle"),
    _F("suffix", "contributors.suffix"),
    _F("comma-suffix", "contributors.comma_suffix"),
    _F("static-ordering", "contributors.static_ordering"),
    _F("literal", "contributors.literal", note="read as an organization"),
    _F("parse-names", "contributors", "consumed", "a parsing instruction, no data"),
    # date object keys
    _F("date-parts", "dates.start"),
    _F("season", "dates.start.season"),
    _F("circa", "dates.approximate"),
    _F("raw", "dates", "approx", "parsed as EDTF / free text"),
)

_T = TypeMap
_TYPES: tuple[TypeMap, ...] = (
    _T("article", "preprint"),
    _T("article-journal", "article-journal"),
    _T("article-magazine", "article-magazine"),
    _T("article-newspaper", "article-newspaper"),
    _T("bill", "bill"),
    _T("book", "book"),
    _T("broadcast", "broadcast"),
    _T("chapter", "chapter"),
    _T("classic", "classic"),
    _T("collection", "collection"),
    _T("dataset", "dataset"),
    _T("document", "document"),
    _T("entry", "entry-encyclopedia", write=False),
    _T("entry-dictionary", "entry-dictionary"),
    _T("entry-encyclopedia", "entry-encyclopedia"),
    _T("event", "event"),
    _T("figure", "figure"),
    _T("graphic", "image"),
    _T("hearing", "hearing"),
    _T("interview", "interview"),
    _T("legal_case", "legal-case"),
    _T("legislation", "legislation"),
    _T("manuscript", "manuscript"),
    _T("map", "map"),
    _T("motion_picture", "motion-picture"),
    _T("musical_score", "musical-score"),
    _T("pamphlet", "pamphlet"),
    _T("paper-conference", "paper-conference"),
    _T("patent", "patent"),
    _T("performance", "performance"),
    _T("periodical", "periodical"),
    _T("personal_communication", "letter"),
    _T("post", "post"),
    _T("post-weblog", "post-weblog"),
    _T("regulation", "regulation"),
    _T("report", "report"),
    _T("review", "review"),
    _T("review-book", "review-book"),
    _T("software", "software"),
    _T("song", "song"),
    _T("speech", "speech"),
    _T("standard", "standard"),
    _T("thesis", "thesis"),
    _T("treaty", "treaty"),
    _T("webpage", "webpage"),
    # hub types CSL has no word for (write only)
    _T("article-journal", "data-paper", read=False),
    _T("review", "peer-review", read=False),
    _T("book", "edited-book", read=False),
    _T("book", "multivolume-book", read=False),
    _T("book", "proceedings", read=False),
    _T("book", "manual", read=False),
    _T("speech", "poster", read=False, note="genre 'poster'"),
    _T("speech", "presentation", read=False),
    _T("report", "output-management-plan", read=False),
    _T("periodical", "journal-issue", read=False),
    _T("software", "computational-notebook", read=False),
    _T("software", "workflow", read=False),
    _T("software", "service", read=False),
    _T("dataset", "model", read=False),
    _T("webpage", "interactive-resource", read=False),
    _T("motion_picture", "audiovisual", read=False),
    _T("song", "sound", read=False),
    _T("document", "instrument", read=False),
    _T("document", "physical-object", read=False),
    _T("document", "study-registration", read=False),
    _T("document", "award", read=False),
    _T("document", "project", read=False),
    _T("document", "other", read=False),
)

_NO_HOME = "no CSL variable"
CROSSWALK = Crosswalk(
    format="csl-json",
    fields=_FIELDS,
    types=_TYPES,
    unmapped={
        "titles(type=subtitle)": "CSL has no subtitle; joined to the title as 'Title: Subtitle'",
        "titles(type=alternative)": _NO_HOME,
        "titles(type=translated)": _NO_HOME,
        "contributors.identifiers": "CSL names carry no identifiers (ORCID...); a person known "
        "only by an ORCID is written with the ORCID URL as the literal name",
        "contributors.affiliations": "CSL names carry no affiliations",
        "et_al": "CSL has no 'and others' marker",
        "dates(type=accepted)": _NO_HOME,
        "dates(type=created)": _NO_HOME,
        "dates(type=updated)": _NO_HOME,
        "dates(type=deposited)": _NO_HOME,
        "dates(type=copyrighted)": _NO_HOME,
        "dates(type=collected)": _NO_HOME,
        "dates(type=valid)": _NO_HOME,
        "dates(type=withdrawn)": _NO_HOME,
        "dates(type=coverage)": _NO_HOME,
        "dates(type=other)": _NO_HOME,
        "publisher.identifiers": _NO_HOME,
        "identifiers(scheme=arxiv)": "no arXiv variable (kept in custom)",
        "identifiers(scheme=local)": "no variable for repository-local identifiers",
        "subjects.scheme": "keywords are plain text",
        "rights": "license is not in csl-data.json",
        "access_rights": _NO_HOME,
        "funding": _NO_HOME,
        "relations": "only free-text references",
        "related_items": _NO_HOME,
        "geo_locations": _NO_HOME,
        "attachments": _NO_HOME,
        "peer_reviewed": _NO_HOME,
    },
)
