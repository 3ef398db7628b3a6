"""Cutting one input into chunks of whole records, for parallel conversion.

A format that can be split declares a *splitter* in its :class:`~biblioconv.registry.FormatSpec`:
a callable ``splitter(stream, chunk_bytes, ctx) -> Iterator[Chunk]`` that reads the input (a
seekable binary file) and yields :class:`Chunk` objects, each a document the format's reader
accepts; reading the chunks one after the other gives the records of the input, in order. A
splitter raises :class:`Unsplittable` when the input cannot be cut safely; the input is then
converted in one process.

This module holds the building blocks splitters are made of: :class:`TextChunker` for line-based
syntaxes, :func:`split_json_lines` (JSON Lines or concatenated objects) and
:func:`xml_splitter` (record elements of an XML document, or concatenated XML documents).
"""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import IO, Any

from pydantic import BaseModel

from biblioconv.errors import ParseError
from biblioconv.registry import Limits, NoOptions

__all__ = [
    "Chunk",
    "SplitContext",
    "Splitter",
    "TextChunker",
    "Unsplittable",
    "check_utf8",
    "split_json_lines",
    "xml_splitter",
]


class Unsplittable(Exception):
    """The input cannot be split safely; it is converted in a single process instead."""


@dataclass
class Chunk:
    """Whole records of the input, as a document the source format's reader accepts."""

    index: int
    data: bytes
    line_map: list[tuple[int, int]] = field(default_factory=list)
    """(line in ``data``, line in the original file) where a run of original lines starts."""
    read_options: dict[str, Any] = field(default_factory=dict)
    """Reader options for this chunk only, over the input's (what its records need from
    elsewhere in the input, such as the entries they cross-reference)."""

    def original_line(self, line: int) -> int | None:
        """The line of the original file that line ``line`` of the chunk comes from."""
        i = bisect.bisect_right(self.line_map, (line, sys.maxsize)) - 1
        if i < 0:
            return None
        chunk_line, orig = self.line_map[i]
        return orig + (line - chunk_line)

    def __getstate__(self) -> dict[str, Any]:
        # the workers need only the data; the line map stays in the parent
        return {
            "index": self.index,
            "data": self.data,
            "line_map": [],
            "read_options": self.read_options,
        }


@dataclass
class SplitContext:
    """What a splitter gets besides the stream: the input's name, the reader's options (a
    splitter refuses inputs its reader would read across chunks) and the limits."""

    source: str = "<input>"
    options: BaseModel = field(default_factory=NoOptions)
    limits: Limits = field(default_factory=Limits)


Splitter = Callable[[IO[bytes], int, SplitContext], Iterator[Chunk]]


def check_utf8(data: bytes) -> None:
    """Raise :class:`Unsplittable` unless ``data`` is UTF-8 (readers' encoding fallbacks are
    stateful: text in another encoding is read in one piece)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        raise Unsplittable("the input is not UTF-8") from None


class TextChunker:
    """Accumulates lines and cuts chunks at boundaries the caller chooses, once big enough.

    ``prefix`` (lines) is put before every chunk cut after it is set, such as definitions the
    records of later chunks refer to; line numbers are mapped past it.
    """

    def __init__(self, chunk_bytes: int) -> None:
        self.chunk_bytes = chunk_bytes
        self.lines: list[bytes] = []
        self.size = 0
        self.start_line = 1
        self.line = 0
        self.index = 0
        self.prefix: list[bytes] = []

    def add(self, raw: bytes) -> None:
        """Add one line of the input."""
        self.line += 1
        self.lines.append(raw)
        self.size += len(raw)

    @property
    def full(self) -> bool:
        """True once the lines collected reach the chunk size."""
        return self.size >= self.chunk_bytes

    def cut(self) -> Chunk | None:
        """The lines collected so far as a chunk (the current line starts the next one)."""
        if not self.lines:
            return None
        body = b"".join(self.lines)
        check_utf8(body)
        prefix = b"".join(self.prefix)
        prefix_lines = prefix.count(b"\n")
        chunk = Chunk(self.index, prefix + body, [(prefix_lines + 1, self.start_line)])
        self.index += 1
        self.start_line = self.line + 1
        self.lines = []
        self.size = 0
        return chunk


def split_json_lines(stream: IO[bytes], chunk_bytes: int, ctx: SplitContext) -> Iterator[Chunk]:
    """Chunks of JSON Lines or concatenated objects: cut before ``{`` after a line ending ``}``
    (a top-level array is not split)."""
    ck = TextChunker(chunk_bytes)
    after_close = False
    first = True
    for raw in stream:
        text = raw.strip()
        if first and text:
            if not text.lstrip(b"\xef\xbb\xbf").startswith(b"{"):
                raise Unsplittable("not JSON Lines")
            first = False
        if after_close and ck.full and raw.startswith(b"{"):
            chunk = ck.cut()
            if chunk is not None:
                yield chunk
        ck.add(raw)
        if text:
            after_close = text.endswith(b"}")
    chunk = ck.cut()
    if chunk is not None:
        yield chunk


# -- XML -------------------------------------------------------------------------------------------

_MARK = "BIBLIOCONV-CHUNK-BODY"
_XML_DECL = re.compile(rb"<\?xml[ \t]")


class _RootRecord(Exception):
    """The document's root element is a record: one record, or concatenated documents."""


def _wrapper(ancestors: list[Any]) -> tuple[bytes, bytes]:
    from lxml import etree

    root: Any = None
    cur: Any = None
    for anc in ancestors:
        attrib = dict(anc.attrib)
        if cur is None:
            root = cur = etree.Element(anc.tag, attrib=attrib, nsmap=anc.nsmap)
        else:
            cur = etree.SubElement(cur, anc.tag, attrib=attrib, nsmap=anc.nsmap)
    cur.text = _MARK
    text: bytes = etree.tostring(root, encoding="utf-8", xml_declaration=True)
    head, _, tail = text.partition(_MARK.encode())
    return head, tail


def _map_lines(record: Any, line: int, line_map: list[tuple[int, int]]) -> int:
    """Map the lines of a record as serialized from ``line`` on to its lines in the file.

    Serializing keeps text and tails (and so their line breaks) but writes each start tag on one
    line; the map gets an entry wherever the two stop moving together. Returns the line the
    serialization ends on.
    """
    from lxml import etree

    for event, el in etree.iterwalk(record, events=("start", "end")):
        if event == "start":
            orig = el.sourceline
            if orig is not None and (
                not line_map or line_map[-1][1] + (line - line_map[-1][0]) != orig
            ):
                line_map.append((line, orig))
            line += (el.text or "").count("\n")
        elif el is not record:
            line += (el.tail or "").count("\n")
    return line


class _XmlSplitter:
    """See :func:`xml_splitter`."""

    def __init__(self, records: Mapping[str, str | None], root_record: str | None) -> None:
        self.records = dict(records)
        self.start: re.Pattern[bytes] | None = None
        self.end: re.Pattern[bytes] | None = None
        if root_record is not None:
            self.start = re.compile(rb"<" + re.escape(root_record.encode()) + rb"[\s>]")
            self.end = re.compile(rb"</" + re.escape(root_record.encode()) + rb">\s*$")

    def is_record(self, tag: Any) -> bool:
        if not isinstance(tag, str):
            return False
        ns, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
        if local not in self.records:
            return False
        want = self.records[local]
        return want is None or ns == want

    def __call__(self, stream: IO[bytes], chunk_bytes: int, ctx: SplitContext) -> Iterator[Chunk]:
        try:
            yield from self._elements(stream, chunk_bytes, ctx)
        except ParseError as exc:  # reported as the single-process run reports it
            raise Unsplittable(str(exc)) from None
        except _RootRecord:
            stream.seek(0)
            yield from self._documents(stream, chunk_bytes)

    def _elements(self, stream: IO[bytes], chunk_bytes: int, ctx: SplitContext) -> Iterator[Chunk]:
        """Record elements re-serialized inside their ancestors' start tags."""
        from lxml import etree

        from biblioconv import xmlsafe

        stack: list[Any] = []
        record_depth: int | None = None
        parts: list[bytes] = []
        line_map: list[tuple[int, int]] = []
        size = 0
        index = 0
        wrapper: tuple[bytes, bytes] | None = None
        parent: Any = None
        chain: set[int] = set()
        chunk_line = 1

        def emit() -> Chunk:
            nonlocal parts, line_map, size, index
            assert wrapper is not None
            chunk = Chunk(index, wrapper[0] + b"".join(parts) + wrapper[1], line_map)
            index += 1
            parts, line_map, size = [], [], 0
            return chunk

        events = xmlsafe.iterparse(
            stream, source=ctx.source, events=("start", "end"), max_depth=ctx.limits.max_xml_depth
        )
        for event, elem in events:
            if event == "start":
                stack.append(elem)
                if record_depth is None and self.is_record(elem.tag):
                    record_depth = len(stack)
                    if record_depth == 1:
                        raise _RootRecord
                continue
            depth = len(stack)
            stack.pop()
            if depth != record_depth or not self.is_record(elem.tag):
                continue
            if elem.getparent() is not parent:
                if parts:
                    yield emit()
                parent = elem.getparent()
                wrapper = _wrapper(stack)
                chain.update(id(a) for a in stack)
            if not parts:
                line_map = []
                chunk_line = wrapper[0].count(b"\n") + 1  # type: ignore[index]
            # each record on a line of its own: the lines of two records never share an entry
            # of the map (records on one line of the file got the last one's line)
            text: bytes = etree.tostring(elem, encoding="utf-8", with_tail=False) + b"\n"
            chunk_line = _map_lines(elem, chunk_line, line_map) + 1
            parts.append(text)
            size += len(text)
            parent.remove(elem)
            if size >= chunk_bytes:
                yield emit()
        if record_depth is None:
            raise Unsplittable("no record elements")
        if parts:
            yield emit()
        root = (
            stack[0] if stack else (parent.getroottree().getroot() if parent is not None else None)
        )
        if root is not None and any(id(e) not in chain for e in root.iter() if e is not root):
            # what is left (an envelope's header, a resumption token...) is read last
            rest: bytes = etree.tostring(root, encoding="utf-8", xml_declaration=True)
            rest_map: list[tuple[int, int]] = []
            _map_lines(root, 2, rest_map)  # the declaration takes the first line
            yield Chunk(index, rest, rest_map)

    def _documents(self, stream: IO[bytes], chunk_bytes: int) -> Iterator[Chunk]:
        """Concatenated documents whose root is a record: cut before a line starting with an XML
        declaration, or a record's start tag right after a record's end tag."""
        ck = TextChunker(chunk_bytes)
        after_end = False
        cuts = 0
        held: Chunk | None = None
        for raw in stream:
            if (
                ck.full
                and ck.line > 0
                and (
                    _XML_DECL.match(raw)
                    or (after_end and self.start is not None and self.start.match(raw))
                )
            ):
                chunk = ck.cut()
                if held is not None:
                    yield held
                held, cuts = chunk, cuts + 1
            ck.add(raw)
            if raw.strip() and self.end is not None:
                after_end = self.end.search(raw) is not None
        if not cuts:
            raise Unsplittable("a single XML document whose root is a record")
        chunk = ck.cut()
        for c in (held, chunk):
            if c is not None:
                yield c


def xml_splitter(records: Mapping[str, str | None], *, root_record: str | None = None) -> Splitter:
    """A splitter for XML holding many records.

    ``records`` maps the local names of record elements to their namespace (None: any). The
    input is parsed with :func:`biblioconv.xmlsafe.iterparse`; the record elements at the
    shallowest depth are serialized and shipped inside a copy of their ancestors' start tags;
    what remains of the document (an envelope's header, a resumption token) is converted last.
    When the root element itself is a record, the input is taken as concatenated documents
    (several written one after the other) and cut before a line starting with ``<?xml``, and
    with ``root_record`` (a local name) also before ``<ROOT_RECORD`` on a line after a line
    ending ``</ROOT_RECORD>``; one document whose root is a record is not split.
    """
    return _XmlSplitter(records, root_record)
