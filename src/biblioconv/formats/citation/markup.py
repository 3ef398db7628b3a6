"""Internal rich-text markup of rendered citations and its conversion to output formats.

While a style is rendered, formatting (italics, bold, small caps, sub/superscript, underline),
protected case (``<span class="nocase">``) and the left-margin split of numbered bibliographies
are carried as private-use characters inside ordinary strings. An entry is rendered once and
converted afterwards to plain text, HTML, Markdown, RTF or LaTeX.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from citeproc.string import String

from .flipflop import parse as _parse_flipflop
from .markers import (
    AUTHOR,
    BASELINE,
    BOLD,
    DISPLAY,
    DISPLAY_CLOSE,
    INNER_QUOTE,
    ITALIC,
    LEFT_MARGIN,
    MARKER_RE,
    NOCASE,
    NODECOR,
    NORMAL,
    QUOTE,
    QUOTE_CLOSE,
    QUOTE_CLOSE_KEPT,
    SMALLCAPS,
    SUB,
    SUP,
    UNDERLINE,
)
from .numeric import superscripts_to_html
from .seams import concat

__all__ = [
    "AUTHOR",
    "BASELINE",
    "BOLD",
    "DISPLAY",
    "DISPLAY_CLOSE",
    "INNER_QUOTE",
    "ITALIC",
    "LEFT_MARGIN",
    "MARKER_RE",
    "NOCASE",
    "NODECOR",
    "NORMAL",
    "OUTPUTS",
    "QUOTE",
    "QUOTE_CLOSE",
    "QUOTE_CLOSE_KEPT",
    "SMALLCAPS",
    "SUB",
    "SUP",
    "UNDERLINE",
    "convert",
    "display",
    "parse_rich_text",
    "strip_markers",
]

_TAGS = {
    ITALIC[0]: "italic",
    ITALIC[1]: "/italic",
    BOLD[0]: "bold",
    BOLD[1]: "/bold",
    SUP[0]: "sup",
    SUP[1]: "/sup",
    SUB[0]: "sub",
    SUB[1]: "/sub",
    SMALLCAPS[0]: "smallcaps",
    SMALLCAPS[1]: "/smallcaps",
    UNDERLINE[0]: "underline",
    UNDERLINE[1]: "/underline",
    NORMAL[0]: "normal",
    NORMAL[1]: "/normal",
    BASELINE[0]: "baseline",
    BASELINE[1]: "/baseline",
    NODECOR[0]: "nodecor",
    NODECOR[1]: "/nodecor",
}

OUTPUTS = ("text", "html", "markdown", "rtf", "latex")


def parse_rich_text(value: str) -> str:
    """Turn the HTML-like markup and quotes CSL-JSON allows in strings into internal markers.

    Recognised as citeproc-js does (see :mod:`.flipflop`): ``<i>``, ``<b>``, ``<sup>``,
    ``<sub>``, ``<sc>``, ``<span class="nocase">``, ``<span class="nodecor">``,
    ``<span style="font-variant:small-caps;">``, ``<span style="font-style:normal;">`` and
    quotes. Anything else, and tags that do not pair, are kept literally.
    """
    return _parse_flipflop(value)


def strip_markers(text: str) -> str:
    """Remove all internal markers (plain text)."""
    return MARKER_RE.sub("", text)


def _escape_html(text: str) -> str:
    return superscripts_to_html(html.escape(text, quote=False))


def _escape_markdown(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>])", r"\\\1", text)


def _escape_rtf(text: str) -> str:
    out = []
    for ch in text:
        code = ord(ch)
        if ch in "\\{}":
            out.append("\\" + ch)
        elif code < 128:
            out.append(ch)
        elif code < 0x10000:
            signed = code if code < 0x8000 else code - 0x10000
            out.append(f"\\uc0\\u{signed} ")
        else:
            for unit in ch.encode("utf-16-be").hex(" ", 2).split():
                value = int(unit, 16)
                out.append(f"\\uc0\\u{value if value < 0x8000 else value - 0x10000} ")
    return "".join(out)


_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def _escape_latex(text: str) -> str:
    return "".join(_LATEX_SPECIALS.get(ch, ch) for ch in text)


_OPEN: dict[str, dict[str, str]] = {
    "html": {
        "italic": "<i>",
        "bold": "<b>",
        "sup": "<sup>",
        "sub": "<sub>",
        "smallcaps": '<span style="font-variant:small-caps;">',
        "underline": '<span style="text-decoration:underline;">',
        "normal": '<span style="font-style:normal;">',
        "boldnormal": '<span style="font-weight:normal;">',
        "scnormal": '<span style="font-variant:normal;">',
        "baseline": '<span style="baseline">',
    },
    "markdown": {
        "italic": "*",
        "bold": "**",
        "sup": "<sup>",
        "sub": "<sub>",
        "smallcaps": "",
        "underline": "",
        "normal": "",
        "boldnormal": "",
        "scnormal": "",
        "baseline": "",
    },
    "rtf": {
        "italic": "{\\i ",
        "bold": "{\\b ",
        "sup": "{\\super ",
        "sub": "{\\sub ",
        "smallcaps": "{\\scaps ",
        "underline": "{\\ul ",
        "normal": "{\\i0 ",
        "boldnormal": "{\\b0 ",
        "scnormal": "{\\scaps0 ",
        "baseline": "{\\nosupersub ",
    },
    "latex": {
        "italic": "\\emph{",
        "bold": "\\textbf{",
        "sup": "\\textsuperscript{",
        "sub": "\\textsubscript{",
        "smallcaps": "\\textsc{",
        "underline": "\\underline{",
        "normal": "\\textup{",
        "boldnormal": "\\textmd{",
        "scnormal": "\\textup{",
        "baseline": "{",
    },
}
_CLOSE: dict[str, dict[str, str]] = {
    "html": {
        "italic": "</i>",
        "bold": "</b>",
        "sup": "</sup>",
        "sub": "</sub>",
        "smallcaps": "</span>",
        "underline": "</span>",
        "normal": "</span>",
        "boldnormal": "</span>",
        "scnormal": "</span>",
        "baseline": "</span>",
    },
    "markdown": {
        "italic": "*",
        "bold": "**",
        "sup": "</sup>",
        "sub": "</sub>",
        "smallcaps": "",
        "underline": "",
        "normal": "",
        "boldnormal": "",
        "scnormal": "",
        "baseline": "",
    },
    "rtf": {k: "}" for k in _OPEN["rtf"]},
    "latex": {k: "}" for k in _OPEN["latex"]},
}
_ESCAPE: dict[str, Callable[[str], str]] = {
    "html": _escape_html,
    "markdown": _escape_markdown,
    "rtf": _escape_rtf,
    "latex": _escape_latex,
}


#: Formatting that flips inside itself: what it opens outside, and inside, itself.
_FLIPS = {
    "italic": ("italic", "normal"),
    "bold": ("bold", "boldnormal"),
    "smallcaps": ("smallcaps", "scnormal"),
}


def _format_inline(text: str, output: str) -> str:
    """Convert markers to ``output`` markup.

    Italics, bold and small caps flip: inside italics, italics turn to roman (and so on), and
    ``nodecor`` turns off those in force, as citeproc-js renders them.
    """
    escape = _ESCAPE[output]
    opens, closes = _OPEN[output], _CLOSE[output]
    out: list[str] = []
    stack: list[tuple[list[str], dict[str, bool]]] = []
    active = {"italic": False, "bold": False, "smallcaps": False, "align": False}
    pos = 0
    for match in MARKER_RE.finditer(text):
        if match.start() > pos:
            out.append(escape(text[pos : match.start()]))
        pos = match.end()
        tag = _TAGS.get(match.group(0))
        if tag is None:
            continue
        if not tag.startswith("/"):
            saved = dict(active)
            if tag in _FLIPS:
                kinds = [_FLIPS[tag][1] if active[tag] else _FLIPS[tag][0]]
                active[tag] = not active[tag]
            elif tag == "nodecor":
                kinds = [_FLIPS[k][1] for k in ("italic", "smallcaps", "bold") if active[k]]
                active.update(italic=False, bold=False, smallcaps=False)
            elif tag == "normal":
                kinds = ["normal"] if active["italic"] else []
                active["italic"] = False
            elif tag == "baseline":
                kinds = ["baseline"] if active["align"] else []
                active["align"] = False
            else:
                kinds = [tag]
                if tag in ("sup", "sub"):
                    active["align"] = True
            stack.append((kinds, saved))
            out.extend(opens[kind] for kind in kinds)
        elif stack:
            kinds, active = stack.pop()
            out.extend(closes[kind] for kind in reversed(kinds))
    if pos < len(text):
        out.append(escape(text[pos:]))
    while stack:
        kinds, active = stack.pop()
        out.extend(closes[kind] for kind in reversed(kinds))
    return "".join(out)


_DISPLAY_KIND = {marker: kind for kind, marker in DISPLAY.items()}
_DISPLAY_RE = re.compile(f"([{''.join(DISPLAY.values())}{DISPLAY_CLOSE}])")
#: citeproc-js's HTML for the parts of an entry, with its line breaks and indentation.
_DISPLAY_HTML = {
    "block": ('\n\n    <div class="csl-block">', "</div>\n"),
    "left-margin": ('\n    <div class="csl-left-margin">', "</div>"),
    "right-inline": ('<div class="csl-right-inline">', "</div>\n  "),
    "indent": ('<div class="csl-indent">', "</div>\n  "),
}


def display(kind: str, text: object) -> object:
    """``text`` marked as the part of an entry an element with ``display="kind"`` renders."""
    marker = DISPLAY.get(kind)
    if marker is None:
        return text
    return concat(concat(String(marker), text), String(DISPLAY_CLOSE))


def _display_parts(text: str) -> list[tuple[str | None, str]]:
    """``text`` cut into its parts: ``(display kind or None, text)``; nested parts are inline."""
    parts: list[tuple[str | None, str]] = []
    kind: str | None = None
    depth = 0
    buffer: list[str] = []
    for piece in _DISPLAY_RE.split(text):
        if piece in _DISPLAY_KIND:
            if depth == 0:
                parts.append((None, "".join(buffer)))
                buffer, kind = [], _DISPLAY_KIND[piece]
            depth += 1
        elif piece == DISPLAY_CLOSE:
            depth = max(depth - 1, 0)
            if depth == 0:
                parts.append((kind, "".join(buffer)))
                buffer, kind = [], None
        else:
            buffer.append(piece)
    parts.append((kind, "".join(buffer)))
    parts = [(k, t) for k, t in parts if strip_markers(t).strip()]
    if len(parts) > 1 and parts[-1][0] is None and parts[-2][0] is not None:
        tail = strip_markers(parts[-1][1]).strip()
        if not any(ch.isalnum() for ch in tail):
            # punctuation after the last display part (the layout suffix) goes inside it
            parts[-2:] = [(parts[-2][0], parts[-2][1] + parts[-1][1].strip())]
    return parts


def _convert_display(text: str, output: str) -> str:
    """An entry with display parts: divs in HTML as citeproc-js writes them; elsewhere the
    parts one after another, a space between."""
    parts = _display_parts(text)
    if output == "html":
        out = []
        for kind, part in parts:
            inline = _format_inline(part, output)
            if kind is None:
                out.append(inline)
            else:
                out.append(_DISPLAY_HTML[kind][0] + inline + _DISPLAY_HTML[kind][1])
        return "".join(out).strip()
    pieces = [strip_markers(p) if output == "text" else _format_inline(p, output) for _, p in parts]
    joined = ""
    for piece in pieces:
        if joined and not joined[-1].isspace() and not piece[:1].isspace():
            joined += " "
        joined += piece
    return joined


def convert(text: str, output: str, *, entry: bool = False) -> str:
    """Convert internally marked-up ``text`` to ``output`` (one of :data:`OUTPUTS`).

    With ``entry=True`` a left-margin split is rendered as in citeproc-js: a space in plain
    text, Markdown, RTF and LaTeX, and ``csl-left-margin``/``csl-right-inline`` blocks in HTML;
    so are the parts of elements with ``display`` (``csl-block`` and ``csl-indent`` too; in
    citations they are inline).
    """
    if DISPLAY_CLOSE in text:
        if entry:
            return _convert_display(text, output)
        text = _DISPLAY_RE.sub("", text)
    if LEFT_MARGIN in text:
        left, right = text.split(LEFT_MARGIN, 1)
        if output == "html" and entry:
            return (
                f'<div class="csl-left-margin">{_format_inline(left, output)}</div>'
                f'<div class="csl-right-inline">{_format_inline(right, output)}</div>'
            )
        if output == "text":
            return strip_markers(left) + " " + strip_markers(right)
        return _format_inline(left, output) + " " + _format_inline(right, output)
    if output == "text":
        return strip_markers(text)
    return _format_inline(text, output)


def _wrapper(pair: tuple[str, str]) -> Callable[[object], object]:
    def wrap(text: object) -> object:
        return concat(concat(String(pair[0]), text), String(pair[1]))

    return wrap


class InternalFormatter:
    """citeproc-py formatter emitting internal markers (see :func:`convert`)."""

    @staticmethod
    def preformat(text: object) -> object:
        """Text is kept as is; escaping happens on conversion."""
        return text

    Italic = staticmethod(_wrapper(ITALIC))
    Oblique = staticmethod(_wrapper(ITALIC))
    Bold = staticmethod(_wrapper(BOLD))
    Light = staticmethod(lambda text: text)
    Underline = staticmethod(_wrapper(UNDERLINE))
    Normal = staticmethod(_wrapper(NORMAL))
    Baseline = staticmethod(_wrapper(BASELINE))
    Superscript = staticmethod(_wrapper(SUP))
    Subscript = staticmethod(_wrapper(SUB))
    SmallCaps = staticmethod(_wrapper(SMALLCAPS))
