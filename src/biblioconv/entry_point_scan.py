"""The entry points of some groups, read straight from the ``entry_points.txt`` files of the
distributions on ``sys.path``.

:func:`importlib.metadata.entry_points` gives the same, but importing the module and building a
distribution object for every installed distribution cost about 7% of converting one entry.
The command scans once, at start, for the formats' group and for pydantic's plugin group (see
:mod:`biblioconv._launch`), and only where neither needs importlib.metadata is the module not
imported at all. This scan reads plain
``*.dist-info`` and ``*.egg-info`` directories the way importlib.metadata does: the first
distribution of a normalized name on ``sys.path`` wins, its entry points keep their order, and
distributions come in ``sys.path`` order, then directory-listing order. For anything it does not
read the same way (a zip file or other non-directory entry on ``sys.path``, an ``.egg``
directory, another distribution finder on ``sys.meta_path``, an unusual metadata directory name,
a file it cannot decode or parse) it answers None and the caller asks importlib.metadata.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from importlib.machinery import PathFinder
from typing import Any

__all__ = ["ScannedEntryPoint", "prescan", "scan_entry_points", "scan_groups"]

# the pattern importlib.metadata.EntryPoint loads by: "module", "module:attr.attr", extras
_VALUE = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")
_SUFFIXES = (".dist-info", ".egg-info")


class ScannedEntryPoint:
    """One entry point: its name, ``module:attribute`` value and group; :meth:`load` imports
    it as :meth:`importlib.metadata.EntryPoint.load` does."""

    __slots__ = ("group", "name", "value")

    def __init__(self, name: str, value: str, group: str) -> None:
        self.name = name
        self.value = value
        self.group = group

    def load(self) -> Any:
        """The object the entry point names (its module imported)."""
        match = _VALUE.match(self.value)
        assert match is not None  # the scan keeps only values that match
        obj: Any = importlib.import_module(match.group("module"))
        for attr in filter(None, (match.group("attr") or "").split(".")):
            obj = getattr(obj, attr)
        return obj

    def __repr__(self) -> str:
        return f"ScannedEntryPoint(name={self.name!r}, value={self.value!r}, group={self.group!r})"


def scan_entry_points(group: str) -> list[ScannedEntryPoint] | None:
    """The entry points of ``group`` as importlib.metadata lists them, or None when the path
    holds something this scan does not read (then ask importlib.metadata). The first call
    after :func:`prescan` of the group takes that scan's result."""
    found = _prescanned.pop(group, None)
    if found is not None:
        return found
    scanned = scan_groups((group,))
    return None if scanned is None else scanned[group]


#: the groups :func:`prescan` read, each handed to the next :func:`scan_entry_points` of it
_prescanned: dict[str, list[ScannedEntryPoint]] = {}


def prescan(groups: tuple[str, ...]) -> dict[str, list[ScannedEntryPoint]] | None:
    """:func:`scan_groups`, its result kept for the next :func:`scan_entry_points` of each
    group (the command scans once, at start, for pydantic's group and the formats')."""
    found = scan_groups(groups)
    if found is not None:
        _prescanned.update(found)
    return found


def scan_groups(groups: tuple[str, ...]) -> dict[str, list[ScannedEntryPoint]] | None:
    """The entry points of each of ``groups``, each file read once; None as for
    :func:`scan_entry_points`."""
    finders = [f for f in sys.meta_path if getattr(f, "find_distributions", None) is not None]
    if finders != [PathFinder]:
        return None
    seen: set[str] = set()
    found: dict[str, list[ScannedEntryPoint]] = {group: [] for group in groups}
    for entry in sys.path:
        if not isinstance(entry, str) or os.path.basename(entry).lower().endswith(".egg"):
            return None
        try:
            children = os.listdir(entry or ".")
        except OSError:
            if os.path.isfile(entry):  # a zip file: importlib.metadata reads inside it
                return None
            continue  # missing or unreadable: importlib.metadata finds nothing there either
        for child in children:
            if not child.lower().endswith(_SUFFIXES):
                continue
            name = child.rpartition(".")[0].partition("-")[0]
            if not child.endswith(_SUFFIXES) or not name or child.startswith("."):
                return None  # importlib.metadata would read the name from the metadata
            normalized = re.sub(r"[-_.]+", "_", name).lower()
            if normalized in seen:
                continue  # an earlier distribution of that name wins
            seen.add(normalized)
            eps = _read(os.path.join(entry, child, "entry_points.txt"), found)
            if not eps:
                return None
    return found


def _read(path: str, found: dict[str, list[ScannedEntryPoint]]) -> bool:
    """Add the entry points of ``found``'s groups in one ``entry_points.txt`` (none if there
    is no such file); False if the file is not one this scan reads as importlib.metadata does."""
    try:
        with open(path, encoding="utf-8") as file:
            text = file.read()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
        return True
    except (OSError, UnicodeDecodeError):
        return False
    section: str | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
            continue
        if section is None:
            continue  # before any section: importlib.metadata passes over it too
        name, eq, value = line.partition("=")
        if not eq:
            return False  # importlib.metadata raises on such a line
        out = found.get(section)
        if out is not None:
            value = value.strip()
            if not _VALUE.match(value):
                return False
            out.append(ScannedEntryPoint(name.strip(), value, section))
    return True
