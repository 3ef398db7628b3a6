"""CSL-JSON and CSL-YAML readers (streaming for JSON)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from pydantic import ValidationError as PydanticValidationError

from biblioconv.errors import LimitExceeded, ParseError
from biblioconv.formats.csl_json.mapping import _KNOWN, csl_to_record
from biblioconv.formats.csl_json.sniff import sniff, sniff_yaml
from biblioconv.jsonstream import duplicate_reporter, iter_json
from biblioconv.model import Record
from biblioconv.registry import ReadContext

__all__ = ["read", "read_yaml", "sniff", "sniff_yaml"]

#: Keys that make an object a CSL item: CSL's variables, its id and custom (not the parts of
#: names and dates, which only occur inside them).
_ITEM_KEYS = _KNOWN - {
    "family",
    "given",
    "literal",
    "dropping-particle",
    "non-dropping-particle",
    "suffix",
    "comma-suffix",
    "static-ordering",
    "parse-names",
    "date-parts",
    "raw",
    "circa",
    "season",
}
_EMPTY = "empty input: not a CSL-JSON document (an empty bibliography is [])"


def _describe(value: Any) -> str:
    """What a JSON value that is no CSL item is, for an error message."""
    if not isinstance(value, dict):
        return f"a JSON {type(value).__name__.replace('NoneType', 'null')}"
    if not value:
        return "an empty object"
    keys = sorted(value)
    shown = ", ".join(keys[:5]) + (", ..." if len(keys) > 5 else "")
    return f"an object with none of CSL's variables (keys: {shown})"


def _is_item(value: Any) -> bool:
    return isinstance(value, dict) and not _ITEM_KEYS.isdisjoint(value)


def _record(item: Any, ctx: ReadContext, line: int, index: int) -> Record | None:
    if not _is_item(item):
        if isinstance(item, dict):
            msg = f"item {index} is {_describe(item)}"
        else:
            msg = f"item {index} is a {type(item).__name__}, not an object"
        ctx.reporter(str(index), line).skip(msg)
        return None
    try:
        return csl_to_record(item, report=ctx.report, source=ctx.source, line=line)
    except (PydanticValidationError, ValueError, TypeError) as exc:
        label = str(item.get("id", index))
        reason = exc.errors()[0]["msg"] if isinstance(exc, PydanticValidationError) else str(exc)
        ctx.reporter(label, line).skip(reason, what="unreadable item")
        return None


def read(stream: IO[bytes], ctx: ReadContext) -> Iterator[Record]:
    """Read CSL-JSON: an array of items, one item, or JSON Lines.

    An empty input (no JSON value: ``[]`` is an empty bibliography) and JSON holding no CSL
    item (no object with a CSL variable) raise :class:`ParseError`.
    """
    index = 0
    found = False
    first: tuple[int, Any] | None = None
    for line, value, _in_array in iter_json(
        stream,
        source=ctx.source,
        limits=ctx.limits,
        on_duplicate=duplicate_reporter(ctx),
        empty=_EMPTY,
    ):
        items = value if isinstance(value, list) else [value]
        for item in items:
            index += 1
            if not found and _is_item(item):
                found = True
            elif first is None:
                first = (line, item)
            rec = _record(item, ctx, line, index)
            if rec is not None:
                yield rec
    if index and not found and first is not None:
        what = (
            "the JSON is"
            if index == 1
            else f"none of its {index} values is a CSL item; the first is"
        )
        raise ParseError(
            f"not CSL-JSON: {what} {_describe(first[1])}", source=ctx.source, line=first[0]
        )


def read_yaml(stream: IO[bytes], ctx: ReadContext) -> Iterator[Record]:
    """Read CSL-YAML: a list of items, or a document with a ``references`` list.

    YAML aliases are expanded against a budget proportional to the input's size, so an
    alias bomb ("billion laughs" in YAML) is refused instead of exhausting memory.
    """
    import yaml

    data = stream.read(ctx.limits.max_record_bytes * 10 + 1)
    if len(data) > ctx.limits.max_record_bytes * 10:
        raise LimitExceeded("CSL-YAML input too large to read at once", source=ctx.source)
    try:
        docs = list(yaml.safe_load_all(data))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = str(exc).splitlines()[0]
        raise ParseError(f"invalid YAML: {reason}", source=ctx.source, line=line) from None
    budget = [max(10_000, 20 * len(data))]
    index = 0
    for doc in docs:
        if doc is None:
            continue
        items = doc.get("references", [doc]) if isinstance(doc, dict) else doc
        if not isinstance(items, list):
            raise ParseError("expected a list of CSL items", source=ctx.source)
        for item in items:
            index += 1
            if isinstance(item, dict):
                item = _yaml_to_json(item, budget, ctx.source)
            rec = _record(item, ctx, 0, index)
            if rec is not None:
                yield rec


def _yaml_to_json(value: Any, budget: list[int], source: str) -> Any:
    """YAML gives dates and numbers as Python objects; CSL wants strings and numbers."""
    import datetime

    budget[0] -= 1
    if budget[0] < 0:
        raise LimitExceeded(
            "YAML expands to far more values than its size (aliases?); refused", source=source
        )
    if isinstance(value, dict):
        return {str(k): _yaml_to_json(v, budget, source) for k, v in value.items()}
    if isinstance(value, list):
        return [_yaml_to_json(v, budget, source) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value
