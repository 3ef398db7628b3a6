"""Name handling every reader and writer shares: a person given only as an ORCID iD.

Exports name a person by an ORCID iD alone (``https://orcid.org/0000-0002-1825-0097`` as the
author). Every reader reads such a value the same way, as a person with that ORCID and no name
(:func:`orcid_person`); every writer writes such a person with the ORCID URL as the name where
the format has nothing else to show (:func:`orcid_name`), so that the person stays visible.
"""

from __future__ import annotations

import re
from typing import Any

from biblioconv.identifiers import classify
from biblioconv.model import Contributor, Record
from biblioconv.vocab import ContributorRole

__all__ = [
    "ORCID_URL",
    "orcid_name",
    "orcid_name_note",
    "orcid_of_name",
    "orcid_person",
    "orcid_person_fields",
    "without_orcid_names",
]

_FOUR_DIGITS = re.compile(r"\d{4}")

ORCID_URL = "https://orcid.org/"
"""The resolver an ORCID iD is written with where it stands for a name."""


def orcid_of_name(text: str | None) -> str | None:
    """The ORCID iD (``0000-0002-1825-0097``) when a name is nothing but one, else None.

    An ``orcid.org`` URL, ``orcid:`` and the iD, or a bare hyphenated iD count, each with a
    valid checksum (so a malformed value stays a name, as given); surrounding braces, angle
    brackets and white space are ignored.
    """
    if not text or _FOUR_DIGITS.search(text) is None:  # an iD has four groups of four digits
        return None
    value = " ".join(text.split()).strip("{}<> ")
    if not value or len(value) > 60:
        return None
    found = classify(value)
    if found is not None and found[0] == "orcid" and found[2] is True:
        return found[1]
    return None


def orcid_person(text: str | None, role: ContributorRole = "author") -> Contributor | None:
    """A person with that ORCID and no name when ``text`` is only an ORCID iD, else None."""
    fields = orcid_person_fields(text, role)
    return None if fields is None else Contributor.model_validate(fields)


def orcid_person_fields(text: str | None, role: str = "author") -> dict[str, Any] | None:
    """:func:`orcid_person` as the fields of a :class:`~biblioconv.model.Contributor`, for
    readers that validate a whole record at once."""
    orcid = orcid_of_name(text)
    if orcid is None:
        return None
    return {"role": role, "identifiers": [{"scheme": "orcid", "value": orcid}]}


def orcid_name(contributor: Contributor) -> str | None:
    """The name to write for a person known only by an ORCID (no family, given or literal
    name): the ORCID URL. None for everyone else."""
    if contributor.family or contributor.given or contributor.literal:
        return None
    orcid = contributor.orcid
    return ORCID_URL + orcid if orcid else None


def orcid_name_note(contributor: Contributor, where: str) -> str:
    """The report message for :func:`orcid_name` written as a name; ``where`` names the person
    (``author 2``, ``creator 1``)."""
    return f"{where} is known only by an ORCID; {orcid_name(contributor)} is written as the name"


def without_orcid_names(record: Record) -> Record:
    """The record as a loss report should see it where a writer names the persons known only by
    an ORCID by that ORCID (see :func:`orcid_name`): their ORCID is written, not lost. Only for
    reports: the copy is not validated."""
    if not any(orcid_name(c) is not None for c in record.contributors):
        return record
    people = [
        c.model_copy(update={"identifiers": [i for i in c.identifiers if i.scheme != "orcid"]})
        if orcid_name(c) is not None
        else c
        for c in record.contributors
    ]
    return record.model_copy(update={"contributors": people})
