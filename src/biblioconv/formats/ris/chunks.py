"""Where RIS inputs can be cut into chunks of whole records, for parallel conversion."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO

from biblioconv.splitting import Chunk, SplitContext, TextChunker

__all__ = ["split"]

_TY = re.compile(rb"TY  - ")
_ER = re.compile(rb"ER  -\s*$")


def split(stream: IO[bytes], chunk_bytes: int, ctx: SplitContext) -> Iterator[Chunk]:
    """Chunks of RIS: cut before a ``TY`` line that follows an ``ER`` line."""
    ck = TextChunker(chunk_bytes)
    after_er = False
    for raw in stream:
        if after_er and ck.full and _TY.match(raw):
            chunk = ck.cut()
            if chunk is not None:
                yield chunk
        ck.add(raw)
        if raw.strip():
            after_er = _ER.match(raw) is not None
    chunk = ck.cut()
    if chunk is not None:
        yield chunk
