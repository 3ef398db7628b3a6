"""CSL ``text-case`` transformations, following the reference processor (citeproc-js).

Text is split at punctuation, quotes and markup into segments; words inside protected spans
(``nocase``, small caps, sub/superscript) are never changed. Title case capitalises lower-case
words except stop words (unless first, after ``:``/``?``/``!``, last, or before a hyphen in the
text's first segment);
words that already hold capitals are left alone.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .markup import NOCASE, NODECOR, SMALLCAPS, SUB, SUP

__all__ = ["STOP_WORDS", "apply_text_case"]

#: Stop words of citeproc-js (``CSL.SKIP_WORDS``), not capitalised in title case.
STOP_WORDS = frozenset(
    [
        "about",
        "above",
        "across",
        "afore",
        "after",
        "against",
        "al",
        "along",
        "alongside",
        "amid",
        "amidst",
        "among",
        "amongst",
        "anenst",
        "apropos",
        "apud",
        "around",
        "as",
        "aside",
        "astride",
        "at",
        "athwart",
        "atop",
        "barring",
        "before",
        "behind",
        "below",
        "beneath",
        "beside",
        "besides",
        "between",
        "beyond",
        "but",
        "by",
        "circa",
        "despite",
        "down",
        "during",
        "et",
        "except",
        "for",
        "forenenst",
        "from",
        "given",
        "in",
        "inside",
        "into",
        "lest",
        "like",
        "modulo",
        "near",
        "next",
        "notwithstanding",
        "of",
        "off",
        "on",
        "onto",
        "out",
        "over",
        "per",
        "plus",
        "pro",
        "qua",
        "sans",
        "since",
        "than",
        "through",
        "thru",
        "throughout",
        "thruout",
        "till",
        "to",
        "toward",
        "towards",
        "under",
        "underneath",
        "until",
        "unto",
        "up",
        "upon",
        "versus",
        "vs.",
        "v.",
        "vs",
        "v",
        "via",
        "vis-à-vis",
        "with",
        "within",
        "without",
        "or",
        "yet",
        "so",
        "and",
        "nor",
        "a",
        "an",
        "the",
        "de",
        "d'",
        "von",
        "van",
        "c",
        "ca",
    ]
) | {
    "according to",
    "ahead of",
    "apart from",
    "as for",
    "as of",
    "as per",
    "as regards",
    "aside from",
    "back to",
    "because of",
    "close to",
    "due to",
    "except for",
    "far from",
    "inside of",
    "instead of",
    "near to",
    "next to",
    "on to",
    "out from",
    "out of",
    "outside of",
    "prior to",
    "pursuant to",
    "rather than",
    "regardless of",
    "such as",
    "that of",
    "up to",
    "where as",
}

_PROTECT_OPEN = {
    NOCASE[0]: NOCASE[1],
    NODECOR[0]: NODECOR[1],
    SMALLCAPS[0]: SMALLCAPS[1],
    SUB[0]: SUB[1],
    SUP[0]: SUP[1],
}
# An apostrophe between letters belongs to its word (held as a private character meanwhile).
_APOSTROPHE_RE = re.compile("(?<=\\w)['\u2019](?=\\w)")
_HELD = {"'": "\ue0f0", "\u2019": "\ue0f1"}
_RELEASE_RE = re.compile("[\ue0f0\ue0f1]")
_RELEASED = {v: k for k, v in _HELD.items()}
_TAG_RE = re.compile(
    "(\u2018|\u2019|\u201c|\u201d| \"| '|\"|'|[-\u2013\u2014/.,;?!:]|\\[|\\]|\\(|\\)|[\ue000-\ue01f])"
)
_WORD_SPLIT_RE = re.compile("([\u00a0\u0020\u2000-\u200b\u205f\u3000]+)")
# Words title case leaves as they are, as citeproc-js does: an elided article or preposition
# ("d’un", "l’aide") and a lower-case word with a digit ("v2", "mp3").
_KEEP_WORD_RE = re.compile("[a-z][\ue0f0\ue0f1]|[^\\W\\d]*[a-z][^\\W\\d]*\\d")


def _capitalise(word: str) -> str:
    match = re.match(r"(\s*)(.)(.*)", word, re.DOTALL)
    if match and not (re.match("[\u0370-\u03ff]$", match.group(2)) and not match.group(3)):
        return match.group(1) + match.group(2).upper() + match.group(3)
    return word


#: Languages whose dotted and dotless i change case in pairs of their own (i/İ, ı/I).
_DOTTED_I_LANGUAGES = frozenset({"tr", "az"})
_TO_UPPER_DOTTED = str.maketrans({"i": "\u0130"})
_TO_LOWER_DOTTED = str.maketrans({"I": "\u0131", "\u0130": "i"})


def _upper(text: str, language: str | None) -> str:
    if language in _DOTTED_I_LANGUAGES:
        text = text.translate(_TO_UPPER_DOTTED)
    return text.upper()


def _lower(text: str, language: str | None) -> str:
    if language in _DOTTED_I_LANGUAGES:
        text = text.translate(_TO_LOWER_DOTTED)
    return text.lower()


class _Engine:
    def __init__(self, mode: str, language: str | None = None) -> None:
        self.mode = mode
        self.language = language
        self.is_first = True
        self.after_punct = False
        self.last_word: tuple[int, int] | None = None
        #: The tag before the segment being cased (a stop word inside a hyphenated compound,
        #: as in "out-of-fashion", stays lower case; one starting it is capitalised).
        self.preceding_tag: str | None = None
        #: Whether the segment goes on a word through an apostrophe ("{BCP}'ed").
        self.continues_word = False

    def words(self, segment: str, index: int, following_tag: str | None) -> str:
        mode = self.mode
        if mode in ("lowercase", "uppercase"):
            if mode == "lowercase":
                return _lower(segment, self.language)
            return _upper(segment, self.language)
        if mode == "sentence":
            parts = segment.split(" ")
            for i, word in enumerate(parts):
                if word:
                    if self.is_first:
                        parts[i] = _capitalise(word)
                        self.is_first = False
                    else:
                        parts[i] = word.lower()
            return " ".join(parts)
        pieces = _WORD_SPLIT_RE.split(segment)
        if mode == "capitalize-first":
            for i in range(0, len(pieces), 2):
                word = pieces[i]
                if word and self.is_first:
                    if word == word.lower():
                        pieces[i] = _capitalise(word)
                    self.is_first = False
                    break
            return "".join(pieces)
        if mode == "capitalize-all":
            for i in range(0, len(pieces), 2):
                word = pieces[i]
                if word and word == word.lower():
                    pieces[i] = _capitalise(word)
            return "".join(pieces)
        # title
        if not segment.strip():
            return segment
        word_indices = [i for i in range(0, len(pieces), 2) if pieces[i]]
        for n, i in enumerate(word_indices):
            word = pieces[i]
            lower = word.lower()
            capitalize = False
            if (n == 0 and self.continues_word) or (
                not self.is_first and not self.after_punct and _KEEP_WORD_RE.match(word)
            ):
                pass
            elif (
                (len(word) > 1 and lower not in STOP_WORDS)
                or (
                    n == len(word_indices) - 1
                    and following_tag == "-"
                    and (lower not in STOP_WORDS or n > 0 or self.preceding_tag != "-")
                )
                or self.is_first
                or self.after_punct
            ):
                capitalize = True
            if capitalize and word == lower:
                pieces[i] = _capitalise(word)
            self.after_punct = False
            self.is_first = False
            self.last_word = (index, i)
        return "".join(pieces)


@lru_cache(maxsize=65536)
def apply_text_case(text: str, mode: str, language: str | None = None) -> str:
    """Apply CSL ``text-case`` ``mode`` to internally marked-up ``text``.

    ``language`` (a two-letter code) selects Turkish and Azerbaijani casing of i and ı in
    ``lowercase`` and ``uppercase``.
    """
    if not text or mode not in (
        "lowercase",
        "uppercase",
        "capitalize-first",
        "capitalize-all",
        "sentence",
        "title",
    ):
        return text
    held = _APOSTROPHE_RE.sub(lambda m: _HELD[m.group(0)], text)
    if held != text:
        cased = apply_text_case(held, mode, language)
        return _RELEASE_RE.sub(lambda m: _RELEASED[m.group(0)], cased)
    parts = _TAG_RE.split(text)
    strings = parts[0::2]
    tags = parts[1::2]
    engine = _Engine(mode, language)
    protect: list[str] = []
    if strings[0].strip():
        strings[0] = engine.words(strings[0], 0, tags[0] if tags else None)
    for i, tag in enumerate(tags):
        if tag in _PROTECT_OPEN:
            protect.append(_PROTECT_OPEN[tag])
        elif protect and tag == protect[-1]:
            protect.pop()
        if mode == "title" and tag in ("!", "?", ":"):
            engine.after_punct = True
        segment = strings[i + 1]
        # citeproc-js hands the following tag to the first segment only: after it, a stop word
        # or single letter before a hyphen stays lower case ("Low-Temperature x-Ray", "on-Line")
        following = None
        if not protect:
            engine.preceding_tag = tag
            before = strings[i] or (tags[i - 1] if i else "")
            engine.continues_word = (
                tag in ("'", "\u2019")
                and bool(before)
                and not before[-1].isspace()
                and segment[:1].isalpha()
            )
            strings[i + 1] = engine.words(segment, i + 1, following)
        elif segment.strip():
            engine.last_word = None
        if segment.strip():
            engine.is_first = False
            engine.after_punct = False
    if mode == "title" and engine.last_word is not None:
        seg_index, word_index = engine.last_word
        pieces = _WORD_SPLIT_RE.split(strings[seg_index])
        last = pieces[word_index]
        if len(last) > 1 and last.lower() in STOP_WORDS:
            pieces[word_index] = _capitalise(last)
            strings[seg_index] = "".join(pieces)
    out: list[str] = [strings[0]]
    for tag, segment in zip(tags, strings[1:], strict=False):
        out.append(tag)
        out.append(segment)
    return "".join(out)
