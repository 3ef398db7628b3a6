"""The public API: read, write, convert, loads, dumps, detect, formats.

It knows no format by name: everything goes through the registry.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import stat
import sys
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from pydantic import BaseModel

from biblioconv import registry
from biblioconv.errors import (
    BiblioconvError,
    FormatNotFound,
    LimitExceeded,
    ParseError,
    WriteError,
)
from biblioconv.model import Record
from biblioconv.registry import FormatSpec, Limits, ReadContext, WriteContext
from biblioconv.report import ConversionReport

__all__ = [
    "Detection",
    "LossError",
    "RecordStream",
    "Source",
    "convert",
    "detect",
    "detect_stream",
    "dumps",
    "formats",
    "loads",
    "no_record_error",
    "output_file",
    "read",
    "write",
]

Source = str | os.PathLike[str] | bytes | IO[bytes]
"""A path (``"-"`` is standard input), raw bytes, or a binary file object."""

SNIFF_BYTES = 64 * 1024


class LossError(BiblioconvError):
    """Raised in strict mode when a conversion lost, approximated or skipped something."""

    def __init__(self, report: ConversionReport) -> None:
        self.report = report
        lossy = [d for d in report.diagnostics if d.severity != "info"]
        first = str(lossy[0]) if lossy else f"{report.records_skipped} record(s) skipped"
        super().__init__(f"strict mode: conversion is lossy ({len(lossy)} diagnostics); {first}")


@dataclass(frozen=True)
class Detection:
    """The result of :func:`detect`."""

    format: str
    confidence: float
    reason: str


def formats() -> list[FormatSpec]:
    """Every registered format (built-ins and plugins), sorted by name."""
    return registry.all_formats()


def _source_name(source: Source) -> str:
    if isinstance(source, (str, os.PathLike)):
        s = os.fspath(source)
        return "<stdin>" if s == "-" else s
    if isinstance(source, bytes):
        return "<bytes>"
    return str(getattr(source, "name", "<stream>"))


@contextlib.contextmanager
def _open(source: Source) -> Iterator[IO[bytes]]:
    if isinstance(source, bytes):
        yield io.BytesIO(source)
    elif isinstance(source, (str, os.PathLike)):
        if os.fspath(source) == "-":
            yield sys.stdin.buffer
        else:
            try:
                fh = open(source, "rb")  # noqa: SIM115 - closed below
            except OSError as exc:
                raise ParseError(exc.strerror or str(exc), source=os.fspath(source)) from None
            with fh:
                yield fh
    else:
        yield source


def _peekable(stream: IO[bytes]) -> tuple[bytes, IO[bytes]]:
    """Read the first bytes for sniffing without losing them (works on pipes too)."""
    if stream.seekable():
        pos = stream.tell()
        head = stream.read(SNIFF_BYTES)
        stream.seek(pos)
        return head, stream
    buffered = io.BufferedReader(stream, buffer_size=SNIFF_BYTES)  # type: ignore[type-var]
    return buffered.peek(SNIFF_BYTES)[:SNIFF_BYTES], buffered


def _detect_in(name: str | None, head: bytes) -> Detection:
    """The format of an input from its name and first bytes.

    The name counts for the formats whose extension is the longest that ends it (a compound
    extension such as ``.a.json`` wins over ``.json``); content its sniffer does
    not recognise at all counts for less than content another format's sniffer does."""
    specs = [s for s in registry.all_formats() if s.can_read]
    matches = [(s, ext) for s, ext in registry.extension_matches(name or "") if s.can_read]
    longest = len(matches[0][1]) if matches else 0
    by_ext = {s.name for s, ext in matches if len(ext) == longest}
    has_content = bool(head.strip(b" \t\r\n\x00\xef\xbb\xbf"))
    scores: list[tuple[float, str, str]] = []
    # the formats the name points to first: once one is certain (1.0), only a format whose name
    # sorts before it could still win (equal scores go to the first name), so only those are
    # sniffed
    bound: str | None = None
    for spec in sorted(specs, key=lambda s: s.name not in by_ext):
        if bound is not None and spec.name > bound:
            continue
        try:
            score = spec.sniff_bytes(head) if head else 0.0
        except Exception:  # a sniffer must never break detection
            score = 0.0
        reason = "content"
        if spec.name in by_ext:
            if score == 0.0 and has_content:
                score, reason = 0.5, "extension"  # the content is not what its name says
            else:
                score = max(score, 0.5) + 0.3
                reason = "extension and content" if score > 0.8 else "extension"
        if score > 0:
            scores.append((min(score, 1.0), spec.name, reason))
            if score >= 1.0:
                bound = spec.name
    if not scores:
        where = name or "input"
        raise FormatNotFound(f"{where}: cannot tell the format; name it with -f/--from")
    scores.sort(key=lambda s: (-s[0], s[1]))
    best = scores[0]
    return Detection(format=best[1], confidence=round(best[0], 2), reason=best[2])


def detect_stream(stream: IO[bytes], name: str | None = None) -> tuple[Detection, IO[bytes]]:
    """Tell the format of an open stream (standard input, a pipe) from its first bytes.

    Returns the detection and the stream to read from then on: it still starts with those bytes
    (a stream that cannot seek comes back wrapped in a buffer that holds them).
    """
    head, stream = _peekable(stream)
    return _detect_in(name, head), stream


def detect(source: Source) -> Detection:
    """Tell the format of an input from its file name and first bytes (for standard input,
    which cannot be read twice, use :func:`detect_stream`)."""
    name = _source_name(source)
    with _open(source) as stream:
        head, _ = _peekable(stream)
    return _detect_in(None if name.startswith("<") else name, head)


def limit_problem(record: Record, limits: Limits) -> str | None:
    """Why a record exceeds the limits (too many names, a field or the record too long), or None."""
    if len(record.contributors) > limits.max_names:
        return f"{len(record.contributors)} names exceed the limit of {limits.max_names}"
    # Fast path: the record's JSON (UTF-8 bytes) is at least as long as all its text together,
    # so a short JSON form proves both limits hold without walking the record in Python. None
    # holds no text: leaving it out makes the JSON shorter and quicker to make.
    try:
        size = len(record.__pydantic_serializer__.to_json(record, exclude_none=True))
    except Exception:  # an extra value JSON cannot express: walk the record instead
        size = None
    if size is not None and size <= min(limits.max_field_chars, limits.max_record_bytes):
        return None
    longest = 0
    total = 0
    stack: list[Any] = [record]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            n = len(value)
            total += n
            if n > longest:
                longest = n
        elif isinstance(value, BaseModel):
            stack.extend(value.__dict__.values())
        elif isinstance(value, (list, tuple)):
            stack.extend(value)
        elif isinstance(value, dict):
            stack.extend(value.values())
    if longest > limits.max_field_chars:
        return f"a field of {longest} characters exceeds the limit of {limits.max_field_chars}"
    if total > limits.max_record_bytes:
        return f"the record's {total} characters exceed the limit of {limits.max_record_bytes}"
    return None


_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def _has_content(head: bytes) -> bool:
    """True unless the first bytes of an input are nothing (white space, NULs, a BOM), an empty
    JSON collection, or an envelope that matched no record."""
    if not head.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        return False
    if re.sub(rb"\s", b"", head) in (b"[]", b"{}", b'{"data":[]}'):
        return False
    return not re.search(rb"<(?:\w+:)?error\s+code=[\"']noRecordsMatch[\"']", head)


def _utf8_text(
    stream: IO[bytes], spec: FormatSpec, report: ConversionReport, name: str
) -> IO[bytes]:
    """A UTF-16/32 text input (told by its byte order mark) re-encoded as UTF-8, unless the
    format's reader finds the encoding by itself (XML: the declaration names it)."""
    if spec.decodes_itself:
        return stream
    head, stream = _peekable(stream)
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            report.add(
                "ENCODING",
                f"input is {encoding.upper()} (byte order mark); read as such",
                source=name,
                source_format=spec.name,
                severity="info",
            )
            return io.BufferedReader(_Transcoded(stream, encoding, len(bom)))
    return stream


class _Transcoded(io.RawIOBase):
    """UTF-16/32 bytes in, UTF-8 bytes out, incrementally."""

    def __init__(self, raw: IO[bytes], encoding: str, skip: int) -> None:
        import codecs

        raw.read(skip)
        self._raw = raw
        self._encoding = encoding
        self._dec = codecs.getincrementaldecoder(encoding)(errors="strict")
        self._buf = b""
        self._eof = False

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        while not self._buf and not self._eof:
            chunk = self._raw.read(1 << 16)
            self._eof = not chunk
            try:
                text = self._dec.decode(chunk, final=self._eof)
            except UnicodeDecodeError as exc:
                raise ParseError(f"not valid {self._encoding.upper()} ({exc.reason})") from None
            self._buf = text.encode("utf-8")
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n


class RecordStream(Iterator[Record]):
    """The records of one input, read lazily; ``report`` fills as they are read."""

    def __init__(
        self,
        source: Source,
        fmt: str | None,
        *,
        report: ConversionReport | None,
        options: dict[str, Any] | BaseModel | None,
        strict: bool,
        limits: Limits | None,
    ) -> None:
        self.source = source
        self.name = _source_name(source)
        self.report = report if report is not None else ConversionReport()
        self._fmt = fmt
        self._options = options
        self._strict = strict
        self._limits = limits or Limits()
        self._it: Generator[Record, None, None] | None = None
        self.format: str | None = registry.get(fmt).name if fmt else None
        if fmt:  # a misspelt option fails here, not at the first record
            self._options = registry.get(fmt).make_options(options, read=True)

    def _generate(self) -> Generator[Record, None, None]:
        with _open(self.source) as raw:
            stream = raw
            if self._fmt is None:
                head, stream = _peekable(raw)
                name = None if self.name.startswith("<") else self.name
                self.format = _detect_in(name, head).format
            assert self.format is not None
            spec = registry.get(self.format)
            ctx = ReadContext(
                format=spec.name,
                options=spec.make_options(self._options, read=True),
                report=self.report,
                source=self.name,
                limits=self._limits,
                strict=self._strict,
            )
            reader = spec.get_reader()
            limits = self._limits
            before = len(self.report)
            try:
                stream = _utf8_text(stream, spec, self.report, self.name)
                head, stream = _peekable(stream)
                for record in reader(stream, ctx):
                    self.report.count("read")
                    problem = limit_problem(record, limits)
                    if problem is not None:
                        if self._strict:
                            raise LimitExceeded(problem, source=self.name, record=record.label)
                        self.report.add(
                            "RECORD_SKIPPED",
                            problem,
                            record=record.label,
                            source=self.name,
                            source_format=spec.name,
                        )
                        self.report.count("skipped")
                        continue
                    yield record
            except ParseError as exc:
                raise exc.located(self.name) from None
            except BiblioconvError:
                raise
            except RecursionError:
                raise ParseError("input nested too deeply", source=self.name) from None
            except (ValueError, UnicodeError) as exc:
                raise ParseError(f"{type(exc).__name__}: {exc}", source=self.name) from None
            said = any(d.severity != "info" for d in self.report.diagnostics[before:])
            nothing = self.report.records_read == 0 and not self.report.records_skipped
            if nothing and not said and _has_content(head):
                self.report.add(
                    "SYNTAX",
                    f"no {spec.name} record found in the input",
                    source=self.name,
                    source_format=spec.name,
                )

    def __iter__(self) -> RecordStream:
        return self

    def __next__(self) -> Record:
        if self._it is None:
            self._it = self._generate()
        return next(self._it)

    def close(self) -> None:
        """Stop reading: the input is closed now (a stream read to its end closes itself)."""
        if self._it is None:
            self._it = self._generate()  # never started: closing it opens nothing
        self._it.close()


def read(
    source: Source,
    format: str | None = None,
    *,
    report: ConversionReport | None = None,
    options: dict[str, Any] | BaseModel | None = None,
    strict: bool = False,
    limits: Limits | None = None,
) -> RecordStream:
    """Read records lazily from a path, bytes or binary stream.

    The format is detected from the file name and content when not given. Diagnostics go to
    ``report`` (or the returned stream's ``report``). Not strict by default, as befits a long
    file read as a stream: a malformed record is skipped and reported (``RECORD_SKIPPED``, an
    error) and the records after it still come; with ``strict=True`` it raises
    :class:`~biblioconv.errors.ParseError` (naming the line, record and problem) instead. An
    unknown option or a value it cannot take raises :class:`~biblioconv.errors.OptionError`
    (at once when ``format`` is given, otherwise once the format is detected).
    """
    return RecordStream(
        source, format, report=report, options=options, strict=strict, limits=limits
    )


def loads(
    data: str | bytes,
    format: str | None = None,
    *,
    report: ConversionReport | None = None,
    options: dict[str, Any] | BaseModel | None = None,
    strict: bool = True,
    limits: Limits | None = None,
) -> list[Record]:
    """Read every record of an in-memory document.

    Strict by default: a malformed record, or a document that gives no record while its reader
    complained about it, raises :class:`~biblioconv.errors.ParseError`, one line naming the
    line, record and problem. With ``strict=False`` malformed records are skipped and reported
    in ``report`` (``RECORD_SKIPPED``, an error) and the others are returned.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    report = report if report is not None else ConversionReport()
    before = len(report.diagnostics)
    stream = read(raw, format, report=report, options=options, strict=strict, limits=limits)
    records = list(stream)
    if strict and not records:
        said = ConversionReport(diagnostics=report.diagnostics[before:])
        problem = no_record_error(said, stream.name, stream.format or "input")
        if problem is not None:
            raise problem
    return records


def _write_stream(
    records: Iterable[Record],
    spec: FormatSpec,
    stream: IO[bytes],
    ctx: WriteContext,
) -> None:
    spec.get_writer()(records, stream, ctx)


def write(
    records: Iterable[Record] | Record,
    format: str,
    dest: str | os.PathLike[str] | IO[bytes] | None = None,
    *,
    report: ConversionReport | None = None,
    source_format: str | None = None,
    strict: bool = False,
    require_records: bool = False,
    **options: Any,
) -> ConversionReport:
    """Write records in a format to a path (atomically), a binary stream, or standard output.

    A path is written through a temporary file renamed into place on success (see
    :func:`output_file`), and standard output gets the output once it is complete, so a failed
    run leaves no partial output. In strict mode any loss raises :class:`LossError` (and nothing
    is written to a path or standard output). With ``require_records``, records that the
    writer all refused (records without a property the target format makes mandatory) raise
    :class:`~biblioconv.errors.WriteError` naming the first and why, and nothing is written.
    """
    spec = registry.get(format)
    if not spec.can_write:
        raise FormatNotFound(f"format {spec.name!r} cannot be written")
    report = report if report is not None else ConversionReport()
    ctx = WriteContext(
        format=spec.name,
        options=spec.make_options(options, read=False),
        report=report,
        source_format=source_format,
        strict=strict,
    )
    items: Iterable[Record] = [records] if isinstance(records, Record) else records
    given = [0]
    if require_records:
        items = _counted(items, given)
    written = report.records_written
    seen = (len(report.diagnostics), _refused(report, spec.name))

    def body(stream: IO[bytes]) -> None:
        with report.writing(spec.name):
            _write_stream(items, spec, stream, ctx)
        if given[0] and report.records_written == written:
            problem = _all_refused(report, spec.name, *seen)
            if problem is not None:
                raise problem

    if dest is None or (isinstance(dest, (str, os.PathLike)) and os.fspath(dest) == "-"):
        # spooled (memory, then a temporary file) and copied out on success, so that a failure
        # leaves no partial output in what stdout was redirected to either
        before = report.records_written
        import shutil  # with tempfile, loaded when an output is written (shutil loads bz2, lzma)
        import tempfile

        try:
            with tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES) as spool:
                body(spool)
                _check_strict(report, strict)
                spool.seek(0)
                shutil.copyfileobj(spool, sys.stdout.buffer)
        except BaseException:
            report.records_written = before
            raise
        sys.stdout.buffer.flush()
    elif isinstance(dest, (str, os.PathLike)):
        before = report.records_written
        try:
            _atomic_write(Path(dest), body, report, strict)
        except BaseException:
            # nothing of this output survives: its records do not count as written
            report.records_written = before
            raise
    else:
        body(dest)
        _check_strict(report, strict)
    report.count_written(spec.name, report.records_written - written)
    return report


def _counted(records: Iterable[Record], given: list[int]) -> Iterator[Record]:
    for record in records:
        given[0] += 1
        yield record


def _refused(report: ConversionReport, fmt: str) -> int:
    tally = report.targets.get(fmt)
    return tally.skipped if tally is not None else 0


def _all_refused(report: ConversionReport, fmt: str, kept: int, refused: int) -> WriteError | None:
    """The error for a write whose records the writer all refused (none, if it refused none):
    the first record and why. ``kept`` and ``refused`` are the report's diagnostics and the
    format's refusals before the write."""
    n = _refused(report, fmt) - refused
    if n <= 0:
        return None
    first = next(
        (
            d
            for d in report.diagnostics[kept:]
            if d.code.value == "RECORD_SKIPPED" and d.target_format is not None
        ),
        None,
    )
    why = (f"record {first.record}: " if first.record else "") + first.message if first else ""
    more = f" (and {n - 1} more)" if n > 1 else ""
    return WriteError(f"no record written: {why or f'{n} records refused'}{more}", fmt=fmt)


#: output for standard output kept in memory up to this size, then in a temporary file
_SPOOL_BYTES = 8 * 1024 * 1024


def _check_strict(report: ConversionReport, strict: bool) -> None:
    if strict and report.lossy:
        raise LossError(report)


def _atomic_write(path: Path, body: Any, report: ConversionReport, strict: bool) -> None:
    with output_file(path) as fh:
        body(fh)
        _check_strict(report, strict)


def _umask() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)  # elsewhere the only way to read it is to set it
    os.umask(mask)
    return mask


@contextlib.contextmanager
def output_file(path: str | os.PathLike[str]) -> Iterator[IO[bytes]]:
    """Open ``path`` for writing so that a failure leaves nothing behind.

    A regular file, new or existing, is written beside itself under a temporary name and moved
    into place only when the body succeeds; an existing file keeps its permissions, a new one
    gets those of the umask. A symbolic link is followed (the link stays a link). A device, FIFO
    or socket (``/dev/null``, ``/dev/stdout``, a named pipe) is written directly.
    """
    target = Path(os.path.realpath(path))
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode):
        with _naming_output(path), open(target, "wb") as direct:
            yield direct
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = _new_file(target.parent, f".{target.name}.", ".part")
    except OSError as exc:  # name the file asked for, not a temporary one
        raise OSError(exc.errno, exc.strerror, os.fspath(path)) from None
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~_umask())
        with _naming_output(path), os.fdopen(fd, "wb") as fh:
            yield fh
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _new_file(directory: Path, prefix: str, suffix: str) -> tuple[int, str]:
    """A file created in ``directory`` under an unused random name, open for writing (as
    :func:`tempfile.mkstemp` makes one: readable by its owner only, no link followed, without
    loading tempfile, which loads shutil and the compressors): its descriptor and path."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL
    flags |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        path = os.path.join(directory, f"{prefix}{os.urandom(6).hex()}{suffix}")
        try:
            return os.open(path, flags, 0o600), path
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no unused temporary file name", os.fspath(directory))


#: errors only writing gives (a full disk or device, a quota, a read-only file system)
_WRITE_ERRNOS = frozenset(
    getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EFBIG", "EROFS") if hasattr(errno, name)
)


@contextlib.contextmanager
def _naming_output(path: str | os.PathLike[str]) -> Iterator[None]:
    """Give a write error without a file name (``No space left on device``) the output's name."""
    try:
        yield
    except OSError as exc:
        if exc.filename is None and exc.errno in _WRITE_ERRNOS:
            raise OSError(exc.errno, exc.strerror, os.fspath(path)) from None
        raise


def dumps(records: Iterable[Record] | Record, format: str, **options: Any) -> str:
    """Write records to a string."""
    buf = io.BytesIO()
    report = options.pop("report", None)
    write(records, format, buf, report=report, **options)
    return buf.getvalue().decode("utf-8-sig")


def convert(
    source: Source,
    to: str,
    dest: str | os.PathLike[str] | IO[bytes] | None = None,
    *,
    from_: str | None = None,
    report: ConversionReport | None = None,
    read_options: dict[str, Any] | BaseModel | None = None,
    strict: bool = False,
    limits: Limits | None = None,
    require_records: bool = False,
    **write_options: Any,
) -> ConversionReport:
    """Convert an input to another format in one streaming pass; return the report.

    With ``require_records``, an input that gives no record while its reader warned or skipped
    records raises :class:`ParseError` (see :func:`no_record_error`), records the writer all
    refused raise :class:`~biblioconv.errors.WriteError` (see :func:`write`), and nothing is
    written.
    """
    report = report if report is not None else ConversionReport()
    stream = read(source, from_, report=report, options=read_options, strict=strict, limits=limits)
    # Resolve the source format before writing so writers can name it in diagnostics.
    first = next(stream, None)
    records = _chain(first, stream)
    if require_records:
        records = _required(records, report, stream.name, stream)
    return write(
        records,
        to,
        dest,
        report=report,
        source_format=stream.format,
        strict=strict,
        require_records=require_records,
        **write_options,
    )


def no_record_error(report: ConversionReport, source: str, fmt: str) -> ParseError | None:
    """The error for an input that gave no record while its reader warned or skipped records
    (binary data, records all malformed), naming its first problem; None when nothing was wrong
    (an empty input is no error)."""
    said = [d for d in report.diagnostics if d.severity != "info" and d.target_format is None]
    if not said:
        return None
    first = next(
        (d for d in said if d.severity == "error"),
        next((d for d in said if d.code.value == "SYNTAX"), said[0]),
    )
    reason = first.message if len(first.message) <= 120 else first.message[:117] + "..."
    if not reason.startswith(f"no {fmt} record"):
        reason = f"no {fmt} record read: {reason}"
    more = f" (and {len(said) - 1} more)" if len(said) > 1 else ""
    return ParseError(reason + more, source=source, line=first.line)


def _required(
    records: Iterator[Record], report: ConversionReport, source: str, fmt: str | RecordStream
) -> Iterator[Record]:
    """The records, then :func:`no_record_error`'s error if there were none (raised before a
    writer finishes, so no empty output replaces a file). ``fmt`` is the format's name, or the
    stream that tells it once read."""
    seen = False
    for record in records:
        seen = True
        yield record
    if not seen:
        name = fmt if isinstance(fmt, str) else fmt.format or "input"
        problem = no_record_error(report, source, name)
        if problem is not None:
            raise problem


def _chain(first: Record | None, rest: Iterator[Record]) -> Iterator[Record]:
    if first is None:
        return
    yield first
    yield from rest
