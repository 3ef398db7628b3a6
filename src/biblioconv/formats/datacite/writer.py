"""DataCite XML writer: kernel 4.7 by default, any of 4.0-4.7 and 3.1 on request.

One record becomes a ``<resource>`` document. Several records (or none) become an OAI-PMH
``ListRecords`` response with the ``datacite`` metadata prefix: each ``<resource>`` whole in a
``<record><metadata>``, so the file is one well-formed document that XML tools, OAI-PMH harvesters
and the reader accept, and each resource still validates against the kernel's XSD (option
``envelope``). Elements follow the XSD's order.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from typing import IO, Any

from lxml import etree

from biblioconv.errors import WriteError
from biblioconv.formats.datacite import versions as V
from biblioconv.formats.datacite.mapping import _fmt
from biblioconv.formats.datacite.table import writable_attributes
from biblioconv.formats.oaipmh import (
    OAI_NS,
    add_header,
    report_header_not_written,
    response_head,
)
from biblioconv.model import Record
from biblioconv.registry import WriteContext
from biblioconv.xmlsafe import xml_writable

__all__ = ["attributes_to_xml", "write"]

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"


class _Builder:
    def __init__(self, version: str) -> None:
        self.ns = V.namespace(version)
        self.version = version
        self.kernel3 = version.startswith("3")

    def el(self, parent: Any, tag: str, text: Any = None, **attrs: Any) -> Any:
        node = etree.SubElement(parent, f"{{{self.ns}}}{tag}")
        if text is not None:
            node.text = str(text)
        for key, value in attrs.items():
            if value is None or value == "":
                continue
            name = _XML_LANG if key == "lang" else key
            node.set(name, str(value))
        return node


def _uri(key: str) -> str:
    return key[:-3] + "URI" if key.endswith("Uri") else key


def _name(b: _Builder, parent: Any, kind: str, obj: dict[str, Any]) -> None:
    node = b.el(parent, kind, contributorType=obj.get("contributorType"))
    b.el(node, f"{kind}Name", obj["name"], nameType=obj.get("nameType"), lang=obj.get("lang"))
    for key in ("givenName", "familyName"):
        if obj.get(key):
            b.el(node, key, obj[key])
    for ni in obj.get("nameIdentifiers", []):
        b.el(
            node,
            "nameIdentifier",
            ni["nameIdentifier"],
            nameIdentifierScheme=ni.get("nameIdentifierScheme"),
            schemeURI=ni.get("schemeUri"),
        )
    for aff in obj.get("affiliation", []):
        b.el(
            node,
            "affiliation",
            aff["name"],
            affiliationIdentifier=aff.get("affiliationIdentifier"),
            affiliationIdentifierScheme=aff.get("affiliationIdentifierScheme"),
            schemeURI=aff.get("schemeUri"),
        )


def _titles(b: _Builder, parent: Any, titles: list[dict[str, Any]]) -> None:
    node = b.el(parent, "titles")
    for t in titles:
        b.el(node, "title", t["title"], titleType=t.get("titleType"), lang=t.get("lang"))


def _point(b: _Builder, parent: Any, tag: str, p: dict[str, Any]) -> None:
    if b.kernel3:
        b.el(parent, tag, f"{_fmt(p['pointLatitude'])} {_fmt(p['pointLongitude'])}")
        return
    node = b.el(parent, tag)
    b.el(node, "pointLongitude", _fmt(p["pointLongitude"]))
    b.el(node, "pointLatitude", _fmt(p["pointLatitude"]))


def _geo(b: _Builder, parent: Any, g: dict[str, Any]) -> None:
    node = b.el(parent, "geoLocation")
    if b.kernel3:  # sequence: point, box, place
        if "geoLocationPoint" in g:
            _point(b, node, "geoLocationPoint", g["geoLocationPoint"])
        if "geoLocationBox" in g:
            box = g["geoLocationBox"]
            b.el(
                node,
                "geoLocationBox",
                " ".join(
                    _fmt(box[k])
                    for k in (
                        "southBoundLatitude",
                        "westBoundLongitude",
                        "northBoundLatitude",
                        "eastBoundLongitude",
                    )
                ),
            )
        if "geoLocationPlace" in g:
            b.el(node, "geoLocationPlace", g["geoLocationPlace"])
        return
    if "geoLocationPlace" in g:
        b.el(node, "geoLocationPlace", g["geoLocationPlace"])
    if "geoLocationPoint" in g:
        _point(b, node, "geoLocationPoint", g["geoLocationPoint"])
    if "geoLocationBox" in g:
        box_node = b.el(node, "geoLocationBox")
        box = g["geoLocationBox"]
        for key in (
            "westBoundLongitude",
            "eastBoundLongitude",
            "southBoundLatitude",
            "northBoundLatitude",
        ):
            b.el(box_node, key, _fmt(box[key]))
    polygons = g.get("geoLocationPolygon")
    if polygons:
        groups = polygons if isinstance(polygons[0], list) else [polygons]
        for group in groups:
            pnode = b.el(node, "geoLocationPolygon")
            for entry in group:
                for tag, point in entry.items():
                    _point(b, pnode, tag, point)


def attributes_to_xml(attrs: dict[str, Any], version: str) -> Any:
    """The ``<resource>`` element of DataCite attributes (as made by the mapping) for a version."""
    b = _Builder(version)
    nsmap: Any = {None: b.ns, "xsi": _XSI}
    root = etree.Element(f"{{{b.ns}}}resource", nsmap=nsmap)
    root.set(f"{{{_XSI}}}schemaLocation", V.schema_location(version))
    b.el(root, "identifier", attrs.get("doi", ""), identifierType="DOI")
    creators = b.el(root, "creators")
    for c in attrs["creators"]:
        _name(b, creators, "creator", c)
    _titles(b, root, attrs["titles"])
    pub = attrs["publisher"]
    b.el(
        root,
        "publisher",
        pub.get("name", ""),
        publisherIdentifier=pub.get("publisherIdentifier"),
        publisherIdentifierScheme=pub.get("publisherIdentifierScheme"),
        schemeURI=pub.get("schemeUri"),
        lang=pub.get("lang"),
    )
    b.el(root, "publicationYear", attrs["publicationYear"])
    types = attrs["types"]
    if not (b.kernel3 and types.get("_optional")):
        b.el(
            root,
            "resourceType",
            types.get("resourceType", ""),
            resourceTypeGeneral=types["resourceTypeGeneral"],
        )
    if attrs.get("subjects"):
        node = b.el(root, "subjects")
        for s in attrs["subjects"]:
            b.el(
                node,
                "subject",
                s["subject"],
                **{_uri(k): v for k, v in s.items() if k != "subject"},
            )
    if attrs.get("contributors"):
        node = b.el(root, "contributors")
        for c in attrs["contributors"]:
            _name(b, node, "contributor", c)
    if attrs.get("dates"):
        node = b.el(root, "dates")
        for d in attrs["dates"]:
            b.el(node, "date", d["date"], **{k: v for k, v in d.items() if k != "date"})
    if attrs.get("language"):
        b.el(root, "language", attrs["language"])
    if attrs.get("identifiers"):
        node = b.el(root, "alternateIdentifiers")
        for a in attrs["identifiers"]:
            b.el(
                node,
                "alternateIdentifier",
                a["identifier"],
                alternateIdentifierType=a["identifierType"],
            )
    if attrs.get("relatedIdentifiers"):
        node = b.el(root, "relatedIdentifiers")
        for r in attrs["relatedIdentifiers"]:
            b.el(
                node,
                "relatedIdentifier",
                r["relatedIdentifier"],
                **{_uri(k): v for k, v in r.items() if k != "relatedIdentifier"},
            )
    for key, item in (("sizes", "size"), ("formats", "format")):
        if attrs.get(key):
            node = b.el(root, key)
            for value in attrs[key]:
                b.el(node, item, value)
    if attrs.get("version"):
        b.el(root, "version", attrs["version"])
    if attrs.get("rightsList"):
        node = b.el(root, "rightsList")
        for r in attrs["rightsList"]:
            b.el(
                node,
                "rights",
                r.get("rights"),
                **{_uri(k): v for k, v in r.items() if k != "rights"},
            )
    if attrs.get("descriptions"):
        node = b.el(root, "descriptions")
        for d in attrs["descriptions"]:
            dnode = b.el(
                node, "description", descriptionType=d["descriptionType"], lang=d.get("lang")
            )
            lines = d["description"].split("\n")
            dnode.text = lines[0]
            for line in lines[1:]:
                br = b.el(dnode, "br")
                br.tail = line
    if attrs.get("geoLocations"):
        node = b.el(root, "geoLocations")
        for g in attrs["geoLocations"]:
            _geo(b, node, g)
    if attrs.get("fundingReferences"):
        node = b.el(root, "fundingReferences")
        for f in attrs["fundingReferences"]:
            fnode = b.el(node, "fundingReference")
            b.el(fnode, "funderName", f["funderName"])
            if f.get("funderIdentifier"):
                b.el(
                    fnode,
                    "funderIdentifier",
                    f["funderIdentifier"],
                    funderIdentifierType=f.get("funderIdentifierType"),
                    schemeURI=f.get("schemeUri"),
                )
            if f.get("awardNumber") or f.get("awardUri"):
                b.el(fnode, "awardNumber", f.get("awardNumber", ""), awardURI=f.get("awardUri"))
            if f.get("awardTitle"):
                b.el(fnode, "awardTitle", f["awardTitle"])
    if attrs.get("relatedItems"):
        node = b.el(root, "relatedItems")
        for ri in attrs["relatedItems"]:
            _related_item(b, node, ri)
    return root


def _related_item(b: _Builder, parent: Any, ri: dict[str, Any]) -> None:
    node = b.el(
        parent,
        "relatedItem",
        relatedItemType=ri["relatedItemType"],
        relationType=ri["relationType"],
        relationTypeInformation=ri.get("relationTypeInformation"),
    )
    ident = ri.get("relatedItemIdentifier")
    if ident:
        b.el(
            node,
            "relatedItemIdentifier",
            ident["relatedItemIdentifier"],
            **{_uri(k): v for k, v in ident.items() if k != "relatedItemIdentifier"},
        )
    if ri.get("creators"):
        cnode = b.el(node, "creators")
        for c in ri["creators"]:
            _name(b, cnode, "creator", c)
    if ri.get("titles"):
        _titles(b, node, ri["titles"])
    for key in ("publicationYear", "volume", "issue"):
        if ri.get(key):
            b.el(node, key, ri[key])
    if ri.get("number"):
        b.el(node, "number", ri["number"], numberType=ri.get("numberType"))
    for key in ("firstPage", "lastPage", "publisher", "edition"):
        if ri.get(key):
            b.el(node, key, ri[key])
    if ri.get("contributors"):
        cnode = b.el(node, "contributors")
        for c in ri["contributors"]:
            _name(b, cnode, "contributor", c)


_OAI = OAI_NS


def _oai_record(
    record: Record, attrs: dict[str, Any], root: Any, n: int, now: str, pretty: bool
) -> bytes:
    """One ``<record>`` of the response: a header (the DOI, else the record id, as its
    identifier) and the resource as its metadata."""
    rec = etree.Element(f"{{{_OAI}}}record", nsmap={None: _OAI})  # type: ignore[dict-item]
    kept = record.extras.get("datacite", {})  # the header it was harvested with
    doi = str(attrs.get("doi") or "")
    ident = kept.get("oai:identifier")
    if not isinstance(ident, str):
        ident = f"doi:{doi}" if doi and not doi.startswith(":") else record.id
    add_header(rec, ident or f"oai:biblioconv:{n}", kept, now)
    etree.SubElement(rec, f"{{{_OAI}}}metadata").append(root)
    if pretty:
        etree.indent(rec, space="  ", level=2)
    data: bytes = etree.tostring(rec, encoding="UTF-8", xml_declaration=False)
    return b"    " + data.replace(f' xmlns="{_OAI}"'.encode(), b"", 1) + b"\n"


def write(records: Iterable[Record], stream: IO[bytes], ctx: WriteContext) -> None:
    """Write one record as a DataCite XML document of the chosen kernel version, several (or
    none) as an OAI-PMH ``ListRecords`` response (see the module documentation)."""
    records = xml_writable(records, ctx)  # no control characters XML cannot hold
    opts = ctx.options
    version = str(getattr(opts, "version", V.DEFAULT_VERSION))
    pretty = bool(getattr(opts, "pretty", True))
    mode = str(getattr(opts, "envelope", "auto"))
    writable: Iterator[tuple[Record, dict[str, Any]]] = iter(writable_attributes(records, ctx))
    head = list(islice(writable, 2))
    if mode == "none" and len(head) > 1:
        raise WriteError(
            "several records in one DataCite XML file need the OAI-PMH envelope "
            "(envelope 'auto' or 'oai-pmh'); or write each record to its own file",
            fmt=ctx.format,
        )
    if mode == "none" or (mode == "auto" and len(head) == 1):
        for record, attrs in head:
            kept = record.extras.get("datacite", {})
            report_header_not_written(ctx.reporter(record.label), kept, "datacite")
            root = attributes_to_xml(attrs, version)
            stream.write(
                etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=pretty)
            )
            ctx.report.count("written")
        return
    now = getattr(opts, "response_date", None) or _dt.datetime.now(_dt.timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )
    base_url = str(getattr(opts, "base_url", "https://example.org/oai"))
    stream.write(
        b'<?xml version="1.0" encoding="UTF-8"?>\n' + response_head(now, base_url, "datacite")
    )
    if not head:
        stream.write(b'  <error code="noRecordsMatch">no records</error>\n</OAI-PMH>\n')
        return
    stream.write(b"  <ListRecords>\n")
    for n, (record, attrs) in enumerate(chain(head, writable), 1):
        root = attributes_to_xml(attrs, version)
        stream.write(_oai_record(record, attrs, root, n, now, pretty))
        ctx.report.count("written")
    stream.write(b"  </ListRecords>\n</OAI-PMH>\n")
