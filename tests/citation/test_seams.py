"""The seam-aware concatenation returns exactly what citeproc-py's string operators return."""

from __future__ import annotations

from typing import Any

from citeproc.string import MixedString, String, normalize_seam
from citeproc.string import join as cp_join
from hypothesis import given, settings
from hypothesis import strategies as st

from biblioconv.formats.citation import seams

# short texts made of the characters seams care about, with empty strings and markers
_chars = st.sampled_from([" ", ".", ",", ";", ":", "!", "?", "a", "B", "\ue000", "\ue001", "-"])
_plain = st.text(_chars, max_size=4)
_leaf = st.one_of(_plain, _plain.map(String))
_mixed = st.lists(_leaf, max_size=4).map(MixedString)
_text = st.one_of(_plain, _plain.map(String), _mixed)


def _shape(value: Any) -> Any:
    """Type and segments: two results are the same when their shapes are equal."""
    if isinstance(value, MixedString):
        return ("mixed", [(type(seg).__name__, str(seg)) for seg in list.__iter__(value)])
    return (type(value).__name__, str(value))


def _reference_wrap(prefix: Any, text: Any, suffix: Any) -> Any:
    text = normalize_seam(prefix, text)
    combined = prefix + text
    return combined + normalize_seam(combined, suffix)


@settings(max_examples=600, deadline=None)
@given(_text, _text)
def test_concat_matches_citeproc(left: Any, right: Any) -> None:
    assert _shape(seams.concat(left, right)) == _shape(left + right)


@settings(max_examples=600, deadline=None)
@given(_text, _text)
def test_seam_matches_citeproc(left: Any, right: Any) -> None:
    assert _shape(seams.seam(left, right)) == _shape(normalize_seam(left, right))
    assert seams.last_char(left) == str(left)[-1:]
    assert seams.first_char(right) == str(right)[:1]


@settings(max_examples=400, deadline=None)
@given(st.lists(_text, max_size=5), _text)
def test_join_matches_citeproc(items: list[Any], delimiter: Any) -> None:
    assert _shape(seams.join(items, delimiter)) == _shape(cp_join(items, delimiter))


@settings(max_examples=400, deadline=None)
@given(_plain, _text, _plain)
def test_wrap_matches_citeproc_affixes(prefix: str, text: Any, suffix: str) -> None:
    assert _shape(seams.wrap(prefix, text, suffix)) == _shape(_reference_wrap(prefix, text, suffix))


def test_seam_drops_doubled_punctuation_and_spaces() -> None:
    assert str(seams.concat(String("Title."), ". Next")) == "Title. Next"
    assert str(seams.join([String("a "), String(" b")], "")) == "a b"
    assert str(seams.wrap("(", String("2020"), ").")) == "(2020)."
    assert str(seams.concat(MixedString([String("x"), String("")]), String(",y"))) == "x,y"
