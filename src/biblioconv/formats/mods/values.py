"""Value conversions between MODS native fields and the record model (both directions)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from biblioconv.dates import parse_date
from biblioconv.formats.mods import vocab as V
from biblioconv.identifiers import canonical_scheme
from biblioconv.model import Contributor, DateValue, PartialDate, plain_text
from biblioconv.vocab import CONTRIBUTOR_ROLES, DATE_TYPES, RELATION_TYPES

__all__ = [
    "contributor_from_name",
    "date_from_native",
    "date_to_native",
    "dates_from_native",
    "identifier_from_native",
    "identifier_text",
    "language_from_native",
    "name_from_contributor",
    "role_of",
    "text",
]


def text(value: str | None) -> str:
    """Text as MODS holds it: plain (no rich-text markup), whitespace collapsed."""
    return " ".join(plain_text(value).split()) if value else ""


# -- names -----------------------------------------------------------------------------------


def role_of(code: str | None, word: str | None) -> tuple[str, str | None]:
    """The hub role (and a role word kept as the label) of a roleTerm code and text."""
    if code and code.lower() in V.RELATOR_TO_ROLE:
        role = V.RELATOR_TO_ROLE[code.lower()]
        label = word if word and word.lower().replace(" ", "-") != role else None
        return role, label
    if word:
        key = word.strip().lower().replace(" ", "-")
        if key in CONTRIBUTOR_ROLES:
            return key, None
        if key in V.RELATOR_TO_ROLE:
            return V.RELATOR_TO_ROLE[key], None
        return "other", word
    return "author", None


def contributor_from_name(name: dict[str, Any]) -> dict[str, Any] | None:
    """A contributor (record data) from a native name; None if it has nothing to name."""
    code, word = name["roles"][0] if name["roles"] else (None, None)
    role, label = role_of(code, word)
    if name.get("host"):
        role = {"author": "container-author"}.get(role, role)
    out: dict[str, Any] = {"role": role}
    if label:
        out["role_label"] = label
    parts: dict[str, list[str]] = name["parts"]
    kind = name["kind"]
    if kind in ("corporate", "conference"):
        out["kind"] = "organization"
        whole = ". ".join(v for vs in parts.values() for v in vs)
        if whole or name["display"]:
            out["literal"] = whole or name["display"][0]
    else:
        given = " ".join(parts.get("given", []))
        family = " ".join(parts.get("family", []))
        untyped = parts.get("", [])
        if family or given:
            if family:
                out["family"] = family
            if given:
                out["given"] = given
            if untyped:
                out["literal"] = " ".join(untyped)
        elif untyped:
            joined = " ".join(untyped)
            fam, comma, giv = joined.partition(", ")
            if comma and fam and giv and "," not in giv:
                out["family"], out["given"] = fam, giv
            else:
                out["literal"] = joined
        elif name["display"]:
            out["literal"] = name["display"][0]
        if parts.get("termsOfAddress"):
            out["suffix"] = " ".join(parts["termsOfAddress"])
        if kind == "family":
            out["kind"] = "organization"
    ids = []
    for scheme, value in name["ids"]:
        ids.append({"scheme": canonical_scheme(scheme or "other"), "value": value})
    if ids:
        out["identifiers"] = ids
    if name["affiliations"]:
        out["affiliations"] = [{"name": a} for a in name["affiliations"]]
    if name.get("lang"):
        out["lang"] = name["lang"]
    if not (out.get("family") or out.get("given") or out.get("literal") or ids):
        return None
    return out


def name_from_contributor(c: Contributor, *, host: bool = False) -> dict[str, Any]:
    """The native name of a contributor."""
    parts: dict[str, list[str]] = {}
    display: list[str] = []
    if c.kind == "organization":
        kind = "corporate"
        if c.literal:
            parts[""] = [text(c.literal)]
    else:
        kind = "personal"
        family = " ".join(p for p in (c.non_dropping_particle, c.family) if p)
        given = " ".join(p for p in (c.given, c.dropping_particle) if p)
        if given:
            parts["given"] = [text(given)]
        if family:
            parts["family"] = [text(family)]
        display = []
        if c.literal and (given or family):
            parts[""] = [text(c.literal)]
        elif c.literal:  # a name as given: not split by a reader
            display = [text(c.literal)]
        if c.suffix:
            parts["termsOfAddress"] = [text(c.suffix)]
    role = "author" if host and c.role == "container-author" else c.role
    code = V.ROLE_TO_RELATOR.get(role)
    word = c.role_label or (None if code else role)
    ids: list[tuple[str, str]] = []
    for i in c.identifiers:
        ids.append(("uri" if i.scheme == "url" else i.scheme, i.value))
    return {
        "kind": kind,
        "host": host,
        "lang": c.lang,
        "parts": parts,
        "display": display if c.kind != "organization" else [],
        "roles": [(code, word)],
        "ids": ids,
        "affiliations": [text(a.name) for a in c.affiliations if a.name],
        "etal": False,
    }


# -- dates -----------------------------------------------------------------------------------

_MARC = re.compile(r"(\d{4})(\d{2})?(\d{2})?")


def _point(value: str, encoding: str | None) -> DateValue:
    enc = (encoding or "").lower()
    if enc == "marc":
        m = _MARC.fullmatch(value)
        if m:
            y, mo, d = m.group(1), m.group(2), m.group(3)
            try:
                return DateValue(
                    start=PartialDate(
                        year=int(y), month=int(mo) if mo else None, day=int(d) if d else None
                    )
                )
            except ValueError:
                pass
        return DateValue(literal=value)
    return parse_date(value)


@lru_cache(maxsize=512)
def _point_data(value: str, encoding: str | None) -> dict[str, Any]:
    """The record data of a date element's text (without its type): the same years and
    dates recur from record to record."""
    data = _point(value, encoding).model_dump(exclude_defaults=True)
    data.pop("type", None)
    return data


def date_from_native(items: list[dict[str, Any]], type_: str) -> dict[str, Any] | None:
    """One hub date from the MODS date elements of one kind (a point, or a start and an end)."""
    start = next((d for d in items if d["point"] == "start"), None)
    end = next((d for d in items if d["point"] == "end"), None)
    plain = next((d for d in items if d["point"] not in ("start", "end")), None)
    out: dict[str, Any] = {"type": type_}
    if start is None and end is None and plain is not None:
        for key, part in _point_data(plain["text"], plain["encoding"]).items():
            out[key] = dict(part) if isinstance(part, dict) else part  # the cache's: copied
        qualifier = plain["qualifier"]
    else:
        qualifier = (start or end or {}).get("qualifier")
        for key, item in (("start", start), ("end", end)):
            if item is None:
                out["open_" + key] = True
                continue
            value = _point(item["text"], item["encoding"])
            if value.start is not None and not value.is_range:
                out[key] = value.start.model_dump(exclude_defaults=True)
            else:
                out["literal"] = item["text"]
        if "literal" in out:
            out.pop("start", None)
            out.pop("end", None)
            out.pop("open_start", None)
            out.pop("open_end", None)
            out["literal"] = "/".join(i["text"] for i in (start, end) if i)
    if qualifier == "approximate":
        out["approximate"] = True
    elif qualifier in ("questionable", "inferred"):
        out["uncertain"] = True
    return out


def dates_from_native(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The hub dates of an originInfo's date elements, in order (start and end points of one
    element name and type pair up into a range)."""
    groups: list[tuple[str, list[dict[str, Any]]]] = []
    for item in items:
        name = item["element"]
        if name == "dateOther":
            kind = item["type"] or ""
            hub = kind if kind in DATE_TYPES else "other"
            info = None if kind in DATE_TYPES else (kind or None)
        else:
            hub, info = V.DATE_OF_ELEMENT[name], None
        if not item["text"]:
            continue
        key = f"{hub}|{info}"
        if (
            item["point"] == "end"
            and groups
            and groups[-1][0] == key
            and not any(i["point"] == "end" for i in groups[-1][1])
        ):
            groups[-1][1].append(item)
            continue
        groups.append((key, [item]))
    out = []
    for key, grouped in groups:
        hub, _, info = key.partition("|")
        date = date_from_native(grouped, hub)
        if date is None:
            continue
        if info != "None":
            date["information"] = info
        out.append(date)
    return out


def _point_text(p: PartialDate) -> str:
    return p.iso()


def date_to_native(d: DateValue) -> list[dict[str, Any]]:
    """The MODS date elements of one hub date."""
    if d.type in V.DATE_ELEMENTS:
        element, kind = V.DATE_ELEMENTS[d.type], None
    else:
        element = "dateOther"
        kind = d.type if d.type != "other" else (d.information or None)
    qualifier = None
    if d.approximate:
        qualifier = "approximate"
    elif d.uncertain:
        qualifier = "questionable"
    base = {"element": element, "type": kind, "qualifier": qualifier, "keyDate": None}
    if d.start is None and d.end is None:
        return [{**base, "text": text(d.literal), "encoding": None, "point": None}]
    if not d.is_range and d.start is not None:
        return [{**base, "text": _point_text(d.start), "encoding": "w3cdtf", "point": None}]
    out = []
    for point, p in (("start", d.start), ("end", d.end)):
        if p is not None:
            out.append({**base, "text": _point_text(p), "encoding": "w3cdtf", "point": point})
    return out


# -- identifiers, languages, relations -------------------------------------------------------


#: Schemes whose text may end in a parenthesised qualifier ('9780123456789 (pbk.)',
#: '1545-9616 (Print)'): read as the identifier's label, written back after the value.
QUALIFIED_SCHEMES = frozenset({"isbn", "issn", "eissn"})

_QUALIFIED = re.compile(r"(.*?\S)\s*\(([^()]*\S[^()]*)\)")


def identifier_from_native(kind: str, value: str) -> dict[str, Any]:
    """A hub identifier from identifier/@type and the text (an ISBN's or ISSN's parenthesised
    qualifier is its label)."""
    if kind == "location/url":  # listed with the identifiers (see mapping.URL)
        return {"scheme": "url", "value": value}
    key = kind.strip().lower()
    scheme = V.IDENTIFIER_TO_SCHEME.get(key) or (canonical_scheme(key) if key else "local")
    if scheme == "url" and value.lower().startswith(("https://doi.org/10.", "http://dx.doi")):
        return {"scheme": "url", "value": value}
    if scheme in QUALIFIED_SCHEMES and value.endswith(")"):
        qualified = _QUALIFIED.fullmatch(value)
        if qualified:
            return {"scheme": scheme, "value": qualified[1], "label": qualified[2].strip()}
    return {"scheme": scheme, "value": value}


def identifier_text(scheme: str, value: str, label: str | None) -> str:
    """identifier text for a hub identifier: an ISBN's or ISSN's label as its parenthesised
    qualifier (when it reads back so)."""
    if label and scheme in QUALIFIED_SCHEMES and qualifier_kept(label):
        return f"{value} ({label})"
    return value


def qualifier_kept(label: str) -> bool:
    """Whether a label written as a parenthesised qualifier reads back as itself."""
    return label == label.strip() and "(" not in label and ")" not in label


def identifier_type(scheme: str) -> str:
    """identifier/@type for a hub scheme."""
    return V.SCHEME_TO_IDENTIFIER.get(scheme, "uri" if scheme == "url" else scheme)


def language_from_native(kind: str, authority: str, value: str) -> str:
    """A BCP 47 tag from a languageTerm (ISO 639-2 codes become their two-letter tag)."""
    auth = authority.lower()
    if auth.startswith("iso639") or (
        kind == "code" and len(value) == 3 and value.isalpha() and not auth.startswith("rfc")
    ):
        from biblioconv.languages import ALPHA3_TO_BCP47

        return ALPHA3_TO_BCP47.get(value.lower(), value)
    if kind == "text" and not auth.startswith("rfc"):
        from biblioconv.languages import NAME_TO_BCP47

        return NAME_TO_BCP47.get(value.lower(), value)
    return value


def relation_type(kind: str | None, other: str | None) -> str:
    """The hub relation type of a relatedItem's type (or otherType)."""
    if other and other in RELATION_TYPES:
        return other
    return V.RELATED_TO_HUB.get(kind or "", "Other")


def related_type(hub: str) -> tuple[str | None, str | None]:
    """relatedItem (@type, @otherType) for a hub relation type."""
    if hub in V.HUB_TO_RELATED:
        return V.HUB_TO_RELATED[hub], None
    return None, hub
