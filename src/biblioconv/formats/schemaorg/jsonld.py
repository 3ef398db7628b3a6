"""Just enough JSON-LD for schema.org: contexts, prefixed and full-IRI keys, ``@graph``, node
references, ``@value``/``@list`` objects, and the nodes of a document that are records.

No document is ever fetched: a context is recognised by its IRI (``schema.org`` over http or
https, with or without a trailing slash) or read from the document itself (``@vocab``, prefixes,
term definitions such as CodeMeta's ``{"author": {"@id": "schema:author", "@container":
"@list"}}``). Keys outside schema.org (``rdfa:usesVocabulary``, ``codemeta:...``) are kept under
their name as given.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "SCHEMA_IRI",
    "Context",
    "Document",
    "context_of",
    "is_schema_context",
    "node_types",
]

SCHEMA_IRI = "https://schema.org/"
_SCHEMA = re.compile(r"^https?://schema\.org/?", re.IGNORECASE)


def is_schema_context(value: Any) -> bool:
    """Whether a ``@context`` value names schema.org (string, object with ``@vocab`` or a prefix
    for it, or an array holding one)."""
    if isinstance(value, str):
        return bool(_SCHEMA.match(value.strip()))
    if isinstance(value, list):
        return any(is_schema_context(v) for v in value)
    if isinstance(value, dict):
        for k, v in value.items():
            if isinstance(v, str) and _SCHEMA.match(v) and (k == "@vocab" or ":" not in k):
                return True
    return False


@dataclass
class Context:
    """The terms of a context that matter here: prefixes that stand for schema.org, terms that
    are schema.org properties or keywords under another name, and whether schema.org is the
    vocabulary (so plain keys are its properties)."""

    schema_vocab: bool = False
    prefixes: set[str] = field(default_factory=set)
    terms: dict[str, str] = field(default_factory=dict)
    """term -> schema.org property name or JSON-LD keyword"""
    lists: set[str] = field(default_factory=set)

    key: str = ""
    """What the context was made of (contexts are made once per distinct ``@context``)."""

    def merged(self, value: Any) -> Context:
        """This context with a (nested) ``@context`` value applied."""
        try:
            key = (
                self.key
                + "|"
                + (value if isinstance(value, str) else json.dumps(value, sort_keys=True))
            )
        except (TypeError, ValueError):
            return self._merged(value)
        found = _CONTEXTS.get(key)
        if found is None:
            if len(_CONTEXTS) > 256:
                _CONTEXTS.clear()
            found = _CONTEXTS[key] = self._merged(value)
            found.key = key
        return found

    def _merged(self, value: Any) -> Context:
        out = Context(self.schema_vocab, set(self.prefixes), dict(self.terms), set(self.lists))
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                if _SCHEMA.match(item.strip()):
                    out.schema_vocab = True
            elif isinstance(item, dict):
                out._define(item)
        return out

    def _define(self, ctx: dict[str, Any]) -> None:
        for key, value in ctx.items():
            if key == "@vocab":
                if isinstance(value, str) and _SCHEMA.match(value):
                    self.schema_vocab = True
                continue
            if key.startswith("@"):
                continue
            iri = value.get("@id") if isinstance(value, dict) else value
            if not isinstance(iri, str):
                continue
            if _SCHEMA.fullmatch(iri) or _SCHEMA.fullmatch(iri.rstrip("/") + "/"):
                self.prefixes.add(key)
                continue
            name = self.expand(iri)
            if name is not None:
                self.terms[key] = name
                if isinstance(value, dict) and value.get("@container") == "@list":
                    self.lists.add(key)

    def expand(self, key: str) -> str | None:
        """The schema.org property (or keyword) a key names, or None when it names none."""
        cache = self.__dict__.setdefault("_expanded", {})
        try:
            return cache[key]  # type: ignore[no-any-return]
        except KeyError:
            name = cache[key] = self._expand(key)
            return name

    def _expand(self, key: str) -> str | None:
        if key.startswith("@"):
            return key
        if key in self.terms:
            return self.terms[key]
        m = _SCHEMA.match(key)
        if m and len(key) > m.end():
            return key[m.end() :]
        prefix, sep, rest = key.partition(":")
        if sep:
            return rest if prefix in self.prefixes and rest else None
        return key if self.schema_vocab else None

    def type_name(self, value: str) -> str:
        """A type IRI or compact IRI as its schema.org name (``schema:Book`` -> ``Book``)."""
        name = self.expand(value)
        return name if name is not None and not name.startswith("@") else value


_CONTEXTS: dict[str, Context] = {}


def context_of(value: Any) -> Context | None:
    """The context of a top-level JSON value (an object or an array of objects), or None when
    none of them names schema.org."""
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, dict) and is_schema_context(item.get("@context")):
            return Context().merged(item["@context"])
    return None


def node_types(node: dict[str, Any]) -> list[str]:
    """The ``@type`` names of a (normalised) node."""
    t = node.get("@type")
    if isinstance(t, str):
        return [t]
    if isinstance(t, list):
        return [x for x in t if isinstance(x, str)]
    return []


class Document:
    """The nodes of one JSON-LD document with keys as schema.org names, and its node index."""

    def __init__(self, value: Any, ctx: Context, max_nodes: int = 100_000) -> None:
        self.ctx = ctx
        self.nodes: list[dict[str, Any]] = []
        self.index: dict[str, dict[str, Any]] = {}
        self._budget = max_nodes
        for item in value if isinstance(value, list) else [value]:
            if not isinstance(item, dict):
                self.nodes.append(item)
                continue
            local = ctx.merged(item["@context"]) if "@context" in item else ctx
            graph = item.get("@graph")
            if isinstance(graph, list | dict) and not _has_data(item):
                for g in graph if isinstance(graph, list) else [graph]:
                    self._top(g, local)
            else:
                self._top(item, local)

    def _top(self, item: Any, ctx: Context) -> None:
        node = self._normalise(item, ctx, 0)
        self.nodes.append(node)

    def _normalise(self, value: Any, ctx: Context, depth: int) -> Any:
        self._budget -= 1
        if self._budget < 0:
            raise ValueError("too many JSON-LD nodes")
        if isinstance(value, list):
            return [self._normalise(v, ctx, depth + 1) for v in value]
        if not isinstance(value, dict):
            return value
        if "@context" in value:
            ctx = ctx.merged(value["@context"])
        if "@value" in value:
            return value["@value"]
        if "@list" in value:
            return self._normalise(value["@list"], ctx, depth + 1)
        out: dict[str, Any] = {}
        for key, item in value.items():
            if key == "@context":
                continue
            name = ctx.expand(key)
            if name is None:
                out.setdefault(key, item)  # outside schema.org: kept as given
                continue
            if name == "@type":
                types = item if isinstance(item, list) else [item]
                names = [ctx.type_name(t) for t in types if isinstance(t, str)]
                out["@type"] = names[0] if len(names) == 1 else names
                continue
            if name in out:  # the same property under two spellings: the first wins
                continue
            out[name] = self._normalise(item, ctx, depth + 1)
        node_id = out.get("@id")
        if isinstance(node_id, str) and node_id and len(out) > 1:
            self.index.setdefault(node_id, out)
        return out

    def resolve(self, value: Any) -> Any:
        """A node reference (``{"@id": ...}`` alone, or a string naming a node of the
        document) as the node, else the value."""
        if isinstance(value, dict) and set(value) == {"@id"}:
            return self.index.get(str(value["@id"]), value)
        if isinstance(value, str) and value in self.index:
            return self.index[value]
        return value

    def chain(self, value: Any, limit: int = 16) -> Iterator[dict[str, Any]]:
        """The nodes of an ``isPartOf`` chain, from the nearest (cycles and depth cut)."""
        seen: set[int] = set()
        for _ in range(limit):
            node = self.resolve(value)
            if isinstance(node, list):
                node = next((n for n in map(self.resolve, node) if isinstance(n, dict)), None)
            if not isinstance(node, dict) or id(node) in seen:
                return
            seen.add(id(node))
            yield node
            value = node.get("isPartOf")
            if value is None:
                return


def _has_data(item: dict[str, Any]) -> bool:
    """Whether an object holding ``@graph`` is a node of its own (has properties besides
    ``@context``, ``@id`` and ``@graph``)."""
    return any(k not in ("@context", "@graph", "@id") for k in item)
