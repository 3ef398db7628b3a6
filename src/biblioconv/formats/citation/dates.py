"""Date ranges rendered as citeproc-js renders them (CSL 1.0.2, "Date Ranges").

A range shows the parts the two dates share once and repeats the others: the largest date part
that differs (year, then month or season, then day) and every smaller one shown. The repeated
run of the start date and that of the end date are joined by the ``range-delimiter`` of the
largest differing part (an en dash by default); the suffix of the start run's last part and the
prefix of the end run's first part are dropped. ``2–4 January 1999``, ``January 2–March 4,
1999``, ``Spring–Summer 1999``, ``January 1999–March 2000``.
"""

from __future__ import annotations

from typing import Any

from citeproc.source import VariableError

__all__ = ["differing_parts", "render_date_range"]

_ORDER = ("year", "month", "day")
_EN_DASH = "\u2013"


def _part_value(date: Any, name: str) -> Any:
    if name == "month":
        if "month" in date:
            return ("month", date.get("month"))
        if "season" in date:
            return ("season", date.get("season"))
        return None
    return date.get(name)


def differing_parts(begin: Any, end: Any, shown: list[str]) -> list[str]:
    """The parts among ``shown`` a range repeats: the largest differing one and all smaller."""
    for index, name in enumerate(_ORDER):
        if name in shown and _part_value(begin, name) != _part_value(end, name):
            return [n for n in _ORDER[index:] if n in shown]
    return []


def _render_part(part: Any, date: Any, context: Any, trim: str | None) -> Any:
    part.__dict__["_trim"] = trim
    try:
        return part.render(date, context)
    except VariableError:  # the date lacks the part
        return None
    finally:
        part.__dict__["_trim"] = None


def render_date_range(element: Any, date_range: Any, show_parts: list[str], context: Any) -> Any:
    """``date_range`` rendered by the ``cs:date`` ``element`` (``context``: the calling date of a
    localized date), or ``None`` when the start date renders nothing."""
    begin, end = date_range.begin, date_range.end
    parts = [
        (part, part.get("name"))
        for part in element.iterchildren()
        if part.get("name") in show_parts
    ]
    # each date-part's own attributes merged with the calling date's override
    render_context = context if context is not None and context is not element else None
    attributes = {name: part._attrib(render_context) for part, name in parts}
    differing = differing_parts(begin, end, [name for _, name in parts])
    positions = [i for i, (_, name) in enumerate(parts) if name in differing]
    if not differing:
        # the dates differ only in parts not shown (1994-01/1994-02 as a year): printed once
        shown = [_render_part(p, begin, render_context, None) for p, _ in parts]
        shown = [p for p in shown if p is not None]
        return element.join(shown) if shown else None
    if positions != list(range(positions[0], positions[-1] + 1)):
        return None
    first, last = positions[0], positions[-1]
    largest = next(name for name in _ORDER if name in differing)
    delimiter = attributes[largest].get("range-delimiter", _EN_DASH)

    def run(date: Any, start: bool) -> list[Any]:
        out = []
        present = [i for i in range(first, last + 1) if _part_value(date, parts[i][1]) is not None]
        for index in present:
            trim = None
            if start and index == present[-1]:
                trim = "suffix"
            elif not start and index == present[0]:
                trim = "prefix"
            text = _render_part(parts[index][0], date, render_context, trim)
            if text is not None:
                out.append(text)
        return out

    before = [_render_part(p, begin, render_context, None) for p, _ in parts[:first]]
    end_run = run(end, False)  # first: a pending year suffix goes to the range's last year
    begin_run = run(begin, True)
    after = [_render_part(p, begin, render_context, None) for p, _ in parts[last + 1 :]]
    if not begin_run:
        return None
    ranged = element.join(begin_run)
    if end_run:
        ranged = ranged + delimiter + element.join(end_run)
    pieces = [p for p in (*before, ranged, *after) if p is not None]
    return element.join(pieces)
