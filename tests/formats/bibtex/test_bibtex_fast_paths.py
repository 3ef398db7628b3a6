"""The reader's fast paths give what the slow, plain definitions give.

Each fast path (the crossref/xdata pre-scan, entry headers, the brace-nesting proof, LaTeX
decoding of plain text and dashes, unknown macros without a parse, the splitter's plain entries)
is checked against the straightforward definition it replaces, on generated input made of the
pieces that matter to it, and on the real corpus.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from bibtexparser.model import ExplicitComment, ImplicitComment, Preamble, String
from hypothesis import given, settings
from hypothesis import strategies as st
from testsupport import SHARED

from biblioconv.formats.bibtex import latex, reader, splitter

CORPUS = SHARED / "corpus" / "bibtex-real.bib"

# -- the plain definitions ----------------------------------------------------------------------

_REF = re.compile(
    rb"(?i)\b(?:crossref|xdata|xref)\s*=\s*[{\"]?\s*([^}\",\s][^}\"]*?)\s*[}\"]?\s*[,}\n]"
)
_HEADER = re.compile(rb"(?m)^[ \t]*@([A-Za-z_]+)[ \t]*[{(][ \t]*([^,\s{}()]+)[ \t]*,")


def plain_ref_keys(data: bytes) -> Iterator[str]:
    if b"ref" in data or b"xdata" in data or b"XDATA" in data or b"REF" in data:
        for m in _REF.finditer(data):
            for key in m.group(1).split(b","):
                if key.strip():
                    yield key.strip().decode("utf-8", "replace").lower()


def plain_headers(data: bytes) -> list[tuple[int, bytes, bytes, int]]:
    return [(m.start(), m.group(1), m.group(2), m.end()) for m in _HEADER.finditer(data)]


def plain_nesting_within(text: str, limit: int) -> bool:
    braces = re.sub(r"[^{}]+", "", re.sub(r"\\[{}]", "", text))
    passes = 0
    while "{}" in braces:
        if passes == limit:
            return False
        braces = braces.replace("{}", "")
        passes += 1
    return passes + braces.count("{") <= limit


# -- generated input ----------------------------------------------------------------------------

_PIECES = [
    b"crossref",
    b"CrossRef",
    b"XREF",
    b"xdata",
    b"xData",
    b"ref",
    b"REF",
    b"mycrossref",
    b"a",
    b"_",
    b"1",
    b" ",
    b"\t",
    b"\n",
    b"=",
    b"{",
    b"}",
    b'"',
    b",",
    b"@",
    b"@article",
    b"@misc{",
    b"(",
    b")",
    b"k\xc3\x84y",
    b"\xc3\x84",
    b"x",
]
_bytes_input = st.lists(st.sampled_from(_PIECES), max_size=30).map(b"".join)


@settings(max_examples=2000, deadline=None)
@given(_bytes_input)
def test_ref_keys_as_one_case_insensitive_pattern(data: bytes) -> None:
    assert list(reader.ref_keys(data)) == list(plain_ref_keys(data))


@settings(max_examples=2000, deadline=None)
@given(_bytes_input)
def test_headers_as_a_line_start_pattern(data: bytes) -> None:
    got = [(start, m.group(1), m.group(2), m.end()) for start, m in reader._headers(data)]
    assert got == plain_headers(data)


def test_prescan_of_the_corpus() -> None:
    data = CORPUS.read_bytes()
    assert list(reader.ref_keys(data)) == list(plain_ref_keys(data))
    got = [(start, m.group(1), m.group(2), m.end()) for start, m in reader._headers(data)]
    assert got == plain_headers(data)
    assert len(got) > 6000


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="{}\\xé\U0001f600", max_size=40), st.integers(0, 6))
def test_nesting_proof_as_regex_substitutions(text: str, limit: int) -> None:
    assert reader._nesting_within(text, limit) == plain_nesting_within(text, limit)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="-a `'!?\t\n{}\\é^$~", max_size=16), st.booleans())
def test_decode_fast_path_as_the_parser(text: str, rich: bool) -> None:
    assert latex.decode(text, rich) == latex._decode(text, rich)[0]


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="-a `'!?\t\n{}\\é^$~", max_size=12))
def test_needs_parse_as_its_pattern(text: str) -> None:
    assert latex.needs_parse(text) == (latex._NEEDS_PARSE.search(text) is not None)
    assert latex.needs_decode(text) == (latex._NEEDS_DECODE.search(text) is not None)


_MACROS = ["\\emph", "\\textbf", "\\ch", "\\SI", "\\alpha", "\\c", "\\v", "\\ifmmode", "\\fi"]
_MACROS += ["\\foo", "\\url", "\\noopsort", "\\ss", "\\&", '\\"', "\\textit*", "\\qty", "\\o"]


@settings(max_examples=2000, deadline=None)
@given(
    st.lists(st.sampled_from([*_MACROS, "{", "}", "a", " ", "$", "^^", "x$"]), max_size=10),
    st.booleans(),
)
def test_unknown_macros_without_a_parse(parts: list[str], rich: bool) -> None:
    text = "".join(parts)
    assert latex.unknown_macros(text, rich) == (
        latex._decode(text, rich)[1] if "\\" in text else ()
    )


def test_decoding_the_corpus_values() -> None:
    text = CORPUS.read_text(encoding="utf-8")
    values = [
        v for b in splitter.scan(text) if isinstance(b, splitter.FastEntry) for _, v in b.fields
    ]
    assert len(values) > 50_000
    for v in values:
        assert latex.needs_decode(v) == (latex._NEEDS_DECODE.search(v) is not None)
        for rich in (False, True):
            assert latex.decode(v, rich) == latex._decode(v, rich)[0]
            assert latex.unknown_macros(v, rich) == (latex._decode(v, rich)[1] if "\\" in v else ())


def test_scan_entries_are_split_entries() -> None:
    text = CORPUS.read_text(encoding="utf-8")
    split = list(splitter.split(text))
    scanned = list(splitter.scan(text))
    assert len(split) == len(scanned)
    fast = strings = comments = texts = 0
    for a, b in zip(split, scanned, strict=True):
        if isinstance(b, splitter.FastEntry):
            fast += 1
            entry = getattr(a, "ignore_error_block", a)
            assert (b.start_line, b.entry_type, b.key, b.raw) == (
                a.start_line,
                entry.entry_type,
                entry.key,
                entry.raw,
            )
            assert b.fields == [(f.key, f.value) for f in entry.fields]
            assert b.field_lines is None
        elif isinstance(b, splitter.FastString):
            strings += 1
            assert type(a) is String
            assert (b.start_line, b.key, b.value, b.raw) == (a.start_line, a.key, a.value, a.raw)
        elif isinstance(b, splitter.FastComment):
            comments += 1
            assert type(a) is ImplicitComment
            assert (b.start_line, b.raw, b.raw) == (a.start_line, a.raw, a.comment)
        elif isinstance(b, splitter.FastText):  # @preamble and @comment
            texts += 1
            assert type(a) is (Preamble if b.preamble else ExplicitComment)
            value = a.value if b.preamble else a.comment
            assert (b.start_line, b.value, b.raw) == (a.start_line, value, a.raw)
        else:
            assert type(a) is type(b)
            assert a.raw == b.raw
    assert fast > 6000
    assert strings > 1000
    assert comments >= 1
    assert texts >= 1


# -- names: splitting that jumps from brace to brace ------------------------------------------

_AND = re.compile(r"\s+and\s+", re.IGNORECASE)


def plain_split_names(value: str) -> list[str]:
    if "{" not in value:
        return [n for n in (p.strip() for p in _AND.split(value)) if n]
    out: list[str] = []
    depth = start = i = 0
    while i < len(value):
        c = value[i]
        if c == "{":
            depth += 1
        elif c == "}":
            depth = max(0, depth - 1)
        elif depth == 0 and c in " \t\n" and value[i + 1 : i + 4].lower() == "and":
            m = _AND.match(value, i)
            if m:
                out.append(value[start:i])
                start = i = m.end()
                continue
        i += 1
    out.append(value[start:])
    return [s for s in (x.strip() for x in out) if s]


def plain_split_level0(text: str, seps: str) -> list[str]:
    out: list[str] = []
    depth = 0
    cur: list[str] = []
    for c in text:
        if c == "{":
            depth += 1
        elif c == "}":
            depth = max(0, depth - 1)
        elif depth == 0 and c in seps:
            out.append("".join(cur))
            cur = []
            continue
        cur.append(c)
    out.append("".join(cur))
    return out


_NAME_PIECES = ["{", "}", " ", "\t", "\n", "and", "AND", "And", "andrew", "a", ",", "~", "\\"]
# letters whose case mapping is not one plain letter to one (İ lower-cases to two characters)
_NAME_PIECES += ["\u0130", "\u212a", "\u017f", "\u0131nd", "ANd"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from([*_NAME_PIECES, "é", " and "]), max_size=16).map("".join))
def test_name_splitting_char_by_char(value: str) -> None:
    from biblioconv.formats.bibtex import names

    assert names.split_names(value) == plain_split_names(value)
    for seps in (",", " \t\n~"):
        assert names._split_level0(value, seps) == plain_split_level0(value, seps)


# -- pages: a range without making the model ----------------------------------------------------


def _model_pages(value: str) -> dict[str, object]:
    from biblioconv.model import PageRange

    return PageRange.parse(latex.decode(value)).model_dump(exclude_none=True)


@settings(max_examples=2000, deadline=None)
@given(
    st.lists(st.sampled_from(["1", "23", "e", "A", "-", "--", "–", " ", ",", "{", "}"]), max_size=8)
)
def test_pages_as_the_model_parses_them(parts: list[str]) -> None:
    from biblioconv.formats.bibtex import values

    value = "".join(parts)
    assert values.pages(value, None) == _model_pages(value)  # type: ignore[arg-type]


def _corpus_values(*fields: str) -> list[str]:
    """The raw values of these fields (lower-case names) in the corpus's plain entries."""
    text = CORPUS.read_text(encoding="utf-8")
    return [
        v
        for b in splitter.scan(text)
        if isinstance(b, splitter.FastEntry)
        for k, v in b.fields
        if k.lower() in fields
    ]


def test_pages_of_the_corpus() -> None:
    from biblioconv.formats.bibtex import values

    pages = _corpus_values("pages")
    assert len(pages) > 4000
    for v in pages:
        inner = v[1:-1] if v[:1] in '{"' else v
        assert values.pages(inner, None) == _model_pages(inner)  # type: ignore[arg-type]


# -- names: the common forms without the rules ------------------------------------------------


def _names_by_rules(name: str) -> object:
    """A name as BibTeX's rules read it, every part decoded (no fast path)."""
    from biblioconv.formats.bibtex import names

    name = name.strip()
    if names._is_single_group(name):
        return names.parse_name.__wrapped__(name)
    return names._by_rules(name, names._join)


_NAME_WORDS = ["Ann", "ann", "van", "Ⓐnn", "ǅ", "Émile", "émile", "1", "-", "--", "Jr", "{Ann}"]
_NAME_WORDS += ["{\\'E}mile", "\\'emile", "~", ""]
_NAME_SEPS = [" ", "  ", "\t", ",", ", ", " , ", "~"]
_names = st.lists(
    st.tuples(st.sampled_from(_NAME_WORDS), st.sampled_from(_NAME_SEPS)), max_size=4
).map(lambda pairs: "".join(w + s for w, s in pairs).rstrip(" ,\t~"))


@settings(max_examples=3000, deadline=None)
@given(_names)
def test_names_as_the_rules_read_them(name: str) -> None:
    from biblioconv.formats.bibtex import names

    assert names.parse_name.__wrapped__(name) == _names_by_rules(name)


def test_names_of_the_corpus() -> None:
    from biblioconv.formats.bibtex import names

    values = _corpus_values("author", "editor")
    found = [n for v in values for n in names.split_names(v.strip('{}"'))]
    assert len(found) > 10_000
    for name in found:
        assert names.parse_name.__wrapped__(name) == _names_by_rules(name), name


def test_a_plain_bibtex_file_is_read_without_loading_bibtexparser(tmp_path: Path) -> None:
    """Entries, ``@string``, ``@preamble`` and ``@comment`` blocks and comments the fast path
    reads need neither bibtexparser nor pylatexenc (about 3% of converting one entry); what it
    leaves (here a block in parentheses) loads them."""
    import subprocess
    import sys

    plain = tmp_path / "plain.bib"
    plain.write_text(
        "% exported\n@string{j = {J. Tests}}\n"
        "@article{doe, author={Doe, Jane}, title={On {DNA}}, journal=j, year=2020}\n",
        encoding="utf-8",
    )
    plain.write_text(
        '@preamble{"\\newcommand{\\x}{y}"}\n@comment{jabref-meta: x;}\n' + plain.read_text(),
        "utf-8",
    )
    fallback = tmp_path / "parentheses.bib"
    fallback.write_text('@preamble("\\newcommand{\\x}{y}")\n' + plain.read_text(), "utf-8")
    code = (
        "import sys, biblioconv\n"
        "print(len(list(biblioconv.read(sys.argv[1]))), "
        "'bibtexparser' in sys.modules, 'pylatexenc' in sys.modules)\n"
    )
    for source, loaded in ((plain, "False False"), (fallback, "True True")):
        res = subprocess.run(
            [sys.executable, "-c", code, str(source)], capture_output=True, text=True, check=True
        )
        assert res.stdout.split() == ["1", *loaded.split()]
