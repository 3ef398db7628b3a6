"""Case protection of titles on the way to BibTeX, for sources that have none.

BibTeX and BibLaTeX styles that set titles in sentence case lowercase every letter outside braces,
so ``PRISMA`` would print as ``prisma``. Authors of ``.bib`` files brace such words; titles from
RIS, DataCite, Dublin Core or plain CSL-JSON carry no such marks. :func:`protect_words` marks what
a careful author would brace: a word with a capital letter after its first character
(``PRISMA``, ``COVID-19``, ``SARS-CoV-2``, ``mRNA``, ``iPhone``, ``3D``). The parts of a
hyphenated word are judged one by one, so title-case compounds (``Self-Efficacy``) are left alone,
and so is a title with no lower-case letter at all (it is all capitals, not acronyms).
"""

from __future__ import annotations

import re

from biblioconv.formats.bibtex.latex import NOCASE_CLOSE, NOCASE_OPEN

__all__ = ["protect_words"]

_TAGS = re.compile(
    r'(<span class="nocase">|<span style="font-variant:small-caps;">|</span>'
    r"|<i>|</i>|<b>|</b>|<sup>|</sup>|<sub>|</sub>)"
)
_TOKEN = re.compile(r"\S+")
_EDGE = re.compile(r"^[^\w]+|[^\w]+$")
_PARTS = re.compile(r"[-/‐–]")


def _needs_protection(word: str) -> bool:
    if "$" in word or "\\" in word:
        return False
    return any(any(ch.isupper() for ch in part[1:]) for part in _PARTS.split(word) if len(part) > 1)


def protect_words(text: str) -> tuple[str, list[str]]:
    """Rich text with the words to protect in nocase spans, and those words.

    Text that already has nocase spans, or has no lower-case letter, is returned unchanged.
    """
    if NOCASE_OPEN in text or not any(ch.islower() for ch in text):
        return text, []
    words: list[str] = []

    def mark(m: re.Match[str]) -> str:
        token = m.group(0)
        core = _EDGE.sub("", token)
        if not core or not _needs_protection(core):
            return token
        start = token.index(core)
        words.append(core)
        return token[:start] + NOCASE_OPEN + core + NOCASE_CLOSE + token[start + len(core) :]

    parts = _TAGS.split(text)
    for i in range(0, len(parts), 2):  # text between tags
        parts[i] = _TOKEN.sub(mark, parts[i])
    return "".join(parts), words
