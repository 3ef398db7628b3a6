"""Streaming JSON: the items of a top-level array, JSON Lines, or concatenated values (read),
and the indentation of items written one at a time.

Reads a binary stream in chunks and decodes one value at a time, so a file of ten million items
is read in constant memory. A value that spans many chunks is read in geometrically growing
steps, so reading it costs time linear in its size. Errors name the line.

Limits (from :class:`biblioconv.registry.Limits`): a value larger than ``max_record_bytes``,
nested deeper than ``max_nesting`` or holding a string or key longer than ``max_field_chars``
raises :class:`~biblioconv.errors.LimitExceeded`.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable, Iterator
from typing import IO, Any

from biblioconv.errors import LimitExceeded, ParseError
from biblioconv.registry import Limits, ReadContext
from biblioconv.report import Code

__all__ = ["check_value", "indented", "iter_json"]

_CHUNK = 1 << 16
_WS = " \t\r\n"
_decoder = json.JSONDecoder()
_DEFAULT_LIMITS = Limits()


def indented(text: str, prefix: str) -> str:
    """JSON text (as ``json.dumps`` writes it) with ``prefix`` before each of its lines.

    Only the encoder's own line breaks start lines: a string value's U+2028, U+2029 or U+0085,
    which JSON leaves unescaped, stays inside its string (``str.splitlines`` would break the
    string there and make the output invalid JSON).
    """
    return prefix + text.replace("\n", "\n" + prefix)


def check_value(
    value: Any, *, max_nesting: int, max_chars: int, source: str, line: int | None = None
) -> None:
    """Raise :class:`LimitExceeded` if a decoded JSON value is nested deeper than
    ``max_nesting`` (arrays and objects) or holds a string or key longer than ``max_chars``."""
    if isinstance(value, str):
        if len(value) > max_chars:
            raise _too_long(len(value), max_chars, source, line)
        return
    if not isinstance(value, (dict, list)):
        return
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        obj, depth = stack.pop()
        if depth > max_nesting:
            raise LimitExceeded(
                f"JSON nested deeper than {max_nesting} levels", source=source, line=line
            )
        items: Any
        if isinstance(obj, dict):
            for key in obj:
                if len(key) > max_chars:
                    raise _too_long(len(key), max_chars, source, line)
            items = obj.values()
        else:
            items = obj
        for item in items:
            if isinstance(item, str):
                if len(item) > max_chars:
                    raise _too_long(len(item), max_chars, source, line)
            elif isinstance(item, (dict, list)):
                stack.append((item, depth + 1))


def _too_long(n: int, limit: int, source: str, line: int | None) -> LimitExceeded:
    return LimitExceeded(
        f"a JSON string of {n:,} characters exceeds the limit of {limit:,}",
        source=source,
        line=line,
    )


def iter_json(
    stream: IO[bytes],
    *,
    source: str,
    max_value_bytes: int | None = None,
    limits: Limits | None = None,
    on_duplicate: Callable[[str, int], None] | None = None,
    empty: str | None = None,
) -> Iterator[tuple[int, Any, bool]]:
    """Yield ``(line, value, in_array)``: each item of a top-level array, else each value.

    ``in_array`` tells whether the value was an element of a top-level array. ``limits``
    defaults to :class:`~biblioconv.registry.Limits`' defaults; ``max_value_bytes`` overrides its
    ``max_record_bytes``. With ``on_duplicate``, an object key that occurs more than once keeps
    its first value and ``on_duplicate(key, line)`` is called (``line`` is where the value
    holding the object starts); without it the last value wins, as in :mod:`json`, at full speed.
    With ``empty``, an input that holds no JSON value at all (no byte but white space) raises
    :class:`ParseError` with that reason; ``[]`` is a value, an empty list.
    """
    lim = limits or _DEFAULT_LIMITS
    max_bytes = max_value_bytes if max_value_bytes is not None else lim.max_record_bytes
    max_nesting = lim.max_nesting
    max_chars = lim.max_field_chars
    dec = codecs.getincrementaldecoder("utf-8-sig")(errors="strict")
    decoder = _decoder
    current_line = [1]
    if on_duplicate is not None:
        report_duplicate = on_duplicate

        def first_wins(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
            out: dict[str, Any] = {}
            for key, val in pairs:
                if key in out:
                    report_duplicate(key, current_line[0])
                else:
                    out[key] = val
            return out

        decoder = json.JSONDecoder(object_pairs_hook=first_wins)
    buf = ""
    pos = 0
    line = 1
    eof = False

    def more() -> bool:
        nonlocal buf, pos, eof, line
        if eof:
            return False
        # grow geometrically: a value spanning many chunks is re-scanned O(log n) times
        chunk = stream.read(max(_CHUNK, len(buf) - pos))
        try:
            text = dec.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:
            raise ParseError(f"not UTF-8 ({exc.reason})", source=source, line=line) from None
        if not chunk:
            eof = True
        line += buf.count("\n", 0, pos)
        buf = buf[pos:] + text
        pos = 0
        return bool(chunk) or bool(text)

    def skip_ws() -> bool:
        nonlocal pos
        while True:
            while pos < len(buf) and buf[pos] in _WS:
                pos += 1
            if pos < len(buf):
                return True
            if not more():
                return False

    def value() -> Any:
        nonlocal pos
        current_line[0] = here()
        while True:
            try:
                obj, end = decoder.raw_decode(buf, pos)
            except json.JSONDecodeError as exc:
                if len(buf) - pos > max_bytes:
                    raise LimitExceeded(
                        f"a JSON value exceeds {max_bytes:,} bytes", source=source, line=here()
                    ) from None
                # where the error is, before more() trims the buffer and moves the line count
                err_line = line + buf.count("\n", 0, exc.pos)
                if not eof and more():
                    continue
                raise ParseError(f"invalid JSON: {exc.msg}", source=source, line=err_line) from None
            except RecursionError:
                raise LimitExceeded("JSON nested too deeply", source=source, line=here()) from None
            # a bare number or literal at the buffer's end might continue in the next chunk
            if end == len(buf) and not eof and buf[pos] not in '[{"' and more():
                continue
            if end - pos > max_bytes:
                raise LimitExceeded(
                    f"a JSON value exceeds {max_bytes:,} bytes", source=source, line=here()
                )
            if end - pos > max_chars or (
                buf.count("[", pos, end) + buf.count("{", pos, end) > max_nesting
            ):
                check_value(
                    obj, max_nesting=max_nesting, max_chars=max_chars, source=source, line=here()
                )
            pos = end
            return obj

    def here() -> int:
        return line + buf.count("\n", 0, pos)

    if not skip_ws():
        if empty is not None:
            raise ParseError(empty, source=source)
        return
    if buf[pos] == "[":
        pos += 1
        first = True
        while True:
            if not skip_ws():
                raise ParseError("unterminated JSON array", source=source, line=here())
            if buf[pos] == "]":
                pos += 1
                break
            if not first:
                if buf[pos] != ",":
                    raise ParseError(
                        "expected ',' or ']' in JSON array", source=source, line=here()
                    )
                pos += 1
                if not skip_ws():
                    raise ParseError("unterminated JSON array", source=source, line=here())
            first = False
            start = here()
            yield start, value(), True
        if skip_ws():
            raise ParseError("unexpected data after the JSON array", source=source, line=here())
        return
    while skip_ws():
        start = here()
        yield start, value(), False


def duplicate_reporter(ctx: ReadContext) -> Callable[[str, int], None]:
    """An ``on_duplicate`` callback reporting a repeated key as a DUPLICATE diagnostic of the
    reader's context."""

    def report(key: str, line: int) -> None:
        ctx.report.add(
            Code.DUPLICATE,
            f"key {key!r} occurs more than once in an object; the first value is used",
            field=key,
            source=ctx.source,
            line=line,
            source_format=ctx.format,
        )

    return report
