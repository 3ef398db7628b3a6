"""Parallel conversion of one large input: split at record boundaries, convert in worker processes.

:func:`convert_file` cuts one input file into chunks of whole records, converts the chunks in a
pool of worker processes and writes their outputs **in input order**, so the output is
byte-identical to a single-process :func:`biblioconv.convert`. The reports of the chunks are
merged in order into one :class:`~biblioconv.report.ConversionReport`, with line numbers mapped
back to the original file.

Which inputs are split, and how, is each format's to say: the splitter its
:class:`~biblioconv.registry.FormatSpec` declares (see :mod:`biblioconv.splitting`) finds the
record boundaries by the syntax, without parsing records in the parent, and refuses inputs it
cannot cut safely (:class:`~biblioconv.splitting.Unsplittable`). The formats' pages and
``docs/scale.md`` list the boundaries of the built-in formats.

Everything else is converted in a single process, as are inputs that cannot be split safely:
standard input, text that is not UTF-8 (the readers' encoding fallback is stateful), what a
format's splitter refuses, and inputs smaller than two chunks.

The chunk outputs are joined by a *framing* chosen by writing two sample records with the target
writer and checking that joining their separate outputs gives the output of writing both:
plain concatenation (line-based formats, JSON Lines; a constant header such as a BOM is kept once), a
JSON array, or an XML wrapper element. A writer that fits none of them gets the records instead:
the workers parse, and the parent writes every record in order with the target writer.

Position labels (``#12``) of formats whose readers label records by position are mapped back to
positions in the file; items of JSON formats without an id are labelled by their position in
their chunk; duplicate keys in different chunks are not reported.
"""

from __future__ import annotations

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
from biblioconv.splitting import Chunk, SplitContext, Unsplittable

__all__ = ["DEFAULT_CHUNK_BYTES", "Chunk", "Unsplittable", "convert_file", "read_file", "split"]

DEFAULT_CHUNK_BYTES = 1 << 20
"""Target size of one chunk for :func:`split` (whole records are never cut, so chunks may be
larger). :func:`convert_file` picks ``file size / (8 x jobs)`` within 64 KiB..4 MiB unless given."""
MIN_CHUNK_BYTES = 64 * 1024
MAX_CHUNK_BYTES = 4 * 1024 * 1024


def split(
    path: str | os.PathLike[str],
    fmt: str,
    *,
    chunk_bytes: int = DEFAULT_CHUNK_BYTES,
    limits: Limits | None = None,
    read_options: dict[str, Any] | BaseModel | None = None,
) -> Iterator[Chunk]:
    """Split a file in format ``fmt`` into chunks of whole records with the format's splitter
    (raises :class:`Unsplittable`; ``read_options`` are the reader's, which a splitter may need).

    Each chunk is a document the format's reader accepts; reading the chunks one after the other
    gives the records of the file, in order.
    """
    spec = registry.get(fmt)
    splitter = spec.get_splitter()
    if splitter is None:
        raise Unsplittable(f"format {fmt!r} is not split")
    ctx = SplitContext(
        source=os.fspath(path),
        options=spec.make_options(read_options, read=True),
        limits=limits or Limits(),
    )
    with open(path, "rb") as fh:
        yield from splitter(fh, chunk_bytes, ctx)


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
    max_diagnostics: int | None = 1_000
    transform: Callable[[Record], Any] | None = None


@dataclass
class _Result:
    report: ConversionReport
    output: bytes = b""
    records: list[Any] = field(default_factory=list)
    error: tuple[type[ParseError], str, int | None, str | None] | None = None
    failure: str | None = None


def _convert_chunk(task: _Task) -> _Result:
    """Convert (or, for the records framing, read) one chunk; errors come back as data."""
    report = ConversionReport(max_diagnostics=task.max_diagnostics)
    src = io.BytesIO(task.chunk.data)
    src.name = task.name  # diagnostics name the original file
    read_options = task.read_options
    if task.chunk.read_options:
        base = read_options.model_dump() if isinstance(read_options, BaseModel) else read_options
        read_options = {**(base or {}), **task.chunk.read_options}
    try:
        if task.records:
            read = api.read(
                src,
                task.from_,
                report=report,
                options=read_options,
                strict=task.strict,
                limits=task.limits,
            )
            transform = task.transform
            recs = list(read) if transform is None else [transform(r) for r in read]
            return _Result(report, records=recs)
        out = io.BytesIO()
        with contextlib.suppress(api.LossError):  # the parent judges the merged report
            api.convert(
                src,
                task.to,
                out,
                from_=task.from_,
                report=report,
                read_options=read_options,
                strict=task.strict,
                limits=task.limits,
                **task.write_options,
            )
        return _Result(report, output=out.getvalue())
    except ParseError as exc:
        return _Result(report, error=(type(exc), exc.reason, exc.line, exc.record))
    except BiblioconvError as exc:
        return _Result(report, failure=str(exc))


_POSITION = re.compile(r"#(\d+)")
_LINE_IN_TEXT = re.compile(r"\bline (\d+)\b")
_NO_RECORD = re.compile(r"no \S+ record found in the input")


def _fix_report(
    report: ConversionReport, chunk: Chunk, name: str, before: int | None
) -> ConversionReport:
    """Map chunk lines to file lines, and ``#n`` position labels (``before``: the records of the
    chunks before, for formats that label records by position) to file positions."""
    fixed = []
    for d in report.diagnostics:
        if d.code.value == "SYNTAX" and _NO_RECORD.fullmatch(d.message):
            # a chunk without records (what is left of an envelope) is not an empty input
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
        if before and d.record and (m := _POSITION.fullmatch(d.record)):
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


def _split_plan(
    source: api.Source, from_: str | None, jobs: int, chunk_bytes: int | None
) -> tuple[str, str, int] | None:
    """The path, source format and chunk size of an input to split over ``jobs`` workers, or
    None when it is read in one process (one job, a stream, a missing file, a format without a
    splitter, an input smaller than two chunks)."""
    if jobs <= 1 or not isinstance(source, (str, os.PathLike)) or os.fspath(source) == "-":
        return None
    path = os.fspath(source)
    if not os.path.isfile(path):
        return None  # a missing or unreadable input is reported as usual
    fmt = registry.get(from_).name if from_ else api.detect(path).format
    size = os.path.getsize(path)
    if chunk_bytes is None:
        chunk_bytes = min(max(size // (8 * jobs), MIN_CHUNK_BYTES), MAX_CHUNK_BYTES)
    if registry.get(fmt).splitter is None or size < 2 * chunk_bytes:
        return None
    return path, fmt, chunk_bytes


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

    plan = _split_plan(source, from_, jobs, chunk_bytes)
    if plan is None:
        return single()
    path, from_, chunk_bytes = plan
    to = registry.get(to).name
    ropts = registry.get(from_).make_options(read_options, read=True)
    write_spec = registry.get(to)
    if not write_spec.can_write:
        return single()
    write_options = write_spec.make_options(options, read=False).model_dump()
    picked = choose_framing(to, from_, write_options)
    tasks = (
        _Task(
            c,
            path,
            from_,
            to,
            picked is None,
            ropts,
            write_options,
            strict,
            limits,
            report.max_diagnostics,
        )
        for c in split(path, from_, chunk_bytes=chunk_bytes, limits=limits, read_options=ropts)
    )
    local = ConversionReport(max_diagnostics=report.max_diagnostics)
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

                unique = write_spec.get_unique_values()

                def joined(out: IO[bytes]) -> None:
                    _write_joined(results, framing, empty, out, local, strict, unique)
                    refused = api._all_refused(local, to, 0, 0)
                    if require_records and not local.records_written and refused is not None:
                        raise refused

                _commit(dest, joined)
    except Unsplittable:
        return single()
    report.merge(local)
    return report


def read_file(
    source: api.Source,
    from_: str | None = None,
    *,
    jobs: int = 2,
    transform: Callable[[Record], Any] | None = None,
    report: ConversionReport | None = None,
    read_options: dict[str, Any] | BaseModel | None = None,
    strict: bool = False,
    limits: Limits | None = None,
    chunk_bytes: int | None = None,
) -> list[Any]:
    """The records of one file read by ``jobs`` worker processes, in input order; the same
    records, errors and report as ``list(biblioconv.read(...))``.

    ``transform`` (a picklable function of one record, e.g. a module-level function) runs in the
    workers, and its results come back instead of the records: what a caller needs of a record
    is often much cheaper to send between processes than the record. An input that cannot be
    split is read in this process. Like :func:`biblioconv.read`, an input without records gives
    none; :func:`biblioconv.api.no_record_error` tells whether that is an error.
    """
    report = report if report is not None else ConversionReport()

    def single() -> list[Any]:
        read = api.read(
            source, from_, report=report, options=read_options, strict=strict, limits=limits
        )
        return list(read) if transform is None else [transform(r) for r in read]

    plan = _split_plan(source, from_, jobs, chunk_bytes)
    if plan is None:
        return single()
    path, from_, chunk_bytes = plan
    ropts = registry.get(from_).make_options(read_options, read=True)
    tasks = (
        _Task(
            c,
            path,
            from_,
            from_,
            True,
            ropts,
            {},
            strict,
            limits,
            report.max_diagnostics,
            transform,
        )
        for c in split(path, from_, chunk_bytes=chunk_bytes, limits=limits, read_options=ropts)
    )
    local = ConversionReport(max_diagnostics=report.max_diagnostics)
    records: list[Any] = []
    try:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for result in _merged(_ordered(pool, tasks, 2 * jobs), local, path, from_):
                records.extend(result.records)
    except Unsplittable:
        return single()
    report.merge(local)
    return records


def _merged(
    results: Iterator[tuple[_Task, _Result]], total: ConversionReport, name: str, fmt: str
) -> Iterator[_Result]:
    positional = registry.get(fmt).positional_labels
    before = 0  # records of the chunks before (for labels by position)
    for task, result in results:
        rep = result.report
        total.merge(_fix_report(rep, task.chunk, name, before if positional else None))
        before += rep.records_read + rep.records_skipped
        if result.error is not None:
            cls, reason, line, record = result.error
            mapped = task.chunk.original_line(line) if line is not None else None
            if positional and record and (m := _POSITION.fullmatch(record)):
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
    unique: Callable[[bytes], Iterable[bytes]] | None = None,
) -> None:
    previous: bytes | None = None
    start = 0
    held: set[bytes] = set()
    for result in results:
        part = result.output
        if part == empty or not part:
            continue  # a chunk without records (e.g. what is left of an envelope)
        if unique is not None:
            values = set(unique(part))
            if not held.isdisjoint(values):  # one writer keeps each once: one process
                raise Unsplittable("a value the document holds once is in two parts")
            held |= values
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
