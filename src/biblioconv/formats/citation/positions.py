"""Cite positions (CSL 1.0.2 ``position``) and the cite-level variables they come with.

Positions are assigned to the cites of a document in order, as citeproc-js's
``processCitationCluster`` does: a cite is ``first`` when its item was not cited before,
``ibid`` when it repeats the only item of the previous citation (in the same or the previous
note) or the previous cite of its own citation with the same locator (or none),
``ibid-with-locator`` when the locator differs, ``subsequent`` otherwise; ``near-note`` when the
item was cited at most ``near-note-distance`` notes before. Citations outside notes (note number
0) and citations in notes are two separate sequences. A later position satisfies the tests of
the earlier ones (an ``ibid`` cite is also ``subsequent``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

__all__ = [
    "FIRST",
    "IBID",
    "IBID_WITH_LOCATOR",
    "POSITIONS",
    "SUBSEQUENT",
    "ModeHook",
    "PositionTracker",
    "capitalize_first",
    "capitalizes_terms",
    "cite_fields",
    "cite_variable",
    "is_subsequent",
    "parse_position",
    "position_matches",
]

FIRST, SUBSEQUENT, IBID, IBID_WITH_LOCATOR = 0, 1, 2, 3
#: Position names (CSL) to their rank.
POSITIONS = {
    "first": FIRST,
    "subsequent": SUBSEQUENT,
    "ibid": IBID,
    "ibid-with-locator": IBID_WITH_LOCATOR,
}
# keys of a cite (engine cite item) holding what this module computes
POSITION_KEY = "position"
NEAR_NOTE_KEY = "near_note"
FIRST_NOTE_KEY = "first_reference_note_number"


def parse_position(value: Any) -> int | None:
    """A position given by a caller (a CSL name or citeproc-js's number 0-3), else ``None``."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value if FIRST <= value <= IBID_WITH_LOCATOR else None
    text = str(value).strip().lower()
    if text.isdigit():
        return parse_position(int(text))
    return POSITIONS.get(text)


MODE_KEY = "mode"
MODES = ("suppress-author", "author-only")


def cite_fields(cite: Mapping[str, Any]) -> dict[str, Any]:
    """The position fields and mode of a CSL-JSON cite item, as engine cite keys."""
    fields: dict[str, Any] = {}
    position = parse_position(cite.get("position"))
    if position is not None:
        fields[POSITION_KEY] = position
        if cite.get("near-note"):
            fields[NEAR_NOTE_KEY] = True
    number = cite.get("first-reference-note-number")
    if number not in (None, "") and not isinstance(number, bool):
        fields[FIRST_NOTE_KEY] = number
    for mode in MODES:
        if cite.get(mode) is True:
            fields[MODE_KEY] = mode
    if cite.get("mode") in MODES:
        fields[MODE_KEY] = cite["mode"]
    return fields


def position_matches(item: dict[str, Any], names: str) -> list[bool]:
    """The results of ``position="names"`` for a cite (a cite without position is first)."""
    rank = dict.get(item, POSITION_KEY)
    if rank is None:
        rank = FIRST
    near = bool(dict.get(item, NEAR_NOTE_KEY))
    results = []
    for name in names.split():
        if name == "first":
            results.append(rank == FIRST)
        elif name == "near-note":
            results.append(rank >= SUBSEQUENT and near)
        elif name in POSITIONS:
            results.append(rank >= POSITIONS[name])
        else:
            results.append(False)
    return results


def is_subsequent(item: Any) -> bool:
    """Whether a cite is not the first of its item (et-al-subsequent-* then apply)."""
    rank = dict.get(item, POSITION_KEY) if isinstance(item, dict) else None
    return rank is not None and rank >= SUBSEQUENT


def cite_variable(item: dict[str, Any], variable: str) -> str | None:
    """A variable of the cite rather than its item (``first-reference-note-number``)."""
    if variable == "first-reference-note-number":
        value = dict.get(item, FIRST_NOTE_KEY)
        return None if value is None else str(value)
    return None


def _locator_key(cite: dict[str, Any]) -> str | None:
    locator = dict.get(cite, "locator")
    if locator is None:
        return None
    return f"{locator.identifier}{locator.label or ''}"


def _key(cite: dict[str, Any]) -> str:
    return str(dict.get(cite, "key"))


class _Sequence:
    __slots__ = ("first", "last", "per_note", "previous")

    def __init__(self) -> None:
        self.first: dict[str, int] = {}
        self.last: dict[str, int] = {}
        self.previous: tuple[list[str], list[str | None], int] | None = None
        self.per_note: dict[int, int] = {}
        """How many citations each note holds so far."""


class PositionTracker:
    """Assigns positions to the cites of citations given in document order."""

    def __init__(self, near_note_distance: int = 5) -> None:
        self.near_note_distance = near_note_distance
        self._sequences = {True: _Sequence(), False: _Sequence()}

    def assign(self, cites: Sequence[dict[str, Any]], note: int = 0) -> None:
        """Set ``position``, ``near_note`` and ``first_reference_note_number`` of each cite of
        one citation (cites in their rendered order) in note ``note`` (0: not in a note).
        Cites that already hold a position (given by the caller) keep it."""
        seq = self._sequences[note > 0]
        keys = [_key(c) for c in cites]
        locators = [_locator_key(c) for c in cites]
        for j, cite in enumerate(cites):
            key = keys[j]
            if dict.get(cite, POSITION_KEY) is not None:
                seq.first.setdefault(key, note)
                seq.last[key] = note
                continue
            if key not in seq.first:
                seq.first[key] = note
                seq.last[key] = note
                dict.__setitem__(cite, POSITION_KEY, FIRST)
                continue
            previous_locator: str | None = None
            if j > 0:
                ibid = keys[j - 1] == key
                previous_locator = locators[j - 1]
            elif seq.previous is not None:
                prev_keys, prev_locators, prev_note = seq.previous
                # not after an earlier note citing several sources one by one
                ibid = (
                    prev_keys == [key]
                    and prev_note >= note - 1
                    and (prev_note == note or seq.per_note.get(prev_note, 0) <= 1)
                )
                previous_locator = prev_locators[0] if prev_locators else None
            else:
                ibid = False
            position = SUBSEQUENT
            if ibid:
                current = locators[j]
                if previous_locator is None:
                    position = IBID_WITH_LOCATOR if current is not None else IBID
                elif current is None:
                    position = SUBSEQUENT
                elif current == previous_locator:
                    position = IBID
                else:
                    position = IBID_WITH_LOCATOR
            dict.__setitem__(cite, POSITION_KEY, position)
            if seq.first[key] != note:
                dict.__setitem__(cite, FIRST_NOTE_KEY, seq.first[key])
            if note:
                if note - seq.last[key] <= self.near_note_distance:
                    dict.__setitem__(cite, NEAR_NOTE_KEY, True)
                seq.last[key] = note
        seq.previous = (keys, locators, note)
        seq.per_note[note] = seq.per_note.get(note, 0) + 1


class ModeHook:
    """Takes the first names a cite renders out of its output (``suppress-author``) or keeps
    them as the whole output (``author-only``); chains a hook already in place."""

    def __init__(self, mode: str, outer: Callable[[Any], Any] | None) -> None:
        self.mode = mode
        self.outer = outer
        self.names: Any = None
        self.done = False

    def __call__(self, text: Any) -> Any:
        if self.outer is not None:
            text = self.outer(text)
        if text is None or self.done:
            return text
        self.done = True
        self.names = text
        return None


def capitalizes_terms(layout: Any, cite: dict[str, Any]) -> bool:
    """Whether a term that starts ``cite`` is capitalised (citeproc-js): in a note style's
    citation, when the cite has no prefix or a prefix ending a sentence."""
    if layout.get_root().get("class") != "note":
        return False
    parent = layout.getparent()
    if parent is None or not str(parent.tag).endswith("citation"):
        return False
    from . import markup

    prefix = markup.strip_markers(str(dict.get(cite, "prefix") or "")).rstrip()
    if prefix:
        # a sentence, not one abbreviated word ("cf."), ends before the term
        ending = prefix.rstrip("\"'\u201d\u2019)]")
        return bool(ending) and ending[-1] in ".!?" and len(prefix.split()) > 1
    citation = dict.get(cite, "citation")
    ordered = dict.get(citation, "_ordered") if isinstance(citation, dict) else None
    return not ordered or ordered[0] is cite


def capitalize_first(text: Any) -> Any:
    """``text`` with its first letter upper-cased (markup kept)."""
    from citeproc.string import String

    from .textcase import apply_text_case

    return String(apply_text_case(str(text), "capitalize-first"))


def render_author_only(layout: Any, citation: Any) -> Any:
    """A citation whose cites are all ``author-only``: their names joined by the layout's
    delimiter, without the layout's affixes (citeproc-js)."""
    from citeproc.string import String

    out = []
    for cite in layout.order_cites(citation):
        text = layout.render_entry(cite, wrap=False)
        if text is not None:
            out.append(String(str(dict.get(cite, "prefix") or "")) + text)
            out[-1] += String(str(dict.get(cite, "suffix") or ""))
    if not out:
        return None
    result = out[0]
    for text in out[1:]:
        result = result + String(layout.get("delimiter", "")) + text
    return result
