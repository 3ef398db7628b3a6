"""Citing clusters one after another without re-rendering the document.

:class:`IncrementalCitations` keeps what a full rendering of a document's clusters
(:func:`.engine.render_citations`) computes from scratch and updates it when a cluster is
appended: the new items are put in bibliography order by their sort keys (computed once per
item), disambiguation is redone only for the groups of items whose cites render alike with a
new item's (and for items whose names get other given-name levels), positions come from the
running :class:`.positions.PositionTracker`, and only the earlier clusters citing an item
whose disambiguation, year suffix or citation number changed are rendered again. The texts
are the same as a full rendering's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from citeproc.string import String

from . import disambiguate, engine, patches, positions
from .disambiguate import AmbigConfig
from .errors import CitationError, StyleError
from .sorting import compare_key_values

__all__ = ["IncrementalCitations"]


def _compare(
    left_keys: Sequence[Any], right_keys: Sequence[Any], descending: Sequence[bool]
) -> int:
    """``cs:sort``'s comparison of two items' collated keys (0: equal)."""
    for k, (left, right) in enumerate(zip(left_keys, right_keys, strict=True)):
        result = compare_key_values(left, right, descending[k])
        if result:
            return result
    return 0


class _Ambiguity:
    """Disambiguation (:func:`.disambiguate.disambiguate`) kept up to date item by item."""

    def __init__(self, loaded: Any, bib: Any) -> None:
        self.loaded = loaded
        self.bib = bib
        self.options = disambiguate.Options.from_citation(
            loaded.root.citation, loaded.uses_disambiguate
        )
        rule = self.options.given_rule
        self.global_rule = self.options.add_givenname and rule != "by-cite"
        self.primary = rule.startswith("primary-name")
        self.initials_only = rule.endswith("with-initials")
        self.recorded: dict[str, list[tuple[list[Any], int, bool]]] = {}
        self.configs: dict[str, AmbigConfig] = {}
        self.sig: dict[str, str | None] = {}
        self.members: dict[str, set[str]] = {}
        self.remaining: dict[str, list[list[str]]] = {}
        self.levels: dict[tuple[str, str], int] = {}
        self.second_pass = False
        self.registry: dict[str, dict[str, set[str]]] = {}
        self.occurrences: dict[str, list[tuple[tuple[str, str], str, bool]]] = {}
        self.contributions: dict[tuple[str, str], dict[str, int]] = {}
        self.name_items: dict[tuple[str, str], set[str]] = {}

    def _occurrence_level(self, family: str, skey: str, initials: bool) -> int:
        by_initials = self.registry[family]
        level = 1 if len(by_initials) > 1 else 0
        if not self.initials_only and (
            len(by_initials.get(disambiguate._initials(skey), ())) > 1
            or (len(by_initials) > 1 and not initials)
        ):
            level = 2
        return level

    def _add_names(self, keys: Sequence[str]) -> set[tuple[str, str]]:
        """Register the names of new items (global given-name rules); the names whose level
        changed (as :func:`.disambiguate.global_levels` computes it on all items)."""
        grown: set[str] = set()
        fresh: dict[str, list[tuple[tuple[str, str], str, bool]]] = {}
        for key in keys:
            for names, _shown, initials in self.recorded[key]:
                for position, name in enumerate(names):
                    if self.primary and position:
                        break
                    family, given = name.get("family"), name.get("given")
                    if not family or not given or "literal" in name:
                        continue
                    skey = disambiguate._PERIODS_RE.sub(" ", str(given)).strip()
                    fam = disambiguate._family_key(name)
                    name_key = disambiguate.name_key(name)
                    known = self.registry.setdefault(fam, {}).setdefault(
                        disambiguate._initials(skey), set()
                    )
                    if skey not in known:
                        known.add(skey)
                        grown.add(fam)
                    occurrence = (name_key, skey, bool(initials))
                    self.occurrences.setdefault(fam, []).append(occurrence)
                    fresh.setdefault(fam, []).append(occurrence)
                    self.name_items.setdefault(name_key, set()).add(key)
        changed: set[tuple[str, str]] = set()
        for fam, added in fresh.items():
            # a family whose registry grew: every name of it again; else only the new ones
            occurrences = self.occurrences[fam] if fam in grown else added
            best: dict[tuple[str, str], int] = {}
            for name_key, skey, initials in occurrences:
                level = self._occurrence_level(fam, skey, initials)
                best[name_key] = max(best.get(name_key, 0), level)
            for name_key, level in best.items():
                per_family = self.contributions.setdefault(name_key, {})
                if fam in grown:
                    per_family[fam] = level
                else:
                    per_family[fam] = max(per_family.get(fam, 0), level)
                new = max(per_family.values(), default=0)
                if self.levels.get(name_key, 0) != new:
                    changed.add(name_key)
                    if new:
                        self.levels[name_key] = new
                    else:
                        self.levels.pop(name_key, None)
        return changed

    def _clear_suffix(self, key: str) -> None:
        ref = self.bib.source[key]
        ref.pop("year_suffix", None)
        ref.pop("\x00shape", None)

    def update(self, new_keys: Sequence[str], renumbered: set[str]) -> set[str]:
        """Disambiguate with the items ``new_keys`` added (and the items ``renumbered`` given
        other citation numbers); returns the items whose configuration or year suffix may
        have changed."""
        if not self.options.active:
            return set()
        bib = self.bib
        render = engine._ambiguity_render(self.loaded, bib)
        old_sig = dict(self.sig)

        def rendered(key: str, config: AmbigConfig) -> None:
            self._clear_suffix(key)
            config.start()
            self.sig[key] = render(key, config)
            self.configs[key] = config

        for key in new_keys:
            config = AmbigConfig()
            rendered(key, config)
            self.recorded[key] = config.recorded
        redo = {key for key in renumbered if key in self.sig}
        if self.global_rule:
            changed_names = self._add_names(new_keys)
            if self.levels:
                if not self.second_pass:
                    self.second_pass = True
                    redo.update(self.sig)
                else:
                    redo.update(new_keys)
                    for name_key in changed_names:
                        redo.update(self.name_items.get(name_key, ()))
        for key in sorted(redo, key=bib.key_index.__getitem__):
            if self.second_pass:
                config = AmbigConfig(global_givens=self.levels, global_primary=self.primary)
            else:
                config = AmbigConfig()
            rendered(key, config)
        touched = set(new_keys) | redo
        affected: set[str] = set()
        for key in touched:
            before = old_sig.get(key)
            if key in old_sig and before is not None:
                self.members[before].discard(key)
                affected.add(before)
            now = self.sig[key]
            if now is not None:
                self.members.setdefault(now, set()).add(key)
                affected.add(now)
            else:
                bib.ambig_configs[key] = self.configs[key]
        changed = set(touched)
        for sig in affected:
            group = sorted(self.members.get(sig, ()), key=bib.key_index.__getitem__)
            for key in group:
                self._clear_suffix(key)
            changed.update(group)
            if len(group) > 1:
                final, still = disambiguate.resolve_group(
                    group, self.configs, self.recorded, render, self.options
                )
                bib.ambig_configs.update(final)
                self.remaining[sig] = still
            else:
                for key in group:
                    bib.ambig_configs[key] = self.configs[key]
                self.remaining.pop(sig, None)
                if not group:
                    self.members.pop(sig, None)
            if self.options.year_suffix:
                for keys in self.remaining.get(sig, ()):
                    dated = [key for key in keys if bib.source[key].get("issued")]
                    for i, key in enumerate(dated if len(dated) > 1 else []):
                        bib.source[key]["year_suffix"] = String(engine._suffix_letters(i))
                        bib.source[key].pop("\x00shape", None)
        for key in changed:
            if bib.ambig_configs[key].disambiguate:
                bib.ambiguous.add(key)
            else:
                bib.ambiguous.discard(key)
        return changed


class IncrementalCitations:
    """The rendered clusters of a document in one style, appended one after another."""

    def __init__(self, loaded: Any, output: str) -> None:
        self.loaded = loaded
        self.output = output
        self.bib = engine._Bibliography(loaded, engine._Prepared({}, [], {}))
        citation_el = self.citation_el = loaded.root.citation
        self.layout = citation_el.layout
        self.tracker = positions.PositionTracker(engine._near_note_distance(citation_el))
        self.citations: list[Any] = []
        self.texts: list[str] = []
        self.by_item: dict[str, list[int]] = {}
        bibliography = loaded.root.find("cs:bibliography", patches._NS)
        sort = None if bibliography is None else bibliography.find("cs:sort", patches._NS)
        self.sort = sort
        self.sort_context = None if bibliography is None else bibliography.layout
        self.sort_keys: dict[str, list[Any]] = {}
        keys = [] if sort is None else list(sort.findall("cs:key", patches._NS))
        self.key_elements = keys
        self.descending = [key.get("sort", "ascending").lower() == "descending" for key in keys]
        # keys on the citation number depend on the order being computed: sort all again
        self.resort = any(key.get("variable") == "citation-number" for key in keys)
        variables = {v for el in loaded.root.iter() for v in (el.get("variable") or "").split()}
        self.numbers_shown = "citation-number" in variables
        self.ambiguity = _Ambiguity(loaded, self.bib)

    def _sort_keys(self, cite: Any) -> list[Any]:
        st = patches.state()
        st.sorting = True
        st.year_suffix_pending = False
        try:
            return [
                patches._collation_key(key.sort_key(cite, self.sort_context))
                for key in self.key_elements
            ]
        finally:
            st.sorting = False

    def _add_items(self, items: Sequence[Mapping[str, Any]]) -> set[str]:
        """Register newly cited items in bibliography order; the items renumbered."""
        bib = self.bib
        renumbered: set[str] = set()
        for item in items:
            prepared = engine._prepare([item])
            key = prepared.keys[0]
            bib.source[key] = prepared.source[key]
            bib.ids[key] = prepared.ids[key]
            cite = engine._Cite(key, bib)
            if self.sort is None:
                position = len(bib.items)
            elif self.resort:
                bib.items.append(cite)
                before = dict(bib.key_index)
                bib.sort()
                renumbered.update(k for k, i in before.items() if bib.key_index[k] != i)
                continue
            else:
                keys = self.sort_keys[key] = self._sort_keys(cite)
                lo, hi = 0, len(bib.items)
                while lo < hi:
                    mid = (lo + hi) // 2
                    other = self.sort_keys[bib.items[mid]["key"]]
                    if _compare(keys, other, self.descending) < 0:
                        hi = mid
                    else:
                        lo = mid + 1
                position = lo
            bib.items.insert(position, cite)
            bib.keys.insert(position, key)
            keys, key_index = bib.keys, bib.key_index
            for index in range(position, len(keys)):
                key_index[keys[index]] = index
            if self.numbers_shown:
                renumbered.update(keys[position + 1 :])
        return renumbered if self.numbers_shown else set()

    def append(
        self, items: Sequence[Mapping[str, Any]], cites: Sequence[Mapping[str, Any]], note: int
    ) -> tuple[str, list[int]]:
        """Render the cluster ``cites`` appended in note ``note``; ``items`` are the items it
        cites for the first time. Returns its text and the indexes of the earlier clusters
        whose text changed (their new texts in :attr:`texts`)."""
        loaded = self.loaded
        bib = self.bib
        citation_el = self.citation_el
        with engine._LOCK, loaded.lock, engine.no_gc():
            st = patches.state()
            current = str(cites[0].get("id")) if cites else "?"
            try:
                st.in_bibliography = True
                new_keys = [str(item["id"]).lower() for item in items]
                renumbered = self._add_items(items)
                changed = self.ambiguity.update(new_keys, renumbered) | renumbered
                st.in_bibliography = False
                citation = bib.citation(engine._cluster_cites(bib, cites))
                self.tracker.assign(self.layout.order_cites(citation), note)
                citation_el.cites = []
                text = engine._render_cluster(loaded, self.layout, citation, self.output)
                index = len(self.citations)
                self.citations.append(citation)
                self.texts.append(text)
                for key in dict.fromkeys(cite["key"] for cite in citation.cites):
                    self.by_item.setdefault(key, []).append(index)
                again = sorted(
                    {i for key in changed for i in self.by_item.get(key, ()) if i != index}
                )
                updated = []
                for i in again:
                    citation_el.cites = []
                    text_i = engine._render_cluster(
                        loaded, self.layout, self.citations[i], self.output
                    )
                    if text_i != self.texts[i]:
                        self.texts[i] = text_i
                        updated.append(i)
            except (StyleError, CitationError):
                raise
            except Exception as exc:
                raise engine._feature_error(loaded, current, exc) from None
            finally:
                st.in_bibliography = False
                st.year_suffix_pending = False
        return text, updated
