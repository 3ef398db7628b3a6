"""LaTeX <-> Unicode for BibTeX field values.

:func:`decode` turns the LaTeX of a field value into Unicode text: accents in every form
(``{\\"u}``, ``\\"{u}``, ``\\"u``, ``{\\'\\i}``, ``\\c{c}``), special letters (``\\ss``, ``\\o``,
``\\aa``...), dashes (``--``, ``---``), ``~``, escaped specials (``\\&``, ``\\%``, ``\\$``, ``\\_``,
``\\#``), TeX quotes. In *rich* mode (titles) it also produces the record model's rich text:
case-protecting braces (``{DNA}``) become ``<span class="nocase">DNA</span>``, ``\\textit``/``\\emph``
become ``<i>``, ``\\textbf`` ``<b>``, ``\\textsc`` small caps, ``\\textsuperscript`` ``<sup>`` and
``\\textsubscript`` ``<sub>``; math (``$...$``) becomes text (``$\\alpha$`` α, ``$^{13}$C``
<sup>13</sup>C, letters in italics) inside a nocase span, or stays verbatim there when it holds
something not understood. siunitx (``\\SI``, ``\\qty``, ``\\qtyrange``...), mhchem/chemformula
(``\\ch``, ``\\ce``) and textcomp symbols become text (see :mod:`.latexpkg`). Outside rich mode
braces are dropped and math is kept verbatim. Unknown macros are kept verbatim with their optional
and braced arguments; :func:`unknown_macros` names them.

:func:`encode` is the inverse: ``decode(encode(t, rich=r), rich=r) == t`` for any text ``t``, so a
value survives a write/read trip unchanged. With ``ascii=True`` non-ASCII letters are written as
LaTeX accents (classic BibTeX); otherwise they are kept as UTF-8.

Both functions are table driven and cached; values without LaTeX syntax pass through untouched.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from biblioconv.formats.bibtex import latexpkg
from biblioconv.formats.bibtex.unicode_latex import (
    BY_CHAR,
    FOLDS,
    TEXT_SYMBOLS,
    hat_decode,
    hat_encode,
    math_char,
)

__all__ = [
    "NOCASE_CLOSE",
    "NOCASE_OPEN",
    "decode",
    "encode",
    "needs_decode",
    "needs_parse",
    "strip_markup",
    "to_ascii",
    "unknown_macros",
]

NOCASE_OPEN = '<span class="nocase">'
NOCASE_CLOSE = "</span>"
_SC_OPEN = '<span style="font-variant:small-caps;">'

# -- tables ---------------------------------------------------------------------------------

#: Accent macros -> combining character.
ACCENTS: dict[str, str] = {
    '"': "\u0308",
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "u": "\u0306",
    "v": "\u030c",
    "H": "\u030b",
    "c": "\u0327",
    "k": "\u0328",
    "r": "\u030a",
    "d": "\u0323",
    "b": "\u0331",
    "t": "\u0361",
    "G": "\u030f",
    "U": "\u030e",
}

#: Macros without argument -> text.
SYMBOLS: dict[str, str] = {
    "ss": "ß",
    "SS": "SS",
    "o": "ø",
    "O": "Ø",
    "aa": "å",
    "AA": "Å",
    "ae": "æ",
    "AE": "Æ",
    "oe": "œ",
    "OE": "Œ",
    "l": "ł",
    "L": "Ł",
    "i": "ı",
    "j": "ȷ",
    "dh": "ð",
    "DH": "Ð",
    "th": "þ",
    "TH": "Þ",
    "ng": "ŋ",
    "NG": "Ŋ",
    "dj": "đ",
    "DJ": "Đ",
    "textendash": "–",
    "textemdash": "—",
    "ldots": "…",
    "dots": "…",
    "textellipsis": "…",
    "textquoteleft": "‘",
    "textquoteright": "’",
    "textquotedblleft": "“",
    "textquotedblright": "”",
    "quotedblbase": "„",
    "quotesinglbase": "‚",
    "guillemotleft": "«",
    "guillemotright": "»",
    "guilsinglleft": "‹",
    "guilsinglright": "›",
    "S": "§",
    "P": "¶",
    "textsection": "§",
    "textparagraph": "¶",
    "copyright": "©",
    "textcopyright": "©",
    "textregistered": "®",
    "texttrademark": "™",
    "pounds": "£",
    "textsterling": "£",
    "euro": "€",
    "texteuro": "€",
    "textyen": "¥",
    "textcent": "¢",
    "textdegree": "°",
    "textbackslash": "\\",
    "textasciitilde": "~",
    "textasciicircum": "^",
    "textbar": "|",
    "textless": "<",
    "textgreater": ">",
    "textunderscore": "_",
    "textbullet": "•",
    "textperiodcentered": "·",
    "dag": "†",
    "ddag": "‡",
    "textdagger": "†",
    "textdaggerdbl": "‡",
    "textexclamdown": "¡",
    "textquestiondown": "¿",
    "textordfeminine": "ª",
    "textordmasculine": "º",
    "textmu": "µ",
    "texttimes": "×",
    "textdiv": "÷",
    "textpm": "±",
    "textonehalf": "½",
    "textonequarter": "¼",
    "textthreequarters": "¾",
    "LaTeX": "LaTeX",
    "TeX": "TeX",
    "BibTeX": "BibTeX",
    "LaTeXe": "LaTeX2e",
    "relax": "",
    "space": " ",
    "quad": "\u2003",
    "qquad": "\u2003\u2003",
    "enspace": "\u2002",
    "thinspace": "\u2009",
    "nobreakspace": "\u00a0",
    "slash": "/",
    "par": " ",
    "newline": " ",
    "linebreak": " ",
    "allowbreak": "",
    "hyphen": "-",
}
for _tname, _tsym in TEXT_SYMBOLS.items():  # textcomp symbols the ASCII writer uses
    SYMBOLS.setdefault(_tname, _tsym)

#: Control symbols (backslash + one non-letter) -> text.
CONTROL_SYMBOLS: dict[str, str] = {
    "&": "&",
    "%": "%",
    "$": "$",
    "_": "_",
    "#": "#",
    "{": "{",
    "}": "}",
    " ": " ",
    ",": "\u2009",
    ";": "\u2005",
    ":": "\u2005",
    "!": "",
    "-": "",
    "/": "",
    "@": "",
    "\\": " ",
    "\n": " ",
    "\t": " ",
    "~": "~",
    "^": "^",
}

#: Macros whose (one) braced argument is formatted: macro -> (open, close) rich-text tags.
FORMATTING: dict[str, tuple[str, str]] = {
    "textit": ("<i>", "</i>"),
    "emph": ("<i>", "</i>"),
    "textsl": ("<i>", "</i>"),
    "mkbibemph": ("<i>", "</i>"),
    "mkbibitalic": ("<i>", "</i>"),
    "textbf": ("<b>", "</b>"),
    "mkbibbold": ("<b>", "</b>"),
    "textsc": (_SC_OPEN, "</span>"),
    "textsuperscript": ("<sup>", "</sup>"),
    "mkbibsuperscript": ("<sup>", "</sup>"),
    "textsubscript": ("<sub>", "</sub>"),
    "mkbibsubscript": ("<sub>", "</sub>"),
}

#: Macros whose one argument is kept as plain content.
TRANSPARENT: frozenset[str] = frozenset(
    {
        "textrm",
        "textsf",
        "texttt",
        "textnormal",
        "textup",
        "textmd",
        "mbox",
        "hbox",
        "text",
        "ensuremath",
        "NoCaseChange",
        "MakeUppercase",
        "MakeLowercase",
        "uppercase",
        "lowercase",
    }
)

#: Declarations switching the style of the rest of the group.
SWITCHES: dict[str, tuple[str, str] | None] = {
    "em": ("<i>", "</i>"),
    "it": ("<i>", "</i>"),
    "itshape": ("<i>", "</i>"),
    "sl": ("<i>", "</i>"),
    "slshape": ("<i>", "</i>"),
    "bf": ("<b>", "</b>"),
    "bfseries": ("<b>", "</b>"),
    "sc": (_SC_OPEN, "</span>"),
    "scshape": (_SC_OPEN, "</span>"),
    "rm": None,
    "tt": None,
    "sf": None,
    "normalfont": None,
    "upshape": None,
    "rmfamily": None,
    "ttfamily": None,
    "sffamily": None,
    "mdseries": None,
    "small": None,
    "footnotesize": None,
    "large": None,
    "Large": None,
    "scriptsize": None,
    "tiny": None,
    "normalsize": None,
}

#: Macros whose argument carries no text and is dropped (sort hints).
DROP_ARG: frozenset[str] = frozenset(
    {"noopsort", "sortnoop", "SortNoop", "noop", "nocite", "hspace", "hspace*", "vspace", "vspace*"}
    | {"phantom", "hphantom", "vphantom", "label", "index"}
)

_LINK_MACROS = frozenset({"url", "path", "nolinkurl"})

_ALL_KNOWN: frozenset[str] = frozenset(
    set(SYMBOLS)
    | {k for k in ACCENTS if k.isalpha()}
    | set(FORMATTING)
    | set(TRANSPARENT)
    | set(SWITCHES)
    | set(DROP_ARG)
    | _LINK_MACROS
    | {"href", "foreignlanguage", "ifmmode"}
    | latexpkg.KNOWN
)

#: Control words that :meth:`_Parser._control_word` never keeps as unknown, whatever follows
#: them (not package macros, which can fail to render, nor ``\ifmmode`` without its ``\fi``).
_NEVER_UNKNOWN: frozenset[str] = frozenset(
    {k for k in ACCENTS if len(k) == 1}
    | set(SYMBOLS)
    | set(FORMATTING)
    | set(TRANSPARENT)
    | set(SWITCHES)
    | set(DROP_ARG)
    | _LINK_MACROS
    | {"href", "foreignlanguage"}
    | ((set(latexpkg.TEXT_SYMBOLS) | set(latexpkg.MATH_SYMBOLS)) - set(latexpkg.PACKAGE_SIGNATURES))
)
# every control word of a value, as the tokenizer below finds them (and maybe more)
_CONTROL_WORD = re.compile(r"\\([A-Za-z]+\*?)")

_TOKEN = re.compile(
    r"(?P<cw>\\[A-Za-z]+\*?)(?P<sp>[ \t\n]*)"
    r"|(?P<cs>\\[^A-Za-z])"
    r"|(?P<open>\{)"
    r"|(?P<close>\})"
    r"|(?P<math>\$\$[^$]*\$\$|\$[^$]+\$)"
    r"|(?P<dash>---?)"
    r"|(?P<q>``|''|!`|\?`)"
    r"|(?P<tilde>~)"
    r"|(?P<text>[^\\{}$~`'!?\-]+|.)",
    re.DOTALL,
)

_SPACES = re.compile(r" {2,}")
_NEEDS_DECODE = re.compile(r"[\\{}~$]|--|``|''|!`|\?`")
_NEEDS_PARSE = re.compile(r"[\\{}~$]|``|''|!`|\?`")  # more than dashes
_TEXT_QUOTE = re.compile(r"``|''|!`|\?`")
# text and brace groups one level deep (no macro, math, tie)
_FLAT_GROUPS = re.compile(r"[^{}\\$~]*(?:\{[^{}\\$~]*\}[^{}\\$~]*)*")

_TEXT_QUOTES = {"``": "“", "''": "”", "!`": "¡", "?`": "¿"}


class _Parser:
    """One-pass recursive parser over the token list of a value."""

    __slots__ = ("pos", "rich", "tokens", "unknown")

    def __init__(self, text: str, rich: bool, unknown: list[str] | None = None) -> None:
        # (kind, text, spaces eaten after a control word)
        self.tokens: list[tuple[str, str, str]] = []
        append = self.tokens.append
        for m in _TOKEN.finditer(text):
            kind = m.lastgroup or "text"
            if kind == "sp":
                append(("cw", m.group("cw"), m.group("sp")))
            else:
                append((kind, m.group(kind), ""))
        self.pos = 0
        self.rich = rich
        #: names of the macros kept verbatim because they are not known
        self.unknown: list[str] = [] if unknown is None else unknown

    # -- helpers ----------------------------------------------------------------------------

    def _peek(self) -> tuple[str, str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def _raw_group(self) -> str:
        """Consume a balanced group starting at '{' and return its raw text (braces included)."""
        depth = 0
        out: list[str] = []
        while self.pos < len(self.tokens):
            kind, val, sp = self.tokens[self.pos]
            self.pos += 1
            out.append(val + sp if kind == "cw" else val)
            if kind == "open":
                depth += 1
            elif kind == "close":
                depth -= 1
                if depth == 0:
                    break
        return "".join(out)

    def _raw_optional(self) -> str | None:
        """Consume an optional argument ``[...]`` (brackets inside braces skipped); its raw text."""
        tokens = self.tokens
        tok = self._peek()
        if tok is None or tok[0] != "text" or not tok[1].startswith("["):
            return None
        depth = 0
        parts: list[str] = []
        for i in range(self.pos, len(tokens)):
            kind, val, sp = tokens[i]
            if kind == "open":
                depth += 1
            elif kind == "close":
                depth -= 1
                if depth < 0:
                    return None
            elif kind == "text" and depth == 0:
                j = val.find("]", 1 if i == self.pos else 0)
                if j >= 0:
                    parts.append(val[: j + 1])
                    if j + 1 < len(val):
                        tokens[i] = ("text", val[j + 1 :], "")
                        self.pos = i
                    else:
                        self.pos = i + 1
                    return "".join(parts)[1:-1]
            parts.append(val + sp if kind == "cw" else val)
        return None

    def _fragment(self, nocase: bool) -> latexpkg.Decoder:
        """A decoder of LaTeX fragments in this parser's mode (unknown macros noted here too)."""

        def decode_fragment(src: str) -> str:
            return _Parser(src, self.rich, self.unknown).parse(nocase, in_group=False)

        return decode_fragment

    def _argument(self, nocase: bool) -> str | None:
        """Decode one macro argument: a group or the next single character."""
        tok = self._peek()
        if tok is None:
            return None
        kind, val, _ = tok
        if kind == "open":
            self.pos += 1
            return self.parse(nocase, in_group=True)
        if kind == "text":
            self.pos += 1
            if len(val) > 1:
                self.tokens.insert(self.pos, ("text", val[1:], ""))
            return val[0]
        if kind == "cw":
            name = val[1:]
            if name in ("i", "j"):
                self.pos += 1
                return name
            if name in SYMBOLS:
                self.pos += 1
                return SYMBOLS[name]
        if kind == "cs":
            self.pos += 1
            return CONTROL_SYMBOLS.get(val[1], val)
        return None

    # -- main -------------------------------------------------------------------------------

    def parse(self, nocase: bool, *, in_group: bool) -> str:
        """Parse until the end of the current group; return the decoded text."""
        out: list[str] = []
        closers: list[str] = []
        rich = self.rich
        tokens = self.tokens
        while self.pos < len(tokens):
            kind, val, sp = tokens[self.pos]
            self.pos += 1
            if kind == "text":
                out.append(val)
            elif kind == "close":
                if in_group:
                    break
                out.append("}")
            elif kind == "open":
                nxt = self._peek()
                sym = self._math_symbol()
                if sym is not None:
                    out.append(sym)  # {$\alpha$}: one math symbol, the character
                elif nxt is not None and nxt[0] in ("cw", "cs"):
                    # {\"u}, {\em ...}: a special character or a declaration: not protected
                    out.append(self.parse(nocase, in_group=True))
                elif rich and not nocase:
                    inner = self.parse(True, in_group=True)
                    if inner and ("$" in inner or any(ch.isalpha() for ch in inner)):
                        out.append(NOCASE_OPEN + inner + NOCASE_CLOSE)
                    else:
                        out.append(inner)  # nothing to protect: {"}, {12}
                else:
                    out.append(self.parse(nocase, in_group=True))
            elif kind == "cw":
                out.append(self._control_word(val[1:], sp, nocase, closers))
            elif kind == "cs":
                sym = val[1]
                if sym in ACCENTS:
                    out.append(self._accent(sym, val, nocase))
                else:
                    out.append(CONTROL_SYMBOLS.get(sym, val))
            elif kind == "math":
                out.append(self._math(val, nocase))
            elif kind == "dash":
                out.append("—" if len(val) == 3 else "–")
            elif kind == "q":
                out.append(_TEXT_QUOTES[val])
            elif kind == "tilde":
                out.append("\u00a0")
            else:  # pragma: no cover - every token kind is handled above
                out.append(val)
        out.extend(reversed(closers))
        return "".join(out)

    def _math(self, val: str, nocase: bool) -> str:
        """A math span: text in rich mode when every part is understood, else verbatim."""
        if not self.rich:
            return val
        try:
            text = latexpkg.render_math(_math_inner(val), True, self._fragment(True))
        except latexpkg.NotUnderstood as err:
            self._note(err, None)
            return val if nocase else NOCASE_OPEN + val + NOCASE_CLOSE
        if nocase or not any(ch.isalpha() for ch in strip_markup(text)):
            return text
        return NOCASE_OPEN + text + NOCASE_CLOSE

    def _accent(self, mark: str, raw: str, nocase: bool) -> str:
        arg = self._argument(nocase)
        if arg is None:
            return raw
        if arg == "":
            return unicodedata.normalize("NFC", " " + ACCENTS[mark]).strip() or raw
        base = {"ı": "i", "ȷ": "j"}.get(arg[0], arg[0])
        n = 1
        while n < len(arg) and unicodedata.combining(arg[n]):
            n += 1  # marks already on the letter: the new one goes over them
        return unicodedata.normalize("NFC", base + arg[1:n] + ACCENTS[mark]) + arg[n:]

    def _control_word(self, name: str, sp: str, nocase: bool, closers: list[str]) -> str:
        if name in ACCENTS and len(name) == 1:
            return self._accent(name, "\\" + name + sp, nocase)
        if name in SYMBOLS:
            nxt = self._peek()
            if nxt is not None and nxt[0] == "open" and self._is_empty_group():
                self.pos += 2
            return SYMBOLS[name]
        if name in FORMATTING:
            arg = self._group_arg(nocase)
            if arg is None:
                return ""
            if not self.rich:
                return arg
            open_, close = FORMATTING[name]
            return open_ + arg + close if arg else ""
        if name in TRANSPARENT:
            arg = self._group_arg(nocase)
            return arg or ""
        if name in SWITCHES:
            tags = SWITCHES[name]
            if tags is not None and self.rich:
                closers.append(tags[1])
                return tags[0]
            return ""
        if name in DROP_ARG:
            if self._peek() is not None and self._peek()[0] == "open":  # type: ignore[index]
                self._raw_group()
            return ""
        if name in _LINK_MACROS:
            nxt = self._peek()
            if nxt is not None and nxt[0] == "open":
                raw = self._raw_group()
                return raw[1:-1]
            return ""
        if name in ("href", "foreignlanguage"):
            nxt = self._peek()
            if nxt is not None and nxt[0] == "open":
                self._raw_group()
                return self._group_arg(nocase) or ""
            return ""
        if name in latexpkg.PACKAGE_SIGNATURES:
            return self._package(name, sp, nocase)
        if name in latexpkg.TEXT_SYMBOLS or name in latexpkg.MATH_SYMBOLS:
            if self._is_empty_group():
                self.pos += 2
            return latexpkg.TEXT_SYMBOLS.get(name) or latexpkg.MATH_SYMBOLS[name]
        if name == "ifmmode" and self._text_branch():
            return ""
        return self._unknown(name, sp)

    def _unknown(self, name: str, sp: str) -> str:
        """An unknown macro: verbatim, with its optional and braced arguments."""
        self.unknown.append(name)
        out = "\\" + name + sp
        grouped = False
        while True:
            nxt = self._peek()
            if nxt is None:
                break
            if nxt[0] == "open":
                out += self._raw_group()
                grouped = True
            elif not grouped and nxt[0] == "text" and nxt[1].startswith("["):
                opt = self._raw_optional()
                if opt is None:
                    break
                out += "[" + opt + "]"
            else:
                break
        return out

    def _package(self, name: str, sp: str, nocase: bool) -> str:
        """A siunitx or mhchem macro rendered as text; verbatim when not understood."""
        start = self.pos
        args: list[str | None] = []
        for kind in latexpkg.PACKAGE_SIGNATURES[name]:
            if kind == "o":
                args.append(self._raw_optional())
                continue
            nxt = self._peek()
            if nxt is None or nxt[0] != "open":
                self.pos = start
                return self._unknown(name, sp)
            args.append(self._raw_group()[1:-1])
        try:
            return latexpkg.render_package(name, args, self.rich, self._fragment(nocase))
        except latexpkg.NotUnderstood as err:
            self.pos = start
            out = self._unknown(name, sp)
            self.unknown.pop()
            self._note(err, name)
            return out

    def _note(self, err: latexpkg.NotUnderstood, fallback: str | None) -> None:
        """Note the macro a renderer did not understand (else the macro being rendered)."""
        what = str(err.args[0])
        if what.startswith("\\") and what[1:].rstrip("*").isalpha():
            self.unknown.append(what[1:])
        elif fallback is not None:
            self.unknown.append(fallback)

    def _text_branch(self) -> bool:
        """``\\ifmmode A\\else B\\fi``: keep only B (the text-mode branch)."""
        tokens = self.tokens
        depth, else_at, fi_at = 0, -1, -1
        for i in range(self.pos, len(tokens)):
            kind, val, _ = tokens[i]
            if kind == "open":
                depth += 1
            elif kind == "close":
                depth -= 1
                if depth < 0:
                    return False
            elif kind == "cw" and depth == 0:
                if val == "\\else" and else_at < 0:
                    else_at = i
                elif val == "\\fi":
                    fi_at = i
                    break
        if fi_at < 0:
            return False
        del tokens[fi_at]
        del tokens[self.pos : (else_at if else_at >= 0 else fi_at - 1) + 1]
        return True

    def _math_symbol(self) -> str | None:
        """After '{': a group holding one math symbol (``{$\\leq$}``) -> its character."""
        if self.pos + 1 < len(self.tokens) and self.tokens[self.pos + 1][0] == "close":
            kind, val, _ = self.tokens[self.pos]
            if kind == "math":
                ch = math_char(val)
                if ch is not None:
                    self.pos += 2
                    return ch
        return None

    def _is_empty_group(self) -> bool:
        return (
            self.pos + 1 < len(self.tokens)
            and self.tokens[self.pos][0] == "open"
            and self.tokens[self.pos + 1][0] == "close"
        )

    def _group_arg(self, nocase: bool) -> str | None:
        nxt = self._peek()
        if nxt is None or nxt[0] != "open":
            return None
        self.pos += 1
        return self.parse(nocase, in_group=True)


@lru_cache(maxsize=8192)
def _decode(text: str, rich: bool) -> tuple[str, tuple[str, ...]]:
    if "^^" in text:
        text = hat_decode(text)  # TeX's ^^xx bytes, as LaTeX reads them
    if not _NEEDS_DECODE.search(text):
        return text, ()
    parser = _Parser(text, rich)
    out = parser.parse(False, in_group=False)
    if "  " in out:
        out = _SPACES.sub(" ", out)
    return out, tuple(dict.fromkeys(parser.unknown))


def needs_parse(text: str) -> bool:
    """``_NEEDS_PARSE.search(text) is not None``, by substring tests (a regular expression of
    alternatives costs more on text of any length)."""
    return (
        "\\" in text
        or "{" in text
        or "}" in text
        or "~" in text
        or "$" in text
        or "''" in text
        or ("`" in text and _TEXT_QUOTE.search(text) is not None)
    )


def needs_decode(text: str) -> bool:
    """``_NEEDS_DECODE.search(text) is not None``: :func:`needs_parse`, or dashes."""
    return "--" in text or needs_parse(text)


def decode(text: str, rich: bool = False) -> str:
    """LaTeX source of a field value (outer delimiters removed) -> Unicode (rich) text."""
    if "^^" not in text:
        # plain text (most values), dashes and plain brace groups, as the parser gives them,
        # without the cache
        if not needs_parse(text):
            if "--" not in text:
                return text
            return _spaced(_dashes(text))
        if _FLAT_GROUPS.fullmatch(text) is not None and (
            ("`" not in text and "''" not in text) or _TEXT_QUOTE.search(text) is None
        ):
            return _flat_groups(text, rich)
    return _decode(text, rich)[0]


def _dashes(text: str) -> str:
    return text.replace("---", "—").replace("--", "–") if "--" in text else text


def _spaced(text: str) -> str:
    return _SPACES.sub(" ", text) if "  " in text else text


def _flat_groups(text: str, rich: bool) -> str:
    """Text with brace groups one level deep holding text: the groups protect case (rich)."""
    head, *groups = text.split("{")
    out = [_dashes(head)]
    for group in groups:
        inner, tail = group.split("}")
        inner = _dashes(inner)
        if rich and any(ch.isalpha() for ch in inner):
            out.append(NOCASE_OPEN + inner + NOCASE_CLOSE)
        else:
            out.append(inner)
        out.append(_dashes(tail))
    return _spaced("".join(out))


def unknown_macros(text: str, rich: bool = True) -> tuple[str, ...]:
    """Names of the macros :func:`decode` keeps verbatim in ``text`` as it does not know them."""
    if "\\" not in text:
        return ()
    if (
        "$" not in text
        and "^^" not in text
        and all(name in _NEVER_UNKNOWN for name in _CONTROL_WORD.findall(text))
    ):
        return ()  # only macros the parser always knows (no math, packages): no parse needed
    return _decode(text, rich)[1]


def _math_inner(val: str) -> str:
    return val[2:-2] if val.startswith("$$") else val[1:-1]


@lru_cache(maxsize=4096)
def math_kept(val: str) -> bool:
    """True when :func:`decode` keeps this math span (``$...$``) verbatim in rich text."""
    try:
        latexpkg.render_math(_math_inner(val), True, lambda s: decode(s, True))
    except latexpkg.NotUnderstood:
        return True
    return False


# -- encoding ---------------------------------------------------------------------------------

_RICH_TAGS = re.compile(
    r'(<span class="nocase">|<span style="font-variant:small-caps;">|</span>|<i>|</i>|<b>|</b>'
    r"|<sup>|</sup>|<sub>|</sub>)"
)
_TAG_LATEX: dict[str, str] = {
    NOCASE_OPEN: "{",
    _SC_OPEN: "\\textsc{",
    "<i>": "\\textit{",
    "<b>": "\\textbf{",
    "<sup>": "\\textsuperscript{",
    "<sub>": "\\textsubscript{",
}
_CLOSE_OF: dict[str, str] = {
    NOCASE_OPEN: "</span>",
    _SC_OPEN: "</span>",
    "<i>": "</i>",
    "<b>": "</b>",
    "<sup>": "</sup>",
    "<sub>": "</sub>",
}

_ESCAPE: dict[str, str] = {
    "\\": "\\textbackslash{}",
    "{": "\\{",
    "}": "\\}",
    "&": "\\&",
    "%": "\\%",
    "#": "\\#",
    "_": "\\_",
    "$": "\\$",
    "~": "\\textasciitilde{}",
    "^": "\\textasciicircum{}",
    "\u00a0": "~",
}

_ASCII_SYMBOLS: dict[str, str] = {
    "–": "--",
    "—": "---",
    "“": "``",
    "”": "''",
    "¡": "!`",
    "¿": "?`",
    "…": "\\ldots{}",
}
for _name, _sym in SYMBOLS.items():
    if len(_sym) == 1 and ord(_sym) > 127 and _sym not in _ASCII_SYMBOLS:
        _ASCII_SYMBOLS[_sym] = "{\\" + _name + "}"
_COMBINING_TO_ACCENT: dict[str, str] = {v: k for k, v in ACCENTS.items()}

_ENC_TOKEN_MATH = re.compile(
    r"(?P<math>\$[^$]+\$)"
    r"|(?P<macro>\\[A-Za-z]+(?:\{[^{}\\$]*\})*)"
    r"|(?P<lig>-{2,}|`{2,}|'{2,}|[!?](?=`))"
    r"|(?P<ch>[\\{}&%#_$~^\u00a0])"
    r"|(?P<text>[^\\{}&%#_$~^\u00a0`'!?\-]+|.)",
    re.DOTALL,
)
_ENC_TOKEN = re.compile(
    r"(?P<macro>\\[A-Za-z]+(?:\{[^{}\\$]*\})*)"
    r"|(?P<lig>-{2,}|`{2,}|'{2,}|[!?](?=`))"
    r"|(?P<ch>[\\{}&%#_$~^\u00a0])"
    r"|(?P<text>[^\\{}&%#_$~^\u00a0`'!?\-]+|.)",
    re.DOTALL,
)
_MATH_ONLY = re.compile(r"\$\$[^$]*\$\$|\$[^$]+\$")
_NEEDS_ENCODE = re.compile(r"[\\{}&%#_$~^\u00a0<`'!?]|--|[^\x00-\x7f]")
_LIGATURE_CHARS = frozenset("-`'!?")
_SAFE_FORM: dict[str, str] = {
    "–": "\\textendash{}",
    "—": "\\textemdash{}",
    "“": "\\textquotedblleft{}",
    "”": "\\textquotedblright{}",
    "¡": "\\textexclamdown{}",
    "¿": "\\textquestiondown{}",
}


def _ascii_char(ch: str) -> str:
    """One character (or a letter with its combining marks) as ASCII LaTeX."""
    if ch in FOLDS:
        ch = FOLDS[ch]
        if ch.isascii():
            return ch
    if ch in _ASCII_SYMBOLS:
        return _ASCII_SYMBOLS[ch]
    if ch in BY_CHAR:
        return BY_CHAR[ch]
    decomposed = unicodedata.normalize("NFD", ch)
    if (
        len(decomposed) >= 2
        and ord(decomposed[0]) < 128
        and all(c in _COMBINING_TO_ACCENT for c in decomposed[1:])
    ):
        out = decomposed[0]
        for mark in decomposed[1:]:
            macro = _COMBINING_TO_ACCENT[mark]
            if out in ("i", "j"):
                out = "\\" + out
            sep = " " if macro.isalpha() else ""
            out = "{\\" + macro + sep + out + "}"
        return out
    return hat_encode(ch)  # no LaTeX for it: its UTF-8 bytes, as LaTeX reads them


def _ligature_prone(ch: str) -> bool:
    """Whether a character next to a dash could join it into a TeX ligature once written."""
    return ch in _LIGATURE_CHARS or ch in _SAFE_FORM or ch in FOLDS


def _ascii_run(text: str, start: int, end: int) -> str:
    out: list[str] = []
    i = start
    while i < end:
        c = text[i]
        j = i + 1
        while j < end and unicodedata.combining(text[j]):
            j += 1  # a letter with its combining marks is one accented letter
        if j > i + 1:
            out.append(_ascii_char(text[i:j]))
        elif ord(c) < 128:
            out.append(c)
        else:
            c = FOLDS.get(c, c)
            near = (i > 0 and _ligature_prone(text[i - 1])) or (
                i + 1 < len(text) and _ligature_prone(text[i + 1])
            )
            if c.isascii():
                out.append("{" + c + "}" if near else c)  # "‐-" is not "--"
            elif c in _SAFE_FORM and near:
                out.append(_SAFE_FORM[c])
            else:
                out.append(_ascii_char(c))
        i = j
    return "".join(out)


_UNBRACE_WORD = re.compile(r"^\{(\\[A-Za-z]+)\}")
_UNBRACE_SYMBOL = re.compile(r"^\{(\\[^A-Za-z\s{}][A-Za-z]?)\}")
# an accent command with its letter: {\u E} -> \u{E}, {\~\i} -> \~{\i}
_UNBRACE_ACCENT = re.compile(r"^\{(\\[A-Za-z]+|\\[^A-Za-z\s{}]) ?([A-Za-z]|\\[ij])\}")


def _encode_text(text: str, ascii_: bool, math: bool, rich_math: bool = False) -> str:
    """``math``: ``$...$`` is written as math; ``rich_math``: only math that rich decoding keeps."""
    pattern = _ENC_TOKEN_MATH if math else _ENC_TOKEN
    out: list[str] = []
    after_unknown_macro = False
    for m in pattern.finditer(text):
        kind = m.lastgroup
        val = m.group(0)
        unknown = False
        if kind == "math" and rich_math and not math_kept(val):
            piece = _encode_text(val, ascii_, False)  # literal text: "$x$" would read as math
        elif kind == "math":
            piece = hat_encode(val) if ascii_ else val
        elif kind == "macro":
            name = val[1:].split("{", 1)[0]
            if name in _ALL_KNOWN or name in ACCENTS:
                piece = "\\textbackslash{}" + _encode_text(val[1:], ascii_, math)
            else:
                piece, unknown = (hat_encode(val) if ascii_ else val), True
        elif kind == "lig":
            piece = val + "{}" if val in ("!", "?") else "{}".join(val)
        elif kind == "ch":
            piece = _ESCAPE[val]
        elif ascii_ and not val.isascii():
            piece = _ascii_run(text, m.start(), m.end())
        else:
            piece = val
        if after_unknown_macro and piece.startswith("{") and not piece.startswith("{\\"):
            # "{$\alpha$}" or "{-}" right after a kept macro would read as its argument
            piece = hat_encode(val[0]) + piece[piece.index("}") + 1 :]
        if after_unknown_macro and piece.startswith("{\\"):
            # "{\textcent}" right after a kept macro would read as its argument
            piece = _UNBRACE_WORD.sub(r"\1{}", piece, count=1)
            piece = _UNBRACE_SYMBOL.sub(r"\1", piece, count=1)
            piece = _UNBRACE_ACCENT.sub(r"\1{\2}", piece, count=1)
        out.append(piece)
        after_unknown_macro = unknown
    return "".join(out)


@lru_cache(maxsize=8192)
def encode(text: str, rich: bool = False, ascii: bool = False) -> str:
    """Unicode (rich) text -> LaTeX source such that :func:`decode` gives the text back."""
    if ascii:
        text = unicodedata.normalize("NFC", text)
    if not _NEEDS_ENCODE.search(text):
        return text
    if not rich:
        return _encode_text(text, ascii, True)
    if "<" not in text:
        return _encode_text(text, ascii, False)
    parts = _RICH_TAGS.split(text)
    # only balanced tags are markup; anything else is text
    stack: list[tuple[str, int]] = []
    markup: set[int] = set()
    for i in range(1, len(parts), 2):
        part = parts[i]
        if part in _CLOSE_OF:
            stack.append((part, i))
        elif stack and _CLOSE_OF[stack[-1][0]] == part:
            markup.add(stack.pop()[1])
            markup.add(i)
    out: list[str] = []
    guard: list[int] = []  # positions of "{" opening a nocase group
    nocase_depth = 0
    open_stack: list[str] = []
    bare: set[int] = set()  # nocase spans of one math symbol: written as bare math
    for i in range(1, len(parts) - 2, 2):
        if (
            parts[i] == NOCASE_OPEN
            and i in markup
            and (i + 2) in markup
            and parts[i + 2] == NOCASE_CLOSE
            and _MATH_ONLY.fullmatch(parts[i + 1])
            and math_char(parts[i + 1]) is not None
            and math_kept(parts[i + 1])
        ):
            bare.update((i, i + 2))  # "{$\alpha$}" would read back as the character
    for i, part in enumerate(parts):
        if i in bare:
            continue
        if i % 2 == 0 or i not in markup:
            if not part:
                continue
            if (nocase_depth or i - 1 in bare) and _MATH_ONLY.fullmatch(part) and math_kept(part):
                out.append(hat_encode(part) if ascii else part)
            else:
                out.append(_encode_text(part, ascii, nocase_depth > 0, True))
            continue
        if part in _CLOSE_OF:
            if part == NOCASE_OPEN:
                if not nocase_depth:
                    guard.append(len(out))
                nocase_depth += 1
            out.append(_TAG_LATEX[part])
            open_stack.append(part)
        else:
            if open_stack.pop() == NOCASE_OPEN:
                nocase_depth -= 1
            out.append("}")
    for g in guard:
        # "{\x" would read as a special character, not as protection: "{{}\x"
        if g + 1 < len(out) and out[g + 1].startswith("\\"):
            out[g] = "{{}"
    return "".join(out)


def to_ascii(source: str) -> str:
    """LaTeX source with every non-ASCII character as ASCII LaTeX (as :func:`encode` writes it)."""
    source = unicodedata.normalize("NFC", source)
    return source if source.isascii() else _ascii_run(source, 0, len(source))


_STRIP = re.compile(r"</?(?:i|b|sup|sub)>|<span (?:class|style)=\"[^\"]*\">|</span>")


def strip_markup(text: str) -> str:
    """Rich text -> plain text (tags removed)."""
    return _STRIP.sub("", text) if "<" in text else text
