"""Format-independent checks of :class:`biblioconv.registry.Limits` on records as read.

Readers enforce what only they can see (bytes per record, brace or element nesting) while
tokenising; :func:`check_record` enforces on every record, whatever its format, the number of
names and the length of every text value, so a format that forgets a limit is still covered.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from biblioconv.errors import LimitExceeded
from biblioconv.model import Record
from biblioconv.registry import Limits

__all__ = ["check_record"]


def check_record(record: Record, limits: Limits, *, source: str, index: int) -> None:
    """Raise :class:`LimitExceeded` if a record has more names than ``limits.max_names`` or a
    text value longer than ``limits.max_field_chars``."""
    label = record.label if hasattr(record, "label") else str(index)
    if len(record.contributors) > limits.max_names:
        raise LimitExceeded(
            f"{len(record.contributors):,} names exceed the limit of {limits.max_names:,}",
            source=source,
            record=label,
        )
    # cheap bound first: no value can be longer than the record's whole JSON form
    if len(record.__pydantic_serializer__.to_json(record)) <= limits.max_field_chars:
        return
    longest = _longest(record, limits.max_field_chars)
    if longest is not None:
        raise LimitExceeded(
            f"a value of {longest:,} characters exceeds the limit of {limits.max_field_chars:,}",
            source=source,
            record=label,
        )


def _longest(value: Any, limit: int) -> int | None:
    """The length of the first string longer than ``limit`` found in a model tree, else None."""
    stack: list[Any] = [value]
    while stack:
        obj = stack.pop()
        if isinstance(obj, str):
            if len(obj) > limit:
                return len(obj)
        elif isinstance(obj, BaseModel):
            stack.extend(obj.__dict__.values())
        elif isinstance(obj, dict):
            stack.extend(obj.keys())
            stack.extend(obj.values())
        elif isinstance(obj, (list, tuple)):
            stack.extend(obj)
    return None
