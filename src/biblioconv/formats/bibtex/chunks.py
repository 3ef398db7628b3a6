"""Where BibTeX inputs can be cut into chunks of whole entries, for parallel conversion."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO

from biblioconv.errors import BiblioconvError
from biblioconv.splitting import Chunk, SplitContext, TextChunker, Unsplittable, check_utf8

__all__ = ["has_cross_references", "split"]

_START = re.compile(rb"[ \t]*@[ \t]*([A-Za-z_]*)[ \t]*([{(])")
_CROSSREF = re.compile(rb"(?im)^[ \t]*(?:crossref|xdata|xref)[ \t]*=|@[ \t]*xdata[ \t]*[{(]")


def _block_end(raw: bytes, depth: int) -> int | None:
    """Where in a line a block open at ``depth`` braces closes (after its ``}``), if it does."""
    for i, ch in enumerate(raw):
        if ch == 0x7B:
            depth += 1
        elif ch == 0x7D:
            depth -= 1
            if depth == 0:
                return i + 1
    return None


def has_cross_references(stream: IO[bytes]) -> bool:
    """True if the input has a ``crossref``, ``xdata`` or ``xref`` field or an ``@xdata``
    entry (the stream is read to its end or to the first one)."""
    tail = b""
    while block := stream.read(1 << 20):
        data = tail + block
        if _CROSSREF.search(data):
            return True
        tail = data[-256:]
    return False


class _Targets:
    """The entries that crossref/xdata/xref fields name, found in two passes over the input
    (their keys, then where they are; memory in proportion to their number): for each chunk,
    the text of those its entries need, transitively, from outside it."""

    def __init__(self, stream: IO[bytes], max_bytes: int) -> None:
        from biblioconv.formats.bibtex import reader

        self._reader = reader
        self._stream = stream
        self.spans: dict[str, tuple[int, int]] = {}
        twice: set[str] = set()
        try:
            wanted = reader.referenced_keys(stream, max_bytes)
            for key, start, end, _line in reader.entry_spans(stream, max_bytes, wanted):
                if key in self.spans:
                    twice.add(key)
                else:
                    self.spans[key] = (start, end)
        except BiblioconvError as exc:  # reported as the single-process run reports it
            raise Unsplittable(str(exc)) from None
        if twice:  # which one a child gets would depend on the chunks
            raise Unsplittable(f"cross-referenced key {sorted(twice)[0]!r} occurs more than once")

    def needed(self, body: bytes) -> str:
        """The entries outside ``body`` that the entries in it name, and those they name."""
        own = self._reader.entry_keys(body)
        todo = list(self._reader.ref_keys(body))
        parts: list[bytes] = []
        seen: set[str] = set()
        here = self._stream.tell()
        while todo:
            key = todo.pop()
            if key in seen or key in own or key not in self.spans:
                continue
            seen.add(key)
            start, end = self.spans[key]
            self._stream.seek(start)
            text = self._stream.read(end - start)
            parts.append(text if text.endswith(b"\n") else text + b"\n")
            todo.extend(self._reader.ref_keys(text))
        self._stream.seek(here)
        data = b"".join(parts)
        check_utf8(data)
        return data.decode("utf-8")


def split(stream: IO[bytes], chunk_bytes: int, ctx: SplitContext) -> Iterator[Chunk]:
    """Chunks of BibTeX: cut before an entry that directly follows another entry (only blank
    lines between); the ``@string`` macros seen so far are put before each chunk. When the
    reader resolves cross-references, the entries a chunk's entries name from elsewhere in the
    input (and those these name) travel with it as the reader option ``parent_entries``; an
    input where such a key occurs twice is not split."""
    targets: _Targets | None = None
    if getattr(ctx.options, "resolve_crossref", False) and has_cross_references(stream):
        stream.seek(0)
        targets = _Targets(stream, ctx.limits.max_record_bytes)
    stream.seek(0)
    for chunk in _chunks(stream, chunk_bytes):
        if targets is not None:
            needed = targets.needed(chunk.data)
            if needed:
                chunk.read_options = {"parent_entries": needed}
        yield chunk


def _chunks(stream: IO[bytes], chunk_bytes: int) -> Iterator[Chunk]:
    ck = TextChunker(chunk_bytes)
    depth = 0
    kind: str | None = None  # "entry", "string", "paren" or "other" while inside a block
    clean = True  # only whitespace since the end of the last entry
    string_lines: list[bytes] = []
    for raw in stream:
        start = _START.match(raw) if depth == 0 else None
        if start is not None:
            if kind == "paren":  # a (...) block ends where the next block starts
                kind = None
            btype = start.group(1).lower().decode("ascii")
            is_entry = btype not in ("string", "preamble", "comment", "xdata", "")
            if is_entry and clean and kind is None and ck.full:
                chunk = ck.cut()
                if chunk is not None:
                    yield chunk
                ck.prefix = list(string_lines)
            if start.group(2) == b"(":
                kind, clean = "paren", False
            else:
                kind = "entry" if is_entry else ("string" if btype == "string" else "other")
                if not is_entry:
                    clean = False
                depth = 0
        ck.add(raw)
        if kind == "string":  # keep the macro itself, not a comment after it
            end = _block_end(raw, depth)
            text = raw if end is None else raw[:end]
            string_lines.append(text if text.endswith(b"\n") else text + b"\n")
        if kind in ("entry", "string", "other"):
            depth += raw.count(b"{") - raw.count(b"}")
            if depth <= 0:
                if kind == "entry":
                    clean = depth == 0 and not raw[raw.rfind(b"}") + 1 :].strip()
                depth, kind = 0, None
        elif kind is None and start is None and raw.strip():
            clean = False  # text between entries: a comment attached to the next entry
    chunk = ck.cut()
    if chunk is not None:
        yield chunk
