"""The MODS rule table: each native field (as :mod:`biblioconv.formats.mods.mapping` reads it and
:mod:`biblioconv.formats.mods.writing` writes it) and its home in the record, run both ways.

Reading, :meth:`RuleTable.read` puts each field at its home; writing, :meth:`RuleTable.write`
fills the fields and tells what it carried, so that what MODS cannot hold is reported by record
path (FIELD_DROPPED) and what it holds approximately too (VALUE_COERCED), with what the rules
carry in another shape (list elements written at another position, text without markup or runs
of spaces, free-text dates that read as dates). The crosswalk (documentation, loss matrix, coverage of
the MODS 3.8 element list) is built from the same rules.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from lxml import etree

from biblioconv import xmlsafe
from biblioconv.crosswalk import (
    BOOKKEEPING_EXTRAS,
    Crosswalk,
    FieldMap,
    distinct_rows,
    foreign_extras,
)
from biblioconv.formats.mods import values as X
from biblioconv.formats.mods import vocab as V
from biblioconv.formats.mods.mapping import URL, URL_KEPT, URL_KEPT_KEY
from biblioconv.model import (
    Container,
    Contributor,
    DateValue,
    Description,
    Funding,
    Identifier,
    PageRange,
    Record,
    RelatedItem,
    Relation,
    Rights,
    Subject,
    Title,
)
from biblioconv.report import Code, Diagnostic, RecordReporter
from biblioconv.rules import Rule, RuleContext, RuleTable, leaves, uncarried

__all__ = ["CROSSWALK", "RULES", "RULE_TABLE", "fields_to_record", "record_to_element"]

FMT = "mods"

# -- reading converters (native -> record data) ----------------------------------------------

_TITLE_TYPES = {
    "alternative": "alternative",
    "translated": "translated",
    "abbreviated": "short",
    "uniform": "other",
}
_TITLE_NATIVE = {v: k for k, v in _TITLE_TYPES.items()}


def _titles_in(infos: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for info in infos:
        kind = _TITLE_TYPES.get(info.get("type") or "", "main")
        main = (info.get("nonSort") or "") + (info.get("title") or "")
        lang = info.get("lang")
        extra = {"lang": lang} if lang else {}
        if main:
            out.append({"text": main, "type": kind, **extra})
        if info.get("subTitle"):
            sub = "subtitle" if kind == "main" else kind
            out.append({"text": info["subTitle"], "type": sub, **extra})
    return out


def _read_titles(infos: list[dict[str, Any]], ctx: RuleContext) -> Any:
    return _titles_in(infos) or None


def _read_part_name(values: list[str], ctx: RuleContext) -> Any:
    return [{"text": v, "type": "other"} for v in values]


def _first(values: list[Any], ctx: RuleContext) -> Any:
    return values[0] if values else None


def _read_names(names: list[dict[str, Any]], ctx: RuleContext) -> Any:
    out = [c for c in (X.contributor_from_name(n) for n in names) if c]
    return out or None


def _read_etal(names: list[dict[str, Any]], ctx: RuleContext) -> Any:
    roles = []
    for n in names:
        if n["etal"]:
            code, word = n["roles"][0] if n["roles"] else (None, None)
            role = X.role_of(code, word)[0]
            if n.get("host"):
                role = {"author": "container-author"}.get(role, role)
            if role not in roles:
                roles.append(role)
    return roles or None


def _read_conference(names: list[dict[str, Any]], ctx: RuleContext) -> Any:
    for n in names:
        whole = ". ".join(v for vs in n["parts"].values() for v in vs)
        if whole:
            return whole
    return None


def _read_funders(names: list[dict[str, Any]], ctx: RuleContext) -> Any:
    out = []
    for n in names:
        whole = ". ".join(v for vs in n["parts"].values() for v in vs)
        if not whole:
            continue
        item: dict[str, Any] = {"funder_name": whole}
        if n["ids"]:
            scheme, value = n["ids"][0]
            item["funder_identifier"] = {"scheme": scheme or "other", "value": value}
        out.append(item)
    return out or None


def _read_publisher(pubs: list[dict[str, Any]], ctx: RuleContext) -> Any:
    return dict(pubs[0]) if pubs else None


def _read_dates(items: list[dict[str, Any]], ctx: RuleContext) -> Any:
    return X.dates_from_native(items) or None


def _read_accessed(values: list[str], ctx: RuleContext) -> Any:
    out = []
    for v in values:
        d = X.date_from_native(
            [{"text": v, "encoding": None, "point": None, "qualifier": None}], "accessed"
        )
        if d:
            out.append(d)
    return out or None


def _read_language(terms: list[tuple[str, str, str]], ctx: RuleContext) -> Any:
    codes = [t for t in terms if t[0] == "code"] or terms
    kind, authority, value = codes[0]
    return X.language_from_native(kind, authority, value)


def _read_sizes(items: list[tuple[str | None, str]], ctx: RuleContext) -> Any:
    return [t for _, t in items] or None


def _strings(values: list[str], ctx: RuleContext) -> Any:
    return list(values) or None


_NOTE_TYPES = ("methods", "series-information", "technical-info", "annotation", "other")
_DESC_TYPE = {"abstract": "abstract", "tableOfContents": "table-of-contents", "note": "note"}


def _read_descriptions(items: list[dict[str, Any]], ctx: RuleContext) -> Any:
    out = []
    for item in items:
        d: dict[str, Any] = {"text": item["text"], "type": _DESC_TYPE[item["element"]]}
        if item["element"] == "note" and (item.get("type") or "") in _NOTE_TYPES:
            d["type"] = item["type"]
        if item.get("lang"):
            d["lang"] = item["lang"]
        out.append(d)
    return out or None


def _read_subjects(items: list[dict[str, Any]], ctx: RuleContext) -> Any:
    out = []
    for item in items:
        s = {k: item[k] for k in ("term", "scheme", "scheme_uri", "value_uri", "lang") if item[k]}
        out.append(s)
    return out or None


def _read_classification(items: list[dict[str, Any]], ctx: RuleContext) -> Any:
    out = []
    for item in items:
        s = {"term": item["term"], "code": item["term"]}
        if item["scheme"]:
            s["scheme"] = item["scheme"]
        out.append(s)
    return out or None


def _read_places(values: list[str], ctx: RuleContext) -> Any:
    return [{"place": v} for v in values] or None


def _read_identifiers(items: list[tuple[str, str, bool]], ctx: RuleContext) -> Any:
    out = []
    urls: set[str] = set()
    for k, v, _ in items:
        item = {"scheme": "url", "value": v} if k == URL else X.identifier_from_native(k, v)
        if item["scheme"] == "url":
            if v in urls:
                continue  # the same URL again (location/url given twice): one identifier
            urls.add(v)
        out.append(item)
    return out or None


def _read_rights(items: list[dict[str, Any]], ctx: RuleContext) -> Any:
    out = []
    for item in items:
        r = {}
        if item["text"]:
            r["statement"] = item["text"]
        if item["href"]:
            r["uri"] = item["href"]
        out.append(r)
    return out or None


def _part_data(part: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in ("volume", "issue", "number"):
        if part.get(key):
            out[key] = part[key]
    if part.get("pages"):
        out["pages"] = PageRange.parse_data(part["pages"])
    return out


def _read_part(parts: list[dict[str, Any]], ctx: RuleContext) -> Any:
    out: dict[str, Any] = {}
    for part in parts:
        for k, v in _part_data(part).items():
            out.setdefault(k, v)
    return out or None


def _read_chapter(parts: list[dict[str, Any]], ctx: RuleContext) -> Any:
    return next((p["chapter"] for p in parts if p.get("chapter")), None)


def _genre_hub(genre: str) -> str | None:
    """The hub type a related item's genre gives (its container type), or None."""
    return genre if genre in V.TYPES_BY_NAME else V.GENRE_TO_HUB.get(genre.lower())


def _container_data(item: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    titles = _titles_in(item["titles"])
    if titles:
        out["titles"] = titles
    ids = [X.identifier_from_native(k, v) for k, v, _ in item["ids"]]
    if ids:
        out["identifiers"] = ids
    for part in item["parts"]:
        for k, v in _part_data(part).items():
            out.setdefault(k, v)
    for genre in item["genres"]:
        hub = _genre_hub(genre)
        if hub:
            out["type"] = hub
            break
    pubs = item.get("originInfo/publisher")
    if pubs:
        out["publisher"] = dict(pubs[0])
    dates = X.dates_from_native(item.get("originInfo/dates", []))
    if dates:
        out["issued"] = dates[0]
    editions = item.get("originInfo/edition")
    if editions:
        out["edition"] = editions[0]
    return out


def _read_container(items: list[dict[str, Any]], ctx: RuleContext) -> Any:
    return _container_data(items[0]) or None


def _read_series(items: list[dict[str, Any]], ctx: RuleContext) -> Any:
    return _container_data(items[0]) or None


def _read_relations(items: list[dict[str, Any]], ctx: RuleContext) -> Any:
    out = []
    for item in items:
        rel: dict[str, Any] = {"type": X.relation_type(item["type"], item["otherType"])}
        if item["ids"]:
            kind, value, _ = item["ids"][0]
            rel["identifier"] = (
                {"scheme": "url", "value": value}
                if kind == URL
                else X.identifier_from_native(kind, value)
            )
        elif item["href"]:
            rel["identifier"] = {"scheme": "url", "value": item["href"]}
        if item["notes"]:
            rel["citation"] = item["notes"][0]
        out.append(rel)
    return out or None


def _read_related_items(items: list[dict[str, Any]], ctx: RuleContext) -> Any:
    out = []
    for item in items:
        data = _container_data(item)
        data["relation_type"] = X.relation_type(item["type"], item["otherType"])
        if item["href"]:
            data.setdefault("identifiers", []).insert(0, {"scheme": "url", "value": item["href"]})
        people = [c for c in (X.contributor_from_name(n) for n in item["names"]) if c]
        if people:
            data["contributors"] = people
        out.append(data)
    return out or None


def _is_simple_relation(item: dict[str, Any]) -> bool:
    """A relatedItem that is only a link: one identifier (or the xlink:href), or one note."""
    if item["titles"] or item["names"] or item["parts"] or item["genres"]:
        return False
    if any(k.startswith("originInfo/") for k in item):
        return False
    links = len(item["ids"]) + (1 if item["href"] else 0)
    return links <= 1 and len(item["notes"]) <= 1 and links + len(item["notes"]) >= 1


# -- writing converters (record -> native) ---------------------------------------------------


def _write_titles(titles: list[Title], ctx: RuleContext) -> Any:
    out: list[dict[str, Any]] = []
    main: dict[str, Any] | None = None
    for t in titles:
        value = X.text(t.text)
        if not value:
            continue
        if t.type == "subtitle":
            if main is not None and "subTitle" not in main and main.get("lang") == t.lang:
                main["subTitle"] = value
                continue
            out.append({"type": None, "lang": t.lang, "subTitle": value})
            continue
        info = {"type": _TITLE_NATIVE.get(t.type), "lang": t.lang, "title": value}
        out.append(info)
        if t.type == "main" and main is None:
            main = info
    return out or None


def _write_part_number(values: list[str], ctx: RuleContext) -> Any:
    return [X.text(values[0])]


def _host_role(c: Contributor, ctx: RuleContext) -> bool:
    """Whether a contributor is written as a name of the host: a container author; an editor
    of a chapter (or paper, entry) whose editors all come after its other people."""
    if c.role == "container-author":
        return True
    record = ctx.record
    if not (
        c.role == "editor"
        and record is not None
        and record.type in _IN_HOST_TYPES
        and record.container is not None
        and bool(record.container.titles)
    ):
        return False
    roles = [p.role for p in record.contributors]
    last_other = max(
        (i for i, r in enumerate(roles) if r not in ("editor", "container-author")), default=-1
    )
    first_editor = roles.index("editor")
    return first_editor > last_other


_IN_HOST_TYPES = frozenset(
    {"chapter", "paper-conference", "entry-encyclopedia", "entry-dictionary"}
)


#: The extras key of names' dates (namePart type=date), by contributor index.
_LIFE_DATES = "namePart@date"


#: The extras key of the attributes of a contributor's roleTerms the writer gives back (any
#: authority but marcrelator on a code, authorityURI, valueURI, lang...), by contributor index.
_ROLE_ATTRS = "roleTerm/@attributes"


def _role_attrs(ctx: RuleContext) -> dict[int, dict[str, tuple[str, dict[str, str]]]]:
    """Contributor index -> roleTerm kind -> (the value they were read with, the attributes)."""
    kept = ctx.record.extras.get(FMT, {}).get(_ROLE_ATTRS) if ctx.record is not None else None
    out: dict[int, dict[str, tuple[str, dict[str, str]]]] = {}
    for item in kept if isinstance(kept, list) else []:
        if isinstance(item, list) and len(item) == 2 and isinstance(item[0], int):
            terms = item[1] if isinstance(item[1], dict) else {}
            here = out.setdefault(item[0], {})
            for kind, term in terms.items():
                ok = kind in ("code", "text") and isinstance(term, dict)
                value, attrs = (term.get("value"), term.get("attributes")) if ok else (0, 0)
                if isinstance(value, str) and isinstance(attrs, dict):
                    here[kind] = (
                        value,
                        {str(k): v for k, v in attrs.items() if isinstance(v, str)},
                    )
    return out


def _life_dates(ctx: RuleContext) -> dict[int, str]:
    kept = ctx.record.extras.get(FMT, {}).get(_LIFE_DATES) if ctx.record is not None else None
    out: dict[int, str] = {}
    for item in kept if isinstance(kept, list) else []:
        if isinstance(item, list) and len(item) == 2:
            index, dates = item
            if isinstance(index, int) and isinstance(dates, str):
                out[index] = dates
    return out


def _write_names(people: list[Contributor], ctx: RuleContext) -> Any:
    life = _life_dates(ctx)
    role_attrs = _role_attrs(ctx)

    def name(i: int, c: Contributor, host: bool) -> dict[str, Any]:
        n = X.name_from_contributor(c, host=host)
        if i in life and c.kind == "person":
            n["parts"]["date"] = [life[i]]
        if i in role_attrs:
            n["role_attrs"] = role_attrs[i]
        return n

    top = [name(i, c, False) for i, c in enumerate(people) if not _host_role(c, ctx)]
    host = [name(i, c, True) for i, c in enumerate(people) if _host_role(c, ctx)]
    names = top + host
    roles = list(ctx.record.et_al) if ctx.record is not None else []
    for role in roles:  # a name <etal/> of the role after its last name
        ordered = _ordered(people, ctx)
        at = max((i for i, c in enumerate(ordered) if c.role == role), default=None)
        if at is None:
            continue
        host = names[at]["host"]
        mark = X.name_from_contributor(Contributor(literal="et al.", role=role), host=host)
        mark.update(
            kind="personal", parts={}, display=[], ids=[], affiliations=[], lang=None, etal=True
        )
        names.insert(at + 1, mark)
        people = [*ordered[: at + 1], Contributor(literal="et al.", role=role), *ordered[at + 1 :]]
    return names or None


def _ordered(people: list[Contributor], ctx: RuleContext) -> list[Contributor]:
    return [c for c in people if not _host_role(c, ctx)] + [c for c in people if _host_role(c, ctx)]


def _write_event(titles: list[str], ctx: RuleContext) -> Any:
    return [_org_name(titles[0], "conference", None)]


def _org_name(name: str, kind: str, role: tuple[str | None, str | None] | None) -> dict[str, Any]:
    return {
        "kind": kind,
        "host": False,
        "lang": None,
        "parts": {"": [X.text(name)]},
        "display": [],
        "roles": [role] if role else [],
        "ids": [],
        "affiliations": [],
        "etal": False,
    }


def _write_funders(funds: list[Funding], ctx: RuleContext) -> Any:
    out = []
    for f in funds:
        n = _org_name(f.funder_name, "corporate", ("fnd", None))
        if f.funder_identifier is not None:
            scheme = f.funder_identifier.scheme
            n["ids"] = [("uri" if scheme == "url" else scheme, f.funder_identifier.value)]
        out.append(n)
    return out


_FUNDER_PARTS = (
    "funder_name",
    "funder_identifier.scheme",
    "funder_identifier.value",
    "funder_identifier.valid",
)


def _write_type_local(values: list[str], ctx: RuleContext) -> Any:
    record = ctx.record
    native = record.native_types.get(FMT) if record is not None else None
    if native and V.GENRE_TO_HUB.get(native.lower()) == values[0] and native in V.ZOTERO_TYPES:
        return native
    return values[0]


def _write_type_marcgt(values: list[str], ctx: RuleContext) -> Any:
    return V.HUB_TO_GENRE.get(values[0])


def _write_resource(values: list[str], ctx: RuleContext) -> Any:
    return V.HUB_TO_RESOURCE.get(values[0], "text")


def _write_genre(values: list[str], ctx: RuleContext) -> Any:
    kept = ctx.record.extras.get(FMT, {}).get(_GENRE_AUTHORITY) if ctx.record is not None else None
    authority = kept[0] if isinstance(kept, list) and kept and isinstance(kept[0], str) else ""
    return [(authority, X.text(values[0]))]


#: The extras key of the genre's authority (kept by the reader, written back by the writer).
_GENRE_AUTHORITY = "genre/@authority"


def _write_publisher(pubs: list[Any], ctx: RuleContext) -> Any:
    p = pubs[0]
    out = {}
    if p.name:
        out["name"] = X.text(p.name)
    if p.place:
        out["place"] = X.text(p.place)
    return [out] if out else None


def _write_dates(dates: list[DateValue], ctx: RuleContext) -> Any:
    out: list[dict[str, Any]] = []
    for d in dates:
        out += X.date_to_native(d)
    return out or None


def _date_parts(d: DateValue) -> tuple[str, ...]:
    base: tuple[str, ...] = (
        "type",
        "start.year",
        "start.month",
        "start.day",
        "start.time",
        "end.year",
        "end.month",
        "end.day",
        "end.time",
        "open_start",
        "open_end",
        "approximate",
        "uncertain",
    )
    if d.start is None and d.end is None:
        base = ("type", "literal")
    if d.type == "other":
        return (*base, "information")
    return base


def _write_language(values: list[str], ctx: RuleContext) -> Any:
    return [("code", "rfc5646", X.text(values[0]))]


def _write_sizes(values: list[str], ctx: RuleContext) -> Any:
    return [(None, X.text(v)) for v in values]


def _write_pages_count(values: list[str], ctx: RuleContext) -> Any:
    return [("pages", X.text(values[0]))]


def _write_strings(values: list[str], ctx: RuleContext) -> Any:
    return [X.text(v) for v in values] or None


def _write_descriptions(descs: list[Description], ctx: RuleContext) -> Any:
    out = []
    for d in descs:
        element = {"abstract": "abstract", "table-of-contents": "tableOfContents"}.get(
            d.type, "note"
        )
        native = d.type if d.type in _NOTE_TYPES else None
        out.append({"element": element, "text": X.text(d.text), "type": native, "lang": d.lang})
    return out or None


def _is_classification(s: Subject) -> bool:
    return s.code is not None and s.code == s.term


def _write_subjects(subjects: list[Subject], ctx: RuleContext) -> Any:
    out = []
    for s in subjects:
        if _is_classification(s):
            continue
        out.append(
            {
                "term": X.text(s.term),
                "scheme": s.scheme,
                "scheme_uri": s.scheme_uri,
                "value_uri": s.value_uri,
                "lang": s.lang,
                "kind": "topic",
            }
        )
    return out or None


def _subject_parts(s: Subject) -> tuple[str, ...] | None:
    if _is_classification(s):
        return None
    return ("term", "scheme", "scheme_uri", "value_uri", "lang")


def _write_classification(subjects: list[Subject], ctx: RuleContext) -> Any:
    out = [{"term": X.text(s.term), "scheme": s.scheme} for s in subjects if _is_classification(s)]
    return out or None


def _classification_parts(s: Subject) -> tuple[str, ...] | None:
    return ("term", "code", "scheme") if _is_classification(s) else None


def _write_places(places: list[Any], ctx: RuleContext) -> Any:
    return [X.text(p) for p in places] or None


def _write_identifiers(ids: list[Identifier], ctx: RuleContext) -> Any:
    out = [
        (
            URL if i.scheme == "url" else X.identifier_type(i.scheme),
            X.identifier_text(i.scheme, i.value, i.label),
            False,
        )
        for i in ids
    ]
    return out or None


_ID_PARTS = ("scheme", "value", "valid")
_ID_PARTS_LABEL = ("scheme", "value", "valid", "label")


def _identifier_parts(i: Identifier) -> tuple[str, ...]:
    """An ISBN's or ISSN's label is written as its qualifier ('9780123456789 (pbk.)')."""
    if i.label and i.scheme in X.QUALIFIED_SCHEMES and X.qualifier_kept(i.label):
        return _ID_PARTS_LABEL
    return _ID_PARTS


def _write_rights(rights: list[Rights], ctx: RuleContext) -> Any:
    out = []
    for r in rights:
        out.append({"text": X.text(r.statement), "type": "use and reproduction", "href": r.uri})
    return out


def _rights_parts(r: Rights) -> tuple[str, ...] | None:
    return ("statement", "uri") if (r.statement or r.uri) else None


def _write_access(values: list[str], ctx: RuleContext) -> Any:
    return [{"text": X.text(values[0]), "type": "restriction on access", "href": None}]


def _pages_text(p: PageRange) -> str:
    return p.text("-")


def _part_native(c: Container, chapter: str | None = None) -> dict[str, Any]:
    part: dict[str, Any] = {}
    for key in ("volume", "issue", "number"):
        value = getattr(c, key)
        if value:
            part[key] = X.text(value)
    if chapter:
        part["chapter"] = X.text(chapter)
    if c.pages is not None and c.pages.text():
        part["pages"] = X.text(_pages_text(c.pages))
    return part


def _container_is_host(c: Container) -> bool:
    return bool(c.titles or c.identifiers or c.publisher or c.issued or c.edition or c.type)


def _write_part(containers: list[Container], ctx: RuleContext) -> Any:
    c = containers[0]
    if _container_is_host(c):
        return None
    part = _part_native(c)
    return [part] if part else None


def _write_chapter(values: list[str], ctx: RuleContext) -> Any:
    return [{"chapter": X.text(values[0])}]


def _related_native(c: Container, kind: str | None, other: str | None) -> dict[str, Any]:
    titles = _write_titles(c.titles, RuleContext()) or []
    out: dict[str, Any] = {
        "type": kind,
        "otherType": other,
        "href": None,
        "titles": titles,
        "names": [],
        "ids": [
            (X.identifier_type(i.scheme), X.identifier_text(i.scheme, i.value, i.label), False)
            for i in c.identifiers
        ],
        "parts": [],
        "notes": [],
        "genres": [c.type] if c.type else [],
    }
    part = _part_native(c)
    if part:
        out["parts"] = [part]
    if c.publisher is not None:
        pub = _write_publisher([c.publisher], RuleContext())
        if pub:
            out["originInfo/publisher"] = pub
    if c.issued is not None:
        out["originInfo/dates"] = X.date_to_native(c.issued)
    if c.edition:
        out["originInfo/edition"] = [X.text(c.edition)]
    return out


def _write_container(containers: list[Container], ctx: RuleContext) -> Any:
    c = containers[0]
    if not _container_is_host(c):
        return None
    return [_related_native(c, "host", None)]


_CONTAINER_PARTS = (
    "titles",
    "identifiers",  # each one's label or scheme URI MODS does not hold: _report_host_ids
    "volume",
    "issue",
    "number",
    "pages",
    "type",
    "publisher.name",
    "publisher.place",
    *(f"issued.{p}" for p in _date_parts(DateValue(start={"year": 1}))),
    "edition",
)


def _write_series(series: list[Container], ctx: RuleContext) -> Any:
    return [_related_native(series[0], "series", None)]


def _write_relations(relations: list[Relation], ctx: RuleContext) -> Any:
    out = []
    for r in relations:
        kind, other = X.related_type(r.type)
        item: dict[str, Any] = {
            "type": kind,
            "otherType": other,
            "href": None,
            "titles": [],
            "names": [],
            "ids": [],
            "parts": [],
            "notes": [],
            "genres": [],
        }
        if r.identifier is not None:
            scheme = r.identifier.scheme
            kind = URL if scheme == "url" else X.identifier_type(scheme)
            item["ids"] = [(kind, r.identifier.value, False)]
        if r.citation:
            item["notes"] = [X.text(r.citation)]
        out.append(item)
    return out or None


def _write_related_items(items: list[RelatedItem], ctx: RuleContext) -> Any:
    out = []
    for it in items:
        kind, other = X.related_type(it.relation_type)
        native = _related_native(it, kind, other)
        native["names"] = [X.name_from_contributor(c) for c in it.contributors]
        out.append(native)
    return out or None


def _write_archive_name(values: list[str], ctx: RuleContext) -> Any:
    return [X.text(values[0])]


# -- which values MODS holds as they are ------------------------------------------------------


def _same(value: str | None) -> bool:
    return value is None or X.text(value) == value


def _titles_exact(values: list[Any], ctx: RuleContext) -> bool:
    """Titles without markup or runs of spaces come back as they are."""
    return all(_same(t.text) for t in values)


def _names_exact(values: list[Any], ctx: RuleContext) -> bool:
    """Names without particles (joined to the given and family names) come back as they are."""
    return all(
        not c.dropping_particle
        and not c.non_dropping_particle
        and all(_same(v) for v in (c.given, c.family, c.literal, c.suffix))
        for c in values
    )


def _texts_exact(values: list[Any], ctx: RuleContext) -> bool:
    return all(_same(d.text) for d in values)


def _container_exact(values: list[Any], ctx: RuleContext) -> bool:
    return all(_titles_exact(c.titles, ctx) for c in values)


# -- the rules -------------------------------------------------------------------------------

_NAME_PARTS = (
    "kind",
    "role",
    "role_label",
    "given",
    "family",
    "suffix",
    "literal",
    "identifiers.scheme",
    "identifiers.value",
    "identifiers.valid",
    "affiliations.name",
    "lang",
)

RULES: tuple[Rule, ...] = (
    Rule("_type", "type", from_hub=None, note="typeOfResource and genre, read together"),
    Rule(
        "genre@local",
        "type",
        to_hub=None,
        from_hub=_write_type_local,
        note="the hub type (or Zotero's item type it was read from) as genre authority=local",
    ),
    Rule(
        "genre@marcgt",
        "type",
        "derived",
        to_hub=None,
        from_hub=_write_type_marcgt,
        note="the MARC genre term nearest to the type",
    ),
    Rule(
        "typeOfResource",
        "type",
        "derived",
        to_hub=None,
        from_hub=_write_resource,
        note="from the type (see the type table)",
    ),
    Rule(
        "titleInfo",
        "titles",
        exact=_titles_exact,
        to_hub=_read_titles,
        from_hub=_write_titles,
        take="all",
        parts=("text", "type", "lang"),
        note="nonSort is joined to the title; subTitle is the subtitle; types abbreviated "
        "(short), alternative, translated, uniform (other); markup is removed",
    ),
    Rule(
        "titleInfo/partNumber",
        "part",
        to_hub=_first,
        from_hub=_write_part_number,
        note="in the first titleInfo",
    ),
    Rule(
        "titleInfo/partName",
        "titles(type=other)",
        "approx",
        to_hub=_read_part_name,
        from_hub=None,
        note="read as a title of type other (written as a uniform title)",
    ),
    Rule(
        "name",
        "contributors",
        exact=_names_exact,
        to_hub=_read_names,
        from_hub=_write_names,
        take="all",
        parts=_NAME_PARTS,
        note="personal (namePart given, family, termsOfAddress), corporate and family names; "
        "role/roleTerm as MARC relator code (and text); nameIdentifier; affiliation; editors "
        "of a chapter and container authors are names of the host relatedItem",
    ),
    Rule(
        "name/etal",
        "et_al",
        to_hub=_read_etal,
        from_hub=None,
        note="<etal/> in the last name of a role whose list continues",
    ),
    Rule(
        "name@conference",
        "event.title",
        to_hub=_read_conference,
        from_hub=_write_event,
        note="name type=conference",
    ),
    Rule(
        "name@funder",
        "funding",
        to_hub=_read_funders,
        from_hub=_write_funders,
        take="all",
        parts=_FUNDER_PARTS,
        note="corporate names with the role fnd (funder); award numbers have no MODS home",
    ),
    Rule(
        "genre",
        "genre",
        to_hub=lambda v, ctx: v[0][1] if v else None,
        from_hub=_write_genre,
        note="a genre without authority (or of another authority)",
    ),
    Rule(
        "originInfo/publisher",
        "publisher",
        to_hub=_read_publisher,
        from_hub=_write_publisher,
        parts=("name", "place"),
        note="publisher and place/placeTerm (text)",
    ),
    Rule(
        "originInfo/dates",
        "dates",
        to_hub=_read_dates,
        from_hub=_write_dates,
        take="all",
        parts=_date_parts,
        note="dateIssued, dateCreated, copyrightDate, dateCaptured (collected), dateValid, "
        "dateModified (updated), dateOther type=<hub date type>; encoding w3cdtf, iso8601, "
        "edtf or marc; point start/end ranges; qualifier approximate/questionable",
    ),
    Rule(
        "location/url/@dateLastAccessed",
        "dates(type=accessed)",
        to_hub=_read_accessed,
        from_hub=None,
        note="read (Zotero); written as dateOther type=accessed",
    ),
    Rule("originInfo/edition", "edition", to_hub=_first, from_hub=_write_part_number),
    Rule(
        "language",
        "language",
        to_hub=_read_language,
        from_hub=_write_language,
        note="languageTerm type=code (iso639-2b codes become BCP 47 tags; written rfc5646)",
    ),
    Rule(
        "physicalDescription/extent@pages",
        "number_of_pages",
        to_hub=lambda v, ctx: v[0][1] if v else None,
        from_hub=_write_pages_count,
        note="extent unit=pages",
    ),
    Rule(
        "physicalDescription/extent",
        "sizes",
        to_hub=_read_sizes,
        from_hub=_write_sizes,
        take="all",
    ),
    Rule(
        "physicalDescription/form",
        "formats",
        to_hub=_strings,
        from_hub=_write_strings,
        take="all",
        note="form, or internetMediaType for media types",
    ),
    Rule(
        "abstract",
        "descriptions",
        exact=_texts_exact,
        to_hub=_read_descriptions,
        from_hub=_write_descriptions,
        take="all",
        parts=("text", "type", "lang"),
        note="abstract, tableOfContents and note (in the record's order); other description "
        "types as note type=<hub type>",
    ),
    Rule(
        "subject",
        "subjects",
        to_hub=_read_subjects,
        from_hub=_write_subjects,
        take="all",
        parts=_subject_parts,
        note="topic (also temporal, occupation, genre inside subject); authority is the scheme",
    ),
    Rule(
        "classification",
        "subjects",
        to_hub=_read_classification,
        from_hub=_write_classification,
        take="all",
        parts=_classification_parts,
        note="a classification is a subject whose code is its term",
    ),
    Rule(
        "subject/geographic",
        "geo_locations",
        to_hub=_read_places,
        from_hub=lambda v, ctx: None,
        take="all",
        note="read; written as geographic subjects",
    ),
    Rule(
        "subject/geographic",
        "geo_locations.place",
        to_hub=None,
        from_hub=_write_places,
        take="all",
    ),
    Rule(
        "identifier",
        "identifiers",
        to_hub=_read_identifiers,
        from_hub=_write_identifiers,
        take="all",
        parts=_identifier_parts,
        note="identifier type doi, isbn, issn, hdl, uri, local...; URLs are location/url; "
        "an ISBN's or ISSN's parenthesised qualifier ('(pbk.)') is its label",
    ),
    Rule(
        "location/url",
        "identifiers(scheme=url)",
        to_hub=None,
        from_hub=None,
        note="listed with the identifiers, in the record's order",
    ),
    Rule(
        "location/physicalLocation",
        "archive.name",
        to_hub=_first,
        from_hub=_write_archive_name,
    ),
    Rule(
        "location/shelfLocator",
        "archive.call_number",
        to_hub=_first,
        from_hub=_write_archive_name,
    ),
    Rule(
        "accessCondition@restriction",
        "access_rights",
        to_hub=lambda v, ctx: v[0]["text"] if v else None,
        from_hub=_write_access,
        note="accessCondition type='restriction on access'",
    ),
    Rule(
        "accessCondition",
        "rights",
        to_hub=_read_rights,
        from_hub=_write_rights,
        take="all",
        parts=_rights_parts,
        note="text is the statement, xlink:href the URI",
    ),
    Rule(
        "part",
        "container",
        to_hub=_read_part,
        from_hub=_write_part,
        parts=("volume", "issue", "number", "pages"),
        note="detail volume/issue/number, extent unit=pages start/end (of a record without a host)",
    ),
    Rule(
        "part@chapter",
        "chapter",
        to_hub=_read_chapter,
        from_hub=_write_chapter,
        note="part/detail type=chapter",
    ),
    Rule(
        "relatedItem@host",
        "container",
        exact=_container_exact,
        to_hub=_read_container,
        from_hub=_write_container,
        parts=_CONTAINER_PARTS,
        note="relatedItem type=host: titleInfo, identifier (issn, isbn), part/detail volume, "
        "issue, extent unit=pages; originInfo; genre authority=local the container type",
    ),
    Rule(
        "relatedItem@series",
        "series",
        exact=_container_exact,
        to_hub=_read_series,
        from_hub=_write_series,
        parts=_CONTAINER_PARTS,
        note="relatedItem type=series; part/detail number is the series number",
    ),
    Rule(
        "relatedItem",
        "relations",
        to_hub=_read_relations,
        from_hub=_write_relations,
        take="all",
        parts=("type", "identifier", "citation"),
        note="a relatedItem that is only a link (one identifier or xlink:href) or a note; "
        "types other than MODS's are @otherType",
    ),
    Rule(
        "relatedItem+",
        "related_items",
        exact=_container_exact,
        to_hub=_read_related_items,
        from_hub=_write_related_items,
        take="all",
        parts=(
            *_CONTAINER_PARTS,
            "relation_type",
            *(f"contributors.{p}" for p in _NAME_PARTS),
        ),
        note="any other relatedItem, described inline",
    ),
    Rule(
        "recordInfo/recordIdentifier",
        "id",
        to_hub=_first,
        from_hub=_write_archive_name,
    ),
)

RULE_TABLE = RuleTable(RULES)

# -- reading: parsed fields -> record --------------------------------------------------------


def _resolve_type(fields: dict[str, Any]) -> tuple[str, str | None, list[tuple[str, str]]]:
    """The hub type, the native type word and the genres left for the genre field."""
    genres: list[tuple[str, str]] = fields.pop("genre", [])
    rest: list[tuple[str, str]] = []
    locals_: list[str] = []
    marcs: list[str] = []
    loose = None
    for authority, word in genres:
        key = word.lower()
        if authority == "local" and (word in V.TYPES_BY_NAME or key in V.GENRE_TO_HUB):
            locals_.append(word)
        elif authority == "marcgt" and key in V.GENRE_TO_HUB:
            marcs.append(word)
        else:
            if not authority and key in V.GENRE_TO_HUB:
                loose = loose or word
            rest.append((authority, word))
    local = locals_[0] if locals_ else None
    marc = marcs[0] if marcs else None
    if len(locals_) > 1 or len(marcs) > 1 or (local and marc):
        hub = local if local in V.TYPES_BY_NAME else V.GENRE_TO_HUB[(local or marc or "").lower()]
        again = (V.HUB_TO_GENRE.get(hub) or "").lower()  # the marcgt genre the writer gives
        unused = [["local", w] for w in locals_[1:]]
        unused += [["marcgt", w] for w in marcs[1 if not local else 0 :] if w.lower() != again]
        if unused:  # type genres not taken: kept in the extras
            fields["_genres_unused"] = unused
    if local:
        hub = local if local in V.TYPES_BY_NAME else V.GENRE_TO_HUB[local.lower()]
        return hub, local, rest
    if marc:
        return V.GENRE_TO_HUB[marc.lower()], marc, rest
    if loose:
        return V.GENRE_TO_HUB[loose.lower()], loose, rest
    resource = (fields.get("typeOfResource") or [""])[0]
    host = fields.get("relatedItem@host")
    if resource in ("", "text"):
        if "monographic" in fields.get("originInfo/issuance", []):
            return "book", resource or None, rest  # a book, even one listed in a host
        if host:
            h = host[0]
            issuance = h.get("originInfo/issuance", [])
            issn = any(k.lower() in ("issn", "eissn") for k, _, _ in h["ids"])
            if "continuing" in issuance or issn:
                return "article-journal", resource or None, rest
            return "chapter", resource or None, rest
        issuance = fields.get("originInfo/issuance", [])
        if "monographic" in issuance:
            return "book", resource or None, rest
        return "document", resource or None, rest
    return V.RESOURCE_TO_HUB.get(resource, "other"), resource, rest


def _shadowed(parts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What later parts give that an earlier one gave otherwise (the first is read)."""
    seen: dict[str, Any] = {}
    out = []
    for part in parts:
        lost = {k: v for k, v in part.items() if k in seen and seen[k] != v}
        for k, v in part.items():
            seen.setdefault(k, v)
        if lost:
            out.append(lost)
    return out


def _prepare(fields: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The fields the rules read (names sorted by kind, host names with the names, the type
    resolved...) and the extras to keep (field name -> values)."""
    extras: dict[str, Any] = {}
    unmapped = fields.pop("_unmapped", {})
    extras.update(unmapped)
    if "_xml" in fields:
        extras["xml"] = fields.pop("_xml")
    hub, native, genres = _resolve_type(fields)
    fields["_type"] = (hub, native)
    fields.pop("typeOfResource", None)
    if genres:
        fields["genre"] = genres[:1]
        if genres[0][0]:  # its authority (gmgpc, lcgft...), written back with it
            extras["genre/@authority"] = [genres[0][0]]
        if genres[1:]:
            extras["genre"] = [w for _, w in genres[1:]]
            if any(a for a, _ in genres[1:]):  # their authorities, in the same order
                extras["genre+/@authority"] = [a for a, _ in genres[1:]]
    if "_genres_unused" in fields:
        extras["genre@type"] = fields.pop("_genres_unused")
    for key in ("relatedItem@host", "relatedItem@series", "relatedItem"):
        for item in fields.get(key, []):  # the genre giving the type is written back
            taken = next((g for g in item["genres"] if _genre_hub(g)), None)
            for g in item["genres"]:
                if g is not taken:
                    extras.setdefault("relatedItem/genre", []).append(g)
    infos = fields.get("titleInfo", [])
    numbers = [i["partNumber"] for i in infos if i.get("partNumber")]
    if numbers:
        fields["titleInfo/partNumber"] = numbers
    names_ = [i["partName"] for i in infos if i.get("partName")]
    if names_:
        fields["titleInfo/partName"] = names_
    people, conference, funders = [], [], []
    hosts = fields.get("relatedItem@host", [])
    if hosts:  # a chapter's publisher and date are its book's (Zotero writes them in the host)
        host = hosts[0]
        if not fields.get("originInfo/publisher") and host.get("originInfo/publisher"):
            fields["originInfo/publisher"] = host.pop("originInfo/publisher")
        top = fields.get("originInfo/dates", [])
        inner = host.get("originInfo/dates", [])
        issued = [d for d in inner if d["element"] == "dateIssued"]
        if issued and not any(d["element"] == "dateIssued" for d in top):
            fields["originInfo/dates"] = top + issued
            host["originInfo/dates"] = [d for d in inner if d["element"] != "dateIssued"]
    for n in fields.pop("name", []) + [n for h in hosts[:1] for n in h.pop("names", [])]:
        if n["kind"] == "conference":
            conference.append(n)
        elif any(
            (code or "").lower() == "fnd" or (w or "").lower() == "funder" for code, w in n["roles"]
        ):
            funders.append(n)
        else:
            people.append(n)
    for key, value in (("name", people), ("name@conference", conference), ("name@funder", funders)):
        if value:
            fields[key] = value
    if any(n["etal"] for n in people):
        fields["name/etal"] = people
    life: list[list[Any]] = []  # namePart type=date: [index of the contributor, the dates]
    role_attrs: list[list[Any]] = []  # [index of the contributor, {"code": {...}, ...}]
    index = 0
    dated = any(n["parts"].get("date") for n in people)
    for n in people if dated or any("role_attrs" in n for n in people) else ():
        if X.contributor_from_name(n) is None:
            continue
        if n["parts"].get("date"):
            life.append([index, " ".join(n["parts"]["date"])])
        if "role_attrs" in n:
            role_attrs.append([index, n["role_attrs"]])
        index += 1
    if life:
        extras[_LIFE_DATES] = life
    if role_attrs:
        extras[_ROLE_ATTRS] = role_attrs
    others = fields.get("name@conference", []) + fields.get("name@funder", [])
    for key in ("relatedItem@host", "relatedItem@series", "relatedItem"):
        others += [n for item in fields.get(key, []) for n in item.get("names", [])]
    for n in others:
        if "role_attrs" in n:  # not written back on these names
            extras.setdefault("roleTerm/@attributes+", []).append(n["role_attrs"])
    for key in ("originInfo/publisher", "originInfo/edition"):
        if len(fields.get(key, [])) > 1:
            extras[key] = fields[key][1:]
    for key in (
        "originInfo/issuance",
        "originInfo/frequency",
        "originInfo/publisher+",
        "originInfo/place+",
        "originInfo/place/placeTerm@code",
    ):
        if key in fields:
            extras[key] = fields.pop(key)
    extents = fields.pop("physicalDescription/extent", [])
    pages = [e for e in extents if (e[0] or "").lower() in ("pages", "page")]
    others = [e for e in extents if e not in pages]
    if pages:
        fields["physicalDescription/extent@pages"] = pages
        others += pages[1:]
    if others:
        fields["physicalDescription/extent"] = others
    conditions = fields.pop("accessCondition", [])
    access = [c for c in conditions if c["type"] == "restriction on access" and c["text"]]
    if access:
        fields["accessCondition@restriction"] = access[:1]
    rest = [c for c in conditions if c is not (access[0] if access else None)]
    if rest:
        fields["accessCondition"] = rest
    kinds = [[c["text"], c["type"]] for c in rest if c["type"] not in ("", "use and reproduction")]
    if kinds:  # the types a rights statement does not hold: [text, type]
        extras["mods/accessCondition/@type"] = kinds
    notes = [
        [d["text"], d["type"]]
        for d in fields.get("abstract", [])
        if d["element"] == "note" and d.get("type") and d["type"] not in _NOTE_TYPES
    ]
    if notes:  # the note types a description does not hold: [text, type]
        extras["mods/note/@type"] = notes
    parts = fields.get("part", [])
    if any(p.get("chapter") for p in parts):
        fields["part@chapter"] = parts
    shadowed = _shadowed(parts)
    if shadowed:
        extras["part"] = shadowed
    for key in ("relatedItem@host", "relatedItem@series", "relatedItem"):
        for item in fields.get(key, []):
            extras_of = _shadowed(item["parts"])
            if extras_of:
                extras.setdefault("relatedItem/part", []).extend(extras_of)
    for key in (
        "location/physicalLocation",
        "location/shelfLocator",
        "recordInfo/recordIdentifier",
    ):
        if len(fields.get(key, [])) > 1:  # after a related item's children kept whole, if any
            extras[key] = [*extras.get(key, ()), *fields[key][1:]]
    if len(hosts) > 1:
        fields.setdefault("relatedItem", []).extend(hosts[1:])
        del hosts[1:]
    if len(fields.get("relatedItem@series", [])) > 1:
        fields.setdefault("relatedItem", []).extend(fields["relatedItem@series"][1:])
        del fields["relatedItem@series"][1:]
    related = fields.pop("relatedItem", [])
    simple = [r for r in related if _is_simple_relation(r)]
    inline = [r for r in related if not _is_simple_relation(r)]
    if simple:
        fields["relatedItem"] = simple
    if inline:
        fields["relatedItem+"] = inline
    if len(fields.get("language", [])) > 1:
        codes = [t for t in fields["language"] if t[0] == "code"] or fields["language"]
        extras["language"] = [t[2] for t in fields["language"] if t is not codes[0]]
    return fields, extras


def fields_to_record(fields: dict[str, Any], rep: Any = None) -> Record:
    """A record from the parsed native fields of one ``<mods>`` (``rep``: reporter of the
    record, or None). Raises pydantic's ValidationError or ValueError for an unreadable one."""
    fields, extras = _prepare(dict(fields))
    data: dict[str, Any] = {}
    ctx = RuleContext(fields=fields, reporter=rep)
    RULE_TABLE.read(fields, data, ctx)
    hub, native = fields["_type"]
    data["type"] = hub
    if native:
        data["native_types"] = {FMT: native}
    if extras:
        data.setdefault("extras", {})[FMT] = extras
        if rep is not None:
            for key in extras:
                if key != "xml":
                    rep.add(
                        Code.UNKNOWN_FIELD,
                        f"MODS {key} has no home in the record: kept in extras",
                        f"extras.{FMT}.{key}",
                        severity="info",
                    )
    record = Record.model_validate(data)
    if rep is not None:
        _flag_invalid(record, rep)
    return record


def _flag_invalid(record: Record, rep: Any) -> None:
    """Report identifiers that fail their check and dates that are not dates (kept as given)."""
    found = [(f"identifiers[{i}]", x) for i, x in enumerate(record.identifiers)]
    if record.container is not None:
        found += [
            (f"container.identifiers[{i}]", x) for i, x in enumerate(record.container.identifiers)
        ]
    for path, ident in found:
        if ident.valid is False:
            rep.add(
                Code.INVALID_VALUE,
                f"{ident.scheme} {ident.value!r} fails its check (kept as given)",
                path,
            )
    for i, d in enumerate(record.dates):
        if d.literal and d.start is None and any(ch.isdigit() for ch in d.literal):
            rep.add(
                Code.INVALID_VALUE,
                f"date {d.literal!r} is not a date (kept as text)",
                f"dates[{i}]",
            )


# -- writing: record -> native fields --------------------------------------------------------


class _Said:
    """The diagnostics of one record's write, kept to know what is already named."""

    __slots__ = ("diags", "rep")

    def __init__(self, rep: RecordReporter) -> None:
        self.rep = rep
        self.diags: list[Diagnostic] = []

    def add(self, code: Code, message: str, field: str) -> None:
        self.diags.append(self.rep.add(code, message, field))


_SKIP = ("extras", "native_types")


def record_to_element(
    record: Record, rep: RecordReporter, *, root: bool = True, ids: set[str] | None = None
) -> Any:
    """The ``<mods>`` element of a record, reporting what MODS cannot hold or holds
    differently (``root``: with the declarations of a document; ``ids``: the ``mods/@ID`` values
    the document holds already, to which the record's is added when it is written)."""
    from biblioconv.formats.mods.writing import build_mods

    said = _Said(rep)
    ctx = RuleContext(hub_type=record.type, record=record, reporter=rep)
    native, carried = RULE_TABLE.write(record, ctx)
    for path, field in sorted(carried.approx.items()):
        if path in carried.exact:
            continue
        said.add(Code.VALUE_COERCED, f"written approximately as MODS {field}", path)
    if record.et_al:
        carried.mark(f"et_al[{i}]" for i in range(len(record.et_al)))
    for path in uncarried(record, carried, skip=_SKIP):
        reason = CROSSWALK.reason(record, path)
        said.add(
            Code.FIELD_DROPPED,
            f"no MODS element for {path}" + (f" ({reason})" if reason else ""),
            path,
        )
    own = record.extras.get(FMT, {})
    kept = own.get("xml")
    if isinstance(kept, list):
        native["_xml"] = [x for x in kept if isinstance(x, str)]
    given = _give_back(own, native)
    given |= _give_back_children(own, native)
    given |= _give_back_origin(own, native)
    given |= _give_back_locations(own, native)
    given |= _give_back_note_types(own, native)
    if _MODS_ID in own:
        given.add(_MODS_ID)  # written back, or said why not
        native["_id"] = _record_id(own[_MODS_ID], ids, said)
    for key in own:
        if key in given:
            continue  # written back where it was
        if key == _GENRE_AUTHORITY and record.genre:
            continue  # written with the genre
        if key == _LIFE_DATES and record.contributors:
            continue  # written with the names
        if key != "xml" and key not in BOOKKEEPING_EXTRAS:
            said.add(
                Code.FIELD_DROPPED,
                f"MODS {key} (kept from the source) is not written",
                f"extras.{FMT}.{key}",
            )
    for other, names in foreign_extras(record, (FMT,)).items():
        said.add(
            Code.FIELD_DROPPED,
            f"{other}-only fields not written: {', '.join(names)}",
            f"extras.{other}",
        )
    _report_shapes(record, carried, said)
    elem = build_mods(native, root=root)
    if native.get("_id") is not None and ids is not None:
        ids.add(native["_id"])
    return elem


#: The extras key of the record's ``mods/@ID`` (an XML ID: unique in its document).
_MODS_ID = "mods/@ID"


def _record_id(kept: Any, ids: set[str] | None, said: _Said) -> str | None:
    """The ``mods/@ID`` a record kept, to write back when it is an XML ID no other record of
    the document has taken (a document with an ID twice is not valid MODS); else None, said."""
    field = f"extras.{FMT}.{_MODS_ID}"
    value = kept[0] if isinstance(kept, list) and len(kept) == 1 else None
    if not isinstance(value, str):
        said.add(
            Code.FIELD_DROPPED, f"MODS {_MODS_ID} (kept from the source) is not written", field
        )
        return None
    if not _is_ncname(value):
        said.add(
            Code.FIELD_DROPPED, f"MODS {_MODS_ID} {value!r} is not an XML ID: not written", field
        )
        return None
    if ids is not None and value in ids:
        said.add(
            Code.FIELD_DROPPED,
            f"MODS {_MODS_ID} {value!r} is an earlier record's ID in this collection: not "
            "written (an ID is unique in a document)",
            field,
        )
        return None
    return value


def _is_ncname(value: str) -> bool:
    """An XML NCName, as an xs:ID is (no colon, no space, no leading digit...)."""
    if value.startswith("{"):  # lxml would take it as a namespace
        return False
    try:
        etree.QName(None, value)
    except ValueError:
        return False
    return True


#: The children of recordInfo and physicalDescription the reader keeps whole (extras
#: ``recordInfo/recordCreationDate``...), by parent: the writer gives them back to the one
#: recordInfo and physicalDescription it writes (the source's several become one). Both are a
#: choice of any order and number in MODS 3.8; the children the writer writes itself are not here.
_KEPT_CHILDREN = {
    "recordInfo": frozenset(
        {
            "recordContentSource",
            "recordCreationDate",
            "recordChangeDate",
            "languageOfCataloging",
            "recordOrigin",
            "descriptionStandard",
            "recordInfoNote",
        }
    ),
    "physicalDescription": frozenset({"reformattingQuality", "digitalOrigin", "note"}),
}
_MODS_TAG = f"{{{V.MODS_NS}}}"


def _give_back_children(own: dict[str, Any], native: dict[str, Any]) -> set[str]:
    """Put in ``native`` (``_children``: parent -> elements) the kept children of
    :data:`_KEPT_CHILDREN`; the extras keys wholly given back (a key with a value that is not
    such an element is not written, and named)."""
    given: set[str] = set()
    for key, values in own.items():
        parent, _, child = key.partition("/")
        if child not in _KEPT_CHILDREN.get(parent, ()) or not isinstance(values, list):
            continue
        elems = []
        for raw in values:
            try:
                elem = etree.fromstring(raw, xmlsafe.parser()) if isinstance(raw, str) else None
            except (etree.XMLSyntaxError, ValueError):
                elem = None
            if elem is None or elem.tag != _MODS_TAG + child:
                break
            elems.append(elem)
        else:
            if elems:
                native.setdefault("_children", {}).setdefault(parent, []).extend(elems)
                given.add(key)
    return given


#: The texts of the originInfo elements the reader keeps (``originInfo/issuance``...), the
#: values MODS 3.8 allows (None: any), written back in the one originInfo the writer writes.
_ORIGIN_KEPT: dict[str, frozenset[str] | None] = {
    "originInfo/issuance": frozenset(
        {
            "continuing",
            "monographic",
            "single unit",
            "multipart monograph",
            "serial",
            "integrating resource",
        }
    ),
    "originInfo/frequency": None,
}


def _give_back_origin(own: dict[str, Any], native: dict[str, Any]) -> set[str]:
    """Put in ``native`` the kept issuance and frequency texts of :data:`_ORIGIN_KEPT`; the
    extras keys wholly given back (a key with a value MODS 3.8 does not allow is not written,
    and named)."""
    given: set[str] = set()
    for key, allowed in _ORIGIN_KEPT.items():
        values = own.get(key)
        if not isinstance(values, list) or not values:
            continue
        if all(isinstance(v, str) and v and (allowed is None or v in allowed) for v in values):
            native["_" + key.rpartition("/")[2]] = values
            given.add(key)
    return given


#: The physical locations and shelf locators after the first (the archive's name and call
#: number), kept by the reader: written back after it in the one location the writer writes.
_LOCATIONS_KEPT = ("location/physicalLocation", "location/shelfLocator")


def _give_back_locations(own: dict[str, Any], native: dict[str, Any]) -> set[str]:
    """Put the kept physical locations and shelf locators in ``native`` after the first (none
    without it: the first reads back as the archive's); the extras keys wholly given back. Only
    texts: the same keys hold a related item's location children, kept whole as XML."""
    given: set[str] = set()
    for key in _LOCATIONS_KEPT:
        values, first = own.get(key), native.get(key)
        if not first or not isinstance(values, list) or not values:
            continue
        if all(_location_text(v) for v in values):
            native[key] = [*first, *values]
            given.add(key)
    return given


#: The note types a description does not hold, with their note's text ([[text, type]...]).
_NOTE_TYPE_KEPT = "mods/note/@type"


def _give_back_note_types(own: dict[str, Any], native: dict[str, Any]) -> set[str]:
    """Give each kept note type back to the first untyped note of its text (all of them, or
    none: a note no longer written leaves the key named)."""
    kept = own.get(_NOTE_TYPE_KEPT)
    if not isinstance(kept, list) or not kept:
        return set()
    notes = list(native.get("abstract") or ())
    for pair in kept:
        if not (
            isinstance(pair, list) and len(pair) == 2 and all(isinstance(v, str) for v in pair)
        ):
            return set()
        text, kind = pair
        at = next(
            (
                i
                for i, d in enumerate(notes)
                if d["element"] == "note" and d["type"] is None and d["text"] == text
            ),
            None,
        )
        if at is None or not kind:
            return set()
        notes[at] = {**notes[at], "type": kind}
    native["abstract"] = notes
    return {_NOTE_TYPE_KEPT}


def _location_text(value: Any) -> bool:
    """A location's text as the reader keeps it (not an element kept whole)."""
    return isinstance(value, str) and value[:1] not in ("", "<") and X.text(value) == value


#: A related item's genre's authority other than local, with its word ([[word, authority]...]).
_HOST_GENRE_AUTHORITY = "relatedItem/genre/@authority"
_RELATED_KEYS = ("relatedItem@host", "relatedItem@series", "relatedItem+")

#: The attributes of the one typeOfResource (a later one is kept verbatim), written back on it.
_RESOURCE_KEPT = ("typeOfResource/@manuscript", "typeOfResource/@collection")


def _give_back(own: dict[str, Any], native: dict[str, Any]) -> set[str]:
    """Put in ``native`` the kept attributes the writer gives back to the elements they were on
    (a url's usage, access, displayLabel, note; typeOfResource's manuscript and collection);
    the extras keys wholly given back."""
    given: set[str] = set()
    entries = own.get(URL_KEPT_KEY)
    if isinstance(entries, list):
        written = {v for k, v, _ in native.get("identifier") or () if k == URL}
        attrs: dict[str, dict[str, str]] = {}
        left = False
        for entry in entries:
            ok = isinstance(entry, list) and len(entry) == 2 and isinstance(entry[1], dict)
            url = entry[0] if ok and isinstance(entry[0], str) else ""
            if url and url in written and url not in attrs:
                attrs[url] = {
                    a: v for a, v in entry[1].items() if a in URL_KEPT and isinstance(v, str)
                }
                left = left or len(attrs[url]) != len(entry[1])
            else:
                left = True  # a url not written, or the same url's other element
        if attrs:
            native["_url_attrs"] = attrs
        if not left:
            given.add(URL_KEPT_KEY)
    kept_roles = own.get(_ROLE_ATTRS)
    if isinstance(kept_roles, list):
        terms = 0  # the roleTerms terms with their kept attributes
        for n in native.get("name") or ():
            held = n.get("role_attrs") or {}
            code, word = n["roles"][0] if n["roles"] else (None, None)
            terms += (held.get("code", ("",))[0] == code) + (held.get("text", ("",))[0] == word)
        total = sum(
            len(item[1]) for item in kept_roles if isinstance(item, list) and len(item) == 2
        )
        if terms == total:
            given.add(_ROLE_ATTRS)
    genre_kept = own.get(_HOST_GENRE_AUTHORITY)
    if isinstance(genre_kept, list):
        pending = [e for e in genre_kept if isinstance(e, list) and len(e) == 2]
        for key in _RELATED_KEYS:
            for item in native.get(key) or ():
                for genre in item.get("genres") or ():
                    hit = next((e for e in pending if e[0] == genre), None)
                    if hit is not None and isinstance(hit[1], str):
                        item.setdefault("genre_authority", {})[genre] = hit[1]
                        pending.remove(hit)
        if not pending and len(genre_kept) == len(
            [e for e in genre_kept if isinstance(e, list) and len(e) == 2]
        ):
            given.add(_HOST_GENRE_AUTHORITY)
    if native.get("typeOfResource"):
        for key in _RESOURCE_KEPT:
            if own.get(key) == ["yes"]:
                native[key] = "yes"
                given.add(key)
    return given


def _report_shapes(record: Record, carried: Any, said: _Said) -> None:
    """What the rules carry but MODS holds in another shape: list elements that come back at
    another position, text whose markup or runs of spaces MODS does not keep, dates whose text
    reads as another date, pages that read back in another form."""
    from biblioconv.listorder import moved, sequences

    named = {d.field for d in said.diags if d.field}
    order = sequences(carried.elements)
    if record.contributors:
        ctx = RuleContext(record=record)
        written = [i for i, c in enumerate(record.contributors) if not _host_role(c, ctx)]
        written += [i for i, c in enumerate(record.contributors) if _host_role(c, ctx)]
        people = [i for i in order.get("contributors", []) if i in set(written)]
        order["contributors"] = [i for i in written if i in set(people)]
    for path in moved(record, order):
        if path not in named:
            said.add(Code.VALUE_COERCED, f"{path} comes back at another position in MODS", path)
            named.add(path)
    for path, value in leaves(record).items():
        if not isinstance(value, str) or path.startswith(("extras.", "native_types")):
            continue
        if X.text(value) != value and not _under(path, named):
            said.add(
                Code.VALUE_COERCED,
                "MODS text keeps no rich-text markup and no runs of spaces",
                path,
            )
    for i, d in enumerate(record.dates):
        if d.literal and d.start is None and d.end is None:
            item = {"text": X.text(d.literal), "encoding": None, "point": None, "qualifier": None}
            again = X.date_from_native([item], d.type) or {}
            if again.get("literal") is None:
                said.add(
                    Code.VALUE_COERCED,
                    "free-text date that a MODS reader reads as a date",
                    f"dates[{i}]",
                )
    c = record.container
    if c is not None and _container_is_host(c):  # read back as the record's (see _prepare)
        if c.publisher is not None and record.publisher is None:
            for path in ("container.publisher", "publisher"):
                said.add(
                    Code.VALUE_COERCED,
                    "the host's publisher comes back as the record's (it has none)",
                    path,
                )
        if c.issued is not None and c.issued.type == "issued" and record.issued is None:
            for path in ("container.issued", "dates(type=issued)"):
                said.add(
                    Code.VALUE_COERCED,
                    "the host's date comes back as the record's (it has none)",
                    path,
                )
    pages = record.container.pages if record.container is not None else None
    if pages is not None and PageRange.parse(X.text(pages.text("-"))) != pages:
        said.add(Code.VALUE_COERCED, "pages read back in another form", "container.pages")
    _report_identifiers(record, said, named)
    _report_host_ids(record, said)


def _report_host_ids(record: Record, said: _Said) -> None:
    """What of a host's, series' or related item's identifiers MODS does not hold: a label
    that is not an ISBN's or ISSN's qualifier, a scheme URI (the identifiers themselves are
    written, so the rules count them as carried whole)."""
    hosts = [("container", record.container), ("series", record.series)]
    hosts += [(f"related_items[{i}]", r) for i, r in enumerate(record.related_items)]
    for path, c in hosts:
        for j, x in enumerate(c.identifiers if c is not None else ()):
            kept = _identifier_parts(x)
            for part in ("label", "scheme_uri"):
                if getattr(x, part) and part not in kept:
                    said.add(
                        Code.FIELD_DROPPED,
                        f"no MODS home for an identifier's {part} in a relatedItem",
                        f"{path}.identifiers[{j}].{part}",
                    )


def _report_identifiers(record: Record, said: _Said, named: set[str]) -> None:
    """Identifiers that read back otherwise: an ISBN or ISSN ending in a parenthesised word
    (its label, read back), a URL given again (read back once)."""
    urls: set[str] = set()
    dropped = False
    for i, x in enumerate(record.identifiers):
        path = f"identifiers[{i}]"
        if x.scheme == "url":
            text = X.text(x.value)
            if text in urls:
                dropped = True
                if not _under(path, named):
                    said.add(Code.VALUE_COERCED, "the same URL again is read back once", path)
                    named.add(path)
                continue
            urls.add(text)
        if dropped and not _under(path, named):
            said.add(
                Code.VALUE_COERCED,
                f"{path} comes back at another position in MODS (a URL before it is repeated)",
                path,
            )
            named.add(path)
        elif (
            x.scheme in X.QUALIFIED_SCHEMES
            and X.identifier_from_native(x.scheme, X.text(x.value)).get("label")
            and not _under(path, named)
        ):
            said.add(
                Code.VALUE_COERCED,
                "a parenthesised word after an ISBN or ISSN is read back as its label",
                path,
            )


def _under(path: str, named: set[str]) -> bool:
    return any(path == n or path.startswith((n + ".", n + "[")) for n in named if n)


# -- the crosswalk ---------------------------------------------------------------------------


@cache
def _rows() -> tuple[FieldMap, ...]:
    from biblioconv.formats.mods.coverage import element_rows

    def rule_rows() -> Iterator[FieldMap]:
        for rule in RULES:
            fm = rule.field_map()
            yield fm
            for part in rule.parts if isinstance(rule.parts, tuple) else ():
                yield FieldMap(fm.field, f"{rule.home}.{part}", rule.kind)

    return distinct_rows(rule_rows(), element_rows())


UNMAPPED: dict[str, str] = {
    "citation_key": "MODS has no citation key",
    "version": "no MODS element for a version",
    "number": "no MODS element for a report or document number",
    "section": "no MODS element for a section",
    "number_of_volumes": "no MODS element for a number of volumes",
    "event.place": "a conference name holds no place",
    "event.date": "a conference name holds no date",
    "funding.award_number": "MODS names a funder but holds no award",
    "funding.award_title": "MODS names a funder but holds no award",
    "funding.award_uri": "MODS names a funder but holds no award",
    "publisher.identifiers": "no identifier of a publisher in originInfo",
    "contributors.dropping_particle": "joined into the given name",
    "contributors.non_dropping_particle": "joined into the family name",
    "geo_locations.point": "MODS coordinates are free text (cartographics), not written",
    "geo_locations.box": "MODS coordinates are free text (cartographics), not written",
    "geo_locations.polygons": "MODS coordinates are free text (cartographics), not written",
    "attachments": "no MODS element for attached files",
    "original": "no MODS element for an original publication (beyond relatedItem original)",
    "publication_status": "no MODS element for a publication status",
    "peer_reviewed": "no MODS element for peer review",
    "citation": "no MODS element for a citation as given",
    "archive.location": "only physicalLocation and shelfLocator",
    "archive.collection": "only physicalLocation and shelfLocator",
    "archive.place": "only physicalLocation and shelfLocator",
    "archive.database": "only physicalLocation and shelfLocator",
    "archive.accession_number": "only physicalLocation and shelfLocator",
    "relations.resource_type": "a related item's resource type is not written",
    "identifiers.label": "identifier/@type holds the scheme (an ISBN's or ISSN's label is "
    "written as its parenthesised qualifier)",
}

CROSSWALK = Crosswalk(format=FMT, fields=_rows(), types=V.TYPES, unmapped=UNMAPPED)
