"""JATS elements <-> records, run by the rules of :mod:`.crosswalk`.

Reading, a citation (``element-citation``, ``mixed-citation`` or NLM ``citation``) or an article's
front matter is first turned into fields named as the rules name them (``person-group[author]``,
``pub-id[doi]``, ``year``...), holding values in the record's shapes; the rules put them in the
record. Writing, the rules give the fields of a record and :func:`record_to_ref` builds a
``<ref>`` with an ``element-citation`` from them.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from biblioconv.formats.jats.crosswalk import CHAPTERISH, CROSSWALK, ROLES, RULE_TABLE, SCHEMES
from biblioconv.formats.jats.markup import append_rich, plain, rich
from biblioconv.identifiers import canonical_scheme, classify
from biblioconv.listorder import reordered
from biblioconv.model import Record
from biblioconv.names import orcid_person_fields
from biblioconv.report import Code, ConversionReport, RecordReporter
from biblioconv.rules import Carried, RuleContext, select, uncarried
from biblioconv.xmlsafe import local_name as _local

__all__ = ["FORMAT", "citation_fields", "front_fields", "record_to_ref", "to_record"]

FORMAT = "jats"
XLINK = "{http://www.w3.org/1999/xlink}href"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}
_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
_SKIP = ("type", "native_types", "extras", "id")
_CITATIONS = ("element-citation", "mixed-citation", "citation", "nlm-citation")
_SOURCES = frozenset(r.source for r in RULE_TABLE.rules)


def _children(elem: Any, name: str) -> list[Any]:
    return [c for c in elem if _local(c.tag) == name]


def _first(elem: Any, *path: str) -> Any:
    for name in path:
        for child in elem:
            if _local(child.tag) == name:
                elem = child
                break
        else:
            return None
    return elem


def _firsts(elem: Any, names: frozenset[str]) -> dict[str, Any]:
    """The first child of each of ``names`` that ``elem`` has (one pass over its children)."""
    out: dict[str, Any] = {}
    for child in elem:
        name = _local(child.tag)
        if name in names and name not in out:
            out[name] = child
    return out


_NAME_PARTS = frozenset({"given-names", "surname", "suffix", "prefix"})
_DATE_PARTS = frozenset({"year", "month", "day", "season"})
_NAME_HOMES = (
    ("given-names", "given"),
    ("surname", "family"),
    ("suffix", "suffix"),
    ("prefix", "role_label"),
)


# -- names, dates, identifiers --------------------------------------------------------------------


def _name(elem: Any, role: str) -> dict[str, Any] | None:
    tag = _local(elem.tag)
    out: dict[str, Any] = {"role": role}
    if tag == "collab":
        text = plain(elem)
        return {**out, "kind": "organization", "literal": text} if text else None
    parts = _firsts(elem, _NAME_PARTS)
    for part, home in _NAME_HOMES:
        found = parts.get(part)
        text = plain(found) if found is not None else ""
        if text:
            out[home] = text
    if tag == "string-name" and not (out.get("given") or out.get("family")):
        text = plain(elem)
        orcid = orcid_person_fields(text, role)
        if orcid is not None:  # a person known only by an ORCID, as every reader reads it
            return orcid
        if text:
            out["literal"] = text
    if not (out.get("given") or out.get("family") or out.get("literal")):
        return None
    return out


def _names(group: Any, role: str) -> list[dict[str, Any]]:
    out = []
    for child in group:
        if _local(child.tag) in ("name", "string-name", "collab", "name-alternatives"):
            target = child
            if _local(child.tag) == "name-alternatives":
                target = next((c for c in child if _local(c.tag) == "name"), None)
                if target is None:
                    continue
            n = _name(target, role)
            if n is not None:
                out.append(n)
    return out


def _int(text: str | None) -> int | None:
    if text is None:
        return None
    m = re.match(r"\s*(-?\d+)", text)
    return int(m.group(1)) if m else None


def _date(elem: Any, type_: str) -> dict[str, Any] | None:
    """A date from year/month/day/season children or an @iso-8601-date."""
    parts = _firsts(elem, _DATE_PARTS)
    year = _int(plain(y)) if (y := parts.get("year")) is not None else None
    iso = elem.get("iso-8601-date")
    if year is None and iso:
        from biblioconv.dates import parse_date

        return parse_date(iso, type_).model_dump(exclude_defaults=True) | {"type": type_}
    if year is None:
        text = plain(elem)
        if text and type_ == "accessed":
            from biblioconv.dates import parse_date

            return parse_date(text, type_).model_dump(exclude_defaults=True) | {"type": type_}
        return None
    start: dict[str, Any] = {"year": year}
    month = parts.get("month")
    if month is not None:
        word = plain(month).lower()
        m = _int(word) or _MONTHS.get(word[:3])
        if m and 1 <= m <= 12:
            start["month"] = m
            day = parts.get("day")
            d = _int(plain(day)) if day is not None else None
            if d and 1 <= d <= 31:
                start["day"] = d
    season = parts.get("season")
    if season is not None and "month" not in start:
        s = _SEASONS.get(plain(season).lower())
        if s:
            start["season"] = s
    return {"type": type_, "start": start}


def _identifier(scheme: str, value: str) -> dict[str, Any]:
    return {"scheme": scheme, "value": value}


# -- reading citations ----------------------------------------------------------------------------


def citation_fields(cit: Any) -> dict[str, Any]:
    """The fields of a citation element, named as the rules name them."""
    f: dict[str, Any] = {}

    def add(key: str, value: Any) -> None:
        if isinstance(value, list):
            f.setdefault(key, []).extend(value)
        else:
            f.setdefault(key, value)

    loose_names: list[dict[str, Any]] = []
    for child in cit:
        tag = _local(child.tag)
        if tag == "person-group":
            word = child.get("person-group-type", "author")
            if word not in ROLES:
                word = "custom"
            role = ROLES[word]
            names = _names(child, role)
            if word == "custom":
                label = child.get("custom-type") or child.get("person-group-type")
                if label in ("custom", "contributor"):  # the role itself says it
                    label = None
                for person in names if label else ():
                    person.setdefault("role_label", label)
            key = f"person-group[{word}]"
            if names:
                add(key, names)
            if _first(child, "etal") is not None:
                add("etal", [role])
        elif tag in ("name", "string-name", "collab"):
            n = _name(child, "author")
            if n is not None:
                loose_names.append(n)
        elif tag == "etal":
            add("etal", ["author"])
        elif tag in (
            "article-title",
            "chapter-title",
            "source",
            "trans-title",
            "data-title",
            "part-title",
        ):
            text = rich(child)
            if text:
                key = {"data-title": "article-title", "part-title": "chapter-title"}.get(tag, tag)
                add(key, text)
        elif tag in ("year", "month", "day", "season"):
            pass  # below, together
        elif tag == "date-in-citation":
            kind = child.get("content-type", "")
            if kind in ("access-date", "accessed", "cited"):
                d = _date(child, "accessed")
                if d is not None:
                    add("date-in-citation[access-date]", d)
        elif tag in (
            "volume",
            "issue",
            "fpage",
            "lpage",
            "page-range",
            "elocation-id",
            "publisher-name",
            "publisher-loc",
            "edition",
            "version",
            "series",
            "comment",
            "conf-name",
            "conf-loc",
            "patent",
        ):
            text = plain(child)
            if text:
                add(tag, text)
        elif tag == "institution" and "publisher-name" not in f:
            text = plain(child)
            if text:
                add("publisher-name", text)
        elif tag == "size" and child.get("units") == "pages":
            text = plain(child)
            if text:
                add("size[pages]", text)
        elif tag == "pub-id":
            kind = (child.get("pub-id-type") or "").lower()
            scheme = SCHEMES.get(kind, canonical_scheme(kind) if kind else "other")
            text = plain(child)
            if text:
                key = f"pub-id[{'pmcid' if scheme == 'pmcid' else kind}]"
                ident = _identifier(scheme, text)
                if scheme in ("isbn", "issn"):
                    key = scheme
                elif key not in _SOURCES:
                    key = "pub-id[other]"
                    ident = {"scheme": "other", "value": text, "label": kind or "other"}
                add(key, [ident])
        elif tag in ("isbn", "issn"):
            text = plain(child)
            if text:
                add(tag, [_identifier(tag, text)])
        elif tag in ("ext-link", "uri"):
            href = child.get(XLINK) or plain(child)
            if href:
                add("ext-link", [_identifier("url", href)])
    if loose_names:
        add("person-group[author]", loose_names)
    d = _date(cit, "issued")
    if d is not None:
        f["year"] = d
    mixed = mixed_text(cit) if _local(cit.tag) == "mixed-citation" else None
    if mixed:
        f["mixed-citation"] = mixed
    return f


def mixed_text(cit: Any) -> str | None:
    """The text of a mixed-citation as a citation, or None when it has no text of its own
    between its elements (PMC tags every part and leaves out the punctuation: the parts run
    together, and the elements already give them)."""
    if not (cit.text or "").strip() and not any((c.tail or "").strip() for c in cit):
        return None
    return plain(cit) or None


# -- reading the front matter ---------------------------------------------------------------------


def _affiliations(article: Any) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for aff in article.iter("aff"):
        rid = aff.get("id")
        a = _affiliation(aff)
        if rid and a:
            out[rid] = a
    return out


def _affiliation(aff: Any) -> dict[str, Any] | None:
    a: dict[str, Any] = {}
    insts = [plain(i) for i in aff.iter("institution") if plain(i)]
    ids = []
    for i in aff.iter("institution-id"):
        kind = i.get("institution-id-type", "")
        text = plain(i)
        if text:
            found = classify(text)
            scheme = found[0] if found else canonical_scheme(kind or "other")
            ids.append(_identifier(scheme, text))
    if insts:
        a["name"] = ", ".join(insts)
    else:
        parts = [plain(c) for c in aff if _local(c.tag) not in ("label", "sup", "xref")]
        text = ", ".join(p for p in parts if p)
        lead = (aff.text or "").strip()
        tail = " ".join((c.tail or "").strip() for c in aff if (c.tail or "").strip())
        text = " ".join(p for p in (lead, text, tail) if p).strip(" ,")
        if text:
            a["name"] = re.sub(r"\s+", " ", text)
    if ids:
        a["identifiers"] = ids
    return a or None


def front_fields(article: Any, note: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """The fields of an article's front matter, and what is kept as XML in extras."""
    f: dict[str, Any] = {}
    extras: dict[str, Any] = {}
    front = _first(article, "front")
    meta = _first(front, "article-meta") if front is not None else None
    journal = _first(front, "journal-meta") if front is not None else None
    lang = article.get(XML_LANG) or article.get("lang")
    if lang:
        f["lang"] = lang
    if journal is not None:
        for child in journal:
            tag = _local(child.tag)
            if tag == "journal-title-group":
                t = _first(child, "journal-title")
                if t is not None and rich(t):
                    f["source"] = rich(t)
                a = _first(child, "abbrev-journal-title")
                if a is not None and plain(a):
                    f["abbrev-journal-title"] = plain(a)
            elif tag == "journal-title" and plain(child):
                f.setdefault("source", rich(child))
            elif tag == "abbrev-journal-title" and plain(child):
                f.setdefault("abbrev-journal-title", plain(child))
            elif tag == "issn" and plain(child):
                electronic = child.get("pub-type") == "epub" or (
                    child.get("publication-format") == "electronic"
                )
                key = "issn[electronic]" if electronic else "issn"
                scheme = "eissn" if electronic else "issn"
                f.setdefault(key, []).append(_identifier(scheme, plain(child)))
            elif tag == "publisher":
                n = _first(child, "publisher-name")
                loc = _first(child, "publisher-loc")
                if n is not None and plain(n):
                    f["publisher-name"] = plain(n)
                if loc is not None and plain(loc):
                    f["publisher-loc"] = plain(loc)
            elif tag != "journal-id":
                extras[f"journal-meta/{tag}"] = _xml(child)
            else:
                extras.setdefault("journal-meta/journal-id", []).append(_xml(child))
    if meta is None:
        return f, extras
    affs = _affiliations(article)
    for child in meta:
        tag = _local(child.tag)
        if tag == "article-id":
            kind = (child.get("pub-id-type") or "").lower()
            scheme = SCHEMES.get(kind, "other")
            text = plain(child)
            if text:
                key = f"pub-id[{'pmcid' if scheme == 'pmcid' else kind}]"
                ident = _identifier(scheme, text)
                if key not in _SOURCES:
                    key = "pub-id[other]"
                    ident = {"scheme": "other", "value": text, "label": kind or "other"}
                f.setdefault(key, []).append(ident)
        elif tag == "title-group":
            for t in child:
                ttag = _local(t.tag)
                if ttag in ("article-title", "subtitle", "alt-title") and rich(t):
                    f.setdefault(ttag, rich(t))
                elif ttag == "trans-title-group":
                    tt = _first(t, "trans-title")
                    if tt is not None and rich(tt):
                        f.setdefault("trans-title", rich(tt))
        elif tag == "contrib-group":
            for contrib in _children(child, "contrib"):
                word = contrib.get("contrib-type", "author")
                label = None
                if word not in ROLES:
                    word, label = "custom", word
                role = ROLES[word]
                target = next(
                    (
                        c
                        for c in contrib
                        if _local(c.tag) in ("name", "string-name", "collab", "name-alternatives")
                    ),
                    None,
                )
                if target is not None and _local(target.tag) == "name-alternatives":
                    target = _first(target, "name")
                n = _name(target, role) if target is not None else None
                ids = []
                for cid in _children(contrib, "contrib-id"):
                    text = plain(cid)
                    found = classify(text) if text else None
                    if found is not None:
                        ids.append(_identifier(found[0], text))
                if n is None and ids:
                    n = {"role": role}
                if n is None:
                    continue
                if ids:
                    n["identifiers"] = ids
                aff_list = [
                    affs[x.get("rid", "")]
                    for x in _children(contrib, "xref")
                    if x.get("ref-type") == "aff" and x.get("rid", "") in affs
                ]
                aff_list += [a for aff in _children(contrib, "aff") if (a := _affiliation(aff))]
                if aff_list:
                    n["affiliations"] = aff_list
                if label:
                    n.setdefault("role_label", label)
                f.setdefault(f"person-group[{word}]", []).append(n)
        elif tag == "pub-date":
            d = _date(child, "issued")
            kind = child.get("pub-type") or child.get("date-type") or ""
            if d is not None and kind not in ("collection",):
                old = f.get("year")
                if old is None or len(d["start"]) > len(old["start"]):
                    f["year"] = d
            elif d is not None and "year" not in f:
                f["year"] = d
        elif tag in ("volume", "issue", "fpage", "lpage", "elocation-id", "page-range"):
            if plain(child):
                f.setdefault(tag, plain(child))
        elif tag == "history":
            for date in _children(child, "date"):
                kind = date.get("date-type", "")
                if kind in ("received", "accepted"):
                    t = "submitted" if kind == "received" else "accepted"
                    d = _date(date, t)
                    if d is not None:
                        f[f"history[{kind}]"] = d
        elif tag == "abstract":
            if child.get("abstract-type") in (None, "", "summary") and "abstract" not in f:
                paras = [rich(p) for p in child.iter("p") if rich(p)]
                text = "\n\n".join(paras) or rich(child)
                if text:
                    f["abstract"] = text
            else:
                extras.setdefault("article-meta/abstract", []).append(_xml(child))
        elif tag == "kwd-group":
            scheme = child.get("kwd-group-type")
            terms = [
                {"term": rich(k), **({"scheme": scheme} if scheme else {})}
                for k in child.iter("kwd")
                if rich(k)
            ]
            f.setdefault("kwd", []).extend(terms)
        elif tag == "article-categories":
            for group in child.iter("subj-group"):
                scheme = group.get("subj-group-type")
                for s in _children(group, "subject"):
                    if rich(s):
                        term = {"term": rich(s), **({"scheme": scheme} if scheme else {})}
                        f.setdefault("subject", []).append(term)
        elif tag == "permissions":
            rights = []
            for c in child:
                ctag = _local(c.tag)
                if ctag == "copyright-statement" and plain(c):
                    rights.append({"statement": plain(c)})
                elif ctag == "license":
                    r: dict[str, Any] = {}
                    href = c.get(XLINK)
                    if href:
                        r["uri"] = href
                    text = " ".join(plain(p) for p in _children(c, "license-p") if plain(p))
                    if text:
                        r["statement"] = text
                    if r:
                        rights.append(r)
                elif ctag in ("copyright-year", "copyright-holder"):
                    extras[f"article-meta/permissions/{ctag}"] = plain(c)
            if rights:
                f["license"] = rights
        elif tag == "funding-group":
            funding = []
            for award in child.iter("award-group"):
                source = _first(award, "funding-source")
                if source is None:
                    continue
                inst = next(iter(source.iter("institution")), None)
                name = plain(inst) if inst is not None else plain(source)
                if not name:
                    continue
                entry: dict[str, Any] = {"funder_name": name}
                iid = next(iter(source.iter("institution-id")), None)
                if iid is not None and plain(iid):
                    found = classify(plain(iid))
                    kind = iid.get("institution-id-type", "")
                    scheme = found[0] if found else canonical_scheme(kind or "other")
                    entry["funder_identifier"] = _identifier(scheme, plain(iid))
                    if kind:
                        entry["funder_identifier_type"] = kind
                number = _first(award, "award-id")
                if number is not None and plain(number):
                    entry["award_number"] = plain(number)
                funding.append(entry)
            if funding:
                f["funding"] = funding
            statement = _first(child, "funding-statement")
            if statement is not None:
                extras["article-meta/funding-group/funding-statement"] = plain(statement)
        elif tag == "self-uri":
            href = child.get(XLINK)
            if href:
                kind = "pdf" if child.get("content-type") == "pdf" else "file"
                f.setdefault("self-uri", []).append({"url": href, "kind": kind})
        elif tag not in ("contrib-group", "aff", "aff-alternatives"):
            extras.setdefault(f"article-meta/{tag}", []).append(_xml(child))
    return f, extras


def _xml(elem: Any) -> str:
    text = etree.tostring(elem, encoding="unicode", with_tail=False)
    return re.sub(r'\s+xmlns(:\w+)?="[^"]*"', "", text)


# -- fields -> record ------------------------------------------------------------------------------


def to_record(
    fields: dict[str, Any],
    native: str | None,
    *,
    extras: dict[str, Any] | None = None,
    record_id: str | None = None,
    reporter: Any = None,
    fmt: str = FORMAT,
) -> Record:
    """The record of a citation's or a front matter's fields."""
    data: dict[str, Any] = {}
    hub = CROSSWALK.type_to_hub(native) if native else None
    if native and hub is None and reporter is not None:
        reporter.add(
            Code.TYPE_APPROXIMATED, f"unknown JATS type {native!r}; read as document", "type"
        )
    if hub is None:
        hub = "document"
    if hub == "book" and "chapter-title" in fields:
        hub = "chapter"
    data["type"] = hub
    if native and CROSSWALK.type_from_hub(hub) != native:
        data["native_types"] = {fmt: native}
    if record_id:
        data["id"] = record_id
    ctx = RuleContext(hub_type=hub, native_type=native, fields=fields, reporter=reporter)
    unread = RULE_TABLE.read(fields, data, ctx)
    if unread:  # fields the reader made that no rule reads: kept, never lost
        extras = {**(extras or {}), **{k: fields[k] for k in unread}}
    cont = data.get("container")
    if cont is not None and "titles" in cont and hub in _CONTAINER_TYPES:
        cont["type"] = _CONTAINER_TYPES[hub]
    if "et_al" in data:
        data["et_al"] = list(dict.fromkeys(data["et_al"]))
    if extras:
        data["extras"] = {fmt: extras}
    return Record.model_validate(data)


# -- writing ---------------------------------------------------------------------------------------

_ORDER = (
    "person-group",
    "etal",
    "article-title",
    "chapter-title",
    "source",
    "trans-title",
    "edition",
    "version",
    "series",
    "conf-name",
    "conf-loc",
    "publisher-loc",
    "publisher-name",
    "year",
    "volume",
    "issue",
    "fpage",
    "lpage",
    "page-range",
    "elocation-id",
    "size",
    "patent",
    "date-in-citation",
    "pub-id",
    "isbn",
    "issn",
    "ext-link",
    "comment",
)


def _order(key: str) -> int:
    base = key.split("[")[0]
    return _ORDER.index(base) if base in _ORDER else len(_ORDER)


def record_to_ref(
    record: Record,
    parent: Any,
    index: int,
    report: ConversionReport | None = None,
    *,
    fmt: str = FORMAT,
    source_format: str | None = None,
    used: set[str] | None = None,
) -> Any:
    """Append a ``<ref>`` with the record's ``element-citation`` to ``parent`` (``used``: the
    ref ids already in the document, which must be unique)."""
    native = record.native_types.get(fmt)
    if not (native and CROSSWALK.type_to_hub(native) == record.type and native in _WRITABLE):
        native = CROSSWALK.type_from_hub(record.type) or "other"
    back = _read_back_type(record.type, native)
    ctx = RuleContext(hub_type=back, native_type=native, record=record)
    flat, carried = RULE_TABLE.write(record, ctx)
    ref_id = _ref_id(record, index)
    if used is not None:
        base, n = ref_id, 1
        while ref_id in used:
            n += 1
            ref_id = f"{base}-{n}"
        used.add(ref_id)
    ref = etree.SubElement(parent, "ref", id=ref_id)
    cont = record.container
    if cont is not None and cont.titles and "source" in flat and flat["source"] == cont.title:
        inferred = _CONTAINER_TYPES.get(back)
        if cont.type == inferred:
            if inferred is not None:
                carried.mark(["container.type"])
        else:
            carried.mark(["container.type"], approx="source")
    cit = etree.SubElement(ref, "element-citation", {"publication-type": native})
    names_done = False
    for key in sorted(flat, key=_order):
        value = flat[key]
        base, _, arg = key.partition("[")
        arg = arg.rstrip("]")
        if base == "person-group":
            group = etree.SubElement(cit, "person-group", {"person-group-type": arg})
            if arg == "custom":
                group.set("custom-type", "contributor")
            for c in value:
                _write_name(group, c)
            if arg in _et_al_words(record):
                etree.SubElement(group, "etal")
            names_done = True
        elif base == "etal":
            continue
        elif base in ("article-title", "chapter-title", "source", "trans-title"):
            append_rich(cit, base, value)
        elif base == "year":
            for part in ("year", "month", "day"):
                if part in value:
                    v = value[part]
                    text = (
                        f"{v:04d}"
                        if part == "year" and v >= 0
                        else (f"{v:02d}" if part != "year" else str(v))
                    )
                    etree.SubElement(cit, part).text = text
            if "season" in value and "month" not in value:
                names = ["Spring", "Summer", "Autumn", "Winter"]
                etree.SubElement(cit, "season").text = names[value["season"] - 1]
        elif base == "date-in-citation":
            d = etree.SubElement(cit, "date-in-citation", {"content-type": "access-date"})
            iso = _iso(value)
            d.set("iso-8601-date", iso)
            d.text = iso
        elif base == "size":
            etree.SubElement(cit, "size", units="pages").text = value
        elif base == "pub-id":
            kind = {"pmcid": "pmcid", "local": "publisher-id"}.get(arg, arg)
            for v in value:
                etree.SubElement(cit, "pub-id", {"pub-id-type": kind}).text = v
        elif base in ("isbn", "issn"):
            for v in value:
                etree.SubElement(cit, base).text = v
        elif base == "ext-link":
            for v in value:
                link = etree.SubElement(cit, "ext-link", {"ext-link-type": "uri", XLINK: v})
                link.text = v
        else:
            etree.SubElement(cit, base).text = value
    del names_done
    stand_in = False
    untitled = (
        "source" in flat
        and "article-title" not in flat
        and "chapter-title" not in flat
        and cont is not None
        and flat["source"] == cont.title
    )
    if len(cit) == 0:  # nothing an element-citation holds: the citation text only
        ref.remove(cit)
        stand_in = not record.citation
    if record.citation or stand_in:  # the citation as given, beside the elements
        mixed = etree.SubElement(ref, "mixed-citation", {"publication-type": native})
        mixed.text = record.citation or record.label
        if record.citation and " ".join(record.citation.split()) == record.citation:
            carried.mark(["citation"])
    if report is not None:
        if untitled:  # a source alone is the cited work's own title
            for field in ("container", "titles(type=main)"):
                report.add(
                    Code.VALUE_COERCED,
                    "no title: the container's title, written as source, reads back as the "
                    "record's own title",
                    severity="warning",
                    record=record.label,
                    field=field,
                    source_format=source_format,
                    target_format=fmt,
                )
        if stand_in:
            report.add(
                Code.VALUE_COERCED,
                "nothing an element-citation holds: written as a mixed-citation of "
                f"{'the citation text' if record.citation else 'the label'}",
                severity="warning",
                record=record.label,
                field="citation",
                source_format=source_format,
                target_format=fmt,
            )
        _report(record, report, native, carried, fmt, source_format, ref_id)
    return ref


_WRITABLE = frozenset(tm.native for tm in CROSSWALK.types if tm.write)


def _et_al_words(record: Record) -> set[str]:
    back = {r: w for w, r in ROLES.items() if w not in ("guest-editor", "inventor", "allauthors")}
    return {back[r] for r in record.et_al if r in back}


def _iso(value: dict[str, Any]) -> str:
    y = value["year"]
    text = f"{y:04d}" if y >= 0 else f"-{-y:04d}"
    if "month" in value:
        text += f"-{value['month']:02d}"
        if "day" in value:
            text += f"-{value['day']:02d}"
    return text


def _write_name(group: Any, c: Any) -> None:
    if c.kind == "organization" or (c.literal and not (c.family or c.given)):
        if c.kind == "organization":
            etree.SubElement(group, "collab").text = c.literal or c.display_name
        else:
            etree.SubElement(group, "string-name").text = c.literal
        return
    if not (c.family or c.given):
        orcid = c.orcid
        etree.SubElement(group, "string-name").text = f"https://orcid.org/{orcid}" if orcid else ""
        return
    name = etree.SubElement(group, "name")
    if c.family:
        etree.SubElement(name, "surname").text = c.family
    if c.given:
        etree.SubElement(name, "given-names").text = c.given
    if c.suffix:
        etree.SubElement(name, "suffix").text = c.suffix


def _ref_id(record: Record, index: int) -> str:
    raw = record.id or record.citation_key or f"ref{index}"
    cleaned = re.sub(r"[^A-Za-z0-9._-]", "_", raw)
    if not re.match(r"[A-Za-z_]", cleaned):
        cleaned = "r" + cleaned
    return cleaned


def _report(
    record: Record,
    report: ConversionReport,
    native: str,
    carried: Carried,
    fmt: str,
    source_format: str | None,
    ref_id: str,
) -> None:
    rep = RecordReporter(
        report, record=record.label, source_format=source_format, target_format=fmt
    )
    if _read_back_type(record.type, native) != record.type:
        rep.add(
            Code.TYPE_APPROXIMATED, f"{record.type} written as publication-type {native}", "type"
        )
    if record.id != ref_id:
        rep.add(Code.VALUE_COERCED, "the ref's id is not the record's id", "id")
    for path, source in sorted(carried.approx.items()):
        rep.add(Code.VALUE_COERCED, f"written approximately as {source}", path)
    homes: dict[str, list[str]] = {}
    for path in uncarried(record, carried, skip=_SKIP):
        home = _unmapped_home(record, path)
        if home is not None:  # one diagnostic per home the crosswalk says is not written
            homes.setdefault(home, []).append(path)
            continue
        rep.add(Code.FIELD_DROPPED, f"no element-citation element for {path}", path)
    for home, paths in homes.items():
        rep.add(
            Code.FIELD_DROPPED,
            f"{CROSSWALK.unmapped[home]}: {', '.join(paths)}",
            home,
        )
    for path in reordered(carried.elements):
        rep.add(
            Code.VALUE_COERCED,
            f"the elements of {path} are written grouped by element (or some not at all): "
            "they read back in another order or at other positions",
            path,
        )
    roles = [c.role for c in record.contributors]
    if roles != sorted(roles, key=_role_rank) or any(r not in _ROLE_RANK for r in roles):
        rep.add(
            Code.VALUE_COERCED,
            "names are written by person-group: they read back grouped by role",
            "contributors",
        )
    for fmt_name, values in record.extras.items():
        if values:
            rep.add(Code.FIELD_DROPPED, f"{fmt_name}-only fields not written", f"extras.{fmt_name}")


def _unmapped_home(record: Record, path: str) -> str | None:
    """The crosswalk's unmapped home that selects ``path`` (or a path above it), if any."""
    for home in CROSSWALK.unmapped:
        for at, _, _ in select(record, home):
            if path == at or path.startswith((at + ".", at + "[")):
                return home
    return None


def _read_back_type(hub: str, native: str) -> str:
    """The type a citation of publication-type ``native`` written for a record of type ``hub``
    is read as (a book with a chapter-title is a chapter)."""
    if hub in CHAPTERISH and native == "book":
        return "chapter"
    return CROSSWALK.type_to_hub(native) or "document"


_CONTAINER_TYPES = {
    "article-journal": "periodical",
    "chapter": "book",
    "paper-conference": "proceedings",
}
_ROLE_RANK = {r: i for i, r in enumerate(dict.fromkeys(ROLES.values()))}


def _role_rank(role: str) -> int:
    return _ROLE_RANK.get(role, len(_ROLE_RANK))
