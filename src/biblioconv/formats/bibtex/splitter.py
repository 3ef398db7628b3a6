"""Split BibTeX text into bibtexparser blocks, fast.

bibtexparser's :class:`~bibtexparser.splitter.Splitter` walks every delimiter, comma, equals sign
and newline of the input one Python call at a time; on real files that is most of the cost of
reading BibTeX. :func:`split` recognises the common, well-formed blocks (``@type{key, field =
value, ...}`` and ``@string{name = value}``) with a few regular expressions and builds the very
same bibtexparser block objects (same keys, types, raw text, field values and start lines); also
``@preamble{...}`` and ``@comment{...}``. At the first block it does not recognise with
certainty (other delimiters, escaped delimiters, braces nested deeper than :data:`MAX_DEPTH`, anything malformed) it hands the
rest of the text to bibtexparser's own splitter, so results are those of bibtexparser by
construction; a differential test over the real corpus and generated input checks it.

:func:`scan` gives the same blocks but the entries of the fast path as plain values
(:class:`FastEntry`: type, key, raw text, fields as ``(name, value)`` pairs), for the reader,
which only reads them: building bibtexparser's objects for every field only to read them back
costs more than the regular expressions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # bibtexparser (with pylatexenc) is loaded for what the fast path leaves
    from bibtexparser.model import (
        Block,
        DuplicateFieldKeyBlock,
        Entry,
        ExplicitComment,
        ImplicitComment,
        Preamble,
        String,
    )

__all__ = ["MAX_DEPTH", "FastComment", "FastEntry", "FastString", "FastText", "scan", "split"]

#: Brace nesting the fast path recognises inside a value; deeper values go to bibtexparser.
MAX_DEPTH = 8

# bibtexparser's block start: `@` and a word, then `{` or `(` (anywhere outside a block)
_START = re.compile(r"@\w*[ \t]*(?=[{(])")


def _balanced(depth: int) -> str:
    """A `{...}` group with unescaped braces balanced up to ``depth`` levels inside.

    As in bibtexparser, a brace right after a backslash is an ordinary character. The
    alternatives never overlap, so matching takes linear time even when it fails.
    """
    inner = r"[^{}]*(?:(?<=\\)[{}][^{}]*)*"
    for _ in range(depth):
        inner = r"[^{}]*(?:(?:(?<=\\)[{}]|(?<!\\)\{" + inner + r"(?<!\\)\})[^{}]*)*"
    return r"(?<!\\)\{" + inner + r"(?<!\\)\}"


# A quoted string: ends at the first unescaped `"` (a `{"}` inside is left to bibtexparser).
_QUOTED = r'"[^"]*(?:(?<=\\)"[^"]*)*(?<![\\{])"'
# Text outside braces and quotes; a backslash before a delimiter (which makes it an ordinary
# character) is left to bibtexparser.
_PLAIN = r'[^{}",\\]*(?:\\[^{}",\\\n][^{}",\\]*)*'
# A field value up to the `,` or `}` that ends it: plain text (macros, numbers, `#`), braced
# groups and quoted strings.
_VALUE = _PLAIN + r"(?:(?:" + _balanced(MAX_DEPTH) + "|" + _QUOTED + r")" + _PLAIN + r")*"
_NAME = r'[^{}",=\\@()]*'
_ENTRY_HEAD = re.compile(r"\{(" + _NAME + r"),")
_FIELD = re.compile(r"(" + _NAME + r")=(" + _VALUE + r")([,}])")
_TAIL = re.compile(r"\s*\}")
# the same in a @string block, where quotes and commas mean nothing
_SPLAIN = r"[^{}\\]*(?:\\[^{}\\\n][^{}\\]*)*"
# A @string value runs to the `}` that closes the block.
_STRING = re.compile(
    r"\{(" + _NAME + r")=(" + _SPLAIN + r"(?:" + _balanced(MAX_DEPTH) + _SPLAIN + r")*)\}"
)
# a line starting with `@`: inside a block bibtexparser stops there, so the fast path does not
# handle blocks holding one
_LINE_AT = re.compile(r"\n\s*@")
# a @preamble or @comment block: its braced group
_BRACED = re.compile(_balanced(MAX_DEPTH))
# a block start at the beginning of a line
_NEXT_BLOCK = re.compile(r"\n[^\S\n]*(@\w*[ \t]*[{(])")


def _lines(text: str, start: int, end: int) -> int:
    """Newlines in ``text[start:end]`` as bibtexparser counts them (not those after a
    backslash)."""
    n = text.count("\n", start, end)
    if n:
        n -= text.count("\\\n", max(start - 1, 0), end)
    return n


class FastEntry(NamedTuple):
    """An entry read by the fast path, as plain values: what bibtexparser's :class:`Entry`
    holds (the fields' start lines only if asked for), without its objects."""

    start_line: int
    entry_type: str
    key: str
    fields: list[tuple[str, str]]
    """(name, value) as bibtexparser gives them: name stripped, value as written, stripped"""
    raw: str
    field_lines: list[int] | None = None

    def block(self) -> Entry | DuplicateFieldKeyBlock:
        """bibtexparser's block of this entry (a repeated field name wraps it, as there)."""
        from bibtexparser.model import DuplicateFieldKeyBlock, Entry, Field

        lines = self.field_lines or [0] * len(self.fields)
        fields = [Field(k, v, n) for (k, v), n in zip(self.fields, lines, strict=True)]
        entry = Entry(
            start_line=self.start_line,
            entry_type=self.entry_type,
            key=self.key,
            fields=fields,
            raw=self.raw,
        )
        keys: set[str] = set()
        repeated: set[str] = set()
        for k, _ in self.fields:
            if k in keys:
                repeated.add(k)
            keys.add(k)
        if repeated:
            return DuplicateFieldKeyBlock(duplicate_keys=repeated, entry=entry)
        return entry


class FastString(NamedTuple):
    """A ``@string`` block read by the fast path, as plain values: what bibtexparser's
    :class:`String` holds, without its object."""

    start_line: int
    key: str
    value: str
    raw: str

    def block(self) -> String:
        """bibtexparser's block of this definition."""
        from bibtexparser.model import String

        return String(start_line=self.start_line, key=self.key, value=self.value, raw=self.raw)


class FastComment(NamedTuple):
    """Text between blocks, as plain values: what bibtexparser's :class:`ImplicitComment`
    holds, without its object."""

    start_line: int
    raw: str

    def block(self) -> ImplicitComment:
        """bibtexparser's block of this text."""
        from bibtexparser.model import ImplicitComment

        return ImplicitComment(start_line=self.start_line, raw=self.raw, comment=self.raw)


class FastText(NamedTuple):
    """A ``@preamble`` or ``@comment`` block read by the fast path, as plain values: what
    bibtexparser's :class:`Preamble` or :class:`ExplicitComment` holds, without its object."""

    start_line: int
    preamble: bool
    """a ``@preamble`` (else a ``@comment``)"""
    value: str
    """the preamble's value, or the comment's text (stripped), as bibtexparser gives them"""
    raw: str

    def block(self) -> Preamble | ExplicitComment:
        """bibtexparser's block of this preamble or comment."""
        from bibtexparser.model import ExplicitComment, Preamble

        if self.preamble:
            return Preamble(start_line=self.start_line, value=self.value, raw=self.raw)
        return ExplicitComment(start_line=self.start_line, comment=self.value, raw=self.raw)


def split(text: str) -> Iterator[Block]:
    """The blocks of ``text``, as ``bibtexparser.splitter.Splitter(text).split().blocks``
    gives them (duplicate keys are not wrapped: the caller checks those)."""
    for block in _blocks(text, True):
        fast = (FastEntry, FastString, FastComment, FastText)
        yield block.block() if isinstance(block, fast) else block


def scan(text: str) -> Iterator[Block | FastEntry | FastString | FastComment | FastText]:
    """:func:`split`, with the entries, ``@string``, ``@preamble`` and ``@comment`` blocks of
    the fast path as :class:`FastEntry` (no field lines), :class:`FastString` and
    :class:`FastText`, and the text between blocks as :class:`FastComment`: for a reader that
    only reads the blocks' values."""
    return _blocks(text, False)


def _blocks(
    text: str, field_lines: bool
) -> Iterator[Block | FastEntry | FastString | FastComment | FastText]:
    pos = 0  # where the text after the last block starts (an implicit comment, maybe)
    line = 0  # line number (0-based) at ``pos``
    while True:
        m = _START.search(text, pos)
        end = len(text) if m is None else m.start()
        comment = _implicit_comment(text, pos, end, line)
        if comment is not None:
            yield comment
        if m is None:
            return
        line += _lines(text, pos, end)
        block, block_end = _fast_block(text, m, line, field_lines)
        if block is None:
            # bibtexparser on this block and the text up to the next block starting a line
            # (where it starts a new block in any case), unless a block there fails: then the
            # rest of the text, as that block's error depends on what follows
            nxt = _NEXT_BLOCK.search(text, m.end())
            block_end = nxt.start(1) if nxt is not None else len(text)
            from bibtexparser.model import ParsingFailedBlock

            blocks = list(_fallback(text, end, block_end, line))
            if block_end < len(text) and any(isinstance(b, ParsingFailedBlock) for b in blocks):
                yield from _fallback(text, end, len(text), line)
                return
            yield from blocks
            line += _lines(text, end, block_end)
            pos = block_end
            continue
        yield block
        line += _lines(text, end, block_end)
        pos = block_end


def _fast_block(
    text: str, m: re.Match[str], line: int, field_lines: bool
) -> tuple[FastString | FastEntry | FastText | None, int]:
    """The entry, ``@string``, ``@preamble`` or ``@comment`` block starting at ``m`` and the
    index after it, or ``(None, 0)`` when the block needs bibtexparser's full rules."""
    mark = m.group().lower()
    at = m.end()
    # bibtexparser tells comments, preambles and strings by the start of the type name
    if text.startswith("(", at):
        return None, 0
    if mark.startswith(("@comment", "@preamble")):
        # up to the brace closing the block (a brace after a backslash is an ordinary one)
        bm = _BRACED.match(text, at)
        if bm is None:
            return None, 0
        end = bm.end()
        if _LINE_AT.search(text, at, end) or text.find("\\\n", at, end) >= 0:
            return None, 0
        preamble = mark.startswith("@preamble")
        inner = text[at + 1 : end - 1]
        return FastText(
            line, preamble, inner if preamble else inner.strip(), text[m.start() : end]
        ), end
    if mark.startswith("@string"):
        sm = _STRING.match(text, at)
        if sm is None or _LINE_AT.search(text, at, sm.end()):
            return None, 0
        raw = text[m.start() : sm.end()]
        key = sm.group(1).strip()
        return FastString(line, key, sm.group(2).strip(), raw), sm.end()
    head = _ENTRY_HEAD.match(text, at)
    if head is None:
        return None, 0
    pos = head.end()
    fields: list[tuple[str, str]] = []
    append = fields.append
    lines: list[int] | None = [] if field_lines else None
    count = text.count
    match = _FIELD.match
    field_line = line + count("\n", m.start(), pos)
    while True:
        fm = match(text, pos)
        if fm is None:
            tail = _TAIL.match(text, pos)
            if tail is None:
                return None, 0
            end = tail.end()
            break
        key, value, closer = fm.groups()
        key = key.strip()
        if not key:  # a value without a name: bibtexparser's rules apply
            return None, 0
        append((key, value.strip()))
        if lines is not None:
            eq = fm.end(1)
            field_line += count("\n", pos, eq)
            lines.append(field_line)
            field_line += count("\n", eq, fm.end())
        pos = fm.end()
        if closer == "}":
            end = pos
            break
    # a line starting with `@`, or a backslash hiding a newline from bibtexparser's line count
    at_line = text.find("@", at, end) >= 0 and _LINE_AT.search(text, at, end) is not None
    if at_line or text.find("\\\n", at, end) >= 0:
        return None, 0
    entry = FastEntry(
        line, mark[1:].strip(), head.group(1).strip(), fields, text[m.start() : end], lines
    )
    return entry, end


def _implicit_comment(text: str, start: int, end: int, line: int) -> FastComment | None:
    """Text between blocks, as bibtexparser keeps it (leading blank lines and trailing space
    removed; its start line is that of its first non-blank character)."""
    if start >= end:
        return None
    chunk = text[start:end]
    stripped = chunk.lstrip()
    if not stripped:
        return None
    lead = len(chunk) - len(stripped)
    comment = stripped.rstrip()
    return FastComment(line + chunk.count("\n", 0, lead), comment)


_quiet: list[bool] = []


def _fallback(text: str, start: int, end: int, line: int) -> Iterator[Block]:
    """bibtexparser's splitter on ``text[start:end]``, with start lines made absolute."""
    from bibtexparser.splitter import Splitter

    if not _quiet:
        # bibtexparser logs the blocks it cannot parse; we report them as diagnostics instead,
        # so its messages must not reach stderr through logging's last-resort handler
        import logging

        logging.getLogger("bibtexparser").addHandler(logging.NullHandler())
        _quiet.append(True)
    for block in Splitter(text[start:end]).split().blocks:
        block._start_line_in_file = (block.start_line or 0) + line
        for f in getattr(block, "fields", ()):
            f._start_line = (f.start_line or 0) + line
        inner = getattr(block, "ignore_error_block", None)
        if inner is not None and inner is not block:
            inner._start_line_in_file = (inner.start_line or 0) + line
            for f in getattr(inner, "fields", ()):
                f._start_line = (f.start_line or 0) + line
        yield block
