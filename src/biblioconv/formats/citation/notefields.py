"""Variables given in an item's ``note``, read as citeproc-js reads them.

Zotero stores CSL variables it has no field for as lines ``variable: value`` at the start of the
note (``container-title-short: Container``, ``event-date: 2004-10-01/2004-10-14``,
``reviewed-author: Hall || W.C.``). Those lines set the variables the item lacks (names:
``family || given`` or a literal name, one per line; dates: raw dates) and leave the note;
reading stops at the first line that is not such a line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

__all__ = ["DATE_VARIABLES", "NAME_VARIABLES", "VARIABLES", "merge_note_fields"]

NAME_VARIABLES = frozenset(
    [
        "author",
        "chair",
        "collection-editor",
        "compiler",
        "composer",
        "container-author",
        "contributor",
        "curator",
        "director",
        "editor",
        "editorial-director",
        "editor-translator",
        "executive-producer",
        "guest",
        "host",
        "illustrator",
        "interviewer",
        "narrator",
        "organizer",
        "original-author",
        "performer",
        "producer",
        "recipient",
        "reviewed-author",
        "script-writer",
        "series-creator",
        "translator",
    ]
)
DATE_VARIABLES = frozenset(
    ["accessed", "available-date", "event-date", "issued", "original-date", "submitted"]
)
VARIABLES = (
    frozenset(
        [
            "abstract",
            "annote",
            "archive",
            "archive_collection",
            "archive_location",
            "archive-place",
            "authority",
            "call-number",
            "chapter-number",
            "citation-key",
            "collection-number",
            "collection-title",
            "collection-title-short",
            "container-title",
            "container-title-short",
            "dimensions",
            "division",
            "DOI",
            "edition",
            "event",
            "event-place",
            "event-title",
            "genre",
            "ISBN",
            "ISSN",
            "issue",
            "jurisdiction",
            "keyword",
            "language",
            "license",
            "medium",
            "number",
            "number-of-pages",
            "number-of-volumes",
            "original-publisher",
            "original-publisher-place",
            "original-title",
            "page",
            "part-number",
            "part-title",
            "PMCID",
            "PMID",
            "printing",
            "publisher",
            "publisher-place",
            "references",
            "reviewed-genre",
            "reviewed-title",
            "scale",
            "section",
            "source",
            "status",
            "supplement-number",
            "title",
            "title-short",
            "URL",
            "version",
            "volume",
            "volume-title",
            "volume-title-short",
        ]
    )
    | NAME_VARIABLES
    | DATE_VARIABLES
)

_LINE_RE = re.compile(r"^([a-z][-a-z_]*|[A-Z]+):\s*(\S.*?)\s*$")
_NAME_SPLIT_RE = re.compile(r"\s*\|\|\s*")


def merge_note_fields(item: Mapping[str, Any]) -> Mapping[str, Any]:
    """``item`` with the variables of its note's leading ``variable: value`` lines (a copy when
    there are any, else ``item`` itself)."""
    note = item.get("note")
    if not isinstance(note, str) or ":" not in note:
        return item
    lines = note.split("\n")
    fields: dict[str, Any] = {}
    consumed = 0
    for line in lines:
        match = _LINE_RE.match(line.strip())
        if match is None or match.group(1) not in VARIABLES:
            break
        consumed += 1
        name, value = match.groups()
        if item.get(name) not in (None, "", []):
            continue
        if name in NAME_VARIABLES:
            parts = _NAME_SPLIT_RE.split(value)
            person = (
                {"family": parts[0], "given": parts[1]} if len(parts) == 2 else {"literal": value}
            )
            fields.setdefault(name, []).append(person)
        elif name in DATE_VARIABLES:
            fields.setdefault(name, {"raw": value})
        else:
            fields.setdefault(name, value)
    if not consumed:
        return item
    merged = dict(item)
    merged.update(fields)
    rest = "\n".join(lines[consumed:]).strip()
    if rest:
        merged["note"] = rest
    else:
        merged.pop("note", None)
    return merged
