"""BibTeX / BibLaTeX reader.

The input is cut into chunks at lines starting a block (``@type{`` or ``@type(``), never inside an
entry, and each chunk is split into bibtexparser's blocks (by :mod:`.splitter`, which gives what
bibtexparser's own splitter gives, faster, most entries as plain values), so memory stays bounded
by the chunk size whatever the file size. ``@string`` macros are kept across chunks. Field values are
decoded by our own LaTeX decoder (:mod:`.latex`) and names by BibTeX's rules (:mod:`.names`).

``crossref``, ``xdata`` and ``xref`` targets are found by a cheap pre-scan of the raw bytes
(non-seekable input is first spooled to a temporary file), so children inherit from parents that
come later in the file without holding the file in memory.
"""

from __future__ import annotations

import io
import re
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from typing import IO, TYPE_CHECKING, Any

from pydantic import ValidationError as PydanticValidationError

from biblioconv.errors import LimitExceeded
from biblioconv.formats.bibtex import mapping, splitter
from biblioconv.formats.bibtex.options import BibtexReadOptions
from biblioconv.formats.bibtex.sniff import sniff, sniff_biblatex
from biblioconv.keyset import KeySet
from biblioconv.model import Record
from biblioconv.registry import ReadContext
from biblioconv.report import Code

if TYPE_CHECKING:  # bibtexparser (with pylatexenc) is loaded for what the fast path leaves
    from bibtexparser.model import Block, Entry, ParsingFailedBlock

__all__ = ["BibtexReadOptions", "read", "sniff", "sniff_biblatex"]

CHUNK_BYTES = 1 << 18

_BLOCK_START = re.compile(rb"[ \t]*@[A-Za-z_]*[ \t]*[{(]")
# a crossref/xdata/xref field (on lower-cased bytes, after a word boundary): one pattern per
# field name, each starting with its literal name, which the regex engine finds much faster than
# a case-insensitive alternation after ``\b``
_REF_VALUE = rb"\s*=\s*[{\"]?\s*([^}\",\s][^}\"]*?)\s*[}\"]?\s*[,}\n]"
_REFS = tuple(re.compile(name + _REF_VALUE) for name in (rb"crossref", rb"xdata", rb"xref"))
# an entry's header, from its `@` (which starts a line but for spaces and tabs)
_HEADER = re.compile(rb"@([A-Za-z_]+)[ \t]*[{(][ \t]*([^,\s{}()]+)[ \t]*,")
_KEY_IN_RAW = re.compile(r"@\w+\s*[{(]\s*([^,\s{}()]+)")


# -- input handling -------------------------------------------------------------------------------


def _seekable(stream: IO[bytes]) -> IO[bytes]:
    try:
        if stream.seekable():
            stream.tell()
            return stream
    except (OSError, ValueError):
        pass
    import tempfile  # only for a stream that cannot seek (it loads shutil and compressors)

    spool: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=16 << 20)  # noqa: SIM115
    while True:
        data = stream.read(1 << 20)
        if not data:
            break
        spool.write(data)
    spool.seek(0)
    return spool


def _byte_chunks(stream: IO[bytes], max_bytes: int) -> Iterator[tuple[bytes, int]]:
    """Chunks of whole blocks: cut only at a line that starts a block. Yields (bytes, line)."""
    buf = b""
    line = 0
    while True:
        data = stream.read(CHUNK_BYTES)
        if data:
            buf += data
            cut = _last_block_start(buf)
            if cut <= 0:
                if len(buf) > max_bytes:
                    raise LimitExceeded(
                        f"a single block is larger than {max_bytes} bytes", line=line + 1
                    )
                continue
        else:
            cut = len(buf)
        chunk, buf = buf[:cut], buf[cut:]
        if chunk:
            yield chunk, line
            line += chunk.count(b"\n")
        if not data:
            break


def _last_block_start(buf: bytes) -> int:
    pos = len(buf)
    while True:
        pos = buf.rfind(b"\n@", 0, pos)
        if pos < 0:
            return -1
        if _BLOCK_START.match(buf, pos + 1):
            return pos + 1
        # keep looking further back


class _Decoder:
    """Bytes -> text per chunk: UTF-8 (BOM stripped), else Latin-1 with one diagnostic."""

    def __init__(self, ctx: ReadContext, forced: str | None) -> None:
        self.ctx = ctx
        self.forced = forced
        self.fallback = False
        self.first = True

    def __call__(self, chunk: bytes, line: int) -> str:
        if self.first:
            chunk = chunk.removeprefix(b"\xef\xbb\xbf")
            self.first = False
        if self.forced:
            return chunk.decode(self.forced, errors="replace")
        if not self.fallback:
            try:
                return chunk.decode("utf-8")
            except UnicodeDecodeError as exc:
                self.fallback = True
                bad_line = line + chunk[: exc.start].count(b"\n") + 1
                self.ctx.reporter(line=bad_line).add(
                    Code.ENCODING, "input is not UTF-8; read as Windows-1252/Latin-1"
                )
        try:
            return chunk.decode("cp1252")
        except UnicodeDecodeError:
            return chunk.decode("latin-1")


class _Parents(Mapping[str, tuple[str, list[tuple[str, str]]]]):
    """crossref/xdata/xref targets by lower-case key: where each one is in the input, parsed
    when a child asks for it (the last few hundred kept), so that a file of millions of entries
    with as many parents stays in bounded memory."""

    CACHE = 256

    def __init__(
        self, stream: IO[bytes], spans: dict[str, tuple[int, int, int]], ctx: ReadContext
    ) -> None:
        self._stream = stream
        self._spans = spans
        self._decode = _Decoder(ReadContext(ctx.format, ctx.options, type(ctx.report)()), None)
        self._decode.first = False
        self._cache: OrderedDict[str, tuple[str, list[tuple[str, str]]]] = OrderedDict()

    def __getitem__(self, key: str) -> tuple[str, list[tuple[str, str]]]:
        hit = self._cache.get(key)
        if hit is not None:
            self._cache.move_to_end(key)
            return hit
        start, end, line = self._spans[key]
        here = self._stream.tell()
        self._stream.seek(start)
        data = self._stream.read(end - start)
        self._stream.seek(here)
        for block in splitter.scan(self._decode(data, line)):
            if isinstance(block, splitter.FastEntry):  # field names stripped already
                parent = (block.entry_type.lower(), [(k.lower(), v) for k, v in block.fields])
                break
            entry = _entry_of(block)
            if entry is not None:
                parent = (
                    entry.entry_type.lower(),
                    [(f.key.lower(), f.value) for f in entry.fields],
                )
                break
        else:
            raise KeyError(key)
        self._cache[key] = parent
        if len(self._cache) > self.CACHE:
            self._cache.popitem(last=False)
        return parent

    def __iter__(self) -> Iterator[str]:
        return iter(self._spans)

    def __len__(self) -> int:
        return len(self._spans)


def _ref_fields(low: bytes) -> Iterator[re.Match[bytes]]:
    """The crossref/xdata/xref fields of lower-cased ``low``, left to right, not overlapping,
    each after a word boundary (as one case-insensitive ``\\b(?:crossref|xdata|xref)...``
    pattern finds them)."""
    pos = 0
    found: list[re.Match[bytes] | None] = [p.search(low) for p in _REFS]
    while True:
        first = None
        for i, m in enumerate(found):
            if m is not None and m.start() < pos:
                found[i] = m = _REFS[i].search(low, pos)
            if m is not None and (first is None or m.start() < first.start()):
                first = m
        if first is None:
            return
        at = first.start()
        before = low[at - 1 : at]
        if before.isalnum() or before == b"_":  # no word boundary: not a match here
            pos = at + 1
            continue
        yield first
        pos = first.end()


def ref_keys(data: bytes) -> Iterator[str]:
    """The lower-case keys that the crossref/xdata/xref fields in ``data`` name."""
    if b"ref" in data or b"xdata" in data or b"XDATA" in data or b"REF" in data:
        for m in _ref_fields(data.lower()):
            for key in m.group(1).split(b","):
                if key.strip():
                    yield key.strip().decode("utf-8", "replace").lower()


def _headers(data: bytes) -> Iterator[tuple[int, re.Match[bytes]]]:
    """Entry headers of ``data`` whose `@` starts a line (but for spaces and tabs), with where
    that line starts."""
    for m in _HEADER.finditer(data):
        at = m.start()
        start = data.rfind(b"\n", 0, at) + 1
        if start == at or not data[start:at].strip(b" \t"):
            yield start, m


def referenced_keys(stream: IO[bytes], max_bytes: int) -> set[str]:
    """Every key a crossref/xdata/xref field of the input names (the stream is read to its
    end and put back where it was)."""
    start = stream.tell()
    keys = {k for chunk, _ in _byte_chunks(stream, max_bytes) for k in ref_keys(chunk)}
    stream.seek(start)
    return keys


def entry_keys(data: bytes) -> set[str]:
    """The lower-case keys of the entries that start in ``data``."""
    return {m.group(2).decode("utf-8", "replace").lower() for _, m in _headers(data)}


def entry_spans(
    stream: IO[bytes], max_bytes: int, wanted: set[str] | None = None
) -> Iterator[tuple[str, int, int, int]]:
    """Each entry of the input (of a key in ``wanted``, if given), every occurrence: its
    lower-case key, where it starts and ends in the stream, and its line; the stream is put back
    where it was."""
    start = stream.tell()
    offset = start
    for chunk, line in _byte_chunks(stream, max_bytes):
        counted = 0  # lines counted up to there
        for line_start, m in _headers(chunk):
            key = m.group(2).decode("utf-8", "replace").lower()
            if wanted is not None and key not in wanted:
                continue
            end = len(chunk)
            nxt = _BLOCK_START.search(chunk, m.end())
            while nxt is not None:
                if chunk[nxt.start() - 1 : nxt.start()] == b"\n":
                    end = nxt.start()
                    break
                nxt = _BLOCK_START.search(chunk, nxt.end())
            line += chunk.count(b"\n", counted, line_start)
            counted = line_start
            yield key, offset + line_start, offset + end, line
        offset += len(chunk)
    stream.seek(start)


def _first_spans(
    stream: IO[bytes], max_bytes: int, wanted: set[str] | None
) -> dict[str, tuple[int, int, int]]:
    spans: dict[str, tuple[int, int, int]] = {}
    for key, start, end, line in entry_spans(stream, max_bytes, wanted):
        spans.setdefault(key, (start, end, line))
    return spans


def _prescan(stream: IO[bytes], ctx: ReadContext) -> _Parents:
    """Find crossref/xdata/xref targets: where each one is in the input, by lower-case key."""
    max_bytes = ctx.limits.max_record_bytes
    targets = referenced_keys(stream, max_bytes)
    spans = _first_spans(stream, max_bytes, targets) if targets else {}
    return _Parents(stream, spans, ctx)


class _Chained(Mapping[str, tuple[str, list[tuple[str, str]]]]):
    """The input's own parents, then those of ``parent_entries``."""

    def __init__(self, *maps: Mapping[str, tuple[str, list[tuple[str, str]]]]) -> None:
        self._maps = maps

    def __getitem__(self, key: str) -> tuple[str, list[tuple[str, str]]]:
        for m in self._maps:
            try:
                return m[key]
            except KeyError:
                continue
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        seen: set[str] = set()
        for m in self._maps:
            for key in m:
                if key not in seen:
                    seen.add(key)
                    yield key

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _parents(
    stream: IO[bytes], ctx: ReadContext, options: BibtexReadOptions
) -> Mapping[str, tuple[str, list[tuple[str, str]]]]:
    """The entries crossref/xdata/xref fields may name: the input's, then ``parent_entries``."""
    own = _prescan(stream, ctx)
    if not options.parent_entries:
        return own
    extra = io.BytesIO(options.parent_entries.encode("utf-8"))
    spans = _first_spans(extra, ctx.limits.max_record_bytes, None)
    return _Chained(own, _Parents(extra, spans, ctx))


def _entry_of(
    block: Block | splitter.FastString | splitter.FastComment | splitter.FastText,
) -> Entry | None:
    if isinstance(block, (splitter.FastString, splitter.FastComment, splitter.FastText)):
        return None
    from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, Entry

    if isinstance(block, Entry):
        return block
    if isinstance(block, (DuplicateFieldKeyBlock, DuplicateBlockKeyBlock)):
        inner = block.ignore_error_block
        return inner if isinstance(inner, Entry) else None
    return None


# -- the reader -----------------------------------------------------------------------------------


def read(stream: IO[bytes], ctx: ReadContext) -> Iterator[Record]:
    """Read BibTeX/BibLaTeX entries as records, one at a time."""
    options = ctx.options if isinstance(ctx.options, BibtexReadOptions) else BibtexReadOptions()
    stream = _seekable(stream)
    parents = _parents(stream, ctx, options) if options.resolve_crossref else None
    reading = _Reading(ctx, mapping.RecordBuilder(ctx, parents))
    decode = _Decoder(ctx, options.encoding)
    handle = reading.handle
    fmt = ctx.format
    held: Record | None = None
    for chunk, line0 in _byte_chunks(stream, ctx.limits.max_record_bytes):
        text = decode(chunk, line0)
        _check_nesting(text, ctx, line0)
        for block in splitter.scan(text):
            record = handle(block, line0 + (block.start_line or 0) + 1)
            if record is None:
                continue
            if reading.pending:
                record.extra(fmt)["@before"] = reading.pending
                reading.pending = []
            if held is not None:
                yield held
            held = record
    if held is not None:
        if reading.pending:
            held.extra(fmt)["@after"] = reading.pending
        yield held


_BRACES = re.compile(r"(?<!\\)[{}]")


_ESCAPED_BRACE = re.compile(r"\\[{}]")
_NOT_BRACE_BYTES = bytes(b for b in range(256) if b not in b"{}")  # deleted: braces stay


def _nesting_within(text: str, limit: int) -> bool:
    """A quick proof that unescaped braces nest at most ``limit`` deep (False: not proven).

    Removing the innermost ``{}`` pairs of the braces alone, pass by pass, takes as many passes
    as matched braces nest; unmatched opening braces can only add their number to that.
    """
    if "\\{" in text or "\\}" in text:
        text = _ESCAPED_BRACE.sub("", text)
    braces = text.encode("utf-8", "surrogatepass").translate(None, _NOT_BRACE_BYTES).decode()
    passes = 0
    while "{}" in braces:
        if passes == limit:
            return False
        braces = braces.replace("{}", "")
        passes += 1
    return passes + braces.count("{") <= limit


def _check_nesting(text: str, ctx: ReadContext, line0: int) -> None:
    """Refuse braces nested deeper than the limit (a parser would recurse on them)."""
    limit = ctx.limits.max_nesting
    if text.count("{") <= limit or _nesting_within(text, limit):
        return
    depth = 0
    for m in _BRACES.finditer(text):
        if m.group() == "{":
            depth += 1
            if depth > limit:
                line = line0 + text.count("\n", 0, m.start()) + 1
                raise LimitExceeded(
                    f"braces nested deeper than {limit}", source=ctx.source, line=line
                )
        elif depth:
            depth -= 1


class _Reading:
    """What reading one input keeps from block to block: the record builder (macros,
    parents), the raw blocks (comments, preambles, xdata) before the next record, and the entry
    keys seen."""

    __slots__ = ("builder", "ctx", "pending", "seen_keys")

    def __init__(self, ctx: ReadContext, builder: mapping.RecordBuilder) -> None:
        self.ctx = ctx
        self.builder = builder
        self.pending: list[Any] = []
        self.seen_keys = KeySet()  # compact: files of millions of entries

    def handle(
        self,
        block: Block
        | splitter.FastEntry
        | splitter.FastString
        | splitter.FastComment
        | splitter.FastText,
        line: int,
    ) -> Record | None:
        """The record of a block, if it is one (others are kept, defined or reported)."""
        if isinstance(block, splitter.FastEntry):  # most entries: their names are stripped already
            return self.entry(block.entry_type, block.key, block.raw, block.fields, line)
        if isinstance(block, splitter.FastString):  # most @string blocks
            self.builder.define(block.key, block.value, line)
            return None
        if isinstance(block, splitter.FastComment):
            self._comment(block.raw)
            return None
        if isinstance(block, splitter.FastText):  # @preamble and @comment blocks: kept as written
            self.pending.append(block.raw)
            return None
        # what the fast path leaves: bibtexparser's blocks
        from bibtexparser.model import (
            DuplicateBlockKeyBlock,
            ExplicitComment,
            ImplicitComment,
            ParsingFailedBlock,
            Preamble,
            String,
        )

        if isinstance(block, DuplicateBlockKeyBlock) and isinstance(
            block.ignore_error_block, String
        ):
            block = block.ignore_error_block
        if isinstance(block, String):
            self.builder.define(block.key, block.value, line)
            return None
        if isinstance(block, ImplicitComment):
            self._comment(block.raw or "")
            return None
        if isinstance(block, (Preamble, ExplicitComment)):
            self.pending.append(block.raw)
            return None
        entry = _entry_of(block)
        if entry is None:
            assert isinstance(block, ParsingFailedBlock)
            _skip(block, line, self.ctx)
            return None
        raw_fields = [(f.key.strip(), f.value) for f in entry.fields]
        return self.entry(entry.entry_type, entry.key, entry.raw, raw_fields, line)

    def _comment(self, raw: str) -> None:
        """Keep text between blocks; adjacent text reads back as one comment: kept as one."""
        pending = self.pending
        if pending and not pending[-1].lstrip().startswith("@"):
            pending[-1] = pending[-1] + "\n\n" + raw
        else:
            pending.append(raw)

    def entry(
        self, etype: str, key: str, raw: str | None, raw_fields: list[tuple[str, str]], line: int
    ) -> Record | None:
        """The record of an entry (type, key, raw text, fields by stripped name), if it is one."""
        key = key.strip()
        etype = etype.lower()
        if etype == "xdata":
            self.pending.append(raw)
            return None
        ctx = self.ctx
        builder = self.builder
        fields = [(name.lower(), value) for name, value in raw_fields]
        if len(dict(fields)) < len(fields):  # a field name repeated
            fields = self._first_of_each(fields, key, line)
        if self.seen_keys.add(key.lower()):
            ctx.reporter(key, line).add(
                Code.DUPLICATE, f"entry key {key!r} occurs more than once (both entries are read)"
            )
        try:
            return builder.build(etype, key, fields, line)
        except (PydanticValidationError, ValueError) as exc:
            ctx.reporter(key, line).skip(_one_line(exc), what="entry skipped")
            return None

    def _first_of_each(
        self, fields: list[tuple[str, str]], key: str, line: int
    ) -> list[tuple[str, str]]:
        """The first field of each name (a repeated one reported)."""
        first: list[tuple[str, str]] = []
        names: set[str] = set()
        for name, value in fields:
            if name in names:
                self.ctx.reporter(key, line).add(
                    Code.DUPLICATE,
                    f"field {name!r} occurs more than once; the first value is used",
                    name,
                )
                self.builder.keep_duplicate(name, value)
                continue
            names.add(name)
            first.append((name, value))
        return first


def _one_line(exc: Exception) -> str:
    if isinstance(exc, PydanticValidationError):
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err.get("loc", ()))
        return f"invalid value at {loc}: {err.get('msg', '')}"
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def _skip(block: ParsingFailedBlock, line: int, ctx: ReadContext) -> None:
    raw = block.raw or ""
    m = _KEY_IN_RAW.match(raw.lstrip())
    key = m.group(1) if m else None
    err = block.error
    reason = str(getattr(err, "abort_reason", "") or err or "syntax error").strip()
    reason = " ".join(reason.split())
    ctx.reporter(key, line).skip(f"malformed entry: {reason}")
