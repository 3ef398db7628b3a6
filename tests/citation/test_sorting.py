"""Sort-key collation: punctuation ignored, words kept apart."""

from __future__ import annotations

from biblioconv.formats.citation.sorting import punctuation_ignored


def test_punctuation_ignored() -> None:
    assert punctuation_ignored("simple title, here a") == "simple title here a"
    assert punctuation_ignored("\u201csimple title here b\u201d") == "simple title here b"
    assert punctuation_ignored("dale, zippy") < punctuation_ignored("dalebout, arnie")
    assert punctuation_ignored("  a \u2014  b ") == "a b"
