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

from collections.abc import Callable
from typing import Any

from lxml import etree

from biblioconv.formats.mods.vocab import DATE_OF_ELEMENT, MODS_NS, XLINK_NS
from biblioconv.xmlsafe import local_name as local

__all__ = ["URL", "URL_KEPT", "URL_KEPT_KEY", "canonical_xml", "local", "parse_mods"]

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


# -- what a mapped element leaves unread ------------------------------------------------------
#
# Each reader of an element knows which of its attributes and children it reads; what it does
# not read is kept under the element's name (``titleInfo/@script``, ``name/description``), in the
# order of a walk that takes an element's attributes, then its unread children, then its read
# children (the last first), each with what it leaves. The readers add these (key, value)
# entries to a list given to them; a read element with no other attribute and no child (the
# usual case) is checked with two calls into lxml and leaves nothing.

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

_Rest = list[tuple[str, Any]]

_NO_ATTRS: frozenset[str] = frozenset()


def _attrs(*names: str) -> tuple[frozenset[str], frozenset[str]]:
    """The attributes read with ``lang``: when ``lang`` has a value, ``xml:lang`` is not read."""
    return frozenset((*names, "lang")), frozenset((*names, "lang", _XML_LANG))


def _lang_of(elem: Any) -> str | None:
    value = elem.get("lang") or elem.get(_XML_LANG)
    return str(value) if value is not None else None


def _read_attrs(elem: Any, pair: tuple[frozenset[str], frozenset[str]]) -> frozenset[str]:
    return pair[0] if elem.get("lang") else pair[1]


def _left_attrs(elem: Any, read: frozenset[str], rest: _Rest) -> None:
    name = local(elem.tag)
    for key, value in elem.items():
        if key in read or key in _IGNORED_ATTRS:
            continue
        attr = key.rpartition("}")[2] if key.startswith("{") else key
        rest.append((f"{name}/@{attr}", value))


def _left_kid(parent: str, child: Any, rest: _Rest) -> None:
    rest.append((f"{parent}/{local(child.tag)}", canonical_xml(child)))


def _leaf(elem: Any, read: frozenset[str]) -> _Rest:
    """What a read element none of whose children is read leaves: its other attributes, its
    element children (callers first check ``len(elem) or not read.issuperset(elem.keys())``)."""
    rest: _Rest = []
    _left_attrs(elem, read, rest)
    if len(elem):
        name = local(elem.tag)
        for child in elem:
            if isinstance(child.tag, str):
                _left_kid(name, child, rest)
    return rest


def _close(elem: Any, read: frozenset[str], own: _Rest, subs: list[_Rest], rest: _Rest) -> None:
    """An element's entries: its unread attributes, its unread children (``own``), then what
    its read children leave (``subs``, in document order: the last first)."""
    if not read.issuperset(elem.keys()):
        _left_attrs(elem, read, rest)
    if own:
        rest.extend(own)
    for sub in reversed(subs):
        rest.extend(sub)


def _with_kids(elem: Any, read: frozenset[str], kids: list[Any], rest: _Rest) -> None:
    """The entries of an element whose read children are ``kids`` (each read as a leaf)."""
    own: _Rest = []
    subs: list[_Rest] = []
    parent = local(elem.tag)
    for child in elem:
        if any(child is k for k in kids):
            if len(child) or child.keys():
                subs.append(_leaf(child, _NO_ATTRS))
        elif isinstance(child.tag, str):
            _left_kid(parent, child, own)
    _close(elem, read, own, subs, rest)


def _text(elem: Any) -> str:
    text = elem.text
    return " ".join(text.split()) if text else ""


def _first_kid(elem: Any, name: str, kids: list[Any]) -> str:
    """The text of the first ``name`` child (read, whatever its text), or ''."""
    for c in elem:
        if local(c.tag) == name:
            kids.append(c)
            text = c.text
            return " ".join(text.split()) if text else ""
    return ""


# -- the elements ----------------------------------------------------------------------------

_TITLE_PARTS = frozenset({"title", "subTitle", "nonSort", "partNumber", "partName"})
_TITLE_ATTRS = _attrs("type")
_NONSORT_ATTRS = frozenset({_XML_SPACE})


def _title_info(elem: Any, rest: _Rest) -> dict[str, Any]:
    if elem.keys():
        out: dict[str, Any] = {"type": elem.get("type"), "lang": _lang_of(elem)}
        read = _read_attrs(elem, _TITLE_ATTRS)
    else:  # the usual case: no attribute to look up
        out = {"type": None, "lang": None}
        read = _NO_ATTRS
    own: _Rest = []
    subs: list[_Rest] = []
    for child in elem:
        tag = child.tag
        name = local(tag)
        if name in _TITLE_PARTS and not (
            name in out or (name == "nonSort" and "title" in out)
        ):  # a second one is left over
            raw = child.text
            text = " ".join(raw.split()) if raw else ""
            if name == "nonSort":
                if raw and raw.endswith(" "):
                    text += " "
                if len(child) or not _NONSORT_ATTRS.issuperset(child.keys()):
                    subs.append(_leaf(child, _NONSORT_ATTRS))
            elif len(child) or child.keys():
                subs.append(_leaf(child, _NO_ATTRS))
            if text:
                out[name] = text
        elif isinstance(tag, str):
            _left_kid("titleInfo", child, own)
    _close(elem, read, own, subs, rest)
    return out


_NAME_ATTRS = _attrs("type", "valueURI")
_TYPE_ATTR = frozenset({"type"})
# A roleTerm's authority is read where the writer gives it back (marcrelator on a code); any
# other authority, its URIs and lang are left (kept in the extras).
_ROLE_CODE_ATTRS = frozenset({"authority", "type"})


def _role(
    elem: Any, rest: _Rest, kept: dict[str, dict[str, Any]] | None = None
) -> tuple[str | None, str | None]:
    """A role's code and word; with ``kept`` (the first role of a name), the other attributes of
    the roleTerms giving them go there with their value (``{"code": {"value": "cre",
    "attributes": {...}}, "text": ...}``, written back on a term of the same value)."""
    code = word = None
    own: _Rest = []
    subs: list[_Rest] = []
    for term in elem:
        tag = term.tag
        if local(tag) == "roleTerm":
            raw = term.text
            value = " ".join(raw.split()) if raw else ""
            read = _TYPE_ATTR
            if (term.get("type") or "text") == "code":
                kind, taken = "code", not code and bool(value)
                code = code or value
                if term.get("authority") == "marcrelator":
                    read = _ROLE_CODE_ATTRS
            else:
                kind, taken = "text", not word and bool(value)
                word = word or value
            if kept is not None and taken and not len(term) and not read.issuperset(term.keys()):
                attrs = {k: str(v) for k, v in term.items() if k not in read}
                kept[kind] = {"value": value, "attributes": attrs}
            elif len(term) or not read.issuperset(term.keys()):
                subs.append(_leaf(term, read))
        elif isinstance(tag, str):
            _left_kid("role", term, own)
    if own or subs or elem.keys():
        _close(elem, _NO_ATTRS, own, subs, rest)
    return code, word


def _name(elem: Any, host: bool, rest: _Rest) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": elem.get("type") or "", "host": host}
    out["lang"] = _lang_of(elem)
    parts: dict[str, list[str]] = {}
    display: list[str] = []
    roles: list[tuple[str | None, str | None]] = []
    ids: list[tuple[str, str]] = []
    affiliations: list[str] = []
    etal = False
    role_attrs: dict[str, dict[str, Any]] = {}
    own: _Rest = []
    subs: list[_Rest] = []
    for child in elem:
        tag = child.tag
        name = local(tag)
        read = _NO_ATTRS
        if name == "namePart":
            raw = child.text
            text = " ".join(raw.split()) if raw else ""
            if text:
                kind = child.get("type") or ""
                if kind in parts:
                    parts[kind].append(text)
                else:
                    parts[kind] = [text]
            read = _TYPE_ATTR
        elif name == "role":
            sub: _Rest = []
            if roles:
                roles.append(_role(child, sub))
            else:
                roles.append(_role(child, sub, role_attrs))
            if sub:
                subs.append(sub)
            continue
        elif name == "displayForm":
            text = _text(child)
            if text:
                display.append(text)
        elif name == "nameIdentifier":
            value = _text(child)
            if value:
                ids.append((child.get("type") or "", value))
                read = _TYPE_ATTR
        elif name == "affiliation":
            text = _text(child)
            if text:
                affiliations.append(text)
        elif name == "etal":
            etal = True
        elif isinstance(tag, str):
            _left_kid("name", child, own)
            continue
        else:
            continue
        if len(child) or not read.issuperset(child.keys()):
            subs.append(_leaf(child, read))
    uri = elem.get("valueURI")
    if uri:
        ids.append(("uri", uri))
    out.update(
        parts=parts, display=display, roles=roles, ids=ids, affiliations=affiliations, etal=etal
    )
    if role_attrs:
        out["role_attrs"] = role_attrs
    _close(elem, _read_attrs(elem, _NAME_ATTRS), own, subs, rest)
    return out


_DATE_ATTRS = frozenset({"encoding", "point", "qualifier", "type"})  # keyDate: in the extras


def _date(elem: Any, name: str, rest: _Rest) -> dict[str, Any]:
    if len(elem) or not _DATE_ATTRS.issuperset(elem.keys()):
        rest.extend(_leaf(elem, _DATE_ATTRS))
    raw = elem.text
    return {
        "element": name,
        "text": " ".join(raw.split()) if raw else "",
        "encoding": elem.get("encoding"),
        "point": elem.get("point"),
        "qualifier": elem.get("qualifier"),
        "type": elem.get("type"),
    }


_ORIGIN_TEXTS = frozenset({"edition", "issuance", "frequency"})


def _place(
    elem: Any, fields: dict[str, Any], prefix: str, publisher: dict[str, Any], rest: _Rest
) -> None:
    own: _Rest = []
    subs: list[_Rest] = []
    for term in elem:
        tag = term.tag
        if local(tag) == "placeTerm":
            kind = term.get("type") or "text"
            text = _text(term)
            if kind == "code":  # its authority is kept in the extras
                fields.setdefault(f"{prefix}originInfo/place/placeTerm@code", []).append(text)
            else:
                if text and "place" not in publisher:
                    publisher["place"] = text
                elif text:
                    fields.setdefault(f"{prefix}originInfo/place+", []).append(text)
            if len(term) or not _TYPE_ATTR.issuperset(term.keys()):
                subs.append(_leaf(term, _TYPE_ATTR))
        elif isinstance(tag, str):
            _left_kid("place", term, own)
    _close(elem, _NO_ATTRS, own, subs, rest)


def _origin(elem: Any, fields: dict[str, Any], rest: _Rest, prefix: str = "") -> None:
    publisher: dict[str, Any] = {}
    own: _Rest = []
    subs: list[_Rest] = []
    for child in elem:
        tag = child.tag
        name = local(tag)
        if name in DATE_OF_ELEMENT or name == "dateOther":
            sub: _Rest = []
            fields.setdefault(f"{prefix}originInfo/dates", []).append(_date(child, name, sub))
            if sub:
                subs.append(sub)
            continue
        if name == "publisher":
            text = _text(child)
            if text and "name" not in publisher:
                publisher["name"] = text
            elif text:
                fields.setdefault(f"{prefix}originInfo/publisher+", []).append(text)
        elif name == "place":
            sub = []
            _place(child, fields, prefix, publisher, sub)
            if sub:
                subs.append(sub)
            continue
        elif name in _ORIGIN_TEXTS:
            text = _text(child)
            if text:
                fields.setdefault(f"{prefix}originInfo/{name}", []).append(text)
        elif isinstance(tag, str):
            _left_kid("originInfo", child, own)
            continue
        else:
            continue
        if len(child) or child.keys():
            subs.append(_leaf(child, _NO_ATTRS))
    if publisher:
        fields.setdefault(f"{prefix}originInfo/publisher", []).append(publisher)
    _close(elem, _NO_ATTRS, own, subs, rest)


_UNIT_ATTR = frozenset({"unit"})


#: The detail types the model holds (a part's pages, volume, issue, number, chapter).
_DETAIL_KEYS = frozenset({"pages", "volume", "issue", "number", "chapter"})


def _part(elem: Any, unmapped: dict[str, list[Any]], rest: _Rest) -> dict[str, Any]:
    out: dict[str, Any] = {}
    own: _Rest = []
    subs: list[_Rest] = []
    for child in elem:
        tag = child.tag
        name = local(tag)
        kids: list[Any] = []
        sub: _Rest = []
        if name == "detail":
            kind = (child.get("type") or "").lower()
            key = "pages" if kind in ("page", "pages") else (kind or "number")
            number = ""
            if key in _DETAIL_KEYS and key not in out:
                number = _first_kid(child, "number", kids) or _first_kid(child, "caption", kids)
            if not number:  # another type, a second one, none with a number: kept whole
                _left_kid("part", child, own)
                continue
            out[key] = number
            _with_kids(child, _TYPE_ATTR, kids, sub)
        elif name == "extent":
            start, end = _first_kid(child, "start", kids), _first_kid(child, "end", kids)
            listed = _first_kid(child, "list", kids)
            if "pages" in out and (start or end or listed):  # pages given already: kept whole
                _left_kid("part", child, own)
                continue
            total = _first_kid(child, "total", kids) if (start or end or listed) else ""
            if start or end:
                out["pages"] = f"{start}-{end}" if start and end else (start or end)
            elif listed:
                out["pages"] = listed
            if total:
                unmapped.setdefault("part/extent/total", []).append(total)
            unit = (child.get("unit") or "").lower()  # written back as pages
            _with_kids(child, _UNIT_ATTR if unit in ("page", "pages") else _NO_ATTRS, kids, sub)
        elif isinstance(tag, str):
            _left_kid("part", child, own)
            continue
        else:
            continue
        if sub:
            subs.append(sub)
    _close(elem, _NO_ATTRS, own, subs, rest)
    return out


_IDENTIFIER_ATTRS = frozenset({"type"})  # invalid="yes" is kept in the extras


def _identifier(elem: Any, rest: _Rest) -> tuple[str, str, bool] | None:
    value = _text(elem)
    read = _IDENTIFIER_ATTRS if value else _NO_ATTRS
    if len(elem) or not read.issuperset(elem.keys()):
        rest.extend(_leaf(elem, read))
    if not value:
        return None
    kind = elem.get("type") or ""
    invalid = (elem.get("invalid") or "") == "yes"
    return kind, value, invalid


_RELATED_ATTRS = frozenset({"type", "otherType", _HREF})
_AUTHORITY_ATTR = frozenset({"authority"})


def _related_urls(elem: Any, ids: list[tuple[str, str, bool]], rest: _Rest) -> None:
    own: _Rest = []
    subs: list[_Rest] = []
    for url in elem:
        tag = url.tag
        if local(tag) == "url":
            text = _text(url)
            if text:
                ids.append((URL, text, False))
            if len(url) or url.keys():
                subs.append(_leaf(url, _NO_ATTRS))
        elif isinstance(tag, str):
            _left_kid("location", url, own)
    _close(elem, _NO_ATTRS, own, subs, rest)


def _related(elem: Any, unmapped: dict[str, list[Any]], rest: _Rest) -> dict[str, Any]:
    """A relatedItem: the MODS elements a container, series or related item holds."""
    out: dict[str, Any] = {
        "type": elem.get("type"),
        "otherType": elem.get("otherType"),
        "href": elem.get(_HREF),
    }
    titles, names, ids, parts, notes, genres = [], [], [], [], [], []
    own: _Rest = []
    subs: list[_Rest] = []
    for child in elem:
        tag = child.tag
        name = local(tag)
        sub: _Rest = []
        if name == "titleInfo":
            titles.append(_title_info(child, sub))
        elif name == "name":
            names.append(_name(child, out["type"] == "host", sub))
        elif name == "identifier":
            got = _identifier(child, sub)
            if got:
                ids.append(got)
        elif name == "part":
            parts.append(_part(child, unmapped, sub))
        elif name == "originInfo":
            _origin(child, out, sub)
        elif name == "note":
            text = _text(child)
            if text:
                notes.append(text)
            if len(child) or child.keys():
                sub = _leaf(child, _NO_ATTRS)
        elif name == "genre":
            text = _text(child)
            if text:
                genres.append(text)
            authority = child.get("authority")
            if authority is not None and authority != "local":  # kept with its genre word
                sub = [("relatedItem/genre/@authority", [text, authority])]
            if len(child) or not _AUTHORITY_ATTR.issuperset(child.keys()):
                sub += _leaf(child, _AUTHORITY_ATTR)
        elif name == "location":
            _related_urls(child, ids, sub)
        elif isinstance(tag, str):
            _left_kid("relatedItem", child, own)
            continue
        else:
            continue
        if sub:
            subs.append(sub)
    out.update(titles=titles, names=names, ids=ids, parts=parts, notes=notes, genres=genres)
    _close(elem, _RELATED_ATTRS, own, subs, rest)
    return out


_SUBJECT_ATTRS = _attrs("authority", "authorityURI", "valueURI")
_SUBJECT_TERMS = frozenset({"topic", "temporal", "occupation", "genre"})
_SUBJECT_OWN = ("authority", "authorityURI", "valueURI")
_SUBJECT_TAKEN = frozenset((*_SUBJECT_OWN, "lang"))


def _subject(elem: Any, fields: dict[str, Any], rest: _Rest) -> None:
    if elem.keys():
        base = {
            "scheme": elem.get("authority"),
            "scheme_uri": elem.get("authorityURI"),
            "value_uri": elem.get("valueURI"),
            "lang": _lang_of(elem),
        }
    else:
        base = {"scheme": None, "scheme_uri": None, "value_uri": None, "lang": None}
    took: set[str] = set()  # the subject's attributes some term takes (not one of its own)
    own: _Rest = []
    subs: list[_Rest] = []
    for child in elem:
        tag = child.tag
        name = local(tag)
        read = _NO_ATTRS
        if name in _SUBJECT_TERMS:
            text = _text(child)
            if text:
                item = dict(base)
                if child.keys():
                    took.update(a for a in _SUBJECT_OWN if not child.get(a))
                    if not _lang_of(child):
                        took.add("lang")
                    item["scheme"] = child.get("authority") or item["scheme"]
                    item["scheme_uri"] = child.get("authorityURI") or item["scheme_uri"]
                    item["value_uri"] = child.get("valueURI") or item["value_uri"]
                    item["lang"] = _lang_of(child) or item["lang"]
                    read = _read_attrs(child, _SUBJECT_ATTRS)
                else:
                    took.update(_SUBJECT_TAKEN)
                item["term"] = text
                item["kind"] = name
                fields.setdefault("subject", []).append(item)
        elif name == "geographic":
            text = _text(child)
            if text:
                fields.setdefault("subject/geographic", []).append(text)
        elif isinstance(tag, str):
            _left_kid("subject", child, own)
            continue
        else:
            continue
        if len(child) or not read.issuperset(child.keys()):
            subs.append(_leaf(child, read))
    read = _read_attrs(elem, _SUBJECT_ATTRS)  # those no term took are left (kept in the extras)
    read = frozenset(a for a in read if ("lang" if a == _XML_LANG else a) in took)
    _close(elem, read, own, subs, rest)


_URL_ATTRS = frozenset({"dateLastAccessed"})  # a date
#: The attributes of a url kept with its value, one entry a url element (under
#: :data:`URL_KEPT_KEY`: ``[[url, {"usage": ..., "displayLabel": ...}], ...]``), so that the
#: writer gives them back to the url they were on.
URL_KEPT = ("usage", "access", "displayLabel", "note")
URL_KEPT_KEY = "location/url/@attributes"
_URL_KEPT_ATTRS = _URL_ATTRS.union(URL_KEPT)


def _location(elem: Any, fields: dict[str, Any], um: dict[str, list[Any]], rest: _Rest) -> None:
    own: _Rest = []
    subs: list[_Rest] = []
    for child in elem:
        tag = child.tag
        name = local(tag)
        if name == "url":
            text = _text(child)
            accessed = child.get("dateLastAccessed")
            if text:  # with the identifiers, in document order
                fields.setdefault("identifier", []).append((URL, text, False))
            if accessed:
                fields.setdefault("location/url/@dateLastAccessed", []).append(accessed)
            read = _URL_ATTRS
            if text and child.keys():
                attrs = {a: str(child.get(a)) for a in URL_KEPT if child.get(a) is not None}
                if attrs:
                    um.setdefault(URL_KEPT_KEY, []).append([text, attrs])
                read = _URL_KEPT_ATTRS
        elif name == "physicalLocation":
            text = _text(child)
            if text:
                fields.setdefault("location/physicalLocation", []).append(text)
            read = _NO_ATTRS
        elif name == "shelfLocator":
            text = _text(child)
            if text:
                fields.setdefault("location/shelfLocator", []).append(text)
            read = _NO_ATTRS
        elif isinstance(tag, str):
            _left_kid("location", child, own)
            continue
        else:
            continue
        if len(child) or not read.issuperset(child.keys()):
            subs.append(_leaf(child, read))
    _close(elem, _NO_ATTRS, own, subs, rest)


# The readers of the top-level elements: (element, its name, the fields, what the readers keep
# as they read, the entries of what is left unread).
_Top = Callable[[Any, str, dict[str, Any], dict[str, list[Any]], _Rest], None]


def _top_title_info(elem: Any, name: str, fields: dict[str, Any], um: Any, rest: _Rest) -> None:
    fields.setdefault("titleInfo", []).append(_title_info(elem, rest))


def _top_name(elem: Any, name: str, fields: dict[str, Any], um: Any, rest: _Rest) -> None:
    fields.setdefault("name", []).append(_name(elem, False, rest))


def _top_resource(elem: Any, name: str, fields: dict[str, Any], um: Any, rest: _Rest) -> None:
    text = _text(elem)
    if text:
        fields.setdefault("typeOfResource", []).append(text)
    if len(elem) or elem.keys():  # manuscript, collection: kept in the extras
        rest.extend(_leaf(elem, _NO_ATTRS))


def _top_genre(elem: Any, name: str, fields: dict[str, Any], um: Any, rest: _Rest) -> None:
    text = _text(elem)
    authority = elem.get("authority") or ""
    if text:
        fields.setdefault("genre", []).append((authority, text))
    if len(elem) or not _AUTHORITY_ATTR.issuperset(elem.keys()):
        rest.extend(_leaf(elem, _AUTHORITY_ATTR))


def _top_origin(elem: Any, name: str, fields: dict[str, Any], um: Any, rest: _Rest) -> None:
    _origin(elem, fields, rest)


_LANGUAGE_TERM_ATTRS = frozenset({"type", "authority"})


def _top_language(elem: Any, name: str, fields: dict[str, Any], um: Any, rest: _Rest) -> None:
    own: _Rest = []
    subs: list[_Rest] = []
    for term in elem:
        tag = term.tag
        if local(tag) == "languageTerm":
            kind = term.get("type") or "text"
            authority = term.get("authority") or ""
            text = _text(term)
            if text:
                fields.setdefault("language", []).append((kind, authority, text))
            if len(term) or not _LANGUAGE_TERM_ATTRS.issuperset(term.keys()):
                subs.append(_leaf(term, _LANGUAGE_TERM_ATTRS))
        elif isinstance(tag, str):
            _left_kid("language", term, own)
    _close(elem, _NO_ATTRS, own, subs, rest)


def _top_physical(elem: Any, name: str, fields: dict[str, Any], um: Any, rest: _Rest) -> None:
    own: _Rest = []
    subs: list[_Rest] = []
    for sub_elem in elem:
        tag = sub_elem.tag
        sub_name = local(tag)
        if sub_name == "extent":
            text = _text(sub_elem)
            unit = sub_elem.get("unit")
            if text:
                fields.setdefault("physicalDescription/extent", []).append((unit, text))
            read = _UNIT_ATTR
        elif sub_name == "form" or sub_name == "internetMediaType":
            text = _text(sub_elem)
            if text:
                fields.setdefault("physicalDescription/form", []).append(text)
            read = _NO_ATTRS
        elif isinstance(tag, str):
            _left_kid("physicalDescription", sub_elem, own)
            continue
        else:
            continue
        if len(sub_elem) or not read.issuperset(sub_elem.keys()):
            subs.append(_leaf(sub_elem, read))
    _close(elem, _NO_ATTRS, own, subs, rest)


_NOTE_ATTRS = _attrs("type")
_TEXT_ATTRS = _attrs()


def _top_note(elem: Any, name: str, fields: dict[str, Any], um: Any, rest: _Rest) -> None:
    text = _text(elem)
    keys = elem.keys()
    note_type = elem.get("type") if keys and name == "note" else None
    lang = _lang_of(elem) if keys else None
    if text:
        item = {"element": name, "text": text, "type": note_type, "lang": lang}
        fields.setdefault("abstract", []).append(item)
    read = _read_attrs(elem, _NOTE_ATTRS if name == "note" else _TEXT_ATTRS) if keys else _NO_ATTRS
    if len(elem) or not read.issuperset(keys):
        rest.extend(_leaf(elem, read))


def _top_subject(elem: Any, name: str, fields: dict[str, Any], um: Any, rest: _Rest) -> None:
    _subject(elem, fields, rest)


def _top_classification(elem: Any, name: str, fields: dict[str, Any], um: Any, rest: _Rest) -> None:
    text = _text(elem)
    if text:
        fields.setdefault("classification", []).append(
            {"term": text, "scheme": elem.get("authority")}
        )
    read = _AUTHORITY_ATTR if text else _NO_ATTRS
    if len(elem) or not read.issuperset(elem.keys()):
        rest.extend(_leaf(elem, read))


def _top_identifier(elem: Any, name: str, fields: dict[str, Any], um: Any, rest: _Rest) -> None:
    got = _identifier(elem, rest)
    if got:
        fields.setdefault("identifier", []).append(got)


def _top_location(elem: Any, name: str, fields: dict[str, Any], um: Any, rest: _Rest) -> None:
    _location(elem, fields, um, rest)


_ACCESS_ATTRS = frozenset({"type", _HREF})


def _top_access(elem: Any, name: str, fields: dict[str, Any], um: Any, rest: _Rest) -> None:
    text = _text(elem)
    kind = elem.get("type") or ""
    href = elem.get(_HREF)
    if text or href:
        fields.setdefault("accessCondition", []).append({"text": text, "type": kind, "href": href})
    if len(elem) or not _ACCESS_ATTRS.issuperset(elem.keys()):
        rest.extend(_leaf(elem, _ACCESS_ATTRS))


def _top_part(elem: Any, name: str, fields: dict[str, Any], um: Any, rest: _Rest) -> None:
    fields.setdefault("part", []).append(_part(elem, um, rest))


def _top_related(elem: Any, name: str, fields: dict[str, Any], um: Any, rest: _Rest) -> None:
    kind = elem.get("type")
    key = "relatedItem" if kind not in ("host", "series") else f"relatedItem@{kind}"
    fields.setdefault(key, []).append(_related(elem, um, rest))


def _top_record_info(elem: Any, name: str, fields: dict[str, Any], um: Any, rest: _Rest) -> None:
    own: _Rest = []
    subs: list[_Rest] = []
    for sub_elem in elem:
        tag = sub_elem.tag
        if local(tag) == "recordIdentifier":
            text = _text(sub_elem)
            if text:
                fields.setdefault("recordInfo/recordIdentifier", []).append(text)
            if len(sub_elem) or sub_elem.keys():
                subs.append(_leaf(sub_elem, _NO_ATTRS))
        elif isinstance(tag, str):
            _left_kid("recordInfo", sub_elem, own)
    _close(elem, _NO_ATTRS, own, subs, rest)


#: The reader of each top-level element, by local name; what has none is kept verbatim.
_TOP: dict[str, _Top] = {
    "titleInfo": _top_title_info,
    "name": _top_name,
    "typeOfResource": _top_resource,
    "genre": _top_genre,
    "originInfo": _top_origin,
    "language": _top_language,
    "physicalDescription": _top_physical,
    "abstract": _top_note,
    "tableOfContents": _top_note,
    "note": _top_note,
    "subject": _top_subject,
    "classification": _top_classification,
    "identifier": _top_identifier,
    "location": _top_location,
    "accessCondition": _top_access,
    "part": _top_part,
    "relatedItem": _top_related,
    "recordInfo": _top_record_info,
}

_MODS_ATTRS = frozenset({"version"})  # an ID is kept in the extras


def parse_mods(elem: Any) -> dict[str, Any]:
    """The native fields of one ``<mods>`` element (see the module docstring)."""
    fields: dict[str, Any] = {}
    unmapped: dict[str, list[Any]] = {}  # what the readers keep as they read, then what is left
    rest: _Rest = []
    kept: list[str] = []
    resource = False  # a typeOfResource after the first is kept verbatim
    top = _TOP.get
    for child in elem:
        tag = child.tag
        name = local(tag)
        if not name:
            continue
        read = top(name)
        if name == "typeOfResource":
            if resource:
                read = None
            resource = True
        if read is not None:
            read(child, name, fields, unmapped, rest)
        else:
            kept.append(canonical_xml(child))
    for key, value in rest:
        unmapped.setdefault(key, []).append(value)
    for key, value in elem.items():
        if key not in _MODS_ATTRS and key not in _IGNORED_ATTRS:
            unmapped.setdefault(f"mods/@{key}", []).append(value)
    if kept:
        fields["_xml"] = kept
    if unmapped:
        fields["_unmapped"] = unmapped
    return fields
