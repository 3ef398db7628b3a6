"""MODS XML to the native fields the rule table reads (and back: see
:mod:`biblioconv.formats.mods.writing`).

:func:`parse_mods` turns one ``<mods>`` element (any version 3.0-3.8, any namespace prefix) into a
mapping of native fields, each a list of plain values or small dicts, named as the crosswalk
names them (``titleInfo``, ``name``, ``originInfo/dateIssued``...). What the parser does not
consume is kept, not dropped: a whole top-level element it does not know goes verbatim to
``_xml`` (written back by the MODS writer), an attribute or a sub-element it does not know inside
one it maps goes to ``_unmapped`` under its field name (``titleInfo/@script``), kept in the
record's extras.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from biblioconv.formats.mods.vocab import DATE_OF_ELEMENT, MODS_NS, XLINK_NS

__all__ = ["URL", "canonical_xml", "local", "parse_mods"]

#: The identifier type under which location/url is listed with the identifiers.
URL = "location/url"

_IGNORED_ATTRS = frozenset(
    {
        "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation",
        "{http://www.w3.org/2001/XMLSchema-instance}noNamespaceSchemaLocation",
    }
)
_HREF = f"{{{XLINK_NS}}}href"
_NSMAP: Any = {None: MODS_NS, "xlink": XLINK_NS}


_LOCALS: dict[Any, str] = {}


def local(tag: Any) -> str:
    """The local name of an element tag (``''`` for comments and processing instructions)."""
    try:
        return _LOCALS[tag]
    except (KeyError, TypeError):
        pass
    name = tag.rpartition("}")[2] if isinstance(tag, str) else ""
    if isinstance(tag, str) and len(_LOCALS) < 4096:
        _LOCALS[tag] = name
    return name


def _clean(text: str | None) -> str:
    return " ".join(text.split()) if text else ""


def canonical_xml(elem: Any) -> str:
    """An element as MODS XML text in the default namespace (whatever prefix it had), so that
    a kept element reads back as the same text."""

    def copy(src: Any, parent: Any) -> Any:
        name = src.tag
        new = (
            etree.SubElement(parent, name, nsmap=None)
            if parent is not None
            else etree.Element(name, nsmap=_NSMAP)
        )
        for key, value in src.attrib.items():
            new.set(key, value)
        new.text = src.text if (src.text or "").strip() else None
        for child in src:
            if isinstance(child.tag, str):
                sub = copy(child, new)
                sub.tail = child.tail if (child.tail or "").strip() else None
        return new

    out = copy(elem, None)
    out.tail = None
    return etree.tostring(out, encoding="unicode")


class _Parse:
    """Reads elements and attributes, remembering what it consumed."""

    __slots__ = ("unmapped", "used")

    def __init__(self) -> None:
        self.used: set[Any] = set()
        self.unmapped: dict[str, list[Any]] = {}

    def attr(self, elem: Any, name: str) -> str | None:
        value: str | None = elem.get(name)
        if value is not None:
            self.used.add((elem, name))
        return value

    def text(self, elem: Any) -> str:
        self.used.add(elem)
        return _clean(elem.text)

    def kids(self, elem: Any, *names: str) -> list[Any]:
        out = [c for c in elem if local(c.tag) in names]
        self.used.update(out)
        return out

    def kid_text(self, elem: Any, name: str) -> str:
        for c in elem:
            if local(c.tag) == name:
                return self.text(c)
        return ""

    def leftovers(self, top: Any) -> None:
        """Keep what was not consumed under ``top`` (which was)."""
        used = self.used
        stack = [top]
        while stack:
            elem = stack.pop()
            keys = elem.keys()
            if keys:
                name = local(elem.tag)
                for key in keys:
                    if (elem, key) in used or key in _IGNORED_ATTRS:
                        continue
                    attr = key.rpartition("}")[2] if key.startswith("{") else key
                    self.unmapped.setdefault(f"{name}/@{attr}", []).append(elem.get(key))
            for child in elem:
                if child in used:
                    stack.append(child)
                elif isinstance(child.tag, str):
                    key = f"{local(elem.tag)}/{local(child.tag)}"
                    self.unmapped.setdefault(key, []).append(canonical_xml(child))


def _lang(p: _Parse, elem: Any) -> str | None:
    value = p.attr(elem, "lang") or p.attr(elem, "{http://www.w3.org/XML/1998/namespace}lang")
    return str(value) if value is not None else None


def _title_info(p: _Parse, elem: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"type": p.attr(elem, "type"), "lang": _lang(p, elem)}
    for child in elem:
        name = local(child.tag)
        if name in ("title", "subTitle", "nonSort", "partNumber", "partName"):
            if name in out or (name == "nonSort" and "title" in out):
                continue  # a second one is left over
            text = p.text(child)
            if name == "nonSort" and child.text and child.text.endswith(" "):
                text += " "
            if text:
                out[name] = text
            if name == "nonSort":
                p.attr(child, "{http://www.w3.org/XML/1998/namespace}space")
    return out


def _name(p: _Parse, elem: Any, host: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": p.attr(elem, "type") or "", "host": host}
    out["lang"] = _lang(p, elem)
    parts: dict[str, list[str]] = {}
    display: list[str] = []
    roles: list[tuple[str | None, str | None]] = []
    ids: list[tuple[str, str]] = []
    affiliations: list[str] = []
    etal = False
    used = p.used
    for child in elem:
        name = local(child.tag)
        if name == "namePart":
            used.add(child)
            kind = p.attr(child, "type") or ""
            text = p.text(child)
            if text:
                parts.setdefault(kind, []).append(text)
        elif name == "displayForm":
            text = p.text(child)
            if text:
                display.append(text)
        elif name == "role":
            used.add(child)
            code = word = None
            for term in p.kids(child, "roleTerm"):
                value = p.text(term)
                for attr in ("authority", "authorityURI", "valueURI", "lang"):
                    p.attr(term, attr)
                if (p.attr(term, "type") or "text") == "code":
                    code = code or value
                else:
                    word = word or value
            roles.append((code, word))
        elif name == "nameIdentifier":
            value = p.text(child)
            if value:
                ids.append((p.attr(child, "type") or "", value))
        elif name == "affiliation":
            text = p.text(child)
            if text:
                affiliations.append(text)
        elif name == "etal":
            used.add(child)
            etal = True
    uri = p.attr(elem, "valueURI")
    if uri:
        ids.append(("uri", uri))
    out.update(
        parts=parts, display=display, roles=roles, ids=ids, affiliations=affiliations, etal=etal
    )
    return out


def _date(p: _Parse, elem: Any, name: str) -> dict[str, Any]:
    return {
        "element": name,
        "text": p.text(elem),
        "encoding": p.attr(elem, "encoding"),
        "point": p.attr(elem, "point"),
        "qualifier": p.attr(elem, "qualifier"),
        "type": p.attr(elem, "type"),
        "keyDate": p.attr(elem, "keyDate"),
    }


def _origin(p: _Parse, elem: Any, fields: dict[str, Any], prefix: str = "") -> None:
    publisher: dict[str, Any] = {}
    for child in elem:
        name = local(child.tag)
        if name == "publisher":
            text = p.text(child)
            if text and "name" not in publisher:
                publisher["name"] = text
            elif text:
                fields.setdefault(f"{prefix}originInfo/publisher+", []).append(text)
        elif name == "place":
            p.used.add(child)
            for term in p.kids(child, "placeTerm"):
                kind = p.attr(term, "type") or "text"
                text = p.text(term)
                if kind == "code":
                    p.attr(term, "authority")
                    fields.setdefault(f"{prefix}originInfo/place/placeTerm@code", []).append(text)
                elif text and "place" not in publisher:
                    publisher["place"] = text
                elif text:
                    fields.setdefault(f"{prefix}originInfo/place+", []).append(text)
        elif name in DATE_OF_ELEMENT or name == "dateOther":
            p.used.add(child)
            fields.setdefault(f"{prefix}originInfo/dates", []).append(_date(p, child, name))
        elif name == "edition":
            text = p.text(child)
            if text:
                fields.setdefault(f"{prefix}originInfo/edition", []).append(text)
        elif name in ("issuance", "frequency"):
            text = p.text(child)
            if text:
                fields.setdefault(f"{prefix}originInfo/{name}", []).append(text)
    p.attr(elem, "eventType")
    if publisher:
        fields.setdefault(f"{prefix}originInfo/publisher", []).append(publisher)


def _part(p: _Parse, elem: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for child in elem:
        name = local(child.tag)
        if name == "detail":
            p.used.add(child)
            kind = (p.attr(child, "type") or "").lower()
            number = p.kid_text(child, "number") or p.kid_text(child, "caption")
            if kind in ("page", "pages") and number:
                out.setdefault("pages", number)
            elif number and kind not in out:
                out[kind or "number"] = number
        elif name == "extent":
            p.used.add(child)
            p.attr(child, "unit")
            start, end = p.kid_text(child, "start"), p.kid_text(child, "end")
            listed = p.kid_text(child, "list")
            total = p.kid_text(child, "total") if (start or end or listed) else ""
            if start or end:
                out["pages"] = f"{start}-{end}" if start and end else (start or end)
            elif listed:
                out["pages"] = listed
            if total:
                p.unmapped.setdefault("part/extent/total", []).append(total)
    return out


def _identifier(p: _Parse, elem: Any) -> tuple[str, str, bool] | None:
    value = p.text(elem)
    if not value:
        return None
    kind = p.attr(elem, "type") or ""
    invalid = (p.attr(elem, "invalid") or "") == "yes"
    return kind, value, invalid


def _related(p: _Parse, elem: Any) -> dict[str, Any]:
    """A relatedItem: the MODS elements a container, series or related item holds."""
    out: dict[str, Any] = {
        "type": p.attr(elem, "type"),
        "otherType": p.attr(elem, "otherType"),
        "href": p.attr(elem, _HREF),
    }
    titles, names, ids, parts, notes, genres = [], [], [], [], [], []
    for child in elem:
        name = local(child.tag)
        if name == "titleInfo":
            p.used.add(child)
            titles.append(_title_info(p, child))
        elif name == "name":
            p.used.add(child)
            names.append(_name(p, child, host=out["type"] == "host"))
        elif name == "identifier":
            p.used.add(child)
            got = _identifier(p, child)
            if got:
                ids.append(got)
        elif name == "part":
            p.used.add(child)
            parts.append(_part(p, child))
        elif name == "originInfo":
            p.used.add(child)
            _origin(p, child, out)
        elif name == "note":
            text = p.text(child)
            if text:
                notes.append(text)
        elif name == "genre":
            text = p.text(child)
            p.attr(child, "authority")
            if text:
                genres.append(text)
        elif name == "location":
            p.used.add(child)
            for url in p.kids(child, "url"):
                text = p.text(url)
                if text:
                    ids.append((URL, text, False))
    out.update(titles=titles, names=names, ids=ids, parts=parts, notes=notes, genres=genres)
    return out


def _subject(p: _Parse, elem: Any, fields: dict[str, Any]) -> None:
    base = {
        "scheme": p.attr(elem, "authority"),
        "scheme_uri": p.attr(elem, "authorityURI"),
        "value_uri": p.attr(elem, "valueURI"),
        "lang": _lang(p, elem),
    }
    for child in elem:
        name = local(child.tag)
        if name in ("topic", "temporal", "occupation", "genre"):
            text = p.text(child)
            if not text:
                continue
            item = dict(base)
            for key, attr in (("scheme", "authority"), ("scheme_uri", "authorityURI")):
                item[key] = p.attr(child, attr) or item[key]
            item["value_uri"] = p.attr(child, "valueURI") or item["value_uri"]
            item["lang"] = _lang(p, child) or item["lang"]
            item["term"] = text
            item["kind"] = name
            fields.setdefault("subject", []).append(item)
        elif name == "geographic":
            text = p.text(child)
            if text:
                fields.setdefault("subject/geographic", []).append(text)


def _location(p: _Parse, elem: Any, fields: dict[str, Any]) -> None:
    for child in elem:
        name = local(child.tag)
        if name == "url":
            text = p.text(child)
            for attr in ("usage", "access"):
                p.attr(child, attr)
            accessed = p.attr(child, "dateLastAccessed")
            if text:  # with the identifiers, in document order
                fields.setdefault("identifier", []).append((URL, text, False))
            if accessed:
                fields.setdefault("location/url/@dateLastAccessed", []).append(accessed)
        elif name == "physicalLocation":
            text = p.text(child)
            p.attr(child, "authority")
            if text:
                fields.setdefault("location/physicalLocation", []).append(text)
        elif name == "shelfLocator":
            text = p.text(child)
            if text:
                fields.setdefault("location/shelfLocator", []).append(text)


def parse_mods(elem: Any) -> dict[str, Any]:
    """The native fields of one ``<mods>`` element (see the module docstring)."""
    p = _Parse()
    p.used.add(elem)
    p.attr(elem, "version")
    p.attr(elem, "ID")
    fields: dict[str, Any] = {}
    kept: list[str] = []
    for child in elem:
        name = local(child.tag)
        if not name:
            continue
        p.used.add(child)
        add = fields.setdefault
        if name == "titleInfo":
            add("titleInfo", []).append(_title_info(p, child))
        elif name == "name":
            add("name", []).append(_name(p, child, host=False))
        elif name == "typeOfResource":
            text = p.text(child)
            p.attr(child, "manuscript")
            p.attr(child, "collection")
            if text:
                add("typeOfResource", []).append(text)
        elif name == "genre":
            text = p.text(child)
            authority = p.attr(child, "authority") or ""
            if text:
                add("genre", []).append((authority, text))
        elif name == "originInfo":
            _origin(p, child, fields)
        elif name == "language":
            for term in p.kids(child, "languageTerm"):
                kind = p.attr(term, "type") or "text"
                authority = p.attr(term, "authority") or ""
                p.attr(term, "authorityURI")
                p.attr(term, "valueURI")
                _lang(p, term)
                text = p.text(term)
                if text:
                    add("language", []).append((kind, authority, text))
        elif name == "physicalDescription":
            for sub in child:
                sub_name = local(sub.tag)
                if sub_name == "extent":
                    text = p.text(sub)
                    unit = p.attr(sub, "unit")
                    if text:
                        add("physicalDescription/extent", []).append((unit, text))
                elif sub_name in ("form", "internetMediaType"):
                    text = p.text(sub)
                    if sub_name == "form":
                        p.attr(sub, "authority")
                    if text:
                        add("physicalDescription/form", []).append(text)
        elif name in ("abstract", "tableOfContents", "note"):
            text = p.text(child)
            note_type = p.attr(child, "type") if name == "note" else None
            lang = _lang(p, child)
            if text:
                item = {"element": name, "text": text, "type": note_type, "lang": lang}
                add("abstract", []).append(item)
        elif name == "subject":
            _subject(p, child, fields)
        elif name == "classification":
            text = p.text(child)
            if text:
                add("classification", []).append(
                    {"term": text, "scheme": p.attr(child, "authority")}
                )
        elif name == "identifier":
            got = _identifier(p, child)
            if got:
                add("identifier", []).append(got)
        elif name == "location":
            _location(p, child, fields)
        elif name == "accessCondition":
            text = p.text(child)
            kind = p.attr(child, "type") or ""
            href = p.attr(child, _HREF)
            if text or href:
                add("accessCondition", []).append({"text": text, "type": kind, "href": href})
        elif name == "part":
            add("part", []).append(_part(p, child))
        elif name == "relatedItem":
            kind = child.get("type")
            key = "relatedItem" if kind not in ("host", "series") else f"relatedItem@{kind}"
            add(key, []).append(_related(p, child))
        elif name == "recordInfo":
            for sub in p.kids(child, "recordIdentifier"):
                text = p.text(sub)
                p.attr(sub, "source")
                if text:
                    add("recordInfo/recordIdentifier", []).append(text)
        else:
            p.used.discard(child)
            kept.append(canonical_xml(child))
    for child in elem:
        if child in p.used:
            p.leftovers(child)
    for key, value in elem.attrib.items():
        if (elem, key) not in p.used and key not in _IGNORED_ATTRS:
            p.unmapped.setdefault(f"mods/@{key}", []).append(value)
    if kept:
        fields["_xml"] = kept
    if p.unmapped:
        fields["_unmapped"] = p.unmapped
    return fields
