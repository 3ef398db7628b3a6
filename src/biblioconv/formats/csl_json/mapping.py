"""CSL-JSON items <-> records.

CSL strings are rich text already, so they pass through unchanged. What a record holds beyond CSL's
variables is, by default, kept in the item's ``custom.biblioconv`` object (the schema's escape hatch)
so that record -> CSL-JSON -> record is lossless; plain CSL consumers simply ignore it.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError as PydanticValidationError

from biblioconv.dates import parse_date
from biblioconv.formats.csl_json.crosswalk import CROSSWALK, DATE_VARIABLES, NAME_ROLES
from biblioconv.model import (
    Contributor,
    DateValue,
    Identifier,
    PageRange,
    PartialDate,
    Record,
)
from biblioconv.model import normalized_identifier as normalized
from biblioconv.names import orcid_name, orcid_name_note, orcid_person_fields
from biblioconv.report import Code, ConversionReport, RecordReporter
from biblioconv.vocab import PUBLICATION_STATUSES

__all__ = ["ARTICLE_NUMBER_TYPES", "CUSTOM_KEY", "csl_to_record", "record_to_csl"]

FORMAT = "csl-json"
CUSTOM_KEY = "biblioconv"

_ROLE_TO_VAR = {r: v for v, r in NAME_ROLES.items()}
_DATE_TO_VAR = {t: v for v, t in DATE_VARIABLES.items()}
_EXTRAS_VARS = frozenset(
    fm.field for fm in CROSSWALK.fields if fm.kind == "extras" and fm.field != "custom"
)
_KNOWN = frozenset(fm.field for fm in CROSSWALK.fields) | {"custom"}
#: Spec variables that csl-data.json does not allow at the top level.
_SPEC_ONLY = frozenset(
    {"editor-translator", "part-number", "printing-number", "supplement-number", "license"}
)
_SCHEMA_VARS = _KNOWN - _SPEC_ONLY
_PART_TYPES = frozenset(
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
_SEASON_WORDS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}
_KEYWORD_SPLIT = re.compile(r"\s*[;,]\s*")


# -- reading ---------------------------------------------------------------------------------------


# what the container of an item of a CSL type is (as the other readers tell it from their types)
_CONTAINER_TYPES = {
    "article-journal": "periodical",
    "article-magazine": "periodical",
    "article-newspaper": "periodical",
    "chapter": "book",
    "entry-dictionary": "book",
    "entry-encyclopedia": "book",
    "paper-conference": "proceedings",
}


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return str(value)


def _flag(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() not in ("", "0", "false", "no")
    return bool(value)


def _name(obj: Any, role: str) -> dict[str, Any] | None:
    if isinstance(obj, str):
        obj = {"literal": obj}
    if not isinstance(obj, dict):
        return None
    literal = _text(obj.get("literal"))
    family, given = _text(obj.get("family")), _text(obj.get("given"))
    if not given and (orcid := orcid_person_fields(literal or family, role)) is not None:
        return orcid  # a person known only by an ORCID
    if literal and not (family or given):
        return {"kind": "organization", "role": role, "literal": literal}
    if not (family or given or literal):
        return None
    out: dict[str, Any] = {"role": role, "family": family, "given": given, "literal": literal}
    for key, attr in (
        ("dropping-particle", "dropping_particle"),
        ("non-dropping-particle", "non_dropping_particle"),
        ("suffix", "suffix"),
    ):
        if (v := _text(obj.get(key))) is not None:
            out[attr] = v
    if obj.get("comma-suffix") is not None:
        out["comma_suffix"] = _flag(obj["comma-suffix"])
    if obj.get("static-ordering") is not None:
        out["static_ordering"] = _flag(obj["static-ordering"])
    return out


def _int(value: Any) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _point(parts: Any) -> PartialDate | None:
    if not isinstance(parts, list) or not parts:
        return None
    year = _int(parts[0])
    if year is None or (year == 0 and len(parts) == 1):
        return None
    month = _int(parts[1]) if len(parts) > 1 else None
    day = _int(parts[2]) if len(parts) > 2 and month else None
    season = None
    if month is not None and 13 <= month <= 24:  # citeproc-js convention: 13-16 / 21-24 seasons
        season, month, day = (month - 12 if month <= 16 else month - 20), None, None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and not 1 <= day <= 31:
        day = None
    try:
        return PartialDate(year=year, month=month, day=day, season=season)
    except PydanticValidationError:
        return None


def _date(value: Any, type_: str) -> DateValue | None:
    if isinstance(value, str):  # EDTF strings are invalid CSL but common: accept them
        return parse_date(value, type_) if value.strip() else None
    if not isinstance(value, dict):
        return None
    parts = value.get("date-parts")
    circa = _flag(value.get("circa", False))
    if isinstance(parts, list) and parts:
        start = _point(parts[0])
        end = _point(parts[1]) if len(parts) > 1 else None
        if start is not None:
            season = value.get("season")
            if season is not None and start.season is None:
                s = _int(season) or _SEASON_WORDS.get(str(season).strip().lower())
                if s and 1 <= s <= 4:
                    start = start.model_copy(update={"season": s})
            return DateValue(type=type_, start=start, end=end, approximate=circa)
    literal = _text(value.get("literal"))
    if literal:
        return DateValue(type=type_, literal=literal, approximate=circa)
    raw = _text(value.get("raw"))
    if raw:
        parsed = parse_date(raw, type_)
        return parsed.model_copy(update={"approximate": True}) if circa else parsed
    return None


def _identifiers(scheme: str, value: Any) -> list[dict[str, Any]]:
    """The identifiers in one CSL variable: ISBN and ISSN may hold several, comma- or
    semicolon-separated (``1234-5678, 8765-4321`` as Zotero writes them) or as a list (as
    Crossref's CSL-JSON gives them)."""
    if isinstance(value, list):
        return [ident for v in value for ident in _identifiers(scheme, v)]
    text = _text(value)
    if not text:
        return []
    values = [text]
    if scheme in ("isbn", "issn") and re.search(r"[;,]|\s\d", text):
        values = [v for v in re.split(r"[;,]\s*|\s+(?=\d)", text) if v.strip()]
    out = []
    for v in values:
        norm, valid = normalized(scheme, v)
        out.append({"scheme": scheme, "value": norm, "valid": valid})
    return out


def _quiet(*args: Any, **kwargs: Any) -> None:
    """Diagnostics nobody asked for."""


def csl_to_record(
    item: dict[str, Any],
    *,
    report: ConversionReport | None = None,
    source: str | None = None,
    fmt: str = FORMAT,
    line: int | None = None,
) -> Record:
    """Map one CSL-JSON item to a record (diagnostics to ``report``, naming the item and the
    ``line`` it starts on in ``source``)."""
    label = _text(item.get("id")) or _text(item.get("citation-key"))
    data: dict[str, Any] = {}
    extras: dict[str, Any] = {}
    note = (
        RecordReporter(report, record=label, source=source, line=line, source_format=fmt).add
        if report is not None
        else _quiet
    )

    data["id"] = _text(item.get("id"))
    data["citation_key"] = _text(item.get("citation-key"))
    native = _text(item.get("type"))
    if native:
        hub = CROSSWALK.type_to_hub(native)
        if hub is None:
            note(Code.TYPE_APPROXIMATED, f"unknown CSL type {native!r}; read as document", "type")
            hub = "document"
        data["type"] = hub
        data["native_types"] = {fmt: native}

    titles: list[dict[str, Any]] = []
    if t := _text(item.get("title")):
        titles.append({"text": t})
    if t := _text(item.get("title-short") or item.get("shortTitle")):
        titles.append({"text": t, "type": "short"})
    data["titles"] = titles

    contributors: list[dict[str, Any]] = []
    for var, role in NAME_ROLES.items():
        names = item.get(var)
        if names is None:
            continue
        if not isinstance(names, list):
            names = [names]
        for obj in names:
            c = _name(obj, role)
            if c is None:
                note(Code.INVALID_VALUE, f"unreadable name {obj!r} skipped", var)
            else:
                contributors.append(c)
    data["contributors"] = contributors

    dates: list[DateValue] = []
    for var, type_ in DATE_VARIABLES.items():
        if var in item and var != "event-date":
            d = _date(item[var], type_)
            if d is None:
                note(Code.INVALID_VALUE, f"unreadable date {item[var]!r}", var)
            else:
                dates.append(d)
    data["dates"] = dates

    # container and locators
    container: dict[str, Any] = {}
    ctitles: list[dict[str, Any]] = []
    if t := _text(item.get("container-title")):
        ctitles.append({"text": t})
    if t := _text(item.get("container-title-short") or item.get("journalAbbreviation")):
        ctitles.append({"text": t, "type": "short"})
    if ctitles:
        container["titles"] = ctitles
    for var, key in (("volume", "volume"), ("issue", "issue")):
        if v := _text(item.get(var)):
            container[key] = v
    if page := _text(item.get("page")):
        container["pages"] = PageRange.parse(page)
    elif first := _text(item.get("page-first")):
        container["pages"] = {"first": first}
    issn = _identifiers("issn", item.get("ISSN"))
    isbn = _identifiers("isbn", item.get("ISBN"))
    own_ids: list[dict[str, Any]] = []
    if native == "periodical":
        own_ids += issn
    elif issn:
        container["identifiers"] = issn
    if isbn and (data.get("type") in _PART_TYPES):
        container.setdefault("identifiers", []).extend(isbn)
    else:
        own_ids += isbn
    if container:
        if "titles" in container and native in _CONTAINER_TYPES:
            container["type"] = _CONTAINER_TYPES[native]
        data["container"] = container

    series: dict[str, Any] = {}
    if t := _text(item.get("collection-title")):
        series["titles"] = [{"text": t}]
    if n := _text(item.get("collection-number")):
        series["number"] = n
    if series:
        data["series"] = series

    ids: list[dict[str, Any]] = []
    for var, scheme in (("DOI", "doi"), ("URL", "url"), ("PMID", "pmid"), ("PMCID", "pmcid")):
        ids += _identifiers(scheme, item.get(var))
    ids += own_ids
    for ident in ids + container.get("identifiers", []):
        if ident["valid"] is False:
            note(
                Code.INVALID_VALUE,
                f"{ident['scheme']} {ident['value']!r} fails its check",
                ident["scheme"],
            )
    data["identifiers"] = ids

    pub = {"name": _text(item.get("publisher")), "place": _text(item.get("publisher-place"))}
    if any(pub.values()):
        data["publisher"] = pub
    ev = {
        "title": _text(item.get("event-title") or item.get("event")),
        "place": _text(item.get("event-place")),
        "date": _date(item["event-date"], "event") if "event-date" in item else None,
    }
    if any(v is not None for v in ev.values()):
        data["event"] = ev
    orig_pub = {
        "name": _text(item.get("original-publisher")),
        "place": _text(item.get("original-publisher-place")),
    }
    orig: dict[str, Any] = {"title": _text(item.get("original-title"))}
    if any(orig_pub.values()):
        orig["publisher"] = orig_pub
    if any(orig.values()):
        data["original"] = orig
    arch = {
        "name": _text(item.get("archive")),
        "collection": _text(item.get("archive_collection")),
        "location": _text(item.get("archive_location")),
        "place": _text(item.get("archive-place")),
        "call_number": _text(item.get("call-number")),
        "database": _text(item.get("source")),
    }
    if any(arch.values()):
        data["archive"] = arch

    for var, key in (
        ("edition", "edition"),
        ("version", "version"),
        ("number", "number"),
        ("chapter-number", "chapter"),
        ("section", "section"),
        ("number-of-pages", "number_of_pages"),
        ("number-of-volumes", "number_of_volumes"),
        ("language", "language"),
        ("genre", "genre"),
    ):
        if v := _text(item.get(var)):
            data[key] = v
    if native in ARTICLE_NUMBER_TYPES and "number" in data:
        number = {"number": data.pop("number"), "number_type": "Article"}
        data["container"] = {**data.get("container", {}), **number}
    if v := _text(item.get("part-number") or item.get("part")):
        data["part"] = v

    descs: list[dict[str, Any]] = []
    for var, dtype in (("abstract", "abstract"), ("note", "note"), ("annote", "annotation")):
        if v := _text(item.get(var)):
            descs.append({"text": v, "type": dtype})
    data["descriptions"] = descs
    if v := _text(item.get("keyword")):
        data["subjects"] = [{"term": k} for k in _KEYWORD_SPLIT.split(v) if k]
    if v := _text(item.get("medium")):
        data["formats"] = [v]
    if v := _text(item.get("dimensions")):
        data["sizes"] = [v]
    if v := _text(item.get("status")):
        status = v.lower().replace(" ", "-")
        if status in PUBLICATION_STATUSES:
            data["publication_status"] = status
        else:
            extras["status"] = v
    if v := _text(item.get("references")):
        data["relations"] = [{"type": "References", "citation": v}]
    if v := _text(item.get("license")):
        data["rights"] = [{"statement": v}]

    for var, value in item.items():
        if var in _EXTRAS_VARS:
            extras[var] = value
    custom = item.get("custom")
    preserved: dict[str, Any] = {}
    if isinstance(custom, dict):
        rest = {k: v for k, v in custom.items() if k != CUSTOM_KEY}
        if rest:
            extras["custom"] = rest
        if isinstance(custom.get(CUSTOM_KEY), dict):
            preserved = custom[CUSTOM_KEY]
    elif custom is not None:
        note(Code.INVALID_VALUE, "custom is not an object; kept as given in extras", "custom")
        extras["custom"] = custom
    for key, value in item.items():
        if key not in _KNOWN and key not in extras:
            extras[key] = value
            note(
                Code.UNKNOWN_FIELD,
                f"unknown CSL variable {key!r} kept in extras",
                key,
                severity="info",
            )
    if extras:
        data["extras"] = {fmt: extras}

    record = Record.model_validate(data)
    if preserved:
        record = _restore(record, preserved, note)
    return record


def _restore(record: Record, preserved: dict[str, Any], note: Any) -> Record:
    """Apply the fields kept in ``custom.biblioconv`` over what the CSL variables gave."""
    merged = record.model_dump(exclude_defaults=True)
    merged.update(preserved)
    if record.extras and "extras" in preserved:
        extras = dict(preserved["extras"])
        for fmt, values in record.extras.items():
            extras[fmt] = {**extras.get(fmt, {}), **values}
        merged["extras"] = extras
    try:
        return Record.model_validate(merged)
    except PydanticValidationError as exc:
        note(Code.INVALID_VALUE, f"custom.{CUSTOM_KEY} ignored: {exc.errors()[0]['msg']}", "custom")
        return record


# -- writing ---------------------------------------------------------------------------------------


def _name_obj(c: Contributor) -> dict[str, Any] | None:
    if (orcid := orcid_name(c)) is not None:
        return {"literal": orcid}  # a person known only by an ORCID stays visible
    if c.kind == "organization" or (c.literal and not (c.family or c.given)):
        return {"literal": c.literal or c.display_name} if (c.literal or c.family) else None
    obj: dict[str, Any] = {}
    for key, value in (
        ("family", c.family),
        ("given", c.given),
        ("dropping-particle", c.dropping_particle),
        ("non-dropping-particle", c.non_dropping_particle),
        ("suffix", c.suffix),
    ):
        if value:
            obj[key] = value
    if c.comma_suffix:
        obj["comma-suffix"] = True
    if c.static_ordering:
        obj["static-ordering"] = True
    if c.literal and not obj:
        obj["literal"] = c.literal
    return obj or None


def _date_obj(d: DateValue) -> dict[str, Any] | None:
    def parts(p: PartialDate) -> list[int]:
        out = [p.year]
        if p.month is not None:
            out.append(p.month)
            if p.day is not None:
                out.append(p.day)
        return out

    obj: dict[str, Any] = {}
    if d.start is not None and not d.open_start and not d.open_end:
        dp = [parts(d.start)]
        if d.end is not None:
            dp.append(parts(d.end))
        obj["date-parts"] = dp
        if d.start.season is not None and d.start.month is None:
            obj["season"] = d.start.season
    elif d.start is not None or d.end is not None:
        obj["raw"] = d.edtf()
    elif d.literal:
        obj["literal"] = d.literal
    if d.approximate and obj:
        obj["circa"] = True
    return obj or None


def record_to_csl(
    record: Record,
    report: ConversionReport | None = None,
    *,
    preserve: bool = True,
    fmt: str = FORMAT,
    source_format: str | None = None,
) -> dict[str, Any]:
    """Map a record to a CSL-JSON item (valid against csl-data.json).

    With ``preserve`` (default) what CSL cannot hold goes to ``custom.biblioconv`` so that reading
    the item back gives the same record; each such field is reported (severity info). Without it,
    each is reported as dropped.
    """
    item = _plain_item(record, fmt)
    if not preserve and report is None:
        return item  # what the item loses is only kept (preserve) or reported
    back = csl_to_record(item, fmt=fmt)
    lost = [
        name
        for name in Record.model_fields
        if name not in ("extras",) and getattr(back, name) != getattr(record, name)
    ]
    if preserve and lost:
        custom = dict(item.get("custom") or {})
        dumped = record.model_dump(mode="json", include=set(lost), exclude_defaults=True)
        for name in lost:  # a field emptied on purpose must stay empty on the way back
            if name not in dumped:
                field_info = Record.model_fields[name]
                default = field_info.get_default(call_default_factory=True)
                dumped[name] = default
        custom[CUSTOM_KEY] = dumped
        other_extras = {k: v for k, v in record.extras.items() if k != fmt}
        if other_extras:
            custom[CUSTOM_KEY]["extras"] = other_extras
        item["custom"] = custom
    elif preserve:
        other_extras = {k: v for k, v in record.extras.items() if k != fmt}
        if other_extras:
            custom = dict(item.get("custom") or {})
            custom[CUSTOM_KEY] = {"extras": other_extras}
            item["custom"] = custom
    if report is not None:
        for position, c in enumerate(record.contributors, 1):
            if orcid_name(c) is not None and _ROLE_TO_VAR.get(c.role) not in (
                None,
                "editor-translator",
            ):
                report.add(
                    Code.VALUE_COERCED,
                    orcid_name_note(c, f"{c.role} {position}"),
                    severity="info",
                    record=record.label,
                    field=f"contributors(role={c.role})",
                    source_format=source_format,
                    target_format=fmt,
                )
        quiet = _SILENT
        if "container" in lost and _container_type_inferred(record, back):
            quiet = _SILENT | {"container"}  # kept exact in custom; nothing a reader misses
        for name in lost:
            if name in quiet:
                continue
            report.add(
                Code.FIELD_DROPPED,
                f"CSL variables cannot hold all of {name}"
                + (f"; kept in custom.{CUSTOM_KEY}" if preserve else ""),
                severity="info" if preserve else "warning",
                record=record.label,
                field=name,
                source_format=source_format,
                target_format=fmt,
            )
    return item


_SILENT = frozenset({"native_types", "id"})


def _container_type_inferred(record: Record, back: Record) -> bool:
    """Whether the container read back differs only by the type the reader infers for it."""
    mine, theirs = record.container, back.container
    return (
        mine is not None
        and theirs is not None
        and mine.type is None
        and theirs.model_copy(update={"type": None}) == mine
    )


def _plain_item(record: Record, fmt: str) -> dict[str, Any]:
    item: dict[str, Any] = {}
    extras = record.extras.get(fmt, {})
    item["id"] = record.id or record.citation_key or _fallback_id(record)
    native = record.native_types.get(fmt)
    if native and CROSSWALK.type_to_hub(native) == record.type:
        item["type"] = native
    else:
        item["type"] = CROSSWALK.type_from_hub(record.type) or "document"
    if record.citation_key:
        item["citation-key"] = record.citation_key

    main = record.title
    sub = record.subtitle
    if main:
        item["title"] = f"{main}: {sub}" if sub else main
    elif sub:
        item["title"] = sub
    short = next((t.text for t in record.titles if t.type == "short"), None)
    if short:
        item["title-short"] = short

    for c in record.contributors:
        var = _ROLE_TO_VAR.get(c.role)
        if var is None or var == "editor-translator":
            continue
        obj = _name_obj(c)
        if obj is not None:
            item.setdefault(var, []).append(obj)

    for d in record.dates:
        var = _DATE_TO_VAR.get(d.type)
        if var and var not in item and var != "event-date":
            obj = _date_obj(d)
            if obj:
                item[var] = obj

    cont = record.container
    if cont is not None:
        if t := cont.title:
            item["container-title"] = t
        if t := next((x.text for x in cont.titles if x.type == "short"), None):
            item["container-title-short"] = t
        if cont.volume:
            item["volume"] = cont.volume
        if cont.issue:
            item["issue"] = cont.issue
        if cont.pages is not None:
            text = cont.pages.text("-")
            if text:
                item["page"] = text
        if issn := _issns(cont.identifiers):
            item["ISSN"] = issn
        isbn = next((i.value for i in cont.identifiers if i.scheme == "isbn"), None)
        if isbn and record.type in _PART_TYPES:
            item["ISBN"] = isbn
    if record.series is not None:
        if t := record.series.title:
            item["collection-title"] = t
        if record.series.number:
            item["collection-number"] = record.series.number

    for scheme, var in (("doi", "DOI"), ("url", "URL"), ("pmid", "PMID"), ("pmcid", "PMCID")):
        if v := record.identifier(scheme):
            item[var] = v
    if "ISBN" not in item and (v := record.identifier("isbn")):
        item["ISBN"] = v
    own_issn = _issns(record.identifiers)
    if item.get("type") == "periodical" and "ISSN" not in item and own_issn:
        item["ISSN"] = own_issn

    if record.publisher is not None:
        if record.publisher.name:
            item["publisher"] = record.publisher.name
        if record.publisher.place:
            item["publisher-place"] = record.publisher.place
    if record.event is not None:
        if record.event.title:
            item["event-title"] = record.event.title
        if record.event.place:
            item["event-place"] = record.event.place
        if record.event.date is not None and (obj := _date_obj(record.event.date)):
            item["event-date"] = obj
    if record.original is not None:
        if record.original.title:
            item["original-title"] = record.original.title
        if record.original.publisher is not None:
            if record.original.publisher.name:
                item["original-publisher"] = record.original.publisher.name
            if record.original.publisher.place:
                item["original-publisher-place"] = record.original.publisher.place
    if record.archive is not None:
        a = record.archive
        for var, value in (
            ("archive", a.name),
            ("archive_collection", a.collection),
            ("archive_location", a.location),
            ("archive-place", a.place),
            ("call-number", a.call_number),
            ("source", a.database),
        ):
            if value:
                item[var] = value

    for key, var in (
        ("edition", "edition"),
        ("version", "version"),
        ("number", "number"),
        ("chapter", "chapter-number"),
        ("section", "section"),
        ("part", "part"),
        ("number_of_pages", "number-of-pages"),
        ("number_of_volumes", "number-of-volumes"),
        ("language", "language"),
        ("genre", "genre"),
    ):
        if value := getattr(record, key):
            item[var] = value
    if (
        "number" not in item
        and item["type"] in ARTICLE_NUMBER_TYPES
        and cont is not None
        and cont.number
        and cont.number_type in (None, "Article")
    ):
        item["number"] = cont.number  # where CSL styles look for an article number
    for dtype, var in (("abstract", "abstract"), ("note", "note"), ("annotation", "annote")):
        desc = next((d.text for d in record.descriptions if d.type == dtype), None)
        if desc:
            item[var] = desc
    if record.subjects:
        item["keyword"] = ", ".join(s.term for s in record.subjects)
    if record.formats:
        item["medium"] = record.formats[0]
    if record.sizes:
        item["dimensions"] = record.sizes[0]
    if record.publication_status and record.publication_status != "published":
        # "published" is every item's normal state; styles would print it ("(Published)")
        item["status"] = record.publication_status
    refs = [r.citation for r in record.relations if r.type == "References" and r.citation]
    if refs:
        item["references"] = refs[0]

    for key, extra in extras.items():
        if key == "custom":
            # csl-data.json wants an object: a value that was not one is wrapped
            wrapped: dict[str, Any] = extra if isinstance(extra, dict) else {"value": extra}
            item["custom"] = {**wrapped, **item.get("custom", {})}
        elif key in item:
            continue
        elif key in _SCHEMA_VARS:
            item[key] = extra
        else:  # not valid as a top-level key in csl-data.json: keep it in custom
            item.setdefault("custom", {})[key] = extra
    return item


def _issns(identifiers: list[Identifier]) -> str | None:
    """Every ISSN (print and electronic) in one CSL ``ISSN``, comma-separated as Zotero writes
    them (``1234-5678, 8765-4321``); the reader splits them again."""
    issns = dict.fromkeys(i.value for i in identifiers if i.scheme in ("issn", "eissn"))
    return ", ".join(issns) or None


def _fallback_id(record: Record) -> str:
    doi = record.doi
    if doi:
        return doi
    first = next(iter(record.contributors), None)
    who = (first.family or first.literal or "item") if first else "item"
    year = record.issued.year if record.issued and record.issued.year else "nd"
    return re.sub(r"\W+", "", f"{who}{year}") or "item"
