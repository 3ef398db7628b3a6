"""CodeMeta (2.0, 3.0) crosswalk: the terms of a ``codemeta.json`` (keys compacted against the
CodeMeta context: ``schema:name`` and ``name`` are one term, ``id``/``type`` are ``@id``/``@type``),
their homes in the record, and the types. Reading, writing, the loss report and the
documentation come from :data:`RULE_TABLE`."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from biblioconv.crosswalk import Crosswalk, FieldMap, TypeMap
from biblioconv.model import normalized_identifier, plain_text
from biblioconv.report import Code
from biblioconv.rules import Rule, RuleContext, RuleTable, role_home
from biblioconv.vocab import RESOURCE_TYPES

__all__ = ["CROSSWALK", "NAME_TERMS", "RULES", "RULE_TABLE", "id_of", "text"]

#: Terms holding persons and organisations: hub role (and role label).
NAME_TERMS: dict[str, tuple[str, str | None]] = {
    "author": ("author", None),
    "contributor": ("contributor", None),
    "maintainer": ("contact-person", None),
    "copyrightHolder": ("rights-holder", None),
    "editor": ("editor", None),
    "producer": ("producer", None),
    "provider": ("distributor", None),
    "sponsor": ("sponsor", None),
}
_DOI = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)?(10\.\d{4,9}/\S+)$", re.IGNORECASE)
_URL = re.compile(r"^https?://\S+$")
_SPDX_URL = re.compile(r"^https?://spdx\.org/licenses/([A-Za-z0-9.+\-]+?)(?:\.html)?$")
_KEYWORDS = re.compile(r"\s*[;,]\s*")


def text(value: Any) -> str | None:
    """A JSON scalar as text (``None`` for nothing or a structure)."""
    if value is None or isinstance(value, (dict, list)):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    out = str(value).strip()
    return out or None


def _items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _report(ctx: RuleContext, message: str, field: str) -> None:
    if ctx.reporter is not None:
        ctx.reporter.add(Code.INVALID_VALUE, message, field)


def id_of(value: str) -> dict[str, Any]:
    """Identifier data of an IRI or text: an ORCID, ROR, DOI, SWHID, a URL, else other."""
    v = value.strip()
    low = v.lower()
    if "orcid.org/" in low:
        return {"scheme": "orcid", "value": v}
    if "ror.org/" in low:
        return {"scheme": "ror", "value": v}
    m = _DOI.match(v)
    if m:
        doi = m.group(1)
        if doi.startswith("10.13039/"):  # the Crossref Funder Registry's DOIs
            return {"scheme": "crossref-funder", "value": doi}
        return {"scheme": "doi", "value": doi}
    if low.startswith("swh:1:"):
        return {"scheme": "swhid", "value": v}
    if _URL.match(v):
        return {"scheme": "url", "value": v}
    return {"scheme": "other", "value": v}


def iri(ident: Any) -> str | None:
    """The IRI written for an identifier (ORCID, ROR and DOI as resolver URLs)."""
    if ident.scheme == "crossref-funder":
        return f"https://doi.org/{ident.value}" if ident.value.startswith("10.13039/") else None
    if ident.scheme in ("orcid", "ror", "doi", "url"):
        if ident.scheme == "url":
            return str(ident.value)
        url = ident.url
        return str(url) if url else None
    if ident.scheme == "swhid":
        return str(ident.value)
    return None


# -- persons and organisations ------------------------------------------------------------------

PERSON_TERMS = frozenset(
    {"@type", "@id", "givenName", "familyName", "name", "affiliation", "identifier"}
)


def person_in(obj: Any, role: str, label: str | None) -> dict[str, Any] | None:
    """Contributor data of a CodeMeta Person or Organization (or a plain name)."""
    c: dict[str, Any] = {"role": role}
    if label:
        c["role_label"] = label
    if isinstance(obj, str):
        t = obj.strip()
        if not t:
            return None
        if _URL.match(t):
            return {**c, "identifiers": [id_of(t)]}
        return {**c, "literal": t}
    if not isinstance(obj, dict):
        return None
    kind = text(obj.get("@type"))
    given, family, name = (text(obj.get(k)) for k in ("givenName", "familyName", "name"))
    if kind == "Organization" or (kind != "Person" and name and not (given or family)):
        c["kind"] = "organization"
        if name:
            c["literal"] = name
    else:
        if given:
            c["given"] = given
        if family:
            c["family"] = family
        if name and not (given or family):
            c["literal"] = name
        affs = []
        for a in _items(obj.get("affiliation")) if obj.get("affiliation") is not None else []:
            if isinstance(a, dict):
                aff: dict[str, Any] = {}
                if (n := text(a.get("name"))) is not None:
                    aff["name"] = n
                if (i := text(a.get("@id"))) is not None:
                    aff["identifiers"] = [id_of(i)]
                if aff:
                    affs.append(aff)
            elif (n := text(a)) is not None:
                affs.append({"name": n})
        if affs:
            c["affiliations"] = affs
    ids = []
    if (i := text(obj.get("@id"))) is not None and not i.startswith("_:"):
        ids.append(id_of(i))
    more = obj.get("identifier")
    for v in _items(more) if more is not None else []:
        if (other := text(v)) is not None:
            ids.append(id_of(other))
    if ids:
        c["identifiers"] = ids
    if not (c.get("literal") or c.get("given") or c.get("family") or c.get("identifiers")):
        return None
    return c


def person_out(c: Any) -> dict[str, Any]:
    """A CodeMeta Person or Organization for a contributor."""
    out: dict[str, Any] = {}
    if c.kind == "organization":
        out["@type"] = "Organization"
        if c.literal:
            out["name"] = c.literal
    else:
        out["@type"] = "Person"
        if c.given:
            out["givenName"] = c.given
        if c.family:
            out["familyName"] = c.family
        if c.literal and not (c.given or c.family):
            out["name"] = c.literal
        affs = []
        for a in c.affiliations:
            aff: dict[str, Any] = {"@type": "Organization"}
            if a.name:
                aff["name"] = a.name
            if a.identifiers and (i := iri(a.identifiers[0])):
                aff["@id"] = i
            if len(aff) > 1:
                affs.append(aff)
        if affs:
            out["affiliation"] = affs[0] if len(affs) == 1 else affs
    iris = [v for ident in c.identifiers if (v := iri(ident))]
    if iris:
        out["@id"] = iris[0]
    if len(iris) > 1:
        out["identifier"] = iris[1] if len(iris) == 2 else iris[1:]
    return out


def _id_ok(ident: Any) -> bool:
    """Whether an identifier written as an @id reads back as it is."""
    v = iri(ident)
    if v is None or ident.scheme_uri or ident.label:
        return False
    back = id_of(v)
    return bool(back["scheme"] == ident.scheme)


def _affiliation_ok(a: Any) -> bool:
    if a.lang:
        return False
    if not a.identifiers:
        return bool(a.name)
    return len(a.identifiers) == 1 and _id_ok(a.identifiers[0])


def person_parts(c: Any, role_parts: tuple[str, ...]) -> tuple[str, ...]:
    """The attributes of a contributor its CodeMeta object carries exactly."""
    parts = [*role_parts, "kind"]
    if c.kind == "organization":
        parts.append("literal")
    else:
        parts += ["given", "family"]
        if not (c.given or c.family):
            parts.append("literal")
        if c.affiliations and all(_affiliation_ok(a) for a in c.affiliations):
            parts.append("affiliations")
    if c.identifiers and all(_id_ok(i) for i in c.identifiers):
        parts.append("identifiers")
    return tuple(parts)


def person_exact(c: Any) -> bool:
    """What :func:`person_parts` cannot tell: an organisation with personal names, name
    options."""
    if c.kind == "organization" and (c.given or c.family):
        return False
    return not (c.comma_suffix or c.static_ordering or c.lang)


def _names_in(term: str) -> Callable[[Any, RuleContext], Any]:
    role, label = NAME_TERMS[term]

    def read(value: Any, ctx: RuleContext) -> Any:
        out = []
        for i, obj in enumerate(_items(value)):
            c = person_in(obj, role, label)
            if c is None:
                _report(ctx, f"{term}[{i}] is no person or organisation; kept in extras", term)
                continue
            out.append(c)
        return out or None

    return read


def _names_out(values: list[Any], ctx: RuleContext) -> Any:
    return [person_out(c) for c in values] or None


def _names_exact(values: list[Any], ctx: RuleContext) -> bool:
    return all(person_exact(c) for c in values)


def _name_rule(term: str) -> Rule:
    home, role_parts = role_home(*NAME_TERMS[term])
    return Rule(
        term,
        home,
        to_hub=_names_in(term),
        from_hub=_names_out,
        take="all",
        parts=lambda c: person_parts(c, role_parts),
        exact=_names_exact,
        note="Person (givenName, familyName, @id ORCID, affiliation, further identifier IRIs) "
        "or Organization (name, @id ROR); email, address and other keys kept in extras "
        "(details)",
    )


# -- dates ----------------------------------------------------------------------------------------


def _date_in(type_: str, term: str) -> Callable[[Any, RuleContext], Any]:
    from biblioconv.dates import parse_date

    def read(value: Any, ctx: RuleContext) -> Any:
        t = text(value)
        if t is None:
            return None
        d = parse_date(t, type_)
        if d.literal:
            _report(ctx, f"{term} {t!r} is not an ISO 8601 date; kept as text", term)
        return d.model_dump(exclude_defaults=True) | {"type": type_}

    return read


def _date_out(values: list[Any], ctx: RuleContext) -> Any:
    d = values[0]
    if d.literal or d.is_range or d.approximate or d.uncertain or d.start is None:
        return None
    if d.start.season is not None or d.start.year < 0 or d.start.year > 9999:
        return None
    return d.start.iso()


_DATE_PARTS = ("type", "start.year", "start.month", "start.day", "start.time")


def _date_parts(d: Any) -> tuple[str, ...] | None:
    return _DATE_PARTS if _date_out([d], RuleContext()) is not None else None


def _date_rule(term: str, type_: str, note: str = "") -> Rule:
    return Rule(
        term,
        f"dates(type={type_})",
        to_hub=_date_in(type_, term),
        from_hub=_date_out,
        parts=_date_parts,
        note=note or "ISO 8601 date (YYYY, YYYY-MM, YYYY-MM-DD, with a time)",
    )


def _year_in(value: Any, ctx: RuleContext) -> Any:
    t = text(value)
    if t is None:
        return None
    if t.isdigit():
        return {"type": "copyrighted", "start": {"year": int(t)}}
    return {"type": "copyrighted", "literal": t}


def _year_out(values: list[Any], ctx: RuleContext) -> Any:
    d = values[0]
    if d.start is None or d.literal or d.is_range or d.start.month is not None:
        return None
    return d.start.year


def _year_parts(d: Any) -> tuple[str, ...] | None:
    return ("type", "start.year") if _year_out([d], RuleContext()) is not None else None


# -- identifiers, licences, relations -------------------------------------------------------------


def _identifier_in(value: Any, ctx: RuleContext) -> Any:
    out = []
    for v in _items(value):
        if isinstance(v, dict):  # PropertyValue {propertyID, value}
            val = text(v.get("value")) or text(v.get("@id")) or text(v.get("url"))
            if val is None:
                _report(ctx, "identifier object without a value; kept in extras", "identifier")
                continue
            ident = id_of(val)
            if (label := text(v.get("propertyID"))) is not None:
                ident["label"] = label
            out.append(ident)
            continue
        t = text(v)
        if t is None:
            continue
        pieces = re.split(r"\s*;\s+", t) if not isinstance(value, list) else [t]
        for piece in (p for p in pieces if p):  # one string "doi; RRID:..." as found
            ident = id_of(piece)
            if ident["scheme"] in ("doi", "orcid", "ror"):
                _, valid = normalized_identifier(ident["scheme"], ident["value"])
                if valid is False:
                    _report(ctx, f"identifier {piece!r} fails its check", "identifier")
            out.append(ident)
    return out or None


def _identifier_value(ident: Any) -> Any:
    if ident.label:
        return {
            "@type": "schema:PropertyValue",
            "schema:propertyID": ident.label,
            "schema:value": ident.value,
        }
    if ident.scheme == "doi":
        return f"https://doi.org/{ident.value}"
    if ident.scheme in ("url", "swhid", "other", "orcid", "ror"):
        return iri(ident) or ident.value
    return None


def _identifier_out(values: list[Any], ctx: RuleContext) -> Any:
    first_url = next((i for i in ctx.record.identifiers if i.scheme == "url"), None)
    out = [v for i in values if i is not first_url and (v := _identifier_value(i)) is not None]
    if not out:
        return None
    single = len(out) == 1 and not (isinstance(out[0], str) and re.search(r";\s", out[0]))
    return out[0] if single else out


def _identifier_parts(ident: Any) -> tuple[str, ...] | None:
    if _identifier_value(ident) is None:
        return None
    return ("scheme", "value", "valid", "label")


def _identifier_exact(values: list[Any], ctx: RuleContext) -> bool:
    """Whether each identifier reads back as it is (a URL that is a DOI link comes back as the
    DOI, other text that is a URL as a URL)."""
    from biblioconv.model import Identifier

    for i in values:
        v = _identifier_value(i)
        if v is None:
            continue
        if isinstance(v, dict):  # as the reader sees it: keys compacted
            v = {k.removeprefix("schema:"): x for k, x in v.items()}
        got = _identifier_in([v], RuleContext())
        if not got or Identifier.model_validate(got[0]) != i:
            return False
    return True


def _url_in(value: Any, ctx: RuleContext) -> Any:
    t = text(value)
    return [{"scheme": "url", "value": t}] if t else None


def _url_out(values: list[Any], ctx: RuleContext) -> Any:
    return values[0].value if values else None


def _license_in(value: Any, ctx: RuleContext) -> Any:
    out = []
    for v in _items(value):
        if isinstance(v, dict):
            url = text(v.get("@id")) or text(v.get("url"))
            name = text(v.get("name"))
            item: dict[str, Any] = {}
            if url:
                item.update(_license_url(url))
            if name:
                item["statement"] = name
            if item:
                out.append(item)
            continue
        t = text(v)
        if t:
            out.append(
                _license_url(t) if _URL.match(t) else {"identifier": t, "identifier_scheme": "SPDX"}
            )
    return out or None


def _license_url(url: str) -> dict[str, Any]:
    m = _SPDX_URL.match(url)
    if m and url == f"https://spdx.org/licenses/{m.group(1)}":
        return {"identifier": m.group(1), "identifier_scheme": "SPDX"}
    return {"uri": url}


def _license_value(r: Any) -> Any:
    """The licence's SPDX URL (its own URI is then not written), else its URI."""
    spdx = r.identifier and (r.identifier_scheme or "").upper() == "SPDX"
    if spdx:
        url: str | None = f"https://spdx.org/licenses/{r.identifier}"
    elif r.uri and not r.identifier:
        url = r.uri
    else:
        url = None
    if url is None:
        return None
    if r.statement:
        return {"@type": "schema:CreativeWork", "@id": url, "name": r.statement}
    return url


def _license_out(values: list[Any], ctx: RuleContext) -> Any:
    out = [v for r in values if (v := _license_value(r)) is not None]
    if not out:
        return None
    return out[0] if len(out) == 1 else out


def _license_parts(r: Any) -> tuple[str, ...] | None:
    if _license_value(r) is None:
        return None
    if r.identifier:  # an SPDX id: its URL is written, not the licence's own URI
        return ("identifier", "identifier_scheme", "statement")
    return ("uri", "statement")


def _relation_in(kind: str, term: str) -> Callable[[Any, RuleContext], Any]:
    def read(value: Any, ctx: RuleContext) -> Any:
        out = []
        for v in _items(value):
            if isinstance(v, dict):
                ref = text(v.get("@id")) or text(v.get("url")) or text(v.get("identifier"))
                if ref is None:
                    continue  # kept in extras with the whole term
                out.append({"type": kind, "identifier": id_of(ref)})
            elif (t := text(v)) is not None:
                if _URL.match(t) or _DOI.match(t):
                    out.append({"type": kind, "identifier": id_of(t)})
                else:
                    out.append({"type": kind, "citation": t})
        return out or None

    return read


def _relation_value(rel: Any) -> Any:
    if rel.identifier is not None:
        v = iri(rel.identifier)
        return {"@id": v} if v else None
    return rel.citation


def _relation_out(values: list[Any], ctx: RuleContext) -> Any:
    out = [v for r in values if (v := _relation_value(r)) is not None]
    if not out:
        return None
    return out[0] if len(out) == 1 else out


def _relation_parts(rel: Any) -> tuple[str, ...] | None:
    if _relation_value(rel) is None:
        return None
    if rel.identifier is not None:
        return ("type", "identifier") if _id_ok(rel.identifier) else None
    return ("type", "citation")


def _relation_exact(values: list[Any], ctx: RuleContext) -> bool:
    return not any(
        r.resource_type
        or r.metadata_scheme
        or r.scheme_uri
        or r.scheme_type
        or r.type_information
        or r.native_identifier_type
        or (r.identifier is not None and (r.identifier.label or r.identifier.scheme_uri))
        or (r.citation and (_URL.match(r.citation) or _DOI.match(r.citation)))
        for r in values
    )


def _relation_rule(term: str, kind: str, note: str) -> Rule:
    return Rule(
        term,
        f"relations(type={kind})",
        to_hub=_relation_in(kind, term),
        from_hub=_relation_out,
        take="all",
        parts=_relation_parts,
        exact=_relation_exact,
        note=note,
    )


def _repo_in(value: Any, ctx: RuleContext) -> Any:
    out = []
    for v in _items(value):
        t = text(v) if not isinstance(v, dict) else text(v.get("@id")) or text(v.get("url"))
        if t:
            out.append({"type": "IsSupplementedBy", "identifier": {"scheme": "url", "value": t}})
    return out or None


def _repo_out(values: list[Any], ctx: RuleContext) -> Any:
    rel = values[0]
    ident = rel.identifier
    return ident.value if ident is not None and ident.scheme == "url" else None


def _repo_parts(rel: Any) -> tuple[str, ...] | None:
    ident = rel.identifier
    if ident is None or ident.scheme != "url" or rel.citation:
        return None
    return ("type", "identifier")


def _funder_in(value: Any, ctx: RuleContext) -> Any:
    out = []
    for v in _items(value):
        if isinstance(v, dict):
            name = text(v.get("name"))
            if name is None:
                continue
            f: dict[str, Any] = {"funder_name": name}
            if (i := text(v.get("@id"))) is not None:
                f["funder_identifier"] = id_of(i)
            out.append(f)
        elif (t := text(v)) is not None:
            out.append({"funder_name": t})
    return out or None


def _funder_value(f: Any) -> Any:
    obj: dict[str, Any] = {"@type": "Organization", "name": f.funder_name}
    if f.funder_identifier is not None and (i := iri(f.funder_identifier)):
        obj["@id"] = i
    return obj


def _funder_out(values: list[Any], ctx: RuleContext) -> Any:
    out = [_funder_value(f) for f in values if not (f.award_number or f.award_title or f.award_uri)]
    if not out:
        return None
    return out[0] if len(out) == 1 else out


def _funder_parts(f: Any) -> tuple[str, ...] | None:
    if f.award_number or f.award_title or f.award_uri:
        return None
    parts = ["funder_name"]
    ident = f.funder_identifier
    if ident is None or (iri(ident) is not None and not ident.scheme_uri and not ident.label):
        parts.append("funder_identifier")
    return tuple(parts)


def _grant_in(value: Any, ctx: RuleContext) -> Any:
    """Funding references of 3.0 ``Grant`` objects with a funder (text is kept as given)."""
    out = []
    for v in _items(value):
        if not isinstance(v, dict):
            continue
        funder = v.get("funder")
        funder = funder[0] if isinstance(funder, list) and funder else funder
        name = text(funder.get("name")) if isinstance(funder, dict) else text(funder)
        if name is None:
            continue
        f: dict[str, Any] = {"funder_name": name}
        if isinstance(funder, dict) and (i := text(funder.get("@id"))) is not None:
            f["funder_identifier"] = id_of(i)
        if (number := text(v.get("identifier"))) is not None:
            f["award_number"] = number
        if (title := text(v.get("name"))) is not None:
            f["award_title"] = title
        if (url := text(v.get("url"))) is not None:
            f["award_uri"] = url
        out.append(f)
    return out or None


def is_grant(v: Any) -> bool:
    """Whether a ``funding`` value is read as a funding reference (a Grant with a funder)."""
    return _grant_in(v, RuleContext()) is not None


def _grant_value(f: Any) -> Any:
    obj: dict[str, Any] = {"@type": "schema:Grant"}
    if f.award_number:
        obj["identifier"] = f.award_number
    if f.award_title:
        obj["name"] = f.award_title
    if f.award_uri:
        obj["url"] = f.award_uri
    obj["funder"] = _funder_value(f)
    return obj


def _grant_out(values: list[Any], ctx: RuleContext) -> Any:
    out = [_grant_value(f) for f in values if f.award_number or f.award_title or f.award_uri]
    return out or None


def _grant_parts(f: Any) -> tuple[str, ...] | None:
    if not (f.award_number or f.award_title or f.award_uri):
        return None
    parts = ["funder_name", "award_number", "award_title", "award_uri"]
    ident = f.funder_identifier
    if ident is None or (_id_ok(ident)):
        parts.append("funder_identifier")
    return tuple(parts)


def _keywords_in(value: Any, ctx: RuleContext) -> Any:
    out = []
    for v in _items(value):
        t = text(v) if not isinstance(v, dict) else text(v.get("name"))
        if t and isinstance(value, list):
            out.append({"term": t})  # a list holds the keywords as they are
        elif t:
            out += [{"term": k} for k in _KEYWORDS.split(t) if k]  # one string: split
    return out or None


def _keywords_out(values: list[Any], ctx: RuleContext) -> Any:
    return [s.term for s in values] or None


def _keywords_exact(values: list[Any], ctx: RuleContext) -> bool:
    return all(s.term and s.term.strip() == s.term for s in values)


def _str(value: Any, ctx: RuleContext) -> Any:
    return text(value)


def _version_when(ctx: RuleContext) -> bool:
    return ctx.fields is None or "softwareVersion" not in ctx.fields


def _title_out(values: list[Any], ctx: RuleContext) -> Any:
    sub = ctx.record.subtitle
    return plain_text(f"{values[0]}: {sub}" if sub else values[0])


def _title_exact(values: list[Any], ctx: RuleContext) -> bool:
    """No subtitle joined, no markup (CodeMeta text is plain: <i>, <span class="nocase">...
    go)."""
    return ctx.record.subtitle is None and plain_text(values[0]) == values[0]


def _list_out(values: list[Any], ctx: RuleContext) -> Any:
    return values[0] if len(values) == 1 else list(values)


def _list_in(value: Any, ctx: RuleContext) -> Any:
    out = [t for v in _items(value) if (t := text(v)) is not None]
    return out or None


def _extras(term: str, note: str = "kept as given") -> Rule:
    return Rule(term, "extras", "extras", to_hub=None, from_hub=None, note=note)


_R = Rule

RULES: tuple[Rule, ...] = (
    _R(
        "name",
        "titles(type=main).text",
        to_hub=_str,
        from_hub=_title_out,
        uses=("titles(type=subtitle)",),
        exact=_title_exact,
        note="a subtitle is joined to it as 'Title: Subtitle'",
    ),
    *(_name_rule(t) for t in NAME_TERMS),
    _R(
        "creator",
        "contributors(role=author)",
        to_hub=lambda v, ctx: _names_in("author")(v, ctx),
        write=False,
        note="2.0 only: read as authors (written as author)",
    ),
    _R(
        "funder",
        "funding",
        to_hub=_funder_in,
        from_hub=_funder_out,
        take="all",
        parts=_funder_parts,
        note="Organization (name, @id): a funder without an award",
    ),
    _R(
        "funding",
        "funding",
        to_hub=_grant_in,
        from_hub=_grant_out,
        take="all",
        parts=_grant_parts,
        note="3.0 Grant objects with a funder (identifier as the award number, name as its "
        "title); text is kept as given",
    ),
    _date_rule("datePublished", "issued"),
    _date_rule("dateCreated", "created"),
    _date_rule("dateModified", "updated"),
    _date_rule("embargoEndDate", "available", "3.0 (embargoDate in 2.0): the end of the embargo"),
    _date_rule("embargoDate", "available", "2.0 name of embargoEndDate"),
    _R(
        "copyrightYear",
        "dates(type=copyrighted)",
        to_hub=_year_in,
        from_hub=_year_out,
        parts=_year_parts,
    ),
    _R(
        "url",
        "identifiers(scheme=url)",
        to_hub=_url_in,
        from_hub=_url_out,
        parts=("scheme", "value", "valid"),
    ),
    _R(
        "identifier",
        "identifiers",
        to_hub=_identifier_in,
        from_hub=_identifier_out,
        take="all",
        parts=_identifier_parts,
        exact=_identifier_exact,
        note="DOIs (as https://doi.org/ URLs), URLs, SWHIDs and other text; a PropertyValue "
        "with its propertyID as the label; a '; '-joined string is split",
    ),
    _R("description", "descriptions(type=abstract).text", to_hub=_str),
    _R(
        "keywords",
        "subjects",
        to_hub=_keywords_in,
        from_hub=_keywords_out,
        take="all",
        parts=("term",),
        exact=_keywords_exact,
        note="a list, or a string split at commas and semicolons",
    ),
    _R(
        "license",
        "rights",
        to_hub=_license_in,
        from_hub=_license_out,
        take="all",
        parts=_license_parts,
        note="URLs: https://spdx.org/licenses/ID is the SPDX id ID; a CreativeWork's name is the "
        "statement",
    ),
    _R("softwareVersion", "version", to_hub=_str, note="version of the software"),
    _R(
        "version",
        "version",
        to_hub=_str,
        when=_version_when,
        write=False,
        note="read without softwareVersion",
    ),
    _R(
        "codeRepository",
        "relations(type=IsSupplementedBy)",
        to_hub=_repo_in,
        from_hub=_repo_out,
        parts=_repo_parts,
        note="the source code repository URL",
    ),
    _relation_rule("referencePublication", "IsDescribedBy", "the publication about the software"),
    _relation_rule("citation", "References", "works it cites (@id or URL; text as a citation)"),
    _relation_rule("isPartOf", "IsPartOf", "by @id or URL"),
    _relation_rule("hasPart", "HasPart", "by @id or URL"),
    _R(
        "publisher",
        "publisher.name",
        to_hub=lambda v, ctx: text(v.get("name")) if isinstance(v, dict) else text(v),
        from_hub=lambda vs, ctx: {"@type": "Organization", "name": vs[0]},
        note="an Organization's name",
    ),
    _R("fileFormat", "formats", to_hub=_list_in, from_hub=_list_out, take="all"),
    _R("fileSize", "sizes", to_hub=_list_in, from_hub=_list_out, take="all"),
    *(
        _extras(t)
        for t in (
            "applicationCategory",
            "applicationSubCategory",
            "buildInstructions",
            "continuousIntegration",
            "contIntegration",
            "developmentStatus",
            "downloadUrl",
            "encoding",
            "hasSourceCode",
            "installUrl",
            "isAccessibleForFree",
            "isSourceCodeOf",
            "issueTracker",
            "memoryRequirements",
            "operatingSystem",
            "permissions",
            "position",
            "processorRequirements",
            "programmingLanguage",
            "readme",
            "relatedLink",
            "releaseNotes",
            "review",
            "runtimePlatform",
            "sameAs",
            "softwareHelp",
            "softwareRequirements",
            "softwareSuggestions",
            "storageRequirements",
            "supportingData",
            "targetProduct",
        )
    ),
)
"""The CodeMeta rules: reading, writing, the loss report and the docs come from these rows."""

RULE_TABLE = RuleTable(RULES)

_F = FieldMap
_FIELDS: tuple[FieldMap, ...] = (
    _F("@context", "extras", "consumed", "2.0 or 3.0 context URL (or a list holding one)"),
    _F("@type", "type", note="SoftwareSourceCode or SoftwareApplication"),
    _F("@id", "extras", "extras", "the software's IRI, kept as given"),
    *RULE_TABLE.field_maps(),
    _F("givenName", "contributors.given"),
    _F("familyName", "contributors.family"),
    _F("affiliation", "contributors.affiliations", note="Organization: name and @id (ROR)"),
    _F("email", "extras", "extras", "a person's email, kept in extras (details)"),
    _F("address", "extras", "extras", "kept per person in extras (details)"),
    _F("roleName", "extras", "extras", "3.0 Role in an author list: kept as given"),
    _F("startDate", "extras", "extras", "3.0 Role: kept as given"),
    _F("endDate", "extras", "extras", "3.0 Role: kept as given"),
    _F("reviewAspect", "extras", "extras", "3.0 Review: kept as given (in review)"),
    _F("reviewBody", "extras", "extras", "3.0 Review: kept as given (in review)"),
)

_T = TypeMap
_TYPES: tuple[TypeMap, ...] = (
    _T("SoftwareSourceCode", "software"),
    _T("SoftwareApplication", "software", write=False, note="kept for a same-format round trip"),
    _T("Text", "document", write=False),
    _T("URL", "webpage", write=False),
    _T("Review", "review", write=False),
    _T("Role", "other", write=False),
    _T("Person", "other", write=False),
    _T("Organization", "other", write=False),
    *(
        _T("SoftwareSourceCode", hub, read=False, note="not software: the type is reported")
        for hub in RESOURCE_TYPES
        if hub != "software"
    ),
)

_NO_HOME = "no CodeMeta term"
CROSSWALK = Crosswalk(
    format="codemeta",
    fields=_FIELDS,
    types=_TYPES,
    unmapped={
        "genre": _NO_HOME,
        "titles(type=subtitle)": "joined to the name as 'Title: Subtitle'",
        "titles(type=alternative)": _NO_HOME,
        "titles(type=translated)": _NO_HOME,
        "titles(type=short)": _NO_HOME,
        "contributors(role=translator)": _NO_HOME,
        "contributors.identifiers": "one @id per person or organisation",
        "et_al": _NO_HOME,
        "dates(type=accessed)": _NO_HOME,
        "dates(type=submitted)": _NO_HOME,
        "dates(type=accepted)": _NO_HOME,
        "dates(type=original)": _NO_HOME,
        "publisher.place": _NO_HOME,
        "publisher.identifiers": _NO_HOME,
        "container": "software has no container",
        "series": _NO_HOME,
        "event": _NO_HOME,
        "identifiers(scheme=isbn)": "identifier holds URLs and text; an ISBN is not written",
        "identifiers(scheme=pmid)": "identifier holds URLs and text; a PMID is not written",
        "identifiers(scheme=arxiv)": "identifier holds URLs and text; an arXiv id is not written",
        "identifiers(scheme=local)": "identifier holds URLs and text; a local id is not written",
        "edition": _NO_HOME,
        "number": _NO_HOME,
        "number_of_pages": _NO_HOME,
        "language": _NO_HOME,
        "descriptions(type=note)": _NO_HOME,
        "subjects.scheme": "keywords are plain text",
        "access_rights": _NO_HOME,
        "related_items": _NO_HOME,
        "geo_locations": _NO_HOME,
        "archive": _NO_HOME,
        "attachments": _NO_HOME,
        "publication_status": _NO_HOME,
        "peer_reviewed": _NO_HOME,
        "citation": _NO_HOME,
        "id": "a codemeta.json has no record id",
        "citation_key": "a codemeta.json has no citation key",
    },
)
