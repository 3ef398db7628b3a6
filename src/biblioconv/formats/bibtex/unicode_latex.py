"""Unicode characters as LaTeX that pdflatex accepts, for ASCII (classic BibTeX) output.

Tables used by :func:`biblioconv.formats.bibtex.latex.encode` in ASCII mode and read back by
:func:`~biblioconv.formats.bibtex.latex.decode`, so that a written value reads back unchanged:

* :data:`TEXT_SYMBOLS`: text-mode macros of the LaTeX kernel (textcomp/TS1, in the kernel since
  2020) -> character, written ``{\\textperthousand}``;
* :data:`MATH_SYMBOLS`: math macros of LaTeX's base fonts -> character (Greek letters, relations,
  operators, arrows), written ``{$\\alpha$}``; a group holding one such symbol reads back as it;
* :data:`FOLDS`: characters that LaTeX itself sets as another one (U+2010 hyphen as ``-``);
* :func:`hat_encode` / :func:`hat_decode`: TeX's ``^^xx`` notation for the UTF-8 bytes of a
  character with no LaTeX form: ASCII, lossless, and read by LaTeX exactly as the character itself
  (which pdflatex accepts only when it is declared for the fonts in use).
"""

from __future__ import annotations

import re

__all__ = [
    "BY_CHAR",
    "FOLDS",
    "MATH_SYMBOLS",
    "TEXT_SYMBOLS",
    "hat_decode",
    "hat_encode",
    "hat_runs",
    "math_char",
]

#: Text-mode symbol macros (textcomp / TS1 and T1) -> character.
TEXT_SYMBOLS: dict[str, str] = {
    "textperthousand": "‰",
    "textpertenthousand": "‱",
    "textcelsius": "℃",
    "textmho": "℧",
    "textonesuperior": "¹",
    "texttwosuperior": "²",
    "textthreesuperior": "³",
    "textfractionsolidus": "⁄",
    "textlnot": "¬",
    "textbrokenbar": "¦",
    "textcurrency": "¤",
    "textflorin": "ƒ",
    "textwon": "₩",
    "textnaira": "₦",
    "textpeso": "₱",
    "textlira": "₤",
    "textdong": "₫",
    "textbaht": "฿",
    "textcolonmonetary": "₡",
    "textguarani": "₲",
    "textestimated": "℮",
    "textnumero": "№",
    "textrecipe": "℞",
    "textservicemark": "℠",
    "textcircledP": "℗",
    "textdiscount": "⁒",
    "textbigcircle": "◯",
    "textopenbullet": "◦",
    "textreferencemark": "※",
    "textinterrobang": "‽",
    "textblank": "␢",
    "textvisiblespace": "␣",
    "textbardbl": "‖",
    "textlbrackdbl": "⟦",
    "textrbrackdbl": "⟧",
    "textlangle": "〈",
    "textrangle": "〉",
    "textasciibreve": "˘",
    "textasciicaron": "ˇ",
    "textacutedbl": "˝",
    "textasciiacute": "´",
    "textasciidieresis": "¨",
    "textasciimacron": "¯",
    "textmusicalnote": "♪",
    "ij": "ĳ",
    "IJ": "Ĳ",
}

#: Math macros of LaTeX's base fonts -> character (written and read as ``{$\\macro$}``).
MATH_SYMBOLS: dict[str, str] = {
    # Greek (unicode-math's reading of \epsilon/\varepsilon and \phi/\varphi)
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "varepsilon": "ε",
    "epsilon": "ϵ",
    "zeta": "ζ",
    "eta": "η",
    "theta": "θ",
    "vartheta": "ϑ",
    "iota": "ι",
    "kappa": "κ",
    "lambda": "λ",
    "mu": "μ",
    "nu": "ν",
    "xi": "ξ",
    "pi": "π",
    "varpi": "ϖ",
    "rho": "ρ",
    "varrho": "ϱ",
    "sigma": "σ",
    "varsigma": "ς",
    "tau": "τ",
    "upsilon": "υ",
    "varphi": "φ",
    "phi": "ϕ",
    "chi": "χ",
    "psi": "ψ",
    "omega": "ω",
    "Gamma": "Γ",
    "Delta": "Δ",
    "Theta": "Θ",
    "Lambda": "Λ",
    "Xi": "Ξ",
    "Pi": "Π",
    "Sigma": "Σ",
    "Upsilon": "Υ",
    "Phi": "Φ",
    "Psi": "Ψ",
    "Omega": "Ω",
    # relations and operators
    "-": "−",
    "leq": "≤",
    "geq": "≥",
    "neq": "≠",
    "approx": "≈",
    "equiv": "≡",
    "sim": "∼",
    "simeq": "≃",
    "cong": "≅",
    "asymp": "≍",
    "doteq": "≐",
    "propto": "∝",
    "ll": "≪",
    "gg": "≫",
    "prec": "≺",
    "succ": "≻",
    "preceq": "⪯",
    "succeq": "⪰",
    "mp": "∓",
    "cdot": "⋅",
    "circ": "∘",
    "ast": "∗",
    "star": "⋆",
    "oplus": "⊕",
    "ominus": "⊖",
    "otimes": "⊗",
    "oslash": "⊘",
    "odot": "⊙",
    "setminus": "∖",
    "wedge": "∧",
    "vee": "∨",
    "cap": "∩",
    "cup": "∪",
    "sqcap": "⊓",
    "sqcup": "⊔",
    "amalg": "⨿",
    "in": "∈",
    "notin": "∉",
    "ni": "∋",
    "subset": "⊂",
    "supset": "⊃",
    "subseteq": "⊆",
    "supseteq": "⊇",
    "sqsubseteq": "⊑",
    "sqsupseteq": "⊒",
    "mid": "∣",
    "parallel": "∥",
    "perp": "⊥",
    "vdash": "⊢",
    "dashv": "⊣",
    "models": "⊨",
    "forall": "∀",
    "exists": "∃",
    "neg": "¬",
    "emptyset": "∅",
    "infty": "∞",
    "partial": "∂",
    "nabla": "∇",
    "surd": "√",
    "angle": "∠",
    "prime": "′",
    "ell": "ℓ",
    "hbar": "ℏ",
    "aleph": "ℵ",
    "Re": "ℜ",
    "Im": "ℑ",
    "wp": "℘",
    "sum": "∑",
    "prod": "∏",
    "coprod": "∐",
    "int": "∫",
    "oint": "∮",
    "bigcap": "⋂",
    "bigcup": "⋃",
    "cdots": "⋯",
    "vdots": "⋮",
    "ddots": "⋱",
    "langle": "⟨",
    "rangle": "⟩",
    "lfloor": "⌊",
    "rfloor": "⌋",
    "lceil": "⌈",
    "rceil": "⌉",
    "leftarrow": "←",
    "rightarrow": "→",
    "leftrightarrow": "↔",
    "Leftarrow": "⇐",
    "Rightarrow": "⇒",
    "Leftrightarrow": "⇔",
    "uparrow": "↑",
    "downarrow": "↓",
    "updownarrow": "↕",
    "Uparrow": "⇑",
    "Downarrow": "⇓",
    "mapsto": "↦",
    "longrightarrow": "⟶",
    "longleftarrow": "⟵",
    "nearrow": "↗",
    "searrow": "↘",
    "swarrow": "↙",
    "nwarrow": "↖",
    "rightleftharpoons": "⇌",
    "spadesuit": "♠",
    "heartsuit": "♡",
    "diamondsuit": "♢",
    "clubsuit": "♣",
    "flat": "♭",
    "natural": "♮",
    "sharp": "♯",
    "triangle": "△",
    "bigtriangleup": "△",
    "bigtriangledown": "▽",
}

#: character -> the LaTeX source written for it: math symbols (the first macro naming one) and
#: the space the reader takes from a control symbol.
BY_CHAR: dict[str, str] = {"\u2005": "{\\;}"}
for _name, _char in MATH_SYMBOLS.items():
    _src = "{$" + (_name if _name == "-" else "\\" + _name) + "$}"
    BY_CHAR.setdefault(_char, _src)

#: characters LaTeX sets as another character (its own utf8 declarations): written as that one.
FOLDS: dict[str, str] = {
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u2012": "\u2013",  # figure dash -> en dash
    "\u2015": "\u2014",  # horizontal bar -> em dash
    "\u202f": "\u2009",  # narrow no-break space -> thin space (\,)
    "\u00ad": "",  # soft hyphen (a hyphenation point)
    "\u200b": "",  # zero-width space
    "\ufeff": "",  # zero-width no-break space (byte-order mark)
    "\ufb00": "ff",  # typographic ligatures: TeX makes them itself
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\u02bc": "'",  # modifier letter apostrophe
    "\u2215": "/",  # division slash
    "\u2236": ":",  # ratio
    "\u2206": "\u0394",  # increment -> Greek capital delta
}

_HAT_RUN = re.compile(r"(?:\^\^[0-9a-f]{2})+")


def math_char(source: str) -> str | None:
    """The character of a math token holding one symbol (``$\\alpha$``), else None."""
    inner = source[1:-1].strip()
    if inner == "-":
        return "−"
    if inner.startswith("\\") and inner[1:].isalpha():
        return MATH_SYMBOLS.get(inner[1:])
    return None


def hat_encode(text: str) -> str:
    """Every non-ASCII character as its UTF-8 bytes in TeX's ``^^xx`` notation."""
    if text.isascii():
        return text
    return "".join(
        c if c.isascii() else "".join(f"^^{b:02x}" for b in c.encode("utf-8", "surrogatepass"))
        for c in text
    )


def _unhat(m: re.Match[str]) -> str:
    raw = bytes.fromhex(m.group(0).replace("^^", ""))
    try:
        return raw.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return m.group(0)  # not UTF-8: TeX's bytes, kept as written


def hat_decode(text: str) -> str:
    """``^^xx`` runs that form UTF-8 -> the characters (what LaTeX reads them as)."""
    return _HAT_RUN.sub(_unhat, text) if "^^" in text else text


def hat_runs(text: str) -> list[str]:
    """The characters written in ``^^xx`` notation in a LaTeX value."""
    out: list[str] = []
    for m in _HAT_RUN.finditer(text):
        for ch in _unhat(m):
            if not ch.isascii() and ch not in out:
                out.append(ch)
    return out
