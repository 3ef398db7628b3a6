"""The fast splitter gives exactly the blocks bibtexparser's splitter gives: on the real corpus,
on hand-written tricky input and on generated input."""

from __future__ import annotations

from typing import Any

import pytest
from bibtexparser.model import Block, DuplicateBlockKeyBlock
from bibtexparser.splitter import Splitter
from hypothesis import given, settings
from hypothesis import strategies as st
from testsupport import SHARED

from biblioconv.formats.bibtex import splitter
from biblioconv.formats.bibtex.reader import _byte_chunks


def _norm(block: Block) -> dict[str, Any]:
    if isinstance(block, DuplicateBlockKeyBlock):  # bibtexparser's library wraps repeated keys
        block = block.ignore_error_block
    out: dict[str, Any] = {
        "class": type(block).__name__,
        "line": block.start_line,
        "raw": block.raw,
    }
    for name in ("key", "entry_type", "value", "comment", "duplicate_keys"):
        if hasattr(block, name):
            out[name] = getattr(block, name)
    inner = getattr(block, "entry", None)
    fields = getattr(block, "fields", None) or getattr(inner, "fields", None)
    if fields is not None:
        out["fields"] = [(f.key, f.value, f.start_line) for f in fields]
    if hasattr(block, "error"):
        out["error"] = str(getattr(block.error, "abort_reason", block.error))
    return out


def _same(text: str) -> list[dict[str, Any]]:
    expected = [_norm(b) for b in Splitter(text).split().blocks]
    got = [_norm(b) for b in splitter.split(text)]
    assert got == expected
    return got


@pytest.mark.parametrize("name", ["bibtex-real.bib"])
def test_real_corpus_identical(name: str) -> None:
    blocks = 0
    with (SHARED / "corpus" / name).open("rb") as fh:
        for chunk, _ in _byte_chunks(fh, 1 << 30):
            blocks += len(_same(chunk.decode("utf-8")))
    assert blocks > 6000


TRICKY = [
    "@article{k, title = {A {nested {deep}} title}, year = 2020}",
    '@article{k, title = "Quoted, with comma", author = "Schr\\"odinger, E."}',
    '@article{k, title = "a {"} b"}',
    '@article{k, title = {x} # " y " # macro, }',
    "@article{k,\n  title = {x},\n  title = {y}\n}",  # repeated field
    "@article{k}",  # no fields
    "@article(k, title = {paren})",
    '@string{a = {A}}\n@string{b = "x}y"}\n@String{c = a # b}',
    "@stringx{k, title = {t}}",
    '@comment{ anything {here} }\n@preamble{"\\newcommand{\\x}{y}"}',
    "text before\n\n  @misc{a, note = {user@example.org}}\ntrailing text\n",
    "@misc{a, title = {open\n@misc{b, title = {ok}}",  # unclosed, then a new block
    "@misc{a, title = {x}\n@misc{b, title = {y}}",  # missing closing brace
    "@misc{a, title = {esc \\{ brace}}",
    "@misc{a, title = esc\\{, year = 1}",
    "@misc{a, title = {line\\\nbreak}, year = {2}}",
    "@misc{a, title = {" + "{" * 12 + "deep" + "}" * 12 + "}}",
    "@misc{a, = {nokey}}",
    "@misc{a, title = {x}, , year = 1}",
    "@misc{a,\n title = {x},\n}\n\n\n   @misc{b,\n year = 1\n}",
    "mid line @misc{a, year = 1} and @book{b, year = 2}",
    "@misc{a, title = {x}}@misc{b, title = {y}}",
    "@misc { a , title = {x} }",
    "@MISC{A, TITLE={X}}",
    "@misc{a, title = {x}",  # end of text inside a block
    '@misc{a, title = "x, year = 1}',
    '@PREAMBLE {"a" # "{b}"}\n@Comment{ x {y} z }\n@commentary{t}',
    "@preamble{ open {brace }\n@misc{a, year = 1}",  # unclosed, then a new block
    "@comment{ a\\} b }",  # an escaped brace
    "@preamble{a\\\nb}\n@misc{a, year = 1}",  # a backslash before a newline
    "@comment{" + "{" * 12 + "deep" + "}" * 12 + "}",
    '@comment{ "unbalanced quote }\n@misc{a, year = 1}',
]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_input_identical(text: str) -> None:
    _same(text)


_PIECES = st.sampled_from(
    [
        "@article{",
        "@string{",
        "@comment{",
        "@preamble{",
        "@misc(",
        "key,",
        " title = ",
        "author=",
        "{",
        "}",
        '"',
        ",",
        "=",
        "#",
        "\\",
        "\\{",
        "\n",
        "  ",
        "@",
        "x",
        "2020",
        "Ü",
        '{\\"u}',
        ")",
        "\n@misc{k2, year = 1}\n",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_generated_input_identical(text: str) -> None:
    _same(text)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["title", "author", "year", "note"]),
            st.text(alphabet='ab {}",\\@\n#=', max_size=20),
        ),
        max_size=5,
    )
)
def test_generated_entries_identical(fields: list[tuple[str, str]]) -> None:
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
    _same(f"@article{{key,\n{body}\n}}\n\n@misc{{after, year = 2000}}\n")


def _depth(text: str) -> int:
    """Deepest unescaped brace nesting, counted one brace at a time."""
    depth = deepest = 0
    for i, ch in enumerate(text):
        if ch in "{}" and (i == 0 or text[i - 1] != "\\"):
            if ch == "{":
                depth += 1
                deepest = max(deepest, depth)
            elif depth:
                depth -= 1
    return deepest


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="{}\\x", max_size=60), st.integers(min_value=0, max_value=8))
def test_quick_nesting_proof_is_sound(text: str, limit: int) -> None:
    from biblioconv.formats.bibtex.reader import _nesting_within

    if _nesting_within(text, limit):
        assert _depth(text) <= limit
    balanced = text.replace("\\", "").replace("{", "").replace("}", "")
    assert _nesting_within(balanced, limit)


@pytest.mark.parametrize("depth", [3, 99, 100, 101, 150])
def test_nesting_limit_exact_at_the_boundary(depth: int) -> None:
    import biblioconv
    from biblioconv.errors import LimitExceeded

    text = (
        "@misc{k, title = " + "{" * depth + "x" + "}" * depth + "}\n" + "@misc{j, year = 1}\n" * 60
    )
    if depth + 1 <= 100:  # the entry's own brace counts too
        assert len(list(biblioconv.read(text.encode(), "bibtex"))) == 61
    else:
        with pytest.raises(LimitExceeded, match="braces nested deeper than 100"):
            list(biblioconv.read(text.encode(), "bibtex"))
