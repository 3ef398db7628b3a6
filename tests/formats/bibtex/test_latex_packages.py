"""LaTeX macros when reading BibTeX: siunitx, mhchem, textcomp, formatting, math, unknown macros.

The corpus test renders the 6,119-entry real bibliography in APA and counts the references that
still show a raw macro: none from the packages the reader renders, and every one left is a macro
the reader reported as unknown.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

import pytest
from bibtex_support import CORPUS
from hypothesis import example, given, settings
from hypothesis import strategies as st

import biblioconv
from biblioconv.formats.bibtex import latexpkg
from biblioconv.formats.bibtex.latex import (
    FORMATTING,
    SYMBOLS,
    decode,
    encode,
    unknown_macros,
)
from biblioconv.report import ConversionReport

NB, THIN = "\u00a0", "\u2009"


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        # the example: an optional argument no longer mangles the macro
        (r"{\qtyrange[x=y]{0.3}{1.2}{\mega\electronvolt}}", f"0.3{NB}MeV to 1.2{NB}MeV"),
        (r"\SI{5}{MeV}", f"5{NB}MeV"),
        (r"\SI{5}{\micro\meter}", f"5{NB}µm"),
        (r"\qty{1.5}{\giga\hertz}", f"1.5{NB}GHz"),
        (r"\SI{49}{\mega\volt\per\meter}", f"49{NB}MV{THIN}m⁻¹"),
        (r"\SI[per-mode=symbol]{49}{\mega\volt\per\meter}", f"49{NB}MV/m"),
        (r"\si{\kilogram\metre\per\second\squared}", f"kg{THIN}m{THIN}s⁻²"),
        (r"\SI{2}{\square\centi\meter}", f"2{NB}cm²"),
        (r"\SI{25}{\celsius}", f"25{NB}°C"),
        (r"\qty{120}{\degreeCelsius}", f"120{NB}°C"),
        (r"\SI{10}{\percent}", "10%"),
        (r"\SI{300}{\kelvin}", f"300{NB}K"),
        (r"\unit{\kilo\electronvolt}", "keV"),
        (r"\num{1.5e-3}", "1.5 × 10⁻³"),
        (r"\num{-4}", "−4"),
        (r"\num{1.2+-0.3}", "1.2 ± 0.3"),
        (r"\ang{30;15;10}", "30°15′10″"),
        (r"\SIrange{323.15}{398.15}{\kelvin}", f"323.15{NB}K to 398.15{NB}K"),
        (
            r"\qtyrange[range-phrase=--,range-units=single]{0.3}{1.2}{\mega\electronvolt/u}",
            f"0.3–1.2{NB}MeV/u",
        ),
        (
            r"\SIrange[range-phrase={ and },range-units=single]{15}{295}{\kelvin}",
            f"15 and 295{NB}K",
        ),
        (r"\SIrange[range-units=brackets]{1}{2}{\meter}", f"(1 to 2){NB}m"),
        (r"\numrange{1}{10}", "1 to 10"),
        (r"\numlist{1;2;3}", "1, 2 and 3"),
        (r"\SI{5}{m^2}", f"5{NB}m²"),
        (r"\ch{H2O}", "H<sub>2</sub>O"),
        (r"\ce{SO4^2-}", "SO<sub>4</sub><sup>2−</sup>"),
        (r"\ch{Mg^{2+}}", "Mg<sup>2+</sup>"),
        (r"\ch{Na+}", "Na<sup>+</sup>"),
        (r"\ch{^{8}Li}", "<sup>8</sup>Li"),
        (r"\ch{Li_{x}CoO2}", "Li<sub>x</sub>CoO<sub>2</sub>"),
        (r"\ch{{\emph{R}}NiO3}", "<i>R</i>NiO<sub>3</sub>"),
        (r"\ch{Li(CH3COO) . 2 H2O}", "Li(CH<sub>3</sub>COO)·2 H<sub>2</sub>O"),
        (r"\ch{2 H2 + O2 -> 2 H2O}", "2 H<sub>2</sub> + O<sub>2</sub> → 2 H<sub>2</sub>O"),
        (r"\ch{A <=> B}", "A ⇌ B"),
        (r"\ch{NaCl(aq)}", "NaCl(aq)"),
        (r"H\textsubscript{2}O", "H<sub>2</sub>O"),
        (r"\textsuperscript{13}C", "<sup>13</sup>C"),
        (
            r"\emph{in vivo} \textbf{b} \textsc{Sc}",
            '<i>in vivo</i> <b>b</b> <span style="font-variant:small-caps;">Sc</span>',
        ),
        (r"\textdegree\ \texttimes\ \textpm\ \textmu\ \texttrademark", "° × ± µ ™"),
        (r"\textregistered\ \textcopyright\ \textperthousand\ \textbullet", "® © ‰ •"),
        (r"a\textellipsis", "a…"),
        (r"$\alpha$-helix", '<span class="nocase">α</span>-helix'),
        (r"$^{13}$C", "<sup>13</sup>C"),
        (r"CO$_2$", "CO<sub>2</sub>"),
        (r"3 $\times$ 3", "3 × 3"),
        (r"$\pm 5$ $\sim 3$ $\leq 4$", "± 5 ∼ 3 ≤ 4"),
        (r"$90^\circ$", "90°"),
        (r"$T_c$", '<span class="nocase"><i>T</i><sub><i>c</i></sub></span>'),
        (r"$(10\bar{1}0)$", "(101̄0)"),
        (r"$\mathrm{NMR}$", '<span class="nocase">NMR</span>'),
        (
            r"$T_{1/2} = \SI{24.4}{\second}$",
            f'<span class="nocase"><i>T</i><sub>1/2</sub> = 24.4{NB}s</span>',
        ),
        (r"Antu\ifmmode \check{s}\else š\fi{}ek", "Antušek"),
        (r"location--\hspace{0pt}allocation", "location–allocation"),
    ],
)
def test_decode_rich(latex: str, text: str) -> None:
    assert decode(latex, True) == unicodedata.normalize("NFC", text)
    assert unknown_macros(latex) == ()


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"\ch{H2O}", "H₂O"),
        (r"\ch{Mg^{2+}}", "Mg²⁺"),
        (r"\ch{Li_{x}}", "Liₓ"),
        (r"\ch{Li_{y}}", "Liy"),  # no Unicode subscript y: plain
        (r"\SI{5}{\mega\electronvolt}", f"5{NB}MeV"),
        (r"$x^2$", "$x^2$"),  # math outside titles stays verbatim
    ],
)
def test_decode_plain(latex: str, text: str) -> None:
    assert decode(latex) == text


@pytest.mark.parametrize(
    ("latex", "names"),
    [
        (r"\rpackage{SPOT}: a tool", ("rpackage",)),
        (r"\foo[a]{b}{c} d", ("foo",)),
        (r"\foo[x={[y]}]{b}", ("foo",)),
        (r"\foo [a]{b}", ("foo",)),
        (r"\SI{5}{\furlong}", ("furlong",)),  # a unit siunitx does not define: all kept
        (r"$\mysterymath x$", ("mysterymath",)),
        (r"\ifmmode x", ("ifmmode",)),  # no \fi: nothing to choose from
    ],
)
def test_unknown_macros_kept_intact(latex: str, names: tuple[str, ...]) -> None:
    for rich in (False, True):
        assert latex in decode(latex, rich)
    assert unknown_macros(latex) == names


def test_unknown_macro_with_optional_and_nested_arguments_verbatim() -> None:
    src = r"Stop \zzmacro[a={1,2},b=--]{x {y} z}{\"u} here"
    assert decode(src) == r"Stop \zzmacro[a={1,2},b=--]{x {y} z}{\"u} here"
    assert decode(src, True) == r"Stop \zzmacro[a={1,2},b=--]{x {y} z}{\"u} here"


def test_reader_reports_unknown_macros() -> None:
    report = ConversionReport()
    data = (
        r"@article{k, title={The \rpackage{race} Package for \proglang{R} and \SI{5}{\kelvin}},"
        r" doi={10.1/\foo}, journal={J}, year={2000}}"
    )
    (rec,) = biblioconv.loads(data, "bibtex", report=report)
    assert rec.title == rf"The \rpackage{{race}} Package for \proglang{{R}} and 5{NB}K"
    diags = [d for d in report.by_code("UNKNOWN_FIELD") if "LaTeX" in d.message]
    assert len(diags) == 1 and diags[0].field == "title" and diags[0].severity == "info"
    assert r"\rpackage, \proglang" in diags[0].message
    assert not report.lossy


def test_literal_math_in_rich_text_survives_a_bibtex_trip() -> None:
    """Text holding "$x$" (e.g. from CSL-JSON) is written so it reads back as the same text."""
    for text in (
        '<span class="nocase">$x$ and $\\alpha$</span>',
        '<span class="nocase">$x$</span>',
    ):
        for ascii_ in (False, True):
            assert decode(encode(text, True, ascii_), True) == text


def test_rendered_macros_are_escaped_as_literal_text() -> None:
    for text in (r"\ch{H2O}", r"\SI{5}{MeV}", r"\alpha", r"\textperthousand"):
        assert decode(encode(text, True), True) == text
        assert decode(encode(text)) == text


# -- properties ---------------------------------------------------------------------------------


def _pieces(pieces: list[str], max_size: int) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=max_size).map("".join)


_ANY = _pieces([*"ab1 {}[]\\$^_~-'`,;.=+", "\\SI", "\\ch", "\\qty", "\\x", "\\fi"], 40)


@settings(max_examples=400, deadline=None)
@given(_ANY, st.booleans())
@example(r"\SI[{]", True)
@example(r"\ch{^{", True)
@example(r"$\frac{$", True)
@example(r"\ifmmode\else\fi", True)
def test_decode_never_raises(text: str, rich: bool) -> None:
    out = decode(text, rich)
    assert isinstance(out, str)
    unknown_macros(text, rich)


_ARG = _pieces([*"abcXYZ 0123.,;:=+-~'`éß", "--", r"\"u", "{x}", "$y$"], 8).map(
    lambda s: re.sub(" +", " ", s)
)  # runs of spaces are one
_NAME = st.from_regex(r"zz[A-Za-z]{1,6}", fullmatch=True)
_AROUND = st.text(alphabet=st.sampled_from(list("abc XYZ 012.,;:!?-~'`é")), max_size=12)


@settings(max_examples=300, deadline=None)
@given(
    _AROUND, _NAME, st.lists(_ARG, max_size=2), st.lists(_ARG, max_size=3), _AROUND, st.booleans()
)
def test_unknown_macro_keeps_all_its_arguments(
    before: str, name: str, optional: list[str], braced: list[str], after: str, rich: bool
) -> None:
    macro = "\\" + name + "".join(f"[{o}]" for o in optional) + "".join(f"{{{b}}}" for b in braced)
    tail = " " + after if after and (braced or optional) else (" " + after if after else "")
    out = decode(before + " " + macro + tail, rich)
    assert macro in out
    assert name in unknown_macros(before + " " + macro + tail, rich)


# -- the real corpus ----------------------------------------------------------------------------

_SIUNITX_UNITS = set(latexpkg._UNITS) | set(latexpkg._PREFIXES) | {"per", "squared", "cubed"}
#: macros of the packages the reader renders: a raw one in a reference is a failure
LISTED = (
    set(latexpkg.KNOWN)
    | _SIUNITX_UNITS
    | set(FORMATTING)
    | {n for n in SYMBOLS if n.startswith("text")}
)
_RAW = re.compile(r"\\([A-Za-z]+)")


def test_corpus_apa_shows_no_raw_macro_of_the_rendered_packages(
    capsys: pytest.CaptureFixture[str],
) -> None:
    report = ConversionReport(max_diagnostics=None)
    records = list(biblioconv.read(CORPUS, "bibtex", report=report))
    entries = biblioconv.cite(records, style="apa")
    assert len(entries) == 6119
    listed: Counter[str] = Counter()
    every: Counter[str] = Counter()
    refs_listed = refs_any = 0
    for entry in entries:
        names = _RAW.findall(entry.text)
        hits = [n for n in names if n in LISTED]
        listed.update(hits)
        every.update(names)
        refs_listed += bool(hits)
        refs_any += bool(names)
    with capsys.disabled():
        print(
            f"\nAPA of the corpus: {refs_any} references with a raw macro "
            f"({sum(every.values())} macros: {dict(every.most_common())}); "
            f"{refs_listed} with one of the rendered packages"
        )
    assert refs_listed == 0, listed.most_common(20)
    # every macro left is one the reader named as unknown (kept verbatim, reported)
    reported = {
        m.lstrip("\\")
        for d in report.by_code("UNKNOWN_FIELD")
        if "LaTeX" in d.message
        for m in d.message.split(" not known")[0].split(" ", 2)[-1].split(", ")
    }
    assert set(every) <= reported, set(every) - reported
