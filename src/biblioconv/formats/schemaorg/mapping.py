"""schema.org work nodes <-> records, run by the rules of :mod:`.crosswalk`.

Reading, a work node is flattened first: its ``isPartOf`` chain becomes ``isPartOf.*`` keys (the
issue's number, the volume's, the container's name, ISSNs...), a series ``isPartOf[series].*``,
the publisher ``publisher``, ``publisher.address`` and ``publisher.identifier``; identifier IRIs
in ``@id`` and ``sameAs`` (DOI, handle, arXiv...) join ``identifier``. Writing builds the nodes
back from the same keys. Properties without a rule are kept as given in the record's extras and
written back; what a record holds that schema.org cannot is reported from the rules.
"""

from __future__ import annotations

from typing import Any

from biblioconv.crosswalk import BOOKKEEPING_EXTRAS, report_foreign_extras
from biblioconv.formats.schemaorg import values as V
from biblioconv.formats.schemaorg.crosswalk import CROSSWALK, RULE_TABLE, SERIES_TYPES
from biblioconv.formats.schemaorg.jsonld import Document, node_types
from biblioconv.formats.schemaorg.vocabulary import PROPERTIES
from biblioconv.identifiers import classify
from biblioconv.listorder import reordered
from biblioconv.model import Record
from biblioconv.report import Code, ConversionReport
from biblioconv.rules import Carried, RuleContext, uncarried

__all__ = ["FORMAT", "node_to_record", "record_to_node"]

FORMAT = "schemaorg"
_CHAIN = frozenset({"PublicationIssue", "PublicationVolume"})
_EXTRAS_RULES = frozenset(r.source for r in RULE_TABLE.rules if r.home == "extras")
_P = "isPartOf."
_S = "isPartOf[series]."
_TITLE_KEYS = ("name", "alternateName", "issn", "isbn", "url", "bookEdition")
_CHAIN_KEYS = frozenset(
    {
        "@id",
        "@type",
        "issueNumber",
        "volumeNumber",
        "datePublished",
        "isPartOf",
        "identifier",
        "publisher",
        *_TITLE_KEYS,
    }
)
_SKIP = ("type", "native_types", "extras")
_ARTICLE_CONTAINER = {
    "article-journal": "periodical",
    "article-magazine": "periodical",
    "article-newspaper": "periodical",
    "chapter": "book",
}


class _Quiet:
    @staticmethod
    def add(*args: Any, **kwargs: Any) -> None:
        """Diagnostics nobody asked for."""


# -- reading ---------------------------------------------------------------------------------------


def _is_identifier_iri(raw: str) -> bool:
    found = classify(raw)
    return found is not None and found[0] not in ("url",)


def flatten(node: dict[str, Any], doc: Document, note: Any) -> dict[str, Any]:
    """The fields of a work node as the rules read them (see the module's description)."""
    f: dict[str, Any] = {}
    ids: list[Any] = []
    links: list[Any] = []
    same: list[Any] = []
    for key, value in node.items():
        if key in ("@type", "@context"):
            continue
        if key == "identifier":
            ids[:0] = V.as_list(value)
        elif key == "@id":
            raw = V.text(value)
            if raw and _is_identifier_iri(raw):
                ids.append(raw)
            elif raw:
                f["@id"] = raw
        elif key == "sameAs":
            for v in V.as_list(value):
                raw = V.text(v) if not isinstance(v, dict) else V.text(v.get("@id"))
                if raw and _is_identifier_iri(raw):
                    ids.append(raw)
                else:
                    same.append(v)
        elif key == "publisher":
            _publisher(doc.resolve(V.as_list(value)[0]) if V.as_list(value) else None, "", f)
        elif key == "isPartOf":
            for v in V.as_list(value):
                target = doc.resolve(v)
                if (
                    isinstance(target, dict)
                    and set(node_types(target)) & SERIES_TYPES
                    and not any(k.startswith(_S) for k in f)
                ):
                    _series(target, f)
                    continue
                if not any(k.startswith(_P) for k in f) and _chain(v, doc, f, note):
                    continue
                links.append(v)
        else:
            f[key] = value
    if ids:
        f["identifier"] = ids
    if same:
        f["sameAs"] = same
    if links:
        f["isPartOf"] = links
    return f


def _publisher(pub: Any, prefix: str, f: dict[str, Any]) -> None:
    if isinstance(pub, dict):
        if name := V.text(pub.get("name")):
            f[prefix + "publisher"] = name
        address = pub.get("address")
        if isinstance(address, dict):
            parts = [
                V.text(address.get(k))
                for k in ("addressLocality", "addressRegion", "addressCountry")
            ]
            address = ", ".join(p for p in parts if p) or None
        if (place := V.text(address)) and not prefix:
            f["publisher.address"] = place
        ids = [*V.as_list(pub.get("identifier"))]
        raw = V.text(pub.get("@id"))
        if raw and not raw.startswith(("_:", "#")):
            ids.append(raw)
        if ids and not prefix:
            f["publisher.identifier"] = ids
    elif V.text(pub):
        f[prefix + "publisher"] = V.text(pub)


def _series(node: dict[str, Any], f: dict[str, Any]) -> None:
    for key in ("name", "position", "issn"):
        if key in node:
            f[_S + key] = node[key]
    ids = V.as_list(node.get("identifier"))
    if ids:
        f[_S + "identifier"] = ids


def _chain(start: Any, doc: Document, f: dict[str, Any], note: Any) -> bool:
    """Flatten an ``isPartOf`` chain into ``f``; False when it describes no container (a bare
    link)."""
    found: dict[str, Any] = {}
    title: dict[str, Any] | None = None
    for node in doc.chain(start):
        types = set(node_types(node))
        if "PublicationIssue" in types and "issueNumber" in node:
            found.setdefault(_P + "issueNumber", node["issueNumber"])
        if "PublicationVolume" in types and "volumeNumber" in node:
            found.setdefault(_P + "volumeNumber", node["volumeNumber"])
        if "datePublished" in node:
            found.setdefault(_P + "datePublished", node["datePublished"])
        is_title = bool(types - _CHAIN) or (not types and any(k in node for k in _TITLE_KEYS))
        if title is None and is_title:
            title = node
        unused = sorted(k for k in node if k not in _CHAIN_KEYS)
        if unused:
            note(
                Code.UNKNOWN_FIELD,
                f"isPartOf properties not kept: {', '.join(unused)}",
                "isPartOf",
                severity="info",
            )
    if title is not None:
        for key in _TITLE_KEYS:
            if key in title:
                found[_P + key] = title[key]
        ids = V.as_list(title.get("identifier"))
        raw = V.text(title.get("@id"))
        if raw and _is_identifier_iri(raw):
            ids = [*ids, raw]
        if ids:
            found[_P + "identifier"] = ids
        if "publisher" in title:
            _publisher(doc.resolve(V.as_list(title["publisher"])[0]), _P, found)
        native = next(
            (t for t in node_types(title) if t not in _CHAIN and CROSSWALK.type_to_hub(t)), None
        )
        if native is not None:
            found[_P + "@type"] = native
    if not found:
        return False
    f.update(found)
    return True


def node_to_record(
    node: dict[str, Any],
    doc: Document,
    *,
    report: ConversionReport | None = None,
    source: str | None = None,
    line: int | None = None,
    fmt: str = FORMAT,
    label: str | None = None,
) -> Record:
    """Map one work node of a document to a record (diagnostics to ``report``)."""
    from biblioconv.report import RecordReporter

    reporter: Any = (
        RecordReporter(report, record=label, source=source, line=line, source_format=fmt)
        if report is not None
        else _Quiet
    )
    note = reporter.add
    data: dict[str, Any] = {}
    extras: dict[str, Any] = {}
    types = node_types(node)
    native = next((t for t in types if CROSSWALK.type_to_hub(t)), None)
    hub = CROSSWALK.type_to_hub(native) if native else None
    if hub is None:
        if types:
            note(
                Code.TYPE_APPROXIMATED,
                f"unknown schema.org type {types[0]!r}; read as document",
                "@type",
            )
        hub = "document"
    data["type"] = hub
    if native is not None and CROSSWALK.type_from_hub(hub) != native:
        data["native_types"] = {fmt: native}
    if len(types) > 1:
        extras["@type"] = types
    elif types and native is None:
        extras["@type"] = types[0]

    fields = flatten(node, doc, note)
    ctx = RuleContext(hub_type=hub, native_type=native, fields=fields, reporter=reporter)
    unknown = RULE_TABLE.read(fields, data, ctx)
    for key in ("identifiers",):
        if key in data:
            data[key] = V.dedupe(data[key])
    for part in ("container", "series", "publisher"):
        sub = data.get(part)
        if isinstance(sub, dict) and "identifiers" in sub:
            sub["identifiers"] = V.dedupe(sub["identifiers"])
    container = data.get("container")
    if container is not None and (ctype := fields.get(_P + "@type")):
        container["type"] = CROSSWALK.type_to_hub(ctype)
    if "headline" in fields and "name" in fields:
        extras["headline"] = fields["headline"]
    if "creativeWorkStatus" in fields and "publication_status" not in data:
        extras["creativeWorkStatus"] = fields["creativeWorkStatus"]
    for key in unknown:
        if key.startswith((_P, _S)):
            continue
        extras[key] = fields[key]
        if key not in PROPERTIES and not key.startswith("@"):
            note(
                Code.UNKNOWN_FIELD,
                f"property {key!r} is not in schema.org's vocabulary; kept in extras",
                key,
                severity="info",
            )
    for key in _EXTRAS_RULES:
        if key in fields:
            extras[key] = fields[key]
    if extras:
        data["extras"] = {fmt: extras}
    return Record.model_validate(data)


# -- writing ---------------------------------------------------------------------------------------


def record_to_node(
    record: Record,
    report: ConversionReport | None = None,
    *,
    fmt: str = FORMAT,
    source_format: str | None = None,
) -> dict[str, Any]:
    """Map a record to a schema.org work node (without ``@context``); what it cannot hold is
    reported to ``report`` by record path."""
    native = record.native_types.get(fmt)
    if not (native and CROSSWALK.type_to_hub(native) == record.type):
        native = CROSSWALK.type_from_hub(record.type) or "CreativeWork"
    kept = record.extras.get(fmt, {})
    kept_type = kept.get("@type")
    node: dict[str, Any] = {"@type": native}
    if isinstance(kept_type, list) and native in kept_type:
        node["@type"] = kept_type
    ctx = RuleContext(hub_type=record.type, native_type=native, record=record)
    flat, carried = RULE_TABLE.write(record, ctx)
    _assemble(flat, node, record, carried)
    for key, value in kept.items():
        if key != "@type" and key not in node and key not in BOOKKEEPING_EXTRAS:
            node[key] = value
    if report is not None:
        _report(record, report, native, carried, fmt, source_format)
    return node


def _assemble(flat: dict[str, Any], node: dict[str, Any], record: Record, carried: Carried) -> None:
    """Build the nested nodes (container chain, series, publisher) from the rules' flat keys."""
    chain: dict[str, Any] = {}
    series: dict[str, Any] = {}
    publisher: dict[str, Any] = {}
    for key, value in flat.items():
        if key.startswith(_S):
            series[key[len(_S) :]] = value
        elif key.startswith(_P):
            chain[key[len(_P) :]] = value
        elif key.startswith("publisher"):
            publisher[key.partition(".")[2] or "name"] = value
        else:
            node[key] = value
    if publisher:
        pub: dict[str, Any] = {"@type": "Organization"}
        pub.update(publisher)
        node["publisher"] = pub
    parts: list[Any] = []
    cont = record.container
    if chain or (cont is not None and cont.type):
        parts.append(_container(chain, record, carried))
    if series:
        stype = "BookSeries" if record.type in ("book", "edited-book", "multivolume-book") else None
        snode: dict[str, Any] = {"@type": stype or "CreativeWorkSeries"}
        snode.update(series)
        parts.append(snode)
    if parts:
        node["isPartOf"] = parts[0] if len(parts) == 1 else parts


def _container(chain: dict[str, Any], record: Record, carried: Carried) -> dict[str, Any]:
    cont = record.container
    title: dict[str, Any] = {}
    ctype = cont.type if cont is not None else None
    if ctype is not None:
        native = CROSSWALK.type_from_hub(ctype) or "CreativeWork"
        title["@type"] = native
        if CROSSWALK.type_to_hub(native) == ctype:
            carried.mark(["container.type"])
        else:
            carried.mark(["container.type"], approx="isPartOf.@type")
    for key in (*_TITLE_KEYS, "identifier"):
        if key in chain:
            title[key] = chain[key]
    if "publisher" in chain:
        title["publisher"] = {"@type": "Organization", "name": chain["publisher"]}
    node = title
    if "volumeNumber" in chain:
        node = {"@type": "PublicationVolume", "volumeNumber": chain["volumeNumber"]} | (
            {"isPartOf": node} if node else {}
        )
    if "issueNumber" in chain:
        node = {"@type": "PublicationIssue", "issueNumber": chain["issueNumber"]} | (
            {"isPartOf": node} if node else {}
        )
    if "datePublished" in chain:
        node["datePublished"] = chain["datePublished"]
    return node


def _report(
    record: Record,
    report: ConversionReport,
    native: str,
    carried: Carried,
    fmt: str,
    source_format: str | None,
) -> None:
    def add(code: Code, message: str, field: str, severity: str = "warning") -> None:
        report.add(
            code,
            message,
            severity=severity,  # type: ignore[arg-type]
            record=record.label,
            field=field,
            source_format=source_format,
            target_format=fmt,
        )

    if CROSSWALK.type_to_hub(native) != record.type:
        add(Code.TYPE_APPROXIMATED, f"{record.type} written as schema.org type {native}", "type")
    for path, prop in sorted(carried.approx.items()):
        add(Code.VALUE_COERCED, f"written approximately as schema.org {prop}", path)
    for path in uncarried(record, carried, skip=_SKIP):
        reason = CROSSWALK.reason(record, path)
        add(
            Code.FIELD_DROPPED,
            f"no schema.org property for {path}"
            + (f" ({reason})" if reason and reason != "no schema.org property" else ""),
            path,
        )
    for path, idents in _identifier_lists(record):
        keys = [V.identifier_key(i.model_dump()) for i in idents]
        if len(set(keys)) != len(keys):
            add(
                Code.VALUE_COERCED,
                f"repeated identifiers are written once: the elements of {path} after a repeat "
                "read back one place earlier",
                path,
            )
    for path in reordered(carried.elements):
        add(
            Code.VALUE_COERCED,
            f"the elements of {path} are written grouped by property (or some not at all): "
            "they read back in another order or at other positions",
            path,
        )
    report_foreign_extras(record, fmt, (fmt,), report, source_format=source_format)


def _identifier_lists(record: Record) -> list[tuple[str, list[Any]]]:
    out: list[tuple[str, list[Any]]] = [("identifiers", record.identifiers)]
    for name in ("container", "series", "publisher"):
        part = getattr(record, name)
        if part is not None and part.identifiers:
            out.append((f"{name}.identifiers", part.identifiers))
    return out
