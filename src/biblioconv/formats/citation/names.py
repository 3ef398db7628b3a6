"""Name formatting as citeproc-js does it: initials of given names, name scripts.

``initialize_with`` follows citeproc-js's treatment of given names under ``initialize-with``:
words are split on spaces and hyphens (and after periods), then either initialised
(``initialize="true"``, the default) or only normalised (``initialize="false"``: existing
initials and abbreviations such as ``Ph.`` get the style's terminator, full words stay).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "PLAIN",
    "PartStyle",
    "format_person",
    "initialize_with",
    "is_cjk",
    "is_romanesque",
    "names_with_markup",
    "parse_particles",
]

# letters of the "romanesque" scripts citeproc-js initialises (Latin, Greek, Cyrillic, Hebrew,
# Arabic, Thai); CJK names are never initialised
_ROMANESQUE = (
    "a-zA-Z\u00c0-\u017f\u0180-\u024f\u0370-\u03ff\u0400-\u052f\u0590-\u05ff"
    "\u0600-\u06ff\u0e01-\u0e5b\u1e00-\u1eff\u1f00-\u1fff"
)
_STARTS_ROMANESQUE = re.compile(f"^[&{_ROMANESQUE}]")
_HAS_ROMANESQUE = re.compile(f"[{_ROMANESQUE}]")
# an initial capital, the letters after it and a period directly after them
_NAME_INITIAL = re.compile(
    "^([A-Z\u00c0-\u017f\u0400-\u042f\u0590-\u05ff\u0600-\u06ff\u0e01-\u0e5b"
    "\u0370\u0372\u0376\u0386\u0388-\u03ab\u03e2-\u03ef\u03f4\u03f7\u03fd-\u03ff])"
    "([a-zA-Z\u00c0-\u017f\u0400-\u052f\u0600-\u06ff\u0370-\u03ff\u1f00-\u1fff\u0e01-\u0e5b]*)"
    "(\\.)?"
)


@functools.cache
def _cjk() -> re.Pattern[str]:
    """CJK letters (compiled when first asked: the class takes 3 ms to compile)."""
    return re.compile(
        "[\u1100-\u11ff\u2e80-\u2fdf\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
        "\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f\U00020000-\U0002fa1f]"
    )


_TRAILING_SPACE_CHARS = "\t\n\x0b\x0c\r \ufeff\u00a0"
_TRAILING_SPACE = re.compile(f"[{_TRAILING_SPACE_CHARS}]+$")
# internal markup markers (see :mod:`.markup`) at the edges of a word
_MARKERS = re.compile("[\ue000-\ue01f]")
_MARKUP_EDGES = re.compile("^([\ue000-\ue01f]*)(.*?)([\ue000-\ue01f]*)$", re.S)
_HYPHEN_SPACES = re.compile(r"\s*-\s*")
_SPACES = re.compile("[\t\n\x0b\x0c\r ]+")
_SEPARATOR = re.compile(r"[-\s]+")


def is_romanesque(text: str) -> bool:
    """Whether ``text`` holds a letter of a script whose names take initials."""
    return bool(_HAS_ROMANESQUE.search(text))


def is_cjk(text: str) -> bool:
    """Whether ``text`` is written in a CJK script (names: family first, no space)."""
    return bool(text) and bool(_cjk().search(text)) and not is_romanesque(text)


def _split(name: str) -> list[str]:
    """Words and the separators between them, alternating (words at even indexes)."""
    words = _SEPARATOR.split(name)
    separators = _SEPARATOR.findall(name)
    if not separators:
        tail = words[0].rsplit(".", 1)[-1]
        if len(tail) == 1 and tail != tail.lower():
            words[0] += "."
    out = [words[0]]
    for separator, word in zip(separators, words[1:], strict=True):
        out += [separator, word]
    return out


def _finish(parts: list[str]) -> str:
    text = _TRAILING_SPACE.sub("", "".join(parts))
    return _SPACES.sub(" ", _HYPHEN_SPACES.sub("-", text)).strip()


def _normalize(parts: list[str], terminator: str) -> str:
    """``initialize="false"``: initials and abbreviations end in the terminator."""
    abbrev = []
    for i, part in enumerate(parts):
        if len(part) > 1 and part.endswith("."):
            parts[i] = part[:-1]
            abbrev.append(True)
        else:
            abbrev.append(len(part) == 1 and part.upper() == part)
    last = len(parts) - 1
    for i in range(0, len(parts), 2):
        if not abbrev[i]:
            continue
        if i < last - 1:
            parts[i + 1] = "" if abbrev[i + 2] else " "
            if len(parts[i + 2]) > 1:
                parts[i + 1] = terminator.rstrip("\ufeff") + parts[i + 1]
            else:
                parts[i + 1] = terminator
        if i == last:
            parts[i] += terminator
    return _finish(parts)


def _initialize(parts: list[str], terminator: str) -> str:
    """``initialize="true"``: each word capitalised in the source becomes its initial."""
    count = len(parts)
    template = "%s" in terminator
    for i in range(0, count, 2):
        # markup around a word (``<b>John</b>``) stays around its initial and terminator
        lead, word, trail = _MARKUP_EDGES.match(parts[i]).groups()  # type: ignore[union-attr]
        if not word:
            continue
        match = _NAME_INITIAL.match(word)
        found = match is not None
        initial, rest, period = match.groups() if match else ("", "", None)
        if not found and template and len(word) > 1 and not _STARTS_ROMANESQUE.match(word):
            found, initial, rest = True, word[0], word[1:]
        if found and rest and period:
            # an abbreviation ("Ph.", "Ts."): kept whole
            initial, rest = initial + rest, ""
        if found and initial[0] == initial[0].upper():
            extra = ""
            if rest:
                caps = ""
                for char in rest:
                    if char != char.upper():
                        break
                    caps += char
                if len(caps) < len(rest):
                    extra = caps.lower()
            if template:
                parts[i] = lead + terminator.replace("%s", initial + extra) + trail
                continue
            mark = terminator.rstrip(_TRAILING_SPACE_CHARS)
            parts[i] = lead + initial + extra + mark + trail
            if i < count - 1:
                hyphen = "-" if "-" in parts[i + 1] else ""
                parts[i + 1] = terminator[len(mark) :] + hyphen
        elif is_romanesque(word) and not (found and period):
            parts[i] = " " + parts[i]
    return _finish(parts)


_INITIALIZED: dict[tuple[str, str, bool, bool], str] = {}
_INITIALIZED_MAX = 8192


def initialize_with(
    given: str, terminator: str, initialize: bool = True, hyphen: bool = True
) -> str:
    """A given name under ``initialize-with="terminator"`` (``initialize`` false: only
    normalised), ``hyphen`` being ``initialize-with-hyphen``."""
    if not given:
        return ""
    key = (str(given), terminator, initialize, hyphen)
    try:
        return _INITIALIZED[key]
    except KeyError:
        pass
    text = _initialize_with(key[0], terminator, initialize, hyphen)
    if len(_INITIALIZED) >= _INITIALIZED_MAX:
        _INITIALIZED.clear()
    _INITIALIZED[key] = text
    return text


def _initialize_with(given: str, terminator: str, initialize: bool, hyphen: bool) -> str:
    plain = _MARKUP_EDGES.match(given).group(2)  # type: ignore[union-attr]
    if plain in ("Lord", "Lady") or (
        not _STARTS_ROMANESQUE.match(plain) and "%s" not in terminator
    ):
        return given
    name = given if hyphen else given.replace("-", " ")
    name = _SPACES.sub(" ", _HYPHEN_SPACES.sub("-", name))
    # a hyphen before a lower-case word ("Guo-ping") joins one name, not two initials
    name = _HYPHEN_LOWER.sub("\u2013\\1", name)
    name = _PERIOD_WORD.sub(". ", name)
    parts = _split(name)
    text = _normalize(parts, terminator) if not initialize else _initialize(parts, terminator)
    return _DASH_LOWER.sub("-\\1", text)


_HYPHEN_LOWER = re.compile("-([a-z])")
_PERIOD_WORD = re.compile("\\.(?=[^ \ue000-\ue01f])")
_DASH_LOWER = re.compile("\u2013([a-z])")


def _identity(text: str) -> str:
    return text


@dataclass(frozen=True)
class PartStyle:
    """A ``cs:name-part``: ``decorate`` (formatting, text case) applies to each piece of its
    part (given name and dropping particle, or family name and non-dropping particle), the
    affixes around the part's group."""

    decorate: Callable[[str], str] = _identity
    prefix: str = ""
    suffix: str = ""

    def wrap(self, text: str) -> str:
        """``text`` between the part's affixes."""
        return self.prefix + text + self.suffix if text else text


PLAIN = PartStyle()
_HYPHENATED_END = ("\u2019", "'", "-", " ")
_ELIDING_END = ("'", "\u02bc", "\u2019", "-")


def _join(pieces: Iterable[str | None], separator: str) -> str:
    """Non-empty ``pieces`` joined; a space separator is left out next to a space (a
    non-breaking space of an affix stays the only one)."""
    out = ""
    for piece in pieces:
        if not piece:
            continue
        if out:
            if separator.isspace() and (out[-1].isspace() or piece[0].isspace()):
                out += separator.strip()
            else:
                out += separator
        out += piece
    return out


def _romanesque_level(family: str, given: str) -> int:
    """0: a name entirely in another script (CJK), 1: mixed, 2: romanesque."""
    if is_romanesque(family.replace('"', "")):
        return 2
    return 1 if given and _STARTS_ROMANESQUE.match(given) else 0


def format_person(
    name: Mapping[str, Any],
    given: str | None,
    *,
    short: bool = False,
    inverted: bool = False,
    sorting: bool = False,
    demote: str = "display-and-sort",
    sort_separator: str = ", ",
    given_style: PartStyle = PLAIN,
    family_style: PartStyle = PLAIN,
) -> str:
    """A personal name as citeproc-js renders it: ``given`` is the (initialised) given name;
    ``inverted`` for name-as-sort-order, ``sorting`` for a sort key."""
    family_raw = str(name.get("family") or "")
    ndp_raw = str(name.get("non-dropping-particle") or "")
    dp_raw = str(name.get("dropping-particle") or "")
    if sorting:
        ndp_raw = re.sub("['\u2019]", "", ndp_raw, count=1)
        dp_raw = re.sub("['\u2019]", "", dp_raw, count=1)
    family = family_style.decorate(family_raw) if family_raw else ""
    ndp = family_style.decorate(ndp_raw) if ndp_raw else ""
    dp = given_style.decorate(dp_raw) if dp_raw else ""
    given_text = given_style.decorate(given) if given else ""
    suffix = str(name.get("suffix") or "")
    hyphenated = ndp_raw.endswith(_HYPHENATED_END)
    if short:
        return _join([ndp, family], "" if hyphenated else " ")
    level = _romanesque_level(family_raw, str(given or ""))
    if level == 0:
        return _join([ndp, family, given_text], "")
    if level == 1:
        return _join([ndp, family, given_text], " ")
    if sorting:
        if demote == "never":
            first = _join([ndp, family, dp], " ")
            return _join([_join([first, given_text], sort_separator), suffix], " ")
        second = _join([given_text, dp, ndp], " ")
        return _join([_join([family, second], sort_separator), suffix], " ")
    if inverted:
        if given in ("Lord", "Lady"):
            sort_separator = ", "
        if demote in ("always", "display-and-sort"):
            second = given_style.wrap(_join([_join([given_text, dp], " "), ndp], " "))
            first = family_style.wrap(family)
        else:
            first = family_style.wrap(_join([ndp, family], "" if hyphenated else " "))
            second = given_style.wrap(_join([given_text, dp], " "))
        return _join([_join([first, second], sort_separator), suffix], sort_separator)
    if dp_raw and family_raw and not ndp_raw and dp_raw.endswith(_ELIDING_END):
        family, dp = dp + family, ""
    if hyphenated:
        second = _join([dp, _join([ndp, family], "")], " ")
    else:
        second = _join([dp, ndp, family], " ")
    second = _join([second, suffix], ", " if name.get("comma-suffix") else " ")
    return _join([given_style.wrap(given_text), family_style.wrap(second)], " ")


_FAMILY_PARTICLE = re.compile("^([^ ]+[-\u2019 '] *)(.+)$", re.S)
_GIVEN_PARTICLE = re.compile("^([^ ]+[\u02bb '] *)(.+)$", re.S)
_PARTICLE_LEAD = re.compile("^[-'\u02bb\u2019\\s]*")
_SUFFIX_COMMA = re.compile(r"\s*,!*\s*")


def _is_particle(word: str) -> bool:
    """A word that starts lower case (``van``, ``d'``, ``al-``) is a particle."""
    rest = _PARTICLE_LEAD.sub("", word)
    return bool(rest) and rest[0].upper() != rest[0]


def _leading_particles(family: str) -> tuple[str, str]:
    """``family`` split into its leading particles and the rest (``van der Vlist``)."""
    particles = ""
    rest = family
    match = _FAMILY_PARTICLE.match(rest)
    while match and _is_particle(match.group(1)):
        particles += match.group(1)
        rest = match.group(2)
        match = _FAMILY_PARTICLE.match(rest)
    stripped = particles.strip()
    if particles.endswith(" ") and stripped.endswith(("'", "\u2019")):
        stripped += " "
    return stripped, rest


def _trailing_particles(given: str) -> tuple[str, str]:
    """``given`` split into the rest and its trailing particles (``Alexander von``)."""
    words: list[str] = []
    rest = given[::-1]
    match = _GIVEN_PARTICLE.match(rest)
    while match and _is_particle(match.group(1)[::-1]):
        words.append(match.group(1)[::-1].strip())
        rest = match.group(2)
        match = _GIVEN_PARTICLE.match(rest)
    return given[: len(rest)].rstrip(), " ".join(reversed(words))


def parse_particles(name: dict[str, Any], source: Mapping[str, Any] | None = None) -> None:
    """Particles and suffix written in the family or given name moved to their own parts, as
    citeproc-js parses names: ``van Gogh`` (non-dropping particle ``van``), ``al-One``,
    ``d'Aubignac``; ``Alexander von`` (dropping particle ``von``); ``John, Jr.`` (suffix).
    Not when the CSL-JSON name (``source``) says ``parse-names: false`` or
    ``static-particles``, nor for a family name in double quotes."""
    family = name.get("family")
    if not family or not name.get("given") or name.get("non-dropping-particle"):
        return
    if source is not None:
        raw = str(source.get("family") or "")
        if source.get("parse-names") in (False, "false", 0) or source.get("static-particles"):
            return
        if len(raw) > 1 and raw.startswith('"') and raw.endswith('"'):
            return
    ndp, rest = _leading_particles(str(family))
    if ndp and rest:
        name["non-dropping-particle"], name["family"] = ndp, rest
    given = str(name["given"])
    comma = _SUFFIX_COMMA.search(given)
    if comma and not name.get("suffix"):
        possible = given[comma.end() :]
        if possible.replace(".", "") == "et al" and not name.get("dropping-particle"):
            name["dropping-particle"] = possible
        elif possible:
            if len(comma.group(0).replace(" ", "")) == 2:
                name["comma-suffix"] = True
            name["suffix"] = possible
        given = given[: comma.start()]
        name["given"] = given
    if not name.get("dropping-particle"):
        rest, dp = _trailing_particles(given)
        if dp and rest:
            name["given"], name["dropping-particle"] = rest, dp


def names_with_markup(name: Mapping[str, Any], rich: Mapping[str, str]) -> dict[str, Any]:
    """``name`` with the parts that have markup (``rich``: part to marked-up text) shown with
    it, where the part is still as given (not changed by particle parsing)."""
    out = dict(name)
    for key, text in rich.items():
        if _MARKERS.sub("", text) == out.get(key):
            out[key] = text
    return out
