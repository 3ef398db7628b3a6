"""The EndNote XML rule table: each element path below ``<record>`` and its home in the record,
run both ways (reading, writing, the loss report and the documentation's crosswalk).

What no rule reads (``database``, ``custom1``, ``label``, ``auth-address``...) is kept in the
record's extras under its path and written back by the EndNote XML writer. Writing, what no rule
carries is reported by record path (FIELD_DROPPED), what a rule carries approximately too
(VALUE_COERCED), with what the rules carry in another shape (the type, names that split
otherwise, list elements written at another position, text without spans).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from biblioconv.crosswalk import (
    BOOKKEEPING_EXTRAS,
    Crosswalk,
    FieldMap,
    TypeMap,
    distinct_rows,
    foreign_extras,
)
from biblioconv.dates import parse_date
from biblioconv.identifiers import classify
from biblioconv.model import (
    Attachment,
    Contributor,
    DateValue,
    Description,
    Identifier,
    PageRange,
    Publisher,
    Record,
    Subject,
    Title,
    plain_text,
)
from biblioconv.report import Code, Diagnostic, RecordReporter
from biblioconv.rules import Rule, RuleContext, RuleTable, leaves, uncarried

__all__ = ["CROSSWALK", "RULES", "RULE_TABLE", "TYPES", "fields_to_record", "record_to_element"]

FMT = "endnote-xml"

# -- types -----------------------------------------------------------------------------------

#: EndNote reference type name -> (number, hub type).
_TYPES: dict[str, tuple[int, str]] = {
    "Journal Article": (17, "article-journal"),
    "Book": (6, "book"),
    "Book Section": (5, "chapter"),
    "Edited Book": (28, "edited-book"),
    "Conference Paper": (47, "paper-conference"),
    "Conference Proceedings": (10, "proceedings"),
    "Report": (27, "report"),
    "Thesis": (32, "thesis"),
    "Web Page": (12, "webpage"),
    "Generic": (13, "document"),
    "Electronic Article": (43, "article-journal"),
    "Electronic Book": (44, "book"),
    "Electronic Book Section": (60, "chapter"),
    "Magazine Article": (19, "article-magazine"),
    "Newspaper Article": (23, "article-newspaper"),
    "Manuscript": (36, "manuscript"),
    "Unpublished Work": (34, "manuscript"),
    "Pamphlet": (24, "pamphlet"),
    "Patent": (25, "patent"),
    "Personal Communication": (26, "letter"),
    "Map": (20, "map"),
    "Film or Broadcast": (21, "motion-picture"),
    "Artwork": (2, "image"),
    "Audiovisual Material": (3, "audiovisual"),
    "Bill": (4, "bill"),
    "Case": (7, "legal-case"),
    "Catalog": (8, "collection"),
    "Computer Program": (9, "software"),
    "Hearing": (14, "hearing"),
    "Statute": (31, "legislation"),
    "Figure": (37, "figure"),
    "Chart or Table": (38, "figure"),
    "Equation": (39, "other"),
    "Government Document": (46, "report"),
    "Online Database": (45, "dataset"),
    "Online Multimedia": (48, "audiovisual"),
    "Classical Work": (49, "classic"),
    "Legal Rule or Regulation": (50, "regulation"),
    "Ancient Text": (51, "classic"),
    "Dictionary": (52, "entry-dictionary"),
    "Encyclopedia": (53, "entry-encyclopedia"),
    "Grant": (54, "award"),
    "Aggregated Database": (55, "dataset"),
    "Blog": (56, "post-weblog"),
    "Serial": (57, "periodical"),
    "Standard": (58, "standard"),
    "Dataset": (59, "dataset"),
    "Music": (61, "song"),
}
_BY_NUMBER: dict[int, str] = {}
for _name, (_number, _hub) in _TYPES.items():
    _BY_NUMBER.setdefault(_number, _name)

#: Hub type -> EndNote type name written (the first name of the table for it, or these).
_HUB_TO_NAME: dict[str, str] = {
    "preprint": "Electronic Article",
    "data-paper": "Journal Article",
    "review": "Journal Article",
    "review-book": "Journal Article",
    "peer-review": "Generic",
    "multivolume-book": "Book",
    "poster": "Conference Paper",
    "presentation": "Conference Paper",
    "speech": "Conference Paper",
    "output-management-plan": "Report",
    "interview": "Personal Communication",
    "journal-issue": "Serial",
    "post": "Blog",
    "treaty": "Legal Rule or Regulation",
    "sound": "Music",
    "broadcast": "Film or Broadcast",
    "musical-score": "Music",
    "performance": "Audiovisual Material",
    "computational-notebook": "Computer Program",
    "workflow": "Computer Program",
    "model": "Computer Program",
    "service": "Online Database",
    "interactive-resource": "Online Multimedia",
    "instrument": "Generic",
    "physical-object": "Generic",
    "study-registration": "Generic",
    "project": "Grant",
    "event": "Conference Proceedings",
}
for _name, (_number, _hub) in _TYPES.items():
    _HUB_TO_NAME.setdefault(_hub, _name)


def _type_rows() -> tuple[TypeMap, ...]:
    from biblioconv.vocab import RESOURCE_TYPES

    rows = [TypeMap(name, hub, write=False) for name, (_, hub) in _TYPES.items()]
    rows += [TypeMap(str(n), _TYPES[name][1], write=False) for n, name in _BY_NUMBER.items()]
    rows.append(TypeMap("", "document", write=False, note="a ref-type without a known name"))
    for hub in RESOURCE_TYPES:
        rows.append(TypeMap(_HUB_TO_NAME.get(hub, "Generic"), hub, read=False))
    return tuple(rows)


TYPES: tuple[TypeMap, ...] = _type_rows()


def _resolve_type(fields: dict[str, list[str]]) -> tuple[str, str | None]:
    name = (fields.get("ref-type@name") or [""])[0].strip()
    if name in _TYPES:
        return _TYPES[name][1], name
    number = (fields.get("ref-type") or [""])[0].strip()
    if number.isdigit() and int(number) in _BY_NUMBER:
        known = _BY_NUMBER[int(number)]
        return _TYPES[known][1], name or known
    return "document", name or number or None


# -- value conversions -----------------------------------------------------------------------


def _same(value: str | None) -> bool:
    return value is None or value == _markup_only(value)


def _markup_only(value: str) -> str:
    """Rich text as EndNote holds it: spans removed, the other markup kept."""
    return re.sub(r"</?span(?:\s[^<>]*)?>", "", value)


def _name_to_hub(text: str, role: str) -> dict[str, Any] | None:
    text = plain_text(text).strip()
    if not text:
        return None
    if text.endswith(","):  # EndNote's corporate author: a name ending in a comma
        return {"kind": "organization", "literal": text[:-1].strip(), "role": role}
    family, comma, rest = text.partition(",")
    if not comma:
        return {"literal": text, "role": role}
    given, comma2, suffix = rest.partition(",")
    out: dict[str, Any] = {"family": family.strip(), "role": role}
    if given.strip():
        out["given"] = given.strip()
    if comma2 and suffix.strip():
        out["suffix"] = suffix.strip()
    return out


def _name_from_hub(c: Contributor) -> str:
    if c.kind == "organization":
        return f"{c.literal or c.family or ''},"
    if c.literal and not c.family:
        return c.literal
    family = " ".join(p for p in (c.non_dropping_particle, c.family) if p)
    given = " ".join(p for p in (c.given, c.dropping_particle) if p)
    text = f"{family}, {given}" if given else f"{family},"
    if not given:
        text = family
    if c.suffix:
        text = f"{family}, {given}, {c.suffix}"
    return text


def _names_exact(values: list[Contributor], ctx: RuleContext) -> bool:
    for c in values:
        if c.dropping_particle or c.non_dropping_particle:
            return False
        if c.kind == "person" and c.literal and (c.family or c.given):
            return False
        if c.kind == "person" and c.family and "," in (c.family + (c.given or "")):
            return False
    return True


def _reader_names(role: str) -> Any:
    def read(values: list[str], ctx: RuleContext) -> Any:
        out = [n for n in (_name_to_hub(v, role) for v in values) if n]
        return out or None

    return read


def _writer_names(values: list[Contributor], ctx: RuleContext) -> Any:
    return [t for t in (_name_from_hub(c) for c in values) if t.strip(" ,")] or None


_NAME_FIELDS = ("kind", "role", "given", "family", "suffix", "literal")


def _name_parts(c: Contributor) -> tuple[str, ...] | None:
    """A name is written when it has text (a person known only by an ORCID is not)."""
    return _NAME_FIELDS if _name_from_hub(c).strip(" ,") else None


def _first(values: list[str], ctx: RuleContext) -> Any:
    for v in values:
        if v.strip():
            return v.strip()
    return None


def _first_plain(values: list[str], ctx: RuleContext) -> Any:
    v = _first(values, ctx)
    return plain_text(v) if v else None


def _one(values: list[Any], ctx: RuleContext) -> Any:
    return [_markup_only(str(values[0]))]


def _titles(kind: str) -> Any:
    def read(values: list[str], ctx: RuleContext) -> Any:
        out = [{"text": v, "type": kind} for v in values if v.strip()]
        return out or None

    return read


def _write_titles(values: list[Title], ctx: RuleContext) -> Any:
    return [_markup_only(t.text) for t in values] or None


def _titles_exact(values: list[Title], ctx: RuleContext) -> bool:
    return all(_same(t.text) and not t.lang for t in values)


def _write_container_title(values: list[Title], ctx: RuleContext) -> Any:
    return [_markup_only(values[0].text)]


def _no_secondary_title(ctx: RuleContext) -> bool:
    return ctx.fields is None or "titles/secondary-title" not in ctx.fields


def _no_abbr(ctx: RuleContext) -> bool:
    return ctx.fields is None or "periodical/abbr-1" not in ctx.fields


def _journal(ctx: RuleContext) -> bool:
    return ctx.record is not None and ctx.record.type in (
        "article-journal",
        "article-magazine",
        "article-newspaper",
        "preprint",
        "review",
    )


def _pages_read(values: list[str], ctx: RuleContext) -> Any:
    v = _first_plain(values, ctx)
    if not v:
        return None
    return PageRange.parse_data(v)


def _pages_write(values: list[PageRange], ctx: RuleContext) -> Any:
    text = values[0].text("-")
    return [text] if text else None


def _dates_year(values: list[str], ctx: RuleContext) -> Any:
    year = _first_plain(values, ctx)
    if not year:
        return None
    fields = ctx.fields or {}
    full = _first_plain(fields.get("dates/pub-dates/date", []), ctx)
    data = _issued(year, full)
    return [{k: dict(v) if isinstance(v, dict) else v for k, v in data.items()}]  # a copy


@lru_cache(maxsize=512)
def _issued(year: str, full: str | None) -> dict[str, Any]:
    """The record data of the date of a year (and pub-date): the same years and dates recur
    from record to record."""
    parsed = _full_date(full, year) if full else None
    if parsed is not None:
        return parsed.model_dump(exclude_defaults=True)
    return parse_date(year).model_dump(exclude_defaults=True)


def _full_date(text: str, year: str) -> DateValue | None:
    """The date of a pub-date and the year (EndNote's pub-dates often lack the year: 'Mar',
    'Oct 12'), or None when they do not make one date of that year."""
    for candidate in (text, f"{text} {year}", f"{text}, {year}"):
        parsed = parse_date(candidate)
        if (
            parsed.start is not None
            and not parsed.is_range
            and str(parsed.start.year) == year.strip()
        ):
            return parsed
    return None


def _dates_pub_only(values: list[str], ctx: RuleContext) -> Any:
    fields = ctx.fields or {}
    if fields.get("dates/year"):
        return None  # read with the year (or kept in the extras)
    text = _first_plain(values, ctx)
    return [parse_date(text).model_dump(exclude_defaults=True)] if text else None


def _write_year(values: list[DateValue], ctx: RuleContext) -> Any:
    d = values[0]
    if d.start is not None and not d.is_range and not d.approximate and not d.uncertain:
        return [f"{d.start.year:04d}" if d.start.year >= 0 else str(d.start.year)]
    if d.literal:
        return [d.literal]
    text = d.edtf()
    return [text] if text else None


def _write_pub_date(values: list[DateValue], ctx: RuleContext) -> Any:
    d = values[0]
    if _plain_point(d) and d.start is not None and d.start.precision != "year":
        return [d.start.iso()]
    return None


def _plain_point(d: DateValue) -> bool:
    return d.start is not None and not d.is_range and not d.approximate and not d.uncertain


def _pub_date_parts(d: DateValue) -> tuple[str, ...] | None:
    return ("start.month", "start.day", "start.time") if _plain_point(d) else None


def _date_parts(d: DateValue) -> tuple[str, ...]:
    if d.start is not None and not d.is_range and not d.approximate and not d.uncertain:
        return ("type", "start.year", "start.month", "start.day", "start.time")
    if d.start is None and d.end is None:
        return ("type", "literal")
    return ("type",)


def _write_date(values: list[DateValue], ctx: RuleContext) -> Any:
    d = values[0]
    text = d.edtf() or d.literal
    return [text] if text else None


def _read_date(kind: str) -> Any:
    def read(values: list[str], ctx: RuleContext) -> Any:
        text = _first_plain(values, ctx)
        return [parse_date(text, kind).model_dump(exclude_defaults=True)] if text else None

    return read


def _split_ids(values: list[str]) -> list[str]:
    out = []
    for v in values:
        out += [p.strip() for p in re.split(r"[\r\n;]+", plain_text(v)) if p.strip()]
    return out


_QUALIFIED = re.compile(r"(.*?\S)\s*\(([^()]*)\)")


def _read_isbn(values: list[str], ctx: RuleContext) -> Any:
    out = []
    for text in _split_ids(values):
        item: dict[str, Any] = {"value": text}
        qualified = _QUALIFIED.fullmatch(text)
        if qualified:  # '1545-9616 (Print)', '978-... (pbk.)': the word is the label
            item = {"value": qualified.group(1), "label": qualified.group(2)}
        value = item["value"]
        found = classify(value)
        scheme = found[0] if found and found[0] in ("isbn", "issn", "eissn") else "isbn"
        if _ISSN.fullmatch(value):
            scheme = "issn"
        out.append({"scheme": scheme, **item})
    return out or None


def _write_isbn(values: list[Identifier], ctx: RuleContext) -> Any:
    texts = [f"{i.value} ({i.label})" if i.label else i.value for i in values]
    return ["; ".join(texts)] if texts else None


_DOI_START = re.compile(r"(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?10\.\d{4,9}/", re.IGNORECASE)


def _is_doi_text(text: str) -> bool:
    """Whether electronic-resource-num text is read as a DOI."""
    found = classify(text)
    return bool((found and found[0] == "doi") or _DOI_START.match(text))


def _read_doi(values: list[str], ctx: RuleContext) -> Any:
    out = []
    lines = [p.strip() for v in values for p in re.split(r"[\r\n]+", plain_text(v))]
    for text in (p for p in lines if p):
        if _is_doi_text(text):
            out.append({"scheme": "doi", "value": text})
        else:
            out.append({"scheme": "local", "value": text, "label": "electronic-resource-num"})
    return out or None


def _write_doi(values: list[Identifier], ctx: RuleContext) -> Any:
    return [values[0].value]


def _read_urls(values: list[str], ctx: RuleContext) -> Any:
    out = [{"scheme": "url", "value": v.strip()} for v in values if v.strip()]
    return out or None


def _write_urls(values: list[Identifier], ctx: RuleContext) -> Any:
    return [i.value for i in values] or None


def _read_attachments(kind: str) -> Any:
    def read(values: list[str], ctx: RuleContext) -> Any:
        return [{"url": v.strip(), "kind": kind} for v in values if v.strip()] or None

    return read


def _write_attachments(kinds: tuple[str, ...]) -> Any:
    def write(values: list[Attachment], ctx: RuleContext) -> Any:
        return [a.url for a in values if a.kind in kinds] or None

    return write


def _attachment_parts(kinds: tuple[str, ...]) -> Any:
    def parts(a: Attachment) -> tuple[str, ...] | None:
        return ("url", "kind") if a.kind in kinds else None

    return parts


def _read_keywords(values: list[str], ctx: RuleContext) -> Any:
    return [{"term": plain_text(v).strip()} for v in values if v.strip()] or None


def _write_keywords(values: list[Subject], ctx: RuleContext) -> Any:
    return [s.term for s in values] or None


def _read_desc(kind: str) -> Any:
    def read(values: list[str], ctx: RuleContext) -> Any:
        return [{"text": v, "type": kind} for v in values if v.strip()] or None

    return read


def _write_desc(kinds: tuple[str, ...]) -> Any:
    def write(values: list[Description], ctx: RuleContext) -> Any:
        texts = [_markup_only(d.text) for d in values if d.type in kinds]
        return texts or None

    return write


def _desc_parts(kinds: tuple[str, ...]) -> Any:
    def parts(d: Description) -> tuple[str, ...] | None:
        return ("text", "type") if d.type in kinds else None

    return parts


def _desc_exact(values: list[Description], ctx: RuleContext) -> bool:
    return all(_same(d.text) and not d.lang for d in values)


def _read_language(values: list[str], ctx: RuleContext) -> Any:
    text = _first_plain(values, ctx)
    if not text:
        return None
    from biblioconv.languages import ALPHA3_TO_BCP47, NAME_TO_BCP47

    key = text.lower()
    return NAME_TO_BCP47.get(key) or ALPHA3_TO_BCP47.get(key) or text


def _strings(values: list[str], ctx: RuleContext) -> Any:
    return _first_plain(values, ctx)


def _write_str(values: list[Any], ctx: RuleContext) -> Any:
    return [str(values[0])]


def _publisher_write(values: list[Publisher], ctx: RuleContext) -> Any:
    return [values[0].name] if values[0].name else None


def _place_write(values: list[Publisher], ctx: RuleContext) -> Any:
    return [values[0].place] if values[0].place else None


def _patent(ctx: RuleContext) -> bool:
    """A patent: EndNote holds its number in isbn."""
    return ctx.hub_type == "patent"


def _not_patent(ctx: RuleContext) -> bool:
    return ctx.hub_type != "patent"


def _report_number(ctx: RuleContext) -> bool:
    """report-id is the number unless the record is a patent (reading: one with an isbn)."""
    if ctx.hub_type != "patent":
        return True
    return ctx.record is None and (ctx.fields is None or "isbn" not in ctx.fields)


# -- the rules -------------------------------------------------------------------------------

RULES: tuple[Rule, ...] = (
    Rule("ref-type", "type", to_hub=None, from_hub=None, note="the number (and name attribute)"),
    Rule("ref-type@name", "type", to_hub=None, from_hub=None, note="the type's name wins"),
    Rule("rec-number", "id", to_hub=_strings, from_hub=_write_str),
    Rule(
        "contributors/authors/author",
        "contributors(role=author)",
        exact=_names_exact,
        to_hub=_reader_names("author"),
        from_hub=_writer_names,
        take="all",
        parts=_name_parts,
        note="'Family, Given' or 'Family, Given, Suffix'; an organisation ends with a comma",
    ),
    Rule(
        "contributors/secondary-authors/author",
        "contributors(role=editor)",
        exact=_names_exact,
        to_hub=_reader_names("editor"),
        from_hub=_writer_names,
        take="all",
        parts=_name_parts,
    ),
    Rule(
        "contributors/tertiary-authors/author",
        "contributors(role=collection-editor)",
        exact=_names_exact,
        to_hub=_reader_names("collection-editor"),
        from_hub=_writer_names,
        take="all",
        parts=_name_parts,
    ),
    Rule(
        "contributors/subsidiary-authors/author",
        "contributors(role=translator)",
        exact=_names_exact,
        to_hub=_reader_names("translator"),
        from_hub=_writer_names,
        take="all",
        parts=_name_parts,
    ),
    Rule(
        "titles/title",
        "titles(type=main)",
        exact=_titles_exact,
        to_hub=_titles("main"),
        from_hub=_write_titles,
        take="all",
        parts=("text", "type", "lang"),
        note="style runs are rich text",
    ),
    Rule(
        "titles/secondary-title",
        "container.titles(type=main)",
        exact=_titles_exact,
        to_hub=_titles("main"),
        from_hub=_write_container_title,
        parts=("text", "type", "lang"),
        note="the journal, book or proceedings title",
    ),
    Rule(
        "periodical/full-title",
        "container.titles(type=main)",
        to_hub=_titles("main"),
        from_hub=_write_container_title,
        when=lambda ctx: _no_secondary_title(ctx) if ctx.record is None else _journal(ctx),
        parts=("text", "type", "lang"),
        note="read when there is no secondary-title; written for articles",
    ),
    Rule(
        "periodical/abbr-1",
        "container.titles(type=short)",
        exact=_titles_exact,
        to_hub=_titles("short"),
        from_hub=_write_container_title,
        parts=("text", "type", "lang"),
        note="the journal's abbreviation",
    ),
    Rule(
        "titles/alt-title",
        "container.titles(type=short)",
        to_hub=_titles("short"),
        from_hub=None,
        when=_no_abbr,
        note="read as the journal's abbreviation when periodical/abbr-1 is missing",
    ),
    Rule(
        "titles/tertiary-title",
        "series.titles(type=main)",
        exact=_titles_exact,
        to_hub=_titles("main"),
        from_hub=_write_container_title,
        parts=("text", "type", "lang"),
        note="the series",
    ),
    Rule(
        "titles/short-title",
        "titles(type=short)",
        exact=_titles_exact,
        to_hub=_titles("short"),
        from_hub=_write_titles,
        take="all",
        parts=("text", "type", "lang"),
    ),
    Rule(
        "titles/translated-title",
        "titles(type=translated)",
        exact=_titles_exact,
        to_hub=_titles("translated"),
        from_hub=_write_titles,
        take="all",
        parts=("text", "type", "lang"),
    ),
    Rule("pages", "container.pages", to_hub=_pages_read, from_hub=_pages_write),
    Rule("volume", "container.volume", to_hub=_strings, from_hub=_write_str),
    Rule("number", "container.issue", to_hub=_strings, from_hub=_write_str, note="the issue"),
    Rule(
        "issue",
        "container.issue",
        to_hub=_strings,
        from_hub=None,
        when=lambda ctx: ctx.fields is None or "number" not in ctx.fields,
        note="read when there is no number",
    ),
    Rule("num-vols", "number_of_volumes", to_hub=_strings, from_hub=_write_str),
    Rule("edition", "edition", to_hub=_strings, from_hub=_write_str),
    Rule("section", "section", to_hub=_strings, from_hub=_write_str),
    Rule(
        "keywords/keyword",
        "subjects",
        to_hub=_read_keywords,
        from_hub=_write_keywords,
        take="all",
        parts=("term",),
    ),
    Rule(
        "dates/year",
        "dates(type=issued)",
        to_hub=_dates_year,
        from_hub=_write_year,
        parts=_date_parts,
        note="the year; with pub-dates/date the full date",
    ),
    Rule(
        "dates/pub-dates/date",
        "dates(type=issued)",
        to_hub=_dates_pub_only,
        from_hub=_write_pub_date,
        parts=_pub_date_parts,
        note="the date of publication (ISO 8601 written)",
    ),
    Rule("pub-location", "publisher", to_hub=None, from_hub=_place_write, parts=("place",)),
    Rule("pub-location", "publisher.place", to_hub=_strings, from_hub=None),
    Rule("publisher", "publisher", to_hub=None, from_hub=_publisher_write, parts=("name",)),
    Rule("publisher", "publisher.name", to_hub=_strings, from_hub=None),
    Rule("orig-pub", "original.title", to_hub=_strings, from_hub=_write_str),
    Rule(
        "isbn",
        "number",
        to_hub=_strings,
        from_hub=_write_str,
        when=_patent,
        note="a patent's number (EndNote holds it in isbn)",
    ),
    Rule(
        "isbn",
        "container.identifiers",
        to_hub=None,
        from_hub=None,
        note="ISBN or ISSN (several separated by '; ' or line breaks)",
    ),
    Rule(
        "isbn",
        "identifiers",
        to_hub=_read_isbn,
        from_hub=None,
        note="ISBNs (and what is neither an ISBN nor an ISSN)",
    ),
    Rule(
        "isbn@issn",
        "container.identifiers",
        to_hub=_read_isbn,
        from_hub=None,
        note="ISSNs: the journal's (each once; a qualifier such as '(Print)' is the label)",
    ),
    Rule(
        "isbn",
        "identifiers(scheme=isbn)",
        to_hub=None,
        from_hub=_write_isbn,
        take="all",
        parts=("scheme", "value", "valid", "label"),
    ),
    Rule(
        "isbn+issn",
        "container.identifiers(scheme=issn)",
        to_hub=None,
        from_hub=_write_isbn,
        take="all",
        parts=("scheme", "value", "valid", "label"),
        when=_not_patent,
        note="written in isbn (after any ISBN)",
    ),
    Rule(
        "isbn+eissn",
        "container.identifiers(scheme=eissn)",
        "approx",
        to_hub=None,
        from_hub=_write_isbn,
        take="all",
        parts=("scheme", "value", "valid", "label"),
        when=_not_patent,
        note="written in isbn (after any ISBN)",
    ),
    Rule("accession-num", "archive.accession_number", to_hub=_strings, from_hub=_write_str),
    Rule("call-num", "archive.call_number", to_hub=_strings, from_hub=_write_str),
    Rule(
        "report-id",
        "number",
        to_hub=_strings,
        from_hub=_write_str,
        when=_report_number,
        note="a patent's number is written in isbn (a patent's report-id beside its isbn is "
        "kept in extras)",
    ),
    Rule(
        "electronic-resource-num",
        "identifiers",
        to_hub=_read_doi,
        from_hub=None,
        note="the DOI (another value is a local identifier)",
    ),
    Rule(
        "electronic-resource-num",
        "identifiers(scheme=doi)",
        to_hub=None,
        from_hub=_write_doi,
        parts=("scheme", "value", "valid"),
    ),
    Rule(
        "abstract",
        "descriptions(type=abstract)",
        exact=_desc_exact,
        to_hub=_read_desc("abstract"),
        from_hub=_write_desc(("abstract",)),
        take="all",
        parts=_desc_parts(("abstract",)),
    ),
    Rule(
        "notes",
        "descriptions(type=note)",
        exact=_desc_exact,
        to_hub=_read_desc("note"),
        from_hub=_write_desc(("note",)),
        take="all",
        parts=_desc_parts(("note",)),
    ),
    Rule(
        "research-notes",
        "descriptions(type=annotation)",
        exact=_desc_exact,
        to_hub=_read_desc("annotation"),
        from_hub=_write_desc(("annotation",)),
        take="all",
        parts=_desc_parts(("annotation",)),
    ),
    Rule("work-type", "genre", to_hub=_strings, from_hub=_write_str),
    Rule("meeting-place", "event.place", to_hub=_strings, from_hub=_write_str),
    Rule("size", "sizes", to_hub=lambda v, ctx: _first_plain(v, ctx), from_hub=_one),
    Rule("remote-database-name", "archive.database", to_hub=_strings, from_hub=_write_str),
    Rule("language", "language", to_hub=_read_language, from_hub=_write_str),
    Rule(
        "urls/related-urls/url",
        "identifiers(scheme=url)",
        to_hub=_read_urls,
        from_hub=_write_urls,
        take="all",
        parts=("scheme", "value", "valid"),
    ),
    Rule(
        "urls/web-urls/url",
        "identifiers(scheme=url)",
        to_hub=_read_urls,
        from_hub=None,
        note="read (older libraries); written as related-urls",
    ),
    Rule(
        "urls/pdf-urls/url",
        "attachments",
        to_hub=_read_attachments("pdf"),
        from_hub=_write_attachments(("pdf",)),
        take="all",
        parts=_attachment_parts(("pdf",)),
    ),
    Rule(
        "urls/text-urls/url",
        "attachments",
        to_hub=_read_attachments("fulltext"),
        from_hub=_write_attachments(("fulltext",)),
        take="all",
        parts=_attachment_parts(("fulltext",)),
    ),
    Rule(
        "urls/image-urls/url",
        "attachments",
        to_hub=_read_attachments("image"),
        from_hub=_write_attachments(("image",)),
        take="all",
        parts=_attachment_parts(("image",)),
    ),
    Rule(
        "access-date",
        "dates(type=accessed)",
        to_hub=_read_date("accessed"),
        from_hub=_write_date,
        parts=_date_parts,
    ),
    Rule(
        "modified-date",
        "dates(type=updated)",
        to_hub=_read_date("updated"),
        from_hub=_write_date,
        parts=_date_parts,
    ),
)

RULE_TABLE = RuleTable(RULES)

#: Fields kept in the extras under their path (and written back): no rule reads them.
_KEPT_NOTE = "kept in extras under its path and written back"

#: Each element name of the EndNote XML field list and where its values go (rows the rules do
#: not give by their path).
HOMES: dict[str, tuple[str, str, str]] = {
    "xml": ("type", "consumed", "the document"),
    "records": ("type", "consumed", "the list of records"),
    "record": ("type", "consumed", "one record"),
    "style": (
        "titles.text",
        "exact",
        "runs of rich text: face italic, bold, superscript, subscript; font and size are not kept",
    ),
    "ref-type": ("type", "exact", "see the type table"),
    "contributors": ("contributors", "exact", ""),
    "authors": ("contributors(role=author)", "exact", ""),
    "secondary-authors": ("contributors(role=editor)", "exact", ""),
    "tertiary-authors": ("contributors(role=collection-editor)", "exact", ""),
    "subsidiary-authors": ("contributors(role=translator)", "exact", ""),
    "author": ("contributors", "exact", ""),
    "titles": ("titles", "exact", ""),
    "title": ("titles(type=main)", "exact", ""),
    "secondary-title": ("container.titles(type=main)", "exact", ""),
    "tertiary-title": ("series.titles(type=main)", "exact", ""),
    "alt-title": ("container.titles(type=short)", "approx", ""),
    "short-title": ("titles(type=short)", "exact", ""),
    "translated-title": ("titles(type=translated)", "exact", ""),
    "periodical": ("container", "exact", ""),
    "full-title": ("container.titles(type=main)", "exact", ""),
    "abbr-1": ("container.titles(type=short)", "exact", ""),
    "dates": ("dates", "exact", ""),
    "year": ("dates(type=issued)", "exact", ""),
    "pub-dates": ("dates(type=issued)", "exact", ""),
    "date": ("dates(type=issued)", "exact", ""),
    "keywords": ("subjects", "exact", ""),
    "keyword": ("subjects.term", "exact", ""),
    "urls": ("identifiers(scheme=url)", "exact", ""),
    "related-urls": ("identifiers(scheme=url)", "exact", ""),
    "web-urls": ("identifiers(scheme=url)", "exact", ""),
    "pdf-urls": ("attachments", "exact", ""),
    "text-urls": ("attachments", "exact", ""),
    "image-urls": ("attachments", "exact", ""),
    "url": ("identifiers(scheme=url).value", "exact", ""),
}


@cache
def _rows() -> tuple[FieldMap, ...]:
    from biblioconv.formats.endnote_xml.xmlio import ORDER

    ruled = RULE_TABLE.field_maps()
    named = {fm.field for fm in ruled}
    return distinct_rows(
        ruled,
        (
            FieldMap(name, *HOMES[name])  # type: ignore[arg-type]
            if name in HOMES
            else FieldMap(name, "extras", "extras", _KEPT_NOTE)
            for name in (*ORDER, "xml", "records", "record", "style")
            if name in HOMES or name not in named
        ),
    )


UNMAPPED: dict[str, str] = {
    "citation_key": "EndNote XML has no citation key (rec-number is the id)",
    "version": "no EndNote element for a version",
    "chapter": "no EndNote element for a chapter",
    "part": "no EndNote element for a part",
    "number_of_pages": "no EndNote element for a number of pages",
    "container.number": "no EndNote element for an article number",
    "container.edition": "edition is the record's",
    "container.publisher": "publisher is the record's",
    "container.issued": "the date is the record's",
    "series.number": "no EndNote element for a series number",
    "series.identifiers": "no EndNote element for a series identifier",
    "event.title": "no EndNote element for a conference name beside the proceedings title",
    "event.date": "no EndNote element for a conference date",
    "funding": "no EndNote element for funding",
    "relations": "no EndNote element for relations",
    "related_items": "no EndNote element for related items",
    "rights": "no EndNote element for rights",
    "access_rights": "no EndNote element for access rights",
    "geo_locations": "no EndNote element for places",
    "formats": "no EndNote element for formats",
    "publisher.identifiers": "no EndNote element for a publisher identifier",
    "contributors.identifiers": "author names are text: no ORCID",
    "contributors.affiliations": "auth-address is one text for the record, kept in extras",
    "publication_status": "no EndNote element for a publication status",
    "peer_reviewed": "no EndNote element for peer review",
    "citation": "no EndNote element for a citation as given",
    "archive.name": "remote-database-provider is kept in extras",
    "archive.location": "no EndNote element for a location in an archive",
    "archive.collection": "no EndNote element for a collection",
    "archive.place": "no EndNote element for an archive's place",
    "original.publisher": "orig-pub holds the original's title",
    "subjects.scheme": "keywords are plain terms",
    "et_al": "no EndNote element for 'et al.'",
}

CROSSWALK = Crosswalk(format=FMT, fields=_rows(), types=TYPES, unmapped=UNMAPPED)

# -- reading ---------------------------------------------------------------------------------


def fields_to_record(fields: dict[str, list[str]], rep: Any = None) -> Record:
    """A record from the native fields of one ``<record>`` (``rep``: its reporter, or None)."""
    data: dict[str, Any] = {}
    hub, native = _resolve_type(fields)
    source = fields
    again: list[str] = []
    if hub != "patent":  # a patent's isbn is its number
        fields = _split_isbn(fields)
        if fields is not source:
            again = fields.pop(_MERGED, [])
    ctx = RuleContext(hub_type=hub, fields=fields, reporter=rep)
    unknown = RULE_TABLE.read(fields, data, ctx)
    data["type"] = hub
    if native:
        data["native_types"] = {FMT: native}
    extras = {k: fields[k] for k in unknown if fields[k] and k not in _TYPE_KEYS}
    extras.update(_left_over(fields, hub))
    if any(t not in fields["isbn@issn"] and _QUALIFIED.fullmatch(t) for t in again):
        # an ISSN given again with another qualifier ('(Print)', then '(Linking)')
        extras["isbn"] = source["isbn"]  # the source's text, written back as it was
    if extras:
        data.setdefault("extras", {})[FMT] = extras
    record = Record.model_validate(data)
    if rep is not None:
        for i, ident in enumerate(record.identifiers):
            if ident.valid is False:
                rep.add(
                    Code.INVALID_VALUE,
                    f"{ident.scheme} {ident.value!r} fails its check (kept as given)",
                    f"identifiers[{i}]",
                )
    return record


_TYPE_KEYS = frozenset({"ref-type", "ref-type@name"})
_ISSN = re.compile(r"(?:e?issn:?\s*)?\d{4}-?\d{3}[\dXx]", re.IGNORECASE)


_NOT_ISSN = re.compile(r"[^0-9X]")

#: The ISSNs a library gives more than once (``1545-9616 (Print)`` and ``1545-9616
#: (Linking)``), left out of ``isbn@issn``, under this key of the split fields.
_MERGED = "isbn@issn+"


def _split_isbn(fields: dict[str, list[str]]) -> dict[str, list[str]]:
    """``isbn`` values that are ISSNs apart (``isbn@issn``, each ISSN once): a journal's."""
    values = fields.get("isbn")
    if not values:
        return fields
    parts = _split_ids(values)
    issns = [p for p in parts if _ISSN.fullmatch(_QUALIFIED.sub(r"\1", p))]
    if not issns:
        return fields
    out = dict(fields)
    rest = [p for p in parts if p not in issns]
    if rest:
        out["isbn"] = rest
    else:
        del out["isbn"]
    seen: set[str] = set()
    once: list[str] = []
    again: list[str] = []
    for text in issns:
        key = _NOT_ISSN.sub("", _QUALIFIED.sub(r"\1", text).upper())[-8:]
        if key in seen:
            again.append(text)
        else:
            seen.add(key)
            once.append(text)
    out["isbn@issn"] = once
    if again:
        out[_MERGED] = again
    return out


def _isbn_text(values: list[str]) -> str:
    """The isbn text the writer gives the identifiers read from these isbn values."""
    fields = _split_isbn({"isbn": values})
    ctx = RuleContext()
    ids = [Identifier.model_validate(i) for i in _read_isbn(fields.get("isbn", []), ctx) or ()]
    kept = _read_isbn(fields.get("isbn@issn", []), ctx) or ()
    issns = [Identifier.model_validate(i) for i in kept]
    ordered = [i for i in ids if i.scheme == "isbn"]
    ordered += [i for i in issns if i.scheme == "issn"]
    ordered += [i for i in issns if i.scheme == "eissn"]
    return "; ".join(f"{i.value} ({i.label})" if i.label else i.value for i in ordered)


#: Fields read once: the values after the first are kept in the extras (``publisher+``).
_REPEATABLE = ("publisher", "pub-location", "volume", "number", "pages", "edition", "language")


def _left_over(fields: dict[str, list[str]], hub: str) -> dict[str, Any]:
    """Values a rule saw but does not map: a second publisher, a pub-date beside a year it does
    not match, a periodical title beside a different secondary title..."""
    out: dict[str, Any] = {}
    if hub == "patent":
        numbers = [v for v in fields.get("isbn", []) if v.strip()]
        if len(numbers) > 1:
            out["isbn+"] = numbers[1:]
        if numbers and fields.get("report-id"):
            out["report-id"] = fields["report-id"]
    for key in _REPEATABLE:
        values = fields.get(key)
        if values is not None and len(values) > 1:
            values = [v for v in values if v.strip()]
            if len(values) > 1:
                out[f"{key}+"] = values[1:]
    if "dates/year" in fields and "dates/pub-dates/date" in fields:
        year = [v for v in fields["dates/year"] if v.strip()]
        dates = [v for v in fields["dates/pub-dates/date"] if v.strip()]
        if year and dates and _full_date(plain_text(dates[0]), plain_text(year[0])) is None:
            out["dates/pub-dates/date"] = dates
    secondary = fields.get("titles/secondary-title")
    full = fields.get("periodical/full-title")
    if secondary and full and full[0] != secondary[0]:
        out["periodical/full-title"] = full
    alt = fields.get("titles/alt-title")
    abbr = fields.get("periodical/abbr-1")
    if alt and abbr and alt[0] != abbr[0]:
        out["titles/alt-title"] = alt
    if fields.get("issue") and fields.get("number"):
        out["issue"] = fields["issue"]
    return out


# -- writing ---------------------------------------------------------------------------------

_SKIP = ("extras", "native_types")


def _type_fields(record: Record) -> dict[str, list[str]]:
    native = record.native_types.get(FMT)
    if native in _TYPES and _TYPES[native][1] == record.type:
        name = native
    else:
        name = _HUB_TO_NAME.get(record.type, "Generic")
    return {"ref-type": [str(_TYPES[name][0])], "ref-type@name": [name]}


def record_to_element(record: Record, rep: RecordReporter, *, styles: bool = True) -> Any:
    """The ``<record>`` element of a record, reporting what EndNote XML cannot hold or holds
    differently."""
    from biblioconv.formats.endnote_xml.xmlio import build_record

    said: list[Diagnostic] = []

    def add(code: Code, message: str, path: str) -> None:
        said.append(rep.add(code, message, path))

    ctx = RuleContext(hub_type=record.type, record=record, reporter=rep)
    native, carried = RULE_TABLE.write(record, ctx)
    extra_ids = [*native.pop("isbn+issn", []), *native.pop("isbn+eissn", [])]
    if extra_ids:
        native["isbn"] = ["; ".join([*native.get("isbn", []), *extra_ids])]
    native.update(_type_fields(record))
    carried.mark(["type"])
    for path, field in sorted(carried.approx.items()):
        if path not in carried.exact:
            add(Code.VALUE_COERCED, f"written approximately as EndNote {field}", path)
    for path in uncarried(record, carried, skip=_SKIP):
        reason = CROSSWALK.reason(record, path)
        add(
            Code.FIELD_DROPPED,
            f"no EndNote XML element for {path}" + (f" ({reason})" if reason else ""),
            path,
        )
    own = record.extras.get(FMT, {})
    kept_isbn = own.get("isbn")
    if (
        isinstance(kept_isbn, list)
        and all(isinstance(v, str) for v in kept_isbn)
        and native.get("isbn") == [_isbn_text([str(v) for v in kept_isbn])]
    ):  # the source's isbn text, with the qualifiers of an ISSN it gives twice
        native["isbn"] = list(kept_isbn)
    else:
        kept_isbn = None
    for key, value in own.items():
        if key in BOOKKEEPING_EXTRAS or (key == "isbn" and kept_isbn is not None):
            continue
        if (
            (key not in native or key in _SOURCE_WINS)
            and not key.endswith("+")
            and isinstance(value, list)
            and all(isinstance(v, str) for v in value)
            and key not in _LEFT_KEYS
        ):
            native[key] = [str(v) for v in value]
        else:
            add(
                Code.FIELD_DROPPED,
                f"EndNote {key} (kept from the source) is not written",
                f"extras.{FMT}.{key}",
            )
    for other, names in foreign_extras(record, (FMT,)).items():
        add(
            Code.FIELD_DROPPED,
            f"{other}-only fields not written: {', '.join(names)}",
            f"extras.{other}",
        )
    _report_shapes(record, carried, said, add)
    if not styles:  # plain text: no markup
        named = {d.field for d in said if d.field}
        for path, value in leaves(record).items():
            if path.startswith("native_types") or _under(path, named):
                continue
            texts = value if isinstance(value, list) else [value]
            if any(isinstance(t, str) and plain_text(t) != t for t in texts):
                add(Code.VALUE_COERCED, "markup removed (styles=false)", path)
    elem = build_record(native, styles=styles)
    return elem


_RICH = ("titles", "container.titles", "series.titles", "descriptions")


def _report_shapes(record: Record, carried: Any, said: list[Diagnostic], add: Any) -> None:
    """What the rules carry but EndNote XML holds in another shape: the type (EndNote's type
    list is coarser), names that read back split otherwise, list elements that come back at
    another position (authors before editors, ISBNs before the DOI before URLs), text that loses
    spans, markup or surrounding spaces."""
    from biblioconv.listorder import moved, sequences

    named = {d.field for d in said if d.field}

    def say(code: Code, message: str, path: str) -> None:
        if not _under(path, named):
            add(code, message, path)
            named.add(path)

    name = _type_fields(record)["ref-type@name"][0]
    if _TYPES[name][1] != record.type:
        say(Code.TYPE_APPROXIMATED, f"written as the EndNote type {name!r}", "type")
    for i, c in enumerate(record.contributors):
        if c.role not in _ROLE_ELEMENT:
            continue
        again = _name_to_hub(_name_from_hub(c), c.role) or {}
        mine = {
            k: v
            for k, v in c.model_dump(exclude_defaults=True).items()
            if k in again or k in ("given", "family", "literal", "suffix")
        }
        mine.setdefault("role", c.role)
        if c.kind == "organization":
            mine["kind"] = "organization"
        if {k: v for k, v in again.items()} != mine:
            say(
                Code.VALUE_COERCED,
                "the name reads back split otherwise from EndNote's 'Family, Given' text",
                f"contributors[{i}]",
            )
    for i, d in enumerate(record.dates):
        if (
            d.literal
            and d.start is None
            and d.end is None
            and parse_date(d.literal).literal is None
        ):
            say(Code.VALUE_COERCED, "free-text date that reads back as a date", f"dates[{i}]")
    pages = record.container.pages if record.container is not None else None
    if pages is not None and PageRange.parse(pages.text("-")) != pages:
        say(Code.VALUE_COERCED, "pages read back in another form", "container.pages")
    if record.language and _read_language([record.language], RuleContext()) != record.language:
        say(Code.VALUE_COERCED, "a language name is read back as its tag", "language")
    for i, x in enumerate(record.identifiers):
        if x.scheme == "isbn" and _QUALIFIED.fullmatch(x.value):
            say(
                Code.VALUE_COERCED,
                "a parenthesised word after an ISBN is read back as its label",
                f"identifiers[{i}]",
            )
    if record.container is not None and record.type != "patent":
        _report_issns(record.container.identifiers, say)
    doi = next((i for i, x in enumerate(record.identifiers) if x.scheme == "doi"), None)
    if doi is not None and not _is_doi_text(record.identifiers[doi].value):
        say(
            Code.VALUE_COERCED,
            "not a DOI by its form: read back as a local identifier",
            f"identifiers[{doi}]",
        )
    for path in moved(record, sequences(carried.elements)):
        say(Code.VALUE_COERCED, f"{path} comes back at another position in EndNote XML", path)
    for path, value in leaves(record).items():
        if not isinstance(value, str) or path.startswith(("extras.", "native_types")):
            continue
        top = path.split("[", 1)[0]
        kept = _markup_only(value) if top in _RICH else plain_text(value).strip()
        if kept != value:
            say(
                Code.VALUE_COERCED,
                "EndNote XML keeps no spans (and no markup or surrounding "
                "spaces outside titles and notes)",
                path,
            )


def _report_issns(ids: list[Identifier], say: Any) -> None:
    """ISSNs written in isbn that read back once (the same ISSN again); the source's text is
    kept in the extras when the repeats differ (another qualifier)."""
    first: dict[str, Identifier] = {}
    again = False
    for i, x in enumerate(ids):
        path = f"container.identifiers[{i}]"
        if x.scheme not in ("issn", "eissn"):
            continue
        key = _NOT_ISSN.sub("", x.value.upper())[-8:]
        if key not in first:
            first[key] = x
            if again:
                say(Code.VALUE_COERCED, f"{path} comes back at another position", path)
            continue
        again = True
        say(Code.VALUE_COERCED, "the same ISSN again is read back once", path)
        if x.label and first[key].label != x.label:
            say(
                Code.VALUE_COERCED,
                "the isbn text of an ISSN given twice with other qualifiers is kept in extras",
                f"extras.{FMT}.isbn",
            )


_ROLE_ELEMENT = frozenset({"author", "editor", "collection-editor", "translator"})


def _under(path: str, named: set[str]) -> bool:
    return any(path == n or path.startswith((n + ".", n + "[")) for n in named)


#: Kept values written instead of what the rules would write (the source's own journal title
#: beside a different secondary title: the secondary title holds the record's).
_SOURCE_WINS = frozenset({"periodical/full-title"})

#: Kept values that cannot be written back where they were.
_LEFT_KEYS: frozenset[str] = frozenset()
