"""Streaming JSON: the items of a top-level array, JSON Lines, or concatenated values.

Reads a binary stream in chunks and decodes one value at a time, so a file of ten million items
is read in constant memory. Errors name the line.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import IO, Any

from biblioconv.errors import LimitExceeded, ParseError

__all__ = ["iter_json"]

_CHUNK = 1 << 16
_WS = " \t\r\n"
_decoder = json.JSONDecoder()


def iter_json(
    stream: IO[bytes],
    *,
    source: str,
    max_value_bytes: int = 64 * 1024 * 1024,
) -> Iterator[tuple[int, Any, bool]]:
    """Yield ``(line, value, in_array)``: each item of a top-level array, else each value.

    ``in_array`` tells whether the value was an element of a top-level array.
    """
    dec = codecs.getincrementaldecoder("utf-8-sig")(errors="strict")
    buf = ""
    pos = 0
    line = 1
    eof = False

    def more() -> bool:
        nonlocal buf, pos, eof, line
        if eof:
            return False
        chunk = stream.read(_CHUNK)
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
        while True:
            try:
                obj, end = _decoder.raw_decode(buf, pos)
            except json.JSONDecodeError as exc:
                if len(buf) - pos > max_value_bytes:
                    raise LimitExceeded(
                        f"a JSON value exceeds {max_value_bytes} bytes", source=source, line=here()
                    ) from None
                if not eof and more():
                    continue
                raise ParseError(
                    f"invalid JSON: {exc.msg}",
                    source=source,
                    line=line + buf.count("\n", 0, exc.pos),
                ) from None
            except RecursionError:
                raise LimitExceeded("JSON nested too deeply", source=source, line=here()) from None
            # a bare number or literal at the buffer's end might continue in the next chunk
            if end == len(buf) and not eof and buf[pos] not in '[{"' and more():
                continue
            pos = end
            return obj

    def here() -> int:
        return line + buf.count("\n", 0, pos)

    if not skip_ws():
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
