"""Citing in a Markdown document: pandoc citation syntax replaced, the bibliography appended.

:func:`cite_document` finds the citations of a Markdown text written in pandoc's syntax
(``[see @doe, pp. 33-35 and passim; @roe, chap. 1]``, ``[-@doe]``, ``@doe`` and
``@doe [p. 4]`` in the text, ``@{odd key}``), cites them through a
:class:`~.session.CitationSession` in document order and returns the document with each
citation rendered and the bibliography of the cited items under a heading (or in place of a
``::: {#refs}`` div). In a note style each citation becomes a footnote ``[^n]``; citations in
the document's own footnotes are rendered in place with their note's number. Code spans and
blocks, e-mail addresses, autolinks, HTML comments, YAML front matter and ``\\@`` are left alone.
A citation naming an unknown key is left as written and reported with its line.

>>> items = [{"id": "doe", "type": "book", "title": "A Book", "author": [{"family": "Doe", "given": "J."}], "issued": {"date-parts": [[2020]]}}]
>>> print(cite_document("As @doe [p. 4] says [see @doe].", items, bibliography_title="").text, end="")
As Doe (2020, p. 4) says (see Doe, 2020).
<BLANKLINE>
Doe, J. (2020). *A Book*.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from biblioconv.model import Record

from .errors import CitationError
from .session import CitationSession
from .writer import document

__all__ = ["DOCUMENT_OUTPUTS", "LOCATOR_LABELS", "DocumentResult", "UnknownKey", "cite_document"]

DOCUMENT_OUTPUTS = ("markdown", "html", "text")
"""The markups a document's citations and bibliography can be rendered in."""

#: Locator terms (English, as pandoc reads them from the locale) and their CSL locator labels.
LOCATOR_LABELS: dict[str, str] = {
    **dict.fromkeys(("book", "books", "bk.", "bks."), "book"),
    **dict.fromkeys(("chapter", "chapters", "chap.", "chaps.", "ch."), "chapter"),
    **dict.fromkeys(("column", "columns", "col.", "cols."), "column"),
    **dict.fromkeys(("figure", "figures", "fig.", "figs."), "figure"),
    **dict.fromkeys(("folio", "folios", "fol.", "fols."), "folio"),
    **dict.fromkeys(("number", "numbers", "no.", "nos."), "number"),
    **dict.fromkeys(("line", "lines", "l.", "ll."), "line"),
    **dict.fromkeys(("note", "notes", "n.", "nn."), "note"),
    **dict.fromkeys(("opus", "opera", "op.", "opp."), "opus"),
    **dict.fromkeys(("page", "pages", "p.", "pp.", "pg.", "pgs."), "page"),
    **dict.fromkeys(("paragraph", "paragraphs", "para.", "paras.", "¶", "¶¶"), "paragraph"),
    **dict.fromkeys(("part", "parts", "pt.", "pts."), "part"),
    **dict.fromkeys(("section", "sections", "sec.", "secs.", "§", "§§"), "section"),
    **dict.fromkeys(("sub verbo", "sub verbis", "s.v.", "s.vv."), "sub verbo"),
    **dict.fromkeys(("verse", "verses", "v.", "vv."), "verse"),
    **dict.fromkeys(("volume", "volumes", "vol.", "vols."), "volume"),
}

# a key starts with a letter, digit or _; inner punctuation must be followed by a word character
_KEY = r"(?:\{(?P<b>[^{}]+)\}|(?P<k>\w(?:\w|[:.#$%&\-+?<>~/](?=\w))*))"
_CITE_PART = re.compile(r"^(?P<prefix>.*?)(?P<minus>-?)@" + _KEY + r"(?P<suffix>.*)$", re.S)
_INTEXT_KEY = re.compile("@" + _KEY)
_LABEL = re.compile(
    r"(?P<label>"
    + "|".join(re.escape(t) for t in sorted(LOCATOR_LABELS, key=len, reverse=True))
    + r")(?=[\s\d{])\s*",
    re.I,
)
_NUM = r"(?:\d[\w.:]*|[ivxlcdm]+(?!\w))"
_RANGE = rf"{_NUM}(?:\s*[-–—]+\s*{_NUM})?"
_VALUE = re.compile(
    rf"\{{(?P<braced>[^{{}}]*)\}}|(?P<value>{_RANGE}(?:(?:\s*[,&]\s*|\s+and\s+){_RANGE})*)", re.I
)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:[ \t]?")
_REFS_OPEN = re.compile(r"^ {0,3}:{3,}\s*\{[^}]*#refs(?![\w-])[^}]*\}\s*:*\s*$")
_DIV_FENCE = re.compile(r"^ {0,3}:{3,}\s*$")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d+[.)])\s")
_HEADING = re.compile(r"^(#{1,6})\s")
_AUTOLINK = re.compile(r"<(?:[A-Za-z][\w+.-]*:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>")
_PUNCTUATION = ".,;:!?"


@dataclass(frozen=True)
class UnknownKey:
    """A citation key with no item, and the line it is on."""

    line: int
    key: str


@dataclass(frozen=True)
class DocumentResult:
    """The rendered document and the unknown keys it cites (left as written)."""

    text: str
    unknown: tuple[UnknownKey, ...] = ()
    clusters: int = 0
    """How many citations were rendered."""

    def warnings(self, source: str = "document") -> list[str]:
        """One line per unknown key: ``paper.md:12: unknown citation key 'foo'``."""
        return [f"{source}:{u.line}: unknown citation key {u.key!r}" for u in self.unknown]


@dataclass
class _Citation:
    start: int
    end: int
    cites: list[dict[str, Any]]
    in_text: bool
    note_ctx: str | None  # None: the main text; else the note it is in
    order: tuple[int, int, int] = (0, 0, 0)
    note: int = 0
    keys_ok: bool = True


@dataclass
class _Scan:
    citations: list[_Citation] = field(default_factory=list)
    note_refs: list[tuple[int, str]] = field(default_factory=list)  # main text only
    inline_notes: list[tuple[int, str]] = field(default_factory=list)
    inline_count: int = 0


def _locator(suffix: str) -> dict[str, str]:
    """The locator, label and suffix of a cite's text after its key (pandoc's rules)."""
    rest = suffix.strip()
    if not rest:
        return {}
    body = rest[1:].lstrip() if rest.startswith(",") else rest
    label_match = _LABEL.match(body)
    label = LOCATOR_LABELS[label_match.group("label").lower()] if label_match else "page"
    after_label = body[label_match.end() :] if label_match else body
    value_match = _VALUE.match(after_label)
    if value_match and (
        label_match or value_match.group("braced") is not None or after_label[0].isdigit()
    ):
        value = value_match.group("braced")
        if value is None:
            value = value_match.group("value")
        tail = after_label[value_match.end() :]
        if not tail or tail[0].isspace() or tail[0] in _PUNCTUATION:
            out = {"locator": value.strip(), "label": label}
            if tail.strip():
                out["suffix"] = (" " if tail[0].isspace() else "") + tail.strip()
            return out
    return {"suffix": (rest if rest.startswith(",") else " " + rest)}


def _parse_bracket(content: str) -> list[dict[str, Any]] | None:
    """The cites of a bracketed citation's content, or None when it is not one."""
    cites: list[dict[str, Any]] = []
    for part in _split(content):
        match = _CITE_PART.match(part)
        if not match or (match.group("prefix") and match.group("prefix")[-1:].isalnum()):
            return None
        cite: dict[str, Any] = {"id": match.group("b") or match.group("k")}
        prefix = match.group("prefix").strip()
        if prefix:
            cite["prefix"] = prefix + " "
        if match.group("minus"):
            cite["suppress-author"] = True
        cite.update(_locator(match.group("suffix")))
        cites.append(cite)
    return cites or None


def _split(content: str) -> list[str]:
    """``content`` split at the semicolons outside braces."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(content):
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(0, depth - 1)
        elif char == ";" and depth == 0:
            parts.append(content[start:i])
            start = i + 1
    parts.append(content[start:])
    return parts


def _closing_bracket(text: str, start: int) -> int:
    """The index of the ``]`` closing the ``[`` at ``start`` (-1 if none)."""
    depth, i = 0, start
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == "`":
            run = len(text[i:]) - len(text[i:].lstrip("`"))
            close = text.find("`" * run, i + run)
            i = (close + run) if close >= 0 else i + run
            continue
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _scan(text: str, start: int, end: int, ctx: str | None, scan: _Scan) -> None:
    """Find citations, footnote references and inline notes in ``text[start:end]``."""
    i = start
    while i < end:
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == "`":
            run = len(text[i:end]) - len(text[i:end].lstrip("`"))
            close = text.find("`" * run, i + run, end)
            while close >= 0 and text[close + run : close + run + 1] == "`":
                close = text.find("`" * run, close + run + 1, end)
            i = (close + run) if close >= 0 else i + run
            continue
        if text.startswith("<!--", i):
            close = text.find("-->", i + 4, end)
            i = close + 3 if close >= 0 else end
            continue
        if char == "<":
            link = _AUTOLINK.match(text, i, end)
            if link:
                i = link.end()
                continue
        if char == "^" and text.startswith("^[", i):
            close = _closing_bracket(text[:end], i + 1)
            if close > 0:
                scan.inline_count += 1
                label = f"inline {scan.inline_count}"  # no footnote label has a space
                if ctx is None:
                    scan.inline_notes.append((i, label))
                _scan(text, i + 2, close, label if ctx is None else ctx, scan)
                i = close + 1
                continue
        if char == "[":
            if text.startswith("[^", i):
                close = text.find("]", i)
                if (
                    0 < close < end
                    and ctx is None
                    and re.fullmatch(r"[^\]\s]+", text[i + 2 : close])
                ):
                    scan.note_refs.append((i, text[i + 2 : close]))
                i += 2
                continue
            close = _closing_bracket(text[:end], i)
            if close > 0 and text[close + 1 : close + 2] not in ("(", "[", ":"):
                cites = _parse_bracket(text[i + 1 : close])
                if cites is not None:
                    scan.citations.append(_Citation(i, close + 1, cites, False, ctx))
                    i = close + 1
                    continue
        if char == "@" and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "_@")):
            match = _INTEXT_KEY.match(text, i, end)
            if match:
                cite: dict[str, Any] = {"id": match.group("b") or match.group("k")}
                stop = match.end()
                after = re.compile(r" ?\[").match(text, stop, end)
                if after:
                    open_at = after.end() - 1
                    close = _closing_bracket(text[:end], open_at)
                    inner = text[open_at + 1 : close] if close > 0 else ""
                    if (
                        close > 0
                        and text[close + 1 : close + 2] not in ("(", "[")
                        and _parse_bracket(inner) is None
                        and not inner.startswith("^")
                    ):
                        cite.update(_locator(inner))
                        stop = close + 1
                scan.citations.append(_Citation(i, stop, [cite], True, ctx))
                i = stop
                continue
        i += 1


@dataclass
class _Layout:
    regions: list[tuple[int, int, str | None]] = field(default_factory=list)
    refs: tuple[int, int] | None = None
    note_defs: dict[str, int] = field(default_factory=dict)
    heading_levels: list[int] = field(default_factory=list)


def _layout(text: str) -> _Layout:
    """The document's text regions (code, front matter and the refs div excluded), with the
    footnote definition each belongs to."""
    layout = _Layout()
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    n = len(lines)
    i = 0
    if lines and lines[0].rstrip() == "---":
        for j in range(1, n):
            if lines[j].rstrip() in ("---", "..."):
                i = j + 1
                break
    fence: tuple[str, int] | None = None
    note: str | None = None
    blank_before = True
    listy = False
    while i < n:
        line = lines[i]
        stripped = line.strip()
        if fence is not None:
            match = _FENCE.match(line)
            if (
                match
                and match.group(1)[0] == fence[0]
                and len(match.group(1)) >= fence[1]
                and not line[match.end() :].strip()
            ):
                fence = None
            i += 1
            blank_before = False
            continue
        fence_match = _FENCE.match(line)
        if fence_match and not (
            fence_match.group(1)[0] == "`" and "`" in line[fence_match.end() :]
        ):
            fence = (fence_match.group(1)[0], len(fence_match.group(1)))
            i += 1
            continue
        if not stripped:
            blank_before = True
            i += 1
            continue
        indented = line.startswith(("    ", "\t"))
        if note is not None and blank_before and not indented:
            note = None
        if indented and blank_before and not listy and note is None:
            i += 1  # an indented code block
            continue
        if note is None and _REFS_OPEN.match(line):
            close = next((j for j in range(i + 1, n) if _DIV_FENCE.match(lines[j])), None)
            if close is not None:
                layout.refs = (offsets[i], offsets[close + 1])
                i = close + 1
                blank_before = True
                continue
        start = offsets[i]
        definition = _FOOTNOTE_DEF.match(line)
        if definition:
            note = definition.group(1)
            layout.note_defs.setdefault(note, offsets[i])
            start += definition.end()
        elif note is None:
            heading = _HEADING.match(line)
            if heading:
                layout.heading_levels.append(len(heading.group(1)))
            if blank_before:
                listy = bool(_LIST_ITEM.match(line)) or (listy and indented)
        if layout.regions and layout.regions[-1][1] == start and layout.regions[-1][2] == note:
            layout.regions[-1] = (layout.regions[-1][0], offsets[i + 1], note)
        else:
            layout.regions.append((start, offsets[i + 1], note))
        blank_before = False
        i += 1
    return layout


def _bibliography_level(levels: Sequence[int]) -> int:
    """The heading level of the appended bibliography: that of the document's sections (a
    single top heading first is the title)."""
    if not levels:
        return 1
    top = min(levels)
    if levels.count(top) == 1 and levels[0] == top and len(levels) > 1:
        top = min(levels[1:])
    return top


def cite_document(
    text: str,
    items: Iterable[Record | dict[str, Any]],
    style: str = "apa",
    locale: str = "en-US",
    output: str = "markdown",
    *,
    bibliography_title: str = "References",
) -> DocumentResult:
    """Render the pandoc citations of the Markdown ``text`` with ``items`` in ``style``.

    ``output`` (markdown, html or text) is the markup of the citations and the bibliography.
    The bibliography replaces a ``::: {#refs}`` div, else it is appended under a heading
    ``bibliography_title`` (none when empty). Unknown keys are left as written and listed in
    the result.
    """
    if output not in DOCUMENT_OUTPUTS:
        raise CitationError(f"output {output!r}: expected one of {', '.join(DOCUMENT_OUTPUTS)}")
    session = CitationSession(style, locale, output, items=items)
    known = {str(item["id"]).lower() for item in session.items}
    layout = _layout(text)
    scan = _Scan()
    for start, end, ctx in layout.regions:
        _scan(text, start, end, ctx, scan)

    # document order and note numbers
    anchors: dict[str, int] = {}
    for offset, label in scan.note_refs:
        anchors.setdefault(label, offset)
    for offset, label in scan.inline_notes:
        anchors[label] = offset
    unknown: list[UnknownKey] = []
    for citation in scan.citations:
        if citation.note_ctx is None:
            citation.order = (citation.start, 0, 0)
        else:
            anchor = anchors.get(
                citation.note_ctx, layout.note_defs.get(citation.note_ctx, citation.start)
            )
            citation.order = (anchor, 1, citation.start)
        for cite in citation.cites:
            if str(cite["id"]).lower() not in known:
                citation.keys_ok = False
                line = text.count("\n", 0, citation.start) + 1
                unknown.append(UnknownKey(line, str(cite["id"])))
    cited = sorted((c for c in scan.citations if c.keys_ok), key=lambda c: c.order)
    main_events: list[tuple[int, str | None, _Citation | None]] = [
        (offset, label, None) for label, offset in anchors.items()
    ]
    main_events += [(c.start, None, c) for c in cited if c.note_ctx is None]
    note_numbers: dict[str, int] = {}
    counter = 0
    for _, note_label, event in sorted(main_events, key=lambda e: e[0]):
        if event is None and note_label is not None:
            counter += 1
            note_numbers[note_label] = counter
        elif event is not None and session.note_style:
            counter += 1
            event.note = counter
    for citation in cited:
        if citation.note_ctx is not None:
            if citation.note_ctx not in note_numbers:
                counter += 1
                note_numbers[citation.note_ctx] = counter
            citation.note = note_numbers[citation.note_ctx]

    # cite: in-text citations also get an author-only cluster, after all others
    clusters: list[tuple[list[dict[str, Any]], int | None]] = []
    authors: list[tuple[list[dict[str, Any]], int | None]] = []
    seen: set[str] = set()
    for citation in cited:
        cites = [dict(c) for c in citation.cites]
        if citation.in_text:
            key = str(cites[0]["id"]).lower()
            position = "subsequent" if key in seen else "first"
            authors.append(([{"id": cites[0]["id"], "author-only": True, "position": position}], 0))
            cites[0]["suppress-author"] = True
        seen.update(str(c["id"]).lower() for c in cites)
        clusters.append((cites, citation.note))
    rendered = session.cite_all(clusters + authors) if clusters else []
    texts = [c.text for c in rendered]
    author_texts = iter(texts[len(clusters) :])

    # edits on the text
    edits: list[tuple[int, int, str]] = []
    footnotes: list[str] = []
    taken = set(layout.note_defs)
    for citation, body in zip(cited, texts, strict=False):
        author = next(author_texts) if citation.in_text else ""
        if citation.note_ctx is None and session.note_style:
            label = (
                str(citation.note) if str(citation.note) not in taken else f"cite-{citation.note}"
            )
            footnotes.append(f"[^{label}]: {body}")
            start, end, mark = citation.start, citation.end, f"[^{label}]"
            if citation.in_text:
                edits.append((start, end, author + mark))
                continue
            while start > 0 and text[start - 1] in " \t":
                start -= 1
            if end < len(text) and text[end] in _PUNCTUATION:
                mark = text[end] + mark
                end += 1
            edits.append((start, end, mark))
        else:
            if (
                session.note_style
                and body.endswith(".")
                and text[citation.end :].split("\n\n", 1)[0].strip()
            ):
                body = body[:-1]  # a note's citation within its text ends no sentence
            text_ = f"{author} {body}" if citation.in_text and author else body
            edits.append((citation.start, citation.end, text_))

    entries = [e.text for e in session.bibliography()]
    bibliography = document(entries, "markdown" if output == "text" else output) if entries else ""
    if layout.refs is not None:
        after = text[layout.refs[1] :]
        gap = "\n" if bibliography and after.strip() and not after.startswith("\n") else ""
        edits.append((layout.refs[0], layout.refs[1], bibliography + gap))
    out = text
    for start, end, replacement in sorted(edits, key=lambda e: e[0], reverse=True):
        out = out[:start] + replacement + out[end:]
    if entries and layout.refs is None:
        out = out.rstrip("\n") + "\n\n"
        if bibliography_title:
            out += "#" * _bibliography_level(layout.heading_levels) + f" {bibliography_title}\n\n"
        out += bibliography
    if footnotes:
        out = out.rstrip("\n") + "\n\n" + "\n\n".join(footnotes) + "\n"
    return DocumentResult(out, tuple(unknown), len(cited))
