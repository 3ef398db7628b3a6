"""CFF 1.2.0 crosswalk: the keys of the top level (the work: software or data set) and of a
reference (``preferred-citation``, ``references``), their homes in the record, and the types.

Two rule tables share most rows: :data:`ROOT_TABLE` for the top level of ``CITATION.cff`` and
:data:`REF_TABLE` for a reference. Reading, writing, the loss report and the documentation all
come from them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from biblioconv.crosswalk import Crosswalk, FieldMap, TypeMap
from biblioconv.formats.cff.values import (
    DATE,
    cff_date,
    contributor_exact,
    contributor_in,
    contributor_out,
    contributor_parts,
    date_text,
    full_date,
    spdx_folded,
    text,
)
from biblioconv.model import PageRange, plain_text
from biblioconv.report import Code
from biblioconv.rules import Rule, RuleContext, RuleTable, role_home

__all__ = [
    "CROSSWALK",
    "NAME_KEYS",
    "REF_RULES",
    "REF_TABLE",
    "ROOT_RULES",
    "ROOT_TABLE",
    "ROOT_TYPES",
    "WORK_TYPES",
]

#: Hub types written as the top level of CITATION.cff, and the CFF type they get.
WORK_TYPES: dict[str, str] = {
    "software": "software",
    "computational-notebook": "software",
    "workflow": "software",
    "service": "software",
    "dataset": "dataset",
    "model": "dataset",
}
#: The top-level types and their hub types.
ROOT_TYPES: dict[str, str] = {"software": "software", "dataset": "dataset"}

#: CFF keys holding lists of persons and entities: (hub role, role label).
NAME_KEYS: dict[str, tuple[str, str | None]] = {
    "authors": ("author", None),
    "contact": ("contact-person", None),
    "editors": ("editor", None),
    "editors-series": ("collection-editor", None),
    "translators": ("translator", None),
    "recipients": ("recipient", None),
    "senders": ("other", "sender"),
}

#: Reference types whose container is a periodical: its title is ``journal``.
_JOURNAL_TYPES = frozenset({"article", "magazine-article", "newspaper-article"})
#: Reference types whose publisher is an institution (``institution``).
_INSTITUTION_TYPES = frozenset({"thesis", "report"})

# statuses: CFF word -> hub publication status (read); hub -> CFF (write)
_STATUS_IN = {
    "in-preparation": "in-preparation",
    "submitted": "submitted",
    "in-press": "in-press",
    "preprint": "prepublished",
}
_STATUS_OUT = {v: k for k, v in _STATUS_IN.items()}


def _report(ctx: RuleContext, message: str, field: str) -> None:
    if ctx.reporter is not None:
        ctx.reporter.add(Code.INVALID_VALUE, message, field)


def _str(value: Any, ctx: RuleContext) -> str | None:
    return text(value)


def _first_text(values: list[Any], ctx: RuleContext) -> Any:
    return values[0] if values else None


# -- names ------------------------------------------------------------------------------------


def _names_in(key: str) -> Callable[[Any, RuleContext], Any]:
    role, label = NAME_KEYS[key]

    def read(value: Any, ctx: RuleContext) -> Any:
        out = []
        for i, obj in enumerate(value if isinstance(value, list) else [value]):
            c = contributor_in(obj, role, label)
            if c is None:
                _report(ctx, f"{key}[{i}] has no name, ORCID, website or alias; skipped", key)
                continue
            for ident in c.get("identifiers", ()):
                if ident["scheme"] == "orcid":
                    from biblioconv.model import normalized_identifier

                    if normalized_identifier("orcid", ident["value"])[1] is False:
                        _report(ctx, f"{key}[{i}] ORCID {ident['value']!r} fails its check", key)
            out.append(c)
        return out or None

    return read


def _names_out(values: list[Any], ctx: RuleContext) -> Any:
    out = [o for c in values if (o := contributor_out(c))]
    unique: list[dict[str, Any]] = []
    for o in out:  # the schema wants distinct items
        if o not in unique:
            unique.append(o)
    return unique or None


def _names_exact(values: list[Any], ctx: RuleContext) -> bool:
    outs = [contributor_out(c) for c in values]
    distinct = len({repr(sorted(o.items())) for o in outs}) == len(outs)
    return distinct and all(contributor_exact(c) for c in values)


def _name_rule(key: str) -> Rule:
    home, role_parts = role_home(*NAME_KEYS[key])
    return Rule(
        key,
        home,
        to_hub=_names_in(key),
        from_hub=_names_out,
        take="all",
        parts=lambda c: contributor_parts(c, role_parts),
        exact=_names_exact,
        note="persons (family-names, given-names, name-particle, name-suffix, orcid, "
        "affiliation, website) and entities (name, orcid, website); their other keys are "
        "kept in extras (details)",
    )


# -- dates ------------------------------------------------------------------------------------


def _date_in(type_: str, key: str) -> Callable[[Any, RuleContext], Any]:
    def read(value: Any, ctx: RuleContext) -> Any:
        date = cff_date(value, type_)
        if date is not None and "literal" in date:
            given = date["literal"]
            _report(ctx, f"{key} {given!r} is not a date (YYYY-MM-DD); kept as text", key)
        return date

    return read


def _full_date_out(values: list[Any], ctx: RuleContext) -> Any:
    return full_date(values[0]) if values else None


_DAY_PARTS = ("type", "start.year", "start.month", "start.day")


def _day_parts(d: Any) -> tuple[str, ...] | None:
    return _DAY_PARTS if full_date(d) is not None else None


def _year_in(value: Any, ctx: RuleContext) -> Any:
    t = text(value)
    if t is None:
        return None
    month = ctx.fields.get("month") if ctx.fields is not None else None
    if t.lstrip("-").isdigit() and len(t.lstrip("-")) <= 6:
        start: dict[str, Any] = {"year": int(t)}
        mt = text(month)
        if mt is not None and mt.isdigit() and 1 <= int(mt) <= 12:
            start["month"] = int(mt)
        return {"type": "issued", "start": start}
    _report(ctx, f"year {t!r} is not a number; kept as text", "year")
    return {"type": "issued", "literal": t}


def _no_published(ctx: RuleContext) -> bool:
    if ctx.fields is not None:
        return "date-published" not in ctx.fields
    d = ctx.record.date("issued") if ctx.record is not None else None
    return d is None or full_date(d) is None


def _published(ctx: RuleContext) -> bool:
    return ctx.fields is not None and "date-published" in ctx.fields


def _released_is_issued(ctx: RuleContext) -> bool:
    return ctx.fields is None or not ("date-published" in ctx.fields or "year" in ctx.fields)


def _released_is_available(ctx: RuleContext) -> bool:
    """Beside date-published or year (and written only beside them)."""
    if ctx.fields is not None:
        return True
    issued = ctx.record.date("issued")
    return issued is not None and issued.start is not None


def _year_out(values: list[Any], ctx: RuleContext) -> Any:
    d = values[0]
    if d.start is None or full_date(d) is not None:
        return None
    return d.start.year


def _year_parts(d: Any) -> tuple[str, ...] | None:
    if d.start is None or full_date(d) is not None:
        return None
    return ("type", "start.year", "start.month") if d.start.day is None else ("type", "start.year")


def _month_out(values: list[Any], ctx: RuleContext) -> Any:
    d = values[0]
    if d.start is None or d.start.month is None or full_date(d) is not None:
        return None
    return d.start.month


def _original_in(value: Any, ctx: RuleContext) -> Any:
    t = text(value)
    if t is None:
        return None
    if t.lstrip("-").isdigit() and len(t.lstrip("-")) <= 6:
        return {"type": "original", "start": {"year": int(t)}}
    return {"type": "original", "literal": t}


def _original_out(values: list[Any], ctx: RuleContext) -> Any:
    d = values[0]
    return d.start.year if d.start is not None else None


def _original_parts(d: Any) -> tuple[str, ...] | None:
    return ("type", "start.year") if d.start is not None else None


# -- identifiers ------------------------------------------------------------------------------


def _ids_in(scheme: str, key: str) -> Callable[[Any, RuleContext], Any]:
    def read(value: Any, ctx: RuleContext) -> Any:
        t = text(value)
        if t is None:
            return None
        from biblioconv.model import normalized_identifier

        _, valid = normalized_identifier(scheme, t)
        if valid is False:
            _report(ctx, f"{key} {t!r} fails its check", key)
        return [{"scheme": scheme, "value": t}]

    return read


def _id_out(values: list[Any], ctx: RuleContext) -> Any:
    return values[0].value if values else None


def _pattern_out(pattern: str) -> Callable[[list[Any], RuleContext], Any]:
    """The first value, when it matches the schema's pattern for the key."""
    import re

    compiled = re.compile(pattern)

    def out(values: list[Any], ctx: RuleContext) -> Any:
        v = values[0].value if values else None
        return v if v and compiled.match(v) else None

    return out


def _doi_ok(value: str) -> bool:
    import re

    return bool(re.match(r"^10\.\d{4,9}(\.\d+)?/[A-Za-z0-9:/_;\-\.\(\)\[\]\\]+$", value))


def _doi_out(values: list[Any], ctx: RuleContext) -> Any:
    v = values[0].value if values else None
    return v if v and _doi_ok(v) else None


def _url_ok(value: str) -> bool:
    return value.startswith(("https://", "http://", "ftp://", "sftp://")) and len(value) > 8


def _url_out(values: list[Any], ctx: RuleContext) -> Any:
    v = values[0].value if values else None
    return v if v and _url_ok(v) else None


_ID_PARTS = ("scheme", "value", "valid")
_SWH = re.compile(r"^swh:1:(snp|rel|rev|dir|cnt):[0-9a-fA-F]{40}$")
_LIST_ID_TYPES = {"doi": "doi", "url": "url", "swh": "swhid", "other": "other"}
_LIST_ID_OUT = {v: k for k, v in _LIST_ID_TYPES.items()}


def _idlist_in(value: Any, ctx: RuleContext) -> Any:
    out = []
    for i, obj in enumerate(value if isinstance(value, list) else [value]):
        if not isinstance(obj, dict) or text(obj.get("value")) is None:
            _report(ctx, f"identifiers[{i}] has no value; skipped", "identifiers")
            continue
        native = text(obj.get("type")) or "other"
        ident: dict[str, Any] = {
            "scheme": _LIST_ID_TYPES.get(native, "other"),
            "value": text(obj.get("value")),
        }
        if native not in _LIST_ID_TYPES:
            _report(ctx, f"identifiers[{i}] type {native!r} is not a CFF type", "identifiers")
            ident["label"] = native
        if (desc := text(obj.get("description"))) is not None:
            ident["label"] = desc
        out.append(ident)
    return out or None


def _listed(ident: Any, firsts: set[int]) -> bool:
    return id(ident) not in firsts


def _idlist_obj(ident: Any) -> dict[str, Any] | None:
    native = _LIST_ID_OUT.get(ident.scheme)
    if native is None:
        return None
    if native == "doi" and not _doi_ok(ident.value):
        return None
    if native == "url" and not _url_ok(ident.value):
        return None
    if native == "swh" and not _SWH.match(ident.value):
        return None
    obj = {"type": native, "value": ident.value}
    if ident.label:
        obj["description"] = ident.label
    return obj


def _firsts(record: Any) -> set[int]:
    """The identifiers written by the ``doi`` and ``url`` keys (the first of each)."""
    out = set()
    for scheme in ("doi", "url"):
        ident = next((i for i in record.identifiers if i.scheme == scheme), None)
        if ident is not None:
            out.add(id(ident))
    return out


def _idlist_out(values: list[Any], ctx: RuleContext) -> Any:
    skip = _firsts(ctx.record)
    out = []
    for ident in values:
        if id(ident) in skip:
            continue
        obj = _idlist_obj(ident)
        if obj is not None and obj not in out:
            out.append(obj)
    return out or None


def _idlist_parts(ident: Any) -> tuple[str, ...] | None:
    if ident.scheme not in _LIST_ID_OUT or _idlist_obj(ident) is None:
        return None
    return ("scheme", "value", "valid", "label")


def _ids_exact(values: list[Any], ctx: RuleContext) -> bool:
    """Identifiers written twice in the list come back once."""
    skip = _firsts(ctx.record)
    objs = [o for i in values if id(i) not in skip and (o := _idlist_obj(i)) is not None]
    return all(o not in objs[:k] for k, o in enumerate(objs))


# -- licences ---------------------------------------------------------------------------------


def _single_license(fields: Any) -> bool:
    value = fields.get("license")
    return isinstance(value, str) or (isinstance(value, list) and len(value) == 1)


def _license_in(value: Any, ctx: RuleContext) -> Any:
    ids = value if isinstance(value, list) else [value]
    out = []
    for v in ids:
        t = text(v)
        if t is None:
            continue
        if t not in spdx_folded().values():
            _report(ctx, f"license {t!r} is not an SPDX id the CFF schema knows", "license")
        out.append({"identifier": t, "identifier_scheme": "SPDX"})
    url = text(ctx.fields.get("license-url")) if ctx.fields is not None else None
    if len(out) == 1 and url is not None:
        out[0]["uri"] = url  # the licence's URL
    return out or None


def _spdx(r: Any) -> str | None:
    if not r.identifier or (r.identifier_scheme or "").upper() != "SPDX":
        return None
    return r.identifier if r.identifier in spdx_folded().values() else None


def _license_out(values: list[Any], ctx: RuleContext) -> Any:
    ids = []
    for r in values:
        s = _spdx(r)
        if s is not None and s not in ids:
            ids.append(s)
    if not ids:
        return None
    return ids[0] if len(ids) == 1 else ids


def _license_parts(r: Any) -> tuple[str, ...] | None:
    return ("identifier", "identifier_scheme") if _spdx(r) is not None else None


def _license_exact(values: list[Any], ctx: RuleContext) -> bool:
    spdx = [s for r in values if (s := _spdx(r)) is not None]
    return len(set(spdx)) == len(spdx) and all(
        not (r.statement or r.lang or r.scheme_uri) for r in values if _spdx(r)
    )


def _license_url_when(ctx: RuleContext) -> bool:
    """Read on its own unless it is the URL of the one licence."""
    return ctx.fields is None or "license" not in ctx.fields or not _single_license(ctx.fields)


def _license_url_out(values: list[Any], ctx: RuleContext) -> Any:
    """The URI of the first rights element that has one: read back into the one licence when
    there is one licence, so written only when it is that licence's or there is not one."""
    rights = ctx.record.rights
    holder = next(r for r in rights if r.uri)
    spdx = [r for r in rights if _spdx(r) is not None]
    if len({_spdx(r) for r in spdx}) == 1 and holder is not spdx[0]:
        return None
    if len(spdx) != 1 and holder.identifier:
        return None
    return holder.uri if _url_ok(holder.uri or "") else None


def _license_url_exact(values: list[Any], ctx: RuleContext) -> bool:
    holder = next(r for r in ctx.record.rights if r.uri)
    if holder.identifier:
        return True
    return not (holder.statement or holder.lang or holder.scheme_uri)


def _copyright_in(value: Any, ctx: RuleContext) -> Any:
    t = text(value)
    return [{"statement": t}] if t else None


def _copyright_out(values: list[Any], ctx: RuleContext) -> Any:
    for r in values:
        if r.statement and not r.identifier and not r.uri:
            return r.statement
    return None


def _copyright_parts(r: Any) -> tuple[str, ...] | None:
    return ("statement",) if r.statement and not r.identifier and not r.uri else None


# -- texts ------------------------------------------------------------------------------------


def _title_out(values: list[Any], ctx: RuleContext) -> Any:
    main = values[0]
    sub = ctx.record.subtitle
    return plain_text(f"{main}: {sub}" if sub else main)


def _title_exact(values: list[Any], ctx: RuleContext) -> bool:
    """No subtitle joined, no markup (CFF text is plain: <i>, <span class="nocase">... go)."""
    return ctx.record.subtitle is None and plain_text(values[0]) == values[0]


def _plain_out(values: list[Any], ctx: RuleContext) -> Any:
    return plain_text(values[0]) or None if values else None


def _plain_exact(values: list[Any], ctx: RuleContext) -> bool:
    return bool(plain_text(values[0]) == values[0])


def _keywords_in(value: Any, ctx: RuleContext) -> Any:
    items = value if isinstance(value, list) else [value]
    out = [{"term": t} for v in items if (t := text(v)) is not None]
    return out or None


def _keywords_out(values: list[Any], ctx: RuleContext) -> Any:
    out: list[str] = []
    for s in values:
        if s.term and s.term.strip() and s.term not in out:
            out.append(s.term)
    return out or None


def _keywords_exact(values: list[Any], ctx: RuleContext) -> bool:
    terms = [s.term for s in values]
    return len(set(terms)) == len(terms) and all(t == t.strip() and t for t in terms)


def _languages_in(value: Any, ctx: RuleContext) -> Any:
    items = value if isinstance(value, list) else [value]
    first = next((t for v in items if (t := text(v)) is not None), None)
    return first


def _language_out(values: list[Any], ctx: RuleContext) -> Any:
    import re

    v = values[0]
    if not re.fullmatch(r"[a-z]{2,3}", v):
        return None
    rest = ctx.record.extras.get("cff", {}).get("languages-more")
    more = [x for x in rest if isinstance(x, str) and x != v] if isinstance(rest, list) else []
    return [v, *more]


def _language_exact(values: list[Any], ctx: RuleContext) -> bool:
    import re

    return bool(re.fullmatch(r"[a-z]{2,3}", values[0]))


def _pages_out(values: list[Any], ctx: RuleContext) -> Any:
    return values[0].first


def _pages_end_out(values: list[Any], ctx: RuleContext) -> Any:
    p = values[0]
    return p.last if p.first else None


def _start_in(value: Any, ctx: RuleContext) -> Any:
    first = text(value)
    last = text(ctx.fields.get("end")) if ctx.fields is not None else None
    if first is None:
        return None
    return PageRange(first=first, last=last) if last else PageRange(first=first)


def _end_only_in(value: Any, ctx: RuleContext) -> Any:
    last = text(value)
    return PageRange(last=last) if last else None


def _pages_parts(p: Any) -> tuple[str, ...] | None:
    if p.literal:
        return None
    return ("first", "last") if p.first else None


def _status_in(value: Any, ctx: RuleContext) -> Any:
    return _STATUS_IN.get(text(value) or "")


def _status_out(values: list[Any], ctx: RuleContext) -> Any:
    return _STATUS_OUT.get(values[0])


def _repo_in(value: Any, ctx: RuleContext) -> Any:
    t = text(value)
    return {"type": "IsSupplementedBy", "identifier": {"scheme": "url", "value": t}} if t else None


def _repo_out(values: list[Any], ctx: RuleContext) -> Any:
    rel = values[0]
    ident = rel.identifier
    if ident is None or ident.scheme != "url" or not _url_ok(ident.value):
        return None
    return ident.value


def _repo_parts(rel: Any) -> tuple[str, ...] | None:
    ident = rel.identifier
    if ident is None or ident.scheme != "url" or not _url_ok(ident.value) or rel.citation:
        return None
    return ("type", "identifier")


def _repo_exact(values: list[Any], ctx: RuleContext) -> bool:
    rel = values[0]
    return not (
        rel.resource_type
        or rel.metadata_scheme
        or rel.scheme_uri
        or rel.scheme_type
        or rel.type_information
        or rel.native_identifier_type
        or (rel.identifier is not None and rel.identifier.label)
    )


def _genre_when(types: frozenset[str]) -> Callable[[RuleContext], bool]:
    """Read and written for the reference types it belongs to (kept in extras otherwise)."""

    def when(ctx: RuleContext) -> bool:
        return ctx.native_type in types

    return when


def _by_type(types: frozenset[str], inside: bool, other: str) -> Callable[[RuleContext], bool]:
    """A key written for reference types in (``inside``) or out of ``types``; read for them too,
    and for the other types when the ``other`` key of the same home is absent."""

    def when(ctx: RuleContext) -> bool:
        fits = (ctx.native_type in types) == inside
        if ctx.fields is None:
            return fits
        return fits or other not in ctx.fields

    return when


_journal_when = _by_type(_JOURNAL_TYPES, True, "collection-title")
_collection_when = _by_type(_JOURNAL_TYPES, False, "journal")
_publisher_when = _by_type(_INSTITUTION_TYPES, False, "institution")
_institution_when = _by_type(_INSTITUTION_TYPES, True, "publisher")


def _entity_name_in(value: Any, ctx: RuleContext) -> Any:
    return text(value.get("name")) if isinstance(value, dict) else text(value)


def _entity_out(values: list[Any], ctx: RuleContext) -> Any:
    return {"name": values[0]} if values else None


def _publisher_place_in(value: Any, ctx: RuleContext) -> Any:
    return text(value.get("city")) if isinstance(value, dict) else None


def _publisher_in(value: Any, ctx: RuleContext) -> Any:
    out: dict[str, Any] = {}
    if (name := _entity_name_in(value, ctx)) is not None:
        out["name"] = name
    if (place := _publisher_place_in(value, ctx)) is not None:
        out["place"] = place
    return out or None


def _publisher_out(values: list[Any], ctx: RuleContext) -> Any:
    p = values[0]
    if not p.name:
        return None
    out = {"name": p.name}
    if p.place:
        out["city"] = p.place
    return out


def _event_in(value: Any, ctx: RuleContext) -> Any:
    if not isinstance(value, dict):
        t = text(value)
        return {"title": t} if t else None
    out: dict[str, Any] = {}
    if (name := text(value.get("name"))) is not None:
        out["title"] = name
    if (place := text(value.get("location"))) is not None:
        out["place"] = place
    start = date_text(value.get("date-start"))
    end = date_text(value.get("date-end"))
    if start or end:
        d: dict[str, Any] = {"type": "event"}
        for t, at in ((start, "start"), (end, "end")):
            m = DATE.match(t) if t else None
            if m:
                y, mo, dd = (int(g) for g in m.groups())
                d[at] = {"year": y, "month": mo, "day": dd}
            elif t:
                d["literal"] = t if "literal" not in d else f"{d['literal']}/{t}"
        if "start" in d or "end" in d or "literal" in d:
            out["date"] = d
    return out or None


def _event_out(values: list[Any], ctx: RuleContext) -> Any:
    e = values[0]
    if not e.title:
        return None
    out: dict[str, Any] = {"name": e.title}
    if e.place:
        out["location"] = e.place
    d = e.date
    if d is not None and not d.literal:
        for point, key in ((d.start, "date-start"), (d.end, "date-end")):
            if point is not None and point.day is not None and 0 <= point.year <= 9999:
                out[key] = f"{point.year:04d}-{point.month:02d}-{point.day:02d}"
    return out


def _event_parts(e: Any) -> tuple[str, ...] | None:
    if not e.title:
        return None
    parts = ["title", "place"]
    d = e.date
    if d is not None and not d.literal and d.start is not None and d.start.day is not None:
        parts += ["date.type", "date.start.year", "date.start.month", "date.start.day"]
        if d.end is not None and d.end.day is not None:
            parts += ["date.end.year", "date.end.month", "date.end.day"]
    return tuple(parts)


def _when_fields(*keys: str) -> Callable[[RuleContext], bool]:
    def when(ctx: RuleContext) -> bool:
        return ctx.fields is None or all(k not in ctx.fields for k in keys)

    return when


_R = Rule
_TEXT: dict[str, Any] = {"to_hub": _str}


def _extras(key: str, note: str = "") -> Rule:
    return _R(key, "extras", "extras", to_hub=None, from_hub=None, note=note)


# rows shared by the top level and references, in the order a reader fills the record
_TITLE = _R(
    "title",
    "titles(type=main).text",
    to_hub=_str,
    from_hub=_title_out,
    uses=("titles(type=subtitle)",),
    exact=_title_exact,
    note="a subtitle is joined to it as 'Title: Subtitle'",
)
_ABSTRACT = _R("abstract", "descriptions(type=abstract).text", **_TEXT)
_DOI = _R(
    "doi",
    "identifiers(scheme=doi)",
    to_hub=_ids_in("doi", "doi"),
    from_hub=_doi_out,
    parts=_ID_PARTS,
    note="the first DOI",
)
_URL_RULE = _R(
    "url",
    "identifiers(scheme=url)",
    to_hub=_ids_in("url", "url"),
    from_hub=_url_out,
    parts=_ID_PARTS,
    note="the first URL",
)
_IDENTIFIERS = _R(
    "identifiers",
    "identifiers",
    to_hub=_idlist_in,
    from_hub=_idlist_out,
    take="all",
    parts=_idlist_parts,
    exact=_ids_exact,
    note="typed doi, url, swh (swhid), other; description as the label; the DOI and URL "
    "written by doi and url are not repeated",
)
_KEYWORDS = _R(
    "keywords",
    "subjects",
    to_hub=_keywords_in,
    from_hub=_keywords_out,
    take="all",
    parts=("term",),
    exact=_keywords_exact,
    note="plain terms (no schemes); duplicates written once",
)
_LICENSE = _R(
    "license",
    "rights",
    to_hub=_license_in,
    from_hub=_license_out,
    take="all",
    parts=_license_parts,
    exact=_license_exact,
    note="SPDX ids (identifier_scheme SPDX); ids the schema does not list are not written",
)
_LICENSE_URL = _R(
    "license-url",
    "rights.uri",
    to_hub=_str,
    from_hub=_license_url_out,
    when=_license_url_when,
    exact=_license_url_exact,
    note="a licence URI: read as a rights element of its own",
)
_VERSION = _R("version", "version", **_TEXT)
_REPO_CODE = _R(
    "repository-code",
    "relations(type=IsSupplementedBy)",
    to_hub=_repo_in,
    from_hub=_repo_out,
    parts=_repo_parts,
    exact=_repo_exact,
    note="the source code repository, as a URL the work is supplemented by",
)
_COMMON_TAIL = (
    _extras("commit", "revision of the software"),
    _extras("repository", "kept as given"),
    _extras("repository-artifact", "kept as given"),
)

ROOT_RULES: tuple[Rule, ...] = (
    _TITLE,
    _name_rule("authors"),
    _name_rule("contact"),
    _R(
        "date-released",
        "dates(type=issued)",
        to_hub=_date_in("issued", "date-released"),
        from_hub=_full_date_out,
        parts=_day_parts,
        note="YYYY-MM-DD only: a date known to the year or month has no home at the top level",
    ),
    _DOI,
    _URL_RULE,
    _IDENTIFIERS,
    _ABSTRACT,
    _KEYWORDS,
    _LICENSE,
    _LICENSE_URL,
    _VERSION,
    _REPO_CODE,
    *_COMMON_TAIL,
    _extras("message", "how to cite; kept unless it is the writer's default message"),
    _R(
        "cff-version",
        "extras",
        "consumed",
        to_hub=None,
        from_hub=None,
        note="1.2.0 is written",
    ),
    _R(
        "preferred-citation",
        "extras",
        "extras",
        to_hub=None,
        from_hub=None,
        note="by default the record read; see the reader's record option",
    ),
    _R(
        "references",
        "relations(type=References)",
        "approx",
        to_hub=None,
        from_hub=None,
        note="each a record of its own after the first (or kept in extras: reader option "
        "references); those with a DOI or URL also relations References of the first",
    ),
)
"""The top-level keys of CITATION.cff (the work)."""

REF_RULES: tuple[Rule, ...] = (
    _TITLE,
    _R("abbreviation", "titles(type=short).text", **_TEXT),
    *(_name_rule(k) for k in NAME_KEYS),
    _R(
        "date-published",
        "dates(type=issued)",
        to_hub=_date_in("issued", "date-published"),
        from_hub=_full_date_out,
        parts=_day_parts,
        note="a date known to the day",
    ),
    _R(
        "date-released",
        "dates(type=issued)",
        to_hub=_date_in("issued", "date-released"),
        when=_released_is_issued,
        write=False,
        note="when there is no date-published or year",
    ),
    _R(
        "date-released",
        "dates(type=available)",
        to_hub=_date_in("available", "date-released"),
        from_hub=_full_date_out,
        when=_released_is_available,
        parts=_day_parts,
        note="beside a date-published or year",
    ),
    _R(
        "year",
        "dates(type=issued)",
        to_hub=_year_in,
        from_hub=_year_out,
        when=_no_published,
        parts=_year_parts,
        note="with month: a date known to the year or month",
    ),
    _R(
        "month",
        "dates(type=issued)",
        to_hub=None,
        from_hub=_month_out,
        when=_no_published,
        parts=lambda d: None,
        note="read with year (the month of a date known to the month)",
    ),
    _R(
        "year-original",
        "dates(type=original)",
        to_hub=_original_in,
        from_hub=_original_out,
        parts=_original_parts,
    ),
    _R(
        "date-accessed",
        "dates(type=accessed)",
        to_hub=_date_in("accessed", "date-accessed"),
        from_hub=_full_date_out,
        parts=_day_parts,
    ),
    _R(
        "journal",
        "container.titles(type=main).text",
        when=_journal_when,
        note="article, magazine-article, newspaper-article",
        to_hub=_str,
        from_hub=_plain_out,
        exact=_plain_exact,
    ),
    _R(
        "collection-title",
        "container.titles(type=main).text",
        when=_collection_when,
        note="proceedings, book or collection of the other types (kept in extras beside a journal)",
        to_hub=_str,
        from_hub=_plain_out,
        exact=_plain_exact,
    ),
    _R(
        "collection-doi",
        "container.identifiers(scheme=doi)",
        to_hub=_ids_in("doi", "collection-doi"),
        from_hub=_doi_out,
        parts=_ID_PARTS,
    ),
    _R("volume", "container.volume", **_TEXT),
    _R("issue", "container.issue", **_TEXT),
    _R(
        "start",
        "container.pages",
        to_hub=_start_in,
        from_hub=_pages_out,
        parts=_pages_parts,
        note="with end: first and last page",
    ),
    _R(
        "end",
        "container.pages",
        to_hub=_end_only_in,
        from_hub=_pages_end_out,
        when=_when_fields("start"),
        parts=_pages_parts,
        note="read with start",
    ),
    _R(
        "issn",
        "container.identifiers(scheme=issn)",
        to_hub=_ids_in("issn", "issn"),
        from_hub=_pattern_out(r"^\d{4}-\d{3}[\dxX]$"),
        parts=_ID_PARTS,
    ),
    _DOI,
    _URL_RULE,
    _IDENTIFIERS,
    _R(
        "isbn",
        "identifiers(scheme=isbn)",
        to_hub=_ids_in("isbn", "isbn"),
        from_hub=_pattern_out(r"^[0-9\- ]{10,17}X?$"),
        parts=_ID_PARTS,
    ),
    _R(
        "pmcid",
        "identifiers(scheme=pmcid)",
        to_hub=_ids_in("pmcid", "pmcid"),
        from_hub=_pattern_out(r"^PMC[0-9]{7}$"),
        parts=_ID_PARTS,
    ),
    _R(
        "nihmsid",
        "identifiers(scheme=nihmsid)",
        to_hub=_ids_in("nihmsid", "nihmsid"),
        from_hub=_id_out,
        parts=_ID_PARTS,
    ),
    _R(
        "publisher",
        "publisher",
        to_hub=_publisher_in,
        from_hub=_publisher_out,
        when=_publisher_when,
        parts=("name", "place"),
        note="an entity: name, city as the place",
    ),
    _R(
        "institution",
        "publisher.name",
        to_hub=_entity_name_in,
        from_hub=_entity_out,
        when=_institution_when,
        note="an entity: the publisher of a thesis or report (kept in extras beside a publisher)",
    ),
    _R(
        "conference",
        "event",
        to_hub=_event_in,
        from_hub=_event_out,
        parts=_event_parts,
        note="an entity: name, location as the place, date-start/date-end as the date",
    ),
    _R(
        "location",
        "archive.name",
        to_hub=_entity_name_in,
        from_hub=_entity_out,
        note="an entity: where the work is held",
    ),
    _R("database", "archive.database", **_TEXT),
    _R("edition", "edition", **_TEXT),
    _VERSION,
    _R("number", "number", **_TEXT),
    _R("number-volumes", "number_of_volumes", **_TEXT),
    _R("pages", "number_of_pages", note="the number of pages", **_TEXT),
    _R("section", "section", **_TEXT),
    _R(
        "languages",
        "language",
        to_hub=_languages_in,
        from_hub=_language_out,
        exact=_language_exact,
        note="ISO 639 codes: the first; the others kept in extras (languages-more)",
    ),
    _R(
        "thesis-type",
        "genre",
        when=_genre_when(frozenset({"thesis"})),
        note="genre of a thesis",
        **_TEXT,
    ),
    _R(
        "data-type",
        "genre",
        when=_genre_when(frozenset({"data", "database"})),
        note="genre of data",
        **_TEXT,
    ),
    _ABSTRACT,
    _R("notes", "descriptions(type=note).text", **_TEXT),
    _KEYWORDS,
    _LICENSE,
    _LICENSE_URL,
    _R(
        "copyright",
        "rights",
        to_hub=_copyright_in,
        from_hub=_copyright_out,
        take="all",
        parts=_copyright_parts,
        note="a rights statement with no licence id or URI",
    ),
    _R(
        "status",
        "publication_status",
        to_hub=_status_in,
        from_hub=_status_out,
        note="in-preparation, submitted, in-press; preprint as prepublished; abstract and "
        "advance-online kept in extras",
    ),
    _R("medium", "formats", take="first", **_TEXT),
    _REPO_CODE,
    *_COMMON_TAIL,
    _extras("collection-type", "kept as given"),
    _extras("data-type", "kept as given when the type is not data or database"),
    _extras("thesis-type", "kept as given when the type is not thesis"),
    _extras("journal", "kept as given beside a collection-title of a type other than an article"),
    _extras("collection-title", "kept as given beside a journal of an article type"),
    _extras("publisher", "kept as given beside an institution of a thesis or report"),
    _extras(
        "institution", "kept as given beside a publisher of a type other than thesis or report"
    ),
    _extras("database-provider", "an entity, kept as given"),
    _extras("date-downloaded", "kept as given"),
    _extras("department", "kept as given"),
    _extras("entry", "kept as given"),
    _extras("filename", "kept as given"),
    _extras("format", "kept as given"),
    _extras("issue-date", "kept as given"),
    _extras("issue-title", "kept as given"),
    _extras("loc-start", "kept as given"),
    _extras("loc-end", "kept as given"),
    _extras("patent-states", "kept as given"),
    _extras("scope", "kept as given"),
    _extras("term", "kept as given"),
    _extras("volume-title", "kept as given"),
)
"""The keys of a reference (preferred-citation, references)."""

ROOT_TABLE = RuleTable(ROOT_RULES)
REF_TABLE = RuleTable(REF_RULES)

_F = FieldMap
_PERSON_ROWS = (
    _F("publisher.name", "publisher.name", note="the publisher entity's name"),
    _F("publisher.city", "publisher.place", note="the publisher entity's city"),
    _F("institution.name", "publisher.name", note="of a thesis or report"),
    _F("conference.name", "event.title"),
    _F("conference.location", "event.place"),
    _F("conference.date-start", "event.date.start", note="with date-end: the event's dates"),
    _F("conference.date-end", "event.date.end"),
    _F("location.name", "archive.name"),
    _F("family-names", "contributors.family"),
    _F("given-names", "contributors.given"),
    _F(
        "name-particle",
        "contributors.non_dropping_particle",
        note="a dropping particle is written here too",
    ),
    _F("name-suffix", "contributors.suffix"),
    _F("name", "contributors(kind=organization).literal", note="an entity's name"),
    _F("orcid", "contributors.identifiers(scheme=orcid)", note="https://orcid.org/... URL"),
    _F("website", "contributors.identifiers(scheme=url)"),
    _F("affiliation", "contributors.affiliations.name", note="the first affiliation"),
    *(
        _F(k, "extras", "extras", "kept per person or entity in extras (details)")
        for k in (
            "alias",
            "address",
            "city",
            "region",
            "post-code",
            "country",
            "email",
            "tel",
            "fax",
            "date-start",
            "date-end",
        )
    ),
)


def _rows() -> tuple[FieldMap, ...]:
    seen: set[tuple[str, str]] = set()
    out = [_F("type", "type", note="software or dataset at the top level; 47 reference types")]
    for r in (*ROOT_RULES, *REF_RULES):
        key = (r.source, r.home)
        if key not in seen:
            seen.add(key)
            out.append(r.field_map())
    return (*out, *_PERSON_ROWS)


_T = TypeMap
_TYPES: tuple[TypeMap, ...] = (
    _T("software", "software"),
    _T("dataset", "dataset", write=False, note="top level"),
    _T("data", "dataset"),
    _T("database", "dataset", write=False),
    _T("art", "image"),
    _T("article", "article-journal"),
    _T("audiovisual", "audiovisual"),
    _T("bill", "bill"),
    _T("blog", "post-weblog"),
    _T("book", "book"),
    _T("catalogue", "collection"),
    _T("conference-paper", "paper-conference"),
    _T("conference", "event"),
    _T("dictionary", "entry-dictionary"),
    _T("edited-work", "edited-book"),
    _T("encyclopedia", "entry-encyclopedia"),
    _T("film-broadcast", "motion-picture"),
    _T("generic", "document"),
    _T("government-document", "report", write=False),
    _T("grant", "award"),
    _T("hearing", "hearing"),
    _T("historical-work", "classic"),
    _T("legal-case", "legal-case"),
    _T("legal-rule", "regulation"),
    _T("magazine-article", "article-magazine"),
    _T("manual", "manual"),
    _T("map", "map"),
    _T("multimedia", "interactive-resource"),
    _T("music", "musical-score"),
    _T("newspaper-article", "article-newspaper"),
    _T("pamphlet", "pamphlet"),
    _T("patent", "patent"),
    _T("personal-communication", "letter"),
    _T("proceedings", "proceedings"),
    _T("report", "report"),
    _T("serial", "periodical"),
    _T("slides", "presentation"),
    _T("software-code", "software", write=False),
    _T("software-container", "software", write=False),
    _T("software-executable", "software", write=False),
    _T("software-virtual-machine", "software", write=False),
    _T("sound-recording", "sound"),
    _T("standard", "standard"),
    _T("statute", "legislation"),
    _T("thesis", "thesis"),
    _T("unpublished", "manuscript"),
    _T("video", "motion-picture", write=False),
    _T("website", "webpage"),
    # hub types CFF has no word for (write only)
    _T("article", "preprint", read=False),
    _T("article", "data-paper", read=False),
    _T("article", "review", read=False),
    _T("article", "review-book", read=False),
    _T("generic", "peer-review", read=False),
    _T("book", "multivolume-book", read=False),
    _T("generic", "chapter", read=False),
    _T("conference-paper", "poster", read=False),
    _T("slides", "speech", read=False),
    _T("report", "output-management-plan", read=False),
    _T("serial", "journal-issue", read=False),
    _T("website", "post", read=False),
    _T("legal-rule", "treaty", read=False),
    _T("software-code", "computational-notebook", read=False),
    _T("software", "workflow", read=False),
    _T("software", "service", read=False),
    _T("data", "model", read=False),
    _T("generic", "instrument", read=False),
    _T("art", "figure", read=False),
    _T("generic", "physical-object", read=False),
    _T("generic", "study-registration", read=False),
    _T("generic", "project", read=False),
    _T("film-broadcast", "broadcast", read=False),
    _T("sound-recording", "song", read=False),
    _T("generic", "performance", read=False),
    _T("generic", "interview", read=False),
    _T("generic", "other", read=False),
)

_NO_HOME = "no CFF key"
CROSSWALK = Crosswalk(
    format="cff",
    fields=_rows(),
    types=_TYPES,
    unmapped={
        "genre": "CFF has thesis-type and data-type only",
        "titles(type=subtitle)": "CFF has no subtitle; joined to the title as 'Title: Subtitle'",
        "titles(type=alternative)": _NO_HOME,
        "titles(type=translated)": _NO_HOME,
        "contributors.identifiers": "persons and entities hold one ORCID and one website",
        "contributors.affiliations": "one affiliation name per person",
        "et_al": "CFF has no 'and others' marker",
        "dates(type=submitted)": _NO_HOME,
        "dates(type=accepted)": _NO_HOME,
        "dates(type=created)": _NO_HOME,
        "dates(type=updated)": _NO_HOME,
        "publisher.identifiers": _NO_HOME,
        "container.identifiers(scheme=isbn)": _NO_HOME,
        "container.identifiers(scheme=eissn)": _NO_HOME,
        "series": _NO_HOME,
        "container.titles(type=short)": _NO_HOME,
        "container.number": _NO_HOME,
        "identifiers(scheme=pmid)": _NO_HOME,
        "identifiers(scheme=arxiv)": _NO_HOME,
        "identifiers(scheme=local)": _NO_HOME,
        "subjects.scheme": "keywords are plain terms",
        "access_rights": _NO_HOME,
        "funding": _NO_HOME,
        "relations": "repository-code only; references need authors and a title",
        "related_items": _NO_HOME,
        "sizes": _NO_HOME,
        "geo_locations": _NO_HOME,
        "attachments": _NO_HOME,
        "publication_status": "CFF's status words: in-preparation, submitted, in-press, preprint",
        "peer_reviewed": _NO_HOME,
        "citation": _NO_HOME,
        "chapter": _NO_HOME,
        "part": _NO_HOME,
        "original": _NO_HOME,
    },
)
