"""Parallel conversion of one large input: split at record boundaries, convert in worker processes.

:func:`convert_file` cuts one input file into chunks of whole records, converts the chunks in a
pool of worker processes and writes their outputs **in input order**, so the output is
byte-identical to a single-process :func:`biblioconv.convert`. The reports of the chunks are
merged in order into one :class:`~biblioconv.report.ConversionReport`, with line numbers mapped
back to the original file.

Which inputs are split, and how (by their syntax, without parsing them in the parent):

==============================  ============================================================
source format                   record boundary
==============================  ============================================================
``bibtex``, ``biblatex``        a line starting an entry (``@type{``) at brace depth 0, right
                                after the end of the previous entry (only blank lines between);
                                ``@string`` macros seen so far are prepended to each chunk
``ris``                         a ``TY  -`` line whose previous non-blank line is ``ER  -``
``csl-json``, ``record-json``,  JSON Lines / concatenated objects: a line starting with ``{``
``datacite-json``               after a line ending with ``}`` (a top-level array is not split)
``datacite``, ``dc``,           parsed in the parent with :func:`biblioconv.xmlsafe.iterparse`;
``dcterms``                     record elements (``resource``, OAI-PMH ``record``,
                                ``oai_dc:dc``, ``qualifieddc``, ``rdf:Description``) at the
                                shallowest depth are serialized and shipped to the workers
                                inside a copy of their ancestors' start tags; what remains of
                                the document (OAI-PMH ``responseDate``, ``resumptionToken``...)
                                is converted last. Concatenated XML documents whose root is
                                a record (as the DataCite writer writes several resources)
                                are cut before a line starting ``<?xml`` (or ``<resource``
                                after ``</resource>``)
==============================  ============================================================

Everything else is converted in a single process, as are inputs that cannot be split safely:
standard input, text that is not UTF-8 (the readers' encoding fallback is stateful), BibTeX with
``crossref``/``xdata``/``xref`` when the reader resolves them (a child may need a parent from
another chunk), a single XML document whose root is a record, XML that the parent cannot parse
(the single-process run then reports the error), and inputs smaller than two chunks.

The chunk outputs are joined by a *framing* chosen by writing two sample records with the target
writer and checking that joining their separate outputs gives the output of writing both:
plain concatenation (BibTeX, RIS, JSON Lines; a constant header such as a BOM is kept once), a
JSON array, or an XML wrapper element. A writer that fits none of them gets the records instead:
the workers parse, and the parent writes every record in order with the target writer.

RIS position labels (``#12``) are mapped back to positions in the file; CSL-JSON and record JSON
items without an id are labelled by their position in their chunk; duplicate BibTeX keys in
different chunks are not reported.
"""

from __future__ import annotations

import bisect
import contextlib
import io
import os
import re
import shutil
import sys
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import IO, Any

from pydantic import BaseModel

from biblioconv import api, registry
from biblioconv.errors import BiblioconvError, ParseError
from biblioconv.model import Record
from biblioconv.registry import Limits, WriteContext
from biblioconv.report import ConversionReport

__all__ = ["DEFAULT_CHUNK_BYTES", "SPLITTABLE", "convert_file", "split"]

DEFAULT_CHUNK_BYTES = 1 << 20
"""Target size of one chunk for :func:`split` (whole records are never cut, so chunks may be
larger). :func:`convert_file` picks ``file size / (8 x jobs)`` within 64 KiB..4 MiB unless given."""
MIN_CHUNK_BYTES = 64 * 1024
MAX_CHUNK_BYTES = 4 * 1024 * 1024

SPLITTABLE: dict[str, str] = {
    "bibtex": "bibtex",
    "biblatex": "bibtex",
    "ris": "ris",
    "csl-json": "jsonl",
    "record-json": "jsonl",
    "datacite-json": "jsonl",
    "datacite": "xml",
    "dc": "xml",
    "dcterms": "xml",
}
"""Source formats that can be split, mapped to the syntax their boundaries are found by."""


class Unsplittable(Exception):
    """The input cannot be split safely; it is converted in a single process instead."""


@dataclass
class Chunk:
    """Whole records of the input, as a document the source format's reader accepts."""

    index: int
    data: bytes
    line_map: list[tuple[int, int]] = field(default_factory=list)
    """(line in ``data``, line in the original file) where a run of original lines starts."""

    def original_line(self, line: int) -> int | None:
        """The line of the original file that line ``line`` of the chunk comes from."""
        i = bisect.bisect_right(self.line_map, (line, sys.maxsize)) - 1
        if i < 0:
            return None
        chunk_line, orig = self.line_map[i]
        return orig + (line - chunk_line)

    def __getstate__(self) -> dict[str, Any]:
        # the workers need only the data; the line map stays in the parent
        return {"index": self.index, "data": self.data, "line_map": []}


# -- splitters -----------------------------------------------------------------------------------


def _check_utf8(data: bytes) -> None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        raise Unsplittable("the input is not UTF-8") from None


class _TextChunker:
    """Accumulates lines and cuts chunks at allowed boundaries once they are big enough."""

    def __init__(self, chunk_bytes: int) -> None:
        self.chunk_bytes = chunk_bytes
        self.lines: list[bytes] = []
        self.size = 0
        self.start_line = 1
        self.line = 0
        self.index = 0
        self.prefix: list[bytes] = []

    def add(self, raw: bytes) -> None:
        self.line += 1
        self.lines.append(raw)
        self.size += len(raw)

    @property
    def full(self) -> bool:
        return self.size >= self.chunk_bytes

    def cut(self) -> Chunk | None:
        """The lines collected so far as a chunk (the current line starts the next one)."""
        if not self.lines:
            return None
        body = b"".join(self.lines)
        _check_utf8(body)
        prefix = b"".join(self.prefix)
        prefix_lines = prefix.count(b"\n")
        chunk = Chunk(self.index, prefix + body, [(prefix_lines + 1, self.start_line)])
        self.index += 1
        self.start_line = self.line + 1
        self.lines = []
        self.size = 0
        return chunk


_BIB_START = re.compile(rb"[ \t]*@[ \t]*([A-Za-z_]*)[ \t]*([{(])")
_BIB_CROSSREF = re.compile(rb"(?im)^[ \t]*(?:crossref|xdata|xref)[ \t]*=|@[ \t]*xdata[ \t]*[{(]")


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


def _split_bibtex(stream: IO[bytes], chunk_bytes: int) -> Iterator[Chunk]:
    """Chunks of BibTeX: cut before an entry that directly follows another entry."""
    ck = _TextChunker(chunk_bytes)
    depth = 0
    kind: str | None = None  # "entry", "string", "paren" or "other" while inside a block
    clean = True  # only whitespace since the end of the last entry
    string_lines: list[bytes] = []
    for raw in stream:
        start = _BIB_START.match(raw) if depth == 0 else None
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


_RIS_TY = re.compile(rb"TY  - ")
_RIS_ER = re.compile(rb"ER  -\s*$")


def _split_ris(stream: IO[bytes], chunk_bytes: int) -> Iterator[Chunk]:
    """Chunks of RIS: cut before a ``TY`` line that follows an ``ER`` line."""
    ck = _TextChunker(chunk_bytes)
    after_er = False
    for raw in stream:
        if after_er and ck.full and _RIS_TY.match(raw):
            chunk = ck.cut()
            if chunk is not None:
                yield chunk
        ck.add(raw)
        if raw.strip():
            after_er = _RIS_ER.match(raw) is not None
    chunk = ck.cut()
    if chunk is not None:
        yield chunk


def _split_jsonl(stream: IO[bytes], chunk_bytes: int) -> Iterator[Chunk]:
    """Chunks of JSON Lines or concatenated objects: cut before ``{`` after a line ending ``}``."""
    ck = _TextChunker(chunk_bytes)
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


_XML_RECORDS = {
    "record": "http://www.openarchives.org/OAI/2.0/",
    "resource": None,  # DataCite kernel, any version
    "dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "qualifieddc": None,
    "Description": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}
_MARK = "BIBLIOCONV-CHUNK-BODY"


def _is_xml_record(tag: Any) -> bool:
    if not isinstance(tag, str):
        return False
    ns, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    if local not in _XML_RECORDS:
        return False
    want = _XML_RECORDS[local]
    return want is None or ns == want


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


class _RootRecord(Exception):
    """The document's root element is a record: one record, or concatenated documents."""


_XML_DECL = re.compile(rb"<\?xml[ \t]")
_RESOURCE_START = re.compile(rb"<resource[\s>]")
_RESOURCE_END = re.compile(rb"</resource>\s*$")


def _split_xml_documents(stream: IO[bytes], chunk_bytes: int) -> Iterator[Chunk]:
    """Chunks of concatenated XML documents (as the DataCite writer makes them): cut before a
    line starting with an XML declaration, or a ``<resource`` line after ``</resource>``."""
    ck = _TextChunker(chunk_bytes)
    after_end = False
    cuts = 0
    held: Chunk | None = None
    for raw in stream:
        if (
            ck.full
            and ck.line > 0
            and (_XML_DECL.match(raw) or (after_end and _RESOURCE_START.match(raw)))
        ):
            chunk = ck.cut()
            if held is not None:
                yield held
            held, cuts = chunk, cuts + 1
        ck.add(raw)
        if raw.strip():
            after_end = _RESOURCE_END.search(raw) is not None
    if not cuts:
        raise Unsplittable("a single XML document whose root is a record")
    chunk = ck.cut()
    for c in (held, chunk):
        if c is not None:
            yield c


def _split_xml(stream: IO[bytes], chunk_bytes: int, source: str, limits: Limits) -> Iterator[Chunk]:
    """Chunks of XML: record elements re-serialized inside their ancestors' start tags."""
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
        stream, source=source, events=("start", "end"), max_depth=limits.max_xml_depth
    )
    for event, elem in events:
        if event == "start":
            stack.append(elem)
            if record_depth is None and _is_xml_record(elem.tag):
                record_depth = len(stack)
                if record_depth == 1:
                    raise _RootRecord
            continue
        depth = len(stack)
        stack.pop()
        if depth != record_depth or not _is_xml_record(elem.tag):
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
        text: bytes = etree.tostring(elem, encoding="utf-8", with_tail=False)
        chunk_line = _map_lines(elem, chunk_line, line_map)
        parts.append(text)
        size += len(text)
        parent.remove(elem)
        if size >= chunk_bytes:
            yield emit()
    if record_depth is None:
        raise Unsplittable("no record elements")
    if parts:
        yield emit()
    root = stack[0] if stack else (parent.getroottree().getroot() if parent is not None else None)
    if root is not None and any(id(e) not in chain for e in root.iter() if e is not root):
        # what is left (OAI-PMH responseDate, request, resumptionToken...) is read last
        rest: bytes = etree.tostring(root, encoding="utf-8", xml_declaration=True)
        rest_map: list[tuple[int, int]] = []
        _map_lines(root, 2, rest_map)  # the declaration takes the first line
        yield Chunk(index, rest, rest_map)


def split(
    path: str | os.PathLike[str],
    fmt: str,
    *,
    chunk_bytes: int = DEFAULT_CHUNK_BYTES,
    limits: Limits | None = None,
) -> Iterator[Chunk]:
    """Split a file in format ``fmt`` into chunks of whole records (raises :class:`Unsplittable`).

    Each chunk is a document the format's reader accepts; reading the chunks one after the other
    gives the records of the file, in order.
    """
    syntax = SPLITTABLE.get(registry.get(fmt).name)
    if syntax is None:
        raise Unsplittable(f"format {fmt!r} is not split")
    with open(path, "rb") as fh:
        if syntax == "bibtex":
            yield from _split_bibtex(fh, chunk_bytes)
        elif syntax == "ris":
            yield from _split_ris(fh, chunk_bytes)
        elif syntax == "jsonl":
            yield from _split_jsonl(fh, chunk_bytes)
        else:
            try:
                yield from _split_xml(fh, chunk_bytes, os.fspath(path), limits or Limits())
            except ParseError as exc:  # reported as the single-process run reports it
                raise Unsplittable(str(exc)) from None
            except _RootRecord:
                fh.seek(0)
                yield from _split_xml_documents(fh, chunk_bytes)


def _has_crossref(path: str | os.PathLike[str]) -> bool:
    tail = b""
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            data = tail + block
            if _BIB_CROSSREF.search(data):
                return True
            tail = data[-256:]
    return False


# -- framing: joining the outputs of the chunks --------------------------------------------------


@dataclass(frozen=True)
class Framing:
    """How separately written outputs join: drop a head from all but the first, a tail from all
    but the last, and put ``sep`` between them."""

    name: str
    head: Callable[[bytes], int]
    tail: Callable[[bytes], int]
    sep: bytes = b""

    def join(self, parts: list[bytes]) -> bytes:
        """The parts joined (raises ValueError if a part does not have the expected shape)."""
        last = len(parts) - 1
        return self.sep.join(
            p[self.head(p) if i else 0 : len(p) - (self.tail(p) if i != last else 0)]
            for i, p in enumerate(parts)
        )


_XML_HEAD = re.compile(
    rb"\A(?:\s|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*"
    rb"<[^\s/>!?]+(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*>",
    re.DOTALL,
)
_XML_TAIL = re.compile(rb"\s*</[^>]+>\s*\Z")


def _concat(header: bytes) -> Framing:
    def head(p: bytes) -> int:
        if not p.startswith(header):
            raise ValueError("a part lacks the header")
        return len(header)

    return Framing("concatenation", head, lambda p: 0)


def _array_head(p: bytes) -> int:
    if not (p.startswith(b"[") and p.endswith(b"\n]\n")):
        raise ValueError("not a JSON array")
    return 1


def _array_tail(p: bytes) -> int:
    _array_head(p)
    return 3


def _xml_head(p: bytes) -> int:
    m = _XML_HEAD.match(p)
    if m is None:
        raise ValueError("not an XML document")
    return m.end()


def _xml_tail(p: bytes) -> int:
    m = _XML_TAIL.search(p)
    if m is None:
        raise ValueError("not an XML document")
    return len(p) - m.start()


JSON_ARRAY = Framing("JSON array", _array_head, _array_tail, b",")
XML_WRAPPER = Framing("XML wrapper", _xml_head, _xml_tail)


def _sample_records() -> list[Record]:
    return [
        Record.model_validate(
            {
                "id": "sample-1",
                "citation_key": "sample1",
                "type": "article-journal",
                "titles": [{"text": "A first sample"}],
                "contributors": [{"family": "Doe", "given": "Jane", "role": "author"}],
                "dates": [{"start": {"year": 2001, "month": 5}}],
                "identifiers": [{"scheme": "doi", "value": "10.1234/one"}],
            }
        ),
        Record.model_validate(
            {
                "id": "sample-2",
                "citation_key": "sample2",
                "type": "book",
                "titles": [{"text": "A second sample"}],
                "contributors": [{"family": "Roe", "given": "Richard", "role": "author"}],
                "dates": [{"start": {"year": 2002}}],
                "publisher": {"name": "Sample Press"},
            }
        ),
    ]


def _write_bytes(records: list[Record], to: str, source_format: str | None, options: Any) -> bytes:
    spec = registry.get(to)
    buf = io.BytesIO()
    ctx = WriteContext(
        format=spec.name,
        options=spec.make_options(options, read=False),
        report=ConversionReport(),
        source_format=source_format,
    )
    spec.get_writer()(records, buf, ctx)
    return buf.getvalue()


def choose_framing(
    to: str, source_format: str | None, options: dict[str, Any]
) -> tuple[Framing, bytes] | None:
    """The framing that joins separately written outputs of the writer ``to``, and its empty output.

    None when no known framing reproduces the writer's output of two records written together.
    """
    try:
        r1, r2 = _sample_records()
        empty = _write_bytes([], to, source_format, options)
        a = _write_bytes([r1], to, source_format, options)
        b = _write_bytes([r2], to, source_format, options)
        both = _write_bytes([r1, r2], to, source_format, options)
    except (BiblioconvError, ValueError):
        return None
    for framing in (_concat(empty), JSON_ARRAY, XML_WRAPPER):
        try:
            if framing.join([a, b]) == both and a != both:
                return framing, empty
        except ValueError:
            continue
    return None


# -- workers -------------------------------------------------------------------------------------


@dataclass
class _Task:
    chunk: Chunk
    name: str
    from_: str
    to: str
    records: bool
    read_options: Any
    write_options: dict[str, Any]
    strict: bool
    limits: Limits | None


@dataclass
class _Result:
    report: ConversionReport
    output: bytes = b""
    records: list[Record] = field(default_factory=list)
    error: tuple[type[ParseError], str, int | None, str | None] | None = None
    failure: str | None = None


def _convert_chunk(task: _Task) -> _Result:
    """Convert (or, for the records framing, read) one chunk; errors come back as data."""
    report = ConversionReport()
    src = io.BytesIO(task.chunk.data)
    src.name = task.name  # diagnostics name the original file
    try:
        if task.records:
            recs = list(
                api.read(
                    src,
                    task.from_,
                    report=report,
                    options=task.read_options,
                    strict=task.strict,
                    limits=task.limits,
                )
            )
            return _Result(report, records=recs)
        out = io.BytesIO()
        with contextlib.suppress(api.LossError):  # the parent judges the merged report
            api.convert(
                src,
                task.to,
                out,
                from_=task.from_,
                report=report,
                read_options=task.read_options,
                strict=task.strict,
                limits=task.limits,
                **task.write_options,
            )
        return _Result(report, output=out.getvalue())
    except ParseError as exc:
        return _Result(report, error=(type(exc), exc.reason, exc.line, exc.record))
    except BiblioconvError as exc:
        return _Result(report, failure=str(exc))


_RIS_POSITION = re.compile(r"#(\d+)")
_LINE_IN_TEXT = re.compile(r"\bline (\d+)\b")
_NO_RECORD = re.compile(r"no \S+ record found in the input")


def _fix_report(
    report: ConversionReport, chunk: Chunk, name: str, before: int | None
) -> ConversionReport:
    """Map chunk lines to file lines, and (RIS) ``#n`` position labels to file positions."""
    fixed = []
    for d in report.diagnostics:
        if d.code.value == "SYNTAX" and _NO_RECORD.fullmatch(d.message):
            # a chunk without records (an OAI-PMH envelope's rest) is not an empty input
            key = f"SYNTAX|{d.severity}|{d.field or '-'}"
            report.counts[key] -= 1
            if not report.counts[key]:
                del report.counts[key]
            continue
        update: dict[str, Any] = {}
        if d.source == name and d.line is not None:
            update["line"] = chunk.original_line(d.line)
            if _LINE_IN_TEXT.search(d.message):  # "the record starting at line 12"
                update["message"] = _LINE_IN_TEXT.sub(
                    lambda m: f"line {chunk.original_line(int(m.group(1)))}", d.message
                )
        if before and d.record and (m := _RIS_POSITION.fullmatch(d.record)):
            update["record"] = f"#{int(m.group(1)) + before}"
        fixed.append(d.model_copy(update=update) if update else d)
    report.diagnostics = fixed
    return report


def _ordered(
    pool: ProcessPoolExecutor, tasks: Iterable[_Task], window: int
) -> Iterator[tuple[_Task, _Result]]:
    pending: deque[tuple[_Task, Future[_Result]]] = deque()
    for task in tasks:
        pending.append((task, pool.submit(_convert_chunk, task)))
        while len(pending) >= window:
            t, fut = pending.popleft()
            yield t, fut.result()
    while pending:
        t, fut = pending.popleft()
        yield t, fut.result()


# -- driver --------------------------------------------------------------------------------------


def convert_file(
    source: api.Source,
    to: str,
    dest: str | os.PathLike[str] | IO[bytes] | None = None,
    *,
    from_: str | None = None,
    jobs: int = 2,
    report: ConversionReport | None = None,
    read_options: dict[str, Any] | BaseModel | None = None,
    strict: bool = False,
    limits: Limits | None = None,
    chunk_bytes: int | None = None,
    require_records: bool = False,
    **options: Any,
) -> ConversionReport:
    """Convert one file with ``jobs`` worker processes; same output as :func:`biblioconv.convert`.

    The file is split at record boundaries (see the module documentation for which formats split);
    an input that cannot be split is converted in this process. ``options`` are the writer's;
    ``require_records`` is :func:`biblioconv.convert`'s.
    """
    report = report if report is not None else ConversionReport()

    def single() -> ConversionReport:
        return api.convert(
            source,
            to,
            dest,
            from_=from_,
            report=report,
            read_options=read_options,
            strict=strict,
            limits=limits,
            require_records=require_records,
            **options,
        )

    if jobs <= 1 or not isinstance(source, (str, os.PathLike)) or os.fspath(source) == "-":
        return single()
    path = os.fspath(source)
    if not os.path.isfile(path):
        return single()  # reports a missing or unreadable input as usual
    from_ = registry.get(from_).name if from_ else api.detect(path).format
    to = registry.get(to).name
    syntax = SPLITTABLE.get(from_)
    size = os.path.getsize(path)
    if chunk_bytes is None:
        chunk_bytes = min(max(size // (8 * jobs), MIN_CHUNK_BYTES), MAX_CHUNK_BYTES)
    if syntax is None or size < 2 * chunk_bytes:
        return single()
    read_spec = registry.get(from_)
    ropts = read_spec.make_options(read_options, read=True)
    if syntax == "bibtex" and getattr(ropts, "resolve_crossref", False) and _has_crossref(path):
        return single()
    write_spec = registry.get(to)
    if not write_spec.can_write:
        return single()
    write_options = write_spec.make_options(options, read=False).model_dump()
    picked = choose_framing(to, from_, write_options)
    tasks = (
        _Task(c, path, from_, to, picked is None, ropts, write_options, strict, limits)
        for c in split(path, from_, chunk_bytes=chunk_bytes, limits=limits)
    )
    local = ConversionReport()
    try:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = _merged(_ordered(pool, tasks, 2 * jobs), local, path, from_)
            if require_records:
                results = _required(results, local, path, from_)
            if picked is None:
                _commit(
                    dest,
                    lambda out: _write_records(
                        results, to, out, local, from_, strict, options, require_records
                    ),
                )
            else:
                framing, empty = picked

                def joined(out: IO[bytes]) -> None:
                    _write_joined(results, framing, empty, out, local, strict)
                    refused = api._all_refused(local, to, 0, 0)
                    if require_records and not local.records_written and refused is not None:
                        raise refused

                _commit(dest, joined)
    except Unsplittable:
        return single()
    report.merge(local)
    return report


def _merged(
    results: Iterator[tuple[_Task, _Result]], total: ConversionReport, name: str, fmt: str
) -> Iterator[_Result]:
    before = 0  # records of the chunks before (RIS labels unnamed records by position)
    for task, result in results:
        rep = result.report
        total.merge(_fix_report(rep, task.chunk, name, before if fmt == "ris" else None))
        before += rep.records_read + rep.records_skipped
        if result.error is not None:
            cls, reason, line, record = result.error
            mapped = task.chunk.original_line(line) if line is not None else None
            if fmt == "ris" and record and (m := _RIS_POSITION.fullmatch(record)):
                record = f"#{int(m.group(1)) + before - rep.records_read - rep.records_skipped}"
            err = cls.__new__(cls)
            ParseError.__init__(err, reason, source=name, line=mapped, record=record)
            raise err
        if result.failure is not None:
            raise BiblioconvError(result.failure)
        yield result


def _required(
    results: Iterator[_Result], total: ConversionReport, path: str, from_: str
) -> Iterator[_Result]:
    """The chunks' results; none with a record while the readers warned is an error, raised
    before the output is committed."""
    seen = False
    for result in results:
        seen = seen or result.report.records_written > 0 or bool(result.records)
        yield result
    if not seen:
        problem = api.no_record_error(total, path, from_)
        if problem is not None:
            raise problem


def _write_records(
    results: Iterator[_Result],
    to: str,
    out: IO[bytes],
    total: ConversionReport,
    from_: str,
    strict: bool,
    options: dict[str, Any],
    require_records: bool = False,
) -> None:
    def records() -> Iterator[Record]:
        for result in results:
            yield from result.records

    api.write(
        records(),
        to,
        out,
        report=total,
        source_format=from_,
        strict=strict,
        require_records=require_records,
        **options,
    )


def _write_joined(
    results: Iterator[_Result],
    framing: Framing,
    empty: bytes,
    out: IO[bytes],
    total: ConversionReport,
    strict: bool,
) -> None:
    previous: bytes | None = None
    start = 0
    for result in results:
        part = result.output
        if part == empty or not part:
            continue  # a chunk without records (e.g. what is left of an OAI-PMH response)
        if previous is not None:
            out.write(previous[start : len(previous) - framing.tail(previous)])
            out.write(framing.sep)
            start = framing.head(part)
        previous = part
    out.write(previous[start:] if previous is not None else empty)
    if strict and total.lossy:
        raise api.LossError(total)


def _commit(
    dest: str | os.PathLike[str] | IO[bytes] | None, body: Callable[[IO[bytes]], None]
) -> None:
    """Run ``body`` on ``dest`` so that a failure leaves nothing: a path is written as
    :func:`biblioconv.api.output_file` does; a stream or stdout gets a temporary file's copy."""
    path = os.fspath(dest) if isinstance(dest, (str, os.PathLike)) else None
    if path is not None and path != "-":
        with api.output_file(path) as out:
            body(out)
        return
    target = dest if dest is not None and not isinstance(dest, (str, os.PathLike)) else None
    stream: IO[bytes] = target if target is not None else sys.stdout.buffer
    with tempfile.TemporaryFile() as out:
        body(out)
        out.seek(0)
        shutil.copyfileobj(out, stream)
        stream.flush()
