"""A streaming RIS tokenizer: bytes in, raw records (tag, value, line number) out.

Reads one line at a time (constant memory whatever the file size) and tolerates what real exports
do: a UTF-8 BOM, CRLF/LF/mixed line ends, blank lines, numbering lines between records (Ovid),
untagged continuation lines (multi-line AB/N1), ``ER`` without its trailing space, a missing final
``ER``, lower-case or mis-spaced tags (``AU -``, ``AU- ``, ``au  - ``), text between records, and
cp1252 input. Every tolerated deviation is reported (code SYNTAX or ENCODING) with its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO

from biblioconv.errors import ParseError
from biblioconv.formats.ris.crosswalk import KNOWN_TAGS
from biblioconv.registry import ReadContext
from biblioconv.report import Code, Severity

__all__ = ["RawField", "RawRecord", "tokenize"]

_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_TAGS = frozenset(a + b for a in _UPPER for b in _UPPER + "0123456789")
"""Every tag of the canonical form: an upper-case letter and a letter or digit."""
_BODY_TAGS = _TAGS - {"TY", "ER"}
"""Canonical tags that neither open nor close a record."""
_HEADS = {tag + "  - ": tag for tag in _BODY_TAGS}
"""The start of a canonical line of a body tag (``AU  - ``) -> its tag: one look-up a line."""
_ALL_HEADS = {tag + "  - ": tag for tag in _TAGS}
"""The same for every canonical tag, ``TY`` and ``ER`` too."""
_LOOSE_TAG = re.compile(r"([A-Za-z][A-Za-z0-9]) {0,4}-(?: (.*))?")
_NUMBERING = re.compile(r"\d{1,9}\.?")
_BOM = "\ufeff"


@dataclass(slots=True)
class RawField:
    """One tagged value; ``value`` may span lines (joined with ``\\n``)."""

    tag: str
    value: str
    line: int


@dataclass(slots=True)
class RawRecord:
    """The tagged lines of one record, from ``TY`` to ``ER``."""

    line: int
    fields: list[RawField] = field(default_factory=list)
    problem: str | None = None
    problem_line: int | None = None
    size: int = 0


class _Decoder:
    """UTF-8 per line, falling back to cp1252 (reported once), or a fixed encoding."""

    def __init__(self, ctx: ReadContext, encoding: str | None) -> None:
        self.ctx = ctx
        self.encoding = encoding
        self.reported = False

    def __call__(self, raw: bytes, lineno: int) -> str:
        if self.encoding is not None:
            try:
                return raw.decode(self.encoding)
            except (UnicodeDecodeError, LookupError) as exc:
                raise ParseError(
                    f"cannot decode as {self.encoding}: {exc}", source=self.ctx.source, line=lineno
                ) from None
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
        if not self.reported:
            self.reported = True
            self.ctx.report.add(
                Code.ENCODING,
                "input is not UTF-8; read as Windows-1252 (cp1252)",
                source=self.ctx.source,
                source_format=self.ctx.format,
                line=lineno,
            )
        return text


_BLOCK = 1 << 20


def _raw_lines(stream: IO[bytes], limit: int, text: bool) -> Iterator[Sequence[str | bytes | None]]:
    """The lines of a stream without their ends (LF, CRLF or a lone CR, as old Mac files end
    them), read in blocks and given a block's lines at a time; None stands for a line of
    ``limit`` bytes or more, which is skipped. With ``text``, a block that is valid UTF-8 with
    LF or CRLF line ends comes decoded (str lines); otherwise lines come as bytes. Memory stays
    within a block and a line."""
    read = stream.read
    rest = b""
    skipping = False  # inside an over-long line: drop bytes up to its end
    while True:
        block = read(_BLOCK)
        if not block:
            break
        if skipping:
            end = block.find(b"\n")
            if end < 0:
                continue
            block = block[end + 1 :]
            skipping = False
        if rest:
            block = rest + block
        cut = block.rfind(b"\n") + 1
        rest = block[cut:]
        decoded = _decoded(block[:cut]) if text and cut < limit else None
        if decoded is not None:
            yield decoded
        elif cut:
            out: list[str | bytes | None] = []
            for line in block[:cut].split(b"\n")[:-1]:
                line = line.rstrip(b"\r")
                if len(line) >= limit:
                    out.append(None)
                elif b"\r" in line:
                    out.extend(None if len(p) >= limit else p for p in line.split(b"\r"))
                else:
                    out.append(line)
            yield out
        if len(rest) >= limit:
            pieces = rest.split(b"\r")  # an old Mac file has no LF at all
            rest = pieces.pop()
            yield [None if len(p) >= limit else p for p in pieces]
            if len(rest) >= limit:
                yield [None]
                rest = b""
                skipping = True
    if rest:
        rest = rest.rstrip(b"\r")
        yield [None if len(p) >= limit else p for p in rest.split(b"\r")]


def _decoded(body: bytes) -> list[str] | None:
    """The lines of whole lines of UTF-8 with LF or CRLF ends (every line shorter than the
    limit), decoded at once; None when they are not (the lines are then taken one by one)."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            return None  # a lone CR, or CRs before a line end: line by line
    lines = text.split("\n")
    lines.pop()  # the body ends with a line end
    return lines


def tokenize(
    stream: IO[bytes], ctx: ReadContext, *, encoding: str | None = None
) -> Iterator[RawRecord]:
    """Yield the raw records of an RIS stream, one at a time."""
    limits = ctx.limits
    max_field = limits.max_field_chars
    max_record = limits.max_record_bytes
    decode = _Decoder(ctx, encoding)
    report = ctx.report
    src = ctx.source
    fmt = ctx.format

    def syntax(msg: str, line: int, severity: Severity = "info") -> None:
        report.add(
            Code.SYNTAX,
            msg,
            severity=severity,
            source=src,
            source_format=fmt,
            line=line,
        )

    cur: RawRecord | None = None  # between TY and ER
    done: RawRecord | None = None  # ended by ER, held until the next TY in case tags follow
    orphan: RawRecord | None = None  # tags outside a record: trailing tags or a record without TY
    last: RawField | None = None
    # continuation lines of ``last`` gathered here (its value first, when not empty) and joined
    # once the field is complete: appending to the value line by line copies it every time
    parts: list[str] | None = None
    parts_len = 0  # the length of the joined value
    lineno = 0

    def settle() -> Iterator[RawRecord]:
        """Before a TY or at the end: trailing tags join the record before; then emit it."""
        nonlocal done, orphan
        if orphan is not None:
            if done is not None and orphan.problem is None:
                syntax(
                    f"tags after the ER of the record starting at line {done.line}: read into it",
                    orphan.line,
                    "warning",
                )
                done.fields.extend(orphan.fields)
            else:
                if done is not None:
                    yield done
                    done = None
                orphan.problem = (
                    orphan.problem
                    or f"record does not start with TY (first tag {orphan.fields[0].tag})"
                )
                orphan.problem_line = orphan.problem_line or orphan.line
                yield orphan
            orphan = None
        if done is not None:
            yield done
            done = None

    limit = max(4 * max_field, 1 << 16)
    fixed = encoding is not None
    for lines in _raw_lines(stream, limit, not fixed):
        for raw in lines:
            lineno += 1
            # fast path: a canonical "XY  - value" line inside a record, within the limits
            if (
                cur is not None
                and type(raw) is str
                and (tag := _HEADS.get(raw[:6])) is not None
                and cur.problem is None
            ):
                value = raw[6:].strip()
                size = cur.size + len(value) + 6
                if size <= max_record and len(value) < max_field:
                    cur.size = size
                    if parts is not None:
                        last.value = "\n".join(parts)  # type: ignore[union-attr]
                        parts = None
                    last = RawField(tag, value, lineno)
                    cur.fields.append(last)
                    continue
            open_ = cur if cur is not None else orphan
            if raw is None:
                if open_ is None:
                    syntax("over-long line outside a record ignored", lineno, "warning")
                elif open_.problem is None:
                    open_.problem = f"line longer than {max_field} characters"
                    open_.problem_line = lineno
                continue
            if isinstance(raw, str):
                text = raw
            elif fixed:
                text = decode(raw, lineno)
            else:
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError:
                    text = decode(raw, lineno)
            if text and text[0] == _BOM:
                text = text[1:]
            if not text or text.isspace():
                if cur is None:
                    if parts is not None:
                        last.value = "\n".join(parts)  # type: ignore[union-attr]
                        parts = None
                    last = None  # outside a record a blank line ends a trailing tag's value
                continue
            # -- a tag line? fast path for the canonical form "XY  - value"
            value = ""
            tag = _ALL_HEADS.get(text[:6])
            if tag is not None:
                value = text[6:]
            elif text[2:] == "  -" and text[:2] in _TAGS:
                tag = text[:2]
            elif text[2:5] == "  -" and text[:2] in KNOWN_TAGS:
                tag = text[:2]
                value = text[5:]
            else:
                m = _LOOSE_TAG.fullmatch(text.rstrip())
                if m and m.group(1).upper() in KNOWN_TAGS:
                    tag = m.group(1).upper()
                    value = m.group(2) or ""
                    written = text[: text.index("-") + 1]
                    syntax(
                        f"tag {written!r} is not in the form 'XY  -': read as {tag}",
                        lineno,
                    )
            if tag is None:
                stripped = text.strip()
                if open_ is not None and last is not None:
                    if open_.problem is None:
                        open_.size += len(stripped) + 1
                        if parts is None:
                            parts_len = len(last.value)
                            parts = [last.value] if parts_len else []
                        if parts_len + len(stripped) >= max_field:
                            open_.problem = f"field {last.tag} longer than {max_field} characters"
                            open_.problem_line = lineno
                        else:
                            parts_len += len(stripped) + 1 if parts_len else len(stripped)
                            parts.append(stripped)
                    continue
                if open_ is not None and open_.problem is not None:
                    continue
                if _NUMBERING.fullmatch(stripped):
                    syntax(f"numbering line {stripped!r} between records ignored", lineno)
                    continue
                snippet = stripped if len(stripped) <= 60 else stripped[:57] + "..."
                syntax(f"text outside a record ignored: {snippet!r}", lineno, "warning")
                continue
            if parts is not None:
                last.value = "\n".join(parts)  # type: ignore[union-attr]
                parts = None
            value = value.strip()
            if tag == "TY":
                if cur is not None:
                    syntax(
                        f"record starting at line {cur.line} has no ER; it ends before this TY",
                        lineno,
                        "warning",
                    )
                    yield from settle()
                    done = cur
                if done is not None or orphan is not None:
                    yield from settle()
                cur = RawRecord(line=lineno, fields=[RawField("TY", value, lineno)])
                last = cur.fields[0]
                continue
            if tag == "ER":
                if cur is not None:
                    if done is not None or orphan is not None:
                        yield from settle()
                    done, cur, last = cur, None, None
                elif orphan is not None:
                    orphan.problem = orphan.problem or (
                        f"record does not start with TY (first tag {orphan.fields[0].tag})"
                    )
                    orphan.problem_line = orphan.problem_line or orphan.line
                    yield from settle()
                    last = None
                else:
                    syntax("ER without a record ignored", lineno)
                continue
            if cur is None:
                if orphan is None:
                    orphan = RawRecord(line=lineno)
                open_ = orphan
            else:
                open_ = cur
            if open_.problem is not None:
                last = None
                continue
            open_.size += len(value) + 6
            if open_.size > max_record:
                open_.problem, open_.problem_line = f"record larger than {max_record} bytes", lineno
                continue
            if len(value) >= max_field:
                open_.problem, open_.problem_line = (
                    f"field {tag} longer than {max_field} characters",
                    lineno,
                )
                continue
            last = RawField(tag, value, lineno)
            open_.fields.append(last)
    if parts is not None:
        last.value = "\n".join(parts)  # type: ignore[union-attr]
    if cur is not None:
        if cur.problem is None:
            syntax(f"record starting at line {cur.line} has no final ER", lineno, "warning")
        yield from settle()
        done = cur
    yield from settle()
