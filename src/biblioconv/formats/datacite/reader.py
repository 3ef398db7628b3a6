"""DataCite XML reader: kernel 3.0/3.1 and 4.0-4.7, one record at a time.

Reads a single ``<resource>``, an OAI-PMH ``ListRecords`` response with ``oai_datacite`` or
``datacite`` payloads, or a dump of concatenated documents, incrementally: each ``<resource>`` is
mapped as soon as it is complete, then cleared together with everything before it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import IO, Any, cast

from lxml import etree
from pydantic import ValidationError as PydanticValidationError

from biblioconv import xmlsafe
from biblioconv.errors import ParseError
from biblioconv.formats.datacite import versions as V
from biblioconv.formats.datacite.sniff import sniff_xml as sniff
from biblioconv.formats.datacite.table import attributes_to_record
from biblioconv.formats.oaipmh import header_values
from biblioconv.model import Record
from biblioconv.registry import ReadContext
from biblioconv.report import Code

__all__ = ["detect_version", "read", "resource_to_attributes", "sniff"]

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_XSI_LOCATION = f"{{{_XSI}}}schemaLocation"
_XSI_PREFIX = f"{{{_XSI}}}"
_NAMESPACES = (V.KERNEL4_NS, V.KERNEL3_NS)
_OAI = "{http://www.openarchives.org/OAI/2.0/}"
_TAGS = (
    f"{{{V.KERNEL4_NS}}}resource",
    f"{{{V.KERNEL3_NS}}}resource",
    "resource",
    f"{_OAI}header",
    f"{_OAI}resumptionToken",
    f"{_OAI}error",
)
#: The ``<resource>`` tags read (the kernel namespaces, and none).
_RESOURCES = frozenset(_TAGS[:3])
_WRAP_OPEN = b"<biblioconv-documents>"
_WRAP_CLOSE = b"</biblioconv-documents>"
_DECL = re.compile(rb"<\?xml\s[^>]*\?>|<!DOCTYPE[^>\[]*>|\xef\xbb\xbf")
_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding=["']([A-Za-z0-9._-]+)["']""")


_NAMES = {
    seg for path in (*V.PATHS_4, *V.PATHS_3) for seg in path.partition("@")[0].split("/") if seg
} | {"br"}
#: Local names of the kernel elements by tag, so the common ones need no string splitting.
_LOCAL = {f"{{{ns}}}{name}": name for ns in _NAMESPACES for name in _NAMES} | {n: n for n in _NAMES}


#: The local name of a tag or attribute name ('' for comments): xmlsafe's, with its bounded cache.
_local = xmlsafe.local_name


def _text(elem: Any) -> str | None:
    text = elem.text
    if text is None:
        return None
    text = text.strip()
    return text or None


class _Collector:
    """Builds the attributes of one resource and remembers what it did not know."""

    def __init__(self) -> None:
        self.unknown: dict[str, Any] = {}

    def attrs(
        self, elem: Any, allowed: dict[str, str], path: str, into: dict[str, Any], leaf: str = ""
    ) -> dict[str, Any]:
        """``into`` with the allowed attributes of ``elem`` (stripped, non-empty) under their
        keys; any other attribute is unknown at ``path`` (``path/leaf`` when a leaf is given:
        the element's path is only made for an unknown attribute)."""
        items = elem.items()
        if not items:
            return into
        for name, value in items:
            key = allowed.get(name)
            if key is None:
                if name.startswith(_XSI_PREFIX):
                    continue
                where = f"{path}/{leaf}" if leaf else path
                self.unknown[f"xml:{where}@{_local(name)}"] = value
                continue
            value = value.strip()
            if value:
                into[key] = value
        return into

    def extra(self, child: Any, path: str) -> None:
        if not isinstance(child.tag, str):
            return
        key = f"xml:{path}/{_local(child.tag)}"
        if len(child) or child.attrib:
            value: Any = etree.tostring(child, encoding="unicode", with_tail=False).strip()
        else:
            value = (child.text or "").strip()
        existing = self.unknown.get(key)
        if existing is None:
            self.unknown[key] = value
        elif isinstance(existing, list):
            existing.append(value)
        else:
            self.unknown[key] = [existing, value]


_NAME_ATTRS = {"nameType": "nameType", _XML_LANG: "lang"}
_NAMEID_ATTRS = {"nameIdentifierScheme": "nameIdentifierScheme", "schemeURI": "schemeUri"}
_AFF_ATTRS = {
    "affiliationIdentifier": "affiliationIdentifier",
    "affiliationIdentifierScheme": "affiliationIdentifierScheme",
    "schemeURI": "schemeUri",
}
_TITLE_ATTRS = {"titleType": "titleType", _XML_LANG: "lang"}
_CONTRIBUTOR_ATTRS = {"contributorType": "contributorType"}
_NO_ATTRS: dict[str, str] = {}
_IDENTIFIER_ATTRS = {"identifierType": "identifierType"}
_PUBLISHER_ATTRS = {
    "publisherIdentifier": "publisherIdentifier",
    "publisherIdentifierScheme": "publisherIdentifierScheme",
    "schemeURI": "schemeUri",
    _XML_LANG: "lang",
}
_RESOURCE_TYPE_ATTRS = {"resourceTypeGeneral": "resourceTypeGeneral"}
_SUBJECT_ATTRS = {
    "subjectScheme": "subjectScheme",
    "schemeURI": "schemeUri",
    "valueURI": "valueUri",
    "classificationCode": "classificationCode",
    _XML_LANG: "lang",
}
_DATE_ATTRS = {"dateType": "dateType", "dateInformation": "dateInformation"}
_ALTERNATE_ATTRS = {"alternateIdentifierType": "identifierType"}
_RELATED_ID_ATTRS = {
    "relatedIdentifierType": "relatedIdentifierType",
    "relationType": "relationType",
    "relatedMetadataScheme": "relatedMetadataScheme",
    "schemeURI": "schemeUri",
    "schemeType": "schemeType",
    "resourceTypeGeneral": "resourceTypeGeneral",
    "relationTypeInformation": "relationTypeInformation",
}
_RIGHTS_ATTRS = {
    "rightsURI": "rightsUri",
    "rightsIdentifier": "rightsIdentifier",
    "rightsIdentifierScheme": "rightsIdentifierScheme",
    "schemeURI": "schemeUri",
    _XML_LANG: "lang",
}
_DESCRIPTION_ATTRS = {"descriptionType": "descriptionType", _XML_LANG: "lang"}
_RELATED_ITEM_ATTRS = {
    "relatedItemType": "relatedItemType",
    "relationType": "relationType",
    "relationTypeInformation": "relationTypeInformation",
}
_RELATED_ITEM_ID_ATTRS = {
    "relatedItemIdentifierType": "relatedItemIdentifierType",
    "relatedMetadataScheme": "relatedMetadataScheme",
    "schemeURI": "schemeUri",
    "schemeType": "schemeType",
}
_NUMBER_ATTRS = {"numberType": "numberType"}


def _name(
    elem: Any, kind: str, name_tag: str, path: str, col: _Collector, rich: bool
) -> dict[str, Any]:
    obj: dict[str, Any] = {}
    if kind == "contributor":
        col.attrs(elem, _CONTRIBUTOR_ATTRS, path, obj)
    for child in elem:
        tag = child.tag
        local = _LOCAL.get(tag) or _local(tag)
        if local == name_tag:
            obj["name"] = (child.text or "").strip()
            col.attrs(child, _NAME_ATTRS, path, obj, local)
        elif local == "givenName" or local == "familyName":
            value = child.text
            if value is not None:
                value = value.strip()
                if value:
                    obj[local] = value
        elif rich and local == "nameIdentifier":
            ni = {"nameIdentifier": (child.text or "").strip()}
            obj.setdefault("nameIdentifiers", []).append(
                col.attrs(child, _NAMEID_ATTRS, path, ni, local)
            )
        elif rich and local == "affiliation":
            aff = {"name": (child.text or "").strip()}
            obj.setdefault("affiliation", []).append(col.attrs(child, _AFF_ATTRS, path, aff, local))
        else:
            col.extra(child, path)
    return obj


def _names(elem: Any, kind: str, path: str, col: _Collector, rich: bool = True) -> list[Any]:
    out = []
    name_tag = f"{kind}Name"
    sub = f"{path}/{kind}"
    for child in elem:
        tag = child.tag
        if (_LOCAL.get(tag) or _local(tag)) == kind:
            out.append(_name(child, kind, name_tag, sub, col, rich))
        else:
            col.extra(child, path)
    return out


def _titles(elem: Any, path: str, col: _Collector) -> list[Any]:
    out = []
    for child in elem:
        if (_LOCAL.get(child.tag) or _local(child.tag)) == "title":
            out.append(col.attrs(child, _TITLE_ATTRS, path, {"title": child.text or ""}, "title"))
        else:
            col.extra(child, path)
    return out


def _items(
    elem: Any,
    item: str,
    path: str,
    col: _Collector,
    text_key: str,
    allowed: dict[str, str],
) -> list[Any]:
    out = []
    for child in elem:
        if (_LOCAL.get(child.tag) or _local(child.tag)) == item:
            obj = {text_key: (child.text or "").strip()}
            out.append(col.attrs(child, allowed, path, obj, item))
            if len(child):
                for grand in child:
                    col.extra(grand, f"{path}/{item}")
        else:
            col.extra(child, path)
    return out


def _texts(elem: Any, item: str, path: str, col: _Collector) -> list[str]:
    out = []
    for child in elem:
        if (_LOCAL.get(child.tag) or _local(child.tag)) == item:
            value = _text(child)
            if value:
                out.append(value)
        else:
            col.extra(child, path)
    return out


def _numbers(text: str | None, n: int) -> list[float]:
    parts = (text or "").split()
    if len(parts) != n:
        raise ValueError(f"expected {n} numbers, got {text!r}")
    return [float(p) for p in parts]


def _point(elem: Any, path: str, col: _Collector) -> dict[str, Any]:
    if len(elem) == 0:  # kernel-3: "latitude longitude"
        text = (elem.text or "").strip()
        try:
            lat, lon = _numbers(text, 2)
        except ValueError:
            return {"raw": text}
        return {"pointLatitude": lat, "pointLongitude": lon}
    obj: dict[str, Any] = {}
    for child in elem:
        local = _local(child.tag)
        if local in ("pointLongitude", "pointLatitude"):
            obj[local] = _num(child.text)
        else:
            col.extra(child, path)
    return obj


def _num(text: str | None) -> Any:
    value = (text or "").strip()
    try:
        return float(value)
    except ValueError:
        return value


def _geo(elem: Any, path: str, col: _Collector) -> dict[str, Any]:
    obj: dict[str, Any] = {}
    polygons: list[list[dict[str, Any]]] = []
    for child in elem:
        local = _local(child.tag)
        if local == "geoLocationPlace":
            obj["geoLocationPlace"] = (child.text or "").strip()
        elif local == "geoLocationPoint":
            obj["geoLocationPoint"] = _point(child, f"{path}/{local}", col)
        elif local == "geoLocationBox":
            if len(child) == 0:  # kernel-3: "south west north east" (two lat/long points)
                text = (child.text or "").strip()
                try:
                    s, w, n, e = _numbers(text, 4)
                    obj["geoLocationBox"] = {
                        "southBoundLatitude": s,
                        "westBoundLongitude": w,
                        "northBoundLatitude": n,
                        "eastBoundLongitude": e,
                    }
                except ValueError:
                    obj["geoLocationBox"] = {"raw": text}
            else:
                box: dict[str, Any] = {}
                for side in child:
                    name = _local(side.tag)
                    if name.endswith(("BoundLongitude", "BoundLatitude")):
                        box[name] = _num(side.text)
                    else:
                        col.extra(side, f"{path}/{local}")
                obj["geoLocationBox"] = box
        elif local == "geoLocationPolygon":
            points: list[dict[str, Any]] = []
            for pt in child:
                name = _local(pt.tag)
                if name in ("polygonPoint", "inPolygonPoint"):
                    points.append({name: _point(pt, f"{path}/{local}/{name}", col)})
                else:
                    col.extra(pt, f"{path}/{local}")
            polygons.append(points)
        else:
            col.extra(child, path)
    if polygons:
        obj["geoLocationPolygon"] = polygons[0] if len(polygons) == 1 else polygons
    return obj


def _description(elem: Any, path: str, col: _Collector) -> dict[str, Any]:
    parts = [elem.text or ""]
    for child in elem:
        if (_LOCAL.get(child.tag) or _local(child.tag)) == "br":
            parts.append("\n")
        else:
            col.extra(child, path)
        parts.append(child.tail or "")
    obj = {"description": "".join(parts).strip()}
    return col.attrs(elem, _DESCRIPTION_ATTRS, path, obj)


def _funding(elem: Any, path: str, col: _Collector) -> dict[str, Any]:
    obj: dict[str, Any] = {}
    for child in elem:
        local = _local(child.tag)
        sub = f"{path}/{local}"
        if local == "funderName":
            obj["funderName"] = (child.text or "").strip()
        elif local == "funderIdentifier":
            obj["funderIdentifier"] = (child.text or "").strip()
            col.attrs(
                child,
                {"funderIdentifierType": "funderIdentifierType", "schemeURI": "schemeUri"},
                sub,
                obj,
            )
        elif local == "awardNumber":
            obj["awardNumber"] = (child.text or "").strip()
            col.attrs(child, {"awardURI": "awardUri"}, sub, obj)
        elif local == "awardTitle":
            obj["awardTitle"] = (child.text or "").strip()
            col.attrs(child, {}, sub, obj)
        else:
            col.extra(child, path)
    return obj


_RI_SIMPLE = frozenset(
    ("publicationYear", "volume", "issue", "firstPage", "lastPage", "publisher", "edition")
)


def _related_item(elem: Any, path: str, col: _Collector) -> dict[str, Any]:
    obj: dict[str, Any] = {}
    col.attrs(elem, _RELATED_ITEM_ATTRS, path, obj)
    for child in elem:
        tag = child.tag
        local = _LOCAL.get(tag) or _local(tag)
        if local in _RI_SIMPLE:
            value = _text(child)
            if value:
                obj[local] = value
        elif local == "relatedItemIdentifier":
            ident = {"relatedItemIdentifier": (child.text or "").strip()}
            obj["relatedItemIdentifier"] = col.attrs(
                child, _RELATED_ITEM_ID_ATTRS, path, ident, local
            )
        elif local == "creators":
            obj["creators"] = _names(child, "creator", f"{path}/{local}", col, rich=False)
        elif local == "contributors":
            obj["contributors"] = _names(child, "contributor", f"{path}/{local}", col, rich=False)
        elif local == "titles":
            obj["titles"] = _titles(child, f"{path}/{local}", col)
        elif local == "number":
            obj["number"] = (child.text or "").strip()
            col.attrs(child, _NUMBER_ATTRS, path, obj, local)
        else:
            col.extra(child, path)
    return obj


def _each(
    elem: Any, item: str, path: str, col: _Collector, fn: Callable[[Any, str, _Collector], Any]
) -> list[Any]:
    out = []
    for child in elem:
        if (_LOCAL.get(child.tag) or _local(child.tag)) == item:
            out.append(fn(child, f"{path}/{item}", col))
        else:
            col.extra(child, path)
    return out


def resource_to_attributes(resource: Any) -> tuple[dict[str, Any], str | None]:
    """The REST API attributes of one ``<resource>`` element, and the version it declares."""
    ns = resource.tag[1:].partition("}")[0] if resource.tag.startswith("{") else None
    return _attributes(resource), _version_from_location(resource.get(_XSI_LOCATION), ns)


def _attributes(resource: Any) -> dict[str, Any]:
    """The REST API attributes of one ``<resource>`` element."""
    col = _Collector()
    a: dict[str, Any] = {}
    for child in resource:
        tag = child.tag
        local = _LOCAL.get(tag) or _local(tag)
        if not local:
            continue
        if local == "identifier":
            ident = {"identifier": (child.text or "").strip()}
            a["_identifier"] = col.attrs(child, _IDENTIFIER_ATTRS, local, ident)
        elif local == "creators":
            a["creators"] = _names(child, "creator", local, col)
        elif local == "contributors":
            a["contributors"] = _names(child, "contributor", local, col)
        elif local == "titles":
            a["titles"] = _titles(child, local, col)
        elif local == "publisher":
            a["publisher"] = col.attrs(
                child, _PUBLISHER_ATTRS, local, {"name": (child.text or "").strip()}
            )
        elif local in ("publicationYear", "language", "version"):
            a[local] = (child.text or "").strip()
            col.attrs(child, _NO_ATTRS, local, {})
        elif local == "resourceType":
            types = {"resourceType": (child.text or "").strip()}
            a["types"] = col.attrs(child, _RESOURCE_TYPE_ATTRS, local, types)
        elif local == "subjects":
            a["subjects"] = _items(child, "subject", local, col, "subject", _SUBJECT_ATTRS)
        elif local == "dates":
            a["dates"] = _items(child, "date", local, col, "date", _DATE_ATTRS)
        elif local == "alternateIdentifiers":
            a["identifiers"] = _items(
                child, "alternateIdentifier", local, col, "identifier", _ALTERNATE_ATTRS
            )
        elif local == "relatedIdentifiers":
            a["relatedIdentifiers"] = _items(
                child, "relatedIdentifier", local, col, "relatedIdentifier", _RELATED_ID_ATTRS
            )
        elif local == "sizes":
            a["sizes"] = _texts(child, "size", local, col)
        elif local == "formats":
            a["formats"] = _texts(child, "format", local, col)
        elif local == "rightsList":
            a["rightsList"] = _items(child, "rights", local, col, "rights", _RIGHTS_ATTRS)
        elif local == "descriptions":
            a["descriptions"] = _each(child, "description", local, col, _description)
        elif local == "geoLocations":
            a["geoLocations"] = _each(child, "geoLocation", local, col, _geo)
        elif local == "fundingReferences":
            a["fundingReferences"] = _each(child, "fundingReference", local, col, _funding)
        elif local == "relatedItems":
            a["relatedItems"] = _each(child, "relatedItem", local, col, _related_item)
        else:
            col.extra(child, "")
    for name, value in resource.items():
        if not name.startswith(_XSI_PREFIX):
            col.unknown[f"xml:@{_local(name)}"] = value
    if col.unknown:
        a["_unknown"] = col.unknown
    return a


#: The version a schema location names (a dump repeats the same few locations).
_version_from_location = lru_cache(maxsize=64)(V.version_from_location)


def detect_version(resource: Any) -> str:
    """The kernel version of a ``<resource>``: from ``xsi:schemaLocation``, else the namespace
    and content (the oldest version that has every property and value used)."""
    _attrs, declared = resource_to_attributes(resource)
    if declared:
        return declared
    ns = resource.tag[1:].partition("}")[0] if resource.tag.startswith("{") else None
    if ns == V.KERNEL3_NS:
        return "3.1"
    return min_version(resource)


def min_version(resource: Any) -> str:
    """The oldest kernel-4 version whose schema has every path and list value of a resource."""
    need = (4, 0)
    for elem in resource.iter():
        if not isinstance(elem.tag, str) or elem is resource:
            continue
        path = _path(elem, resource)
        for candidate in (path, *(f"{path}@{_attr_name(k)}" for k in elem.attrib)):
            since = V.PATH_SINCE_4.get(candidate) or V.PRE43_PATHS.get(candidate)
            if since and V.vkey(since) > need:
                need = V.vkey(since)
        for attr, list_name in _LIST_ATTRS.items():
            value = elem.get(attr)
            if value:
                since = V.value_since(list_name, value)
                if since and V.vkey(since) > need:
                    need = V.vkey(since)
    return f"{need[0]}.{need[1]}"


_LIST_ATTRS = {
    "resourceTypeGeneral": "resourceType",
    "relatedItemType": "resourceType",
    "dateType": "dateType",
    "contributorType": "contributorType",
    "relationType": "relationType",
    "relatedIdentifierType": "relatedIdentifierType",
    "relatedItemIdentifierType": "relatedIdentifierType",
    "funderIdentifierType": "funderIdentifierType",
    "descriptionType": "descriptionType",
    "titleType": "titleType",
    "nameType": "nameType",
    "numberType": "numberType",
}


def _attr_name(name: str) -> str:
    return "xml:lang" if name == _XML_LANG else _local(name)


def _path(elem: Any, root: Any) -> str:
    parts = []
    node = elem
    while node is not None and node is not root:
        parts.append(_local(node.tag))
        node = node.getparent()
    return "/".join(reversed(parts))


class _Documents(io.RawIOBase):
    """A byte stream of one or more concatenated XML documents, as one well-formed document.

    XML declarations and DOCTYPE lines (without internal subset) are removed and the whole is
    wrapped in a synthetic root, so dumps of many ``<resource>`` documents read in one pass.
    """

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self._pending = b""
        self._pos = 0  # bytes of ``_pending`` already handed out
        self._carry = b""
        self._started = False
        self._done = False

    def readable(self) -> bool:
        return True

    def _fill(self) -> None:
        while self._pos >= len(self._pending) and not self._done:
            chunk = self._raw.read(1 << 16)
            out = b""
            if not self._started:
                self._started = True
                m = _ENCODING.match(chunk)
                if m and m.group(1).lower() not in (b"utf-8", b"utf8", b"us-ascii", b"ascii"):
                    out = b'<?xml version="1.0" encoding="' + m.group(1) + b'"?>'
                out += _WRAP_OPEN
            if not chunk:
                self._pending, self._pos = out + _strip_decls(self._carry) + _WRAP_CLOSE, 0
                self._carry = b""
                self._done = True
                return
            data = self._carry + chunk if self._carry else chunk
            cut = data.rfind(b"<")
            if cut != -1 and data.find(b">", cut) == -1 and len(data) - cut < 4096:
                self._carry, data = data[cut:], data[:cut]
            else:
                self._carry = b""
            self._pending, self._pos = out + _strip_decls(data), 0

    def read(self, size: int | None = -1) -> bytes:
        """Up to ``size`` bytes (all that is left when ``size`` is negative or None)."""
        if size is None or size < 0:
            parts: list[bytes] = []
            while True:
                self._fill()
                if self._pos >= len(self._pending):
                    return b"".join(parts)
                parts.append(self._pending[self._pos :])
                self._pos = len(self._pending)
        self._fill()
        start = self._pos
        if start == 0 and size >= len(self._pending):
            self._pos = len(self._pending)
            return self._pending
        self._pos = min(start + size, len(self._pending))
        return self._pending[start : self._pos]

    def readinto(self, b: Any) -> int:
        data = self.read(len(b))
        b[: len(data)] = data
        return len(data)


def _strip_decls(data: bytes) -> bytes:
    """``data`` without XML declarations, DOCTYPE lines and byte order marks."""
    if b"<?xml" in data or b"<!DOCTYPE" in data or b"\xef\xbb\xbf" in data:
        return _DECL.sub(b"", data)
    return data


def _utf16(head: bytes) -> bool:
    return (
        head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[1:2] == b"\x00" or head[:2] == b"\x00<"
    )


def read(stream: IO[bytes], ctx: ReadContext) -> Iterator[Record]:
    """Read DataCite XML records (see the module docstring); an empty input is a ParseError."""
    head, stream = xmlsafe.checked_head(stream, ctx.source)
    source = stream if _utf16(head) else cast(IO[bytes], _Documents(stream))
    index = 0
    header: dict[str, Any] | None = None  # the OAI-PMH header of the record being read
    for _event, elem in xmlsafe.iterparse(
        source, source=ctx.source, tags=_TAGS, limits=ctx.limits, restart_after=_TAGS[:3]
    ):
        tag = elem.tag
        if tag in _RESOURCES:
            index += 1
            record = _record(elem, ctx, index)
            kept = {**header, **_wrapper(elem)} if header else _wrapper(elem)
            xmlsafe.release(elem)
            if record is not None:
                yield record if not kept else _with_header(record, kept, ctx.format)
            header = None
            continue
        local = _local(tag)
        if local == "resource":  # in another namespace than DataCite's
            xmlsafe.release(elem)
        elif local == "header":
            header = _header(elem)
            if elem.get("status") == "deleted":
                header = None
                ident = next((_text(c) for c in elem if _local(c.tag) == "identifier"), None)
                ctx.report.add(
                    Code.DELETED_RECORD,
                    "the harvest marks this record as deleted",
                    record=ident,
                    severity="info",
                    source=ctx.source,
                    source_format=ctx.format,
                )
        elif local == "resumptionToken":
            token = _text(elem)
            if token:
                ctx.report.resumption_token = token
                ctx.report.add(
                    Code.RESUMPTION_TOKEN,
                    f"more records can be harvested with resumptionToken {token}",
                    severity="info",
                    source=ctx.source,
                    source_format=ctx.format,
                )
        elif local == "error":
            code = elem.get("code") or "error"
            if code != "noRecordsMatch" and elem.getparent() is not None:
                raise ParseError(
                    f"OAI-PMH error {code}: {(elem.text or '').strip()}",
                    source=ctx.source,
                    line=elem.sourceline,
                )


def _header(elem: Any) -> dict[str, Any]:
    """What an OAI-PMH record's header says, as the record's extras keep it (``oai:identifier``,
    ``oai:datestamp``, ``oai:setSpec``): the writer's envelope writes it back."""
    identifier, datestamp, sets = header_values(elem)
    found: dict[str, Any] = {}
    if identifier:
        found["oai:identifier"] = identifier
    if datestamp:
        found["oai:datestamp"] = datestamp
    if sets:
        found["oai:setSpec"] = sets
    return found


def _wrapper(elem: Any) -> dict[str, Any]:
    """What the ``oai_datacite`` wrapper around a harvested ``<resource>`` says besides it
    (``schemaVersion``, ``datacentreSymbol``, ``isReferenceQuality``), as the record's extras
    keep it (``oai_datacite:NAME``)."""
    payload = elem.getparent()
    if payload is None or _local(payload.tag) != "payload":
        return {}
    wrapper = payload.getparent()
    if wrapper is None or _local(wrapper.tag) != "oai_datacite":
        return {}
    found: dict[str, Any] = {}
    for child in wrapper:
        if child is payload or not isinstance(child.tag, str):
            continue
        text = (child.text or "").strip()
        if text:
            found[f"oai_datacite:{_local(child.tag)}"] = text
    return found


def _with_header(record: Record, header: dict[str, Any], fmt: str) -> Record:
    extras = {**record.extras, fmt: {**record.extras.get(fmt, {}), **header}}
    return record.model_copy(update={"extras": extras})


def _record(elem: Any, ctx: ReadContext, index: int) -> Record | None:
    line = elem.sourceline
    attrs = _attributes(elem)
    label = str(attrs.get("_identifier", {}).get("identifier") or index)

    rep = ctx.reporter(label, line)
    for key in attrs.get("_unknown", {}):
        rep.add(Code.UNKNOWN_FIELD, f"unknown field {key[4:]!r} kept in extras", severity="info")
    try:
        return attributes_to_record(attrs, fmt=ctx.format, rep=rep)
    except (PydanticValidationError, ValueError, TypeError) as exc:
        reason = exc.errors()[0]["msg"] if isinstance(exc, PydanticValidationError) else str(exc)
        rep.skip(reason, what="unreadable record")
        return None
