"""The read-back contract: nothing is lost silently.

A record is written to a format (with its own report), the output is read back with the same
format's reader, and the two records are compared value by value (:func:`differences`, by the
concrete paths of :func:`biblioconv.rules.leaves`). Every difference must be *named* by a
diagnostic of the write (:func:`is_named`); :func:`check` yields the ones that are not.

What is compared: every value a record carries except ``native_types`` (which type name each
format gave) and the bookkeeping keys of the extras
(:data:`biblioconv.crosswalk.BOOKKEEPING_EXTRAS`: which fields a reader took from elsewhere),
which say how the record was read, not what it holds. The identifier and citation key are
compared too: a format that cannot hold them says so, like any other loss. Values the reader adds (a path the read-back
record holds and the original does not) are differences as well, except the few reader
inferences of :data:`ALLOWED_ADDITIONS`, each with its reason.

A diagnostic of the write names a difference when its ``field`` is the difference's path or a
concrete path above it (``contributors[2]`` names ``contributors[2].identifiers[0].value``,
``extras.FORMAT`` names ``extras.FORMAT.NAME``), or a home path as the crosswalks write them
(``contributors(role=author)``, ``dates(type=accessed)``, ``container.identifiers``) that
selects, in the original record, a path above it (see :func:`biblioconv.rules.select`). For what
the read-back record adds (a placeholder the writer put in for a mandatory property) the home
path is resolved in the read-back record too. A record the writer refused (``RECORD_SKIPPED``)
is named as a whole. Diagnostics of reading back do not count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from biblioconv.api import dumps, loads
from biblioconv.crosswalk import BOOKKEEPING_EXTRAS
from biblioconv.model import Record
from biblioconv.report import Code, ConversionReport, Diagnostic
from biblioconv.rules import leaves, select

__all__ = [
    "ALLOWED_ADDITIONS",
    "IGNORED",
    "RECORD",
    "Unnamed",
    "check",
    "differences",
    "is_named",
    "pattern",
]

#: Top-level fields left out of the comparison, with the reason.
IGNORED: dict[str, str] = {
    "native_types": "which type name each format gave the record: bookkeeping, not data",
}

#: Values a reader may add that are no loss, by path pattern (as :func:`pattern` gives them; a
#: segment ``*`` stands for any one name), with the reason. Keep it tiny: a writer that changes
#: what it writes should say so instead.
ALLOWED_ADDITIONS: dict[str, str] = {
    "extras.*.unknownValues": "the reader's note of which mandatory values were written as "
    "placeholders for unknown values (each reported by the write as MISSING_REQUIRED); the "
    "placeholders themselves stay out of the record",
}

#: The path of a difference about the record as a whole (it did not come back as one record).
RECORD = "(record)"

_INDEX = re.compile(r"\[\d+\]")


def pattern(path: str) -> str:
    """A concrete path with its list indexes replaced by ``[*]`` (``contributors[*].family``)."""
    return _INDEX.sub("[*]", path)


def _allowed(path: str) -> bool:
    """Whether a value the read-back adds at ``path`` is one of :data:`ALLOWED_ADDITIONS`."""
    parts = pattern(path).split(".")
    for allowed in ALLOWED_ADDITIONS:
        wanted = allowed.split(".")
        if len(wanted) == len(parts) and all(
            w in ("*", p) for w, p in zip(wanted, parts, strict=True)
        ):
            return True
    return False


def _compared(path: str) -> bool:
    """Whether a concrete path is data: not in an :data:`IGNORED` field, not a bookkeeping key of
    the extras (``extras.FORMAT.KEY``)."""
    top = re.split(r"[.\[]", path, maxsplit=1)[0]
    if top in IGNORED:
        return False
    return not (top == "extras" and path.split(".", 2)[-1] in BOOKKEEPING_EXTRAS)


def differences(original: Record, back: Record) -> list[str]:
    """The concrete paths whose value differs between a record and its read-back: held by one
    and not by the other, or held by both with different values (original's order first, then
    what ``back`` adds). Leaves out :data:`IGNORED` fields, the bookkeeping keys of the extras and
    :data:`ALLOWED_ADDITIONS`."""
    before = {p: v for p, v in leaves(original).items() if _compared(p)}
    after = {p: v for p, v in leaves(back).items() if _compared(p)}
    out = [p for p, v in before.items() if p not in after or after[p] != v]
    out += [p for p in after if p not in before and not _allowed(p)]
    return out


def _above(field: str, path: str) -> bool:
    """Whether the concrete path ``field`` is ``path`` or a path above it."""
    return path == field or (path.startswith(field) and path[len(field)] in ".[")


@cache
def _is_home(field: str) -> bool:
    """Whether a diagnostic's field is a home path of the record model (not a native field)."""
    try:
        select(Record(), field)
    except (ValueError, KeyError):
        return False
    return True


def is_named(
    path: str,
    diagnostics: Iterable[Diagnostic],
    original: Record,
    *,
    added_in: Record | None = None,
) -> bool:
    """Whether a diagnostic names the difference at ``path``: its field is the path, a concrete
    path above it, or a home path (with filters) that selects a path above it in ``original``
    (and in ``added_in``, the read-back record, for what it adds). ``RECORD_SKIPPED`` names
    the whole record."""
    for d in diagnostics:
        if d.code is Code.RECORD_SKIPPED:
            return True
        field = d.field
        if not field:
            continue
        if _above(field, path):
            return True
        if not _is_home(field):
            continue
        for record in (original, added_in):
            if record is not None and any(_above(c, path) for c, _, _ in select(record, field)):
                return True
    return False


@dataclass(frozen=True, slots=True)
class Unnamed:
    """A difference between a record and its read-back that no diagnostic of the write names.
    ``before``/``after``: the values (``None`` where absent)."""

    record: str
    index: int
    target: str
    path: str
    before: Any
    after: Any


def check(
    records: Iterable[Record],
    target: str,
    *,
    options: Mapping[str, Any] | None = None,
    read_options: Mapping[str, Any] | None = None,
) -> Iterator[Unnamed]:
    """Write each record to ``target`` alone (``options``: the writer's), read it back
    (``read_options``: the reader's) and yield every difference no diagnostic of the write
    names. A record that does not come back as one record is one difference at :data:`RECORD`."""
    wopts = dict(options or {})
    ropts = dict(read_options or {}) or None
    for index, record in enumerate(records):
        written = ConversionReport(max_diagnostics=None)
        text = dumps([record], target, report=written, **wopts)
        said = written.diagnostics
        if any(d.code is Code.RECORD_SKIPPED for d in said):
            continue  # refused, and said so
        back = loads(text, target, report=ConversionReport(), options=ropts, strict=False)
        label = record.label
        if len(back) != 1:
            yield Unnamed(label, index, target, RECORD, 1, len(back))
            continue
        [copy] = back
        before, after = leaves(record), leaves(copy)
        for path in differences(record, copy):
            added = path not in before
            if not is_named(path, said, record, added_in=copy if added else None):
                yield Unnamed(label, index, target, path, before.get(path), after.get(path))
