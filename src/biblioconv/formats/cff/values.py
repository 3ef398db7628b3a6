"""CFF values <-> record values: persons and entities, dates, identifiers, licences, and the safe
YAML loading of ``CITATION.cff`` (dates kept as text, alias expansion on a budget)."""

from __future__ import annotations

import datetime
import json
import re
from functools import cache
from importlib import resources
from typing import Any

import yaml

from biblioconv.errors import LimitExceeded, ParseError

__all__ = [
    "DATE",
    "ENTITY_KEYS",
    "PERSON_KEYS",
    "cff_date",
    "contributor_in",
    "contributor_out",
    "date_text",
    "load_yaml",
    "spdx_ids",
    "text",
]

#: The keys of a CFF person and of a CFF entity (schema 1.2.0).
PERSON_KEYS = (
    "family-names",
    "given-names",
    "name-particle",
    "name-suffix",
    "alias",
    "affiliation",
    "address",
    "city",
    "region",
    "post-code",
    "country",
    "orcid",
    "email",
    "tel",
    "fax",
    "website",
)
ENTITY_KEYS = (
    "name",
    "alias",
    "address",
    "city",
    "region",
    "post-code",
    "country",
    "orcid",
    "email",
    "tel",
    "fax",
    "website",
    "date-start",
    "date-end",
    "location",
)
#: Keys of persons and entities the record model holds (the rest is kept per object in the
#: record's CFF extras, ``details``).
MAPPED_PERSON_KEYS = frozenset(
    {
        "family-names",
        "given-names",
        "name-particle",
        "name-suffix",
        "orcid",
        "affiliation",
        "website",
    }
)
MAPPED_ENTITY_KEYS = frozenset({"name", "orcid", "website"})

DATE = re.compile(r"^([0-9]{4})-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$")
_ORCID_URL = "https://orcid.org/"
_URL = re.compile(r"^(https|http|ftp|sftp)://.+")


# -- YAML ------------------------------------------------------------------------------------


_SafeBase: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when built


class _Loader(_SafeBase):  # type: ignore[misc]
    """PyYAML's safe loader (with libyaml's parser where PyYAML has it) without the timestamp
    resolver: ``2017-12-18`` stays the text the CFF schema wants (an explicit ``!!timestamp``
    tag still gives a date, which is accepted)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(data: bytes, source: str, max_bytes: int) -> Any:
    """The one YAML document of a CFF file, as plain JSON-like values.

    Aliases are expanded against a budget proportional to the input's size (as for CSL-YAML),
    so that an alias bomb is refused instead of exhausting memory; deep nesting and syntax
    errors give one-line :class:`ParseError` s."""
    from biblioconv.formats.csl_json.reader import _yaml_to_json

    if len(data) > max_bytes:
        raise LimitExceeded(f"CFF input larger than {max_bytes} bytes; refused", source=source)
    try:
        docs = list(yaml.load_all(data, Loader=_Loader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ParseError(f"invalid YAML: {problem}", source=source, line=line) from None
    except RecursionError:
        raise LimitExceeded("YAML nested too deeply; refused", source=source) from None
    docs = [d for d in docs if d is not None]
    if not docs:
        raise ParseError("empty input: not a CITATION.cff document", source=source)
    if len(docs) > 1:
        raise ParseError(
            f"{len(docs)} YAML documents: a CITATION.cff file holds one", source=source
        )
    budget = [max(10_000, 20 * len(data))]
    try:
        return _yaml_to_json(docs[0], budget, source)
    except RecursionError:
        raise LimitExceeded("YAML nested too deeply; refused", source=source) from None


# -- scalars ---------------------------------------------------------------------------------


def text(value: Any) -> str | None:
    """A CFF scalar as text (numbers as written, YAML booleans as ``true``/``false``), ``None``
    for nothing or for a structure."""
    if value is None or isinstance(value, (dict, list)):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return repr(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    out = str(value).strip()
    return out or None


def date_text(value: Any) -> str | None:
    """A CFF date as ``YYYY-MM-DD`` text: a string, or a date object from a YAML loader that
    resolves timestamps."""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return text(value)


def cff_date(value: Any, type_: str) -> dict[str, Any] | None:
    """A CFF date as record date data: a full date, or the text kept as a literal."""
    t = date_text(value)
    if t is None:
        return None
    m = DATE.match(t)
    if m:
        y, mo, d = (int(g) for g in m.groups())
        try:
            datetime.date(y, mo, d)
        except ValueError:
            return {"type": type_, "literal": t}
        return {"type": type_, "start": {"year": y, "month": mo, "day": d}}
    return {"type": type_, "literal": t}


def full_date(d: Any) -> str | None:
    """The ``YYYY-MM-DD`` text of a record date known to the day (years 0..9999), else None."""
    s = d.start
    if s is None or s.day is None or not 0 <= s.year <= 9999:
        return None
    return f"{s.year:04d}-{s.month:02d}-{s.day:02d}"


@cache
def spdx_ids() -> frozenset[str]:
    """The SPDX licence ids the CFF 1.2.0 schema accepts."""
    data = resources.files("biblioconv").joinpath("data/cff-spdx-ids.json").read_text("utf-8")
    return frozenset(json.loads(data)["ids"])


@cache
def spdx_folded() -> dict[str, str]:
    """SPDX ids by their lower-case form (ids are matched case-insensitively)."""
    return {i.lower(): i for i in spdx_ids()}


# -- persons and entities --------------------------------------------------------------------


def contributor_in(obj: Any, role: str, role_label: str | None = None) -> dict[str, Any] | None:
    """Record contributor data of a CFF person or entity (None: nothing to make one of)."""
    if not isinstance(obj, dict):
        return None
    c: dict[str, Any] = {"role": role}
    if role_label:
        c["role_label"] = role_label
    ids: list[dict[str, Any]] = []
    if (orcid := text(obj.get("orcid"))) is not None:
        ids.append({"scheme": "orcid", "value": orcid})
    if (site := text(obj.get("website"))) is not None:
        ids.append({"scheme": "url", "value": site})
    family, given = text(obj.get("family-names")), text(obj.get("given-names"))
    name = text(obj.get("name"))
    if name is not None and family is None and given is None:
        c["kind"] = "organization"
        c["literal"] = name
    else:
        for key, attr in (
            ("given-names", "given"),
            ("family-names", "family"),
            ("name-particle", "non_dropping_particle"),
            ("name-suffix", "suffix"),
        ):
            if (v := text(obj.get(key))) is not None:
                c[attr] = v
        if (aff := text(obj.get("affiliation"))) is not None:
            c["affiliations"] = [{"name": aff}]
        if family is None and given is None and not ids:
            alias = text(obj.get("alias"))
            if alias is None:
                return None
            c["literal"] = alias  # a person known only by an alias
    if ids:
        c["identifiers"] = ids
    return c


def details(obj: Any, mapped: frozenset[str]) -> dict[str, Any]:
    """The keys of a CFF person or entity the record model has no home for (kept as given)."""
    if not isinstance(obj, dict):
        return {}
    return {k: v for k, v in obj.items() if k not in mapped}


def is_entity(obj: Any) -> bool:
    """Whether a CFF author-like object is an entity (it has a name and no personal names)."""
    return (
        isinstance(obj, dict)
        and "name" in obj
        and not ("family-names" in obj or "given-names" in obj)
    )


def orcid_url(value: str) -> str:
    """The ORCID URL the CFF schema wants."""
    return _ORCID_URL + value


def contributor_out(c: Any) -> dict[str, Any]:
    """A CFF person or entity for a record contributor (what the record cannot say in CFF is
    found by :func:`contributor_parts`)."""
    out: dict[str, Any] = {}
    if c.kind == "organization" or not (c.family or c.given or c.identifiers):
        if c.literal:
            out["name"] = c.literal
        elif c.family or c.given:
            out["family-names" if c.family else "given-names"] = c.family or c.given
    else:
        if c.family:
            out["family-names"] = c.family
        if c.given:
            out["given-names"] = c.given
        particle = c.non_dropping_particle or c.dropping_particle
        if particle:
            out["name-particle"] = particle
        if c.suffix:
            out["name-suffix"] = c.suffix
        if c.affiliations and c.affiliations[0].name:
            out["affiliation"] = c.affiliations[0].name
    for ident in c.identifiers:
        if ident.scheme == "orcid" and ident.valid and "orcid" not in out:
            out["orcid"] = orcid_url(ident.value)
        elif ident.scheme == "url" and _URL.match(ident.value) and "website" not in out:
            out["website"] = ident.value
    if not out and c.literal:
        out["name"] = c.literal
    return out


def contributor_parts(c: Any, role_parts: tuple[str, ...]) -> tuple[str, ...]:
    """The attributes of a contributor that its CFF person or entity carries exactly."""
    parts = [*role_parts, "kind"]
    if c.kind == "organization":
        if c.literal and not (c.family or c.given):
            parts.append("literal")
    else:
        parts += ["given", "family", "non_dropping_particle", "suffix"]
        if not (c.family or c.given or c.identifiers) and c.literal:
            parts.append("literal")  # written as an entity: its kind is approximated
        affs = c.affiliations
        if len(affs) == 1 and affs[0].name and not affs[0].identifiers and not affs[0].lang:
            parts.append("affiliations")
    ids = c.identifiers
    schemes = [i.scheme for i in ids]
    want = [s for s in ("orcid", "url") if s in schemes]
    ok = schemes == want and all(
        ((i.scheme == "orcid" and i.valid) or (i.scheme == "url" and _URL.match(i.value)))
        and not (i.scheme_uri or i.label)
        for i in ids
    )
    if ids and ok:
        parts.append("identifiers")
    return tuple(parts)


def contributor_exact(c: Any) -> bool:
    """Whether a contributor reads back as it is (what :func:`contributor_parts` cannot tell:
    a person known only by a literal name comes back as an entity, a dropping particle as a
    non-dropping one, name options are not kept)."""
    if c.kind == "person" and not (c.family or c.given or c.identifiers) and c.literal:
        return False
    if c.kind == "organization" and (c.family or c.given) and not c.literal:
        return False
    return not (
        (c.dropping_particle and not c.non_dropping_particle)
        or c.comma_suffix
        or c.static_ordering
        or c.lang
        or (c.kind == "person" and not (c.family or c.given) and c.identifiers and c.literal)
    )
