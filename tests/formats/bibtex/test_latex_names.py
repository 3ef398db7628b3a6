"""LaTeX codec and BibTeX name rules: examples and properties."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from biblioconv.formats.bibtex.latex import decode, encode
from biblioconv.formats.bibtex.names import format_name, parse_name, parse_names
from biblioconv.formats.bibtex.unicode_latex import FOLDS


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"{\"u}", "ü"),
        (r"\"{u}", "ü"),
        (r"\"u", "ü"),
        (r"{\'\i}", "í"),
        (r"\'{\i}", "í"),
        (r"\c{c}", "ç"),
        (r"\c c", "ç"),
        (r"{\ss}", "ß"),
        (r"\ss{}", "ß"),
        (r"{\o}", "ø"),
        (r"\aa", "å"),
        (r"\v{S}", "Š"),
        (r"\H{o}", "ő"),
        (r"a--b", "a–b"),
        (r"a---b", "a—b"),
        (r"a~b", "a\u00a0b"),
        (r"\& \% \$ \_ \#", "& % $ _ #"),
        (r"``q''", "“q”"),
        (r"$x^2$", "$x^2$"),
        (r"\unknown{arg} text", r"\unknown{arg} text"),
    ],
)
def test_decode(latex: str, text: str) -> None:
    assert decode(latex) == text


def test_decode_rich() -> None:
    assert decode(r"The {DNA} of $\alpha$", True) == (
        'The <span class="nocase">DNA</span> of <span class="nocase">α</span>'
    )
    # math holding something not understood stays verbatim, protected
    assert decode(r"of $\mysterymath x$", True) == (
        'of <span class="nocase">$\\mysterymath x$</span>'
    )
    assert decode(r"\emph{E. coli} H\textsubscript{2}O", True) == "<i>E. coli</i> H<sub>2</sub>O"
    assert decode(r"{\"U}ber", True) == "Über"  # a special character is not protection


def test_encode_ascii_and_utf8() -> None:
    assert encode("Müller & Søn – 50%", ascii=True) == r"M{\"u}ller \& S{\o}n -- 50\%"
    assert encode("Müller & Søn", ascii=False) == r"Müller \& Søn"
    assert encode('<span class="nocase">DNA</span> in <i>vivo</i>', rich=True) == (
        r"{DNA} in \textit{vivo}"
    )


_TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Mn", "Me", "Mc"),
        blacklist_characters="\u00ad",
    ),
    max_size=40,
).map(lambda s: unicodedata.normalize("NFC", s))


def _clean(s: str) -> str:
    return " ".join(s.split(" "))  # keep single spaces only


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.booleans())
@example("\\A\u0129", True)  # accents right after a kept unknown macro: on a dotless i,
@example("\\A\u0114", True)  # and written with a control word (breve)
@example("\ufb00", True)  # a ligature is written as its letters in ASCII output
def test_encode_then_decode_is_identity_plain(text: str, ascii_: bool) -> None:
    text = " ".join(text.split())
    if "  " in text or "<" in text:
        return
    # ASCII output writes what TeX treats as ASCII that way (ligatures, U+2010...), documented
    expected = " ".join(text.translate(str.maketrans(FOLDS)).split()) if ascii_ else text
    assert decode(encode(text, False, ascii_)) == expected


_WORD = st.text(alphabet="abcDEF xyz&%$#_{}~^-`'!?–ü", min_size=1, max_size=8)


@st.composite
def _rich(draw: st.DrawFn) -> str:
    parts = draw(
        st.lists(st.tuples(st.sampled_from(["", "nocase", "i", "b", "sup"]), _WORD), max_size=5)
    )
    out = []
    for tag, word in parts:
        word = " ".join(word.split())
        if not word.strip():
            continue
        if tag == "nocase":
            if not any(c.isalpha() for c in word):
                continue
            out.append(f'<span class="nocase">{word}</span>')
        elif tag:
            out.append(f"<{tag}>{word}</{tag}>")
        else:
            out.append(word)
    return " ".join(out)


@settings(max_examples=300, deadline=None)
@given(_rich(), st.booleans())
def test_encode_then_decode_is_identity_rich(text: str, ascii_: bool) -> None:
    if "  " in text:
        return
    assert decode(encode(text, True, ascii_), True) == text


def test_name_forms() -> None:
    assert parse_name("Ludwig van Beethoven")[:4] == ("Ludwig", "van", "Beethoven", None)
    assert parse_name("van Beethoven, Ludwig")[:4] == ("Ludwig", "van", "Beethoven", None)
    assert parse_name("King, Jr., Martin Luther")[:4] == ("Martin Luther", None, "King", "Jr.")
    assert parse_name("{World Health Organization}").literal == "World Health Organization"
    names, et_al = parse_names("Doe, J. and others")
    assert [n.family for n in names] == ["Doe"] and et_al
    assert parse_names("{Barnes and Noble} and Roe, R.")[0][0].literal == "Barnes and Noble"


_NAME_WORD = st.from_regex(r"[A-Z][a-zé]{1,6}(-[A-Z][a-z]{1,4})?", fullmatch=True)
_PARTICLE = st.sampled_from([None, "van", "von", "de la", "van der"])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(_NAME_WORD, min_size=0, max_size=2),
    _PARTICLE,
    st.lists(_NAME_WORD, min_size=1, max_size=2),
    st.sampled_from([None, "Jr.", "III"]),
    st.booleans(),
)
def test_format_then_parse(
    given_: list[str], particle: str | None, family: list[str], suffix: str | None, ascii_: bool
) -> None:
    g = " ".join(given_) or None
    f = " ".join(family)
    text = format_name(
        given=g, particle=particle, family=f, suffix=suffix, literal=None, ascii=ascii_
    )
    parsed = parse_name(text)
    assert parsed.family == f
    assert parsed.particle == particle
    assert parsed.given == g
    assert parsed.suffix == suffix


def test_writer_reports_names_that_read_back_otherwise() -> None:
    """Each name written is read back by BibTeX's rules; any change is reported."""
    import biblioconv
    from biblioconv.model import Contributor, Record, Title
    from biblioconv.report import ConversionReport

    def coerced(c: Contributor) -> list[str]:
        report = ConversionReport()
        biblioconv.dumps(Record(type="book", titles=[Title(text="T")], contributors=[c]), "bibtex",
                         report=report)  # fmt: skip
        return [d.message for d in report.by_code("VALUE_COERCED")]

    assert coerced(Contributor(literal="Madonna")) == [
        "person 'Madonna', a name not split into parts, is written braced as BibTeX writes an "
        "organisation, and reads back as one"
    ]
    # a brace group opening with a backslash is one special character to BibTeX, not a group
    assert coerced(Contributor(kind="organization", literal="{Braced} Org")) == [
        "name written as '{\\{Braced\\} Org}' reads back as family '{Braced} Org'"
    ]
    # names BibTeX's rules carry: nothing to report
    for c in (
        Contributor(family="Gogh", given="Vincent", non_dropping_particle="van"),
        Contributor(family="King", given="Martin Luther", suffix="Jr."),
        Contributor(family="de la Cruz", given="Juana Inés"),
        Contributor(family="von Neumann", given="John"),
        Contributor(family="Smith", given="john"),
        Contributor(kind="organization", literal="Procter and Gamble"),
        Contributor(kind="organization", literal="Smith, Jones & Partners"),
    ):
        assert coerced(c) == [], c
