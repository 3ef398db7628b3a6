"""Crossref XML elements to native fields: one flat mapping per work (the content item with what
its parents say about its container), the shape the rule table reads.

Everything a work element holds lands in a native field; what no rule maps is kept as XML text
under ``xml:<path>`` (read into the record's extras, so that nothing read is lost).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lxml import etree

from biblioconv.xmlsafe import local_name as local

__all__ = [
    "FACE_TAGS",
    "WORK_TAGS",
    "local",
    "rich_text",
    "text_of",
    "work_fields",
]

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: Elements that hold one registered work (under body, or under a parent work element).
WORK_TAGS = frozenset(
    {
        "journal_article",
        "conference_paper",
        "content_item",
        "dissertation",
        "dataset",
        "posted_content",
        "peer_review",
        "component",
        "standard",
        "pending_publication",
    }
)

#: Crossref face markup and the model's rich-text tags.
FACE_TAGS: dict[str, tuple[str, str]] = {
    "i": ("<i>", "</i>"),
    "b": ("<b>", "</b>"),
    "sup": ("<sup>", "</sup>"),
    "sub": ("<sub>", "</sub>"),
    "scp": ('<span style="font-variant:small-caps;">', "</span>"),
}
#: The faces read as rich-text tags: Crossref's, and JATS's in abstracts.
_READ_FACES = {
    **FACE_TAGS,
    "italic": FACE_TAGS["i"],
    "bold": FACE_TAGS["b"],
    "sc": FACE_TAGS["scp"],
}


def _prefixed(tag: str) -> str:
    """The tag as the crosswalk names it: ``jats:abstract``, ``fr:program``, ``ai:program``..."""
    ns, _, name = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    if "JATS" in ns:
        return f"jats:{name}"
    if ns.endswith("fundref.xsd"):
        return f"fr:{name}"
    if ns.endswith("AccessIndicators.xsd"):
        return f"ai:{name}"
    if ns.endswith("relations.xsd"):
        return f"rel:{name}"
    if ns.endswith("clinicaltrials.xsd"):
        return f"ct:{name}"
    return name


def text_of(elem: Any) -> str | None:
    """All the text of an element, whitespace collapsed ('' is None)."""
    if elem is None:
        return None
    if not len(elem):
        text = elem.text
        if text is None:
            return None
        text = text.strip()
        if "  " not in text and text.isprintable():  # no white space but single spaces
            return text or None
        return " ".join(text.split()) or None
    text = " ".join("".join(elem.itertext()).split())
    return text or None


def rich_text(elem: Any) -> str | None:
    """An element's mixed content as the model's rich text: Crossref's face markup ``i``, ``b``,
    ``sup``, ``sub``, ``scp`` kept as tags, the other faces as their text."""
    if not len(elem):
        return text_of(elem)
    parts: list[str] = []
    _rich_parts(elem, parts)
    text = " ".join("".join(parts).split())
    return text or None


def _rich_parts(e: Any, parts: list[str]) -> None:
    if e.text:
        parts.append(e.text)
    for child in e:
        name = local(child.tag)
        face = _READ_FACES.get(name)
        if face:
            parts.append(face[0])
            _rich_parts(child, parts)
            parts.append(face[1])
        elif name:
            _rich_parts(child, parts)
        if child.tail:
            parts.append(child.tail)


def _xml(elem: Any) -> str:
    """An element as XML text (for what is kept verbatim)."""
    return etree.tostring(elem, encoding="unicode", with_tail=False).strip()


_CR531 = "http://www.crossref.org/schema/5.3.1"
_NSMAP: Any = {None: _CR531}


def _crossmark(elem: Any) -> str:
    """A crossmark block as kept: in the 5.3.1 namespace, without its fundref and licence
    programs (read as funding and rights), comments and layout whitespace."""

    def tag_of(e: Any) -> str:
        if e.tag.startswith(
            ("{http://www.crossref.org/schema/", "{http://www.crossref.org/xschema/")
        ):
            return f"{{{_CR531}}}{local(e.tag)}"
        return str(e.tag)

    def copy(src: Any, dst: Any) -> None:
        text = src.text if src.text and (src.text.strip() or not len(src)) else None
        dst.text = text
        for child in src:
            if not isinstance(child.tag, str) or _prefixed(child.tag) in (
                "fr:program",
                "ai:program",
            ):
                continue
            sub = etree.SubElement(dst, tag_of(child), attrib=dict(child.attrib))
            copy(child, sub)
            if child.tail and child.tail.strip():
                sub.tail = child.tail

    root = etree.Element(tag_of(elem), attrib=dict(elem.attrib), nsmap=_NSMAP)
    copy(elem, root)
    return etree.tostring(root, encoding="unicode")


class _Fields:
    """The native fields of one work, with the XML kept verbatim by path."""

    def __init__(self) -> None:
        self.data: dict[str, Any] = {}

    def add(self, key: str, value: Any) -> None:
        if value is None or value == [] or value == "":
            return
        self.data.setdefault(key, []).append(value)

    def set(self, key: str, value: Any) -> None:
        if value is None or value == [] or value == "" or key in self.data:
            return
        self.data[key] = value

    def keep(self, path: str, elem: Any) -> None:
        self.data.setdefault(f"xml:{path}", []).append(_xml(elem))


_DATE_PARTS = frozenset({"year", "month", "day"})


def _date(elem: Any) -> dict[str, Any] | None:
    parts: dict[str, Any] = {}
    for child in elem:
        name = local(child.tag)
        if name in _DATE_PARTS:
            value = text_of(child)
            if value:
                parts[name] = value
    if elem.get("media_type"):
        parts["media_type"] = elem.get("media_type")
    return parts if ("year" in parts) else None


def _institution(elem: Any) -> dict[str, Any]:
    inst: dict[str, Any] = {}
    for child in elem:
        name = local(child.tag)
        value = text_of(child)
        if not value:
            continue
        if name == "institution_id":
            inst.setdefault("ids", []).append({"type": child.get("type") or "", "value": value})
        elif name in ("institution_name", "institution_acronym", "institution_place"):
            inst.setdefault(name.removeprefix("institution_"), []).append(value)
        elif name == "institution_department":
            inst.setdefault("department", []).append(value)
    return inst


_CONTRIBUTOR_ATTRIBUTES = ("sequence", "contributor_role", "language", "name-style")
_NAME_PARTS = frozenset({"given_name", "surname", "suffix"})
_CONTRIBUTOR_TAGS = frozenset({"person_name", "organization", "anonymous"})


def _contributor(elem: Any) -> dict[str, Any] | None:
    name = local(elem.tag)
    c: dict[str, Any] = {"element": name}
    attrib = elem.attrib
    if attrib:
        for attr in _CONTRIBUTOR_ATTRIBUTES:
            value = attrib.get(attr)
            if value:
                c[attr] = value
    if name == "organization":
        c["name"] = text_of(elem)
        return c if c.get("name") else None
    for child in elem:
        cname = local(child.tag)
        if cname in _NAME_PARTS:
            value = text_of(child)
            if value:
                c[cname] = value
        elif cname == "ORCID":
            value = text_of(child)
            if value:
                c["ORCID"] = value
                if child.get("authenticated"):
                    c["authenticated"] = child.get("authenticated")
        elif cname == "affiliations":
            c["affiliations"] = [_institution(i) for i in child if local(i.tag) == "institution"]
        elif cname == "affiliation":  # unixref 1.1 and deposits before 5.3
            value = text_of(child)
            if value:
                c.setdefault("affiliations", []).append({"name": [value]})
        elif cname:
            c.setdefault("xml", []).append(_xml(child))
    return c


def _contributors(elem: Any) -> list[dict[str, Any]]:
    out = []
    for child in elem:
        if local(child.tag) in _CONTRIBUTOR_TAGS:
            c = _contributor(child)
            if c is not None:
                out.append(c)
    return out


def _citation(elem: Any) -> dict[str, Any]:
    cit: dict[str, Any] = {}
    if elem.get("key"):
        cit["key"] = elem.get("key")
    for child in elem:
        name = local(child.tag)
        if not name:
            continue
        value = text_of(child)
        if value:
            cit[name] = value
    return cit


def _fundref(elem: Any) -> list[dict[str, Any]]:
    """``fr:program`` to funding entries: one per award of a fund group (or one without)."""
    out: list[dict[str, Any]] = []

    def group(g: Any) -> None:
        funders: list[dict[str, Any]] = []
        awards: list[str] = []
        for a in g:
            name = a.get("name")
            if name == "funder_name":
                funder: dict[str, Any] = {"name": " ".join((a.text or "").split())}
                for sub in a:
                    if sub.get("name") == "funder_identifier":
                        funder["identifier"] = text_of(sub)
                funders.append(funder)
            elif name == "funder_identifier":
                funders.append({"name": "", "identifier": text_of(a)})
            elif name == "award_number":
                value = text_of(a)
                if value:
                    awards.append(value)
        first: dict[str, Any] = funders[0] if funders else {"name": ""}
        award_list: list[str | None] = list(awards) or [None]
        for award in award_list:
            entry = dict(first)
            if award:
                entry["award_number"] = award
            if entry.get("name") or entry.get("identifier"):
                out.append(entry)

    loose = []
    for a in elem:
        if a.get("name") == "fundgroup":
            group(a)
        elif local(a.tag) == "assertion":
            loose.append(a)
    if loose:
        holder = etree.Element("group")
        holder.extend(loose)
        group(holder)
    return out


def _access(elem: Any, f: _Fields) -> None:
    for child in elem:
        name = local(child.tag)
        if name == "license_ref":
            value = text_of(child)
            if value:
                ref = {"uri": value}
                for attr in ("applies_to", "start_date"):
                    if child.get(attr):
                        ref[attr] = child.get(attr)
                f.add("ai:license_ref", ref)
        elif name == "free_to_read":
            f.set("ai:free_to_read", dict(child.attrib) or True)


def _relations(elem: Any, f: _Fields) -> None:
    for item in elem:
        if local(item.tag) != "related_item":
            continue
        description = None
        for child in item:
            name = local(child.tag)
            if name == "description":
                description = text_of(child)
            elif name in ("inter_work_relation", "intra_work_relation"):
                value = text_of(child)
                if value:
                    f.add(
                        "rel:program",
                        {
                            "element": name,
                            "type": child.get("relationship-type") or "",
                            "id_type": child.get("identifier-type") or "",
                            "value": value,
                            **({"description": description} if description else {}),
                        },
                    )


def _abstract(elem: Any) -> dict[str, Any] | None:
    paras = [rich_text(p) for p in elem if local(p.tag) in ("p", "sec", "title")]
    text = "\n\n".join(p for p in paras if p) or rich_text(elem)
    if not text:
        return None
    lang = elem.get(_XML_LANG) or next((p.get(_XML_LANG) for p in elem if p.get(_XML_LANG)), None)
    return {"text": text, **({"lang": lang} if lang else {})}


def _titles(elem: Any, f: _Fields, prefix: str) -> None:
    original = False
    for child in elem:
        name = local(child.tag)
        if name == "title":
            f.set(f"{prefix}titles/title", rich_text(child))
        elif name == "subtitle":
            key = "titles/original_language_title/subtitle" if original else "titles/subtitle"
            f.set(f"{prefix}{key}", rich_text(child))
        elif name == "original_language_title":
            original = True
            text = rich_text(child)
            if text:
                lang = child.get("language")
                f.set(
                    f"{prefix}titles/original_language_title",
                    {"text": text, **({"lang": lang} if lang else {})},
                )


def _doi_data(elem: Any, f: _Fields, prefix: str) -> None:
    for child in elem:
        name = local(child.tag)
        if name == "doi":
            f.set(f"{prefix}doi", text_of(child))
        elif name == "resource":
            f.set(f"{prefix}resource", text_of(child))
        elif name and prefix == "":
            f.keep(f"doi_data/{name}", child)


def _publisher(elem: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for child in elem:
        name = local(child.tag)
        if name in ("publisher_name", "publisher_place"):
            value = text_of(child)
            if value:
                out[name.removeprefix("publisher_")] = value
    return out


#: Elements of a work (and of its container's metadata) read into native fields by key.
_SIMPLE = {
    "edition_number": "edition_number",
    "component_number": "component_number",
    "contract_number": "contract_number",
    "group_title": "group_title",
    "running_number": "running_number",
    "competing_interest_statement": "competing_interest_statement",
    "proceedings_subject": "proceedings_subject",
}


def _keep(child: Any, f: _Fields, prefix: str, name: str) -> None:
    f.keep(f"{prefix}{name}", child)


def _m_titles(child: Any, f: _Fields, prefix: str, name: str) -> None:
    _titles(child, f, prefix)


def _m_title(child: Any, f: _Fields, prefix: str, name: str) -> None:
    f.set(f"{prefix}titles/title", rich_text(child))


def _m_abbrev_title(child: Any, f: _Fields, prefix: str, name: str) -> None:
    f.set(f"{prefix}abbrev_title", rich_text(child))


def _m_contributors(child: Any, f: _Fields, prefix: str, name: str) -> None:
    for c in _contributors(child):
        f.add(f"{prefix}contributors", c)


def _m_person(child: Any, f: _Fields, prefix: str, name: str) -> None:  # dissertation authors
    person = _contributor(child)
    if person is not None:
        f.add(f"{prefix}contributors", person)


def _m_abstract(child: Any, f: _Fields, prefix: str, name: str) -> None:
    if _prefixed(child.tag) == "jats:abstract":
        f.add(f"{prefix}jats:abstract", _abstract(child))
    else:
        f.keep(f"{prefix}{name}", child)


def _m_program(child: Any, f: _Fields, prefix: str, name: str) -> None:
    full = _prefixed(child.tag) if prefix == "" else ""
    if full == "fr:program":
        for entry in _fundref(child):
            f.add("fr:program", entry)
    elif full == "ai:program":
        _access(child, f)
    elif full == "rel:program":
        _relations(child, f)
    else:
        f.keep(f"{prefix}{name}", child)


def _m_dates(child: Any, f: _Fields, prefix: str, name: str) -> None:
    f.add(f"{prefix}{name}", _date(child))


def _m_acceptance_date(child: Any, f: _Fields, prefix: str, name: str) -> None:
    f.set(f"{prefix}acceptance_date", _date(child))


def _m_database_date(child: Any, f: _Fields, prefix: str, name: str) -> None:
    for sub in child:
        sname = local(sub.tag)
        if sname:
            f.set(f"{prefix}database_date/{sname}", _date(sub))


def _m_issn(child: Any, f: _Fields, prefix: str, name: str) -> None:
    value = text_of(child)
    if value:
        f.add(f"{prefix}{name}", {"value": value, "media_type": child.get("media_type")})


def _m_noisbn(child: Any, f: _Fields, prefix: str, name: str) -> None:
    f.set(f"{prefix}noisbn", child.get("reason") or "")


def _m_publisher(child: Any, f: _Fields, prefix: str, name: str) -> None:
    f.add(f"{prefix}publisher", _publisher(child))


def _m_institution(child: Any, f: _Fields, prefix: str, name: str) -> None:
    f.add(f"{prefix}institution", _institution(child))


def _m_degree(child: Any, f: _Fields, prefix: str, name: str) -> None:
    f.add(f"{prefix}degree", text_of(child))


def _m_pages(child: Any, f: _Fields, prefix: str, name: str) -> None:
    pages = {local(p.tag): text_of(p) for p in child if local(p.tag)}
    f.set(f"{prefix}pages", {k: v for k, v in pages.items() if v})


def _m_publisher_item(child: Any, f: _Fields, prefix: str, name: str) -> None:
    for sub in child:
        sname = local(sub.tag)
        value = text_of(sub)
        if sname == "item_number" and value:
            f.add(f"{prefix}item_number", {"value": value, "type": sub.get("item_number_type")})
        elif sname == "identifier" and value:
            f.add(f"{prefix}identifier", {"value": value, "id_type": sub.get("id_type") or ""})


def _m_item_number(child: Any, f: _Fields, prefix: str, name: str) -> None:  # posted_content
    value = text_of(child)
    if value:
        f.add(f"{prefix}item_number", {"value": value, "type": child.get("item_number_type")})


def _m_doi_data(child: Any, f: _Fields, prefix: str, name: str) -> None:
    _doi_data(child, f, prefix)


def _m_citation_list(child: Any, f: _Fields, prefix: str, name: str) -> None:
    if prefix:
        f.keep(f"{prefix}{name}", child)
        return
    for cit in child:
        if local(cit.tag) == "citation":
            f.add("citation_list", _citation(cit))


def _m_crossmark(child: Any, f: _Fields, prefix: str, name: str) -> None:
    if prefix:
        f.keep(f"{prefix}{name}", child)
        return
    f.set("crossmark", _crossmark(child))
    for sub in child.iter():
        if _prefixed(sub.tag) == "fr:program":
            for entry in _fundref(sub):
                f.add("fr:program", entry)
        elif _prefixed(sub.tag) == "ai:program":
            _access(sub, f)


def _m_archive_locations(child: Any, f: _Fields, prefix: str, name: str) -> None:
    f.set(
        f"{prefix}archive_locations",
        [a.get("name") for a in child if local(a.tag) == "archive" and a.get("name")],
    )


def _m_description(child: Any, f: _Fields, prefix: str, name: str) -> None:
    if prefix:
        f.keep(f"{prefix}{name}", child)
    else:
        f.set("description", {"text": text_of(child), "lang": child.get("language")})


def _m_format(child: Any, f: _Fields, prefix: str, name: str) -> None:
    if prefix:
        f.keep(f"{prefix}{name}", child)
    else:
        f.set("format", {"mime_type": child.get("mime_type"), "text": text_of(child)})


def _m_simple(child: Any, f: _Fields, prefix: str, name: str) -> None:
    f.set(f"{prefix}{_SIMPLE.get(name, name)}", text_of(child))


def _m_journal_volume(child: Any, f: _Fields, prefix: str, name: str) -> None:
    _metadata(child, f, prefix)


def _m_series_metadata(child: Any, f: _Fields, prefix: str, name: str) -> None:
    _metadata(child, f, "series/")


_Handler = Callable[[Any, _Fields, str, str], None]

#: How each child of a work or container element is read (by local name); any other is kept
#: as XML (``f.keep``).
_METADATA: dict[str, _Handler] = {
    "titles": _m_titles,
    "full_title": _m_title,
    "proceedings_title": _m_title,
    "abbrev_title": _m_abbrev_title,
    "contributors": _m_contributors,
    "person_name": _m_person,
    "organization": _m_person,
    "abstract": _m_abstract,
    "program": _m_program,
    "publication_date": _m_dates,
    "posted_date": _m_dates,
    "approval_date": _m_dates,
    "review_date": _m_dates,
    "acceptance_date": _m_acceptance_date,
    "database_date": _m_database_date,
    "issn": _m_issn,
    "isbn": _m_issn,
    "noisbn": _m_noisbn,
    "publisher": _m_publisher,
    "institution": _m_institution,
    "degree": _m_degree,
    "pages": _m_pages,
    "publisher_item": _m_publisher_item,
    "item_number": _m_item_number,
    "doi_data": _m_doi_data,
    "citation_list": _m_citation_list,
    "crossmark": _m_crossmark,
    "archive_locations": _m_archive_locations,
    "description": _m_description,
    "format": _m_format,
    **dict.fromkeys((*_SIMPLE, "volume", "issue", "coden", "series_number"), _m_simple),
    "journal_volume": _m_journal_volume,
    "series_metadata": _m_series_metadata,
}

#: The attributes of a work read into ``@`` fields.
_WORK_ATTRIBUTES = frozenset(
    {
        "publication_type",
        "reference_distribution_opts",
        "stage",
        "recommendation",
        "revision-round",
        "parent_relation",
        "reg-agency",
        "component_size",
        "level_sequence_number",
        "publication_status",
    }
)


def _metadata(elem: Any, f: _Fields, prefix: str) -> None:
    """The children every work and container element may have, read into ``prefix`` keys
    (``""`` for the work itself, ``container/``, ``series/``...)."""
    handlers = _METADATA
    for child in elem:
        name = local(child.tag)
        if name:
            handlers.get(name, _keep)(child, f, prefix, name)
    if elem.attrib:
        for attr, value in elem.attrib.items():
            if attr == "language":
                f.set(f"{prefix}language", value)
            elif prefix == "" and attr in _WORK_ATTRIBUTES:
                f.set(f"@{attr}", value)


def _event(elem: Any, f: _Fields) -> None:
    event: dict[str, Any] = {}
    for child in elem:
        name = local(child.tag)
        if name == "conference_date":
            event["conference_date"] = {k: v for k, v in child.attrib.items()}
            text = text_of(child)
            if text:
                event["conference_date"]["text"] = text
        elif name == "conference_sponsor":
            value = text_of(child)
            if value:
                event.setdefault("conference_sponsor", []).append(value)
        elif name:
            value = text_of(child)
            if value:
                event[name] = value
    f.set("event_metadata", event)


def native_type(work: Any, parent: Any) -> str:
    """The native type of a work element: the name of the element, qualified by its type
    attribute (``content_item:chapter``, ``posted_content:preprint``, ``book:monograph``)."""
    name = local(work.tag)
    if name == "content_item":
        return f"content_item:{work.get('component_type') or 'other'}"
    if name == "posted_content":
        return f"posted_content:{work.get('type') or 'other'}"
    if name == "peer_review":
        return f"peer_review:{work.get('type') or 'referee-report'}"
    if name == "dataset":
        return f"dataset:{work.get('dataset_type') or 'record'}"
    if name in ("book_metadata", "book_series_metadata", "book_set_metadata"):
        book_type = parent.get("book_type") if parent is not None else None
        return f"book:{book_type or 'other'}"
    return name


def work_fields(work: Any, parent: Any = None) -> dict[str, Any]:
    """The native fields of one work element. ``parent``: the element holding it (``journal``,
    ``book``, ``conference``, ``database``, ``report-paper``...) whose metadata describes the
    container, when there is one."""
    f = _Fields()
    name = local(work.tag)
    f.set("type", native_type(work, parent))
    if parent is not None:
        pname = local(parent.tag)
        for sibling in parent:
            sname = local(sibling.tag)
            if sibling is work or not sname or sname in WORK_TAGS:
                continue
            if sname in (
                "journal_metadata",
                "proceedings_metadata",
                "proceedings_series_metadata",
                "database_metadata",
            ):
                _metadata(sibling, f, "container/")
            elif sname in (
                "book_metadata",
                "book_series_metadata",
                "book_set_metadata",
                "report-paper_metadata",
                "report-paper_series_metadata",
            ):
                _metadata(sibling, f, "container/")
                if pname == "book" and parent.get("book_type"):
                    f.set("container/book_type", parent.get("book_type"))
            elif sname == "journal_issue":
                _metadata(sibling, f, "issue/")
            elif sname == "event_metadata":
                _event(sibling, f)
            elif sname == "contributors":  # conference organisers
                for c in _contributors(sibling):
                    f.add("event/contributors", c)
            else:
                f.keep(f"{pname}/{sname}", sibling)
    _metadata(work, f, "")
    if name == "sa_component" or work.get("parent_doi"):
        f.set("@parent_doi", work.get("parent_doi"))
    return f.data
