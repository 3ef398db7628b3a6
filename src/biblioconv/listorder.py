"""Where the elements of a record's lists come back: a writer that writes each list's elements
rule by rule (identifiers, then URLs; authors, then editors...) gives a reader of its output the
elements in that order. :func:`sequences` gives that order from what the rules carried,
:func:`moved` names each index of a list whose element will not be the one at that index after
reading back (an element written elsewhere, or one not written at all, shifts those after it), and
:func:`reordered` names the lists whose elements are written in another order or with gaps."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from biblioconv.rules import split_path

__all__ = ["moved", "reordered", "sequences"]


def sequences(elements: Iterable[str]) -> dict[str, list[int]]:
    """List path -> the indexes of its elements in the order they are written (first
    occurrence), from :attr:`biblioconv.rules.Carried.elements`."""
    out: dict[str, list[int]] = {}
    seen: set[str] = set()
    for path in elements:
        if path in seen or not path.endswith("]"):
            continue
        seen.add(path)
        base, _, index = path.rpartition("[")
        out.setdefault(base, []).append(int(index[:-1]))
    return out


def _length(record: Any, base: str) -> int:
    obj = record
    for part in split_path(base):
        obj = obj[part] if isinstance(part, int) else getattr(obj, part, None)
        if obj is None:
            return 0
    return len(obj) if isinstance(obj, list) else 0


def moved(record: Any, order: dict[str, list[int]]) -> Iterator[str]:
    """The concrete paths ``LIST[k]`` whose element comes back at another index."""
    for base, seq in order.items():
        for k in range(_length(record, base)):
            if k >= len(seq) or seq[k] != k:
                yield f"{base}[{k}]"


def reordered(elements: Iterable[str]) -> list[str]:
    """The top-level lists (``contributors`` for ``contributors[2].name``) whose elements, in the
    order :attr:`biblioconv.rules.Carried.elements` gives them, are not ``0, 1, 2...``."""
    order: dict[str, list[int]] = {}
    for path in elements:
        cut = path.find("[")
        lst, index = path[:cut], int(path[cut + 1 : path.index("]", cut)])
        seen = order.setdefault(lst, [])
        if index not in seen:
            seen.append(index)
    return [lst for lst, idx in order.items() if idx != list(range(len(idx)))]
