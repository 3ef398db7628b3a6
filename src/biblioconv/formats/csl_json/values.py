"""CSL-JSON values <-> model values: names, dates, identifiers (the syntax the rules call on)."""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError as PydanticValidationError

from biblioconv.dates import parse_date
from biblioconv.model import Contributor, DateValue, Identifier, PartialDate
from biblioconv.model import normalized_identifier as normalized
from biblioconv.names import orcid_name, orcid_person_fields

__all__ = [
    "date_obj",
    "date_value",
    "flag",
    "identifiers",
    "issns",
    "name_fields",
    "name_obj",
    "text",
]

_SEASON_WORDS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}


def text(value: Any) -> str | None:
    """A CSL value as stripped text (numbers and booleans as written; empty -> None)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return str(value)


def flag(value: Any) -> bool:
    """A CSL boolean, also given as text (``\"false\"``, ``\"0\"``)."""
    if isinstance(value, str):
        return value.strip().lower() not in ("", "0", "false", "no")
    return bool(value)


def name_fields(obj: Any, role: str) -> dict[str, Any] | None:
    """The contributor fields of a CSL name object (None: unreadable)."""
    if isinstance(obj, str):
        obj = {"literal": obj}
    if not isinstance(obj, dict):
        return None
    literal = text(obj.get("literal"))
    family, given = text(obj.get("family")), text(obj.get("given"))
    if not given and (orcid := orcid_person_fields(literal or family, role)) is not None:
        return orcid  # a person known only by an ORCID
    if literal and not (family or given):
        return {"kind": "organization", "role": role, "literal": literal}
    if not (family or given or literal):
        return None
    out: dict[str, Any] = {"role": role, "family": family, "given": given, "literal": literal}
    for key, attr in (
        ("dropping-particle", "dropping_particle"),
        ("non-dropping-particle", "non_dropping_particle"),
        ("suffix", "suffix"),
    ):
        if (v := text(obj.get(key))) is not None:
            out[attr] = v
    if obj.get("comma-suffix") is not None:
        out["comma_suffix"] = flag(obj["comma-suffix"])
    if obj.get("static-ordering") is not None:
        out["static_ordering"] = flag(obj["static-ordering"])
    return out


def _int(value: Any) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _point(parts: Any) -> PartialDate | None:
    if not isinstance(parts, list) or not parts:
        return None
    year = _int(parts[0])
    if year is None or (year == 0 and len(parts) == 1):
        return None
    month = _int(parts[1]) if len(parts) > 1 else None
    day = _int(parts[2]) if len(parts) > 2 and month else None
    season = None
    if month is not None and 13 <= month <= 24:  # citeproc-js convention: 13-16 / 21-24 seasons
        season, month, day = (month - 12 if month <= 16 else month - 20), None, None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and not 1 <= day <= 31:
        day = None
    try:
        return PartialDate(year=year, month=month, day=day, season=season)
    except PydanticValidationError:
        return None


def date_value(value: Any, type_: str) -> DateValue | None:
    """The date of a CSL date object (date-parts, literal, raw; EDTF strings accepted)."""
    if isinstance(value, str):  # EDTF strings are invalid CSL but common: accept them
        return parse_date(value, type_) if value.strip() else None
    if not isinstance(value, dict):
        return None
    parts = value.get("date-parts")
    circa = flag(value.get("circa", False))
    if isinstance(parts, list) and parts:
        start = _point(parts[0])
        end = _point(parts[1]) if len(parts) > 1 else None
        if start is not None:
            season = value.get("season")
            if season is not None and start.season is None:
                s = _int(season) or _SEASON_WORDS.get(str(season).strip().lower())
                if s and 1 <= s <= 4:
                    start = start.model_copy(update={"season": s})
            return DateValue(type=type_, start=start, end=end, approximate=circa)
    literal = text(value.get("literal"))
    if literal:
        return DateValue(type=type_, literal=literal, approximate=circa)
    raw = text(value.get("raw"))
    if raw:
        parsed = parse_date(raw, type_)
        return parsed.model_copy(update={"approximate": True}) if circa else parsed
    return None


def identifiers(scheme: str, value: Any) -> list[dict[str, Any]]:
    """The identifiers in one CSL variable: ISBN and ISSN may hold several, comma- or
    semicolon-separated (``1234-5678, 8765-4321`` as Zotero writes them) or as a list (as
    Crossref's CSL-JSON gives them)."""
    if isinstance(value, list):
        return [ident for v in value for ident in identifiers(scheme, v)]
    given = text(value)
    if not given:
        return []
    values = [given]
    if scheme in ("isbn", "issn") and re.search(r"[;,]|\s\d", given):
        values = [v for v in re.split(r"[;,]\s*|\s+(?=\d)", given) if v.strip()]
    out = []
    for v in values:
        norm, valid = normalized(scheme, v)
        out.append({"scheme": scheme, "value": norm, "valid": valid})
    return out


def name_obj(c: Contributor) -> dict[str, Any] | None:
    """The CSL name object of a contributor (None: nothing to write)."""
    family, given = c.family, c.given
    if (family or given) and c.kind != "organization":  # a person with a name: most of them
        obj: dict[str, Any] = {}
        if family:
            obj["family"] = family
        if given:
            obj["given"] = given
        if c.dropping_particle:
            obj["dropping-particle"] = c.dropping_particle
        if c.non_dropping_particle:
            obj["non-dropping-particle"] = c.non_dropping_particle
        if c.suffix:
            obj["suffix"] = c.suffix
        if c.comma_suffix:
            obj["comma-suffix"] = True
        if c.static_ordering:
            obj["static-ordering"] = True
        return obj
    if (orcid := orcid_name(c)) is not None:
        return {"literal": orcid}  # a person known only by an ORCID stays visible
    if c.kind == "organization" or (c.literal and not (c.family or c.given)):
        return {"literal": c.literal or c.display_name} if (c.literal or c.family) else None
    obj = {}
    for key, value in (
        ("family", c.family),
        ("given", c.given),
        ("dropping-particle", c.dropping_particle),
        ("non-dropping-particle", c.non_dropping_particle),
        ("suffix", c.suffix),
    ):
        if value:
            obj[key] = value
    if c.comma_suffix:
        obj["comma-suffix"] = True
    if c.static_ordering:
        obj["static-ordering"] = True
    if c.literal and not obj:
        obj["literal"] = c.literal
    return obj or None


def date_obj(d: DateValue) -> dict[str, Any] | None:
    """The CSL date object of a date (None: nothing to write)."""

    def parts(p: PartialDate) -> list[int]:
        out = [p.year]
        if p.month is not None:
            out.append(p.month)
            if p.day is not None:
                out.append(p.day)
        return out

    obj: dict[str, Any] = {}
    if d.start is not None and not d.open_start and not d.open_end:
        dp = [parts(d.start)]
        if d.end is not None:
            dp.append(parts(d.end))
        obj["date-parts"] = dp
        if d.start.season is not None and d.start.month is None:
            obj["season"] = d.start.season
    elif d.start is not None or d.end is not None:
        obj["raw"] = d.edtf()
    elif d.literal:
        obj["literal"] = d.literal
    if d.approximate and obj:
        obj["circa"] = True
    return obj or None


def issns(idents: list[Identifier]) -> str | None:
    """Every ISSN (print and electronic) in one CSL ``ISSN``, comma-separated as Zotero writes
    them (``1234-5678, 8765-4321``); the reader splits them again."""
    values = dict.fromkeys(i.value for i in idents if i.scheme in ("issn", "eissn"))
    return ", ".join(values) or None
