"""Citing in a document: clusters cited in document order, with positions and updates.

A :class:`CitationSession` holds the items of a document and its citation clusters in
document order, as a word-processor plug-in drives citeproc-js: each new (or edited) cluster
comes back rendered, with the earlier or later clusters whose text changed because of it (a
year suffix or a name added for disambiguation, an ``ibid`` that no longer follows its item,
citation numbers), and the bibliography holds the items cited so far. Positions (first,
subsequent, ibid, ibid-with-locator, near-note) and ``first-reference-note-number`` follow the
note numbers of the clusters (see :mod:`.positions`).

>>> session = CitationSession("apa")
>>> session.add([{"id": "doe", "type": "book", "title": "A Book", "author": [{"family": "Doe", "given": "J."}], "issued": {"date-parts": [[2020]]}}])
>>> session.cite([{"id": "doe", "locator": "12"}]).text
'(Doe, 2020, p. 12)'
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from biblioconv.model import Record

from .api import Citation
from .engine import (
    OUTPUTS,
    _load_style,
    render_bibliography_multi,
    render_citations,
)
from .errors import CitationError
from .incremental import IncrementalCitations
from .patches import _NS
from .writer import csl_items

__all__ = ["CitationSession", "Cluster", "ClusterResult"]

_CITE_KEYS = {
    "id",
    "locator",
    "label",
    "prefix",
    "suffix",
    "suppress-author",
    "author-only",
    "position",
    "near-note",
    "first-reference-note-number",
}


@dataclass(frozen=True)
class Cluster:
    """A citation cluster of the document and its current rendering."""

    id: str
    index: int
    """Its place in the document (0-based)."""
    note: int
    """Its note number (0: in the text)."""
    text: str
    cites: tuple[dict[str, Any], ...] = field(repr=False, compare=False)


@dataclass(frozen=True)
class ClusterResult:
    """What citing (or editing) a cluster returns: its rendering and the other clusters whose
    rendering changed because of it (citeproc-js's ``processCitationCluster``)."""

    id: str
    index: int
    text: str
    updated: tuple[Cluster, ...] = ()
    """Other clusters whose text changed, in document order."""


def _cite_item(cite: str | Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(cite, str):
        return {"id": cite}
    if not isinstance(cite, Mapping) or cite.get("id") in (None, ""):
        raise CitationError("cite: each cite item needs an id")
    item: dict[str, Any] = {}
    for key, value in cite.items():
        name = str(key).replace("_", "-")
        if name not in _CITE_KEYS:
            raise CitationError(f"cite {cite.get('id')}: unknown field {key!r}")
        if value is not None:
            item[name] = str(value) if name == "id" else value
    return item


@dataclass
class _Entry:
    id: str
    cites: list[dict[str, Any]]
    note: int | None


class CitationSession:
    """Items, citation clusters in document order and their renderings in one style.

    ``style`` is a style id, alias, ``.csl`` file or URL; ``output`` is one of text, html,
    markdown, rtf or latex. Items are biblioconv :class:`~biblioconv.model.Record` objects or
    CSL-JSON dicts (given to the constructor or :meth:`add`). A cite is an item id or
    ``{"id", "locator", "label", "prefix", "suffix", "suppress-author", "author-only"}``.
    """

    def __init__(
        self,
        style: str = "apa",
        locale: str = "en-US",
        output: str = "text",
        items: Iterable[Record | dict[str, Any]] | None = None,
    ) -> None:
        if output not in OUTPUTS:
            raise CitationError(f"output {output!r}: expected one of {', '.join(OUTPUTS)}")
        loaded = _load_style(style, locale)  # unknown styles and locales fail here
        self.style = style
        self.locale = locale
        self.output = output
        self.note_style = loaded.root.get("class") == "note"
        self._has_bibliography = loaded.has_bibliography
        self._items: dict[str, dict[str, Any]] = {}
        self._clusters: list[_Entry] = []
        self._texts: dict[str, str] = {}
        self._notes: dict[str, int] = {}
        self._numbers: dict[str, tuple[int, int]] = {}
        variables = {v for el in loaded.root.iter() for v in (el.get("variable") or "").split()}
        # citation numbers follow the order of first citation (no bibliography sort)
        self._numbered_by_citation = (
            loaded.root.find("cs:bibliography/cs:sort", _NS) is None
            and "citation-number" in variables
        )
        self._shows_first_note = "first-reference-note-number" in variables
        self._loaded = loaded
        # the rendering state of the current clusters for appending (None: built when needed)
        self._incremental: IncrementalCitations | None = None
        self._previous_note = 0
        self._cluster_ids: set[str] = set()
        self._ids = itertools.count(1)
        if items is not None:
            self.add(items)

    # -- items ---------------------------------------------------------------------------------

    def add(self, items: Iterable[Record | dict[str, Any]]) -> None:
        """Register items (an item with the id of one already registered replaces it)."""
        for item in csl_items(items):
            key = str(item["id"]).lower()
            if self._incremental is not None and key in self._incremental.bib.source:
                self._incremental = None
            self._items[key] = item

    @property
    def items(self) -> list[dict[str, Any]]:
        """The registered items (CSL-JSON)."""
        return list(self._items.values())

    # -- clusters ------------------------------------------------------------------------------

    @property
    def clusters(self) -> list[Cluster]:
        """The clusters in document order with their current text."""
        return [self._cluster(i, entry) for i, entry in enumerate(self._clusters)]

    def cite(
        self,
        cites: Sequence[str | Mapping[str, Any]],
        note: int | None = None,
        *,
        id: str | None = None,
        index: int | None = None,
    ) -> ClusterResult:
        """Cite a cluster: appended to the document (or placed at ``index``; a cluster with
        the ``id`` of an existing one replaces it, at its place unless ``index`` is given).

        ``note`` is the cluster's note number (0 or None in the text of an in-text style; in
        a note style None means the note after the previous cluster's).
        """
        entry = _Entry(str(id) if id is not None else self._new_id(), self._cites(cites), note)
        if (index is None or index >= len(self._clusters)) and entry.id not in self._cluster_ids:
            return self._append(entry)
        order = [e for e in self._clusters if e.id != entry.id]
        if index is None:
            existing = next((i for i, e in enumerate(self._clusters) if e.id == entry.id), None)
            index = len(order) if existing is None else existing
        index = max(0, min(index, len(order)))
        order.insert(index, entry)
        updated = self._apply(order)
        return ClusterResult(
            entry.id,
            index,
            self._texts[entry.id],
            tuple(c for c in updated if c.id != entry.id),
        )

    def cite_all(
        self, clusters: Sequence[tuple[Sequence[str | Mapping[str, Any]], int | None]]
    ) -> list[Cluster]:
        """Replace the document's clusters with ``clusters`` (``(cites, note)`` pairs in
        document order), rendered in one pass; returns them all."""
        order = [_Entry(self._new_id(), self._cites(cites), note) for cites, note in clusters]
        self._apply(order)
        return self.clusters

    def process(
        self,
        cites: Sequence[str | Mapping[str, Any]],
        note: int | None,
        *,
        id: str,
        before: Sequence[tuple[str, int | None]] = (),
        after: Sequence[tuple[str, int | None]] = (),
    ) -> list[Cluster]:
        """citeproc-js's ``processCitationCluster``: the cluster ``id`` placed between the
        clusters ``before`` and ``after`` (``(id, note)`` pairs giving the whole document;
        clusters not listed are removed, notes are updated). Returns the clusters whose text
        changed, the processed one included, in document order."""
        known = {e.id: e for e in self._clusters}
        entry = _Entry(str(id), self._cites(cites), note)
        order: list[_Entry] = []
        for other, other_note in [*before, (entry.id, note), *after]:
            if str(other) == entry.id:
                order.append(entry)
                continue
            if str(other) not in known:
                raise CitationError(f"cluster {other}: not in the document")
            old = known[str(other)]
            order.append(_Entry(old.id, old.cites, other_note))
        updated = self._apply(order)
        index = next(i for i, e in enumerate(order) if e.id == entry.id)
        if all(c.id != entry.id for c in updated):
            updated.append(self._cluster(index, entry))
            updated.sort(key=lambda c: c.index)
        return updated

    def remove(self, id: str) -> list[Cluster]:
        """Remove a cluster; returns the clusters whose text changed."""
        order = [e for e in self._clusters if e.id != str(id)]
        if len(order) == len(self._clusters):
            raise CitationError(f"cluster {id}: not in the document")
        return self._apply(order)

    # -- bibliography --------------------------------------------------------------------------

    def bibliography(self) -> list[Citation]:
        """The bibliography of the items cited so far, in bibliography order (empty for a
        style without bibliography)."""
        items = self._cited()
        if not items or not self._has_bibliography:
            return []
        outputs = ("html",) if self.output == "html" else (self.output, "html")
        entries = render_bibliography_multi(
            items, style=self.style, locale=self.locale, outputs=outputs
        )
        return [
            Citation(id=item_id, text=rendered[self.output], html=rendered["html"])
            for item_id, rendered in entries
        ]

    # -- internals -----------------------------------------------------------------------------

    def _new_id(self) -> str:
        while True:
            candidate = f"cluster-{next(self._ids)}"
            if candidate not in self._cluster_ids:
                return candidate

    def _cites(self, cites: Sequence[str | Mapping[str, Any]]) -> list[dict[str, Any]]:
        if isinstance(cites, (str, Mapping)):
            cites = [cites]
        items = [_cite_item(c) for c in cites]
        if not items:
            raise CitationError("cite: a cluster needs at least one cite")
        for item in items:
            if str(item["id"]).lower() not in self._items:
                raise CitationError(f"cite {item['id']}: no item with this id")
        return items

    def _cluster(self, index: int, entry: _Entry) -> Cluster:
        return Cluster(
            entry.id,
            index,
            self._notes.get(entry.id, 0),
            self._texts.get(entry.id, ""),
            tuple(entry.cites),
        )

    def _cited(self, order: Sequence[_Entry] | None = None) -> list[dict[str, Any]]:
        """The cited items, in the order they are first cited."""
        seen: dict[str, dict[str, Any]] = {}
        for entry in self._clusters if order is None else order:
            for cite in entry.cites:
                key = str(cite["id"]).lower()
                if key not in seen and key in self._items:
                    seen[key] = self._items[key]
        return list(seen.values())

    def _resolve_notes(self, order: Sequence[_Entry], previous: int = 0) -> list[int]:
        """The note numbers of the clusters ``order`` (after a cluster in note ``previous``)."""
        notes: list[int] = []
        for entry in order:
            note = entry.note
            if note is None:
                note = previous + 1 if self.note_style else 0
            note = max(0, int(note))
            notes.append(note)
            previous = note if note else previous
        return notes

    def _item_numbers(
        self, order: Sequence[_Entry], notes: Sequence[int]
    ) -> dict[str, tuple[int, int]]:
        """Per cited item: its citation number (when numbered by first citation) and the note
        of its first citation (when the style shows it), as far as the style renders them."""
        numbers: dict[str, tuple[int, int]] = {}
        for entry, note in zip(order, notes, strict=True):
            for cite in entry.cites:
                key = str(cite["id"]).lower()
                if key not in numbers:
                    numbers[key] = (
                        len(numbers) + 1 if self._numbered_by_citation else 0,
                        note if self._shows_first_note else 0,
                    )
        return numbers

    def _append(self, entry: _Entry) -> ClusterResult:
        """Cite ``entry`` after the last cluster, rendering only what it changes."""
        if self._incremental is None:
            self._incremental = self._replay()
        note = self._resolve_notes([entry], self._previous_note)[0]
        try:
            text, changed = self._incremental.append(self._new_items(entry), entry.cites, note)
        except BaseException:
            self._incremental = None
            raise
        index = len(self._clusters)
        self._clusters.append(entry)
        self._cluster_ids.add(entry.id)
        self._texts[entry.id] = text
        self._notes[entry.id] = note
        self._previous_note = note or self._previous_note
        for cite in entry.cites:
            key = str(cite["id"]).lower()
            if key not in self._numbers:
                self._numbers[key] = (
                    len(self._numbers) + 1 if self._numbered_by_citation else 0,
                    note if self._shows_first_note else 0,
                )
        updated = []
        for i in changed:
            other = self._clusters[i]
            self._texts[other.id] = self._incremental.texts[i]
            updated.append(self._cluster(i, other))
        return ClusterResult(entry.id, index, text, tuple(updated))

    def _new_items(self, entry: _Entry) -> list[dict[str, Any]]:
        """The items ``entry`` cites that no cluster cited before, in the order cited."""
        assert self._incremental is not None
        source = self._incremental.bib.source
        keys = dict.fromkeys(str(cite["id"]).lower() for cite in entry.cites)
        return [self._items[key] for key in keys if key not in source]

    def _replay(self) -> IncrementalCitations:
        """The rendering state of the current clusters, cited again one after another."""
        state = IncrementalCitations(self._loaded, self.output)
        notes = self._resolve_notes(self._clusters)
        for entry, note in zip(self._clusters, notes, strict=True):
            keys = dict.fromkeys(str(cite["id"]).lower() for cite in entry.cites)
            items = [self._items[key] for key in keys if key not in state.bib.source]
            state.append(items, entry.cites, note)
        return state

    def _apply(self, order: list[_Entry]) -> list[Cluster]:
        """Render the document ``order``; on success make it current and return the clusters
        whose text changed (or that are new)."""
        notes = self._resolve_notes(order)
        texts = (
            render_citations(
                self._cited(order),
                [e.cites for e in order],
                style=self.style,
                locale=self.locale,
                output=self.output,
                notes=notes,
            )
            if order
            else []
        )
        previous, previous_numbers = self._texts, self._numbers
        self._clusters = order
        self._cluster_ids = {e.id for e in order}
        self._texts = {e.id: t for e, t in zip(order, texts, strict=True)}
        self._notes = {e.id: n for e, n in zip(order, notes, strict=True)}
        self._numbers = self._item_numbers(order, notes)
        self._incremental = None
        self._previous_note = next((n for n in reversed(notes) if n), 0)

        def renumbered(entry: _Entry) -> bool:
            # a cluster whose items got another citation number or first note is updated (as
            # citeproc-js reports it) even when its text, e.g. a collapsed range, is the same
            keys = {str(cite["id"]).lower() for cite in entry.cites}
            return any(previous_numbers.get(k) != self._numbers.get(k) for k in keys)

        return [
            self._cluster(i, e)
            for i, e in enumerate(order)
            if previous.get(e.id) != self._texts[e.id] or (e.id in previous and renumbered(e))
        ]
