"""The native fields of the rule table as MODS 3.8 XML: :func:`build_mods` makes one ``<mods>``
element of the shapes :mod:`biblioconv.formats.mods.mapping` parses, so that the writer can read
its own output back through the same parser."""

from __future__ import annotations

from typing import Any

from lxml import etree

from biblioconv import xmlsafe
from biblioconv.formats.mods.mapping import URL
from biblioconv.formats.mods.vocab import MODS_NS, XLINK_NS

__all__ = ["NSMAP", "SCHEMA_LOCATION", "build_mods"]

NSMAP: Any = {None: MODS_NS, "xlink": XLINK_NS, "xsi": "http://www.w3.org/2001/XMLSchema-instance"}
SCHEMA_LOCATION = f"{MODS_NS} http://www.loc.gov/standards/mods/v3/mods-3-8.xsd"
_M = f"{{{MODS_NS}}}"
_HREF = f"{{{XLINK_NS}}}href"


def _sub(parent: Any, name: str, text: str | None = None, **attrs: str | None) -> Any:
    elem = etree.SubElement(parent, _M + name)
    for key, value in attrs.items():
        if value is not None:
            elem.set(_HREF if key == "href" else key, value)
    if text is not None:
        elem.text = text
    return elem


def _title_info(parent: Any, info: dict[str, Any]) -> None:
    elem = _sub(parent, "titleInfo", type=info.get("type"), lang=info.get("lang"))
    for key in ("title", "subTitle", "partNumber", "partName"):
        if info.get(key):
            _sub(elem, key, info[key])


def _name(parent: Any, n: dict[str, Any]) -> None:
    elem = _sub(parent, "name", type=n["kind"] or None, lang=n.get("lang"))
    if n["etal"]:
        _sub(elem, "etal")
    for kind in ("family", "given", "", "termsOfAddress", "date"):
        for value in n["parts"].get(kind, []):
            _sub(elem, "namePart", value, type=kind or None)
    for value in n["display"]:
        _sub(elem, "displayForm", value)
    for aff in n["affiliations"]:
        _sub(elem, "affiliation", aff)
    kept = n.get("role_attrs") or {}  # of the first role's terms: (value read, attributes)
    for i, (code, word) in enumerate(n["roles"]):
        role = _sub(elem, "role")
        if code:
            value, more = kept.get("code", ("", {})) if i == 0 else ("", {})
            attrs = {"authority": "marcrelator", **(more if value == code else {})}
            _sub(role, "roleTerm", code, type="code", **attrs)
        if word:
            value, more = kept.get("text", ("", {})) if i == 0 else ("", {})
            _sub(role, "roleTerm", word, type="text", **(more if value == word else {}))
    for scheme, value in n["ids"]:
        _sub(elem, "nameIdentifier", value, type=scheme)


def _date(parent: Any, d: dict[str, Any]) -> None:
    _sub(
        parent,
        d["element"],
        d["text"],
        encoding=d.get("encoding"),
        point=d.get("point"),
        qualifier=d.get("qualifier"),
        type=d.get("type") if d["element"] == "dateOther" else None,
    )


def _origin(parent: Any, fields: dict[str, Any]) -> None:
    pubs = fields.get("originInfo/publisher") or []
    dates = fields.get("originInfo/dates") or []
    editions = fields.get("originInfo/edition") or []
    kept = (fields.get("_issuance") or [], fields.get("_frequency") or [])  # as read
    if not (pubs or dates or editions or kept[0] or kept[1]):
        return
    elem = _sub(parent, "originInfo")
    for pub in pubs[:1]:
        if pub.get("name"):
            _sub(elem, "publisher", pub["name"])
        if pub.get("place"):
            place = _sub(elem, "place")
            _sub(place, "placeTerm", pub["place"], type="text")
    for d in dates:
        _date(elem, d)
    for edition in editions[:1]:
        _sub(elem, "edition", edition)
    for name, values in zip(("issuance", "frequency"), kept, strict=True):
        for value in values:
            _sub(elem, name, value)


def _part(parent: Any, part: dict[str, Any]) -> None:
    elem = _sub(parent, "part")
    for kind in ("volume", "issue", "number", "chapter"):
        if part.get(kind):
            detail = _sub(elem, "detail", type=kind)
            _sub(detail, "number", part[kind])
    pages = part.get("pages")
    if pages:
        extent = _sub(elem, "extent", unit="pages")
        first, dash, last = pages.partition("-")
        if dash and first and last and "-" not in last and "," not in pages:
            _sub(extent, "start", first)
            _sub(extent, "end", last)
        elif not dash and "," not in pages and " " not in pages:
            _sub(extent, "start", pages)
        else:
            _sub(extent, "list", pages)


def _identifier(parent: Any, kind: str, value: str) -> None:
    _sub(parent, "identifier", value, type=kind or None)


def _related(parent: Any, item: dict[str, Any], names: list[dict[str, Any]]) -> None:
    elem = _sub(
        parent,
        "relatedItem",
        type=item.get("type"),
        otherType=item.get("otherType"),
        href=item.get("href"),
    )
    for info in item.get("titles", []):
        _title_info(elem, info)
    for n in names:
        _name(elem, n)
    kept = item.get("genre_authority") or {}  # as read, when not local
    for genre in item.get("genres", []):
        _sub(elem, "genre", genre, authority=kept.get(genre, "local"))
    _origin(elem, item)
    for kind, value, _ in item.get("ids", []):
        if kind == URL:
            _sub(_sub(elem, "location"), "url", value)
        else:
            _identifier(elem, kind, value)
    for note in item.get("notes", []):
        _sub(elem, "note", note)
    for part in item.get("parts", []):
        _part(elem, part)


def build_mods(fields: dict[str, Any], *, root: bool = True) -> Any:
    """One ``<mods version="3.8">`` element of the native fields (``root``: with the namespace
    declarations and schema location of a document)."""
    nsmap: Any = NSMAP if root else {None: MODS_NS, "xlink": XLINK_NS}
    mods = etree.Element(_M + "mods", nsmap=nsmap)
    if root:
        mods.set("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation", SCHEMA_LOCATION)
    mods.set("version", "3.8")
    if fields.get("_id"):
        mods.set("ID", fields["_id"])
    infos = [dict(i) for i in fields.get("titleInfo", [])]
    for key, field in (("partNumber", "titleInfo/partNumber"),):
        values = fields.get(field)
        if values:
            if not infos:
                infos.append({"type": None, "lang": None})
            infos[0][key] = values[0]
    for info in infos:
        _title_info(mods, info)
    names = fields.get("name", [])
    top = [n for n in names if not n["host"]]
    host_names = [n for n in names if n["host"]]
    for n in top + fields.get("name@conference", []) + fields.get("name@funder", []):
        _name(mods, n)
    if fields.get("typeOfResource"):
        _sub(
            mods,
            "typeOfResource",
            fields["typeOfResource"],
            manuscript=fields.get("typeOfResource/@manuscript"),
            collection=fields.get("typeOfResource/@collection"),
        )
    if fields.get("genre@marcgt"):
        _sub(mods, "genre", fields["genre@marcgt"], authority="marcgt")
    if fields.get("genre@local"):
        _sub(mods, "genre", fields["genre@local"], authority="local")
    for authority, word in fields.get("genre", []):
        _sub(mods, "genre", word, authority=authority or None)
    _origin(mods, fields)
    for kind, authority, value in fields.get("language", []):
        lang = _sub(mods, "language")
        _sub(lang, "languageTerm", value, type=kind, authority=authority or None)
    extents = fields.get("physicalDescription/extent@pages", []) + fields.get(
        "physicalDescription/extent", []
    )
    forms = fields.get("physicalDescription/form", [])
    kept = fields.get("_children") or {}  # children read whole, by parent (as parsed)
    if extents or forms or kept.get("physicalDescription"):
        phys = _sub(mods, "physicalDescription")
        for form in forms:
            _sub(phys, "internetMediaType" if "/" in form else "form", form)
        for unit, value in extents:
            _sub(phys, "extent", value, unit=unit)
        phys.extend(kept.get("physicalDescription", ()))
    for d in fields.get("abstract", []):
        _sub(mods, d["element"], d["text"], type=d.get("type"), lang=d.get("lang"))
    for s in fields.get("subject", []):
        subject = _sub(
            mods,
            "subject",
            authority=s.get("scheme"),
            authorityURI=s.get("scheme_uri"),
            valueURI=s.get("value_uri"),
            lang=s.get("lang"),
        )
        _sub(subject, s.get("kind") or "topic", s["term"])
    places = fields.get("subject/geographic", [])
    for place in places:
        subject = _sub(mods, "subject")
        _sub(subject, "geographic", place)
    for c in fields.get("classification", []):
        _sub(mods, "classification", c["term"], authority=c.get("scheme"))
    hosts = fields.get("relatedItem@host", [])
    if host_names and not hosts:
        hosts = [{"type": "host"}]
    for i, item in enumerate(hosts):
        _related(mods, item, host_names if i == 0 else [])
    for key in ("relatedItem@series", "relatedItem", "relatedItem+"):
        for item in fields.get(key, []):
            _related(mods, item, item.get("names", []))
    url_attrs = dict(fields.get("_url_attrs") or {})  # on a url's first element
    for kind, value, _ in fields.get("identifier", []):
        if kind == URL:  # with the attributes it was read with (usage, displayLabel...)
            _sub(_sub(mods, "location"), "url", value, **url_attrs.pop(value, {}))
        else:
            _identifier(mods, kind, value)
    physical = fields.get("location/physicalLocation", [])
    shelf = fields.get("location/shelfLocator", [])
    if physical or shelf:
        loc = _sub(mods, "location")
        for value in physical:
            _sub(loc, "physicalLocation", value)
        for value in shelf:
            _sub(loc, "shelfLocator", value)
    for c in fields.get("accessCondition@restriction", []) + fields.get("accessCondition", []):
        _sub(mods, "accessCondition", c["text"] or None, type=c.get("type"), href=c.get("href"))
    parts = list(fields.get("part", []))
    for chapter in fields.get("part@chapter", []):
        if parts:
            parts[0] = {**parts[0], **chapter}
        else:
            parts.append(chapter)
    for part in parts:
        _part(mods, part)
    infos_kept = kept.get("recordInfo", [])
    for i, value in enumerate(
        fields.get("recordInfo/recordIdentifier") or [None] * bool(infos_kept)
    ):
        info = _sub(mods, "recordInfo")
        if value is not None:
            _sub(info, "recordIdentifier", value)
        if i == 0:
            info.extend(infos_kept)
    for raw in fields.get("_xml", []):
        try:
            mods.append(etree.fromstring(raw, xmlsafe.parser()))
        except (etree.XMLSyntaxError, ValueError):
            continue
    return mods
