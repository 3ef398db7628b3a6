"""RIS names: ``Family, Given``, ``Family, Given, Suffix``, ``Given Family``, ``Family INITIALS``
and organisations, read into contributors and written back.

Only ``Family, Given[, Suffix]`` is the specified form; every other reading is a heuristic and
is returned with a one-line explanation so the reader can report it (HEURISTIC_APPLIED).
"""

from __future__ import annotations

import re
from typing import Any

from biblioconv.model import Contributor
from biblioconv.names import orcid_person_fields

__all__ = ["ORG_WORDS", "format_name", "joined_names", "parse_name"]

ORG_WORDS = frozenset(
    [
        "academy",
        "agency",
        "alliance",
        "association",
        "authority",
        "board",
        "bureau",
        "center",
        "centre",
        "college",
        "commission",
        "committee",
        "company",
        "consortium",
        "corporation",
        "corp",
        "council",
        "department",
        "division",
        "faculty",
        "federation",
        "forum",
        "foundation",
        "government",
        "group",
        "hospital",
        "inc",
        "initiative",
        "institut",
        "institute",
        "instituut",
        "institution",
        "laboratory",
        "laboratories",
        "lab",
        "league",
        "library",
        "limited",
        "ltd",
        "ministry",
        "museum",
        "network",
        "office",
        "organisation",
        "organization",
        "panel",
        "partnership",
        "program",
        "programme",
        "project",
        "secretariat",
        "service",
        "services",
        "society",
        "study",
        "survey",
        "team",
        "trust",
        "unit",
        "universidad",
        "universidade",
        "universitat",
        "universität",
        "université",
        "università",
        "university",
        "working",
        "collaboration",
        "collaborative",
        "gmbh",
        "llc",
        "plc",
        "ag",
        "sa",
    ]
)
"""Words that mark a comma-less name as an organisation ('World Health Organization')."""

_SUFFIXES = frozenset(
    {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v", "2nd", "3rd", "junior", "senior"}
)
_INITIALS = re.compile(r"(?:[A-Z]\.?-?){1,4}|(?:[A-Z]\.\s?){1,4}")
_FOUR_DIGITS = re.compile(r"\d{4}")
_WORD = re.compile(r"[\w'’&.-]+", re.UNICODE)


def _is_org(text: str) -> bool:
    return any(w.lower().strip(".") in ORG_WORDS for w in _WORD.findall(text))


def parse_name(text: str, role: str) -> tuple[dict[str, Any], str | None]:
    """Parse one RIS name into contributor fields; return them and the heuristic used (or None).

    ``Family, Given`` and ``Family, Given, Suffix`` are the specified forms. Without a comma:
    organisation words make an organisation; ``Family INITIALS`` (``Liu R.``, ``Smith JA``) and
    ``Given Family`` are split as persons; a single word is kept as an unsplit person name. A
    name that is only an ORCID iD is a person with that ORCID and no name.
    """
    name = " ".join(text.split())
    if _FOUR_DIGITS.search(name) is not None:  # an ORCID iD has groups of four digits
        orcid = orcid_person_fields(name, role)
        if orcid is not None:
            return orcid, "an ORCID iD alone: a person with that ORCID"
    if "," in name:
        family, _, given = name.partition(",")
        if "," not in given:  # the specified form, "Family, Given"
            family = family.strip()
            given = given.strip()
            if family:
                if given:
                    return {"role": role, "family": family, "given": given}, None
                return {"role": role, "family": family}, None
        base: dict[str, Any] = {"role": role}
        parts = [p.strip() for p in name.split(",")]
        if len(parts) == 2 and parts[0]:
            if parts[1]:
                return {"role": role, "family": parts[0], "given": parts[1]}, None
            return {"role": role, "family": parts[0]}, None
        if len(parts) == 3 and parts[0] and parts[2].lower() in _SUFFIXES:
            out = {**base, "family": parts[0], "suffix": parts[2]}
            if parts[1]:
                out["given"] = parts[1]
            return out, None
        if len(parts) == 3 and parts[0] and parts[1].lower() in _SUFFIXES:
            out = {**base, "family": parts[0], "suffix": parts[1], "comma_suffix": True}
            if parts[2]:
                out["given"] = parts[2]
            return out, "'Family, Suffix, Given' order"
        return {**base, "literal": name}, f"{len(parts) - 1} commas: kept unsplit"
    base = {"role": role}
    if _is_org(name):
        return {
            **base,
            "kind": "organization",
            "literal": name,
        }, "no comma and an organisation word"
    words = name.split(" ")
    if len(words) == 1:
        return {**base, "literal": name}, "single word: kept unsplit"
    if _INITIALS.fullmatch(words[-1]) and not _INITIALS.fullmatch(words[0]):
        return (
            {**base, "family": " ".join(words[:-1]), "given": words[-1]},
            "no comma: read as 'Family INITIALS'",
        )
    suffix = None
    if words[-1].lower() in _SUFFIXES and len(words) > 2:
        suffix = words.pop()
    out = {**base, "given": " ".join(words[:-1]), "family": words[-1]}
    if suffix:
        out["suffix"] = suffix
    return out, "no comma: read as 'Given Family'"


def joined_names(c: Contributor) -> tuple[str | None, str | None]:
    """A person's family and given names with the particles joined in (RIS has no field for
    them): ``van Gogh``, ``Ludwig van``."""
    family = " ".join(p for p in (c.non_dropping_particle, c.family) if p)
    given = " ".join(p for p in (c.given, c.dropping_particle) if p)
    return family or None, given or None


def format_name(c: Contributor) -> str | None:
    """The RIS form of a contributor's name (``Family, Given[, Suffix]`` or the literal)."""
    if c.literal:
        return c.literal
    family, given = joined_names(c)
    if not family and not given:
        return None
    if not family:
        return given
    out = f"{family}, {given}" if given else f"{family},"
    if c.suffix:
        out += f", {c.suffix}" if given else f" , {c.suffix}"
    return out
