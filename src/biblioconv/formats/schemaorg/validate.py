"""``biblioconv validate`` for schema.org JSON-LD: the document reads, and every property and
type it uses is in schema.org's vocabulary (there is no official JSON Schema)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

from biblioconv.formats.schemaorg.jsonld import Document, context_of
from biblioconv.formats.schemaorg.vocabulary import PROPERTIES, TYPES, VERSION
from biblioconv.validation import Problem, ValidationContext, read_problems

__all__ = ["unknown_terms", "validate"]

_OFFICIAL = f"schema.org {VERSION} vocabulary (scholarly subset)"
#: Types outside the scholarly subset that landing pages commonly use around works.
_AROUND = frozenset(
    {
        "GeoCoordinates",
        "GeoShape",
        "Language",
        "PostalAddress",
        "ContactPoint",
        "BreadcrumbList",
        "ListItem",
        "ItemPage",
        "CollegeOrUniversity",
        "DefinedTermSet",
        "Event",
        "PublicationEvent",
        "Offer",
        "ImageObject",
    }
)
_AROUND_PROPS = frozenset(
    {
        "itemListElement",
        "addressLocality",
        "addressRegion",
        "addressCountry",
        "box",
        "polygon",
        "postalCode",
        "streetAddress",
    }
)


def unknown_terms(value: Any) -> Iterator[tuple[str, str]]:
    """``("property"|"type", name)`` for every term of a JSON-LD document outside the
    vocabulary (keys outside schema.org, such as ``rdfa:...``, are not checked)."""
    ctx = context_of(value)
    if ctx is None:
        return
    doc = Document(value, ctx)
    stack: list[Any] = list(doc.nodes)
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
            continue
        if not isinstance(item, dict):
            continue
        for key, v in item.items():
            if key == "@type":
                for t in v if isinstance(v, list) else [v]:
                    if isinstance(t, str) and t not in TYPES and t not in _AROUND:
                        yield "type", t
            elif not key.startswith("@") and ":" not in key and "/" not in key:
                if key not in PROPERTIES and key not in _AROUND_PROPS:
                    yield "property", key
                stack.append(v)


def validate(data: bytes, ctx: ValidationContext) -> None:
    """Check a schema.org document (see the module's description)."""
    read_problems(data, ctx)
    if not ctx.result.valid:
        ctx.result.schema = f"{_OFFICIAL} not checked: the document has errors"
        return
    values: list[Any] = []
    text = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text[:1] == b"<":
        from biblioconv.formats.schemaorg.reader import html_blocks

        for block in html_blocks(data, ctx.source):
            try:
                values.append(json.loads(block))
            except (json.JSONDecodeError, RecursionError):
                continue
    else:
        from biblioconv.jsonstream import iter_json

        values = [v for _, v, _ in iter_json(io.BytesIO(data), source=ctx.source)]
    seen: set[tuple[str, str]] = set()
    for value in values:
        for kind, name in unknown_terms(value):
            if (kind, name) not in seen:
                seen.add((kind, name))
                ctx.result.problems.append(
                    Problem("warning", f"{kind} {name!r} is not in the {_OFFICIAL}", None, None)
                )
    ctx.result.schema = f"{_OFFICIAL} checked"
