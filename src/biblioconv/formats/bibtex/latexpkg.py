"""Text renderings of the LaTeX macros people write in titles: siunitx, mhchem/chemformula, math.

:mod:`.latex` hands a macro's raw arguments (LaTeX source) to :func:`render_package` or the content
of a math span to :func:`render_math`, with a ``text`` callback that decodes a fragment of ordinary
LaTeX. They return the model's rich text (``rich=True``) or plain text, and raise
:class:`NotUnderstood` naming the first macro they cannot render; the caller then keeps the source
verbatim. Powers of units and exponents of numbers use Unicode superscripts (``m²``, ``10⁻³``) so
they read right in plain-text outputs too; chemical formulas and math use ``<sub>``/``<sup>`` in
rich text.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

__all__ = [
    "KNOWN",
    "MATH_SYMBOLS",
    "PACKAGE_SIGNATURES",
    "TEXT_SYMBOLS",
    "NotUnderstood",
    "render_math",
    "render_package",
    "script",
]

Decoder = Callable[[str], str]

NBSP = "\u00a0"
THIN = "\u2009"
MINUS = "\u2212"


class NotUnderstood(Exception):
    """A macro (named by ``args[0]``) the renderer does not know."""


# -- scripts ------------------------------------------------------------------------------------

_SUP = str.maketrans("0123456789+-\u2212=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿⁱ")
_SUB = str.maketrans("0123456789+-\u2212=()aehklmnopstx", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕₖₗₘₙₒₚₛₜₓ")
_SUP_CHARS = frozenset("0123456789+-\u2212=()ni")
_SUB_CHARS = frozenset("0123456789+-\u2212=()aehklmnopstx")


def script(kind: str, content: str, rich: bool) -> str:
    """A superscript (``kind="sup"``) or subscript: a tag in rich text, else Unicode when possible."""
    if not content:
        return ""
    if rich:
        return f"<{kind}>{content}</{kind}>"
    chars, table = (_SUP_CHARS, _SUP) if kind == "sup" else (_SUB_CHARS, _SUB)
    if all(c in chars for c in content):
        return content.translate(table)
    return content


def _unicode_sup(text: str) -> str | None:
    return text.translate(_SUP) if text and all(c in _SUP_CHARS for c in text) else None


# -- symbol tables ------------------------------------------------------------------------------

#: Text-mode symbols (textcomp and friends) beyond the core table of :mod:`.latex`.
TEXT_SYMBOLS: dict[str, str] = {
    "textperthousand": "‰",
    "textpertenthousand": "‱",
    "textbrokenbar": "¦",
    "textlangle": "⟨",
    "textrangle": "⟩",
    "textsurd": "√",
    "textnumero": "№",
    "textcelsius": "℃",
    "textohm": "Ω",
    "textmho": "℧",
    "textminus": MINUS,
    "textfractionsolidus": "⁄",
    "textlnot": "¬",
    "textonesuperior": "¹",
    "texttwosuperior": "²",
    "textthreesuperior": "³",
    "textasciiacute": "´",
    "textasciidieresis": "¨",
    "textasciimacron": "¯",
    "textasciibreve": "˘",
    "textasciicaron": "ˇ",
    "textasciigrave": "`",
    "textacutedbl": "˝",
    "textcurrency": "¤",
    "textflorin": "ƒ",
    "textwon": "₩",
    "textnaira": "₦",
    "textpeso": "₱",
    "textlira": "₤",
    "textbaht": "฿",
    "textdong": "₫",
    "textcolonmonetary": "₡",
    "textdollar": "$",
    "textestimated": "℮",
    "textleftarrow": "←",
    "textrightarrow": "→",
    "textuparrow": "↑",
    "textdownarrow": "↓",
    "textmusicalnote": "♪",
    "textreferencemark": "※",
    "textinterrobang": "‽",
    "textopenbullet": "◦",
    "textbigcircle": "◯",
    "textcircledP": "℗",
    "textservicemark": "℠",
    "textrecipe": "℞",
    "textdiscount": "⁒",
    "textquotesingle": "'",
    "textquotedbl": '"',
    "textvisiblespace": "␣",
    "textpilcrow": "¶",
    "textlbrackdbl": "⟦",
    "textrbrackdbl": "⟧",
    "textlquill": "⁅",
    "textrquill": "⁆",
    "textblank": "␢",
    "textdblhyphen": "⹀",
    "textnospace": "",
    "textordmasculine": "º",
    "textdegree": "°",
    "textcopyleft": "🄯",
    "textsuperscriptone": "¹",
    "textbar": "|",
    "textbardbl": "‖",
    "textminussign": MINUS,
    "textapprox": "≈",
    "textleq": "≤",
    "textgeq": "≥",
    "texthyphen": "-",
    "textsquare": "□",
    "textalpha": "α",
    "textbeta": "β",
    "textgamma": "γ",
    "textdelta": "δ",
    "textmugreek": "μ",
    "textpi": "π",
    "textOmega": "Ω",
    "degree": "°",
    "celsius": "°C",
    "degreecelsius": "°C",
    "micro": "µ",
    "ohm": "Ω",
    "permil": "‰",
}

_GREEK = {
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "epsilon": "ϵ",
    "varepsilon": "ε",
    "zeta": "ζ",
    "eta": "η",
    "theta": "θ",
    "vartheta": "ϑ",
    "iota": "ι",
    "kappa": "κ",
    "varkappa": "ϰ",
    "lambda": "λ",
    "mu": "μ",
    "nu": "ν",
    "xi": "ξ",
    "omicron": "ο",
    "pi": "π",
    "varpi": "ϖ",
    "rho": "ρ",
    "varrho": "ϱ",
    "sigma": "σ",
    "varsigma": "ς",
    "tau": "τ",
    "upsilon": "υ",
    "phi": "ϕ",
    "varphi": "φ",
    "chi": "χ",
    "psi": "ψ",
    "omega": "ω",
    "digamma": "ϝ",
}
_GREEK_UPPER = {
    "Alpha": "Α",
    "Beta": "Β",
    "Gamma": "Γ",
    "Delta": "Δ",
    "Epsilon": "Ε",
    "Zeta": "Ζ",
    "Eta": "Η",
    "Theta": "Θ",
    "Iota": "Ι",
    "Kappa": "Κ",
    "Lambda": "Λ",
    "Mu": "Μ",
    "Nu": "Ν",
    "Xi": "Ξ",
    "Omicron": "Ο",
    "Pi": "Π",
    "Rho": "Ρ",
    "Sigma": "Σ",
    "Tau": "Τ",
    "Upsilon": "Υ",
    "Phi": "Φ",
    "Chi": "Χ",
    "Psi": "Ψ",
    "Omega": "Ω",
    "varGamma": "Γ",
    "varDelta": "Δ",
    "varTheta": "Θ",
    "varLambda": "Λ",
    "varXi": "Ξ",
    "varPi": "Π",
    "varSigma": "Σ",
    "varUpsilon": "Υ",
    "varPhi": "Φ",
    "varPsi": "Ψ",
    "varOmega": "Ω",
}

#: Math-mode symbols (also understood in text mode, where bibliographies often have them).
MATH_SYMBOLS: dict[str, str] = {
    **_GREEK,
    **_GREEK_UPPER,
    **{"up" + k: v for k, v in _GREEK.items()},
    **{"up" + k: v for k, v in _GREEK_UPPER.items()},
    "leq": "≤",
    "le": "≤",
    "leqslant": "⩽",
    "geq": "≥",
    "ge": "≥",
    "geqslant": "⩾",
    "neq": "≠",
    "ne": "≠",
    "approx": "≈",
    "sim": "∼",
    "simeq": "≃",
    "cong": "≅",
    "propto": "∝",
    "equiv": "≡",
    "ll": "≪",
    "gg": "≫",
    "lesssim": "≲",
    "gtrsim": "≳",
    "in": "∈",
    "notin": "∉",
    "ni": "∋",
    "subset": "⊂",
    "subseteq": "⊆",
    "supset": "⊃",
    "supseteq": "⊇",
    "cup": "∪",
    "cap": "∩",
    "setminus": "∖",
    "times": "×",
    "cdot": "⋅",
    "pm": "±",
    "mp": "∓",
    "div": "÷",
    "ast": "∗",
    "star": "⋆",
    "circ": "∘",
    "bullet": "•",
    "infty": "∞",
    "partial": "∂",
    "nabla": "∇",
    "hbar": "ℏ",
    "ell": "ℓ",
    "prime": "′",
    "to": "→",
    "rightarrow": "→",
    "leftarrow": "←",
    "gets": "←",
    "leftrightarrow": "↔",
    "Rightarrow": "⇒",
    "Leftarrow": "⇐",
    "Leftrightarrow": "⇔",
    "longrightarrow": "⟶",
    "longleftarrow": "⟵",
    "mapsto": "↦",
    "uparrow": "↑",
    "downarrow": "↓",
    "rightleftharpoons": "⇌",
    "langle": "⟨",
    "rangle": "⟩",
    "lbrace": "{",
    "rbrace": "}",
    "lbrack": "[",
    "rbrack": "]",
    "vert": "|",
    "Vert": "‖",
    "mid": "∣",
    "parallel": "∥",
    "perp": "⊥",
    "forall": "∀",
    "exists": "∃",
    "neg": "¬",
    "lnot": "¬",
    "land": "∧",
    "lor": "∨",
    "wedge": "∧",
    "vee": "∨",
    "oplus": "⊕",
    "otimes": "⊗",
    "odot": "⊙",
    "sum": "∑",
    "prod": "∏",
    "coprod": "∐",
    "int": "∫",
    "iint": "∬",
    "oint": "∮",
    "surd": "√",
    "emptyset": "∅",
    "varnothing": "∅",
    "aleph": "ℵ",
    "Re": "ℜ",
    "Im": "ℑ",
    "wp": "℘",
    "dagger": "†",
    "ddagger": "‡",
    "cdots": "⋯",
    "vdots": "⋮",
    "ddots": "⋱",
    "angle": "∠",
    "triangle": "△",
    "square": "□",
    "Box": "□",
    "diamond": "⋄",
    "backslash": "\\",
    "colon": ":",
    "lvert": "|",
    "rvert": "|",
    "lfloor": "⌊",
    "rfloor": "⌋",
    "lceil": "⌈",
    "rceil": "⌉",
    "dots": "…",
    "ldots": "…",
    "degree": "°",
    "checkmark": "✓",
}

_FUNCTIONS = frozenset(
    {
        "log",
        "ln",
        "lg",
        "exp",
        "sin",
        "cos",
        "tan",
        "cot",
        "sec",
        "csc",
        "arcsin",
        "arccos",
        "arctan",
        "sinh",
        "cosh",
        "tanh",
        "coth",
        "lim",
        "liminf",
        "limsup",
        "max",
        "min",
        "sup",
        "inf",
        "det",
        "dim",
        "ker",
        "arg",
        "deg",
        "gcd",
        "hom",
        "Pr",
        "mod",
        "bmod",
    }
)
_SPACES = {",": THIN, ";": " ", ":": " ", ">": " ", " ": " ", "!": "", "quad": " ", "qquad": "  "}
_SIZES = frozenset(
    {
        "left",
        "right",
        "middle",
        "big",
        "Big",
        "bigg",
        "Bigg",
        "bigl",
        "bigr",
        "Bigl",
        "Bigr",
        "biggl",
        "biggr",
        "Biggl",
        "Biggr",
        "displaystyle",
        "textstyle",
        "scriptstyle",
        "scriptscriptstyle",
        "limits",
        "nolimits",
        "nonumber",
    }
)
_MATH_ACCENTS = {
    "hat": "\u0302",
    "widehat": "\u0302",
    "bar": "\u0304",
    "overline": "\u0305",
    "tilde": "\u0303",
    "widetilde": "\u0303",
    "dot": "\u0307",
    "ddot": "\u0308",
    "vec": "\u20d7",
    "check": "\u030c",
    "acute": "\u0301",
    "grave": "\u0300",
    "breve": "\u0306",
    "underline": "\u0332",
    "mathring": "\u030a",
}
_UPRIGHT = frozenset({"mathrm", "mathup", "operatorname", "mathsf", "mathtt", "mathcal", "mathscr"})
_UPRIGHT |= {"mathfrak", "mathnormal", "rm", "cal"}
_TEXT_ARG = frozenset(
    {"text", "textrm", "textup", "textnormal", "mbox", "hbox", "textit", "textbf"}
)
_TEXT_ARG |= {"textsf", "texttt", "emph", "textsc", "textsuperscript", "textsubscript"}
_DOUBLE_STRUCK = {"C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ"}
_MATH_CTRL = {"{": "{", "}": "}", "%": "%", "$": "$", "&": "&", "#": "#", "_": "_", "|": "‖"}
_MATH_TOKEN = re.compile(r"\\[A-Za-z]+\*?|\\.|\s+|.", re.DOTALL)


class _Math:
    """A recursive renderer over the characters of one math span."""

    def __init__(self, src: str, rich: bool, text: Decoder) -> None:
        self.toks = _MATH_TOKEN.findall(src)
        self.pos = 0
        self.rich = rich
        self.text = text

    def _next(self) -> str | None:
        if self.pos < len(self.toks):
            tok: str = self.toks[self.pos]
            self.pos += 1
            return tok
        return None

    def _skip_space(self) -> None:
        while self.pos < len(self.toks) and self.toks[self.pos].isspace():
            self.pos += 1

    def _raw_group(self) -> str:
        """The raw source of the group at the current position (braces excluded)."""
        self._skip_space()
        if self.pos >= len(self.toks) or self.toks[self.pos] != "{":
            tok = self._next()
            if tok is None:
                raise NotUnderstood("argument")
            return tok
        depth, out = 0, list[str]()
        while self.pos < len(self.toks):
            tok = self.toks[self.pos]
            self.pos += 1
            if tok == "{":
                depth += 1
                if depth == 1:
                    continue
            elif tok == "}":
                depth -= 1
                if depth == 0:
                    return "".join(out)
            out.append(tok)
        raise NotUnderstood("argument")

    def _raw_optional(self) -> str | None:
        self._skip_space()
        if self.pos >= len(self.toks) or self.toks[self.pos] != "[":
            return None
        end = self.toks.index("]", self.pos) if "]" in self.toks[self.pos :] else -1
        if end < 0:
            raise NotUnderstood("argument")
        raw = "".join(self.toks[self.pos + 1 : end])
        self.pos = end + 1
        return raw

    def _sub(self, src: str, italic: bool = True) -> str:
        sub = _Math(src, self.rich, self.text)
        return sub.seq(italic, in_group=False)

    def seq(self, italic: bool, *, in_group: bool) -> str:
        out: list[str] = []
        while self.pos < len(self.toks):
            tok = self.toks[self.pos]
            if tok == "}":
                if in_group:
                    self.pos += 1
                    break
                raise NotUnderstood("}")
            self.pos += 1
            if tok in ("\\rm", "\\cal", "\\sf", "\\tt", "\\mit"):
                italic = tok == "\\mit"
                continue
            if tok == "\\it":
                italic = True
                continue
            if tok in ("^", "_"):
                out.append(self._script(tok, italic))
            else:
                out.append(self._item(tok, italic))
        return "".join(out)

    def _script(self, tok: str, italic: bool) -> str:
        self._skip_space()
        start = self._next()
        if start is None:
            raise NotUnderstood(tok)
        content = self.seq(italic, in_group=True) if start == "{" else self._item(start, italic)
        plain = _strip_tags(content).strip()
        if tok == "^" and plain and set(plain) <= {"′"}:
            return plain
        if tok == "^" and plain in ("∘", "°"):
            return "°"
        return script("sup" if tok == "^" else "sub", content.strip(), self.rich)

    def _item(self, tok: str, italic: bool) -> str:
        if tok == "{":
            return self.seq(italic, in_group=True)
        if tok.isspace():
            return " "
        if not tok.startswith("\\"):
            if tok == "-":
                return MINUS
            if tok == "'":
                return "′"
            if tok == "~":
                return NBSP
            if tok.isascii() and tok.isalpha() and italic and self.rich:
                return "<i>" + tok + "</i>"
            if tok in "<>&" and self.rich:
                return tok  # the model's rich text keeps literal <, >, & as text
            return tok
        name = tok[1:]
        if len(name) == 1 and not name.isalpha():
            if name in _SPACES:
                return _SPACES[name]
            if name in _MATH_CTRL:
                return _MATH_CTRL[name]
            raise NotUnderstood(tok)
        return self._macro(name, italic)

    def _macro(self, name: str, italic: bool) -> str:
        if name in MATH_SYMBOLS:
            sym = MATH_SYMBOLS[name]
            if sym.isalpha() or sym in "√∞∂∇ℏℓ′∅ℵ":
                # an ordinary symbol: the space ending its name is no space ("\alpha \beta")
                at = self.pos
                if at + 1 < len(self.toks) and self.toks[at].isspace():
                    nxt = self.toks[at + 1]
                    if nxt[0].isalnum() or nxt == "{" or (nxt[0] == "\\" and nxt[1:2].isalpha()):
                        self.pos += 1
            return sym
        if name in _FUNCTIONS:
            return name
        if name in _SPACES:
            return _SPACES[name]
        if name in _SIZES:
            if name in ("left", "right", "middle", "bigl", "bigr", "Bigl", "Bigr"):
                self._skip_space()
                if self.pos < len(self.toks) and self.toks[self.pos] == ".":
                    self.pos += 1
            return ""
        if name in _UPRIGHT:
            return self._sub(self._raw_group(), italic=False)
        if name == "mathit":
            return self._sub(self._raw_group(), italic=True)
        if name in ("mathbf", "boldsymbol", "bm", "pmb"):
            inner = self._sub(self._raw_group(), italic=name != "mathbf")
            return f"<b>{inner}</b>" if self.rich and inner else inner
        if name == "mathbb":
            src = self._raw_group()
            return "".join(_DOUBLE_STRUCK.get(c, c) for c in src if not c.isspace())
        if name in _TEXT_ARG:
            return self.text("\\" + name + "{" + self._raw_group() + "}")
        if name == "ensuremath":
            return self._sub(self._raw_group(), italic)
        if name in _MATH_ACCENTS:
            inner = _strip_tags(self._sub(self._raw_group(), italic=False))
            mark = _MATH_ACCENTS[name]
            accented = unicodedata.normalize("NFC", "".join(c + mark for c in inner if c != " "))
            if self.rich and italic and inner.isascii() and inner.isalpha():
                return "<i>" + accented + "</i>"
            return accented
        if name in ("frac", "dfrac", "tfrac", "cfrac"):
            num = self._sub(self._raw_group(), italic)
            den = self._sub(self._raw_group(), italic)
            return _operand(num) + "/" + _operand(den)
        if name == "sqrt":
            index = self._raw_optional()
            root = {None: "√", "3": "∛", "4": "∜"}.get(index)
            if root is None:
                raise NotUnderstood("\\sqrt")
            return root + _operand(self._sub(self._raw_group(), italic))
        if name == "not":
            nxt = self._sub(self._raw_group(), italic)
            return {"=": "≠", "∈": "∉", "⊂": "⊄", "≡": "≢"}.get(nxt, nxt + "\u0338")
        if name in PACKAGE_SIGNATURES:
            raw = "\\" + name
            for kind in PACKAGE_SIGNATURES[name]:
                if kind == "o":
                    opt = self._raw_optional()
                    if opt is not None:
                        raw += "[" + opt + "]"
                else:
                    raw += "{" + self._raw_group() + "}"
            return self.text(raw)
        if name in TEXT_SYMBOLS:
            return TEXT_SYMBOLS[name]
        raise NotUnderstood("\\" + name)


_TAGS = re.compile(r"</?(?:i|b|sup|sub)>|<span [^<>]*>|</span>")


def _strip_tags(text: str) -> str:
    return _TAGS.sub("", text) if "<" in text else text


def _operand(text: str) -> str:
    text = text.strip()
    plain = _strip_tags(text)
    if len(plain) > 1 and any(c in plain for c in " +−-/"):
        return "(" + text + ")"
    return text


@functools.cache
def _space_fix() -> re.Pattern[str]:
    """Runs of spaces, and a space inside brackets (compiled when math is first rendered: the
    pattern takes about 1 ms to compile)."""
    return re.compile(r" {2,}|(?<=[(\[⟨{]) | (?=[)\]⟩}])")


def render_math(src: str, rich: bool, text: Decoder) -> str:
    """The content of a math span (``$`` delimiters removed) as (rich) text."""
    out = _Math(src, rich, text).seq(True, in_group=False)
    out = out.replace("</i><i>", "").replace("</b><b>", "")
    out = _space_fix().sub(lambda m: " " if m.group(0).startswith("  ") else "", out)
    return out.strip()


# -- siunitx ------------------------------------------------------------------------------------

_PREFIXES = {
    "quecto": "q",
    "ronto": "r",
    "yocto": "y",
    "zepto": "z",
    "atto": "a",
    "femto": "f",
    "pico": "p",
    "nano": "n",
    "micro": "µ",
    "milli": "m",
    "centi": "c",
    "deci": "d",
    "deca": "da",
    "deka": "da",
    "hecto": "h",
    "kilo": "k",
    "mega": "M",
    "giga": "G",
    "tera": "T",
    "peta": "P",
    "exa": "E",
    "zetta": "Z",
    "yotta": "Y",
    "ronna": "R",
    "quetta": "Q",
    "kibi": "Ki",
    "mebi": "Mi",
    "gibi": "Gi",
    "tebi": "Ti",
}
_UNITS = {
    "meter": "m",
    "metre": "m",
    "gram": "g",
    "kilogram": "kg",
    "second": "s",
    "ampere": "A",
    "kelvin": "K",
    "mole": "mol",
    "candela": "cd",
    "hertz": "Hz",
    "newton": "N",
    "pascal": "Pa",
    "joule": "J",
    "watt": "W",
    "coulomb": "C",
    "volt": "V",
    "farad": "F",
    "ohm": "Ω",
    "siemens": "S",
    "weber": "Wb",
    "tesla": "T",
    "henry": "H",
    "becquerel": "Bq",
    "gray": "Gy",
    "sievert": "Sv",
    "katal": "kat",
    "lumen": "lm",
    "lux": "lx",
    "radian": "rad",
    "steradian": "sr",
    "celsius": "°C",
    "degreeCelsius": "°C",
    "electronvolt": "eV",
    "dalton": "Da",
    "atomicmassunit": "u",
    "liter": "L",
    "litre": "l",
    "minute": "min",
    "hour": "h",
    "day": "d",
    "degree": "°",
    "arcminute": "′",
    "arcmin": "′",
    "arcsecond": "″",
    "arcsec": "″",
    "hectare": "ha",
    "tonne": "t",
    "bel": "B",
    "decibel": "dB",
    "neper": "Np",
    "astronomicalunit": "au",
    "bar": "bar",
    "barn": "b",
    "angstrom": "Å",
    "bohr": "a₀",
    "hartree": "Eₕ",
    "gauss": "G",
    "millimetremercury": "mmHg",
    "mmHg": "mmHg",
    "knot": "kn",
    "nauticalmile": "M",
    "percent": "%",
    "permille": "‰",
    "electronmass": "mₑ",
    "elementarycharge": "e",
    "planckbar": "ℏ",
    "speedoflight": "c",
    "clight": "c",
    "natural": "",
    "byte": "B",
    "bit": "bit",
    "calorie": "cal",
    "erg": "erg",
    "torr": "Torr",
    "atmosphere": "atm",
    "parsec": "pc",
    "lightyear": "ly",
    "micron": "µm",
    "fermi": "fm",
    "curie": "Ci",
    "roentgen": "R",
    "rad": "rad",
    "rem": "rem",
    "oersted": "Oe",
    "maxwell": "Mx",
    "debye": "D",
    "dyne": "dyn",
    "poise": "P",
    "stokes": "St",
    "mol": "mol",
}
# siunitx's abbreviated units (valid inside a unit argument only)
_ABBREVIATIONS: dict[str, str] = {
    "fg": "fg",
    "pg": "pg",
    "ng": "ng",
    "ug": "µg",
    "mg": "mg",
    "g": "g",
    "kg": "kg",
    "amu": "u",
    "pm": "pm",
    "nm": "nm",
    "um": "µm",
    "mm": "mm",
    "cm": "cm",
    "dm": "dm",
    "m": "m",
    "km": "km",
    "as": "as",
    "fs": "fs",
    "ps": "ps",
    "ns": "ns",
    "us": "µs",
    "ms": "ms",
    "s": "s",
    "fmol": "fmol",
    "pmol": "pmol",
    "nmol": "nmol",
    "umol": "µmol",
    "mmol": "mmol",
    "mol": "mol",
    "kmol": "kmol",
    "pA": "pA",
    "nA": "nA",
    "uA": "µA",
    "mA": "mA",
    "A": "A",
    "kA": "kA",
    "ul": "µl",
    "ml": "ml",
    "l": "l",
    "hl": "hl",
    "uL": "µL",
    "mL": "mL",
    "L": "L",
    "hL": "hL",
    "mHz": "mHz",
    "Hz": "Hz",
    "kHz": "kHz",
    "MHz": "MHz",
    "GHz": "GHz",
    "THz": "THz",
    "mN": "mN",
    "N": "N",
    "kN": "kN",
    "MN": "MN",
    "Pa": "Pa",
    "kPa": "kPa",
    "MPa": "MPa",
    "GPa": "GPa",
    "mohm": "mΩ",
    "kohm": "kΩ",
    "Mohm": "MΩ",
    "pV": "pV",
    "nV": "nV",
    "uV": "µV",
    "mV": "mV",
    "V": "V",
    "kV": "kV",
    "W": "W",
    "nW": "nW",
    "uW": "µW",
    "mW": "mW",
    "kW": "kW",
    "MW": "MW",
    "GW": "GW",
    "J": "J",
    "uJ": "µJ",
    "mJ": "mJ",
    "kJ": "kJ",
    "eV": "eV",
    "meV": "meV",
    "keV": "keV",
    "MeV": "MeV",
    "GeV": "GeV",
    "TeV": "TeV",
    "kWh": "kWh",
    "F": "F",
    "fF": "fF",
    "pF": "pF",
    "nF": "nF",
    "uF": "µF",
    "H": "H",
    "mH": "mH",
    "uH": "µH",
    "nH": "nH",
    "K": "K",
    "dB": "dB",
    "kibibyte": "KiB",
    "mebibyte": "MiB",
    "gibibyte": "GiB",
    "T": "T",
    "mT": "mT",
    "uT": "µT",
    "nT": "nT",
    "C": "C",
    "nC": "nC",
    "uC": "µC",
    "mC": "mC",
}

_POWER_BEFORE = {"square": "2", "cubic": "3"}
_POWER_AFTER = {"squared": "2", "cubed": "3"}
_NO_SPACE_UNITS = frozenset({"°", "′", "″", "%"})


def _unit_tokens(src: str) -> list[str]:
    return re.findall(r"\\[A-Za-z]+|\{[^{}]*\}|[^\\{}]+|[{}\\]", src)


def _literal_unit(text: str, decode: Decoder) -> str:
    """A unit written as text (``MeV``, ``m^2``, ``/u``): powers become superscripts."""

    def power(m: re.Match[str]) -> str:
        raw = m.group(1) or m.group(2)
        sup = _unicode_sup(raw.replace("-", MINUS))
        return sup if sup is not None else "^" + raw

    text = re.sub(r"\^\{([^{}]*)\}|\^([-+]?\d+)", power, text)
    text = re.sub(r"(?<=\w)[.~](?=\w)", THIN, text)
    return decode(text) if re.search(r"[\\{}$~]|--", text) else text


def render_unit(src: str, decode: Decoder, per_mode: str = "power") -> str:
    """A siunitx unit argument (macros or literal text) as text."""
    toks = _unit_tokens(src.strip())
    # a sequence of (symbol, power, in_denominator) and literal pieces
    items: list[tuple[str, str, bool]] = []
    prefix, power_before, per = "", "", False
    i = 0
    while i < len(toks):
        tok = toks[i]
        i += 1
        if not tok.startswith("\\"):
            if tok.strip():
                if prefix:
                    raise NotUnderstood("unit")
                items.append(
                    (
                        _literal_unit(tok.strip("{}") if tok.startswith("{") else tok, decode),
                        "",
                        False,
                    )
                )
            continue
        name = tok[1:]
        if name in _PREFIXES:
            prefix += _PREFIXES[name]
        elif name in _POWER_BEFORE:
            power_before = _POWER_BEFORE[name]
        elif name in _POWER_AFTER and items:
            sym, _, den = items[-1]
            items[-1] = (sym, _POWER_AFTER[name], den)
        elif name in ("tothe", "raiseto"):
            if i >= len(toks) or not toks[i].startswith("{"):
                raise NotUnderstood("\\" + name)
            exp = toks[i][1:-1].strip()
            i += 1
            if name == "raiseto":
                power_before = exp
            elif items:
                sym, _, den = items[-1]
                items[-1] = (sym, exp, den)
        elif name == "per":
            per = True
        elif name in _UNITS or name in _ABBREVIATIONS:
            sym = _UNITS.get(name) or _ABBREVIATIONS[name]
            if prefix:
                if name in _ABBREVIATIONS and name not in _UNITS:
                    raise NotUnderstood("\\" + name)
                sym = prefix + sym
            items.append((sym, power_before, per))
            prefix, power_before, per = "", "", False
        elif name in ("cancel", "highlight", "of"):
            raise NotUnderstood("\\" + name)
        else:
            raise NotUnderstood("\\" + name)
    if prefix or per:
        raise NotUnderstood("unit")
    return _join_units(items, per_mode)


def _with_power(sym: str, power: str, negate: bool) -> str:
    if negate:
        power = "-" + (power or "1")
    if not power:
        return sym
    sup = _unicode_sup(power.replace("-", MINUS).replace(" ", ""))
    return sym + (sup if sup is not None else "^" + power)


def _join_units(items: list[tuple[str, str, bool]], per_mode: str) -> str:
    def join(parts: list[str]) -> str:
        out = ""
        for part in parts:
            if out and not out.endswith("°") and not part.startswith("/"):
                out += THIN
            out += part
        return out

    num = [(s, p) for s, p, den in items if not den]
    den = [(s, p) for s, p, d in items if d]
    if per_mode in ("symbol", "fraction", "symbol-or-fraction", "repeated-symbol") and den and num:
        top = join([_with_power(s, p, False) for s, p in num])
        bottom = join([_with_power(s, p, False) for s, p in den])
        return top + "/" + (f"({bottom})" if len(den) > 1 else bottom)
    return join(
        [_with_power(s, p, False) for s, p in num] + [_with_power(s, p, True) for s, p in den]
    )


_EXPONENT = re.compile(r"(?<=[\d.])\s*[eEdD]\s*([-+\u2212]?\d+)")
_PRODUCT = re.compile(r"(?<=\d)\s*(?:x|×)\s*(?=[-\d])")
_PLUS_MINUS = re.compile(r"\s*(?:\+-|±)\s*")


def render_number(src: str, decode: Decoder) -> str:
    """A siunitx number: exponents as ``× 10ⁿ``, ``+-`` as ``±``, a proper minus sign."""
    text = decode(src.strip()) if re.search(r"[\\{}$~]", src) else src.strip()
    text = _PLUS_MINUS.sub(" ± ", text)
    text = _EXPONENT.sub(lambda m: " × 10" + (_unicode_sup(m.group(1).lstrip("+")) or ""), text)
    text = _PRODUCT.sub(" × ", text)
    if text.startswith(" × 10"):
        text = text[3:]
    text = re.sub(r"(?<![\w.])-(?=[\d.])", MINUS, text)
    return text


def _options(src: str | None, decode: Decoder) -> dict[str, str]:
    out: dict[str, str] = {}
    if not src:
        return out
    depth, start, parts = 0, 0, []
    for i, c in enumerate(src):
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(src[start:i])
            start = i + 1
    parts.append(src[start:])
    for part in parts:
        key, _, value = part.partition("=")
        value = value.strip()
        if value.startswith("{") and value.endswith("}"):
            value = value[1:-1]
        out[key.strip()] = value
    return out


def _phrase(value: str, default: str, decode: Decoder) -> str:
    if not value:
        return default
    text = decode(value)
    if text.strip() and text.strip()[0].isalpha() and text == text.strip():
        return " " + text + " "  # "and" typed without spaces: meant as a word
    return text


def _quantity(number: str, unit: str) -> str:
    if not unit:
        return number
    if unit[0] in _NO_SPACE_UNITS and (len(unit) == 1 or unit[1] in _NO_SPACE_UNITS):
        return number + unit
    return number + NBSP + unit


def _join_list(values: list[str], opts: dict[str, str], decode: Decoder) -> str:
    sep = _phrase(opts.get("list-separator", ""), ", ", decode)
    final = _phrase(opts.get("list-final-separator", ""), " and ", decode)
    pair = _phrase(opts.get("list-pair-separator", ""), " and ", decode)
    if len(values) == 2:
        return values[0] + pair + values[1]
    if len(values) > 2:
        return sep.join(values[:-1]) + final + values[-1]
    return "".join(values)


def _angle(src: str, decode: Decoder) -> str:
    parts = src.split(";")
    marks = ["°", "′", "″"]
    out = ""
    for value, mark in zip(parts, marks, strict=False):
        if value.strip():
            out += render_number(value, decode) + mark
    return out


def _siunitx(name: str, args: list[str | None], rich: bool, decode: Decoder) -> str:
    opts = _options(args[0], decode)
    per_mode = opts.get("per-mode", "power")

    def unit(src: str | None) -> str:
        return render_unit(src or "", decode, per_mode)

    if name in ("SI", "qty"):
        number = render_number(args[1] or "", decode)
        pre = decode(args[2]) if name == "SI" and args[2] else ""
        return pre + _quantity(number, unit(args[-1]))
    if name in ("si", "unit"):
        return unit(args[1])
    if name == "num":
        return render_number(args[1] or "", decode)
    if name == "ang":
        return _angle(args[1] or "", decode)
    if name in ("SIrange", "qtyrange", "numrange"):
        low = render_number(args[1] or "", decode)
        high = render_number(args[2] or "", decode)
        phrase = _phrase(opts.get("range-phrase", ""), " to ", decode)
        if name == "numrange":
            return low + phrase + high
        the_unit = unit(args[3])
        mode = opts.get("range-units", "repeat")
        if mode == "single":
            return low + phrase + _quantity(high, the_unit)
        if mode == "brackets":
            return _quantity("(" + low + phrase + high + ")", the_unit)
        return _quantity(low, the_unit) + phrase + _quantity(high, the_unit)
    if name in ("SIlist", "qtylist", "numlist"):
        values = [render_number(v, decode) for v in (args[1] or "").split(";")]
        if name != "numlist":
            the_unit = unit(args[2])
            if opts.get("list-units", "repeat") == "single":
                return _quantity(_join_list(values, opts, decode), the_unit)
            values = [_quantity(v, the_unit) for v in values]
        return _join_list(values, opts, decode)
    if name in ("SIproduct", "qtyproduct", "numproduct"):
        values = [render_number(v, decode) for v in (args[1] or "").split("x")]
        text = " × ".join(values)
        return _quantity(text, unit(args[2])) if name != "numproduct" else text
    raise NotUnderstood("\\" + name)  # pragma: no cover - every name is handled above


# -- mhchem / chemformula -----------------------------------------------------------------------

_ARROWS = [
    ("<=>>", "⇌"),
    ("<<=>", "⇌"),
    ("<=>", "⇌"),
    ("<->", "↔"),
    ("<-->", "⇄"),
    ("->", "→"),
    ("<-", "←"),
]
_CHEM_DIGITS = re.compile(r"\d+(?:\.\d+)?")


def _matching(src: str, i: int, open_: str, close: str) -> int:
    depth = 0
    for j in range(i, len(src)):
        c = src[j]
        if c == "\\":
            continue
        if c == open_ and (j == 0 or src[j - 1] != "\\"):
            depth += 1
        elif c == close and (j == 0 or src[j - 1] != "\\"):
            depth -= 1
            if depth == 0:
                return j
    return -1


def _chem_script(content: str, rich: bool, decode: Decoder) -> str:
    text = content.replace("-", MINUS)
    text = decode(text) if re.search(r"[\\{}$~]", text) else text
    return text


def render_chem(src: str, rich: bool, decode: Decoder) -> str:
    """The argument of ``\\ch``/``\\ce``: digits after elements as subscripts, charges raised."""
    out: list[str] = []
    formula = False  # the last thing written was part of a formula (letter, ')', ']')
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        arrow = next(((a, s) for a, s in _ARROWS if src.startswith(a, i)), None)
        if arrow is not None:
            out.append(arrow[1])
            i += len(arrow[0])
            formula = False
            continue
        if c == "{":
            j = _matching(src, i, "{", "}")
            if j < 0:
                raise NotUnderstood("\\ch")
            out.append(decode(src[i + 1 : j]))
            i, formula = j + 1, True
        elif c == "$":
            j = src.find("$", i + 1)
            if j < 0:
                raise NotUnderstood("\\ch")
            out.append(decode(src[i : j + 1]))
            i, formula = j + 1, True
        elif c == "\\":
            m = re.match(r"\\[A-Za-z]+\*?\s*|\\.", src[i:])
            end = i + (m.end() if m else 1)
            while end < n and src[end] in "{[":
                close = _matching(src, end, src[end], "}" if src[end] == "{" else "]")
                if close < 0:
                    break
                end = close + 1
            out.append(decode(src[i:end]))
            i, formula = end, True
        elif c in "^_":
            if i + 1 < n and src[i + 1] == "{":
                j = _matching(src, i + 1, "{", "}")
                if j < 0:
                    raise NotUnderstood("\\ch")
                content, i = src[i + 2 : j], j + 1
            else:
                m = re.match(r"[0-9]*[+\-]+|[0-9.]+|\S", src[i + 1 :])
                content = m.group(0) if m else ""
                i += 1 + len(content)
            out.append(
                script("sup" if c == "^" else "sub", _chem_script(content, rich, decode), rich)
            )
            formula = True
        elif c.isdigit():
            m = _CHEM_DIGITS.match(src, i)
            assert m is not None
            digits = m.group(0)
            out.append(script("sub", digits, rich) if formula else digits)
            i = m.end()
        elif c in "+-" and formula and (i + 1 == n or src[i + 1] in " )]/,;"):
            out.append(script("sup", MINUS if c == "-" else "+", rich))
            i += 1
        elif c == " " and src.startswith((" . ", " * "), i):
            out.append("·")
            i, formula = i + 3, False
        elif c == "*":
            out.append("·")
            i, formula = i + 1, False
        elif c == "#":
            out.append("≡")
            i, formula = i + 1, False
        elif c == "~":
            out.append(NBSP)
            i, formula = i + 1, False
        else:
            out.append(c)
            formula = c.isalpha() or c in ")]"
            i += 1
    return "".join(out)


# -- dispatch -----------------------------------------------------------------------------------

#: The argument signature of each package macro: ``o`` optional ``[...]``, ``m`` mandatory ``{...}``.
PACKAGE_SIGNATURES: dict[str, str] = {
    "SI": "omom",
    "qty": "omm",
    "si": "om",
    "unit": "om",
    "num": "om",
    "ang": "om",
    "SIrange": "ommm",
    "qtyrange": "ommm",
    "numrange": "omm",
    "SIlist": "omm",
    "qtylist": "omm",
    "numlist": "om",
    "SIproduct": "omm",
    "qtyproduct": "omm",
    "numproduct": "om",
    "ch": "om",
    "ce": "om",
    "pu": "m",
}

#: Every macro name this module renders (the decoder's encoder escapes them in literal text).
KNOWN: frozenset[str] = frozenset(set(PACKAGE_SIGNATURES) | set(MATH_SYMBOLS) | set(TEXT_SYMBOLS))


def render_package(name: str, args: list[str | None], rich: bool, decode: Decoder) -> str:
    """Render a package macro from its raw arguments (``None`` for an absent optional one)."""
    if name in ("ch", "ce"):
        return render_chem(args[-1] or "", rich, decode)
    if name == "pu":
        return _literal_unit(args[0] or "", decode)
    return _siunitx(name, args, rich, decode)
