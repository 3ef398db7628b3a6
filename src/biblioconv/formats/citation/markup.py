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

from .seams import concat

__all__ = [
    "BOLD",
    "ITALIC",
    "LEFT_MARGIN",
    "NOCASE",
    "OUTPUTS",
    "SMALLCAPS",
    "SUB",
    "SUP",
    "UNDERLINE",
    "convert",
    "parse_rich_text",
    "strip_markers",
]

ITALIC = ("\ue000", "\ue001")
BOLD = ("\ue002", "\ue003")
SUP = ("\ue004", "\ue005")
SUB = ("\ue006", "\ue007")
SMALLCAPS = ("\ue008", "\ue009")
UNDERLINE = ("\ue00a", "\ue00b")
NOCASE = ("\ue00c", "\ue00d")
NORMAL = ("\ue00e", "\ue00f")
#: Separates the left-margin field (citation number) from the rest of a bibliography entry.
LEFT_MARGIN = "\ue010"
#: Delimit the first names of a bibliography entry (for subsequent-author-substitute).
AUTHOR = ("\ue011", "\ue012")

MARKER_RE = re.compile("[\ue000-\ue01f]")
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
}

OUTPUTS = ("text", "html", "markdown", "rtf", "latex")

_SOURCE_TAG_RE = re.compile(
    r"<(/?)(i|b|sup|sub|sc|span)((?:\s+[a-z-]+=\"[^\"]*\")*)\s*>", re.IGNORECASE
)


def parse_rich_text(value: str) -> str:
    """Turn the HTML-like markup CSL-JSON allows in strings into internal markers.

    Recognised: ``<i>``, ``<b>``, ``<sup>``, ``<sub>``, ``<sc>``, ``<span class="nocase">``,
    ``<span style="font-variant:small-caps;">`` and ``<span style="font-style:normal;">``.
    Anything else is kept literally.
    """
    if "<" not in value:
        return value
    out: list[str] = []
    stack: list[str] = []
    pos = 0
    for match in _SOURCE_TAG_RE.finditer(value):
        out.append(value[pos : match.start()])
        pos = match.end()
        closing, tag, attrs = match.group(1), match.group(2).lower(), match.group(3) or ""
        if closing:
            if stack and (tag == "span" or stack[-1] not in (NOCASE[1], SMALLCAPS[1], NORMAL[1])):
                out.append(stack.pop())
            else:
                out.append(match.group(0))
            continue
        marker: tuple[str, str] | None
        attrs_norm = attrs.replace(" ", "").lower()
        if tag == "i":
            marker = ITALIC
        elif tag == "b":
            marker = BOLD
        elif tag == "sup":
            marker = SUP
        elif tag == "sub":
            marker = SUB
        elif tag == "sc":
            marker = SMALLCAPS
        elif 'class="nocase"' in attrs_norm:
            marker = NOCASE
        elif "font-variant:small-caps" in attrs_norm:
            marker = SMALLCAPS
        elif "font-style:normal" in attrs_norm:
            marker = NORMAL
        else:
            marker = None
        if marker is None:
            out.append(match.group(0))
            continue
        out.append(marker[0])
        stack.append(marker[1])
    out.append(value[pos:])
    out.extend(reversed(stack))
    return "".join(out)


def strip_markers(text: str) -> str:
    """Remove all internal markers (plain text)."""
    return MARKER_RE.sub("", text)


def _escape_html(text: str) -> str:
    return html.escape(text, quote=False)


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
    },
    "markdown": {
        "italic": "*",
        "bold": "**",
        "sup": "<sup>",
        "sub": "<sub>",
        "smallcaps": "",
        "underline": "",
        "normal": "",
    },
    "rtf": {
        "italic": "{\\i ",
        "bold": "{\\b ",
        "sup": "{\\super ",
        "sub": "{\\sub ",
        "smallcaps": "{\\scaps ",
        "underline": "{\\ul ",
        "normal": "{\\i0 ",
    },
    "latex": {
        "italic": "\\emph{",
        "bold": "\\textbf{",
        "sup": "\\textsuperscript{",
        "sub": "\\textsubscript{",
        "smallcaps": "\\textsc{",
        "underline": "\\underline{",
        "normal": "\\textup{",
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
    },
    "markdown": {
        "italic": "*",
        "bold": "**",
        "sup": "</sup>",
        "sub": "</sub>",
        "smallcaps": "",
        "underline": "",
        "normal": "",
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


def _format_inline(text: str, output: str) -> str:
    """Convert markers to ``output`` markup; italics nested in italics flip to roman."""
    escape = _ESCAPE[output]
    opens, closes = _OPEN[output], _CLOSE[output]
    out: list[str] = []
    stack: list[str] = []
    italic_depth = 0
    pos = 0
    for match in MARKER_RE.finditer(text):
        if match.start() > pos:
            out.append(escape(text[pos : match.start()]))
        pos = match.end()
        tag = _TAGS.get(match.group(0))
        if tag is None:
            continue
        if not tag.startswith("/"):
            if tag == "italic":
                italic_depth += 1
                kind = "italic" if italic_depth % 2 else "normal"
            else:
                kind = tag
            stack.append(kind)
            out.append(opens[kind])
        elif stack:
            if tag == "/italic":
                italic_depth -= 1
            out.append(closes[stack.pop()])
    if pos < len(text):
        out.append(escape(text[pos:]))
    while stack:
        out.append(closes[stack.pop()])
    result = "".join(out)
    if output == "markdown":
        result = result.replace("**", "\x00").replace("*", "*").replace("\x00", "**")
    return result


def convert(text: str, output: str, *, entry: bool = False) -> str:
    """Convert internally marked-up ``text`` to ``output`` (one of :data:`OUTPUTS`).

    With ``entry=True`` a left-margin split is rendered as in citeproc-js: a space in plain
    text, Markdown, RTF and LaTeX, and ``csl-left-margin``/``csl-right-inline`` blocks in HTML.
    """
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
    Superscript = staticmethod(_wrapper(SUP))
    Subscript = staticmethod(_wrapper(SUB))
    SmallCaps = staticmethod(_wrapper(SMALLCAPS))
